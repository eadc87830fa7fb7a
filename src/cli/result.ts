// What a finished run prints: the key outputs, one a line.
import { actionOutputs } from '../edge.js'
import type { Result } from '../pipeline/result.js'
import { bytesCell } from '../report/size.js'

const bytes = (n: string | number | undefined): string => bytesCell(Number(n))

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
  if (r.ociLayout) row('oci-layout', `${r.ociLayout} (${r.ociReference})`)
  // Several images: the rows above are the first's; each image in one line.
  if (r.images && r.images.length > 1)
    for (const i of r.images) row(`image ${i.name}`, `${i.imageRef || i.digest}, ${bytes(i.size)}`)
  return `${lines.join('\n')}\n`
}
