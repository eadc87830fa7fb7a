// Reads a baseline image's sizes from its registry (manifests and configs only, never layers) for compare-to.
import { platformKey, type Platform } from '../platform.js'
import type { Logger } from '../ports.js'
import type { RegistryClient } from './client.js'
import type { Reference } from './reference.js'

export interface BaselineLayer {
  /** The layer's role when the baseline says (our images name them in the config history), else `layer N`. */
  name: string
  digest: string
  size: number
}

export interface Baseline {
  reference: string
  /** The digest of the manifest compared (the platform's, inside an index). */
  digest: string
  platform: string
  size: number
  configSize: number
  layers: BaselineLayer[]
}

interface Descriptor {
  mediaType?: string
  digest: string
  size: number
  platform?: { os?: string; architecture?: string; variant?: string }
}

interface Manifest {
  manifests?: Descriptor[]
  config?: Descriptor
  layers?: Descriptor[]
}

interface ImageConfig {
  os?: string
  architecture?: string
  variant?: string
  history?: { created_by?: string; empty_layer?: boolean }[]
}

/**
 * Layer roles from the config history: our images record `COPY <role>/ / # go-scratch-image` for each layer.
 * Images made another way get `layer N`, unless they have exactly the layers of the current build (a Docker
 * build of our Dockerfile), when the roles are taken in order.
 */
export function layerNames(config: ImageConfig, count: number, current: string[]): string[] {
  const history = (config.history ?? []).filter(h => !h.empty_layer)
  const named = history.map(
    h => /^COPY (\w+)\/ \/ # go-scratch-image$/.exec(h.created_by ?? '')?.[1]
  )
  if (named.length === count && named.every(Boolean)) return named as string[]
  if (count === current.length) return current
  return Array.from({ length: count }, (_, i) => `layer ${i + 1}`)
}

function baselineOf(
  reference: string,
  digest: string,
  platform: string,
  manifest: Manifest,
  config: ImageConfig,
  current: string[]
): Baseline {
  const layers = manifest.layers ?? []
  const names = layerNames(config, layers.length, current)
  const out: BaselineLayer[] = layers.map((l, i) => ({
    name: names[i]!,
    digest: l.digest,
    size: l.size
  }))
  const configSize = manifest.config?.size ?? 0
  return {
    reference,
    digest,
    platform,
    size: configSize + out.reduce((n, l) => n + l.size, 0),
    configSize,
    layers: out
  }
}

/**
 * The baseline of each built platform that the reference has: for an index, the manifest of the same
 * platform; for a single manifest, the platform its config names. Undefined when the reference does not
 * exist (the first build of a branch), which is a warning and not a failure.
 */
export async function readBaseline(
  client: RegistryClient,
  ref: Reference,
  platforms: Platform[],
  currentLayers: string[],
  logger: Logger
): Promise<Map<string, Baseline> | undefined> {
  const reference = ref.digest ?? ref.tag ?? 'latest'
  const shown = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${reference}`}`
  const top = await client.getManifest(reference)
  if (!top) {
    logger.warning(
      `compare-to: ${shown} does not exist yet, so there is nothing to compare with (expected on the first build of a branch).`
    )
    return undefined
  }
  const doc = JSON.parse(top.data.toString()) as Manifest
  // Keys are normalised platforms: a baseline listing linux/arm64/v8 is the linux/arm64 this build makes.
  const wanted = new Set(platforms.map(platformKey))
  const out = new Map<string, Baseline>()
  const add = async (digest: string, manifest: Manifest, platform?: string): Promise<void> => {
    if (!manifest.config) return
    const config = JSON.parse(
      (await client.getBlob(manifest.config.digest)).toString()
    ) as ImageConfig
    const p =
      platform ??
      platformKey({
        os: config.os ?? '',
        architecture: config.architecture ?? '',
        variant: config.variant
      })
    if (wanted.has(p)) out.set(p, baselineOf(shown, digest, p, manifest, config, currentLayers))
  }
  if (doc.manifests) {
    for (const d of doc.manifests) {
      const p = d.platform
      if (!p?.os || !p.architecture) continue
      const name = platformKey({ os: p.os, architecture: p.architecture, variant: p.variant })
      if (!wanted.has(name)) continue
      const child = await client.getManifest(d.digest)
      if (child) await add(d.digest, JSON.parse(child.data.toString()) as Manifest, name)
    }
  } else {
    await add(top.digest, doc)
  }
  const missing = [...wanted].filter(p => !out.has(p))
  if (missing.length) {
    logger.warning(
      `compare-to: ${shown} has no image for ${missing.join(', ')}; those are not compared.`
    )
  }
  logger.info(
    `compare-to: ${shown} (${top.digest}), read from manifests and configs only: ${[...out.values()]
      .map(b => `${b.platform} ${b.size} bytes`)
      .join(', ')}`
  )
  return out
}
