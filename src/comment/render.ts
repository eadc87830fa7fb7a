// Renders a size report as the pull request's sticky comment: the verdict and totals in sight, the rest in <details>.
// Every string from the report goes through escape.ts: the report may be a fork's (comment-from).
import type { Comparison } from '../report/gate.js'
import type { Report } from '../report/report.js'
import { bytesCell } from '../report/size.js'
import { code, escapeHtml, escapeMarkdown as md } from '../report/escape.js'
import {
  details,
  moduleSection,
  packageSection,
  safeTable,
  signedBytes
} from '../report/summary.js'
import { readVulnSection, type VulnSection } from '../vuln/report.js'
import { vulnNewTable, vulnVerdict } from '../vuln/render.js'

/** What the report is of: its repository, else (no image) its main package, else its digest. */
export function reportName(r: Report): string {
  return r.image || r.binary?.path || r.digest
}

const num = (n: number): string => n.toLocaleString('en-US')
const pct = (delta: number, old: number | undefined): string =>
  old
    ? `${delta > 0 ? '+' : delta < 0 ? '-' : ''}${Math.abs((100 * delta) / old).toFixed(2)}%`
    : 'new'

function verdict(r: Report): string[] {
  const b = r.budget
  const limits = [
    b?.maxSize && `max-size ${md(b.maxSize.raw)} (${num(b.maxSize.bytes)} B)`,
    b?.maxSizeIncrease && `max-size-increase ${md(b.maxSizeIncrease)}`
  ].filter(Boolean)
  if (b?.failures.length) {
    return [':x: **Over budget**', '', ...b.failures.map(f => `- ${md(f)}`), '']
  }
  if (limits.length) return [`:white_check_mark: **Within budget**: ${limits.join(', ')}.`, '']
  return ['No size budget is set (`max-size`, `max-size-increase`).', '']
}

function totals(r: Report): string[] {
  const byPlatform = new Map((r.comparison?.platforms ?? []).map(c => [c.platform, c]))
  const compared = !!r.comparison
  const rows = r.platforms.map(p => {
    const c = byPlatform.get(p.platform)
    const cells = [md(p.platform), bytesCell(p.size)]
    if (compared) {
      cells.push(c ? signedBytes(c.delta) : 'no baseline', c ? pct(c.delta, c.baseline.size) : '-')
    }
    return cells
  })
  const head = ['platform', 'compressed size', ...(compared ? ['delta', 'delta %'] : [])]
  return [...safeTable(head, rows), '']
}

function layerDetails(comparisons: Comparison[]): string[] {
  if (!comparisons.length) return []
  const body = comparisons.flatMap(c => [
    `**${md(c.platform)}** (compressed bytes)`,
    '',
    ...safeTable(
      ['layer', 'baseline', 'this build', 'delta'],
      c.layers.map(l => [
        md(l.name),
        l.old === undefined ? '-' : num(l.old),
        l.new === undefined ? '-' : num(l.new),
        l.delta ? signedBytes(l.delta) : '0'
      ])
    ),
    ''
  ])
  const changed = comparisons.flatMap(c => c.layers.filter(l => l.delta !== 0).map(l => l.name))
  const names = [...new Set(changed)]
  return details(
    `Layers: ${names.length ? `${names.map(escapeHtml).join(', ')} changed` : 'no layer changed'}`,
    body
  )
}

/**
 * The verdict's vulnerability line and the folded table of what is new against the baseline's report, when this
 * run checked (vulnerabilities report or fail). Both sections are validated first: the report may be a fork's.
 */
function vulnLines(r: Report): string[] {
  const now = readVulnSection(r.vulnerabilities)
  if ('missing' in now) return []
  const old = r.comparison && readVulnSection(r.comparison.vulnerabilities)
  const baseline: VulnSection | undefined = old && !('missing' in old) ? old : undefined
  const table = vulnNewTable(now, baseline)
  return [
    `**Known vulnerabilities**: ${vulnVerdict(now, baseline)}.`,
    '',
    ...(table ? [table, ''] : [])
  ]
}

/** The run link is shown only when it is a run of this repository (runsUrl): a report's own could point anywhere. */
function runLink(run: string | undefined, runsUrl: string | undefined): string | undefined {
  if (!run || !runsUrl || !run.startsWith(runsUrl)) return undefined
  return /^\d+(?:\/attempts\/\d+)?$/.test(run.slice(runsUrl.length)) ? run : undefined
}

/**
 * The comment's Markdown for a report written by this run or by another (comment-from). `marker` comes from
 * trusted inputs (commentMarker); `runsUrl` is this repository's `…/actions/runs/`, which the run link must start with.
 */
export function renderComment(r: Report, o: { marker: string; runsUrl?: string }): string {
  const out: string[] = [o.marker, `### Image size: ${code(reportName(r))}`, '']
  out.push(...verdict(r), ...vulnLines(r), ...totals(r))
  if (r.comparison) {
    out.push(`Compared with ${code(r.comparison.baseline)}.`, '')
    const d = r.comparison.packages
    out.push(...moduleSection(d, true), ...packageSection(d, true))
    out.push(...layerDetails(r.comparison.platforms))
  }
  const about = `Go ${md(r.goVersion)} · ${code(r.digest.slice(0, 19))}`
  const run = runLink(r.run, o.runsUrl)
  out.push(run ? `${about} · [the run](${run})` : about)
  return out.join('\n') + '\n'
}
