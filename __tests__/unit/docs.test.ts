// The documentation as a reader meets it: every relative link of README.md, CONTRIBUTING.md, CHANGELOG.md,
// SECURITY.md and docs/*.md resolves inside the repository (anchors by GitHub's heading slugs), every YAML block
// parses, workflows name this action one way, and the README stays short.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const ACTION = 'go-scratch-image/go-scratch-image@v0'
/** Pages another change writes: a link to one may wait for it, and is checked once the page exists. */
const PENDING = new Set<string>([])

const docsPages = readdirSync(path.join(root, 'docs'))
  .filter(f => f.endsWith('.md'))
  .map(f => `docs/${f}`)
const FILES = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'SECURITY.md', ...docsPages]
const read = (rel: string): string => readFileSync(path.join(root, rel), 'utf8')

interface Block {
  lang: string
  text: string
  line: number
}

/** The fenced code blocks, and the text outside them (code blocks blanked, line numbers kept). */
export function splitFences(markdown: string): { prose: string[]; blocks: Block[] } {
  const prose: string[] = []
  const blocks: Block[] = []
  let open: Block | undefined
  let fence = ''
  markdown.split('\n').forEach((line, i) => {
    const m = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
    if (!open && m) {
      fence = m[1]!
      open = { lang: m[2]!.toLowerCase(), text: '', line: i + 1 }
      prose.push('')
    } else if (open && line.trim().startsWith(fence)) {
      blocks.push(open)
      open = undefined
      prose.push('')
    } else if (open) {
      open.text += `${line}\n`
      prose.push('')
    } else prose.push(line)
  })
  return { prose, blocks }
}

/** A heading's anchor as GitHub makes it: markup dropped, lowercase, punctuation but - and _ removed, spaces to -. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Every anchor a page has: its headings' slugs, repeated ones numbered -1, -2 as GitHub numbers them. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const line of splitFences(markdown).prose) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!m) continue
    const base = slug(m[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n ? `${base}-${n}` : base)
  }
  return out
}

/** The link targets of a page's prose (inline code left out), with their line numbers. */
export function links(markdown: string): Array<{ target: string; line: number }> {
  const out: Array<{ target: string; line: number }> = []
  splitFences(markdown).prose.forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '')
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      out.push({ target: m[1]!, line: i + 1 })
    }
  })
  return out
}

/** Why a relative link of file does not resolve, or undefined when it does. */
function broken(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined
  const [rawPath, anchor] = target.split('#') as [string, string | undefined]
  const resolved = rawPath
    ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), decodeURI(rawPath)))
    : file
  if (resolved.startsWith('..') || path.isAbsolute(resolved)) return 'points outside the repository'
  if (!existsSync(path.join(root, resolved))) {
    return PENDING.has(resolved) ? undefined : `${resolved} does not exist`
  }
  if (anchor === undefined) return undefined
  if (!resolved.endsWith('.md') || statSync(path.join(root, resolved)).isDirectory()) {
    return `#${anchor} on a file that is not Markdown`
  }
  return anchors(read(resolved)).has(anchor) ? undefined : `${resolved} has no heading #${anchor}`
}

describe('helpers', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug("Go's caches")).toBe('gos-caches')
    expect(slug('The Dockerfile, and `builder: docker`')).toBe('the-dockerfile-and-builder-docker')
    expect(slug('`go test` first, with actions/setup-go')).toBe(
      'go-test-first-with-actionssetup-go'
    )
    expect(slug('Codecs: gzip 9 against the gzip -9 floor (`bench/image-bytes.mjs`)')).toBe(
      'codecs-gzip-9-against-the-gzip--9-floor-benchimage-bytesmjs'
    )
    expect(slug('[Unreleased]')).toBe('unreleased')
    expect([...anchors('# A\n## B\n## B\n```\n# not a heading\n```\n')]).toEqual(['a', 'b', 'b-1'])
  })

  it('finds links outside code, and judges them', () => {
    expect(
      links('[a](x.md#y) `[b](no.md)` [c](d.md "title")\n```\n[d](z.md)\n```\n[e](f.md)')
    ).toEqual([
      { target: 'x.md#y', line: 1 },
      { target: 'd.md', line: 1 },
      { target: 'f.md', line: 5 }
    ])
    expect(broken('README.md', '../shared/DESIGN.md')).toBe('points outside the repository')
    expect(broken('README.md', 'docs/nothing.md')).toBe('docs/nothing.md does not exist')
    expect(broken('README.md', 'docs/go.md#no-such-heading')).toBe(
      'docs/go.md has no heading #no-such-heading'
    )
    expect(broken('README.md', 'docs/go.md#gos-caches')).toBeUndefined()
    expect(broken('docs/go.md', '#building')).toBeUndefined()
    expect(broken('README.md', 'https://example.com/x')).toBeUndefined()
  })
})

