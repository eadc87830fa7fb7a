// The hidden line that finds the pull request's size comment again; its key comes from trusted inputs only.

/**
 * The hidden line that finds this comment again among the pull request's comments. Its key comes from trusted
 * inputs only (see commentKey in post.ts), and is percent-encoded past a small set anyway, so no key can end
 * the HTML comment (`-->`, `--!>`) or begin another.
 */
export function commentMarker(key: string): string {
  const safe = [...key]
    .map(c =>
      /^[A-Za-z0-9._~/:@+[\]-]$/.test(c)
        ? c
        : [...Buffer.from(c)].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
    )
    .join('')
  return `<!-- go-scratch-image: ${safe} -->`
}
