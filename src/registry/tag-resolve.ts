// Applies tag rules to the Git context of a run: the tags in metadata-action's order, latest, and the release's floating tags; pure.
import { InputError } from '../ports.js'
import { parseSemver, type SemVer } from './release.js'
import { fitTag, type AffixedTag } from './tag-limit.js'
import type { Flavor, TagRule } from './tag-rules.js'
import { render } from './tag-template.js'

/** What the workflow run is building, from GITHUB_REF, GITHUB_SHA, GITHUB_EVENT_NAME and the event payload. */
export interface TagContext {
  ref: string
  sha: string
  eventName: string
  /** The pull request's number, from the ref or the pull_request event payload. */
  prNumber?: string
  /** repository.default_branch of the event payload (type=edge, {{is_default_branch}}). */
  defaultBranch?: string
  /** The pull request's base branch, or the tag push's base_ref. */
  baseRef?: string
  now: Date
  /** DOCKER_METADATA_SHORT_SHA_LENGTH, as metadata-action reads it; 7 by default. */
  shortShaLength: number
}

export interface TagResult {
  tags: string[]
  /** The first tag (the highest priority), as metadata-action's version output. */
  version?: string
  latest: boolean
  /**
   * The release whose tag push put latest on under tags-latest: auto; the registry may know a newer one (see
   * newerRelease), and then latest stays where it is.
   */
  release?: SemVer
  /** The latest tag as pushed (with the flavor's prefix and suffix when onlatest), when latest is on. */
  latestTag?: string
  /** The flavor's prefix and suffix, rendered: how the release's own tags are spelt. */
  affix?: { prefix: string; suffix: string }
  /** Rules that applied to nothing for a reason the user may want to know (not semver, no default branch). */
  notes: string[]
  /** A release's tags that follow the newest release of their line (1.2, 1, latest); see FloatingTags. */
  floating?: FloatingTags
}

/**
 * The tags of a release (a semver tag push, no pre-release) that float: {{major}}.{{minor}} follows its minor
 * line, {{major}} its major line, and latest (under tags-latest: auto) every release. affix is how the release
 * tags of the repository are spelt (the flavor's prefix and suffix).
 */
export interface FloatingTags {
  release: SemVer
  tags: { tag: string; line: 'minor' | 'major' | 'all' }[]
  affix: { prefix: string; suffix: string }
}

type RefKind = 'branch' | 'tag' | 'pr' | undefined

function refKind(ctx: TagContext): RefKind {
  if (
    ctx.ref.startsWith('refs/pull/') ||
    (ctx.eventName.startsWith('pull_request') && ctx.prNumber)
  )
    return 'pr'
  if (ctx.ref.startsWith('refs/tags/')) return 'tag'
  if (ctx.ref.startsWith('refs/heads/')) return 'branch'
  return undefined
}

const strip = (ref: string, prefix: string): string => ref.slice(prefix.length)

