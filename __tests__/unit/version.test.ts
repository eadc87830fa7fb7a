import { describe, expect, it } from '@jest/globals'
import semver from 'semver'
import {
  goToSemver,
  resolveCachedRequest,
  resolveGoRequest,
  resolveGoVersion,
  versionFromFile,
  type GoRelease,
  type GoRequest
} from '../../src/go/version.js'
import { InputError } from '../../src/ports.js'

/** resolveGoRequest for linux/amd64, the platform of every case here. */
const resolveAmd64 = (req: GoRequest, list: GoRelease[], listUrl: string) =>
  resolveGoRequest(req, list, 'linux', 'amd64', listUrl)

/** A request read from go.mod's go or toolchain line. */
const goMod = (r: Omit<GoRequest, 'input' | 'file'>): GoRequest => ({
  ...r,
  input: 'go-version-file (go.mod)',
  file: 'go.mod'
})

const rel = (version: string, stable = true, arch = 'amd64'): GoRelease => ({
  version,
  stable,
  files: [
    {
      filename: `${version}.linux-${arch}.tar.gz`,
      os: 'linux',
      arch,
      version,
      sha256: 'x',
      size: 1,
      kind: 'archive'
    },
    {
      filename: `${version}.src.tar.gz`,
      os: '',
      arch: '',
      version,
      sha256: 'y',
      size: 1,
      kind: 'source'
    }
  ]
})

const releases = [
  rel('go1.23rc1', false),
  rel('go1.22.5'),
  rel('go1.22.4'),
  rel('go1.21.12'),
  rel('go1.21.0'),
  rel('go1.20'),
  rel('go1.20.14'),
  rel('go1.19.8', true, 'arm64')
]

describe('resolveGoVersion', () => {
  it.each([
    ['stable', '1.22.5'],
    ['oldstable', '1.21.12'],
    ['1.22', '1.22.5'],
    ['1.22.4', '1.22.4'],
    ['go1.22.4', '1.22.4'],
    ['1.20', '1.20.14'],
    ['1.20.0', '1.20'],
    ['^1.21', '1.22.5'],
    ['>=1.20 <1.22', '1.21.12'],
    ['~1.21.0', '1.21.12'],
    ['1.23rc1', '1.23rc1']
  ])('%s -> %s', (spec, version) => {
    const r = resolveGoVersion(spec, releases, 'linux', 'amd64')
    expect(r.version).toBe(version)
    expect(r.file.filename).toBe(`go${version}.linux-amd64.tar.gz`)
  })

  it('takes only releases with an archive for the runner arch, and offers only what the list has', () => {
    expect(() => resolveGoVersion('1.19', releases, 'linux', 'amd64')).toThrow(
      "go-version: no Go release matches '1.19' for linux/amd64. Newest stable releases: 1.22.5, 1.21.12, " +
        '1.20.14. Set go-version to one of them, or to stable.'
    )
    expect(resolveGoVersion('1.19', releases, 'linux', 'arm64').version).toBe('1.19.8')
  })

  it('names the input, the value and the fix for a spec that is no version', () => {
    expect(() => resolveGoVersion('banana', releases, 'linux', 'amd64')).toThrow(
      "go-version: 'banana' is not a Go version. Use a version such as 1.22 or 1.22.5"
    )
    expect(() =>
      resolveGoVersion('9.9.9', releases, 'linux', 'amd64', { input: 'go-version-file (go.mod)' })
    ).toThrow(/^go-version-file \(go\.mod\): no Go release matches '9\.9\.9'/)
  })
})

describe('goToSemver', () => {
  it.each([
    ['go1.22', '1.22.0'],
    ['go1.22.5', '1.22.5'],
    ['go1.21rc2', '1.21.0-rc.2'],
    ['go1.8beta1', '1.8.0-beta.1'],
    ['gox', undefined]
  ])('%s -> %s', (go, sv) => expect(goToSemver(go)).toBe(sv))
})

describe('versionFromFile', () => {
  it('prefers the toolchain directive of go.mod', () => {
    const mod =
      'module example.com/x\n\ngo 1.21\n\ntoolchain go1.22.5\n\nrequire golang.org/x/text v0.14.0\n'
    expect(versionFromFile('/w/go.mod', mod)).toEqual({
      spec: '1.22.5',
      line: 'toolchain',
      goLine: '1.21'
    })
  })
  it('falls back to the go directive, a minimum', () => {
    expect(versionFromFile('go.mod', 'module m\n\ngo 1.19\n')).toEqual({ spec: '1.19', line: 'go' })
    expect(versionFromFile('go.work', 'go 1.22.1\n\nuse ./a\n')).toEqual({
      spec: '1.22.1',
      line: 'go'
    })
  })
  it('reads .go-version and .tool-versions as a go-version', () => {
    expect(versionFromFile('.go-version', '# pinned\ngo1.22.3\n')).toEqual({ spec: '1.22.3' })
    expect(versionFromFile('.tool-versions', 'nodejs 20.1.0\ngolang 1.21.6\n')).toEqual({
      spec: '1.21.6'
    })
    expect(versionFromFile('.tool-versions', 'nodejs 20.1.0\n')).toBeUndefined()
  })
})

