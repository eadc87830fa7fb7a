// Derives default tags from the Git context the way docker/metadata-action users expect.

/** A branch name as a tag: lowercase-safe characters only, at most 128. */
export function sanitizeTag(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

export function defaultTags(env: Record<string, string | undefined>): string[] {
  const tags: string[] = []
  const ref = env.GITHUB_REF ?? ''
  let m: RegExpExecArray | null
  if ((m = /^refs\/tags\/v?(\d+)\.(\d+)\.(\d+)$/.exec(ref))) {
    const [, major, minor, patch] = m
    tags.push(`${major}.${minor}.${patch}`, `${major}.${minor}`, `${major}`, 'latest')
  } else if ((m = /^refs\/tags\/(.+)$/.exec(ref))) {
    tags.push(sanitizeTag(m[1] ?? ''))
  } else if ((m = /^refs\/pull\/(\d+)\//.exec(ref))) {
    tags.push(`pr-${m[1]}`)
  } else if ((m = /^refs\/heads\/(.+)$/.exec(ref))) {
    tags.push(sanitizeTag(m[1] ?? ''))
  }
  const sha = env.GITHUB_SHA ?? ''
  if (/^[0-9a-f]{7,}$/.test(sha)) tags.push(`sha-${sha.slice(0, 7)}`)
  const named = [...new Set(tags.filter(Boolean))]
  return named.length ? named : ['latest']
}
