// Resolves a go-version spec (or a version file) against Go's release list, without any I/O.
import semver from 'semver'
import { InputError } from '../ports.js'

export interface GoFile {
  filename: string
  os: string
  arch: string
  version: string
  sha256: string
  size: number
  kind: string
}

export interface GoRelease {
  version: string
  stable: boolean
  files: GoFile[]
}

export interface ResolvedGo {
  /** The exact version without the "go" prefix, e.g. 1.22.5 or 1.23rc1. */
  version: string
  file: GoFile
}

/** go1.22 -> 1.22.0, go1.21rc2 -> 1.21.0-rc.2, go1.22.5 -> 1.22.5; undefined when it is not a Go version. */
export function goToSemver(goVersion: string): string | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(goVersion.trim())
  if (!m) return undefined
  const [, major, minor, patch, pre, preNum] = m
  const base = `${major}.${minor}.${patch ?? '0'}`
  return pre ? `${base}-${pre}.${preNum}` : base
}

/** The form the tool cache and the go-version output use: 1.22.5, 1.22.0, 1.23.0-rc.1. */
function plain(goVersion: string): string {
  return goVersion.replace(/^go/, '')
}

function archiveFor(release: GoRelease, os: string, arch: string): GoFile | undefined {
  return release.files.find(f => f.os === os && f.arch === arch && f.kind === 'archive')
}

type Candidate = { r: GoRelease; sv: string; file: GoFile }

/** The releases with an archive for the platform, newest first. */
function candidates(releases: GoRelease[], os: string, arch: string): Candidate[] {
  return releases
    .map(r => ({ r, sv: goToSemver(r.version), file: archiveFor(r, os, arch) }))
    .filter((x): x is Candidate => !!x.sv && !!x.file)
    .sort((a, b) => semver.rcompare(a.sv, b.sv))
}

const minorOf = (sv: string): string => `${semver.major(sv)}.${semver.minor(sv)}`

/** The minor lines of the stable releases, newest first. */
function minors(stable: Candidate[]): string[] {
  return [...new Set(stable.map(x => minorOf(x.sv)))]
}

/** What the list offers, for an error: the newest release of each of its three newest lines. */
function offer(offered: Candidate[], floor?: string): string {
  const newest = minors(offered)
    .slice(0, 3)
    .map(m => plain(offered.find(x => minorOf(x.sv) === m)!.r.version))
  return `${floor ? `Newest releases at or above ${floor}` : 'Newest stable releases'}: ${newest.join(', ')}.`
}

/**
 * The releases a fix may suggest above a floor (a go line): the stable ones at or above it, newest first; under a
 * pre-release floor (go 1.24rc1) that line's own candidates too.
 */
function atOrAbove(usable: Candidate[], floor: string): Candidate[] {
  const min = goToSemver(floor)
  if (!min) return []
  const pre = semver.prerelease(min) !== null
  return usable.filter(x => semver.gte(x.sv, min) && (x.r.stable || pre))
}

export interface ResolveOptions {
  /** The input the spec came from, for messages; go-version by default. */
  input?: string
  /** The sentence that tells how to ask for a release the list has; "Set go-version to …" by default. */
  fix?: string
  /** The lowest version a fix may suggest (the go line, for a toolchain line): lower ones would not be used. */
  floor?: string
}

/**
 * Picks the release a spec asks for: "stable", "oldstable", an exact version ("1.22.5",
 * "1.23rc1"), a minor line ("1.22" = its newest patch) or a semver range ("^1.21").
 */
