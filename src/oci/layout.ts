// Writes images as an OCI image layout directory (oci-layout, index.json, blobs/sha256/...): the layout stage, and
// the layout's referrer store for the attach stage.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger, StageBody } from '../ports.js'
import {
  artifactLayer,
  artifactManifest,
  artifactTypeOf,
  digestMatches,
  EMPTY_CONFIG,
  mergeReferrers,
  parseIndex,
  referrerDescriptor,
  referrersTag,
  subjectOf,
  type Artifact,
  type Attached,
  type Descriptor,
  type ReferrerOptions,
  type ReferrerStore
} from './artifact.js'
import { allBlobs, descriptor, MEDIA, type Blob, type BuiltImage } from './image.js'

/**
 * The reference other tools read the layout by. index.json holds one entry per tag, and skopeo refuses a bare
 * `oci:DIR` when there is more than one ("more than one image in oci, choose an image"), so it names the first
 * tag; an untagged layout has a single entry, which `oci:DIR` selects.
 */
export function layoutReference(dir: string, tags: string[]): string {
  return tags.length ? `oci:${dir}:${tags[0]}` : `oci:${dir}`
}

/** Writes the layout with one index.json entry per tag, and returns its reference (see layoutReference). */
export async function writeOciLayout(
  dir: string,
  images: BuiltImage[],
  top: Blob,
  tags: string[]
): Promise<string> {
  const blobDir = path.join(dir, 'blobs', 'sha256')
  await mkdir(blobDir, { recursive: true })
  const blobs = [...allBlobs(images), ...images.map(i => i.manifest)]
  if (!blobs.some(b => b.digest === top.digest)) blobs.push(top)
  for (const b of blobs)
    await writeFile(path.join(blobDir, b.digest.slice('sha256:'.length)), b.data)
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const refs = tags.length ? tags : [undefined]
  const index = {
    schemaVersion: 2,
    mediaType: MEDIA.index,
    manifests: refs.map(tag =>
      descriptor(top, tag ? { annotations: { 'org.opencontainers.image.ref.name': tag } } : {})
    )
  }
  await writeFile(path.join(dir, 'index.json'), JSON.stringify(index, null, 2))
  return layoutReference(dir, tags)
}

const REF_NAME = 'org.opencontainers.image.ref.name'

/**
 * Referrers in an OCI image layout, as oras keeps them in one (oras-go's oci.Store): each artifact manifest is a
 * blob and an entry of index.json without a ref name, so tools that read a layout by tag (skopeo oci:DIR:TAG)
 * still find only the image, and tools that walk the layout (oras discover --oci-layout) find the artifacts
 * through their subject. Never an entry of the image's own index, so never a platform of it.
 */
export function layoutReferrers(dir: string, options: ReferrerOptions = {}): ReferrerStore {
  const blobPath = (digest: string): string => path.join(dir, 'blobs', ...digest.split(':'))
  const readBlob = async (digest: string): Promise<Buffer> => {
    const data = await readFile(blobPath(digest))
    if (!digestMatches(data, digest))
      throw new Error(`${dir}: the blob ${digest} does not match its digest.`)
    return data
  }
  const writeBlob = async (b: Blob): Promise<void> => {
    await mkdir(path.dirname(blobPath(b.digest)), { recursive: true })
    await writeFile(blobPath(b.digest), b.data)
  }
  const indexFile = path.join(dir, 'index.json')
  const readIndex = async (): Promise<{
    fields: Record<string, unknown>
    manifests: Descriptor[]
  }> => {
    const data = await readFile(indexFile)
    const parsed = parseIndex(data, MEDIA.index)
    if (parsed instanceof Error) throw new Error(`${indexFile}: ${parsed.message}.`)
    return parsed
  }
  // One writer of index.json at a time: two subjects attached at once must not lose each other's entries.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const done = queue.catch(() => undefined).then(fn)
    queue = done
    return done
  }
  return {
    attach: (subject, artifacts) =>
      serial(async () => {
        const attached: Attached[] = []
        const listed: Descriptor[] = []
        if (!artifacts.length) return attached
        await writeBlob(EMPTY_CONFIG)
        for (const artifact of artifacts as Artifact[]) {
          const { manifest, layer } = artifactManifest(subject, artifact, options)
          await writeBlob(layer)
          await writeBlob(manifest)
          listed.push(referrerDescriptor(manifest, artifact, options))
          attached.push({
            subject: subject.digest,
            digest: manifest.digest,
            artifactType: artifact.artifactType,
            size: manifest.size
          })
        }
        const { fields, manifests } = await readIndex()
        const merged = mergeReferrers(manifests, listed)
        if (merged) {
          const index = { schemaVersion: 2, mediaType: MEDIA.index, ...fields, manifests: merged }
          // Written aside and renamed: a reader never sees half an index.json.
          await writeFile(`${indexFile}.tmp`, JSON.stringify(index, null, 2))
          await rename(`${indexFile}.tmp`, indexFile)
        }
        return attached
      }),

    async list(subjectDigest, artifactType) {
      const { manifests } = await readIndex()
      const found = new Map<string, Descriptor>()
      const consider = async (d: Descriptor): Promise<void> => {
        if (found.has(d.digest) || d.mediaType !== MEDIA.manifest) return
        const data = await readBlob(d.digest).catch(() => undefined)
        if (!data || subjectOf(data) !== subjectDigest) return
        const type = d.artifactType ?? artifactTypeOf(data)
        if (artifactType && type !== artifactType) return
        const annotations = Object.fromEntries(
          Object.entries(d.annotations ?? {}).filter(([k]) => k !== REF_NAME)
        )
        found.set(d.digest, {
          mediaType: d.mediaType,
          digest: d.digest,
          size: d.size,
          ...(type ? { artifactType: type } : {}),
          ...(Object.keys(annotations).length ? { annotations } : {})
        })
      }
      for (const d of manifests) await consider(d)
      // Another tool may have kept the referrers tag schema inside the layout: its index lists them too.
      const tagged = manifests.find(
        d =>
          d.annotations?.[REF_NAME] === referrersTag(subjectDigest) && d.mediaType === MEDIA.index
      )
      const list = tagged && (await readBlob(tagged.digest).catch(() => undefined))
      const parsed = list && parseIndex(list, MEDIA.index)
      if (parsed && !(parsed instanceof Error)) for (const d of parsed.manifests) await consider(d)
      return [...found.values()]
    },

    async fetch(artifactDigest) {
      const layer = artifactLayer(await readBlob(artifactDigest), artifactDigest)
      if (layer instanceof Error) throw new Error(`${dir}: ${layer.message}.`)
      return readBlob(layer.digest)
    }
  }
}

/**
 * oci-layout: the image written as files, tagged as it would be pushed; output the name tools read it by
 * (oci:DIR:TAG). The stage is left out without oci-layout.
 */
export function layoutStage(
  dir: string,
  tags: string[],
  logger: Logger
): StageBody<{ images: { images: BuiltImage[]; top: Blob } }, string> {
  return {
    title: 'Write OCI layout',
    run: async ({ images }) => {
      await mkdir(dir, { recursive: true })
      const ref = await writeOciLayout(dir, images.images, images.top, tags)
      logger.info(
        `OCI layout written to ${dir}${tags.length ? ` (tags ${tags.join(', ')})` : ''}; inspect it with: skopeo inspect ${ref}`
      )
      return ref
    }
  }
}
