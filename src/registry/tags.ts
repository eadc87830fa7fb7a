// Derives default tags from the Git context the way docker/metadata-action users expect.
import { gitRef } from '../github.js'

/** A branch name as a tag: lowercase-safe characters only, at most 128. */
export function sanitizeTag(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

export function defaultTags(env: Record<string, string | undefined>): string[] {
  const tags: string[] = []
  const { tag, pr, branch } = gitRef(env)
  const semver = tag === undefined ? null : /^v?(\d+)\.(\d+)\.(\d+)$/.exec(tag)
  if (semver) {
    const [, major, minor, patch] = semver
    tags.push(`${major}.${minor}.${patch}`, `${major}.${minor}`, `${major}`, 'latest')
  } else if (tag !== undefined) {
    tags.push(sanitizeTag(tag))
  } else if (pr !== undefined) {
    tags.push(`pr-${pr}`)
  } else if (branch !== undefined) {
    tags.push(sanitizeTag(branch))
  }
  const sha = env.GITHUB_SHA ?? ''
  if (/^[0-9a-f]{7,}$/.test(sha)) tags.push(`sha-${sha.slice(0, 7)}`)
  const named = [...new Set(tags.filter(Boolean))]
  return named.length ? named : ['latest']
}