export function resolveGoVersion(
  spec: string,
  releases: GoRelease[],
  os: string,
  arch: string,
  o: ResolveOptions = {}
): ResolvedGo {
  const input = o.input ?? 'go-version'
  const usable = candidates(releases, os, arch)
  const stable = usable.filter(x => x.r.stable)
  const pick = (x: { r: GoRelease; file: GoFile } | undefined): ResolvedGo | undefined =>
    x && { version: plain(x.r.version), file: x.file }

  const s = spec.trim().replace(/^go/, '')
  let found: ResolvedGo | undefined
  if (s === 'stable' || s === 'latest') {
    found = pick(stable[0])
  } else if (s === 'oldstable') {
    const newest = stable[0]
    if (newest) {
      const line = `${semver.major(newest.sv)}.${semver.minor(newest.sv) - 1}`
      found = pick(stable.find(x => `${semver.major(x.sv)}.${semver.minor(x.sv)}` === line))
    }
  } else if (/^\d+\.\d+$/.test(s)) {
    // A minor line means its newest patch, as in go.mod's "go 1.19" or setup-go's "1.22".
    found = pick(stable.find(x => semver.satisfies(x.sv, `~${s}.0`)))
  } else if (goToSemver(s) && /^\d+\.\d+(\.\d+|(rc|beta)\d+)$/.test(s)) {
    found = pick(usable.find(x => x.sv === goToSemver(s)))
  } else if (semver.validRange(s)) {
    found = pick(stable.find(x => semver.satisfies(x.sv, s)))
  } else {
    throw new InputError(
      `${input}: '${spec}' is not a Go version. Use a version such as 1.22 or 1.22.5, a range such as ^1.21, stable or oldstable.`
    )
  }
  if (!found) {
    const offered = o.floor ? atOrAbove(usable, o.floor) : stable
    throw new InputError(
      stable.length === 0
        ? `${input}: no Go release matches '${spec}' for ${os}/${arch}: the release list has no stable release for it. Check go-download-base-url.`
        : offered.length === 0
          ? `${input}: no Go release matches '${spec}' for ${os}/${arch}, and none is at or above ${o.floor} ` +
            `(the newest is ${plain(stable[0]!.r.version)}). Point go-download-base-url at a mirror that has Go ` +
            `${spec}, or lower the version you ask for.`
          : `${input}: no Go release matches '${spec}' for ${os}/${arch}. ${offer(offered, o.floor)} ` +
            (o.fix ?? `Set ${input} to one of them, or to stable.`)
    )
  }
  return found
}

/** The go and toolchain lines of a go.mod or go.work, read as Go's modfile parser reads them. */
export interface GoModLines {
  go?: string
  /** Without the "go" prefix and any "-suffix"/"+suffix"; absent for "toolchain default". */
  toolchain?: string
}

/**
 * Drops comments as Go's lexer does: `//` to the end of the line, outside quoted strings. A `/* … *\/` block
 * is dropped too (Go rejects it in go.mod; here it must not pass for a directive).
 */
function stripComments(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"' || c === '`') {
      const end = c === '`' ? text.indexOf('`', i + 1) : quoteEnd(text, i)
      const stop = end < 0 ? text.length : end + 1
      out += text.slice(i, stop)
      i = stop - 1
    } else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i)
      i = (nl < 0 ? text.length : nl) - 1
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? text.length : end + 2
      // Newlines stay, so a block never joins two lines into one directive.
      out += text.slice(i, stop).replace(/[^\n]/g, ' ')
      i = stop - 1
    } else out += c
  }
  return out
}

function quoteEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"' || text[i] === '\n') return i
  }
  return -1
}

export function parseGoMod(content: string): GoModLines {
  const lines: GoModLines = {}
  let depth = 0
  for (const raw of stripComments(content).split(/\r?\n/)) {
    const text = raw.trim()
    const words = text.split(/\s+/).filter(Boolean)
    if (words.length === 0) continue
    if (depth > 0) {
      if (text.startsWith(')')) depth--
      continue
    }
    if (text.endsWith('(')) {
      depth++
      continue
    }
    if (words.length !== 2) continue
    const [verb, arg] = words as [string, string]
    if (verb === 'go') lines.go = arg
    else if (verb === 'toolchain' && arg !== 'default') {
      // go1.21.3-bigcorp names a build of go1.21.3 (Go's gover.FromToolchain); anything else is not a Go.
      const m = /^go(\d[^+-]*)(?:[+-].*)?$/.exec(arg)
      if (m) lines.toolchain = m[1]
    }
  }
  return lines
}

