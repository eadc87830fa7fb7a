// Renders the job summary as Markdown: the images, a size table per platform, the baseline comparison, the Go
// packages and modules against the baseline, and the gate. The pull request comment (src/comment/render.ts) shows
// the same package and module sections; strings from a report are escaped (escape.ts): it may be a fork's.
import type { Comparison } from './gate.js'
import { comparisonRows } from './gate.js'
import type { PackageSize } from './packages.js'
import type { ModuleChange, PackageDelta, PackageDeltas } from './report.js'
import { formatBytes } from '../bytes.js'
import { bytesCell, percent, type PlatformSize } from './size.js'
import type { ImageEntry } from '../images/entries.js'
import { code, escapeMarkdown as md } from './escape.js'
import { mdText } from '../vuln/markdown.js'
import { vulnSummary } from '../vuln/render.js'
import type { VulnSection } from '../vuln/report.js'

export interface SummaryInput {
  imageRef: string
  digest: string
  tags: string[]
  pushed: boolean
  goVersion: string
  binarySize: number
  sizes: PlatformSize[]
  comparisons: Comparison[]
  maxSize?: { bytes: number; raw: string }
  gateFailures: string[]
  packages?: { platform: string; sizes: PackageSize[] }
  /** Go packages and modules against the baseline's report, when compare-to is set. */
  packageDeltas?: PackageDeltas
  /** Every image of the run; with several, a table of them leads and the rest is about the first. */
  images?: ImageEntry[]
  /** The known vulnerabilities, with vulnerabilities report or fail. */
  vulnerabilities?: VulnSection
  /** vulnerabilities: fail's verdicts (one an image), among gateFailures, shown with the findings rather than the budget. */
  vulnFailures?: string[]
}

function table(rows: string[][]): string {
  const [head, ...body] = rows
  const esc = (c: string): string => c.replace(/\|/g, '\\|')
  return [
    `| ${head!.map(esc).join(' | ')} |`,
    `|${head!.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...body.map(r => `| ${r.map(esc).join(' | ')} |`)
  ].join('\n')
}

function platformTable(p: PlatformSize): string {
  return table([
    ['layer', 'compressed', 'uncompressed', 'share'],
    ...p.layers.map(l => [
      l.name,
      bytesCell(l.size),
      bytesCell(l.uncompressedSize),
      percent(l.size, p.size)
    ]),
    ['config', bytesCell(p.configSize), '-', percent(p.configSize, p.size)],
    ['**total**', `**${bytesCell(p.size)}**`, bytesCell(p.uncompressedSize), '100%']
  ])
}

/** The summary's table of images, one row each; empty for a single image, which the rest of the summary is about. */
export function imagesTable(entries: readonly ImageEntry[]): string {
  if (entries.length < 2) return ''
  const esc = (c: string): string => c.replace(/\|/g, '\\|')
  const rows = entries.map(e => {
    const where = e.imageRefs.length
      ? e.imageRefs.map(r => `\`${r.slice(0, r.indexOf('@'))}\``).join('<br>')
      : '-'
    const tags = e.pushed && e.tags.length ? e.tags.map(t => `\`${t}\``).join(', ') : 'not pushed'
    return `| ${esc(e.name)} | ${esc(where)} | \`${e.digest}\` | ${esc(tags)} | ${bytesCell(e.size)} |`
  })
  return [
    `### ${entries.length} images`,
    '',
    '| image | repository | digest | tags | size |',
    '| --- | --- | --- | --- | ---: |',
    ...rows,
    ''
  ].join('\n')
}

/** How many package changes each direction lists. */
export const TOP_PACKAGES = 10

const num = (n: number): string => n.toLocaleString('en-US')
const sign = (n: number): string => (n > 0 ? '+' : n < 0 ? '-' : '')
/** A signed byte count, human and exact: `+1.20 MiB (+1,258,291 B)`; `0 B` when nothing changed. */
export function signedBytes(n: number): string {
  const abs = Math.abs(n)
  const exact = `${sign(n)}${num(abs)} B`
  return abs < 1024 ? exact : `${sign(n)}${formatBytes(abs)} (${exact})`
}
/** A table whose cells are already safe: numbers we formatted, or names escaped by their builder. */
export function safeTable(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
  ]
}

