// Pushes one built image to several registries and tags it there in a second step: every registry holds the blobs and manifests, untagged, before the referrers are attached and any tag is written, and a failure says what is where.
import type { Logger } from '../ports.js'
import type { Blob, BuiltImage } from '../oci/image.js'
import type { RegistryClient } from './client.js'
import { writeTags, type TagOptions } from './floating.js'
import { pushImages, type PushResult } from './push.js'
import type { TagPlan } from './tags.js'

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
 * Pushes images untagged (blobs, manifests, index, each by digest) to every target in turn: the tags come later
 * (tagEverywhere), once the referrers the run requires are attached. A registry that refuses the image fails the
 * push, naming what the registries before it hold.
 */
export async function pushEverywhere(
  targets: PushTarget[],
  images: BuiltImage[],
  top: Blob,
  logger: Logger
): Promise<PushResult[]> {
  const results: PushResult[] = []
  for (const t of targets) {
    if (targets.length > 1) logger.info(`${repoOf(t.client)}:`)
    try {
      results.push(await pushImages(t.client, images, top, [], logger, t.mountFrom))
    } catch (e) {
      if (targets.length === 1) throw e
      const before = targets.slice(0, results.length).map(x => `${repoOf(x.client)}@${top.digest}`)
      throw new FanOutError(
        `push to ${repoOf(t.client)} failed: ${(e as Error).message} ` +
          (before.length
            ? `Already pushed, untagged: ${before.join(', ')}. Nothing was tagged in any registry.`
            : 'Nothing was pushed to any registry before it, and nothing was tagged.')
      )
    }
    logger.info(`${top.digest} pushed untagged; ${counts(results[results.length - 1]!)}`)
  }
  return results
}

/** One registry's tags for one image: what tagEverywhere writes. */
export interface TagJob {
  client: RegistryClient
  top: Blob
  plan: TagPlan
}

/**
 * Writes every job's tags, one job after another (writeTags: fixed tags, then the floating ones). Returns each
 * job's tags that point at its image. A failure half-way lists what is tagged and what is not: the tags written
 * before it stay, since a registry may not allow deleting them.
 */
export async function tagEverywhere(
  jobs: TagJob[],
  logger: Logger,
  o: Omit<TagOptions, 'logger' | 'tagged'> = {}
): Promise<string[][]> {
  const tagged: string[] = []
  const out: string[][] = []
  for (const job of jobs) {
    const repo = repoOf(job.client)
    try {
      out.push(
        await writeTags(job.client, job.top, job.plan, {
          ...o,
          logger,
          tagged: tag => tagged.push(`${repo}:${tag}`)
        })
      )
    } catch (e) {
      const images = [...new Set(jobs.map(j => `${repoOf(j.client)}@${j.top.digest}`))]
      const rest = jobs
        .flatMap(j => j.plan.tags.map(t => `${repoOf(j.client)}:${t}`))
        .filter(t => !tagged.includes(t))
      throw new FanOutError(
        `tagging ${repo} failed: ${(e as Error).message} Everything but the tags is in place ` +
          `(${images.join(', ')}); tagged: ${tagged.length ? tagged.join(', ') : 'nothing'}; not tagged: ` +
          `${rest.join(', ')}.`
      )
    }
  }
  return out
}
