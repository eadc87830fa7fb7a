// Assembles the OCI image from the file plan: layer blobs, config, manifest and, for several platforms, an index.
import { createHash } from 'node:crypto'
import type { Platform } from '../platform.js'
import type { FilePlan, ImageSettings, Layer, LayerName } from '../rootfs/plan.js'
import { layerContentSize } from '../rootfs/plan.js'
import { codecOfMediaType, DEFAULT_COMPRESSION, LAYER_MEDIA_TYPES } from './compress.js'
import { LayerCompressor } from './layer-compressor.js'
import { gzipDeterministic, layerTar } from './tar.js'
import { rfc3339 } from '../source-date-epoch.js'

export const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip'
} as const

/** Docker's schema 2 types, for registries that refuse OCI ones (`media-types: docker`). */
export const DOCKER_MEDIA = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  index: 'application/vnd.docker.distribution.manifest.list.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
} as const

export type MediaTypes = 'oci' | 'docker'

const TYPES: Record<MediaTypes, Record<keyof typeof MEDIA, string>> = {
  oci: MEDIA,
  docker: DOCKER_MEDIA
}

export interface Blob {
  mediaType: string
  digest: string
  size: number
  data: Buffer
}

export interface BuiltLayer {
  name: LayerName
  blob: Blob
  diffId: string
  /** Bytes of the regular files the layer unpacks to. */
  contentSize: number
}

