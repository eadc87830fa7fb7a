// Pushes built images in the order that never leaves a tag on something incomplete: blobs, manifests, index, tags.
import type { Logger } from '../ports.js'
import { allBlobs, type Blob, type BuiltImage } from '../oci/image.js'
import type { RegistryClient } from './client.js'

export interface PushResult {
  uploaded: number
  mounted: number
  skipped: number
}

/** How many blobs go up at once: enough to hide latency, few enough not to trip registry rate limits. */
const PARALLEL_UPLOADS = 4

export async function pushImages(
  client: RegistryClient,
  images: BuiltImage[],
  top: Blob,
  tags: string[],
  logger: Logger,
  mountFrom?: string
): Promise<PushResult> {
  const result: PushResult = { uploaded: 0, mounted: 0, skipped: 0 }
  const queue = allBlobs(images)
  const worker = async (): Promise<void> => {
    for (let blob = queue.shift(); blob; blob = queue.shift()) {
      const how = await client.uploadBlob(blob, mountFrom).catch((e: unknown) => {
        // The others stop taking blobs: the push has failed and nothing more should go up.
        queue.length = 0
        throw e
      })
      result[how === 'exists' ? 'skipped' : how]++
      logger.info(`${how.padEnd(8)} ${blob.digest} (${blob.size} bytes)`)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker))
  // Only now, with every blob in place, the manifests: a tag never points at something incomplete.
  if (images.length > 1)
    for (const i of images) await client.putManifest(i.manifest.digest, i.manifest)
  // Untagged, the image is pushed by digest; tagged, each tag PUT stores it and a digest PUT would repeat it.
  if (!tags.length) await client.putManifest(top.digest, top)
  for (const tag of tags) {
    await client.putManifest(tag, top)
    logger.info(`tagged ${client.ref.registry}/${client.ref.repository}:${tag}`)
  }
  return result
}
