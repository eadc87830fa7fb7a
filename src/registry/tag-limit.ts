// Fits tags to the 128 characters OCI allows, refusing a cut that would make a prefix or suffix merge two tags into one.
import { InputError } from '../ports.js'

/** The longest tag the OCI distribution spec allows: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}. */
export const TAG_LIMIT = 128

/** A tag's characters as registries accept them, before the cut at TAG_LIMIT. */
function tagChars(value: string): string {
  return value.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^[.-]+/, '')
}

/**
 * A tag as registries accept it: every run of other characters becomes '-' (metadata-action's rule), and, where
 * metadata-action would hand on a tag the registry refuses, leading '.' and '-' go and the length stops at 128.
 */
export function sanitizeTag(value: string): string {
  return tagChars(value).slice(0, TAG_LIMIT)
}

/** One tag as a rule makes it: the value the rule gives, between the prefix and suffix in force (rendered). */
export interface AffixedTag {
  prefix: string
  value: string
  suffix: string
  /** Where the prefix and the suffix were set, for messages: tags-prefix, or tags: prefix= in '<rule>'. */
  prefixFrom: string
  suffixFrom: string
}

/** Long values shortened for a message, with their length. */
function shown(value: string): string {
  return value.length > 40
    ? `'${value.slice(0, 16)}…${value.slice(-16)}' (${value.length} characters)`
    : `'${value}'`
}

/**
 * The tag for a rule's parts, cut at 128 characters as sanitizeTag cuts, unless a prefix or suffix takes part
 * in the cut. Past the prefix the cut takes away the part the rule gives (with a long tags-prefix, main and dev
 * would push one tag); inside the suffix it takes away what tells this image's tags from the same ref's tags
 * without it (a -debug variant would overwrite the plain tag). Either is refused, naming the input and the
 * room it has. A tag without a prefix or suffix is cut as before: no input of ours made it long.
 */
export function fitTag(t: AffixedTag, what: string): string {
  const full = tagChars(t.prefix + t.value + t.suffix)
  if (full.length <= TAG_LIMIT) return full
  // Each affix's share of the tag: what the tag loses without it (sanitising may merge characters at the seams).
  const prefixLen = full.length - tagChars(t.value + t.suffix).length
  const suffixLen = full.length - tagChars(t.prefix + t.value).length
  const head = full.length - suffixLen
  const blame = prefixLen > 0 && head > TAG_LIMIT ? 'prefix' : suffixLen > 0 ? 'suffix' : undefined
  if (!blame) return full.slice(0, TAG_LIMIT)
  const [from, affix, share] =
    blame === 'prefix' ? [t.prefixFrom, t.prefix, prefixLen] : [t.suffixFrom, t.suffix, suffixLen]
  const lost = full.slice(TAG_LIMIT)
  const room = TAG_LIMIT - (full.length - share)
  const why =
    blame === 'prefix'
      ? `lose ${shown(lost)} of what the rule gives, so two refs whose tags differ only there would push the same tag`
      : `lose ${shown(lost)} of the suffix, so it could overwrite the tag the same ref gets without the suffix (or with another)`
  throw new InputError(
    `${from}: ${shown(affix)} makes the tag for ${what} ${full.length} characters long (${shown(full)}), and ` +
      `an OCI tag holds at most ${TAG_LIMIT}. Cut at ${TAG_LIMIT}, it would ${why}. ` +
      (room > 0
        ? `Shorten ${blame === 'prefix' ? 'the prefix' : 'the suffix'} to at most ${room} characters.`
        : `The tag is ${full.length - share} characters even without it: leave the ${blame} off this rule ` +
          `(${blame}= on the rule's line) or give it a shorter value.`)
  )
}
