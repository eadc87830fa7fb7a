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
  // The first failure cancels the uploads in flight: the push has failed, and nothing more should go up.
  const cancel = new AbortController()
  let failure: { error: unknown; digest: string } | undefined
  const worker = async (): Promise<void> => {
    for (let blob = queue.shift(); blob && !cancel.signal.aborted; blob = queue.shift()) {
      let how: Awaited<ReturnType<RegistryClient['uploadBlob']>>
      try {
        how = await client.uploadBlob(blob, mountFrom, cancel.signal)
      } catch (error) {
        if (!failure) {
          failure = { error, digest: blob.digest }
          queue.length = 0
          cancel.abort(new Error(`cancelled: the upload of ${blob.digest} failed`))
        }
        return
      }
      result[how === 'exists' ? 'skipped' : how]++
      logger.info(`${how.padEnd(8)} ${blob.digest} (${blob.size} bytes)`)
    }
  }
  // Every worker has stopped when this returns, so no request of this push is still in flight.
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker))
  if (failure) throw failure.error
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
