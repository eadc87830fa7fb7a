// Tag rules against docker/metadata-action's documented examples (its README, "tags input" and "Usage"), and where
// this action deliberately differs (v0 major, leading '.'/'-', unknown attributes).
import { describe, expect, it } from '@jest/globals'
import { newerRelease, parseSemver } from '../../src/registry/release.js'
import { resolveTags, type TagContext } from '../../src/registry/tag-resolve.js'
import {
  DEFAULT_FLAVOR,
  defaultTagRules,
  parseFlavor,
  parseRule,
  parseTagRules,
  sanitizeTag,
  type Flavor
} from '../../src/registry/tag-rules.js'
import { formatDate } from '../../src/registry/tag-template.js'
import { InputError } from '../../src/ports.js'

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37'
// 2020-01-10T00:30:00Z, the date metadata-action's README examples use.
const NOW = new Date(Date.UTC(2020, 0, 10, 0, 30, 0))

function ctx(
  ref: string,
  event = ref.startsWith('refs/pull/') ? 'pull_request' : 'push',
  extra: Partial<TagContext> = {}
): TagContext {
  return { ref, sha: SHA, eventName: event, now: NOW, shortShaLength: 7, ...extra }
}

const tags = (lines: string[], c: TagContext, flavor: Flavor = DEFAULT_FLAVOR): string[] =>
  resolveTags(parseTagRules(lines), flavor, c).tags

describe('metadata-action README: Usage > Semver', () => {
  const rules = [
    'type=ref,event=branch',
    'type=ref,event=pr',
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}'
  ]
  it.each<[string, string, string[]]>([
    ['pull_request', 'refs/pull/2/merge', ['pr-2']],
    ['push', 'refs/heads/master', ['master']],
    ['push', 'refs/heads/releases/v1', ['releases-v1']],
    ['push', 'refs/tags/v1.2.3', ['1.2.3', '1.2', 'latest']],
    ['push', 'refs/tags/v2.0.8-beta.67', ['2.0.8-beta.67']]
  ])('%s %s -> %j', (event, ref, expected) => {
    expect(tags(rules, ctx(ref, event))).toEqual(expected)
  })

  it('with type=sha the bake file example: 1.2.3, 1.2, sha-90dd603-like, latest', () => {
    expect(tags([...rules, 'type=sha'], ctx('refs/tags/v1.2.3'))).toEqual([
      '1.2.3',
      '1.2',
      'sha-860c190',
      'latest'
    ])
  })
})

describe('type=semver patterns (README table)', () => {
  it.each<[string, string, string[]]>([
    ['v1.2.3', '{{raw}}', ['v1.2.3', 'latest']],
    ['v1.2.3', '{{version}}', ['1.2.3', 'latest']],
    ['v1.2.3', '{{major}}.{{minor}}', ['1.2', 'latest']],
    ['v1.2.3', 'v{{major}}', ['v1', 'latest']],
    ['v1.2.3', '{{minor}}', ['2', 'latest']],
    ['v1.2.3', '{{patch}}', ['3', 'latest']],
    ['v2.0.8-beta.67', '{{raw}}', ['v2.0.8-beta.67']],
    ['v2.0.8-beta.67', '{{version}}', ['2.0.8-beta.67']],
    // "Pre-release (rc, beta, alpha) will only extend {{version}} (or {{raw}} if specified)".
    ['v2.0.8-beta.67', '{{major}}.{{minor}}', ['2.0.8-beta.67']],
    ['v2.0.8-beta.67', '{{major}}', ['2.0.8-beta.67']],
    // Build metadata is not part of {{version}} (node-semver's format()), and '+' is sanitised in {{raw}}.
    ['v1.2.3+build.5', '{{version}}', ['1.2.3', 'latest']],
    ['v1.2.3+build.5', '{{raw}}', ['v1.2.3-build.5', 'latest']]
  ])('git tag %s, pattern %s -> %j', (gitTag, pattern, expected) => {
    expect(tags([`type=semver,pattern=${pattern}`], ctx(`refs/tags/${gitTag}`))).toEqual(expected)
  })

  it('uses value= instead of the Git tag, on any event', () => {
    expect(tags(['type=semver,pattern={{version}},value=v1.0.0'], ctx('refs/heads/main'))).toEqual([
      '1.0.0',
      'latest'
    ])
  })

  it('gives nothing for a tag that is not semver, and says why', () => {
    const r = resolveTags(
      parseTagRules(['type=semver,pattern={{version}}']),
      DEFAULT_FLAVOR,
      ctx('refs/tags/nightly')
    )
    expect(r.tags).toEqual([])
    expect(r.notes).toEqual([
      'type=semver,pattern={{version}}: nightly is not semver (https://semver.org), so it gives no tag.'
    ])
  })

  it('gives no {{major}} tag for major version zero (metadata-action leaves this to enable=)', () => {
    const rules = [
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=semver,pattern={{major}}'
    ]
    expect(tags(rules, ctx('refs/tags/v0.1.2'))).toEqual(['0.1.2', '0.1', 'latest'])
    expect(tags(rules, ctx('refs/tags/v1.0.0'))).toEqual(['1.0.0', '1.0', '1', 'latest'])
  })
})

