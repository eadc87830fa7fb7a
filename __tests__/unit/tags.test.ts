import { describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  defaultTags,
  latestOnNewest,
  planTags,
  sanitizeTag,
  shortShaLength,
  tagContext
} from '../../src/registry/tags.js'
import { contextOf, readGitHubContext } from '../../src/github-context.js'
import { fakeLogger } from './helpers.js'
import { DEFAULT_FLAVOR } from '../../src/registry/tag-rules.js'
import { tempDir } from './helpers.js'

const SHA = '0123abcdef4567890123abcdef4567890123abcd'

describe('defaultTags', () => {
  it.each<[string, string | undefined, string[]]>([
    ['refs/tags/v1.2.3', undefined, ['1.2.3', '1.2', '1', 'latest']],
    ['refs/tags/v1.2.3', SHA, ['1.2.3', '1.2', '1', 'sha-0123abc', 'latest']],
    ['refs/tags/1.2.3', undefined, ['1.2.3', '1.2', '1', 'latest']],
    ['refs/tags/nightly', undefined, ['nightly']],
    ['refs/tags/release/2024-06', SHA, ['release-2024-06', 'sha-0123abc']],
    ['refs/tags/v1.2.3-rc.1', undefined, ['1.2.3-rc.1']],
    ['refs/tags/v0.3.1', SHA, ['0.3.1', '0.3', 'sha-0123abc', 'latest']],
    ['refs/pull/12/merge', undefined, ['pr-12']],
    ['refs/pull/12/merge', SHA, ['pr-12', 'sha-0123abc']],
    ['refs/heads/main', undefined, ['main']],
    ['refs/heads/feature/x', undefined, ['feature-x']],
    ['refs/heads/feature/x', SHA, ['feature-x', 'sha-0123abc']],
    ['', SHA, ['sha-0123abc']],
    ['', undefined, ['latest']],
    ['refs/heads/ü', undefined, ['latest']],
    ['refs/tags/ü', SHA, ['sha-0123abc']]
  ])('GITHUB_REF=%j GITHUB_SHA=%j -> %j', (ref, sha, tags) => {
    const env: Record<string, string | undefined> = { GITHUB_SHA: sha }
    if (ref) env.GITHUB_REF = ref
    expect(defaultTags(contextOf(env))).toEqual(tags)
  })

  it('gives latest for an empty environment', () => {
    expect(defaultTags(contextOf({}))).toEqual(['latest'])
  })

  it('ignores a GITHUB_SHA that is not a lowercase hex commit', () => {
    expect(defaultTags(contextOf({ GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'abc' }))).toEqual([
      'main'
    ])
    expect(defaultTags(contextOf({ GITHUB_SHA: 'not-a-sha-at-all' }))).toEqual(['latest'])
  })
})

describe('tagContext and planTags', () => {
  it('reads the pull request number, base and default branch from GITHUB_EVENT_PATH', async () => {
    const { dir, cleanup } = await tempDir('gsi-tags-')
    try {
      const file = path.join(dir, 'event.json')
      await writeFile(
        file,
        JSON.stringify({
          number: 41,
          pull_request: { number: 41, base: { ref: 'main' } },
          repository: { default_branch: 'main' }
        })
      )
      const env = {
        GITHUB_REF: 'refs/heads/main',
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_EVENT_PATH: file,
        GITHUB_SHA: SHA
      }
      const now = new Date(0)
      const github = await readGitHubContext(env)
      expect(tagContext(github, now)).toEqual({
        ref: 'refs/heads/main',
        sha: SHA,
        eventName: 'pull_request_target',
        prNumber: '41',
        defaultBranch: 'main',
        now,
        shortShaLength: 7
      })
      // pull_request_target runs on the base branch's ref: it is a pull request, not a push to main.
      expect(defaultTags(github)).toEqual(['pr-41', 'sha-0123abc'])
    } finally {
      await cleanup()
    }
  })

  it('ignores an event file that cannot be read', async () => {
    const env = { GITHUB_REF: 'refs/heads/dev', GITHUB_EVENT_PATH: '/nonexistent/event.json' }
    expect(defaultTags(await readGitHubContext(env))).toEqual(['dev'])
  })

  it('takes DOCKER_METADATA_SHORT_SHA_LENGTH for type=sha', () => {
    const env = {
      GITHUB_REF: 'refs/heads/dev',
      GITHUB_SHA: SHA,
      DOCKER_METADATA_SHORT_SHA_LENGTH: '10'
    }
    expect(
      planTags(['type=sha'], DEFAULT_FLAVOR, contextOf(env), undefined, {
        shortShaLength: shortShaLength(env)
      }).tags
    ).toEqual(['sha-0123abcdef'])
  })

  it('gives no tag, without failing, for rules that do not apply to an image that is not pushed', () => {
    const pr = { GITHUB_REF: 'refs/pull/3/merge', GITHUB_EVENT_NAME: 'pull_request' }
    expect(
      planTags(['type=semver,pattern={{version}}'], DEFAULT_FLAVOR, contextOf(pr), undefined, {
        pushed: false
      }).tags
    ).toEqual([])
  })

  it('fails when explicit rules give no tag, naming the ref and the way out', () => {
    expect(() =>
      planTags(
        ['type=semver,pattern={{version}}'],
        DEFAULT_FLAVOR,
        contextOf({
          GITHUB_REF: 'refs/heads/main',
          GITHUB_EVENT_NAME: 'push'
        })
      )
    ).toThrow(
      'tags: no rule gives a tag for refs/heads/main (event push). Add one that applies, e.g. type=sha or type=raw,value=latest, or set push-by-digest: true to push without a tag.'
    )
  })
})