/** What a version file asks for. */
export interface FileVersion {
  spec: string
  /**
   * The go.mod/go.work line it came from: the go line is a minimum (Go's toolchain rules since 1.21), the
   * toolchain line an exact version. Absent for .go-version and .tool-versions, whose value is a go-version.
   */
  line?: 'go' | 'toolchain'
  /** With a toolchain line, the go line beside it: no toolchain below it is used. */
  goLine?: string
}

/** Reads the wanted Go version from a version file's contents: go.mod/go.work, .go-version or .tool-versions. */
export function versionFromFile(fileName: string, content: string): FileVersion | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  if (base === 'go.mod' || base === 'go.work') {
    const { go, toolchain } = parseGoMod(content)
    const goSv = go && goToSemver(go)
    const tcSv = toolchain && goToSemver(toolchain)
    // A toolchain older than the go line has no effect, as with the go command.
    if (toolchain && (!goSv || !tcSv || semver.gte(tcSv, goSv)))
      return { spec: toolchain, line: 'toolchain', ...(goSv ? { goLine: go } : {}) }
    return go ? { spec: go, line: 'go' } : undefined
  }
  const spec =
    base === '.tool-versions'
      ? /^golang\s+(\S+)/m.exec(content)?.[1]
      : content
          .split('\n')
          .find(l => l.trim() !== '' && !l.trim().startsWith('#'))
          ?.trim()
          .replace(/^go/, '')
  return spec ? { spec } : undefined
}

/** A version to resolve and where it came from. */
export interface GoRequest {
  spec: string
  /** The input that supplied it: go-version, or go-version-file (go.mod). */
  input: string
  /** The version file's name (go.mod), when it came from one. */
  file?: string
  line?: 'go' | 'toolchain'
  /** With a toolchain line, the go line beside it. */
  goLine?: string
}

export interface Resolution extends ResolvedGo {
  /** Lines for the log: how a go line was read. */
  notices: string[]
  /** A minor line that no longer gets security fixes. */
  warnings: string[]
}

/**
 * Resolves a request against the release list. A go.mod/go.work go line is a minimum: its minor's newest patch
 * at or above it, else the newest stable release above it (with a notice). A go line or toolchain line that
 * lands on a minor older than the list's two newest gets a warning: Go fixes security issues only in those.
 */
