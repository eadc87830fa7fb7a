// Pushes one built image to several registries: every registry holds the blobs and manifests before any is tagged, and a failure says what is where.
import type { Logger } from '../ports.js'
import type { Blob, BuiltImage } from '../oci/image.js'
import type { RegistryClient } from './client.js'
import { pushImages, type PushResult } from './push.js'

export interface PushTarget {
  client: RegistryClient
  /** A repository of the same registry that holds some of the blobs already (mounted, not uploaded). */
  mountFrom?: string
}

const repoOf = (c: RegistryClient): string => `${c.ref.registry}/${c.ref.repository}`

/** One push to every target, each failure named with what the registries before it already hold. */
export class FanOutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FanOutError'
  }
}

function counts(r: PushResult): string {
  return `blobs: ${r.uploaded} uploaded, ${r.mounted} mounted, ${r.skipped} already present`
}

/**
 * Pushes images to every target. With one, as pushImages does (blobs, manifests, tags). With several, first the
 * untagged image to each registry in turn, then the tags in each: a registry that refuses the image leaves no tag
 * anywhere, and only a tag that fails half-way leaves some registries tagged, which the error lists.
 */
export async function pushEverywhere(
  targets: PushTarget[],
  images: BuiltImage[],
  top: Blob,
  tags: string[],
  logger: Logger
): Promise<PushResult[]> {
  if (targets.length === 1) {
    const [t] = targets
    const r = await pushImages(t!.client, images, top, tags, logger, t!.mountFrom)
    logger.info(counts(r))
    return [r]
  }
  const results: PushResult[] = []
  for (const t of targets) {
    logger.info(`${repoOf(t.client)}:`)
    try {
      results.push(await pushImages(t.client, images, top, [], logger, t.mountFrom))
    } catch (e) {
      const before = targets.slice(0, results.length).map(x => `${repoOf(x.client)}@${top.digest}`)
      throw new FanOutError(
        `push to ${repoOf(t.client)} failed: ${(e as Error).message} ` +
          (before.length
            ? `Already pushed, untagged: ${before.join(', ')}. Nothing was tagged in any registry.`
            : 'Nothing was pushed to any registry before it, and nothing was tagged.')
      )
    }
    logger.info(counts(results[results.length - 1]!))
  }
  const tagged: string[] = []
  for (const t of targets) {
    for (const tag of tags) {
      try {
        await t.client.putManifest(tag, top)
      } catch (e) {
        const all = targets.map(x => `${repoOf(x.client)}@${top.digest}`)
        throw new FanOutError(
          `tagging ${repoOf(t.client)}:${tag} failed: ${(e as Error).message} The image is in every registry ` +
            `(${all.join(', ')}); tagged: ${tagged.length ? tagged.join(', ') : 'nothing'}; not tagged: ` +
            `${untagged(targets, tags, t, tag).join(', ')}.`
        )
      }
      tagged.push(`${repoOf(t.client)}:${tag}`)
      logger.info(`tagged ${repoOf(t.client)}:${tag}`)
    }
  }
  return results
}

/** Every registry:tag from the failed one on, in push order. */
function untagged(targets: PushTarget[], tags: string[], at: PushTarget, tag: string): string[] {
  const all = targets.flatMap(t => tags.map(g => ({ t, g })))
  const from = all.findIndex(x => x.t === at && x.g === tag)
  return all.slice(from).map(x => `${repoOf(x.t.client)}:${x.g}`)
}