/** The tags the rules give in this context, in metadata-action's order: by priority, then latest. */
export function resolveTags(rules: TagRule[], flavor: Flavor, ctx: TagContext): TagResult {
  const kind = refKind(ctx)
  const branch = kind === 'branch' ? strip(ctx.ref, 'refs/heads/') : ''
  const gitTag = kind === 'tag' ? strip(ctx.ref, 'refs/tags/') : ''
  const shortSha = ctx.sha.slice(0, ctx.shortShaLength)
  const globals = {
    branch,
    tag: gitTag,
    sha: shortSha,
    base_ref: ctx.baseRef ?? '',
    is_default_branch: String(
      (!!branch && branch === ctx.defaultBranch) ||
        /create|discussion|issues|schedule/.test(ctx.eventName)
    )
  }
  const global = (v: string): string => render(v, globals, ctx.now)
  const affixed = (value: string, rule: TagRule): AffixedTag => {
    const own = (key: 'prefix' | 'suffix'): boolean => rule.attrs[key] !== undefined
    const from = (key: 'prefix' | 'suffix'): string =>
      own(key) ? `tags: ${key}= in '${rule.line}'` : `tags-${key}`
    return {
      prefix: global(own('prefix') ? rule.attrs.prefix! : flavor.prefix),
      value,
      suffix: global(own('suffix') ? rule.attrs.suffix! : flavor.suffix),
      prefixFrom: from('prefix'),
      suffixFrom: from('suffix')
    }
  }
  const what = ctx.ref || 'this run'
  const notes: string[] = []
  let main: string | undefined
  const partial: string[] = []
  let latest: boolean | undefined
  let release: SemVer | undefined
  const floating: FloatingTags['tags'] = []
  let floatingRelease: SemVer | undefined
  const add = (parts: AffixedTag, autoLatest: boolean, from?: SemVer): string | undefined => {
    if (!`${parts.prefix}${parts.value}${parts.suffix}`) return
    const tag = fitTag(parts, what)
    if (!tag) return
    if (main === undefined) main = tag
    else if (tag !== main) partial.push(tag)
    if (latest === undefined) {
      latest = flavor.latest === 'auto' ? autoLatest : flavor.latest === 'true'
      if (latest && flavor.latest === 'auto') release = from
    }
    return tag
  }
  const sorted = [...rules].sort((a, b) => b.priority - a.priority)
  for (const rule of sorted) {
    const enabled = global(rule.attrs.enable ?? 'true')
    if (enabled !== 'true' && enabled !== 'false') {
      throw new InputError(`tags: enable in '${rule.line}' gives '${enabled}', not true or false.`)
    }
    if (enabled === 'false') continue
    const auto = (fallback: boolean): boolean => rule.autoLatest ?? fallback
    switch (rule.type) {
      case 'schedule':
        if (ctx.eventName.includes('schedule'))
          add(affixed(render(rule.attrs.pattern!, {}, ctx.now), rule), auto(false))
        break
      case 'semver': {
        if (kind !== 'tag' && !rule.attrs.value) break
        const raw = rule.attrs.value ? global(rule.attrs.value) : gitTag.replace(/\//g, '-')
        const v = parseSemver(raw)
        if (!v) {
          notes.push(`${rule.line}: ${raw} is not semver (https://semver.org), so it gives no tag.`)
          break
        }
        const version = `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`
        const values = { raw, version, major: v.major, minor: v.minor, patch: v.patch }
        const pattern = rule.attrs.pattern!
        if (v.prerelease) {
          // A pre-release gets only its full version (or {{raw}}): moving 1 or 1.2 to it would mislead.
          add(affixed(/^\{\{\s*raw\s*\}\}$/.test(pattern) ? raw : version, rule), auto(false))
          break
        }
        // Major version zero promises no stability, so no tag may follow every 0.x release.
        if (
          v.major === 0 &&
          /\{\{\s*major\s*\}\}/.test(pattern) &&
          !/\{\{\s*(minor|patch|version|raw)\s*\}\}/.test(pattern)
        ) {
          notes.push(`${rule.line}: ${raw} is major version zero, so no {{major}} tag.`)
          break
        }
        const tag = add(affixed(render(pattern, values, ctx.now), rule), auto(true), v)
        // A pattern without the patch (or the whole version) names a line of releases, not this one.
        if (tag && !/\{\{\s*(patch|version|raw)\s*\}\}/.test(pattern)) {
          floating.push({ tag, line: /\{\{\s*minor\s*\}\}/.test(pattern) ? 'minor' : 'major' })
          floatingRelease = v
        }
        break
      }
      case 'ref': {
        const event = rule.attrs.event
        if (event !== kind) break
        // Lowercased, unlike metadata-action: Feature/X and feature/x are one branch to most people, and one
        // image tag should not split into two by case.
        if (event === 'branch') add(affixed(branch.toLowerCase(), rule), auto(false))
        else if (event === 'tag') {
          if (rule.onlyIfNotSemver && parseSemver(gitTag.replace(/\//g, '-'))) break
          const v = parseSemver(gitTag.replace(/\//g, '-'))
          add(affixed(gitTag, rule), auto(true), v && !v.prerelease ? v : undefined)
        } else {
          const pr = ctx.ref.startsWith('refs/pull/')
            ? strip(ctx.ref, 'refs/pull/').replace(/\/merge$/, '')
            : (ctx.prNumber ?? '')
          add(affixed(pr, rule), auto(false))
        }
        break
      }
      case 'edge': {
        if (kind !== 'branch') break
        const wanted = rule.attrs.branch || ctx.defaultBranch
        if (!wanted) {
          notes.push(
            `${rule.line}: the event payload names no default branch; set branch= (type=edge,branch=main).`
          )
          break
        }
        if (wanted === branch) add(affixed('edge', rule), auto(false))
        break
      }
      case 'raw':
        add(affixed(global(rule.attrs.value!), rule), auto(false))
        break
      case 'sha':
        if (!ctx.sha) break
        add(affixed(rule.attrs.format === 'long' ? ctx.sha : shortSha, rule), auto(false))
        break
    }
  }
  const tags = main === undefined ? [] : [main, ...new Set(partial)]
  const on = !!latest && main !== undefined
  const latestTag = on
    ? fitTag(
        {
          prefix: flavor.prefixLatest ? global(flavor.prefix) : '',
          value: 'latest',
          suffix: flavor.suffixLatest ? global(flavor.suffix) : '',
          prefixFrom: 'tags-prefix',
          suffixFrom: 'tags-suffix'
        },
        what
      )
    : undefined
  if (latestTag && !tags.includes(latestTag)) tags.push(latestTag)
  if (latestTag && release) {
    floating.push({ tag: latestTag, line: 'all' })
    floatingRelease = release
  }
  const affix = { prefix: global(flavor.prefix), suffix: global(flavor.suffix) }
  return {
    tags,
    version: main,
    latest: on,
    ...(latestTag ? { latestTag } : {}),
    ...(on && release ? { release, affix } : {}),
    notes,
    ...(floatingRelease && floating.length
      ? { floating: { release: floatingRelease, tags: floating, affix } }
      : {})
  }
}