describe('links', () => {
  it.each(FILES)('every relative link of %s resolves inside the repository', file => {
    const bad = links(read(file))
      .map(l => ({ ...l, why: broken(file, l.target) }))
      .filter(l => l.why)
      .map(l => `${file}:${l.line} (${l.target}): ${l.why}`)
    expect(bad).toEqual([])
  })
})

describe('YAML blocks', () => {
  const pages = ['README.md', ...docsPages]

  it.each(pages)('every YAML block of %s parses', file => {
    const bad: string[] = []
    for (const b of splitFences(read(file)).blocks.filter(
      b => b.lang === 'yaml' || b.lang === 'yml'
    )) {
      try {
        parse(b.text)
      } catch (e) {
        bad.push(`${file}:${b.line}: ${(e as Error).message.split('\n')[0]}`)
      }
    }
    expect(bad).toEqual([])
  })

  it.each(pages)(`%s names this action as ${ACTION} only`, file => {
    const text = read(file)
    const uses = splitFences(text)
      .blocks.filter(b => b.lang === 'yaml' || b.lang === 'yml')
      .flatMap(b => [...b.text.matchAll(/uses:\s*(\S+)/g)].map(m => m[1]!))
      .filter(u => u.includes('go-scratch-image'))
    expect(uses.filter(u => u !== ACTION)).toEqual([])
    // In prose and other code too: no other owner, name or version of the action.
    const others = [...text.matchAll(/[\w.-]+\/go-scratch-image@[\w.-]+/g)].map(m => m[0])
    expect(others.filter(o => o !== ACTION)).toEqual([])
  })

  it('the README shows the three workflows, each using the action', () => {
    const workflows = splitFences(read('README.md'))
      .blocks.filter(b => b.lang === 'yaml')
      .map(
        b =>
          parse(b.text) as { on?: unknown; jobs?: Record<string, { steps?: { uses?: string }[] }> }
      )
      .filter(w => w.on && w.jobs)
    expect(workflows).toHaveLength(3)
    for (const w of workflows) {
      const steps = Object.values(w.jobs!).flatMap(j => j.steps ?? [])
      expect(steps.map(s => s.uses)).toContain(ACTION)
    }
  })
})

describe('pages', () => {
  it('the README is at most 300 lines, none wider than 120 characters outside code blocks', () => {
    const text = read('README.md')
    expect(text.split('\n').length).toBeLessThanOrEqual(300)
    const wide = splitFences(text)
      .prose.map((l, i) => ({ l, i }))
      .filter(({ l }) => [...l].length > 120)
      .map(({ l, i }) => `README.md:${i + 1}: ${[...l].length} characters`)
    expect(wide).toEqual([])
  })

  it('the README lists every page of docs/', () => {
    const listed = new Set(links(read('README.md')).map(l => l.target.split('#')[0]))
    expect(docsPages.filter(p => !listed.has(p))).toEqual([])
  })

  it.each(docsPages)('%s starts with its title and a sentence saying what it is for', file => {
    const lines = read(file).split('\n')
    expect(lines[0]).toMatch(/^# \S/)
    const first = lines.slice(1).find(l => l.trim() !== '') ?? ''
    expect(first).toMatch(/^[A-Z`[]/)
  })
})
