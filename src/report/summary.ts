// Renders the job summary as Markdown: the image, a size table per platform, the baseline comparison and the gate.
import type { Comparison } from './gate.js'
import { comparisonRows } from './gate.js'
import type { PackageSize } from './packages.js'
import type { PackageDeltas } from './report.js'
import { moduleSection, packageSection } from '../comment/render.js'
import { formatBytes, percent, type PlatformSize } from './size.js'
import { imagesTable, type ImageEntry } from '../images/report.js'

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
}

/** Human units with the exact count beside, so a reviewer can do the arithmetic. */
export function bytesCell(n: number): string {
  return `${formatBytes(n)} (${n.toLocaleString('en-US')} B)`
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
  if (r.maxSize || r.gateFailures.length) {
    out.push('### Size budget', '')
    if (r.gateFailures.length) out.push(...r.gateFailures.map(f => `- :x: ${f}`))
    else
      out.push(
        `- :white_check_mark: every platform is within max-size ${r.maxSize!.raw} (${r.maxSize!.bytes.toLocaleString('en-US')} bytes).`
      )
    out.push('')
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