/** A folded section; `summary` is raw HTML (escapeHtml), as Markdown is not parsed in an HTML block. */
export function details(summary: string, body: string[]): string[] {
  const end = body.length - [...body].reverse().findIndex(l => l !== '')
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    ...body.slice(0, end),
    '',
    '</details>',
    ''
  ]
}

function packageRows(ps: PackageDelta[]): string[][] {
  return ps.map(p => [
    code(p.name),
    p.old === undefined ? 'new' : num(p.old),
    p.new === undefined ? 'gone' : num(p.new),
    signedBytes(p.delta)
  ])
}

/**
 * The Go packages that grew and shrank most. Folded into <details> in the comment, open in the job summary;
 * `missing` is said instead when there is nothing to compare.
 */
export function packageSection(d: PackageDeltas, fold: boolean): string[] {
  if (d.missing) return [`Go packages: not compared, ${md(d.missing)}`, '']
  if (!d.packages.length) return ['Go packages: no package changed size.', '']
  const grew = d.packages.filter(p => p.delta > 0)
  const shrank = d.packages.filter(p => p.delta < 0)
  const most = d.packages.reduce((a, b) => (Math.abs(b.delta) > Math.abs(a.delta) ? b : a))
  const how =
    d.method === 'in place'
      ? 'read from the stripped binary: functions from its pclntab, data by the code that refers to it'
      : 'from an unstripped relink of the same build'
  const body: string[] = [
    `Bytes of the ${md(d.platform ?? '')} binary per Go package, before compression (${how}).`,
    ''
  ]
  if (d.baselineMethod) {
    const what = (m: string): string => (m === 'in place' ? 'read in place' : 'relinked')
    body.push(
      `The baseline's sizes were ${what(d.baselineMethod)} and this build's ${what(d.method ?? 'relink')} (an upgrade of this action): up to about 1% of each package's bytes may be the methods' difference, not the code's.`,
      ''
    )
  }
  if (d.unattributed) {
    body.push(
      `Besides, ${signedBytes(d.unattributed.delta)} that no package accounts for (ELF headers, page alignment of the segments): with the packages, ${signedBytes(d.total + d.unattributed.delta)}, the binary's whole change.`,
      ''
    )
  }
  const head = ['package', 'baseline', 'this build', 'delta']
  if (grew.length) {
    body.push(
      `**Grew** (${grew.length}${grew.length > TOP_PACKAGES ? `, top ${TOP_PACKAGES}` : ''})`,
      '',
      ...safeTable(head, packageRows(grew.slice(0, TOP_PACKAGES))),
      ''
    )
  }
  if (shrank.length) {
    const top = [...shrank].sort((a, b) => a.delta - b.delta).slice(0, TOP_PACKAGES)
    body.push(
      `**Shrank** (${shrank.length}${shrank.length > TOP_PACKAGES ? `, top ${TOP_PACKAGES}` : ''})`,
      '',
      ...safeTable(head, packageRows(top)),
      ''
    )
  }
  const title = `Go packages: ${signedBytes(d.total)} in symbols; most in ${code(most.name, !fold)} (${signedBytes(most.delta)})`
  return fold ? details(title, body) : [`**${title}**`, '', ...body]
}

function moduleLine(m: ModuleChange): string {
  if (m.change === 'added') return `- added ${code(`${m.path} ${m.new}`)}`
  if (m.change === 'removed') return `- removed ${code(`${m.path} ${m.old}`)}`
  return `- ${code(`${m.path} ${m.old} → ${m.new}`)}`
}

