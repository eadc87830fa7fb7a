// Reads docker/metadata-action-style tag rules (type=semver,pattern={{version}} …) and the flavor inputs into checked rules, which resolveTags (tag-resolve.ts) applies; pure.
import { InputError } from '../ports.js'
import { validateTags } from './reference.js'
import { checkTemplate } from './tag-template.js'

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