describe('type=ref (README table)', () => {
  const rules = ['type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr']
  it.each<[string, string, string[]]>([
    ['pull_request', 'refs/pull/2/merge', ['pr-2']],
    ['push', 'refs/heads/master', ['master']],
    ['push', 'refs/heads/my/branch', ['my-branch']],
    // type=ref,event=tag puts latest on the tag under latest=auto, as metadata-action does.
    ['push', 'refs/tags/v1.2.3', ['v1.2.3', 'latest']],
    ['push', 'refs/tags/v2.0.8-beta.67', ['v2.0.8-beta.67', 'latest']],
    ['workflow_dispatch', 'refs/heads/master', ['master']]
  ])('%s %s -> %j', (event, ref, expected) => {
    expect(tags(rules, ctx(ref, event))).toEqual(expected)
  })

  it('lowercases a branch name, where metadata-action keeps its case (one branch, one tag)', () => {
    expect(tags(['type=ref,event=branch'], ctx('refs/heads/Feature/Login'))).toEqual([
      'feature-login'
    ])
  })

  it('takes the pull request number from the payload when the ref is not refs/pull/ (pull_request_target)', () => {
    expect(tags(rules, ctx('refs/heads/main', 'pull_request_target', { prNumber: '17' }))).toEqual([
      'pr-17'
    ])
  })

  it('honours prefix= and suffix= on pr (pr- is only the default prefix)', () => {
    expect(tags(['type=ref,event=pr,prefix=review-,suffix=-x'], ctx('refs/pull/9/merge'))).toEqual([
      'review-9-x'
    ])
  })
})

describe('type=sha', () => {
  it.each<[string, string[]]>([
    ['type=sha', ['sha-860c190']],
    ['type=sha,format=short', ['sha-860c190']],
    ['type=sha,format=long', [`sha-${SHA}`]],
    ['type=sha,prefix=,suffix=', ['860c190']],
    ['type=sha,prefix={{branch}}-', ['main-860c190']]
  ])('%s -> %j', (rule, expected) => {
    expect(tags([rule], ctx('refs/heads/main'))).toEqual(expected)
  })

  it('honours DOCKER_METADATA_SHORT_SHA_LENGTH (shortShaLength)', () => {
    expect(tags(['type=sha'], ctx('refs/heads/main', 'push', { shortShaLength: 12 }))).toEqual([
      'sha-860c1904a1ce'
    ])
  })

  it('gives nothing without a commit', () => {
    expect(tags(['type=sha'], ctx('refs/heads/main', 'push', { sha: '' }))).toEqual([])
  })
})

