// OCI 1.1 artifacts attached to an image (SBOM, provenance, size report): the artifact manifest, the referrers tag and the referrers index, as pure functions shared by the registry and the layout writers.
import { jsonBlob, MEDIA, sha256, toBlob, type Blob } from './image.js'

/** An OCI content descriptor, with the optional fields referrers lists carry. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
  platform?: { architecture: string; os: string; variant?: string }
  data?: string
}

/** One artifact to attach to a subject manifest: a single-layer OCI 1.1 image manifest with artifactType. */
export interface Artifact {
  /**
   * 'application/spdx+json', 'application/vnd.cyclonedx+json', 'application/vnd.dev.sigstore.bundle.v0.3+json',
   * 'application/vnd.go-scratch-image.report.v1+json'
   */
  artifactType: string
  /** The layer's media type (usually the same as artifactType). */
  mediaType: string
  /** The layer's bytes. */
  data: Uint8Array
  /**
   * Annotations of the artifact manifest, repeated in the referrers list: e.g. for Sigstore bundles
   * 'dev.sigstore.bundle.predicateType' (as cosign and gh write them).
   */
  annotations?: Record<string, string>
}

/** Artifacts for one subject manifest, as the stages that make them (sbom, provenance, report) hand them on. */
export interface Attachment {
  subject: Descriptor
  artifacts: Artifact[]
}

/** What attach put where: the subject's digest, the artifact manifest's digest, its type and size. */
export interface Attached {
  subject: string
  digest: string
  artifactType: string
  size: number
}

/** Where artifacts are attached to images and found again: a registry, or an OCI image layout. */
export interface ReferrerStore {
  /** Pushes each artifact with subject = the given manifest descriptor and makes it discoverable. */
  attach(subject: Descriptor, artifacts: Artifact[]): Promise<Attached[]>
  /** Descriptors of subject's referrers, optionally only of one artifactType. */
  list(subjectDigest: string, artifactType?: string): Promise<Descriptor[]>
  /** The (single) layer bytes of an artifact manifest, by the artifact manifest's digest. */
  fetch(artifactDigest: string): Promise<Uint8Array>
}

/** Options every store takes: the time stamp the artifact manifests carry. */
export interface ReferrerOptions {
  /**
   * org.opencontainers.image.created of each artifact manifest, from the build's SOURCE_DATE_EPOCH so that the
   * same build attaches the same digests; absent, the manifests carry no time at all (never the clock's).
   */
  created?: string
}

export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json'

/** The empty JSON object `{}` the image spec names as the config of artifacts that have none. */
export const EMPTY_CONFIG: Blob = toBlob(EMPTY_MEDIA_TYPE, Buffer.from('{}'))

/** The empty config's descriptor, with its bytes inline ("e30=" is `{}`), as the image spec's guidance writes it. */
export const EMPTY_DESCRIPTOR: Descriptor = {
  mediaType: EMPTY_MEDIA_TYPE,
  digest: EMPTY_CONFIG.digest,
  size: EMPTY_CONFIG.size,
  data: EMPTY_CONFIG.data.toString('base64')
}

const CREATED = 'org.opencontainers.image.created'

/** Keys sorted: the same annotations give the same bytes whichever order the producer wrote them in. */
function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The artifact manifest of one artifact and its layer, subject = the image manifest it describes. */
export function artifactManifest(
  subject: Descriptor,
  artifact: Artifact,
  options: ReferrerOptions = {}
): { manifest: Blob; layer: Blob } {
  if (!artifact.artifactType) throw new Error('An artifact needs an artifactType.')
  const layer = toBlob(artifact.mediaType, Buffer.from(artifact.data))
  const annotations = sorted({
    ...(options.created ? { [CREATED]: options.created } : {}),
    ...artifact.annotations
  })
  const manifest = jsonBlob(MEDIA.manifest, {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    artifactType: artifact.artifactType,
    config: EMPTY_DESCRIPTOR,
    layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
    // Only what identifies the subject: a platform or annotations would make the digest depend on the caller.
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    ...(Object.keys(annotations).length ? { annotations } : {})
  })
  return { manifest, layer }
}

/** The descriptor a referrers list holds for an artifact manifest: with its artifactType and annotations. */
export function referrerDescriptor(
  manifest: Blob,
  artifact: Artifact,
  options: ReferrerOptions = {}
): Descriptor {
  const annotations = sorted({
    ...(options.created ? { [CREATED]: options.created } : {}),
    ...artifact.annotations
  })
  return {
    mediaType: manifest.mediaType,
    digest: manifest.digest,
    size: manifest.size,
    artifactType: artifact.artifactType,
    ...(Object.keys(annotations).length ? { annotations } : {})
  }
}

