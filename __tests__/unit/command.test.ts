import { describe, expect, it } from '@jest/globals'
import { buildArgs, buildEnv, type BuildSettings } from '../../src/compile/command.js'
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
