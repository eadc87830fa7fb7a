// Writes a run's tags once what they point at is complete: the fixed tags first (the exact version before any other), then the floating ones (1.2, 1, latest), which are only moved forward and are read back until they hold the newest release of their line, so releases that run at once converge.
import semver from 'semver'
import type { Blob } from '../oci/image.js'
import type { Logger } from '../ports.js'
import type { RegistryClient } from './client.js'
import type { FloatingTags, TagPlan } from './tags.js'

export interface TagOptions {
  logger: Logger
  /** Told each tag written onto this run's image, for the caller's account of what is tagged where. */
  tagged?: (tag: string) => void
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  /** How long the floating tags may take to settle: 60 s. */
  budgetMs?: number
}

const DEFAULT_BUDGET_MS = 60_000

export interface Release {
  tag: string
  version: semver.SemVer
}

/** The repository's releases as this run spells them (affix): full versions without a pre-release, e.g. 1.2.3 or v1.2.3. */
export function releasesIn(tags: string[], affix: FloatingTags['affix']): Release[] {
  const out: Release[] = []
  for (const tag of tags) {
    const bare = tag.length - affix.prefix.length - affix.suffix.length
    if (bare <= 0 || !tag.startsWith(affix.prefix) || !tag.endsWith(affix.suffix)) continue
    const version = semver.parse(tag.slice(affix.prefix.length, affix.prefix.length + bare))
    if (version && !version.prerelease.length) out.push({ tag, version })
  }
  return out
}

/** Whether v belongs to the line a floating tag of release follows. */
export function inLine(
  v: semver.SemVer,
  release: semver.SemVer,
  line: 'minor' | 'major' | 'all'
): boolean {
  return (
    line === 'all' || (v.major === release.major && (line === 'major' || v.minor === release.minor))
  )
}

/**
 * Writes plan's tags for top: the fixed ones in order, then the floating ones (see settleFloating). Returns the
 * tags that point at top when it is done, in the plan's order: a floating tag a newer release holds is not one.
 */
export async function writeTags(
  client: RegistryClient,
  top: Blob,
  plan: TagPlan,
  o: TagOptions
): Promise<string[]> {
  const floating = new Set(plan.floating?.tags.map(t => t.tag))
  const fixed = plan.tags.filter(t => !floating.has(t))
  for (const tag of fixed) {
    await client.putManifest(tag, top)
    o.tagged?.(tag)
    o.logger.info(`tagged ${repoOf(client)}:${tag}`)
  }
  if (!plan.floating || !floating.size) return fixed
  const held = new Set([...fixed, ...(await settleFloating(client, top, plan.floating, o))])
  // In the plan's order (the tags output lists them as metadata-action would).
  return plan.tags.filter(t => held.has(t))
}

const repoOf = (c: RegistryClient): string => `${c.ref.registry}/${c.ref.repository}`

/**
 * Points each floating tag at the newest release of its line, read from the repository's tags (this run's own
 * exact tag is already there), and reads them again after every pass that moved one, until a pass finds all of
 * them right. A tag only ever moves to the newest release the repository shows, so a run that decided on an
 * older listing and wrote last is corrected by its own next pass: whoever writes last also reads last. Distribution
 * has no compare-and-swap for tags, so for the moment between a listing and a write an older release may hold a
 * tag, until that run's next pass moves it on.
 */
export async function settleFloating(
  client: RegistryClient,
  top: Blob,
  floating: FloatingTags,
  o: TagOptions
): Promise<string[]> {
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
  const random = o.random ?? Math.random
  const budget = o.budgetMs ?? DEFAULT_BUDGET_MS
  const ours = new semver.SemVer(
    `${floating.release.major}.${floating.release.minor}.${floating.release.patch}`
  )
  const tags = [...new Map(floating.tags.map(t => [t.tag, t])).values()]
  const start = now()
  for (let pass = 1; ; pass++) {
    const releases = releasesIn(await client.listTags(), floating.affix).sort((a, b) =>
      semver.rcompare(a.version, b.version)
    )
    const manifests = new Map<string, Promise<Blob | undefined>>()
    const read = (tag: string): Promise<Blob | undefined> => {
      let got = manifests.get(tag)
      if (!got) manifests.set(tag, (got = client.getManifest(tag)))
      return got
    }
    const held: string[] = []
    let moved = 0
    for (const { tag, line } of tags) {
      const want = await newest(releases, ours, line, read, top)
      const current = await client.getManifest(tag)
      if (current?.digest === want.blob.digest) {
        if (want.blob.digest === top.digest) held.push(tag)
        else if (pass === 1)
          o.logger.info(
            `${repoOf(client)}:${tag} stays on ${want.name} (${want.blob.digest}), newer than ${floating.release.raw}`
          )
        continue
      }
      await client.putManifest(tag, want.blob)
      moved++
      if (want.blob.digest === top.digest) {
        o.tagged?.(tag)
        o.logger.info(`tagged ${repoOf(client)}:${tag}`)
      } else {
        o.logger.info(
          `${repoOf(client)}:${tag} moved to ${want.name} (${want.blob.digest}), the newest release of its line` +
            (current ? `, from ${current.digest}` : '')
        )
      }
    }
    if (!moved) return held
    const spent = now() - start
    if (spent >= budget) {
      throw new Error(
        `tags: the floating tags ${tags.map(t => t.tag).join(', ')} of ${repoOf(client)} were still being moved by ` +
          `other runs after ${pass} passes in ${Math.round(spent / 1000)} s. Each points at a release of its line; ` +
          'run the step again once the other releases have finished, or give release workflows a concurrency: group.'
      )
    }
    // Jittered, so that two runs that both moved a tag do not read and write again in step.
    await sleep(Math.round(100 + 300 * random()))
  }
}

/**
 * The image a floating tag of line should hold: the newest release of the line the repository lists, read from
 * its own tag (so that two runs of one version agree on whichever the exact tag holds), or this run's image when
 * nothing listed is as new as this release.
 */
async function newest(
  releases: Release[],
  ours: semver.SemVer,
  line: 'minor' | 'major' | 'all',
  read: (tag: string) => Promise<Blob | undefined>,
  top: Blob
): Promise<{ blob: Blob; name: string }> {
  for (const r of releases) {
    if (!inLine(r.version, ours, line)) continue
    if (semver.lt(r.version, ours)) break
    // Gone between the listing and now: the next one down.
    const blob = await read(r.tag)
    if (blob) return { blob, name: r.tag }
  }
  return { blob: top, name: 'this run' }
}
