// Makes untrusted text (names from a report another job wrote, maybe a fork's) safe in Markdown: the pull request
// comment's and the job summary's.

/**
 * Characters that begin inline Markdown or GitHub syntax: emphasis and strikethrough, code spans, links, images
 * and footnotes (all need `[`), math (`$`), headings. A backslash makes each literal (CommonMark, "Backslash
 * escapes"). Block syntax needs a line start: escaped text only follows our own text or a list marker, where
 * `-` or `1.` could at most nest a list, and `>` (a quote) is an entity.
 */
const SYNTAX = /[\\`*_[\]!~#$]/
/** HTML's own characters (`<` and `>` also keep `-->` out), and the table's cell separator, which GFM splits on. */
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;' }
/**
 * A zero-width space after `@` and `#` stops what GitHub links after rendering, where escapes no longer count:
 * mentions (`@user`, `@org/team`), e-mail autolinks, and issue references (`#12`, `owner/repo#12`). The same
 * is done after `www` and before `//` so no extended autolink (`www.x`, `https://x`) can form.
 */
const ZWSP = '&#8203;'
/** Line breaks, control and format characters (bidirectional overrides included), which have no place in a name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** The longest name shown; a longer one is cut, with an ellipsis. */
export const MAX_SHOWN = 200

/**
 * Untrusted text as inline Markdown that renders as the same characters and nothing else: no HTML, link, image,
 * mention, reference, emphasis or table cell of its own, and never `-->` or `<` (so it cannot close the marker).
 */
export function escapeMarkdown(raw: string): string {
  return escape(raw, true)
}

/**
 * The same for a raw HTML line (`<summary>` in a `<details>` block), where Markdown is not parsed: entities
 * and the zero-width spaces only, since a backslash would be shown as it is.
 */
export function escapeHtml(raw: string): string {
  return escape(raw, false)
}

function escape(raw: string, markdown: boolean): string {
  const chars = [...raw]
  const shown = chars.length > MAX_SHOWN ? [...chars.slice(0, MAX_SHOWN - 1), '…'] : chars
  let out = ''
  let prev = ''
  for (const c of shown) {
    const ch = INVISIBLE.test(c) ? '\uFFFD' : c
    if (ch === '/' && prev === '/') out += ZWSP
    if (ch === '.' && /www$/i.test(out)) out += ZWSP
    if (ENTITY[ch]) out += ENTITY[ch]
    else if (markdown && SYNTAX.test(ch)) out += `\\${ch}`
    else out += ch
    if (ch === '@' || ch === '#') out += ZWSP
    prev = ch
  }
  return out
}

/** Untrusted text shown as code: <code> keeps GitHub from linking mentions and references inside it. */
export function code(raw: string, markdown = true): string {
  return `<code>${escape(raw, markdown)}</code>`
}