export function resolveGoRequest(
  req: GoRequest,
  releases: GoRelease[],
  os: string,
  arch: string,
  /** The list's location as it may be shown, for messages. */
  listUrl: string
): Resolution {
  const file = req.file ?? 'the version file'
  const usable = candidates(releases, os, arch)
  const stable = usable.filter(x => x.r.stable)
  let found: ResolvedGo
  const notices: string[] = []
  if (req.line === 'go') {
    const min = goToSemver(req.spec)
    if (!min) {
      throw new InputError(
        `${req.input}: the go line '${req.spec}' of ${file} is not a Go version. Write it as Go does, e.g. go 1.22 or go 1.22.3.`
      )
    }
    const line = minorOf(min)
    const pre = semver.prerelease(min) !== null
    // A prerelease go line (1.23rc1) may be met by a later candidate of its own line.
    const ofLine = usable.find(
      x => minorOf(x.sv) === line && semver.gte(x.sv, min) && (x.r.stable || pre)
    )
    const above = stable.find(x => semver.gte(x.sv, min))
    const pick = ofLine ?? above
    if (!pick) {
      const newest = stable[0]
      throw new InputError(
        `${req.input}: ${file} says go ${req.spec}, newer than any Go release for ${os}/${arch} at ${listUrl} ` +
          `(the newest is ${newest ? plain(newest.r.version) : 'none'}). Lower the go line` +
          (newest ? ` to ${minorOf(newest.sv)} or below` : '') +
          `, point go-download-base-url at a mirror that has Go ${req.spec}, or set go-version.`
      )
    }
    found = { version: plain(pick.r.version), file: pick.file }
    notices.push(
      ofLine
        ? `${file} says go ${req.spec}, a minimum: using Go ${found.version}, the newest patch of ${line}.`
        : `${file} says go ${req.spec}, a minimum, and ${listUrl} has no Go ${line} release at or above it: ` +
            `using Go ${found.version}, the newest stable release. Add a toolchain line to ${file} to pin another.`
    )
  } else {
    // A toolchain below the go line is not used, so the fix never suggests one.
    const floor = req.line === 'toolchain' ? req.goLine : undefined
    const newest = floor ? atOrAbove(usable, floor)[0] : stable[0]
    const fix =
      req.line === 'toolchain'
        ? `Change the toolchain line of ${file} to one of them (e.g. toolchain go${newest ? plain(newest.r.version) : '1.N.P'}), or set go-version.`
        : req.file
          ? `Change ${file} to one of them, or set go-version.`
          : undefined
    found = resolveGoVersion(req.spec, releases, os, arch, { input: req.input, fix, floor })
  }

  const warnings: string[] = []
  const chosen = goToSemver(found.version)
  const supported = minors(stable).slice(0, 2)
  const newest = stable[0]
  if (
    req.line &&
    chosen &&
    newest &&
    supported.length === 2 &&
    semver.lt(chosen, `${supported[1]}.0-0`)
  ) {
    const latest = plain(newest.r.version)
    warnings.push(
      `Go ${found.version} (from the ${req.line} line of ${file}) is no longer supported: Go fixes security ` +
        `issues only in its two newest lines (${supported.join(' and ')}), so the standard library built into ` +
        `this binary gets no security fixes. The newest release is Go ${latest}: set go-version: stable, or ` +
        (req.line === 'toolchain'
          ? `change the toolchain line of ${file} to 'toolchain go${latest}'.`
          : `add the line 'toolchain go${latest}' to ${file}.`)
    )
  }
  return { ...found, notices, warnings }
}

/** The tool cache's name for a version (1.23.0-rc.1) back to Go's (1.23rc1); Go dropped ".0" before 1.21. */
export function semverToGo(sv: string): string {
  const v = semver.parse(sv)
  if (!v) return sv
  const pre = v.prerelease.length === 2 ? `${v.prerelease[0]}${v.prerelease[1]}` : ''
  const line = `${v.major}.${v.minor}`
  if (pre) return `${line}${pre}`
  return v.patch === 0 && semver.lt(sv, '1.21.0') ? line : `${line}.${v.patch}`
}

/**
 * Picks a Go already in the tool cache (as the runner images have several) that satisfies the spec, so the
 * release list need not be fetched. "stable" and "oldstable" always need the list.
 */
export function resolveCached(spec: string, cached: string[]): string | undefined {
  const s = spec.trim().replace(/^go/, '')
  const valid = cached.filter(v => semver.valid(v))
  let range: string
  if (/^\d+\.\d+$/.test(s)) range = `~${s}.0`
  else if (goToSemver(s) && /^\d+\.\d+(\.\d+|(rc|beta)\d+)$/.test(s))
    range = goToSemver(s) as string
  else if (s !== 'stable' && s !== 'latest' && s !== 'oldstable' && semver.validRange(s)) range = s
  else return undefined
  const best = semver.maxSatisfying(valid, range, { includePrerelease: range.includes('-') })
  return best ? semverToGo(best) : undefined
}

/**
 * resolveCached for a request: a go line is a minimum, so any cached patch of its minor at or above it will do
 * (the newest); other requests are resolved as their spec.
 */
export function resolveCachedRequest(req: GoRequest, cached: string[]): string | undefined {
  if (req.line !== 'go') return resolveCached(req.spec, cached)
  const min = goToSemver(req.spec)
  if (!min) return undefined
  const next = `${semver.major(min)}.${semver.minor(min) + 1}.0-0`
  const best = semver.maxSatisfying(
    cached.filter(v => semver.valid(v)),
    `>=${min} <${next}`,
    { includePrerelease: semver.prerelease(min) !== null }
  )
  return best ? semverToGo(best) : undefined
}
