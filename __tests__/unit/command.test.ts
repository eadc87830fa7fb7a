import { describe, expect, it } from '@jest/globals'
import {
  buildArgs,
  buildEnv,
  relinkArgs,
  withoutStrip,
  type BuildSettings
} from '../../src/compile/command.js'
import { goEnv } from '../../src/go/setup.js'
import type { Platform } from '../../src/platform.js'

const settings = (over: Partial<BuildSettings> = {}): BuildSettings => ({
  pkg: '.',
  ldflags: '',
  buildTags: '',
  buildFlags: [],
  buildEnv: {},
  ...over
})

describe('buildArgs', () => {
  it.each<[Partial<BuildSettings>, string[]]>([
    [{}, ['build', '-trimpath', '-ldflags=-s -w', '-o', '/out/app', '.']],
    [
      { ldflags: '  -X main.version=1.2.3 ', pkg: './cmd/app' },
      ['build', '-trimpath', '-ldflags=-s -w -X main.version=1.2.3', '-o', '/out/app', './cmd/app']
    ],
    [
      { buildTags: ' netgo,osusergo ' },
      ['build', '-trimpath', '-ldflags=-s -w', '-tags=netgo,osusergo', '-o', '/out/app', '.']
    ],
    [
      { buildTags: '  ', buildFlags: ['-mod=vendor', '-gcflags=all=-N -l'], pkg: 'main.go' },
      [
        'build',
        '-trimpath',
        '-ldflags=-s -w',
        '-mod=vendor',
        '-gcflags=all=-N -l',
        '-o',
        '/out/app',
        'main.go'
      ]
    ]
  ])('%j', (over, args) => expect(buildArgs(settings(over), '/out/app')).toEqual(args))
})

describe('buildEnv', () => {
  const amd64: Platform = { os: 'linux', architecture: 'amd64' }
  const armV6: Platform = { os: 'linux', architecture: 'arm', variant: 'v6' }

  it('sets the platform and CGO_ENABLED=0 over the base and build-env', () => {
    const env = buildEnv(
      { PATH: '/usr/bin', CGO_ENABLED: '1', GOOS: 'darwin' },
      armV6,
      settings({
        buildEnv: { CGO_ENABLED: '1', GOFLAGS: '-mod=mod', GOARCH: 'riscv64', GOARM: '5' }
      })
    )
    expect(env).toEqual({
      PATH: '/usr/bin',
      GOFLAGS: '-mod=mod',
      GOOS: 'linux',
      GOARCH: 'arm',
      GOARM: '6',
      CGO_ENABLED: '0'
    })
  })

  it.each(['1', 'true', ''])('keeps CGO_ENABLED=0 when build-env says %j', value => {
    expect(buildEnv({}, amd64, settings({ buildEnv: { CGO_ENABLED: value } })).CGO_ENABLED).toBe(
      '0'
    )
  })

  it('lets build-env add variables the platform does not set', () => {
    expect(buildEnv({}, amd64, settings({ buildEnv: { GOEXPERIMENT: 'loopvar' } }))).toEqual({
      GOEXPERIMENT: 'loopvar',
      GOOS: 'linux',
      GOARCH: 'amd64',
      CGO_ENABLED: '0'
    })
  })
})

describe('goEnv', () => {
  it('pins the toolchain, sets GOROOT and puts its bin first on PATH', () => {
    expect(
      goEnv(
        {
          PATH: '/usr/bin:/bin',
          HOME: '/home/u',
          GOTOOLCHAIN: 'auto',
          GOROOT: '/old',
          GONE: undefined
        },
        '/opt/go'
      )
    ).toEqual({
      PATH: '/opt/go/bin:/usr/bin:/bin',
      HOME: '/home/u',
      GOTOOLCHAIN: 'local',
      GOROOT: '/opt/go'
    })
  })

  it.each<[string | undefined]>([[undefined], ['']])(
    'makes PATH the Go bin alone when PATH is %j',
    path => {
      expect(goEnv({ PATH: path }, '/opt/go').PATH).toBe('/opt/go/bin')
    }
  )

  it('does not modify the base', () => {
    const base = { PATH: '/bin' }
    goEnv(base, '/go')
    expect(base).toEqual({ PATH: '/bin' })
  })
})

describe('withoutStrip', () => {
  it.each<[string, string]>([
    ['-s -w', '-w'],
    ['-s -w -X main.version=1.2.3', '-w -X main.version=1.2.3'],
    ['  -w   -s  ', '-w'],
    ['-s=true --s -w', '-w'],
    [
      '-s -w -X \'main.msg=hello world\' -X "main.b=-s"',
      '-w -X \'main.msg=hello world\' -X "main.b=-s"'
    ],
    ['-X main.a=1 -s', '-X main.a=1'],
    // A value of a flag that takes one is not a flag, however it looks.
    ['-X -s -s', '-X -s'],
    ['-extldflags "-static -s" -s', '-extldflags "-static -s"'],
    // -ldflags=PATTERN=FLAGS keeps its pattern.
    ['all=-s -w -X main.v=1', 'all=-w -X main.v=1'],
    ['', ''],
    ['-w', '-w']
  ])('%j -> %j', (value, want) => expect(withoutStrip(value)).toBe(want))
})

describe('relinkArgs', () => {
  it('rewrites the args buildArgs makes: -s out of -ldflags, -o to the copy', () => {
    expect(
      relinkArgs(
        [
          'build',
          '-trimpath',
          '-ldflags=-s -w -X main.version=1.2.3',
          '-tags=netgo',
          '-mod=vendor',
          '-o',
          '/t/build/linux/amd64/app',
          './cmd/app'
        ],
        '/t/packages-x/unstripped'
      )
    ).toEqual([
      'build',
      '-trimpath',
      '-ldflags=-w -X main.version=1.2.3',
      '-tags=netgo',
      '-mod=vendor',
      '-o',
      '/t/packages-x/unstripped',
      './cmd/app'
    ])
  })

  it('handles the spaced and = forms, and a later -ldflags from build-flags', () => {
    expect(
      relinkArgs(
        ['build', '-ldflags', '-s -w', '-gcflags', '-o', '--ldflags=-s', '-o=/bin/app', '.'],
        '/copy'
      )
    ).toEqual(['build', '-ldflags', '-w', '-gcflags', '-o', '--ldflags=', '-o=/copy', '.'])
  })

  it('stops at the first package, and adds -o when there is none', () => {
    expect(relinkArgs(['build', '-C', 'app', '-ldflags=-s', 'main.go', '-o'], '/copy')).toEqual([
      'build',
      '-C',
      'app',
      '-ldflags=',
      '-o',
      '/copy',
      'main.go',
      '-o'
    ])
  })

  it('does not change the args it is given', () => {
    const args = ['build', '-ldflags=-s -w', '-o', '/bin/app', '.']
    relinkArgs(args, '/copy')
    expect(args).toEqual(['build', '-ldflags=-s -w', '-o', '/bin/app', '.'])
  })
})
