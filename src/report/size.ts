// Computes image sizes from what was built (manifest and blobs) and renders them for logs and the job summary.
import { platformString } from '../platform.js'
import type { BuiltImage } from '../oci/image.js'
import { formatBytes } from '../bytes.js'

export interface LayerSize {
  name: string
  digest: string
  /** Compressed bytes, as the manifest records them. */
  size: number
  /** Bytes of the files the layer unpacks to. */
  uncompressedSize: number
}

export interface PlatformSize {
  platform: string
  /** What one pull transfers: config size + layer sizes from the manifest. */
  size: number
  uncompressedSize: number
  configSize: number
  binarySize: number
  layers: LayerSize[]
}

export function platformSize(image: BuiltImage): PlatformSize {
  // Read the sizes back from the manifest itself, so the report is what a registry and a client see.
  const manifest = JSON.parse(image.manifest.data.toString()) as {
    config: { size: number }
    layers: { size: number; digest: string }[]
  }
  const layers = image.layers.map((l, i) => {
    const d = manifest.layers[i]
    if (!d || d.digest !== l.blob.digest)
      throw new Error(`Manifest layer ${i} does not match the built ${l.name} layer.`)
    return { name: l.name, digest: d.digest, size: d.size, uncompressedSize: l.contentSize }
  })
  const binary = image.layers.find(l => l.name === 'binary')
  return {
    platform: platformString(image.platform),
    size: manifest.config.size + layers.reduce((n, l) => n + l.size, 0),
    uncompressedSize: layers.reduce((n, l) => n + l.uncompressedSize, 0),
    configSize: manifest.config.size,
    binarySize: binary?.contentSize ?? 0,
    layers
  }
}

/** The platform reported in the single-value outputs: the largest. */
export function largest(sizes: PlatformSize[]): PlatformSize {
  return sizes.reduce((a, b) => (b.size > a.size ? b : a))
}

/** Human units with the exact count beside, so a reviewer can do the arithmetic. */
export function bytesCell(n: number): string {
  return `${formatBytes(n)} (${n.toLocaleString('en-US')} B)`
}

/** A share as a percentage with one decimal, or '-' of nothing. */
export function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-'
}

/** Rows of the size table: one per layer, then config and total; header first. */
export function sizeRows(p: PlatformSize): string[][] {
  const rows = [['layer', 'compressed', 'uncompressed', 'share']]
  for (const l of p.layers) {
    rows.push([
      l.name,
      formatBytes(l.size),
      formatBytes(l.uncompressedSize),
      percent(l.size, p.size)
    ])
  }
  rows.push(['config', formatBytes(p.configSize), '-', percent(p.configSize, p.size)])
  rows.push(['total', formatBytes(p.size), formatBytes(p.uncompressedSize), '100%'])
  return rows
}

/** A plain-text table for the log: the first column left-aligned, numbers right-aligned. */
export function textTable(title: string, rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)))
  const line = (r: string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')
  return [title, ...rows.map(line)].join('\n')
}

export function sizeTable(p: PlatformSize): string {
  return textTable(
    `${p.platform}: ${formatBytes(p.size)} (${p.size} bytes) compressed`,
    sizeRows(p)
  )
}
