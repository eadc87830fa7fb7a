// Turns docker/metadata-action-style tag rules (type=semver,pattern={{version}} …) and the Git context into tags; pure.
import semver from 'semver'
import { InputError } from '../ports.js'
import { validateTags } from './reference.js'
import { fitTag, type AffixedTag } from './tag-limit.js'

export { sanitizeTag } from './tag-limit.js'

export type TagType = 'schedule' | 'semver' | 'ref' | 'edge' | 'raw' | 'sha'

/** One line of the tags input, parsed and checked. */
export interface TagRule {
  type: TagType
  attrs: Record<string, string>
  priority: number
  /** The line as written, for messages. */
  line: string
  /** Set by the built-in default only: the latest flag this rule gives under tags-latest: auto. */
  autoLatest?: boolean
  /** Set by the built-in default only: a type=ref,event=tag that stands aside for the semver rules. */
  onlyIfNotSemver?: boolean
}

export interface Flavor {
  latest: 'auto' | 'true' | 'false'
  prefix: string
  /** Whether the prefix also goes on latest (tags-prefix: foo-,onlatest=true). */
  prefixLatest: boolean
  suffix: string
  suffixLatest: boolean
}

export const DEFAULT_FLAVOR: Flavor = {
  latest: 'auto',
  prefix: '',
  prefixLatest: false,
  suffix: '',
  suffixLatest: false
}

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

const TYPES: readonly TagType[] = ['schedule', 'semver', 'ref', 'edge', 'raw', 'sha']
const PRIORITY: Record<TagType, number> = {
  schedule: 1000,
  semver: 900,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
}
const COMMON = ['enable', 'priority', 'prefix', 'suffix']
const ATTRS: Record<TagType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value'],
  ref: ['event'],
  edge: ['branch'],
  raw: ['value'],
  sha: ['format']
}
/** Template keys of a semver pattern (metadata-action's documented ones). */
const SEMVER_KEYS = ['raw', 'version', 'major', 'minor', 'patch']
/** Global expressions, usable in prefix, suffix, value and enable. */
const GLOBAL_KEYS = ['branch', 'tag', 'sha', 'base_ref', 'is_default_branch', 'date']

export interface SemVer {
  raw: string
  major: number
  minor: number
  patch: number
  prerelease?: string
}

/** A version as node-semver reads it strictly: semver.org's grammar, with an optional leading v. */
export function parseSemver(raw: string): SemVer | undefined {
  const v = semver.parse(raw.trim())
  if (!v) return undefined
  return {
    raw,
    major: v.major,
    minor: v.minor,
    patch: v.patch,
    ...(v.prerelease.length ? { prerelease: v.prerelease.join('.') } : {})
  }
}

const TEMPLATE = /\{\{\s*([^\s}]*)((?:\s+[^}]*?)?)\s*\}\}/g

/** Refuses a template key the attribute does not offer, and a date format or time zone that cannot be used. */
function checkTemplate(value: string, keys: string[], where: string): void {
  const rest = value.replace(TEMPLATE, (_all, key: string, args: string) => {
    if (!keys.includes(key)) {
      throw new InputError(
        `tags: unknown template key {{${key}}} in '${where}'. Use ${keys.map(k => `{{${k}}}`).join(', ')}.`
      )
    }
    if (key === 'date') dateArgs(args, where)
    return ''
  })
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new InputError(`tags: unbalanced {{ }} in '${where}'.`)
  }
}

function dateArgs(args: string, where: string): { format: string; tz: string } {
  const m = /^\s*'([^']*)'(?:\s+tz='([^']*)')?\s*$/.exec(args)
  if (!m) {
    throw new InputError(
      `tags: {{date${args}}} in '${where}' is not {{date 'FORMAT'}} or {{date 'FORMAT' tz='Zone/Name'}}.`
    )
  }
  const tz = m[2] ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
  } catch {
    throw new InputError(`tags: '${tz}' in '${where}' is not a time zone (e.g. UTC, Europe/Paris).`)
  }
  return { format: m[1]!, tz }
}

/** Splits one line into fields at commas outside double quotes, as metadata-action's CSV reader does. */
function csvFields(line: string): string[] {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        field += '"'
        i++
      } else quoted = !quoted
    } else if (c === ',' && !quoted) {
      out.push(field)
      field = ''
    } else field += c
  }
  if (quoted) throw new InputError(`tags: '${line}' has an unterminated " quote.`)
  out.push(field)
  return out.map(f => f.trim())
}

