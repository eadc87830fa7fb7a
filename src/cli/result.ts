// What a finished run prints: the key outputs, one a line.
import { actionOutputs } from '../edge.js'
import type { Result } from '../pipeline/result.js'
import { bytesCell } from '../report/size.js'
import type { VulnSection } from '../vuln/report.js'

const bytes = (n: string | number | undefined): string => bytesCell(Number(n))

/** The check's counts and the reachable IDs (schema-checked GO-… names; the summaries stay in the job summary). */
function vulnLine(v: VulnSection): string {
  if (v.skipped !== undefined)
    return 'not checked (the database could not be used; see the warning above)'
  const ids = v.findings
    .filter(f => f.reachability === 'reachable')
    .map(f => (f.allowed ? `${f.id} (allowed)` : f.id))
  return (
    `${v.reachable} reachable (${v.blocking} not allowed), ${v.moduleOnly} module-only` +
    (ids.length ? `: ${ids.join(', ')}` : '')
  )
}

/**
 * What a finished run reports: the key outputs, one a line. The size tables are not repeated here: the run
 * printed them under "Image size", before the push.
 */
export function resultText(r: Result): string {
  const o = actionOutputs(r)
  const lines: string[] = []
  const row = (name: string, value: string): void =>
    void lines.push(`${`${name}:`.padEnd(19)}${value}`)
  row('digest', String(o.digest))
  if (o['image-ref']) row('image-ref', String(o['image-ref']))
  row('tags', r.pushed ? r.tags.join(', ') : '(not pushed)')
  row('size', `${bytes(o.size)} compressed${r.sizes.length > 1 ? ', the largest platform' : ''}`)
  row('uncompressed-size', bytes(o['uncompressed-size']))
  row('binary-size', bytes(o['binary-size']))
  row('go-version', String(o['go-version']))
  if (o['baseline-size'] !== undefined) {
    row('baseline-size', bytes(o['baseline-size']))
    row('size-delta', `${o['size-delta']} bytes (${o['size-delta-percent']}%)`)
  }
  if (r.vulnerabilities) row('vulnerabilities', vulnLine(r.vulnerabilities))
  if (r.ociLayout) row('oci-layout', `${r.ociLayout} (${r.ociReference})`)
  // Several images: the rows above are the first's; each image in one line.
  if (r.images && r.images.length > 1)
    for (const i of r.images) row(`image ${i.name}`, `${i.imageRef || i.digest}, ${bytes(i.size)}`)
  return `${lines.join('\n')}\n`
}