describe('latestOnNewest', () => {
  const env = { GITHUB_REF: 'refs/tags/v1.4.8', GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push' }
  const planned = () => planTags([], DEFAULT_FLAVOR, contextOf(env))

  it('keeps latest when the repository has no newer release', async () => {
    const logger = fakeLogger()
    const plan = await latestOnNewest(planned(), async () => ['1.4.7', '1.4', 'latest'], logger)
    expect(plan.tags).toEqual(['1.4.8', '1.4', '1', 'sha-0123abc', 'latest'])
    // 1.4, 1 and latest float: written after 1.4.8 and sha-0123abc, each following its line.
    expect(plan.floating).toEqual({
      release: expect.objectContaining({ major: 1, minor: 4, patch: 8 }),
      tags: [
        { tag: '1.4', line: 'minor' },
        { tag: '1', line: 'major' },
        { tag: 'latest', line: 'all' }
      ],
      affix: { prefix: '', suffix: '' }
    })
  })

  it('leaves latest where it is when a newer release is there, and says so', async () => {
    const logger = fakeLogger()
    const plan = await latestOnNewest(
      planned(),
      async () => ['2.0.0', '2.0', '2', 'latest'],
      logger
    )
    expect(plan.tags).toEqual(['1.4.8', '1.4', '1', 'sha-0123abc'])
    expect(plan.floating?.tags.map(t => t.tag)).toEqual(['1.4', '1'])
    expect(logger.lines.join('\n')).toContain(
      'tags-latest: auto: the repository already has 2.0.0, newer than v1.4.8; latest stays there.'
    )
  })

  it('asks nothing for a branch push or a forced latest, and warns when the tags cannot be read', async () => {
    let asked = 0
    const list = async (): Promise<string[]> => {
      asked++
      throw new Error('HTTP 500')
    }
    const branch = planTags(
      [],
      DEFAULT_FLAVOR,
      contextOf({ ...env, GITHUB_REF: 'refs/heads/main' })
    )
    expect(await latestOnNewest(branch, list, fakeLogger())).toEqual({
      tags: ['main', 'sha-0123abc']
    })
    // A forced latest is the user's to place: it does not float.
    const forced = planTags(['type=sha'], { ...DEFAULT_FLAVOR, latest: 'true' }, contextOf(env))
    expect(await latestOnNewest(forced, list, fakeLogger())).toEqual({
      tags: ['sha-0123abc', 'latest']
    })
    expect(asked).toBe(0)
    const logger = fakeLogger()
    expect((await latestOnNewest(planned(), list, logger)).tags).toContain('latest')
    expect(asked).toBe(1)
    expect(logger.lines.join('\n')).toContain(
      "tags-latest: could not list the repository's tags (HTTP 500)"
    )
  })
})

describe('sanitizeTag', () => {
  it.each<[string, string]>([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['dependabot/npm_and_yarn/x@1.2', 'dependabot-npm_and_yarn-x-1.2'],
    ['.hidden', 'hidden'],
    ['--x', 'x'],
    ['a'.repeat(200), 'a'.repeat(128)]
  ])('%s -> %s', (name, tag) => expect(sanitizeTag(name)).toBe(tag))
})
