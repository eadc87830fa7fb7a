// Writes images as an OCI image layout directory (oci-layout, index.json, blobs/sha256/...).
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { allBlobs, descriptor, MEDIA, type Blob, type BuiltImage } from './image.js'

export async function writeOciLayout(
  dir: string,
  images: BuiltImage[],
  top: Blob,
  tags: string[]
): Promise<void> {
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
}
