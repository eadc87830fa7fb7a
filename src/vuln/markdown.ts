// Makes text from the vulnerability database inert in GitHub Markdown: no HTML, no links, no mentions, no table breaks.

/** The longest a summary may be in a table cell; the database's summaries are one short line. */
export const MAX_CELL = 200

/**
 * Text from outside as literal Markdown, on one line: every ASCII punctuation mark backslash-escaped (so no
 * emphasis, link, image, autolink (https\:), mention (\@), table pipe or heading survives), and <, > and & as
 * entities (so no HTML tag does). Control characters become spaces; past `max` characters it is cut with "...".
 */
export function mdText(raw: string, max = MAX_CELL): string {
  const spaced = [...raw].map(c => {
    const code = c.codePointAt(0)!
    return code < 0x20 || code === 0x7f ? ' ' : c
  })
  const one = spaced.join('').replace(/\s+/g, ' ').trim()
  const cut = [...one].length > max ? `${[...one].slice(0, max - 3).join('')}...` : one
  return cut.replace(/[!-/:-@[-`{-~]/g, c =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`
  )
}

/** A vulnerability ID, linked to its pkg.go.dev page when it is a Go database ID (the only links we make). */
export function mdId(id: string): string {
  return /^GO-\d{4}-\d{4,}$/.test(id)
    ? `[${mdText(id)}](https://pkg.go.dev/vuln/${id})`
    : mdText(id)
}

/** A Markdown table; every cell is already escaped Markdown. */
export function mdTable(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
  ]
}

/** A folded block: the summary line in sight, the body under it. */
export function mdDetails(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', '']
}