/** Parses one rule line; a line without '=' and '{{' is a plain tag and does not come here. */
export function parseRule(line: string): TagRule {
  // No prototype: an attribute named __proto__ is refused as unknown like any other.
  const attrs = Object.create(null) as Record<string, string>
  let type: TagType | undefined
  for (const field of csvFields(line)) {
    if (field === '') continue
    const eq = field.indexOf('=')
    if (eq < 0) {
      attrs.value = field
      continue
    }
    const key = field.slice(0, eq).trim().toLowerCase()
    const value = field.slice(eq + 1).trim()
    if (key === 'type') {
      if (!TYPES.includes(value as TagType)) {
        throw new InputError(
          `tags: unknown type=${value} in '${line}'. Use ${TYPES.map(t => `type=${t}`).join(', ')}` +
            (value === 'pep440' || value === 'match'
              ? ` (type=${value} of metadata-action is not supported: Go modules use semver).`
              : '.')
        )
      }
      type = value as TagType
    } else attrs[key] = value
  }
  const t = type ?? 'raw'
  for (const key of Object.keys(attrs)) {
    if (!COMMON.includes(key) && !ATTRS[t].includes(key)) {
      throw new InputError(
        `tags: unknown attribute '${key}' for type=${t} in '${line}'. Use ${[...ATTRS[t], ...COMMON].join(', ')}.`
      )
    }
  }
  const need = (key: string, example: string): string => {
    if (attrs[key] === undefined || attrs[key] === '') {
      throw new InputError(`tags: type=${t} needs ${key}= in '${line}', e.g. ${example}.`)
    }
    return attrs[key]
  }
  switch (t) {
    case 'schedule':
      attrs.pattern ??= 'nightly'
      checkTemplate(attrs.pattern, ['date'], line)
      break
    case 'semver':
      checkTemplate(need('pattern', 'type=semver,pattern={{version}}'), SEMVER_KEYS, line)
      attrs.value ??= ''
      break
    case 'ref': {
      const event = need('event', 'type=ref,event=branch')
      if (!['branch', 'tag', 'pr'].includes(event)) {
        throw new InputError(
          `tags: event=${event} in '${line}' is not branch, tag or pr (e.g. type=ref,event=branch).`
        )
      }
      if (event === 'pr') attrs.prefix ??= 'pr-'
      break
    }
    case 'edge':
      attrs.branch ??= ''
      break
    case 'raw':
      need('value', 'type=raw,value=stable')
      break
    case 'sha':
      attrs.prefix ??= 'sha-'
      attrs.format ??= 'short'
      if (attrs.format !== 'short' && attrs.format !== 'long') {
        throw new InputError(
          `tags: format=${attrs.format} in '${line}' is not short or long (type=sha,format=long).`
        )
      }
      break
  }
  for (const key of ['prefix', 'suffix', 'enable'].concat(
    t === 'semver' || t === 'raw' ? ['value'] : []
  )) {
    if (attrs[key] !== undefined) checkTemplate(attrs[key], GLOBAL_KEYS, line)
  }
  const enable = attrs.enable ?? 'true'
  if (!enable.includes('{{') && enable !== 'true' && enable !== 'false') {
    throw new InputError(`tags: enable=${enable} in '${line}' is not true or false.`)
  }
  const priority = attrs.priority ?? String(PRIORITY[t])
  if (!/^-?\d+$/.test(priority)) {
    throw new InputError(`tags: priority=${priority} in '${line}' is not a whole number.`)
  }
  return { type: t, attrs, priority: Number(priority), line }
}

/** Whether a line of tags is a rule (metadata-action syntax) rather than plain tags (commas allowed). */
export function isRule(line: string): boolean {
  return line.includes('=') || line.includes('{{')
}

export function parseTagRules(lines: string[]): TagRule[] {
  return lines.map(l => (isRule(l) ? parseRule(l) : parseRule(`type=raw,value=${l}`)))
}

/**
 * The rules used when tags is empty: semver tags on a tag push (latest on a release), the branch on a branch push,
 * pr-N on a pull request, nightly on a schedule, and sha-<7>. A tag that is not semver is pushed as it is named,
 * without latest.
 */
export function defaultTagRules(): TagRule[] {
  const rules = [
    'type=schedule',
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=semver,pattern={{major}}',
    'type=ref,event=branch',
    'type=ref,event=pr',
    'type=sha'
  ].map(parseRule)
  return [
    ...rules,
    { ...parseRule('type=ref,event=tag'), autoLatest: false, onlyIfNotSemver: true }
  ]
}