describe('type=schedule', () => {
  it.each<[string, string[]]>([
    ['type=schedule', ['nightly']],
    ['type=schedule,pattern=nightly', ['nightly']],
    ["type=schedule,pattern={{date 'YYYYMMDD'}}", ['20200110']],
    ["type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", ['20200110-093000']]
  ])('%s on a schedule -> %j', (rule, expected) => {
    expect(tags([rule], ctx('refs/heads/master', 'schedule'))).toEqual(expected)
  })

  it('gives nothing on a push, and comes first on a schedule (priority 1000)', () => {
    const rules = ['type=ref,event=branch', 'type=schedule']
    expect(tags(rules, ctx('refs/heads/master', 'push'))).toEqual(['master'])
    expect(tags(rules, ctx('refs/heads/master', 'schedule'))).toEqual(['nightly', 'master'])
  })
})

describe('type=edge', () => {
  it('tags edge on the default branch from the event payload, or on branch=', () => {
    const withDefault = { defaultBranch: 'master' }
    expect(tags(['type=edge'], ctx('refs/heads/master', 'push', withDefault))).toEqual(['edge'])
    expect(tags(['type=edge'], ctx('refs/heads/dev', 'push', withDefault))).toEqual([])
    expect(tags(['type=edge,branch=dev'], ctx('refs/heads/dev', 'push', withDefault))).toEqual([
      'edge'
    ])
    expect(tags(['type=edge'], ctx('refs/tags/v1.2.3', 'push', withDefault))).toEqual([])
  })

  it('says when no default branch is known', () => {
    const r = resolveTags(parseTagRules(['type=edge']), DEFAULT_FLAVOR, ctx('refs/heads/main'))
    expect(r.tags).toEqual([])
    expect(r.notes[0]).toContain('names no default branch')
  })
})

describe('type=raw and plain tags', () => {
  it.each<[string[], string[]]>([
    [
      ['type=raw,value=foo', 'type=raw,value=bar'],
      ['foo', 'bar']
    ],
    [
      ['type=raw,foo', 'type=raw,bar'],
      ['foo', 'bar']
    ],
    [
      ['foo', 'bar'],
      ['foo', 'bar']
    ],
    [['type=raw,value=mytag-{{branch}}-{{sha}}'], ['mytag-main-860c190']],
    [['type=raw,value=latest,enable={{is_default_branch}}'], ['latest']]
  ])('%j -> %j', (lines, expected) => {
    expect(tags(lines, ctx('refs/heads/main', 'push', { defaultBranch: 'main' }))).toEqual(expected)
  })

  it('enable=false drops a rule, and {{is_default_branch}} is false elsewhere', () => {
    const c = ctx('refs/heads/dev', 'push', { defaultBranch: 'main' })
    expect(tags(['type=raw,value=a,enable=false', 'b'], c)).toEqual(['b'])
    expect(tags(['type=raw,value=latest,enable={{is_default_branch}}', 'b'], c)).toEqual(['b'])
  })

  it('orders by priority, then removes repeats', () => {
    expect(
      tags(
        ['type=sha', 'type=raw,value=b,priority=2000', 'type=ref,event=branch', 'main'],
        ctx('refs/heads/main')
      )
    ).toEqual(['b', 'main', 'sha-860c190'])
  })
})