/** Modules added, removed or changed version, and the Go version; nothing when none changed. */
export function moduleSection(d: PackageDeltas, fold: boolean): string[] {
  if (!d.modules.length && !d.goVersion) return []
  const lines = d.modules.map(moduleLine)
  if (d.goVersion) lines.unshift(`- Go ${code(`${d.goVersion.old} → ${d.goVersion.new}`)}`)
  const count = (c: ModuleChange['change']): number => d.modules.filter(m => m.change === c).length
  const parts = [
    count('changed') && `${count('changed')} changed`,
    count('added') && `${count('added')} added`,
    count('removed') && `${count('removed')} removed`,
    d.goVersion && 'Go version changed'
  ].filter(Boolean)
  // A handful of module changes is the story of the pull request: shown, not folded.
  if (!fold || lines.length <= 5) return [`**Modules**: ${parts.join(', ')}`, '', ...lines, '']
  return details(`Modules: ${parts.join(', ')}`, lines)
}

export function renderSummary(r: SummaryInput): string {
  const out: string[] = ['## go-scratch-image', '']
  const images = imagesTable(r.images ?? [])
  if (images) out.push(images, `The rest is about ${r.images![0]!.name}.`, '')
  out.push(
    r.pushed
      ? r.tags.length
        ? `Pushed \`${r.imageRef}\` as ${r.tags.map(t => `\`${t}\``).join(', ')}.`
        : `Pushed \`${r.imageRef}\` by digest, without a tag (push-by-digest).`
      : `Built \`${r.digest}\` (not pushed).`,
    ''
  )
  // A merge (merge-digests) runs no Go: the legs did.
  if (r.goVersion) out.push(`Go ${r.goVersion}; binary ${bytesCell(r.binarySize)}.`, '')
  for (const p of r.sizes) {
    out.push(`### ${p.platform}: ${bytesCell(p.size)} compressed`, '', platformTable(p), '')
  }
  for (const c of r.comparisons) {
    const [head, ...rows] = comparisonRows(c)
    const withBytes = rows.map(([name, , , delta, pct], i) => {
      const l = c.layers[i]
      const old = l ? l.old : c.baseline.size
      const now = l ? l.new : c.size
      return [
        name!,
        old === undefined ? '-' : bytesCell(old),
        now === undefined ? '-' : bytesCell(now),
        delta!,
        pct!
      ]
    })
    out.push(
      `### ${c.platform} against \`${c.baseline.reference}\`: ${c.delta > 0 ? '+' : ''}${c.delta.toLocaleString('en-US')} bytes (${c.deltaPercent > 0 ? '+' : ''}${c.deltaPercent}%)`,
      '',
      table([head!, ...withBytes]),
      ''
    )
  }
  if (r.packageDeltas) {
    const d = r.packageDeltas
    out.push(`### Go packages and modules against \`${d.baseline}\``, '')
    out.push(...moduleSection(d, false), ...packageSection(d, false))
  }
  const budgetFailures = r.gateFailures.filter(f => !r.vulnFailures?.includes(f))
  if (r.maxSize || budgetFailures.length) {
    out.push('### Size budget', '')
    if (budgetFailures.length) out.push(...budgetFailures.map(f => `- :x: ${f}`))
    else
      out.push(
        `- :white_check_mark: every platform is within max-size ${r.maxSize!.raw} (${r.maxSize!.bytes.toLocaleString('en-US')} bytes).`
      )
    out.push('')
  }
  if (r.vulnerabilities) {
    out.push(vulnSummary(r.vulnerabilities))
    // The message names modules and versions the database's entries gave: escaped as the findings are.
    for (const f of r.vulnFailures ?? []) out.push(`:x: ${mdText(f, 2000)}`, '')
  }
  if (r.packages?.sizes.length) {
    const total = r.packages.sizes.reduce((n, p) => n + p.bytes, 0)
    out.push(
      `### Biggest Go packages in the binary (${r.packages.platform}, symbol sizes before compression)`,
      '',
      table([
        ['package', 'bytes', 'share'],
        ...r.packages.sizes.map(p => [p.name, bytesCell(p.bytes), percent(p.bytes, total)])
      ]),
      ''
    )
  }
  return out.join('\n')
}