export interface BuiltImage {
  platform: Platform
  layers: BuiltLayer[]
  config: Blob
  manifest: Blob
  /** The manifest's annotations, repeated on the index. */
  annotations: Record<string, string>
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

export function toBlob(mediaType: string, data: Buffer): Blob {
  return { mediaType, digest: sha256(data), size: data.length, data }
}

/** JSON with a fixed key order (the order the objects are written in) and no whitespace, so digests are stable. */
export function jsonBlob(mediaType: string, value: unknown): Blob {
  return toBlob(mediaType, Buffer.from(JSON.stringify(value)))
}

export function imageConfig(
  platform: Platform,
  settings: ImageSettings,
  layers: { name: LayerName; diffId: string }[],
  epoch: number
): object {
  const created = rfc3339(epoch)
  const config: Record<string, unknown> = { User: settings.user }
  if (settings.exposedPorts.length) {
    config.ExposedPorts = Object.fromEntries(settings.exposedPorts.map(p => [p, {}]))
  }
  if (settings.env.length) config.Env = settings.env
  config.Entrypoint = settings.entrypoint
  if (settings.cmd.length) config.Cmd = settings.cmd
  config.WorkingDir = settings.workdir
  if (Object.keys(settings.labels).length) config.Labels = sortedObject(settings.labels)
  return {
    created,
    architecture: platform.architecture,
    ...(platform.variant ? { variant: platform.variant } : {}),
    os: platform.os,
    config,
    rootfs: { type: 'layers', diff_ids: layers.map(l => l.diffId) },
    // One history entry per layer, named after the Dockerfile COPY that makes the same layer.
    history: layers.map(l => ({ created, created_by: `COPY ${l.name}/ / # go-scratch-image` }))
  }
}

/** Keys sorted, so the same labels give the same digest whatever order the inputs listed them in. */
function sortedObject(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function annotations(o: Record<string, string>): Record<string, unknown> {
  return Object.keys(o).length ? { annotations: sortedObject(o) } : {}
}

export function descriptor(
  blob: Blob,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return { mediaType: blob.mediaType, digest: blob.digest, size: blob.size, ...extra }
}

/** The gzip size a layer would have in the image, to choose between two ways of staging the same data. */
export async function compressedLayerSize(layer: Layer, epoch: number): Promise<number> {
  return gzipDeterministic(await layerTar(layer.entries, epoch)).length
}

/** How buildImage compresses: one LayerCompressor per run shares the static layers between platforms. */
export interface BuildOptions {
  compressor?: LayerCompressor
}

export async function buildLayer(
  plan: FilePlan,
  name: LayerName,
  epoch: number,
  compressor: LayerCompressor = new LayerCompressor({ compression: DEFAULT_COMPRESSION })
): Promise<BuiltLayer> {
  const layer = plan.layers.find(l => l.name === name)
  if (!layer) throw new Error(`The file plan has no ${name} layer.`)
  const { diffId, data } = await compressLayer(layer, epoch, compressor)
  return {
    name,
    blob: toBlob(LAYER_MEDIA_TYPES[compressor.compression.codec], data),
    diffId,
    contentSize: layerContentSize(layer)
  }
}

/**
 * A layer's tar digest and compressed bytes. The compressor keeps them by content for the run, so calling this
 * early (the pipeline does for each binary as soon as it is linked) makes buildLayer find the bytes under way.
 */
export function compressLayer(
  layer: Layer,
  epoch: number,
  compressor: LayerCompressor
): Promise<{ diffId: string; data: Buffer }> {
  // A layer of files on disk (the binary's) is made once per run: the compile's hook starts it and the assembly
  // finds it, instead of reading the binary, writing its tar and hashing it a second time.
  if (!layer.entries.every(e => e.type !== 'file' || typeof e.source === 'string')) {
    return tarAndCompress(layer, epoch, compressor)
  }
  return compressor.once(
    JSON.stringify(['layer of files on disk', layer.name, epoch, layer.entries]),
    () => tarAndCompress(layer, epoch, compressor)
  )
}

async function tarAndCompress(
  layer: Layer,
  epoch: number,
  compressor: LayerCompressor
): Promise<{ diffId: string; data: Buffer }> {
  const tarball = await layerTar(layer.entries, epoch)
  const diffId = sha256(tarball)
  // The binary is the big one and changes every build: a worker compresses it while the other layers are done.
  // The tar is no one's after its digest: the worker may have its memory instead of a copy.
  const binary = layer.name === 'binary'
  const data = await compressor.compress(tarball, diffId, { worker: binary, handOver: binary })
  return { diffId, data }
}

export async function buildImage(
  plan: FilePlan,
  platform: Platform,
  epoch: number,
  options: BuildOptions = {}
): Promise<BuiltImage> {
  const compressor = options.compressor ?? new LayerCompressor({ compression: DEFAULT_COMPRESSION })
  const layers = await Promise.all(
    plan.layers.map(l => buildLayer(plan, l.name, epoch, compressor))
  )
  const config = jsonBlob(MEDIA.config, imageConfig(platform, plan.image, layers, epoch))
  return withManifest({ platform, layers, config, annotations: plan.image.annotations }, 'oci')
}

/** The layer media type of a codec in the chosen types; Docker's schema 2 has no zstd layer type. */
export function layerMediaType(current: string, types: MediaTypes): string {
  const codec = codecOfMediaType(current) ?? 'gzip'
  if (types === 'oci') return LAYER_MEDIA_TYPES[codec]
  if (codec === 'zstd') {
    throw new Error(
      "media-types: docker cannot describe zstd layers (Docker's schema 2 has only gzip ones). Use media-types: oci with compression: zstd, or compression: gzip."
    )
  }
  return DOCKER_MEDIA.layer
}

/**
 * Gives an image its manifest in the chosen media types. The blobs' bytes (and digests) stay; only the
 * descriptors' types and so the manifest change. Docker's schema 2 has no annotations, so they are dropped.
 */
export function withManifest(image: Omit<BuiltImage, 'manifest'>, types: MediaTypes): BuiltImage {
  const media = TYPES[types]
  const layers = image.layers.map(l => ({
    ...l,
    blob: { ...l.blob, mediaType: layerMediaType(l.blob.mediaType, types) }
  }))
  const config = { ...image.config, mediaType: media.config }
  const manifest = jsonBlob(media.manifest, {
    schemaVersion: 2,
    mediaType: media.manifest,
    config: descriptor(config),
    layers: layers.map(l => descriptor(l.blob)),
    ...(types === 'oci' ? annotations(image.annotations) : {})
  })
  return { ...image, layers, config, manifest }
}

export function buildIndex(
  images: Pick<BuiltImage, 'manifest' | 'platform' | 'annotations'>[]
): Blob {
  const docker = images[0]?.manifest.mediaType === DOCKER_MEDIA.manifest
  const media = docker ? DOCKER_MEDIA : MEDIA
  return jsonBlob(media.index, {
    schemaVersion: 2,
    mediaType: media.index,
    manifests: images.map(i => descriptor(i.manifest, { platform: platformJson(i.platform) })),
    ...(docker ? {} : annotations(images[0]?.annotations ?? {}))
  })
}

function platformJson(p: Platform): Record<string, string> {
  return { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) }
}

/** What the tag points to: the manifest of a single platform, or the index of several. */
export function topLevel(images: BuiltImage[]): Blob {
  const only = images.length === 1 ? images[0] : undefined
  return only ? only.manifest : buildIndex(images)
}

/** Every blob a registry or layout needs, each once, layers before configs before manifests. */
export function allBlobs(images: BuiltImage[]): Blob[] {
  const seen = new Map<string, Blob>()
  for (const i of images) for (const l of i.layers) seen.set(l.blob.digest, l.blob)
  for (const i of images) seen.set(i.config.digest, i.config)
  return [...seen.values()]
}
