// The tags of a run: the tag rules (tag-rules.ts, tag-resolve.ts) applied to the Git context the runner describes in its environment.
import { readFileSync } from 'node:fs'
import type { Logger } from '../ports.js'
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

/** The event payload the runner wrote (GITHUB_EVENT_PATH); empty when there is none or it cannot be read. */
function eventPayload(env: Record<string, string | undefined>): EventPayload {
  if (!env.GITHUB_EVENT_PATH) return {}
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload
  } catch {
    return {}
  }
}

export function tagContext(env: Record<string, string | undefined>, now = new Date()): TagContext {
  const payload = eventPayload(env)
  const sha = env.GITHUB_SHA ?? ''
  const length = Number(env.DOCKER_METADATA_SHORT_SHA_LENGTH || 7)
  const pr = payload.pull_request?.number ?? payload.number
  const ref = env.GITHUB_REF ?? ''
  const baseRef = ref.startsWith('refs/pull/')
    ? payload.pull_request?.base?.ref
    : payload.base_ref?.replace(/^refs\/heads\//, '')
  return {
    ref,
    // Only a commit id makes a sha- tag; anything else in GITHUB_SHA is ignored.
    sha: /^[0-9a-f]{7,}$/.test(sha) ? sha : '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ...(pr !== undefined ? { prNumber: String(pr) } : {}),
    ...(payload.repository?.default_branch
      ? { defaultBranch: payload.repository.default_branch }
      : {}),
    ...(baseRef ? { baseRef } : {}),
    now,
    shortShaLength: Number.isInteger(length) && length > 0 ? length : 7
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
  env: Record<string, string | undefined>,
  logger?: Logger,
  o: { now?: Date; pushed?: boolean } = {}
): TagResult {
  const now = o.now ?? new Date()
  const ctx = tagContext(env, now)
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

/** The default tags (tags input empty, no flavor) of a run: see defaultTagRules. */
export function defaultTags(env: Record<string, string | undefined>, now = new Date()): string[] {
  return planTags([], DEFAULT_FLAVOR, env, undefined, { now }).tags
}
