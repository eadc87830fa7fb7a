// Renders the vulnerability findings as Markdown, everything from the database escaped: the job summary's section, the comment's verdict words against a baseline, and the folded table of what is new.
import { mdDetails, mdId, mdTable, mdText } from './markdown.js'
import { displayVersion } from './match.js'
import type { RunFinding, VulnSection } from './report.js'

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

function row(f: RunFinding): string[] {
  const aliases = f.aliases.length ? ` (${f.aliases.map(a => mdText(a)).join(', ')})` : ''
  const found = f.symbols.length ? f.symbols : f.reachability === 'reachable' ? f.packages : []
  const status =
    f.reachability === 'module-only'
      ? 'module only'
      : f.allowed
        ? `reachable, allowed${f.allowed.reason ? `: ${mdText(f.allowed.reason)}` : ''}`
        : '**reachable**'
  return [
    `${mdId(f.id)}${aliases}<br>${mdText(f.summary)}`,
    mdText(f.module),
    mdText(displayVersion(f.module, f.version)),
    f.fixed ? mdText(displayVersion(f.module, f.fixed)) : 'none yet',
    found.length ? found.map(s => mdText(s)).join('<br>') : '-',
    status
  ]
}

const HEAD = ['vulnerability', 'module', 'found', 'fixed in', 'in the binary', 'status']

/** The job summary's section: reachable findings in sight, module-only ones folded. */
export function vulnSummary(s: VulnSection): string {
  const out = ['### Known vulnerabilities', '']
  if (s.skipped) return [...out, `Not checked: ${mdText(s.skipped, 500)}`, ''].join('\n')
  const db = s.database
    ? ` Checked against ${mdText(s.database.url)} (modified ${mdText(s.database.modified)}).`
    : ''
  const reachable = s.findings.filter(f => f.reachability === 'reachable')
  const moduleOnly = s.findings.filter(f => f.reachability === 'module-only')
  if (s.findings.length === 0) {
    return [...out, `No known vulnerability affects the binary's modules.${db}`, ''].join('\n')
  }
  const allowed = reachable.length - s.blocking
  out.push(
    `**${plural(reachable.length, 'reachable vulnerability', 'reachable vulnerabilities')}**` +
      (allowed ? ` (${allowed} allowed by vuln-allow)` : '') +
      `, ${moduleOnly.length} in a module only.${db}`,
    ''
  )
  if (reachable.length) out.push(...mdTable(HEAD, reachable.map(row)), '')
  if (moduleOnly.length) {
    out.push(
      ...mdDetails(
        `${plural(moduleOnly.length, 'vulnerability', 'vulnerabilities')} in a module only: the vulnerable code is not in the binary`,
        mdTable(HEAD, moduleOnly.map(row))
      )
    )
  }
  for (const [platform, why] of Object.entries(s.symbolsMissing ?? {})) {
    out.push(
      `The function table of the ${mdText(platform)} binary could not be read (${mdText(why)}): every ` +
        `vulnerability of its modules counts as reachable.`,
      ''
    )
  }
  return out.join('\n')
}

const reachableIds = (s: VulnSection): Set<string> =>
  new Set(s.findings.filter(f => f.reachability === 'reachable').map(f => f.id))

/**
 * The comment's verdict words (no Markdown in them): "adds 1 reachable vulnerability, fixes 2" against the
 * baseline's section, "1 reachable vulnerability" without one, "no reachable vulnerabilities" when there are none.
 */
export function vulnVerdict(current: VulnSection, baseline?: VulnSection): string {
  const now = reachableIds(current)
  if (current.skipped) return 'vulnerabilities not checked'
  if (!baseline || baseline.skipped) {
    return now.size
      ? plural(now.size, 'reachable vulnerability', 'reachable vulnerabilities')
      : 'no reachable vulnerabilities'
  }
  const before = reachableIds(baseline)
  const added = [...now].filter(id => !before.has(id))
  const fixed = [...before].filter(id => !now.has(id))
  if (!added.length && !fixed.length) {
    return now.size
      ? `no change in reachable vulnerabilities (${now.size})`
      : 'no reachable vulnerabilities'
  }
  const allowedIds = new Set(current.findings.filter(f => f.allowed).map(f => f.id))
  const addedAllowed = added.filter(id => allowedIds.has(id)).length
  const parts: string[] = []
  if (added.length) {
    parts.push(
      `adds ${plural(added.length, 'reachable vulnerability', 'reachable vulnerabilities')}` +
        (addedAllowed ? ` (${addedAllowed} allowed)` : '')
    )
  }
  if (fixed.length) parts.push(`fixes ${fixed.length}`)
  return parts.join(', ')
}

/**
 * What is new against the baseline, folded: findings whose entry and module the baseline did not have, and
 * module-only ones that became reachable. Empty when nothing is new or there is no baseline to compare with.
 */
export function vulnNewTable(current: VulnSection, baseline?: VulnSection): string {
  if (!baseline || baseline.skipped || current.skipped) return ''
  const before = new Map(baseline.findings.map(f => [`${f.id} ${f.module}`, f]))
  const fresh = current.findings.filter(f => {
    const old = before.get(`${f.id} ${f.module}`)
    return !old || (old.reachability === 'module-only' && f.reachability === 'reachable')
  })
  if (!fresh.length) return ''
  const reachable = fresh.filter(f => f.reachability === 'reachable').length
  const summary =
    `New known vulnerabilities against the baseline: ${reachable} reachable, ` +
    `${fresh.length - reachable} in a module only`
  return mdDetails(summary, mdTable(HEAD, fresh.map(row))).join('\n')
}
