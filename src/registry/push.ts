// Pushes built images in the order that never leaves a tag on something incomplete: blobs, manifests, index, tags.
import type { Logger } from '../ports.js'
import { allBlobs, type Blob, type BuiltImage } from '../oci/image.js'
import type { RegistryClient } from './client.js'

export interface PushResult {
  uploaded: number
  skipped: number
}

export async function pushImages(
  client: RegistryClient,
  images: BuiltImage[],
  top: Blob,
  tags: string[],
  logger: Logger
): Promise<PushResult> {
  const result: PushResult = { uploaded: 0, skipped: 0 }
  for (const blob of allBlobs(images)) {
    const sent = await client.uploadBlob(blob)
    result[sent ? 'uploaded' : 'skipped']++
    logger.info(`${sent ? 'uploaded' : 'exists  '} ${blob.digest} (${blob.size} bytes)`)
  }
  if (images.length > 1)
    for (const i of images) await client.putManifest(i.manifest.digest, i.manifest)
  await client.putManifest(top.digest, top)
  for (const tag of tags) {
    await client.putManifest(tag, top)
    logger.info(`tagged ${client.ref.registry}/${client.ref.repository}:${tag}`)
  }
  return result
}
