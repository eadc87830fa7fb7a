// Release versions in tags, read with the semver package: a tag's version, and the newest release a repository already has.
import semver from 'semver'

export interface SemVer {
  raw: string
  major: number
  minor: number
  patch: number
  prerelease?: string
}

/** A version as node-semver reads it strictly: semver.org's grammar, with an optional leading v. */
export function parseSemver(raw: string): SemVer | undefined {
  const v = semver.parse(raw.trim())
  if (!v) return undefined
  return {
    raw,
    major: v.major,
    minor: v.minor,
    patch: v.patch,
    ...(v.prerelease.length ? { prerelease: v.prerelease.join('.') } : {})
  }
}

/** Releases in version order; pre-releases never come here. */
const order = (a: SemVer, b: SemVer): number =>
  semver.compare(`${a.major}.${a.minor}.${a.patch}`, `${b.major}.${b.minor}.${b.patch}`)

/**
 * The newest release among a repository's tags that is newer than release, if any: under tags-latest: auto a
 * tag push of an older line (a 1.4.8 fix after 2.0.0) must not move latest back. Tags are read as full semver
 * versions (1.2.3 or v1.2.3) after taking off the flavor's prefix and suffix; pre-releases and partial tags (1.2)
 * do not count.
 */
export function newerRelease(
  release: SemVer,
  existing: string[],
  affix: { prefix: string; suffix: string } = { prefix: '', suffix: '' }
): string | undefined {
  let best: { tag: string; v: SemVer } | undefined
  for (const tag of existing) {
    if (!tag.startsWith(affix.prefix) || !tag.endsWith(affix.suffix)) continue
    const v = parseSemver(tag.slice(affix.prefix.length, tag.length - affix.suffix.length))
    if (!v || v.prerelease || order(v, release) <= 0) continue
    if (!best || order(v, best.v) > 0) best = { tag, v }
  }
  return best?.tag
}
