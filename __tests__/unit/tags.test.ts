import { describe, expect, it } from '@jest/globals'
import { defaultTags, sanitizeTag } from '../../src/registry/tags.js'

const SHA = '0123abcdef4567890123abcdef4567890123abcd'

describe('defaultTags', () => {
  it.each<[string, string | undefined, string[]]>([
    ['refs/tags/v1.2.3', undefined, ['1.2.3', '1.2', '1', 'latest']],
    ['refs/tags/v1.2.3', SHA, ['1.2.3', '1.2', '1', 'latest', 'sha-0123abc']],
    ['refs/tags/1.2.3', undefined, ['1.2.3', '1.2', '1', 'latest']],
    ['refs/tags/nightly', undefined, ['nightly']],
    ['refs/tags/release/2024-06', SHA, ['release-2024-06', 'sha-0123abc']],
    ['refs/tags/v1.2.3-rc.1', undefined, ['v1.2.3-rc.1']],
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
    expect(defaultTags(env)).toEqual(tags)
  })

  it('gives latest for an empty environment', () => {
    expect(defaultTags({})).toEqual(['latest'])
  })

  it('ignores a GITHUB_SHA that is not a lowercase hex commit', () => {
    expect(defaultTags({ GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'abc' })).toEqual(['main'])
    expect(defaultTags({ GITHUB_SHA: 'not-a-sha-at-all' })).toEqual(['latest'])
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
