// The 128-character tag limit against prefixes and suffixes: what is cut, what is refused, and that two refs never
// share a tag because of a cut.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../../src/ports.js'
import { resolveTags, type TagContext } from '../../src/registry/tag-resolve.js'
import {
  DEFAULT_FLAVOR,
  defaultTagRules,
  parseFlavor,
  parseTagRules,
  type Flavor
} from '../../src/registry/tag-rules.js'
import { fitTag, TAG_LIMIT } from '../../src/registry/tag-limit.js'

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37'
const ctx = (ref: string, event = 'push'): TagContext => ({
  ref,
  sha: SHA,
  eventName: event,
  now: new Date(Date.UTC(2020, 0, 10)),
  shortShaLength: 7
})
const x = (n: number): string => 'x'.repeat(n)
const BRANCH = ['type=ref,event=branch']
const SEMVER = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}']

function run(lines: string[], flavor: Flavor, ref: string): string[] {
  return resolveTags(lines.length ? parseTagRules(lines) : defaultTagRules(), flavor, ctx(ref)).tags
}

describe('a prefix or suffix is never cut; a tag without one is cut at 128 as before', () => {
  // [case, rules, tags-prefix, tags-suffix, ref, the tags, or the start of the error]
  it.each<[string, string[], string, string, string, string[] | string]>([
    [
      'the issue: a 128-character prefix leaves nothing of the branch',
      BRANCH,
      x(128),
      '',
      'refs/heads/main',
      `tags-prefix: '${x(16)}…${x(16)}' (128 characters) makes the tag for refs/heads/main 132 characters long`
    ],
    [
      '…and dev would have given the same tag',
      BRANCH,
      x(128),
      '',
      'refs/heads/dev',
      'tags-prefix:'
    ],
    [
      'a 124-character prefix and main: 128, fits',
      BRANCH,
      x(124),
      '',
      'refs/heads/main',
      [x(124) + 'main']
    ],
    [
      'a 125-character prefix and main: 129, refused',
      BRANCH,
      x(125),
      '',
      'refs/heads/main',
      "Cut at 128, it would lose 'n' of what the rule gives"
    ],
    ['…the same prefix and dev: 128, fits', BRANCH, x(125), '', 'refs/heads/dev', [x(125) + 'dev']],
    [
      'a 200-character prefix: no room at all',
      BRANCH,
      x(200),
      '',
      'refs/heads/main',
      'Shorten the prefix to at most 124 characters.'
    ],
    [
      'a suffix cut away: the -debug variant would overwrite the plain tag',
      BRANCH,
      '',
      '-debug',
      `refs/heads/${x(123)}`,
      "tags-suffix: '-debug' makes the tag for refs/heads/"
    ],
    [
      '…one character shorter, it fits',
      BRANCH,
      '',
      '-debug',
      `refs/heads/${x(122)}`,
      [x(122) + '-debug']
    ],
    [
      'a suffix of 128 characters',
      SEMVER,
      '',
      x(128),
      'refs/tags/v1.2.3',
      'Shorten the suffix to at most 123 characters.'
    ],
    [
      'a ref over 128 on its own, with a prefix: the prefix takes more of it',
      BRANCH,
      'p-',
      '',
      `refs/heads/${x(130)}`,
      "The tag is 130 characters even without it: leave the prefix off this rule (prefix= on the rule's line)"
    ],
    [
      'no prefix, no suffix, a 200-character branch: cut, as before',
      BRANCH,
      '',
      '',
      `refs/heads/${x(200)}`,
      [x(128)]
    ],
    [
      'semver with a prefix that leaves room for 1.2 but not 1.2.3',
      ['type=semver,pattern={{major}}.{{minor}}', 'type=semver,pattern={{version}}'],
      x(125),
      '',
      'refs/tags/v1.2.3',
      "lose '.3' of what the rule gives"
    ],
    [
      'a template prefix that renders long',
      BRANCH,
      '{{branch}}-{{branch}}-',
      '',
      `refs/heads/${x(43)}`,
      'tags-prefix:'
    ],
    [
      'latest with the prefix (onlatest=true) past 128, though 1.2.3 fits',
      SEMVER,
      `${x(123)},onlatest=true`,
      '',
      'refs/tags/v1.2.3',
      `tags-prefix: '${x(16)}…${x(16)}' (123 characters) makes the tag for refs/tags/v1.2.3 129 characters long`
    ],
    [
      '…and without onlatest, latest stays plain',
      SEMVER,
      x(123),
      '',
      'refs/tags/v1.2.3',
      [x(123) + '1.2.3', x(123) + '1', 'latest']
    ],
    [
      "the default rules' sha- prefix with a 40-character sha is never near the limit",
      [],
      '',
      '',
      'refs/heads/main',
      ['main', 'sha-860c190']
    ]
  ])('%s', (_case, rules, prefix, suffix, ref, expected) => {
    const flavor = parseFlavor('', prefix, suffix)
    if (Array.isArray(expected)) {
      expect(run(rules, flavor, ref)).toEqual(expected)
      return
    }
    let error: unknown
    try {
      run(rules, flavor, ref)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(expected)
    expect((error as Error).message).toContain('an OCI tag holds at most 128')
  })

  it("names a rule's own prefix= as the input, with the rule", () => {
    const line = `type=ref,event=branch,prefix=${x(130)}`
    expect(() => run([line], DEFAULT_FLAVOR, 'refs/heads/main')).toThrow(
      `tags: prefix= in '${line}': '${x(16)}…${x(16)}' (130 characters) makes the tag for refs/heads/main`
    )
  })

  it('the whole message, for the issue case', () => {
    expect(() => run(BRANCH, parseFlavor('', x(128), ''), 'refs/heads/dev')).toThrow(
      `tags-prefix: '${x(16)}…${x(16)}' (128 characters) makes the tag for refs/heads/dev 131 characters ` +
        `long ('${x(16)}…${x(13)}dev' (131 characters)), and an OCI tag holds at most 128. Cut at 128, it would ` +
        `lose 'dev' of what the rule gives, so two refs whose tags differ only there would push the same tag. ` +
        `Shorten the prefix to at most 125 characters.`
    )
  })
})

describe('two different branches never push one tag because of the limit', () => {
  // Names of the characters a tag keeps as they are, so no two differ only in what sanitising merges; often
  // long, so that tags reach the limit.
  const text = (chars: string, max: number): fc.Arbitrary<string> =>
    fc.oneof(
      fc.stringMatching(new RegExp(`^[${chars}]{0,12}$`)),
      fc.integer({ min: 0, max }).map(n => 'q'.repeat(n))
    )
  const affix = text('a-z0-9_-', 140)
  it('either both tags fit and differ, or the run is refused', () => {
    fc.assert(
      fc.property(
        affix,
        affix,
        text('a-z0-9._', 140),
        fc.stringMatching(/^[a-z0-9._]{0,6}$/),
        fc.stringMatching(/^[a-z0-9._]{0,6}$/),
        (prefix, suffix, stem, tailA, tailB) => {
          // Two branches that share a stem, as feature/... branches do.
          const [a, b] = [`b${stem}${tailA}`, `b${stem}${tailB}`]
          fc.pre(a !== b)
          const flavor = parseFlavor('', prefix, suffix)
          const tagOf = (name: string): string | InputError => {
            try {
              return run(BRANCH, flavor, `refs/heads/${name}`)[0]!
            } catch (e) {
              if (e instanceof InputError) return e
              throw e
            }
          }
          const [ta, tb] = [tagOf(a), tagOf(b)]
          if (ta instanceof InputError || tb instanceof InputError) return
          expect(ta.length).toBeLessThanOrEqual(TAG_LIMIT)
          // Without a prefix or suffix, a branch over 128 is cut as before; with one, nothing is ever cut.
          if (prefix || suffix || (a.length <= TAG_LIMIT && b.length <= TAG_LIMIT))
            expect(ta).not.toBe(tb)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('a tag that fits is prefix + value + suffix, whole; one that does not is refused', () => {
    fc.assert(
      fc.property(affix, affix, text('a-z0-9', 130), (prefix, rest, value) => {
        const parts = { prefix, value: `v${value}`, suffix: rest, prefixFrom: 'p', suffixFrom: 's' }
        const whole = (prefix + parts.value + rest).replace(/^[.-]+/, '')
        const affixed = prefix.replace(/^[.-]+/, '') + rest !== ''
        if (whole.length > TAG_LIMIT && affixed) {
          expect(() => fitTag(parts, 'x')).toThrow(InputError)
          return
        }
        expect(fitTag(parts, 'x')).toBe(whole.slice(0, TAG_LIMIT))
      }),
      { numRuns: 1000 }
    )
  })
})
