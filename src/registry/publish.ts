// Publishes the image: the push by digest to every registry of image, the -debug images beside it, and the tags
// last, once every referrer the run requires is in place.
import type { Blob, BuiltImage } from '../oci/image.js'
import type { Logger, StageBody } from '../ports.js'
import type { RegistryClient } from './client.js'
import { pushEverywhere, tagEverywhere, type TagJob } from './fanout.js'
import { pushImages } from './push.js'
import type { ImageRef } from './reference.js'
import type { Flavor } from './tag-rules.js'
import { withSuffix, type TagPlan } from './tags.js'

/** Where the image goes and under which names: image, tags, push, load, oci-layout, and the matrix inputs. */
export interface PublishOptions {
  /** image's first line, parsed; undefined when a line holds {{.Name}} (see src/images/targets.ts). */
  image?: ImageRef
  /** image's further lines, parsed: registries the same image also goes to, with their own credentials. */
  mirrors: ImageRef[]
  /** image's lines as written, {{.Name}} kept: one image per main package, the same one in every registry. */
  imageLines: string[]
  /** Lines of tags: plain tags or rules (src/registry/tag-rules.ts); empty means the default rules. */
  tags: string[]
  /** tags-latest, tags-prefix, tags-suffix. */
  tagFlavor: Flavor
  /** DOCKER_METADATA_SHORT_SHA_LENGTH: how long type=sha's commit is. */
  shortShaLength: number
  push: boolean
  /** Push without a tag (one leg of a matrix); the merge step tags the index. */
  pushByDigest: boolean
  /** Load the image into the local Docker Engine. */
  load: boolean
  /** oci-layout, resolved; empty means none. */
  ociLayout: string
  /** merge-digests: the legs' digests to merge into one index (nothing is built), and the folder that named them. */
  mergeDigests: string[]
  mergeDigestsDir?: string
  /** By registry, the repository of the image pushed before this one in a run of several: its blobs mount. */
  mountFrom?: Map<string, string>
}

/** The images to push, and what the tag points to. */
type Images = { images: BuiltImage[]; top: Blob }

/**
 * Repositories of a registry whose blobs a push there may mount: the image pushed before this one in a monorepo
 * run, and the baseline's (compare-to).
 */
export function mountSources(
  o: Pick<PublishOptions, 'mountFrom'>,
  compareTo: ImageRef | undefined,
  registry: string
): string[] {
  const baseline = compareTo?.registry === registry ? compareTo.repository : undefined
  return [o.mountFrom?.get(registry), baseline].filter((r): r is string => !!r)
}

const repoOf = (c: RegistryClient): string => `${c.ref.registry}/${c.ref.repository}`

/**
 * The images by digest, untagged (the tag stage tags them), to every registry logged in; nothing over its budget.
 * Another repository of the same registry lends its blobs: unchanged layers are mounted, not uploaded.
 */
export function pushStage(
  o: Pick<PublishOptions, 'mountFrom'>,
  compareTo: ImageRef | undefined,
  logger: Logger
): StageBody<
  {
    gate: { failures: string[] }
    login: RegistryClient | undefined
    mirrors: RegistryClient[]
    images: Images
  },
  boolean
> {
  return {
    title: ({ gate, login, mirrors }) =>
      login && !gate.failures.length
        ? `Push ${[login, ...mirrors].map(repoOf).join(', ')}`
        : undefined,
    run: async ({ gate, login: client, mirrors, images }) => {
      if (!client) return false
      if (gate.failures.length) {
        logger.info('Not pushed: the image is over its size budget.')
        return false
      }
      const targets = [client, ...mirrors].map(c => ({
        client: c,
        mountFrom: mountSources(o, compareTo, c.ref.registry)[0]
      }))
      await pushEverywhere(targets, images.images, images.top, logger)
      return true
    }
  }
}

/** After the lean image, by digest: the tag stage writes TAG-debug after the lean tags. */
export function debugPushStage(
  logger: Logger
): StageBody<{ push: boolean; login: RegistryClient | undefined; debugImages: Images }, boolean> {
  return {
    title: ({ push, debugImages }) => (push && debugImages ? 'Push the -debug images' : undefined),
    run: async ({ push, login: client, debugImages }) => {
      if (!push || !client || !debugImages) return false
      const r = await pushImages(client, debugImages.images, debugImages.top, [], logger)
      logger.info(
        `${debugImages.top.digest} pushed untagged; blobs ${r.uploaded} uploaded, ${r.skipped} already present`
      )
      return true
    }
  }
}

/**
 * Last: the image is complete in every registry, with every referrer, before any tag points at it. Resolves to
 * the tags that point at the image in image's registry once done (a floating tag a newer release holds is not
 * among them).
 */
export function tagStage(
  plan: TagPlan,
  logger: Logger,
  sleep?: (ms: number) => Promise<void>
): StageBody<
  {
    push: boolean
    login: RegistryClient | undefined
    mirrors: RegistryClient[]
    images: Images
    debugImages: Images | undefined
    debugPush: boolean | undefined
  },
  string[]
> {
  return {
    title: ({ push, login, mirrors }) =>
      push && login && plan.tags.length
        ? `Tag ${[login, ...mirrors].map(repoOf).join(', ')}`
        : undefined,
    run: async ({ push, login, mirrors, images, debugImages, debugPush }) => {
      if (!push || !login) return []
      const jobs: TagJob[] = [login, ...mirrors].map(client => ({ client, top: images.top, plan }))
      // After the lean tags: a -debug tag never points at an image whose lean tag is missing.
      if (debugPush && debugImages)
        jobs.push({ client: login, top: debugImages.top, plan: withSuffix(plan, '-debug') })
      const held = await tagEverywhere(jobs, logger, { sleep })
      return held[0]!
    }
  }
}
