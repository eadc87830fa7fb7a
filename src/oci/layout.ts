// Writes images as an OCI image layout directory (oci-layout, index.json, blobs/sha256/...).
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
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
