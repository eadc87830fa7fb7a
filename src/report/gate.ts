// The size gate: parses budgets, compares a build with its baseline layer by layer, and says why a build fails.
import { InputError, type Logger, type StageBody } from '../ports.js'
import { formatBytes } from '../bytes.js'
import { platformSize, sizeTable, textTable, type PlatformSize } from './size.js'
import type { BuiltImage } from '../oci/image.js'
import { readBaseline, type Baseline } from '../registry/baseline.js'
import {
  inputsFor,
  openRegistry,
  type RegistryOptions,
  type RegistryPorts
} from '../registry/open.js'
import type { ImageRef, Reference } from '../registry/reference.js'
import type { Platform } from '../platform.js'

// Decimal units are SI (MB = 10^6 bytes, as registries and `docker images` count); binary ones are IEC (MiB = 2^20).
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30
}

/** `10MB`, `12MiB`, `900KB`, `900kB`, `1.5 MB` or plain bytes, to a whole number of bytes. */
export function parseByteSize(raw: string, input: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(raw)
  const unit = UNITS[(m?.[2] ?? 'b').toLowerCase()]
  if (!m || unit === undefined) {
    throw new InputError(
      `${input}: '${raw.trim()}' is not a size. Write bytes or a number with a unit: 900KB, 10MB (MB = 10^6 bytes) or 12MiB (MiB = 2^20 bytes).`
    )
  }
  return Math.round(Number(m[1]) * unit)
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number }

/** `5%` of the baseline, or an absolute `200KB` (any size parseByteSize takes). */
export function parseIncrease(raw: string): Increase | undefined {
  const v = raw.trim()
  if (!v) return undefined
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v)
  if (pct) return { kind: 'percent', value: Number(pct[1]) }
  if (v.includes('%')) {
    throw new InputError(
      `max-size-increase: '${v}' is not a percentage. Write 5% or a size such as 200KB.`
    )
  }
  return { kind: 'bytes', value: parseByteSize(v, 'max-size-increase') }
}

export interface LayerDelta {
  name: string
  old?: number
  new?: number
  delta: number
}

export interface Comparison {
  platform: string
  baseline: Baseline
  size: number
  delta: number
  /** Growth in percent of the baseline, rounded to 0.01. */
  deltaPercent: number
  layers: LayerDelta[]
}

/** Layer by layer, matched by role, so a new zoneinfo layer shows as zoneinfo, not as a shifted binary. */
export function compare(current: PlatformSize, baseline: Baseline): Comparison {
  const names = [
    ...new Set([...current.layers.map(l => l.name), ...baseline.layers.map(l => l.name)])
  ]
  const sum = (xs: { size: number }[]): number | undefined =>
    xs.length ? xs.reduce((n, x) => n + x.size, 0) : undefined
  const layers: LayerDelta[] = names.map(name => {
    const now = sum(current.layers.filter(l => l.name === name))
    const old = sum(baseline.layers.filter(l => l.name === name))
    return { name, old, new: now, delta: (now ?? 0) - (old ?? 0) }
  })
  layers.push({
    name: 'config',
    old: baseline.configSize,
    new: current.configSize,
    delta: current.configSize - baseline.configSize
  })
  const delta = current.size - baseline.size
  return {
    platform: current.platform,
    baseline,
    size: current.size,
    delta,
    deltaPercent: baseline.size ? Math.round((10000 * delta) / baseline.size) / 100 : 0,
    layers
  }
}

const exact = (n: number): string => `${formatBytes(n)} (${n} bytes)`

