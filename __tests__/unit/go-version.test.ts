// semverToGo, resolveCached and the corners of the version module that version.test.ts leaves out.
import { describe, expect, it } from '@jest/globals'
import {
  goToSemver,
  parseGoMod,
  resolveCached,
  resolveGoVersion,
  semverToGo,
  versionFromFile,
  type GoRelease
} from '../../src/go/version.js'
import { InputError } from '../../src/ports.js'

describe('semverToGo', () => {
  it.each([
    ['1.22.5', '1.22.5'],
    ['1.22.0', '1.22.0'],
    // Go 1.21 was the first release named with a .0; before it the first release of a line had no patch.
    ['1.21.0', '1.21.0'],
    ['1.20.0', '1.20'],
    ['1.9.0', '1.9'],
    ['1.20.14', '1.20.14'],
    ['1.23.0-rc.1', '1.23rc1'],
    ['1.21.0-rc.2', '1.21rc2'],
    ['1.8.0-beta.1', '1.8beta1'],
    ['1.22.10', '1.22.10']
  ])('%s -> %s', (sv, go) => expect(semverToGo(sv)).toBe(go))

  it('returns what is not a semver unchanged', () => {
    expect(semverToGo('not-a-version')).toBe('not-a-version')
    expect(semverToGo('1.22')).toBe('1.22')
  })

  // Go's own release names, as the release list spells them.
  it.each(['go1.9', 'go1.20', 'go1.20.14', 'go1.21.0', 'go1.21rc2', 'go1.22.5', 'go1.23rc1'])(
    'undoes goToSemver for %s',
    goName => {
      const sv = goToSemver(goName)
      expect(sv).toBeDefined()
      expect(semverToGo(sv as string)).toBe(goName.replace(/^go/, ''))
    }
  )
})

describe('resolveCached', () => {
  // What a runner's tool cache lists: semver names, unordered, with an rc and a stray entry.
  const cached = [
    '1.22.5',
    '1.20.14',
    '1.23.0-rc.1',
    '1.22.12',
    '1.21.13',
    '1.20.0',
    '1.21.0',
    'not-a-version'
  ]

  it.each([
    // A minor line is its newest cached patch, compared as versions (1.22.12 > 1.22.5).
    ['1.22', '1.22.12'],
    ['go1.22', '1.22.12'],
    [' 1.22 ', '1.22.12'],
    ['1.20', '1.20.14'],
    ['1.21', '1.21.13'],
    // An exact version is that version, in Go's spelling.
    ['1.22.5', '1.22.5'],
    ['go1.22.5', '1.22.5'],
    ['1.21.0', '1.21.0'],
    ['1.20.0', '1.20'],
    ['1.23rc1', '1.23rc1'],
    // Ranges leave release candidates out.
    ['^1.21', '1.22.12'],
    ['>=1.20 <1.22', '1.21.13'],
    ['~1.22.0', '1.22.12'],
    ['1.x', '1.22.12'],
    ['*', '1.22.12'],
    ['>=1.23.0-rc.1', '1.23rc1']
  ])('%j -> %s', (spec, version) => expect(resolveCached(spec, cached)).toBe(version))

  it.each([
    // Not cached: the release list must decide.
    '1.22.6',
    '1.19',
    '1.23',
    '1.23rc2',
    '^2.0',
    // Moving targets always need the list.
    'stable',
    'latest',
    'oldstable',
    // Not a version: resolveGoVersion reports it.
    'banana',
    '1.22.5.1'
  ])('%j -> undefined', spec => expect(resolveCached(spec, cached)).toBeUndefined())

  it('finds nothing in an empty tool cache', () => {
    expect(resolveCached('1.22', [])).toBeUndefined()
    expect(resolveCached('^1.0', [])).toBeUndefined()
  })

  it('agrees with the tool cache name it will look up (semver of the Go name)', () => {
    for (const spec of ['1.20', '1.20.0', '1.22', '1.23rc1', '^1.21']) {
      const found = resolveCached(spec, cached)
      expect(found).toBeDefined()
      expect(cached).toContain(goToSemver(found as string))
    }
  })
})

