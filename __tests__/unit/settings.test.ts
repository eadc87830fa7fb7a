// Table tests for the image-config inputs and the OCI labels taken from the GitHub context.
import { describe, expect, it } from '@jest/globals'
import { splitFlags } from '../../src/config.js'
import {
  ociLabels,
  parseCommand,
  parseExpose,
  parseUser,
  parseWorkdir,
  validateEnv,
  validateLabels
} from '../../src/rootfs/settings.js'

describe('parseUser', () => {
  it.each([
    ['', '65532:65532'],
    ['nonroot', '65532:65532'],
    ['65532:65532', '65532:65532'],
    ['root', '0:0'],
    ['0:0', '0:0'],
    ['nobody', '65534:65534'],
    ['1000:1001', '1000:1001'],
    [' 1000:1001 ', '1000:1001']
  ])('%j is %s', (raw, want) => expect(parseUser(raw)).toBe(want))

  it.each(['admin', '1000', '1000:', ':1000', '-1:0', '1000:1000:1', '4294967296:0'])(
    'refuses %j and lists what works',
    raw => {
      expect(() => parseUser(raw)).toThrow(/^user: .* Use nonroot \(65532:65532.*uid:gid/)
    }
  )
})

describe('parseWorkdir', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/app', '/app'],
    ['/app/', '/app'],
    ['/srv//www/./data', '/srv/www/data']
  ])('%j is %s', (raw, want) => expect(parseWorkdir(raw)).toBe(want))

  it.each(['app', './app', '/app/../etc'])('refuses %j', raw => {
    expect(() => parseWorkdir(raw)).toThrow(/^workdir: .*absolute path/)
  })
})

describe('parseExpose', () => {
  it('adds tcp where no protocol is given, lowercases and drops repeats', () => {
    expect(parseExpose(['8080', '53/UDP', '8080/tcp', '9000/sctp'])).toEqual([
      '8080/tcp',
      '53/udp',
      '9000/sctp'
    ])
  })

  it.each(['0', '65536', 'http', '80/icmp', '80-90'])('refuses %j', raw => {
    expect(() => parseExpose([raw])).toThrow(new RegExp(`^expose: '${raw}' is not a port`))
  })
})

describe('parseCommand', () => {
  it('is undefined when empty, so the default entrypoint applies', () => {
    expect(parseCommand('  ', 'entrypoint', splitFlags)).toBeUndefined()
  })

  it('takes a JSON array as the exec form', () => {
    expect(parseCommand('["/app", "serve", "--addr=:80 x"]', 'args', splitFlags)).toEqual([
      '/app',
      'serve',
      '--addr=:80 x'
    ])
  })

  it('splits words with shell quotes', () => {
    expect(parseCommand(`/app -msg "hello world" -x='a b'`, 'entrypoint', splitFlags)).toEqual([
      '/app',
      '-msg',
      'hello world',
      '-x=a b'
    ])
  })

  it.each(['[1, 2]', '["a", ', '[{"a":1}]'])('refuses the malformed array %j', raw => {
    expect(() => parseCommand(raw, 'args', splitFlags)).toThrow(
      /^args: .* is not a JSON array of strings/
    )
  })
})

describe('validateEnv and validateLabels', () => {
  it('keeps env in input order as KEY=VALUE', () => {
    expect(validateEnv({ B: '1', A: 'x=y' })).toEqual(['B=1', 'A=x=y'])
  })

  it('refuses a bad variable name', () => {
    expect(() => validateEnv({ '1X': 'a' })).toThrow(/^env: '1X' is not a variable name/)
  })

  it('accepts reverse-DNS label keys and refuses spaces', () => {
    expect(validateLabels({ 'org.example/team-a': 'x' })).toEqual({ 'org.example/team-a': 'x' })
    expect(() => validateLabels({ 'my label': 'x' })).toThrow(/^labels: 'my label'/)
  })
})

describe('ociLabels', () => {
  const created = '2024-01-01T00:00:00Z'
  const base = {
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567'
  }

  it('fills source, revision, created and the version of a semver tag without its v', () => {
    expect(ociLabels({ ...base, GITHUB_REF: 'refs/tags/v1.2.3' }, created)).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/app',
      'org.opencontainers.image.revision': base.GITHUB_SHA,
      'org.opencontainers.image.created': created,
      'org.opencontainers.image.version': '1.2.3'
    })
  })

  it.each([
    ['refs/tags/nightly', 'nightly'],
    ['refs/tags/v2.0.0-rc.1', '2.0.0-rc.1'],
    ['refs/heads/main', 'main'],
    ['refs/pull/42/merge', 'pr-42']
  ])('version of %s is %s', (ref, version) => {
    expect(
      ociLabels({ ...base, GITHUB_REF: ref }, created)['org.opencontainers.image.version']
    ).toBe(version)
  })

  it('uses the GitHub Enterprise server URL', () => {
    expect(
      ociLabels({ ...base, GITHUB_SERVER_URL: 'https://git.example.com/' }, created)[
        'org.opencontainers.image.source'
      ]
    ).toBe('https://git.example.com/acme/app')
  })

  it('outside Actions has only the created date', () => {
    expect(ociLabels({}, created)).toEqual({ 'org.opencontainers.image.created': created })
  })
})