describe('flavor: tags-latest, tags-prefix, tags-suffix', () => {
  const semver = ['type=semver,pattern={{version}}', 'type=ref,event=branch']
  it.each<[string, string, string[]]>([
    ['auto', 'refs/tags/v1.2.3', ['1.2.3', 'latest']],
    ['auto', 'refs/tags/v1.2.3-rc.1', ['1.2.3-rc.1']],
    ['auto', 'refs/heads/main', ['main']],
    ['true', 'refs/heads/main', ['main', 'latest']],
    ['true', 'refs/tags/v1.2.3-rc.1', ['1.2.3-rc.1', 'latest']],
    ['false', 'refs/tags/v1.2.3', ['1.2.3']]
  ])('latest=%s on %s -> %j', (latest, ref, expected) => {
    expect(tags(semver, ctx(ref), parseFlavor(latest, '', ''))).toEqual(expected)
  })

  it('puts prefix and suffix on every tag, and on latest only with onlatest=true', () => {
    expect(tags(semver, ctx('refs/tags/v1.2.3'), parseFlavor('', 'app-', '-alpine'))).toEqual([
      'app-1.2.3-alpine',
      'latest'
    ])
    expect(
      tags(
        semver,
        ctx('refs/tags/v1.2.3'),
        parseFlavor('', 'app-,onlatest=true', '-alpine,onlatest=true')
      )
    ).toEqual(['app-1.2.3-alpine', 'app-latest-alpine'])
  })

  it("a rule's own prefix= (even empty) replaces the flavor's", () => {
    expect(
      tags(
        ['type=sha', 'type=ref,event=branch,prefix='],
        ctx('refs/heads/main'),
        parseFlavor('', 'x-', '')
      )
    ).toEqual(['main', 'sha-860c190'])
  })

  it('refuses a latest that is not auto, true or false', () => {
    expect(() => parseFlavor('yes', '', '')).toThrow(
      "tags-latest: 'yes' is not auto, true or false."
    )
  })
})

describe('defaultTagRules (tags empty)', () => {
  const run = (ref: string, event?: string, extra: Partial<TagContext> = {}): string[] =>
    resolveTags(defaultTagRules(), DEFAULT_FLAVOR, ctx(ref, event, extra)).tags
  it.each<[string, string | undefined, string[]]>([
    ['refs/tags/v1.2.3', 'push', ['1.2.3', '1.2', '1', 'sha-860c190', 'latest']],
    ['refs/tags/v0.4.1', 'push', ['0.4.1', '0.4', 'sha-860c190', 'latest']],
    ['refs/tags/v2.0.8-beta.67', 'push', ['2.0.8-beta.67', 'sha-860c190']],
    // A tag that is not semver is pushed under its name, but never becomes latest.
    ['refs/tags/release/2024-06', 'push', ['release-2024-06', 'sha-860c190']],
    ['refs/heads/main', 'push', ['main', 'sha-860c190']],
    ['refs/heads/feature/x', 'push', ['feature-x', 'sha-860c190']],
    ['refs/pull/12/merge', 'pull_request', ['pr-12', 'sha-860c190']],
    ['refs/heads/main', 'schedule', ['nightly', 'main', 'sha-860c190']]
  ])('%s (%s) -> %j', (ref, event, expected) => {
    expect(run(ref, event)).toEqual(expected)
  })
})

describe('sanitizeTag', () => {
  it.each<[string, string]>([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    // A run of invalid characters becomes one '-', as in metadata-action.
    ['a//b@@c', 'a-b-c'],
    ['dependabot/npm_and_yarn/x@1.2', 'dependabot-npm_and_yarn-x-1.2'],
    // Registries refuse these; metadata-action would hand them on.
    ['.hidden', 'hidden'],
    ['--x', 'x'],
    ['a'.repeat(200), 'a'.repeat(128)],
    ['ü', '']
  ])('%s -> %s', (name, tag) => expect(sanitizeTag(name)).toBe(tag))
})