describe('resolveGoVersion corners', () => {
  const rel = (version: string, stable = true): GoRelease => ({
    version,
    stable,
    files: [
      {
        filename: `${version}.linux-amd64.tar.gz`,
        os: 'linux',
        arch: 'amd64',
        version,
        sha256: 'a',
        size: 1,
        kind: 'archive'
      },
      // An installer for the same platform is not an archive and must not be picked.
      {
        filename: `${version}.linux-amd64.pkg`,
        os: 'linux',
        arch: 'amd64',
        version,
        sha256: 'b',
        size: 1,
        kind: 'installer'
      }
    ]
  })
  const releases = [rel('go1.23rc2', false), rel('go1.22.12'), rel('go1.22.5'), rel('go1.21.13')]

  it('treats latest as stable', () => {
    expect(resolveGoVersion('latest', releases, 'linux', 'amd64').version).toBe('1.22.12')
  })

  it('never picks a release candidate for a minor line or a range', () => {
    expect(() => resolveGoVersion('1.23', releases, 'linux', 'amd64')).toThrow(InputError)
    expect(resolveGoVersion('>=1.22', releases, 'linux', 'amd64').version).toBe('1.22.12')
  })

  it('picks the archive, not another kind of file', () => {
    expect(resolveGoVersion('1.22.5', releases, 'linux', 'amd64').file).toMatchObject({
      filename: 'go1.22.5.linux-amd64.tar.gz',
      kind: 'archive'
    })
  })

  it('ignores releases whose version it cannot read', () => {
    const odd = [...releases, rel('go2-preview'), rel('weekly.2011-01-01')]
    expect(resolveGoVersion('stable', odd, 'linux', 'amd64').version).toBe('1.22.12')
  })

  it('says none when the list offers no stable release for the platform', () => {
    expect(() => resolveGoVersion('stable', [], 'linux', 'amd64')).toThrow(
      "go-version: no Go release matches 'stable' for linux/amd64: the release list has no stable release for it. Check go-download-base-url."
    )
  })
})

describe('versionFromFile corners', () => {
  it('reads go.mod with Windows line endings', () => {
    expect(versionFromFile('go.mod', 'module m\r\n\r\ngo 1.21.4\r\n')).toEqual({
      spec: '1.21.4',
      line: 'go'
    })
    expect(versionFromFile('go.mod', 'module m\r\n\r\ngo 1.21\r\ntoolchain go1.22.1\r\n')).toEqual({
      spec: '1.22.1',
      line: 'toolchain',
      goLine: '1.21'
    })
  })

  it('falls back to the go directive when the toolchain is not a Go version', () => {
    expect(versionFromFile('go.mod', 'module m\n\ngo 1.21.0\n\ntoolchain default\n')).toEqual({
      spec: '1.21.0',
      line: 'go'
    })
  })

  it('does not mistake a commented go line for the directive', () => {
    expect(versionFromFile('go.mod', 'module m\n// go 1.99\n\ngo 1.20\n')).toEqual({
      spec: '1.20',
      line: 'go'
    })
  })

  it('finds nothing in a go.mod without a go directive', () => {
    expect(versionFromFile('go.mod', 'module m\n')).toBeUndefined()
  })

  it('reads a .go-version with Windows line endings and ignores blank lines', () => {
    expect(versionFromFile('sub/.go-version', '\r\n1.22.3\r\n')).toEqual({ spec: '1.22.3' })
    expect(versionFromFile('.go-version', '\n\n')).toBeUndefined()
  })
})

describe('parseGoMod reads go.mod as Go does', () => {
  it.each<[string, string, { go?: string; toolchain?: string }]>([
    ['a trailing comment', 'module m\n\ngo 1.22 // for range over int\n', { go: '1.22' }],
    ['a comment with no space', 'module m\ngo 1.22//x\n', { go: '1.22' }],
    [
      'a block comment before the real line',
      'module m\n/*\ngo 1.10\n*/\ngo 1.21\n',
      { go: '1.21' }
    ],
    ['a one-line block comment', 'module m\n/* go 1.10 */\ngo 1.21.3\n', { go: '1.21.3' }],
    ['a block comment after the real line', 'module m\ngo 1.21\n/*\ngo 1.10\n*/\n', { go: '1.21' }],
    ['an indented directive', 'module m\n\n  go 1.22.1\n', { go: '1.22.1' }],
    ['a release candidate', 'module m\ngo 1.21rc1\n', { go: '1.21rc1' }],
    [
      'a toolchain line',
      'module m\ngo 1.21\ntoolchain go1.22.3\n',
      { go: '1.21', toolchain: '1.22.3' }
    ],
    ['toolchain default', 'module m\ngo 1.21\ntoolchain default\n', { go: '1.21' }],
    [
      'a custom toolchain build',
      'go 1.21\ntoolchain go1.21.3-bigcorp\n',
      { go: '1.21', toolchain: '1.21.3' }
    ],
    ['a toolchain that is not Go', 'go 1.21\ntoolchain gccgo\n', { go: '1.21' }],
    [
      'a go-looking line inside a block',
      'module m\nrequire (\n\tgo 1.99\n\texample.com/x v1.0.0 // indirect\n)\ngo 1.20\n',
      { go: '1.20' }
    ],
    [
      '// inside a quoted path',
      'module m\nreplace example.com/a => "./a//b" // go 1.99\ngo 1.20\n',
      { go: '1.20' }
    ],
    ['no go line', 'module m\n', {}],
    ['go.work', 'go 1.22.1\n\nuse (\n\t./a\n\t./b\n)\n', { go: '1.22.1' }]
  ])('%s', (_what, content, lines) => expect(parseGoMod(content)).toEqual(lines))

  it('ignores a toolchain line older than the go line, as the go command does', () => {
    expect(versionFromFile('go.mod', 'go 1.22.3\ntoolchain go1.21.0\n')).toEqual({
      spec: '1.22.3',
      line: 'go'
    })
  })
})
