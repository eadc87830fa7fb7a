// The escaper and the marker, by example and by property (fast-check), rendered by a CommonMark renderer with
// GFM tables and autolinks (markdown-it, linkify on) to show what a reader would see.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { commentMarker } from '../../src/comment/escape.js'
import { code, escapeHtml, escapeMarkdown, MAX_SHOWN } from '../../src/report/escape.js'
import { renderComment } from '../../src/comment/render.js'
import type { Report } from '../../src/report/report.js'
import { BASE_MODULES, BASE_PACKAGES, compared, report } from '../report-samples.js'

// GitHub autolinks www. and scheme URLs and e-mail addresses, not bare domains (GFM "Autolinks (extension)").
const md = new MarkdownIt({ html: true, linkify: true })
md.linkify.set({ fuzzyLink: false })

/** Strings made of what attacks are made of, and of anything at all. */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      ...'<>-!@#|`[]()*_~$\\/:.&;w \n\r\t"\'='.split(''),
      'www.',
      'https://',
      '-->',
      '<!--',
      '&lt;',
      '\u202e',
      '\u200b',
      'a',
      '1'
    ),
    maxLength: 60
  }),
  fc.string({ unit: 'binary', maxLength: 60 })
)

/** What the reader should see: the text with line breaks and invisible characters shown as U+FFFD, cut. */
function shown(s: string): string {
  const chars = [...s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '\uFFFD')]
  return chars.length > MAX_SHOWN
    ? [...chars.slice(0, MAX_SHOWN - 1), '…'].join('')
    : chars.join('')
}

describe('escapeMarkdown', () => {
  it.each([
    ['-->', '--&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[a](https://x.y)', '\\[a\\](https:/&#8203;/x.y)'],
    ['@admin and #12', '@&#8203;admin and \\#&#8203;12'],
    ['a|b', 'a&#124;b'],
    ['www.evil.example', 'www&#8203;.evil.example'],
    ['*x* _y_ ~z~ `c` $m$', '\\*x\\* \\_y\\_ \\~z\\~ \\`c\\` \\$m\\$'],
    ['line\nbreak', 'line\uFFFDbreak'],
    ['golang.org/x/net v0.23.0', 'golang.org/x/net v0.23.0']
  ])('%j', (raw, escaped) => {
    expect(escapeMarkdown(raw)).toBe(escaped)
  })

  it('cuts a long name, with an ellipsis', () => {
    expect([...escapeMarkdown('a'.repeat(5000))]).toHaveLength(MAX_SHOWN)
    expect(escapeMarkdown('a'.repeat(5000)).endsWith('…')).toBe(true)
  })

  it('property: never `-->`, `<`, `>`, a line break or a bare `|`, whatever the input', () => {
    fc.assert(
      fc.property(hostile, s => {
        for (const out of [escapeMarkdown(s), escapeHtml(s)]) {
          expect(out).not.toMatch(/-->|[<>|\n\r]/)
          // A zero-width space after every @ and # (mentions, references): read with the entities decoded.
          const plain = out.replace(/&#8203;/g, '\u200b').replace(/&#124;/g, '¦')
          expect(plain).not.toMatch(/[@#](?!\u200b)/)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('property: renders as exactly the text, alone and in a table cell: no element, link or entity of its own', () => {
    fc.assert(
      fc.property(hostile, s => {
        const want = md.utils.escapeHtml(shown(s)).replace(/\u200b/g, '')
        const strip = (h: string): string => h.replace(/\u200b/g, '')
        expect(strip(md.render(`x${escapeMarkdown(s)}x`))).toBe(`<p>x${want}x</p>\n`)
        const cell = md.render(`| a |\n| --- |\n| x${code(s)}x |\n`)
        expect(strip(cell)).toContain(`<td>x<code>${want}</code>x</td>`)
      }),
      { numRuns: 2000 }
    )
  })

  it('property: in a <summary> line (raw HTML, no Markdown) it is the same text too', () => {
    fc.assert(
      fc.property(hostile, s => {
        const html = md.render(`<details>\n<summary>${escapeHtml(s)}</summary>\n\n</details>\n`)
        const text = /<summary>(.*)<\/summary>/s.exec(html)![1]!
        const decoded = text
          .replace(/&#8203;/g, '')
          .replace(/&#124;/g, '|')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&')
        expect(decoded).toBe(shown(s).replace(/\u200b/g, ''))
      }),
      { numRuns: 1000 }
    )
  })
})

describe('commentMarker', () => {
  it('keeps ordinary keys readable', () => {
    expect(commentMarker('ghcr.io/acme/app')).toBe('<!-- go-scratch-image: ghcr.io/acme/app -->')
    expect(commentMarker('[::1]:5000/a')).toBe('<!-- go-scratch-image: [::1]:5000/a -->')
  })

  it('property: one HTML comment, ended once, whatever the key', () => {
    fc.assert(
      fc.property(hostile, key => {
        const m = commentMarker(key)
        expect(m).toMatch(/^<!-- go-scratch-image: [^<>]* -->$/)
        expect(m.split('-->')).toHaveLength(2)
        expect(md.render(`${m}\nafter`)).toBe(`${m}\n<p>after</p>\n`)
      }),
      { numRuns: 1000 }
    )
  })
})

/** A report whose every string is replaced, in order, by the given ones. */
function withStrings(r: Report, strings: string[]): Report {
  let i = 0
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return strings[i++ % strings.length]
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(r) as Report
}

describe('renderComment with hostile strings everywhere', () => {
  const sample = compared(
    report(
      2_771_234,
      6_603_264,
      [...BASE_PACKAGES, { name: 'encoding/xml', bytes: 262_144 }],
      [...BASE_MODULES.slice(1), { path: 'github.com/google/uuid', version: 'v1.6.0' }]
    ),
    { maxSize: 4_000_000, increase: '5%', failures: ['over'] }
  )
  const OURS = /^<\/?(details|summary|code)>$/

  it('property: the marker is the first line and the only `-->`; every tag in the body is one of ours', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 30 }), strings => {
        const marker = commentMarker('ghcr.io/acme/app')
        const body = renderComment(withStrings(sample, strings), {
          marker,
          runsUrl: 'https://github.com/acme/app/actions/runs/'
        })
        expect(body.startsWith(`${marker}\n`)).toBe(true)
        expect(body.split('-->')).toHaveLength(2)
        const tags = body.slice(marker.length).match(/<[^>]*>?/g) ?? []
        expect(tags.filter(t => !OURS.test(t))).toEqual([])
        const html = md.render(body)
        expect(html).not.toMatch(
          /<(?!\/?(p|h3|strong|ul|li|table|thead|tbody|tr|th|td|code|details|summary)\b)[a-z]/
        )
      }),
      { numRuns: 300 }
    )
  })
})
