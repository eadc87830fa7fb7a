// Go's module version rules (golang.org/x/mod/semver and govulncheck's internal/semver) over the semver package: validity, order, Go tags, and whether an OSV range holds a version.
import semver from 'semver'

/**
 * A Go semantic version: `v`, then MAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]], numbers without leading zeros,
 * prerelease identifiers without leading zeros when numeric (x/mod/semver's parse). Pseudo-versions
 * (v0.0.0-20200101000000-abcdef123456, v1.2.4-0.20200101000000-abcdef123456) are prereleases of it, and
 * +incompatible is build metadata, which the order ignores.
 */
const GO_SEMVER =
  /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/

/** Numbers the semver package holds exactly (it compares numeric identifiers as JavaScript numbers). */
const SAFE_DIGITS = 15

/**
 * The version without `v` and build metadata, shorthand completed (v1 is 1.0.0, v1.2 is 1.2.0), as the semver
 * package reads it; undefined when Go would call it invalid. A number longer than 15 digits is refused too: the
 * semver package would round it.
 */
export function goCanonical(v: string): string | undefined {
  return parsed(v)?.version
}

/** Each version string parsed once: a check compares the same few (the binary's, the ranges' events) over and over. */
const memo = new Map<string, semver.SemVer | undefined>()

function parsed(v: string): semver.SemVer | undefined {
  if (memo.has(v)) return memo.get(v)
  const c = parseGo(v)
  // The semver package refuses what it cannot hold (over 256 characters): invalid here too.
  const version = c === undefined ? undefined : (semver.parse(c) ?? undefined)
  if (memo.size > 10_000) memo.clear()
  memo.set(v, version)
  return version
}

function parseGo(v: string): string | undefined {
  const m = GO_SEMVER.exec(v)
  if (!m) return undefined
  const [, major, minor = '0', patch = '0', pre = ''] = m
  const numbers = [
    major!,
    minor,
    patch,
    ...pre
      .slice(1)
      .split('.')
      .filter(id => /^\d+$/.test(id))
  ]
  if (numbers.some(n => n.length > SAFE_DIGITS)) return undefined
  return `${major}.${minor}.${patch}${pre}`
}

/** x/mod/semver.IsValid. */
export const isGoSemver = (v: string): boolean => goCanonical(v) !== undefined

/** x/mod/semver.Compare: an invalid version is below every valid one and equal to any other invalid one. */
export function compareGo(a: string, b: string): number {
  const x = parsed(a)
  const y = parsed(b)
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1
  return x.compare(y)
}

/**
 * govulncheck's canonicalizeSemverPrefix: OSV versions come bare (1.2.3), module versions with v, toolchain
 * tags with go; all three are compared as v-versions.
 */
export function withV(s: string): string {
  let bare = s.startsWith('v') ? s.slice(1) : s
  if (bare.startsWith('go')) bare = bare.slice(2)
  return `v${bare}`
}

/** govulncheck's semver.Less, for versions with a v, go or no prefix. */
export const less = (a: string, b: string): boolean => compareGo(withV(a), withV(b)) < 0

const GO_TAG = /^go(\d+\.\d+)(\.\d+|)((beta|rc|-pre)(\d+))?$/

/**
 * The standard library's module version for a toolchain: go1.19.8 is v1.19.8, go1.21rc2 v1.21.0-rc.2, go1 v1.0.0
 * (govulncheck's GoTagToSemver); '' for what is no release tag (a devel toolchain).
 */
export function goTagToSemver(tag: string): string {
  const first = tag.trim().split(/\s+/)[0] ?? ''
  if (first === 'go1') return 'v1.0.0'
  const m = GO_TAG.exec(first)
  if (!m || first === 'go1.0') return ''
  let v = `v${m[1]}${m[2] || '.0'}`
  if (m[3]) v += `${m[4]!.startsWith('-') ? '' : '-'}${m[4]}.${m[5]}`
  return v
}

/**
 * The toolchain tag of a standard library version, for display, as govulncheck writes it (SemverToGoTag): v1.20.5
 * is go1.20.5, v1.20.0 go1.20, v1.21.0 go1.21.0, v1.20.0-rc.1 go1.20-rc1.
 */
export function semverToGoTag(v: string): string {
  if (v === 'v1.0.0') return 'go1'
  const c = goCanonical(v)
  if (c === undefined) return v
  const cut = c.indexOf('-')
  const core = cut < 0 ? c : c.slice(0, cut)
  const pre = cut < 0 ? '' : c.slice(cut)
  const [major, minor, patch] = core.split('.') as [string, string, string]
  let tag = `go${major}.${minor}`
  // From go1.21.0 on, the first release of a minor version keeps its .0; prereleases never have one.
  if (patch !== '0' || (!pre && compareGo(v, 'v1.21.0') >= 0)) tag += `.${patch}`
  return tag + pre.replace(/\.(\d+)$/, '$1')
}

export interface RangeEvent {
  introduced?: string
  fixed?: string
}

export interface Range {
  type: string
  events: RangeEvent[]
}

/** The version an event is about; introduced "0" is the beginning of time. */
const eventVersion = (e: RangeEvent): string => e.fixed || e.introduced || ''

/**
 * Whether a SEMVER range holds v, as govulncheck's ContainsSemver: the events in version order (introduced 0
 * first), each introduced opens the range and each fixed closes it, left-closed and right-open.
 */
export function containsSemver(r: Range, v: string): boolean {
  if (r.type !== 'SEMVER') return false
  if (r.events.length === 0) return true
  const sorted = [...r.events].sort((a, b) => {
    if (a.introduced === '0') return -1
    if (b.introduced === '0') return 1
    return compareGo(withV(eventVersion(a)), withV(eventVersion(b)))
  })
  let affected = false
  for (const e of sorted) {
    if (!affected && e.introduced) affected = e.introduced === '0' || !less(v, e.introduced)
    else if (affected && e.fixed) affected = less(v, e.fixed)
  }
  return affected
}

/** govulncheck's Affects: no ranges, or no SEMVER range among them, means every version is affected. */
export function affects(ranges: Range[] | undefined, v: string): boolean {
  const semverRanges = (ranges ?? []).filter(r => r.type === 'SEMVER')
  if (semverRanges.length === 0) return true
  return semverRanges.some(r => containsSemver(r, v))
}

/**
 * The earliest fix above v that no range reopens (govulncheck's FixedVersion), with a v prefix; undefined when
 * there is none.
 */
export function earliestFix(ranges: Range[], v: string): string | undefined {
  const fixes = ranges
    .filter(r => r.type === 'SEMVER')
    .flatMap(r => r.events.map(e => e.fixed ?? ''))
    .filter(f => f !== '' && less(v, f))
    .sort((a, b) => compareGo(withV(a), withV(b)))
  const fix = fixes.find(f => !ranges.some(r => containsSemver(r, f)))
  return fix === undefined ? undefined : withV(fix)
}
