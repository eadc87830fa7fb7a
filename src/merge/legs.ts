// The merge's pure core: checks the matrix legs read from the registry and makes their index and size report.
import { platformKey, platformString, type Platform } from '../platform.js'
import { buildIndex, DOCKER_MEDIA, MEDIA, type Blob } from '../oci/image.js'
import { InputError } from '../ports.js'
import { layerNames } from '../registry/baseline.js'
import type { PlatformSize } from '../report/size.js'

interface Descriptor {
  mediaType?: string
  digest: string
  size: number
  platform?: { os?: string; architecture?: string; variant?: string }
}

/** An image manifest or an index, as much of it as the merge reads. */
export interface ManifestDoc {
  mediaType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
  annotations?: Record<string, string>
}

/** The parts of an image config the merge reads. */
export interface ImageConfigDoc {
  os?: string
  architecture?: string
  variant?: string
  created?: string
  history?: { created_by?: string; empty_layer?: boolean }[]
}

/** One platform image of a leg: its manifest as the registry holds it, and its config. */
export interface Leg {
  /** The digest the leg reported (an index's when the leg built several platforms). */
  from: string
  manifest: Blob
  doc: ManifestDoc
  config: ImageConfigDoc
  platform: Platform
}

/** A leg's own size report (written beside its digest file), used where it matches the manifest. */
export type LegSizes = PlatformSize

export const isIndex = (doc: ManifestDoc, mediaType: string): boolean =>
  !!doc.manifests || mediaType === MEDIA.index || mediaType === DOCKER_MEDIA.index

/** The platform an image config names; the manifest's platform in an index must agree with it. */
export function configPlatform(config: ImageConfigDoc, digest: string): Platform {
  if (!config.os || !config.architecture) {
    throw new InputError(
      `merge-digests: the config of ${digest} names no os and architecture, so it cannot go into an index.`
    )
  }
  return {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {})
  }
}

/** Refuses two legs of one platform, and legs of mixed media types (an index is OCI or Docker, not both). */
export function checkLegs(legs: Leg[]): void {
  const seen = new Map<string, Leg>()
  for (const leg of legs) {
    const key = platformKey(leg.platform)
    const other = seen.get(key)
    if (other) {
      throw new InputError(
        `merge-digests: ${platformString(leg.platform)} appears twice (${other.from} and ${leg.from}). ` +
          `Each leg of the matrix must build a different platform; remove one of the two digests.`
      )
    }
    seen.set(key, leg)
  }
  const types = new Set(legs.map(l => l.manifest.mediaType))
  if (types.size > 1) {
    throw new InputError(
      `merge-digests: the legs' manifests are of different media types (${[...types].join(', ')}). ` +
        `Build every leg with the same media-types.`
    )
  }
}

/**
 * The index of the legs, in the order given, with the first leg's annotations (the OCI labels every leg of one
 * run shares) or, for legs without any, fallback.
 */
export function mergedIndex(legs: Leg[], fallback: Record<string, string>): Blob {
  const annotations = legs[0]?.doc.annotations ?? fallback
  return buildIndex(legs.map(l => ({ manifest: l.manifest, platform: l.platform, annotations })))
}

/**
 * A leg's sizes from its manifest (compressed, exact) and its config (the layer roles). The uncompressed and
 * binary sizes are not in either: they come from the leg's own report when it matches the manifest's layers,
 * else they are 0.
 */
export function legSize(leg: Leg, reports: LegSizes[] = []): PlatformSize {
  const layers = leg.doc.layers ?? []
  const configSize = leg.doc.config?.size ?? 0
  const name = platformString(leg.platform)
  const report = reports.find(
    r =>
      r.layers.length === layers.length && r.layers.every((l, i) => l.digest === layers[i]!.digest)
  )
  const names = layerNames(leg.config, layers.length, [])
  const sized = layers.map((l, i) => ({
    name: report?.layers[i]?.name ?? names[i]!,
    digest: l.digest,
    size: l.size,
    uncompressedSize: report?.layers[i]?.uncompressedSize ?? 0
  }))
  return {
    platform: name,
    size: configSize + sized.reduce((n, l) => n + l.size, 0),
    uncompressedSize: sized.reduce((n, l) => n + l.uncompressedSize, 0),
    configSize,
    binarySize: report?.binarySize ?? 0,
    layers: sized
  }
}
