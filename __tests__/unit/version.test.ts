import { describe, expect, it } from '@jest/globals'
import {
  goToSemver,
  resolveGoVersion,
  versionFromFile,
  type GoRelease
} from '../../src/go/version.js'

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

  it('takes only releases with an archive for the runner arch', () => {
    expect(() => resolveGoVersion('1.19', releases, 'linux', 'amd64')).toThrow(
      /go-version: no Go release matches '1.19' for linux\/amd64\. Newest stable releases: 1\.22\.5, 1\.22\.4/
    )
    expect(resolveGoVersion('1.19', releases, 'linux', 'arm64').version).toBe('1.19.8')
  })

  it('names the input, the value and the fix for a spec that is no version', () => {
    expect(() => resolveGoVersion('banana', releases, 'linux', 'amd64')).toThrow(
      "go-version: 'banana' is not a Go version. Use a version such as 1.22 or 1.22.5"
    )
    expect(() =>
      resolveGoVersion('9.9.9', releases, 'linux', 'amd64', 'go-version-file (go.mod)')
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
    expect(versionFromFile('/w/go.mod', mod)).toBe('1.22.5')
  })
  it('falls back to the go directive', () => {
    expect(versionFromFile('go.mod', 'module m\n\ngo 1.19\n')).toBe('1.19')
    expect(versionFromFile('go.work', 'go 1.22.1\n\nuse ./a\n')).toBe('1.22.1')
  })
  it('reads .go-version and .tool-versions', () => {
    expect(versionFromFile('.go-version', '# pinned\ngo1.22.3\n')).toBe('1.22.3')
    expect(versionFromFile('.tool-versions', 'nodejs 20.1.0\ngolang 1.21.6\n')).toBe('1.21.6')
    expect(versionFromFile('.tool-versions', 'nodejs 20.1.0\n')).toBeUndefined()
  })
})
