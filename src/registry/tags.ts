// The tags of a run: the tag rules (tag-rules.ts, tag-resolve.ts) applied to the run's Git context (src/github-context.ts).
import type { GitHubContext } from '../github-context.js'
import type { Logger } from '../ports.js'
import { openRegistry, type RegistryOptions, type RegistryPorts } from './open.js'
import type { ImageRef } from './reference.js'
import { newerRelease } from './release.js'
import { resolveTags, type FloatingTags, type TagContext, type TagResult } from './tag-resolve.js'
import { DEFAULT_FLAVOR, defaultTagRules, parseTagRules, type Flavor } from './tag-rules.js'

export { sanitizeTag } from './tag-rules.js'
export type { FloatingTags } from './tag-resolve.js'

/**
 * The tags a run writes once its image and referrers are in place: tags in order, and which of them float (a
 * release's 1.2, 1 and latest), which are written after the others and only ever moved forward (floating.ts).
 */
export interface TagPlan {
  tags: string[]
  floating?: FloatingTags
}

/** The same plan for an image whose tags all end in suffix (TAG-debug): its releases are spelt with it too. */
export function withSuffix(plan: TagPlan, suffix: string): TagPlan {
  const f = plan.floating
  return {
    tags: plan.tags.map(t => `${t}${suffix}`),
    ...(f
      ? {
          floating: {
            ...f,
            tags: f.tags.map(t => ({ ...t, tag: `${t.tag}${suffix}` })),
            affix: { ...f.affix, suffix: `${f.affix.suffix}${suffix}` }
          }
        }
      : {})
  }
}

/** The plan of a tag result: its tags, and its floating ones when it is a release. */
export function tagPlan(result: TagResult): TagPlan {
  return { tags: result.tags, ...(result.floating ? { floating: result.floating } : {}) }
}

interface EventPayload {
  number?: number
  base_ref?: string | null
  pull_request?: { number?: number; base?: { ref?: string } }
  repository?: { default_branch?: string }
}

/** DOCKER_METADATA_SHORT_SHA_LENGTH, as docker/metadata-action reads it: type=sha's commit length; 7 unless set. */
export function shortShaLength(env: Record<string, string | undefined>): number {
  const length = Number(env.DOCKER_METADATA_SHORT_SHA_LENGTH || 7)
  return Number.isInteger(length) && length > 0 ? length : 7
}

/** What the tag rules read: the ref, the commit, the event, and the pull request and branches its payload names. */
export function tagContext(github: GitHubContext, now = new Date(), shaLength = 7): TagContext {
  // As the runner wrote it; a payload of another shape gives no pull request or branch, never an error.
  const raw = github.event.payload
  const payload = (raw && typeof raw === 'object' ? raw : {}) as EventPayload
  const sha = github.sha
  const pr = payload.pull_request?.number ?? payload.number
  const ref = github.ref
  const baseRef = ref.startsWith('refs/pull/')
    ? payload.pull_request?.base?.ref
    : payload.base_ref?.replace(/^refs\/heads\//, '')
  return {
    ref,
    // Only a commit id makes a sha- tag; anything else in GITHUB_SHA is ignored.
    sha: /^[0-9a-f]{7,}$/.test(sha) ? sha : '',
    eventName: github.eventName,
    ...(pr !== undefined ? { prNumber: String(pr) } : {}),
    ...(payload.repository?.default_branch
      ? { defaultBranch: payload.repository.default_branch }
      : {}),
    ...(baseRef ? { baseRef } : {}),
    now,
    shortShaLength: shaLength
  }
}

/**
 * The tags to push: the tags input's rules (or the default ones) in this run's context. The default falls back to
 * latest outside a workflow (no ref, no commit); explicit rules that give nothing are an error when the image is
 * pushed, since an image pushed without the tag its author expects is worse than a failed step (a pull request
 * built with push: false and release-only rules is fine).
 */
export function planTags(
  lines: string[],
  flavor: Flavor,
  github: GitHubContext,
  logger?: Logger,
  o: { now?: Date; pushed?: boolean; shortShaLength?: number } = {}
): TagResult {
  const now = o.now ?? new Date()
  const ctx = tagContext(github, now, o.shortShaLength)
  const explicit = lines.length > 0
  const result = resolveTags(explicit ? parseTagRules(lines) : defaultTagRules(), flavor, ctx)
  for (const note of result.notes) logger?.info(`tags: ${note}`)
  if (result.tags.length) return result
  if (!explicit) return { tags: ['latest'], latest: true, latestTag: 'latest', notes: [] }
  if (o.pushed === false) return result
  throw new Error(
    `tags: no rule gives a tag for ${ctx.ref || 'this run'} (event ${ctx.eventName || 'unknown'}). ` +
      `Add one that applies, e.g. type=sha or type=raw,value=latest, or set push-by-digest: true to push without a tag.`
  )
}

/**
 * The planned tags without latest when the repository already holds a newer release than the one this tag push
 * makes (tags-latest: auto means the newest release). listTags reads the repository; when it cannot, latest
 * stays, with a warning, as metadata-action would put it.
 */
export async function latestOnNewest(
  planned: TagResult,
  listTags: () => Promise<string[]>,
  logger: Logger
): Promise<TagPlan> {
  const plan = tagPlan(planned)
  if (!planned.release || !planned.latestTag) return plan
  let existing: string[]
  try {
    existing = await listTags()
  } catch (e) {
    logger.warning(
      `tags-latest: could not list the repository's tags (${(e as Error).message}); latest goes on this release.`
    )
    return plan
  }
  const newer = newerRelease(planned.release, existing, planned.affix)
  if (!newer) return plan
  logger.info(
    `tags-latest: auto: the repository already has ${newer}, newer than ${planned.release.raw}; ${planned.latestTag} stays there.`
  )
  const floating = plan.floating?.tags.filter(t => t.tag !== planned.latestTag) ?? []
  return {
    tags: planned.tags.filter(t => t !== planned.latestTag),
    ...(plan.floating && floating.length ? { floating: { ...plan.floating, tags: floating } } : {})
  }
}

/**
 * The tags to push. Under tags-latest: auto, a release whose tag push would put latest on it asks image's
 * repository (pull access only) whether a newer release is already there; only then is the registry reached
 * before the build.
 */
export async function pushTags(
  publish: {
    /** The tags input's lines (see PublishOptions in publish.ts). */
    tags: string[]
    tagFlavor: Flavor
    shortShaLength: number
    push: boolean
    image?: ImageRef
  },
  registry: RegistryOptions,
  github: GitHubContext,
  ports: RegistryPorts
): Promise<TagPlan> {
  const planned = planTags(publish.tags, publish.tagFlavor, github, ports.logger, {
    pushed: publish.push,
    shortShaLength: publish.shortShaLength
  })
  const image = publish.image
  if (!planned.release || !publish.push || !image) return tagPlan(planned)
  return latestOnNewest(
    planned,
    async () => {
      const client = await openRegistry(registry, ports, image, registry.credentials, {
        access: 'pull'
      })
      await client.login()
      return client.listTags()
    },
    ports.logger
  )
}

/** The default tags (tags input empty, no flavor) of a run: see defaultTagRules. */
export function defaultTags(github: GitHubContext, now = new Date()): string[] {
  return planTags([], DEFAULT_FLAVOR, github, undefined, { now }).tags
}
