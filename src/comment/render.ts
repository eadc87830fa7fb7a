// Renders a size report as the pull request's sticky comment: the verdict and totals in sight, the rest in <details>.
// Every string from the report goes through escape.ts: the report may be a fork's (comment-from).
import type { Comparison } from '../report/gate.js'
import type { ModuleChange, PackageDelta, PackageDeltas, Report } from '../report/report.js'
import { formatBytes } from '../report/size.js'
import { code, escapeHtml, escapeMarkdown as md } from './escape.js'

/** What the report is of: its repository, else (no image) its main package, else its digest. */
export function reportName(r: Report): string {
  return r.image || r.binary?.path || r.digest
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
const pct = (delta: number, old: number | undefined): string =>
  old ? `${sign(delta)}${Math.abs((100 * delta) / old).toFixed(2)}%` : 'new'
/** A table whose cells are already safe: numbers we formatted, or names escaped by their builder. */
function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
  ]
}

/** A folded section; `summary` is raw HTML (escapeHtml), as Markdown is not parsed in an HTML block. */
function details(summary: string, body: string[]): string[] {
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
    const cells = [md(p.platform), `${formatBytes(p.size)} (${num(p.size)} B)`]
    if (compared) {
      cells.push(c ? signedBytes(c.delta) : 'no baseline', c ? pct(c.delta, c.baseline.size) : '-')
    }
    return cells
  })
  const head = ['platform', 'compressed size', ...(compared ? ['delta', 'delta %'] : [])]
  return [...table(head, rows), '']
}

function layerDetails(comparisons: Comparison[]): string[] {
  if (!comparisons.length) return []
  const body = comparisons.flatMap(c => [
    `**${md(c.platform)}** (compressed bytes)`,
    '',
    ...table(
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
      ...table(head, packageRows(grew.slice(0, TOP_PACKAGES))),
      ''
    )
  }
  if (shrank.length) {
    const top = [...shrank].sort((a, b) => a.delta - b.delta).slice(0, TOP_PACKAGES)
    body.push(
      `**Shrank** (${shrank.length}${shrank.length > TOP_PACKAGES ? `, top ${TOP_PACKAGES}` : ''})`,
      '',
      ...table(head, packageRows(top)),
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
  out.push(...verdict(r), ...totals(r))
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