/** Release lists as mirrors serve them: go.dev today-ish, a mirror with one old release, one with a candidate. */
const LISTS: Record<string, GoRelease[]> = {
  godev: [
    rel('go1.24rc1', false),
    rel('go1.23.4'),
    rel('go1.23.0'),
    rel('go1.22.10'),
    rel('go1.22.3'),
    rel('go1.21.13'),
    rel('go1.21.0'),
    rel('go1.20.14'),
    rel('go1.18.10')
  ],
  old: [rel('go1.19.8')],
  gap: [rel('go1.23.4'), rel('go1.21.13'), rel('go1.20.14')]
}
const NEWER = 'the newest stable release. Add a toolchain line to go.mod to pin another.'

describe('go.mod and go.work: the go line is a minimum, the toolchain line exact', () => {
  it.each<[string, string, { version: string; notice?: RegExp; warn?: boolean }]>([
    // go line: the newest patch of its minor, at or above it.
    [
      'godev',
      'go 1.22',
      { version: '1.22.10', notice: /a minimum: using Go 1\.22\.10, the newest patch of 1\.22\./ }
    ],
    ['godev', 'go 1.22.0', { version: '1.22.10' }],
    ['godev', 'go 1.22.3', { version: '1.22.10' }],
    ['godev', 'go 1.23.0', { version: '1.23.4' }],
    ['godev', 'go 1.21.0', { version: '1.21.13', warn: true }],
    ['godev', 'go 1.21rc1', { version: '1.21.13', warn: true }],
    ['godev', 'go 1.18', { version: '1.18.10', warn: true }],
    // A minor the list lacks: the newest stable release above it, with a notice.
    [
      'godev',
      'go 1.19',
      {
        version: '1.23.4',
        notice: new RegExp(`no Go 1\\.19 release at or above it: using Go 1\\.23\\.4, ${NEWER}`)
      }
    ],
    [
      'old',
      'go 1.18',
      { version: '1.19.8', notice: /no Go 1\.18 release at or above it: using Go 1\.19\.8/ }
    ],
    ['gap', 'go 1.22', { version: '1.23.4', notice: /no Go 1\.22 release/ }],
    // A patch above the list's newest of that minor: the next line up.
    ['godev', 'go 1.22.11', { version: '1.23.4', notice: /no Go 1\.22 release at or above it/ }],
    // A release candidate go line may be met by its own line's candidates.
    ['godev', 'go 1.24rc1', { version: '1.24rc1' }],
    // toolchain: exactly that release, however old; older than the go line, it is ignored.
    ['godev', 'go 1.21\ntoolchain go1.22.3', { version: '1.22.3' }],
    ['godev', 'go 1.20\ntoolchain go1.20.14', { version: '1.20.14', warn: true }],
    ['godev', 'go 1.23.0\ntoolchain go1.21.0', { version: '1.23.4' }],
    ['godev', 'go 1.22 // loopvar\ntoolchain default', { version: '1.22.10' }],
    ['old', 'go 1.19\n/* go 1.10 */', { version: '1.19.8' }]
  ])('%s list, %j', (list, lines, want) => {
    const found = versionFromFile('go.mod', `module example.com/m\n\n${lines}\n`)!
    const r = resolveAmd64(goMod(found), LISTS[list]!, 'https://mirror.example/dl')
    expect(r.version).toBe(want.version)
    expect(r.file.filename).toBe(`go${want.version}.linux-amd64.tar.gz`)
    if (want.notice) expect(r.notices.join('\n')).toMatch(want.notice)
    expect(r.warnings).toHaveLength(want.warn ? 1 : 0)
  })

  it('warns about a line without security fixes, naming the newest release and both fixes', () => {
    const r = resolveAmd64(goMod({ spec: '1.18', line: 'go' }), LISTS.godev!, 'https://go.dev/dl')
    expect(r.warnings).toEqual([
      'Go 1.18.10 (from the go line of go.mod) is no longer supported: Go fixes security issues only in its ' +
        'two newest lines (1.23 and 1.22), so the standard library built into this binary gets no security ' +
        "fixes. The newest release is Go 1.23.4: set go-version: stable, or add the line 'toolchain go1.23.4' to go.mod."
    ])
    const t = resolveAmd64(
      { spec: '1.20.14', line: 'toolchain', input: 'go-version-file (go.work)', file: 'go.work' },
      LISTS.godev!,
      'https://go.dev/dl'
    )
    expect(t.warnings[0]).toContain(
      "or change the toolchain line of go.work to 'toolchain go1.23.4'."
    )
  })

  it('keeps an explicit go-version as it was: 1.22 is the newest 1.22.x, and an absent line fails', () => {
    const explicit = { spec: '1.19', input: 'go-version' }
    expect(() => resolveAmd64(explicit, LISTS.godev!, 'https://go.dev/dl')).toThrow(
      "go-version: no Go release matches '1.19' for linux/amd64. Newest stable releases: 1.23.4, 1.22.10, " +
        '1.21.13. Set go-version to one of them, or to stable.'
    )
    const old = resolveAmd64({ spec: '1.18', input: 'go-version' }, LISTS.godev!, '')
    expect(old).toMatchObject({ version: '1.18.10', warnings: [], notices: [] })
  })

  it('fails on a go line newer than every release, naming the file, the value, the newest and the fix', () => {
    const req = {
      spec: '1.25',
      line: 'go' as const,
      input: 'go-version-file (go.mod)',
      file: 'go.mod'
    }
    const run = (): unknown => resolveAmd64(req, LISTS.godev!, 'https://mirror.example/dl')
    expect(run).toThrow(InputError)
    expect(run).toThrow(
      'go-version-file (go.mod): go.mod says go 1.25, newer than any Go release for linux/amd64 at ' +
        'https://mirror.example/dl (the newest is 1.23.4). Lower the go line to 1.23 or below, point ' +
        'go-download-base-url at a mirror that has Go 1.25, or set go-version.'
    )
  })

  it('offers only what the list has when a toolchain line names a missing release', () => {
    expect(() =>
      resolveAmd64(goMod({ spec: '1.19.3', line: 'toolchain' }), LISTS.old!, '')
    ).toThrow(
      "go-version-file (go.mod): no Go release matches '1.19.3' for linux/amd64. Newest stable releases: 1.19.8. " +
        'Change the toolchain line of go.mod to one of them (e.g. toolchain go1.19.8), or set go-version.'
    )
  })

  // A toolchain below the go line is ignored by Go (and by versionFromFile), so suggesting one would not help.
  it.each<[string, string, string, string]>([
    [
      'suggests and offers only releases at or above the go line',
      'go 1.22.3\ntoolchain go1.22.99',
      'godev',
      "go-version-file (go.mod): no Go release matches '1.22.99' for linux/amd64. Newest releases at or above " +
        '1.22.3: 1.23.4, 1.22.10. Change the toolchain line of go.mod to one of them (e.g. toolchain go1.23.4), ' +
        'or set go-version.'
    ],
    [
      'a pre-release go line: its own candidates qualify',
      'go 1.24rc1\ntoolchain go1.24rc9',
      'godev',
      'Newest releases at or above 1.24rc1: 1.24rc1. Change the toolchain line of go.mod to one of them (e.g. ' +
        'toolchain go1.24rc1)'
    ],
    [
      'nothing at or above the go line: no release is suggested',
      'go 1.19.9\ntoolchain go1.19.12',
      'old',
      "go-version-file (go.mod): no Go release matches '1.19.12' for linux/amd64, and none is at or above 1.19.9 " +
        '(the newest is 1.19.8). Point go-download-base-url at a mirror that has Go 1.19.12, or lower the ' +
        'version you ask for.'
    ]
  ])('a toolchain line the list lacks: %s', (_case, lines, list, message) => {
    const found = versionFromFile('go.mod', `module m\n\n${lines}\n`)!
    expect(found.goLine).toBe(lines.split('\n')[0]!.slice(3))
    const run = (): unknown => resolveAmd64(goMod(found), LISTS[list]!, '')
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
    // No version below the go line is offered or suggested (the newest the list has is only stated).
    const text = (() => {
      try {
        run()
      } catch (e) {
        return (e as Error).message
      }
      return ''
    })()
    const floor = goToSemver(found.goLine!)!
    for (const v of text.replace(/\(the newest is [^)]*\)/, '').match(/\b1\.\d+(\.\d+|rc\d+)\b/g) ??
      [])
      if (v !== found.spec && goToSemver(v)) expect(semver.gte(goToSemver(v)!, floor)).toBe(true)
  })

  it('refuses a go line that is not a Go version', () => {
    expect(() => resolveAmd64(goMod({ spec: '1.x', line: 'go' }), LISTS.old!, '')).toThrow(
      "go-version-file (go.mod): the go line '1.x' of go.mod is not a Go version. Write it as Go does, e.g. go 1.22 or go 1.22.3."
    )
  })

  it.each<[string, string[], string | undefined]>([
    ['1.22', ['1.22.2', '1.22.9', '1.23.1'], '1.22.9'],
    ['1.22.3', ['1.22.2'], undefined],
    ['1.22.3', ['1.22.3'], '1.22.3'],
    ['1.19', ['1.20.5'], undefined],
    ['1.21rc1', ['1.21.0-rc.1', '1.21.4'], '1.21.4']
  ])('a go line %s in a tool cache holding %j -> %s', (spec, cached, want) => {
    expect(resolveCachedRequest({ spec, line: 'go', input: 'x' }, cached)).toBe(want)
  })
})