describe('parseRule refusals name the input and the value', () => {
  it.each<[string, string]>([
    [
      'type=foo',
      "tags: unknown type=foo in 'type=foo'. Use type=schedule, type=semver, type=ref, type=edge, type=raw, type=sha."
    ],
    ['type=pep440,pattern={{version}}', 'type=pep440 of metadata-action is not supported'],
    [
      'type=semver,pattern={{majr}}',
      "tags: unknown template key {{majr}} in 'type=semver,pattern={{majr}}'. Use {{raw}}, {{version}}, {{major}}, {{minor}}, {{patch}}."
    ],
    ['type=raw,value={{nope}}', 'unknown template key {{nope}}'],
    [
      'type=semver',
      "tags: type=semver needs pattern= in 'type=semver', e.g. type=semver,pattern={{version}}."
    ],
    ['type=ref,event=push', "tags: event=push in 'type=ref,event=push' is not branch, tag or pr"],
    ['type=ref', 'type=ref needs event='],
    ['type=sha,format=medium', 'format=medium'],
    ['type=sha,pattern=x', "tags: unknown attribute 'pattern' for type=sha"],
    ['type=raw,value=a,enable=yes', 'enable=yes'],
    ['type=raw,value=a,priority=high', 'priority=high'],
    ["type=schedule,pattern={{date 'YYYY' tz='Mars/Olympus'}}", "'Mars/Olympus'"],
    ['type=raw,value="a', 'unterminated']
  ])('%s', (line, message) => {
    expect(() => parseRule(line)).toThrow(InputError)
    expect(() => parseRule(line)).toThrow(message)
  })

  it('accepts quoted values holding commas, and keys in any case', () => {
    expect(parseRule('TYPE=raw,"value=a,b"').attrs.value).toBe('a,b')
  })
})

describe('parseSemver and formatDate', () => {
  it.each<[string, boolean]>([
    ['v1.2.3', true],
    ['1.2.3', true],
    ['1.2', false],
    ['v01.2.3', false],
    ['1.2.3-rc.1+b', true],
    ['V1.2.3', false]
  ])('%s semver: %s', (raw, ok) => expect(!!parseSemver(raw)).toBe(ok))

  it('formats moment tokens and [literals]', () => {
    expect(formatDate(NOW, 'YYYY-MM-DD[T]HH:mm:ss.SSS', 'UTC')).toBe('2020-01-10T00:30:00.000')
    expect(formatDate(NOW, 'YY M D h A', 'America/New_York')).toBe('20 1 9 7 PM')
  })
})

describe('latest on the newest release (tags-latest: auto)', () => {
  const semverRules = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}']
  it('names the release that put latest on, and none when latest is forced or off', () => {
    const r = resolveTags(parseTagRules(semverRules), DEFAULT_FLAVOR, ctx('refs/tags/v1.4.8'))
    expect(r).toMatchObject({
      latest: true,
      latestTag: 'latest',
      release: { major: 1, minor: 4, patch: 8 }
    })
    const forced = resolveTags(
      parseTagRules(semverRules),
      parseFlavor('true', '', ''),
      ctx('refs/tags/v1.4.8')
    )
    expect(forced.latest).toBe(true)
    expect(forced.release).toBeUndefined()
    const pre = resolveTags(
      parseTagRules(semverRules),
      DEFAULT_FLAVOR,
      ctx('refs/tags/v2.0.0-rc.1')
    )
    expect(pre).toMatchObject({ latest: false })
    expect(pre.release).toBeUndefined()
  })

  it.each<[string, string[], string | undefined]>([
    ['1.4.8', ['1.4.7', '1.4', '1', 'latest'], undefined],
    ['1.4.8', ['2.0.0', '1.4.7'], '2.0.0'],
    ['1.4.8', ['v2.0.0'], 'v2.0.0'],
    ['1.4.8', ['1.4.9', '1.10.0', '1.5.2'], '1.10.0'],
    // Pre-releases and partial versions are not releases.
    ['1.4.8', ['2.0.0-rc.1', '2', '2.0', 'sha-0123abc', 'main'], undefined],
    ['1.4.8', ['1.4.8'], undefined]
  ])('release %s among %j: newer is %j', (version, existing, newer) => {
    expect(newerRelease(parseSemver(version)!, existing)).toBe(newer)
  })

  it("reads the release tags through the flavor's prefix and suffix", () => {
    const affix = { prefix: 'app-', suffix: '-alpine' }
    expect(newerRelease(parseSemver('1.0.0')!, ['app-2.0.0-alpine', '3.0.0'], affix)).toBe(
      'app-2.0.0-alpine'
    )
    expect(newerRelease(parseSemver('1.0.0')!, ['3.0.0'], affix)).toBeUndefined()
  })
})