export function parseFlavor(latest: string, prefix: string, suffix: string): Flavor {
  const l = latest.trim().toLowerCase() || 'auto'
  if (l !== 'auto' && l !== 'true' && l !== 'false') {
    throw new InputError(
      `tags-latest: '${latest.trim()}' is not auto, true or false. auto tags latest on a release (a semver tag without pre-release).`
    )
  }
  const affix = (raw: string, name: string): { value: string; onLatest: boolean } => {
    // [\s\S], not '.': a line break must reach the check below rather than make the pattern fail.
    const m = /^([\s\S]*?)(?:,\s*onlatest=(true|false))?$/i.exec(raw.trim())!
    const value = m[1]!.trim()
    checkTemplate(value, GLOBAL_KEYS, `${name}: ${raw.trim()}`)
    if (/[,=\n\r]/.test(value)) {
      throw new InputError(
        `${name}: '${raw.trim()}' is not a tag prefix or suffix. Write the text on one line, optionally followed by ,onlatest=true.`
      )
    }
    return { value, onLatest: m[2]?.toLowerCase() === 'true' }
  }
  const p = affix(prefix, 'tags-prefix')
  const s = affix(suffix, 'tags-suffix')
  return {
    latest: l,
    prefix: p.value,
    prefixLatest: p.onLatest,
    suffix: s.value,
    suffixLatest: s.onLatest
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** moment's common format tokens (YYYY MM DD HH mm ss …, [literal]) in a time zone. */
export function formatDate(date: Date, format: string, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
      .formatToParts(date)
      .map(p => [p.type, p.value])
  )
  const v = (k: string): number => Number(parts[k])
  const h12 = v('hour') % 12 || 12
  const tokens: Record<string, string> = {
    YYYY: String(v('year')),
    YY: pad(v('year') % 100),
    MM: pad(v('month')),
    M: String(v('month')),
    DD: pad(v('day')),
    D: String(v('day')),
    HH: pad(v('hour')),
    H: String(v('hour')),
    hh: pad(h12),
    h: String(h12),
    mm: pad(v('minute')),
    m: String(v('minute')),
    ss: pad(v('second')),
    s: String(v('second')),
    SSS: pad(date.getUTCMilliseconds(), 3),
    A: v('hour') < 12 ? 'AM' : 'PM',
    a: v('hour') < 12 ? 'am' : 'pm'
  }
  return format.replace(
    /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a/g,
    (all, literal?: string) => literal ?? tokens[all] ?? all
  )
}

function render(
  value: string,
  values: Record<string, string | number | undefined>,
  now: Date
): string {
  return value.replace(TEMPLATE, (_all, key: string, args: string) => {
    if (key === 'date') {
      const { format, tz } = dateArgs(args, value)
      return formatDate(now, format, tz)
    }
    return String(values[key] ?? '')
  })
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

/**
 * The tags input as lines: a rule line stays whole (checked here, so a typo fails before anything is built); a
 * line of plain tags may list several, comma-separated, and each must already be a valid tag.
 */
export function parseTagLines(raw: string): string[] {
  const out: string[] = []
  for (const line of raw.split('\n').map(s => s.trim())) {
    if (line === '' || line.startsWith('#')) continue
    if (isRule(line)) {
      parseRule(line)
      out.push(line)
    } else {
      out.push(
        ...validateTags(
          line
            .split(',')
            .map(s => s.trim())
            .filter(Boolean)
        )
      )
    }
  }
  return out
}

/** Releases in version order; pre-releases never come here. */
const order = (a: SemVer, b: SemVer): number =>
  semver.compare(`${a.major}.${a.minor}.${a.patch}`, `${b.major}.${b.minor}.${b.patch}`)

/**
 * The newest release among a repository's tags that is newer than release, if any: under tags-latest: auto a
 * tag push of an older line (a 1.4.8 fix after 2.0.0) must not move latest back. Tags are read as full semver
 * versions (1.2.3 or v1.2.3) after taking off the flavor's prefix and suffix; pre-releases and partial tags (1.2)
 * do not count.
 */
export function newerRelease(
  release: SemVer,
  existing: string[],
  affix: { prefix: string; suffix: string } = { prefix: '', suffix: '' }
): string | undefined {
  let best: { tag: string; v: SemVer } | undefined
  for (const tag of existing) {
    if (!tag.startsWith(affix.prefix) || !tag.endsWith(affix.suffix)) continue
    const v = parseSemver(tag.slice(affix.prefix.length, tag.length - affix.suffix.length))
    if (!v || v.prerelease || order(v, release) <= 0) continue
    if (!best || order(v, best.v) > 0) best = { tag, v }
  }
  return best?.tag
}