/**
 * The referrers tag schema's tag for a digest (distribution-spec 1.1): `<alg>-<ref>`, the algorithm cut to 32
 * characters and the encoded part to 64, anything outside the tag alphabet replaced by `-`.
 */
export function referrersTag(digest: string): string {
  const [alg = '', ref = ''] = digest.split(':')
  const clean = (s: string): string => s.replace(/[^a-zA-Z0-9._-]/g, '-')
  return `${clean(alg).slice(0, 32)}-${clean(ref).slice(0, 64)}`
}

/**
 * The referrers list after adding some: every entry already there stays where it was (another tool's included),
 * and an artifact listed already is not listed twice. Returns undefined when nothing changes.
 */
export function mergeReferrers(
  existing: readonly Descriptor[],
  added: readonly Descriptor[]
): Descriptor[] | undefined {
  const seen = new Set(existing.map(d => d.digest))
  const fresh: Descriptor[] = []
  for (const d of added) {
    if (seen.has(d.digest)) continue
    seen.add(d.digest)
    fresh.push(d)
  }
  return fresh.length ? [...existing, ...fresh] : undefined
}

/**
 * The image index of a referrers list. An index read back keeps its own fields (annotations a tool put there)
 * and only its manifests change.
 */
export function referrersIndex(manifests: Descriptor[], base: Record<string, unknown> = {}): Blob {
  return jsonBlob(MEDIA.index, {
    schemaVersion: 2,
    mediaType: MEDIA.index,
    ...base,
    manifests
  })
}

/** An image index's fields and its manifests, or an Error saying why the bytes are not an OCI image index. */
export function parseIndex(
  data: Buffer | Uint8Array,
  mediaType: string
): { fields: Record<string, unknown>; manifests: Descriptor[] } | Error {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'))
  } catch (e) {
    return new Error(`it is not JSON (${(e as Error).message})`)
  }
  const o = value as Record<string, unknown> | null
  const type = (o && typeof o === 'object' && (o.mediaType as string)) || mediaType
  if (!o || typeof o !== 'object' || type !== MEDIA.index || !Array.isArray(o.manifests)) {
    return new Error(`it is a ${type || 'document of no media type'}, not an OCI image index`)
  }
  const manifests = (o.manifests as unknown[]).filter(isDescriptor)
  if (manifests.length !== o.manifests.length)
    return new Error('some of its manifests are not descriptors (mediaType, digest, size)')
  const fields = Object.fromEntries(
    Object.entries(o).filter(([k]) => !['manifests', 'schemaVersion', 'mediaType'].includes(k))
  )
  return { fields, manifests }
}

function isDescriptor(d: unknown): d is Descriptor {
  const o = d as Record<string, unknown> | null
  return (
    !!o &&
    typeof o.mediaType === 'string' &&
    typeof o.digest === 'string' &&
    typeof o.size === 'number'
  )
}

/** The one layer of an artifact manifest, or an Error saying what the manifest is instead. */
export function artifactLayer(data: Buffer | Uint8Array, digest: string): Descriptor | Error {
  let m: { layers?: unknown[]; blobs?: unknown[] }
  try {
    m = JSON.parse(Buffer.from(data).toString('utf8')) as typeof m
  } catch {
    return new Error(`${digest} is not a JSON manifest`)
  }
  // An image manifest has layers; the withdrawn OCI artifact manifest of 1.1's release candidates had blobs.
  const layers = (m.layers ?? m.blobs ?? []).filter(isDescriptor)
  if (layers.length !== 1) {
    return new Error(`${digest} has ${layers.length} layers; an attached artifact has exactly one`)
  }
  return layers[0]!
}

/** The subject digest an artifact manifest names, if it names one. */
export function subjectOf(data: Buffer | Uint8Array): string | undefined {
  try {
    const m = JSON.parse(Buffer.from(data).toString('utf8')) as { subject?: { digest?: unknown } }
    return typeof m.subject?.digest === 'string' ? m.subject.digest : undefined
  } catch {
    return undefined
  }
}

/** The artifactType a referrers list gives a manifest: its own, else its config's media type (image-spec 1.1). */
export function artifactTypeOf(data: Buffer | Uint8Array): string | undefined {
  try {
    const m = JSON.parse(Buffer.from(data).toString('utf8')) as {
      artifactType?: unknown
      config?: { mediaType?: unknown }
    }
    if (typeof m.artifactType === 'string') return m.artifactType
    return typeof m.config?.mediaType === 'string' ? m.config.mediaType : undefined
  } catch {
    return undefined
  }
}

/** Checks bytes against a digest, for blobs read back from a layout (a registry's are checked by the client). */
export function digestMatches(data: Buffer, digest: string): boolean {
  return sha256(data) === digest
}