/** Every way the build breaks its budgets, one sentence each; empty when it keeps them. */
export function gateFailures(
  sizes: PlatformSize[],
  comparisons: Comparison[],
  maxSize: { bytes: number; raw: string } | undefined,
  increase: { rule: Increase; raw: string } | undefined
): string[] {
  const out: string[] = []
  if (maxSize) {
    for (const s of sizes) {
      if (s.size > maxSize.bytes) {
        out.push(
          `max-size: ${s.platform} is ${exact(s.size)}, over the budget of ${maxSize.raw} = ${maxSize.bytes} bytes by ${s.size - maxSize.bytes} bytes.`
        )
      }
    }
  }
  if (increase) {
    for (const c of comparisons) {
      const allowed =
        increase.rule.kind === 'bytes'
          ? increase.rule.value
          : Math.floor((c.baseline.size * increase.rule.value) / 100)
      if (c.delta > allowed) {
        const biggest = [...c.layers].sort((a, b) => b.delta - a.delta)[0]
        out.push(
          `max-size-increase: ${c.platform} grew by ${exact(c.delta)} (${c.deltaPercent}%) over ${c.baseline.reference}, ` +
            `more than the ${increase.raw} allowed (${allowed} bytes); most of it in the ${biggest?.name} layer (${signed(biggest?.delta ?? 0)} bytes).`
        )
      }
    }
  }
  return out
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`
}

/** Rows of the comparison table: per layer old, new and delta, then the total; header first. */
export function comparisonRows(c: Comparison): string[][] {
  const cell = (n?: number): string => (n === undefined ? '-' : formatBytes(n))
  const pct = (d: number, old?: number): string =>
    old ? `${d > 0 ? '+' : ''}${((100 * d) / old).toFixed(1)}%` : old === undefined ? 'new' : '-'
  return [
    ['layer', 'baseline', 'this build', 'delta', 'delta %'],
    ...c.layers.map(l => [l.name, cell(l.old), cell(l.new), signed(l.delta), pct(l.delta, l.old)]),
    ['total', cell(c.baseline.size), cell(c.size), signed(c.delta), pct(c.delta, c.baseline.size)]
  ]
}

export function comparisonTable(c: Comparison): string {
  return textTable(
    `${c.platform} against ${c.baseline.reference}: ${signed(c.delta)} bytes (${c.deltaPercent}%)`,
    comparisonRows(c)
  )
}

/**
 * Reads compare-to with pull access only (anonymous, or the credentials the registry is known by), and compares
 * each platform built with the baseline's.
 */
export async function compareWithBaseline(
  o: {
    compareTo?: Reference
    image?: ImageRef
    platforms: Platform[]
    registry: RegistryOptions
  },
  ports: RegistryPorts,
  sizes: PlatformSize[]
): Promise<Comparison[]> {
  const ref = o.compareTo!
  const client = await openRegistry(o.registry, ports, ref, inputsFor(o.registry, o.image, ref), {
    access: 'pull'
  })
  await client.login()
  const current = sizes[0]?.layers.map(l => l.name) ?? []
  const baselines = await readBaseline(client, ref, o.platforms, current, ports.logger)
  return sizes.flatMap(s => {
    const b = baselines?.get(s.platform)
    return b ? [compare(s, b)] : []
  })
}

/** compare-to: each platform against the baseline's; the stage is left out without compare-to. */
export function comparisonsStage(
  o: Parameters<typeof compareWithBaseline>[0],
  ports: RegistryPorts
): StageBody<{ images: { images: BuiltImage[] } }, Comparison[]> {
  return {
    title: 'Compare with the baseline',
    run: async ({ images }) => compareWithBaseline(o, ports, images.images.map(platformSize))
  }
}

/** The sizes of what was built and why they break the budgets (max-size, max-size-increase), if they do. */
export interface Gate {
  sizes: PlatformSize[]
  failures: string[]
}

/**
 * Sizes come from what was built, so they are the same pushed or not; the gate runs before the push, so a build
 * over budget is never published (the step fails once the outputs and the summary say by how much).
 */
export function gateStage(
  o: {
    maxSize?: { bytes: number; raw: string }
    maxSizeIncrease?: { rule: Increase; raw: string }
  },
  logger: Logger
): StageBody<
  {
    images: { images: BuiltImage[] }
    comparisons: Comparison[] | undefined
    /** vulnerabilities: fail's verdict, which stops the push as a broken budget does. */
    vulns: { failure?: string } | undefined
  },
  Gate
> {
  return {
    title: 'Image size',
    run: async ({ images, comparisons = [], vulns }) => {
      const sizes = images.images.map(platformSize)
      for (const s of sizes) logger.info(sizeTable(s))
      for (const c of comparisons) logger.info(comparisonTable(c))
      const failures = gateFailures(sizes, comparisons, o.maxSize, o.maxSizeIncrease)
      return { sizes, failures: vulns?.failure ? [...failures, vulns.failure] : failures }
    }
  }
}
