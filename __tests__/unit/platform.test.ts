import { describe, expect, it } from '@jest/globals'
import {
  normalisePlatform,
  parsePlatforms,
  platformGoEnv,
  platformKey,
  platformString,
  type Platform
} from '../../src/platform.js'
import { InputError } from '../../src/ports.js'

const p = (os: string, architecture: string, variant?: string): Platform =>
  variant ? { os, architecture, variant } : { os, architecture }

describe('parsePlatforms', () => {
  it.each<[string, Platform[]]>([
    ['', [p('linux', 'amd64')]],
    [' \n , ', [p('linux', 'amd64')]],
    ['linux/amd64', [p('linux', 'amd64')]],
    ['linux/amd64,linux/arm64', [p('linux', 'amd64'), p('linux', 'arm64')]],
    [
      'linux/amd64, linux/arm64 ,linux/386',
      [p('linux', 'amd64'), p('linux', 'arm64'), p('linux', '386')]
    ],
    ['linux/amd64\nlinux/arm/v6\n\n', [p('linux', 'amd64'), p('linux', 'arm', 'v6')]],
    ['linux/arm', [p('linux', 'arm', 'v7')]],
    ['linux/arm/v7', [p('linux', 'arm', 'v7')]],
    ['linux/arm64/v8', [p('linux', 'arm64')]],
    ['linux/amd64/v1', [p('linux', 'amd64')]],
    ['linux/amd64/v3', [p('linux', 'amd64', 'v3')]],
    [
      'linux/ppc64le\nlinux/s390x,linux/riscv64',
      [p('linux', 'ppc64le'), p('linux', 's390x'), p('linux', 'riscv64')]
    ]
  ])('%j', (input, platforms) => {
    expect(parsePlatforms(input)).toEqual(platforms)
  })

  it('never returns an explicit undefined variant', () => {
    expect(Object.keys(parsePlatforms('linux/amd64')[0]!)).toEqual(['os', 'architecture'])
  })

  it.each<[string, string]>([
    ['linux/amd64,linux/amd64', 'linux/amd64'],
    ['linux/arm\nlinux/arm/v7', 'linux/arm/v7'],
    ['linux/arm64, linux/arm64 ', 'linux/arm64'],
    ['linux/arm64\nlinux/arm64/v8', 'linux/arm64'],
    ['linux/amd64/v1,linux/amd64', 'linux/amd64']
  ])('rejects the duplicate in %j', (input, key) => {
    expect(() => parsePlatforms(input)).toThrow(
      `platforms: '${key}' is listed twice; list each platform once.`
    )
  })

  it.each([
    'windows/amd64',
    'linux/mips',
    'darwin/arm64',
    'linux',
    'amd64',
    'linux/amd64/v5',
    'linux/arm/v8',
    'linux/386/v1',
    'linux/amd64/v2/x'
  ])('rejects %s with a message starting platforms:', item => {
    const call = (): unknown => parsePlatforms(`linux/arm64,${item}`)
    expect(call).toThrow(InputError)
    expect(call).toThrow(
      `platforms: '${item}' is not a supported platform. Use os/arch[/variant] with os linux and arch one of ` +
        '386, amd64, arm64, arm, ppc64le, s390x, riscv64, e.g. linux/amd64, linux/arm64, linux/arm/v7.'
    )
  })
})

describe('normalisePlatform and platformKey', () => {
  // As containerd's and ko's matchers: the variant an architecture has when none is named is the same machine.
  it.each<[Platform, Platform]>([
    [p('linux', 'arm64'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64')],
    [p('linux', 'arm64', '8'), p('linux', 'arm64')],
    [p('linux', 'amd64'), p('linux', 'amd64')],
    [p('linux', 'amd64', 'v1'), p('linux', 'amd64')],
    [p('linux', 'amd64', 'v3'), p('linux', 'amd64', 'v3')],
    [p('linux', 'arm'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', '7'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', 'v6'), p('linux', 'arm', 'v6')],
    [p('linux', '386'), p('linux', '386')],
    [p('linux', 'riscv64'), p('linux', 'riscv64')]
  ])('%j -> %j', (input, normal) => {
    expect(normalisePlatform(input)).toStrictEqual(normal)
    expect(platformKey(input)).toBe(platformString(normal))
  })

  it.each<[Platform, Platform, boolean]>([
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64'), true],
    [p('linux', 'amd64', 'v1'), p('linux', 'amd64'), true],
    [p('linux', 'arm'), p('linux', 'arm', 'v7'), true],
    [p('linux', 'arm', 'v6'), p('linux', 'arm', 'v7'), false],
    [p('linux', 'amd64', 'v2'), p('linux', 'amd64'), false],
    [p('linux', 'arm64'), p('linux', 'amd64'), false]
  ])('%j and %j are the same machine: %s', (a, b, same) => {
    expect(platformKey(a) === platformKey(b)).toBe(same)
  })
})

describe('platformString', () => {
  it.each<[Platform, string]>([
    [p('linux', 'amd64'), 'linux/amd64'],
    [p('linux', 'arm', 'v7'), 'linux/arm/v7']
  ])('%j -> %s', (platform, text) => expect(platformString(platform)).toBe(text))
})

describe('platformGoEnv', () => {
  it.each<[string, Record<string, string>]>([
    ['linux/amd64', { GOOS: 'linux', GOARCH: 'amd64' }],
    ['linux/amd64/v3', { GOOS: 'linux', GOARCH: 'amd64', GOAMD64: 'v3' }],
    ['linux/arm', { GOOS: 'linux', GOARCH: 'arm', GOARM: '7' }],
    ['linux/arm/v6', { GOOS: 'linux', GOARCH: 'arm', GOARM: '6' }],
    ['linux/arm64/v8', { GOOS: 'linux', GOARCH: 'arm64' }],
    ['linux/386', { GOOS: 'linux', GOARCH: '386' }]
  ])('%s -> %j', (input, env) => {
    expect(platformGoEnv(parsePlatforms(input)[0]!)).toEqual(env)
  })
})
