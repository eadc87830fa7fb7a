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

/**
 * Picks the release a spec asks for: "stable", "oldstable", an exact version ("1.22.5",
 * "1.23rc1"), a minor line ("1.22" = its newest patch) or a semver range ("^1.21").
 */
export function resolveGoVersion(
  spec: string,
  releases: GoRelease[],
  os: string,
  arch: string,
  input = 'go-version'
): ResolvedGo {
  const usable = releases
    .map(r => ({ r, sv: goToSemver(r.version), file: archiveFor(r, os, arch) }))
    .filter((x): x is { r: GoRelease; sv: string; file: GoFile } => !!x.sv && !!x.file)
    .sort((a, b) => semver.rcompare(a.sv, b.sv))
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
    const offered = stable
      .slice(0, 5)
      .map(x => plain(x.r.version))
      .join(', ')
    throw new InputError(
      `${input}: no Go release matches '${spec}' for ${os}/${arch}. ` +
        `Newest stable releases: ${offered || 'none'}. Pick one of them or a range such as ^1.21.`
    )
  }
  return found
}

/** Reads the wanted Go version from a version file's contents: go.mod/go.work, .go-version or .tool-versions. */
export function versionFromFile(fileName: string, content: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  if (base === 'go.mod' || base === 'go.work') {
    const toolchain = /^toolchain\s+go(\S+)\s*$/m.exec(content)?.[1]
    const go = /^go\s+(\S+)\s*$/m.exec(content)?.[1]
    return toolchain ?? go
  }
  if (base === '.tool-versions') {
    return /^golang\s+(\S+)/m.exec(content)?.[1]
  }
  const first = content.split('\n').find(l => l.trim() !== '' && !l.trim().startsWith('#'))
  return first?.trim().replace(/^go/, '')
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
