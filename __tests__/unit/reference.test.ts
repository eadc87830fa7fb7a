import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/ports.js'
import {
  isLoopback,
  parseImage,
  parseReference,
  registryBaseUrls,
  validateTags,
  type ImageRef
} from '../../src/registry/reference.js'

describe('parseImage', () => {
  it.each<[string, ImageRef]>([
    ['ghcr.io/acme/app', { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'acme/app' }],
    ['  ghcr.io/acme/app \n', { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'acme/app' }],
    [
      'localhost:5000/app',
      { registry: 'localhost:5000', apiHost: 'localhost:5000', repository: 'app' }
    ],
    ['localhost/app', { registry: 'localhost', apiHost: 'localhost', repository: 'app' }],
    [
      '127.0.0.1:5000/team/sub/app',
      { registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'team/sub/app' }
    ],
    [
      'registry.example.com:8443/a.b/c_d/e__f/g--h',
      {
        registry: 'registry.example.com:8443',
        apiHost: 'registry.example.com:8443',
        repository: 'a.b/c_d/e__f/g--h'
      }
    ],
    ['[::1]:5000/app', { registry: '[::1]:5000', apiHost: '[::1]:5000', repository: 'app' }],
    [
      'alpine',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine' }
    ],
    [
      'docker.io/alpine',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine' }
    ],
    [
      'acme/app',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'acme/app' }
    ],
    [
      'docker.io/acme/app',
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'acme/app' }
    ]
  ])('%j', (input, ref) => {
    expect(parseImage(input)).toEqual(ref)
  })

  it('rejects uppercase with a message naming image: and the lowercase repository', () => {
    expect(() => parseImage('ghcr.io/Acme/App')).toThrow(
      "image: the repository 'Acme/App' in 'ghcr.io/Acme/App' has uppercase letters, which registries refuse. " +
        "Use 'ghcr.io/acme/app' (for GitHub, lowercase the owner: ${{ github.repository_owner }} is not lowercased for you)."
    )
    expect(() => parseImage('Acme/app')).toThrow(/^image: .*Use 'acme\/app' /)
    expect(() => parseImage('Acme/app')).toThrow(InputError)
  })

  it('names the input it is given', () => {
    expect(() => parseImage('ghcr.io/Acme/app', 'compare-to')).toThrow(
      /^compare-to: the repository 'Acme\/app'/
    )
  })

  it.each(['https://ghcr.io/acme/app', 'http://localhost:5000/app', 'oci://x/y'])(
    'rejects the URL scheme in %s',
    input => {
      expect(() => parseImage(input)).toThrow(
        `image: '${input}' includes a URL scheme. Write the repository without it, e.g. ghcr.io/acme/app ` +
          '(plain http is tried for loopback registries, and insecure-registry allows it elsewhere).'
      )
    }
  )

  it.each<[string, string, string]>([
    ['ghcr.io/acme/app:1.0', '1.0', 'ghcr.io/acme/app'],
    ['localhost:5000/app:latest', 'latest', 'localhost:5000/app'],
    ['alpine:3.20', '3.20', 'docker.io/alpine']
  ])('rejects the tag inside %s', (input, tag, repo) => {
    expect(() => parseImage(input)).toThrow(
      `image: '${input}' includes the tag '${tag}'. Give the repository only (${repo}) and put the tag in tags.`
    )
  })

  it('rejects a digest', () => {
    const input = `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`
    expect(() => parseImage(input)).toThrow(
      `image: '${input}' includes a digest. Give the repository only, e.g. ghcr.io/acme/app.`
    )
  })

  it.each([
    'ghcr.io/acme/-app',
    'ghcr.io/acme/app-',
    'ghcr.io/acme//app',
    'ghcr.io/acme/a..b',
    'ghcr.io/acme/a___b',
    'ghcr.io/acme/a!b',
    'ghcr.io/',
    ''
  ])('rejects the bad component in %j', input => {
    expect(() => parseImage(input)).toThrow(
      `image: '${input}' is not a valid repository. Each path component must be lowercase letters and digits, ` +
        "separated by '.', '_', '__' or '-', e.g. ghcr.io/acme/my-app."
    )
  })

  it('rejects a repository longer than 255 characters', () => {
    const input = `ghcr.io/${'a'.repeat(256)}`
    expect(() => parseImage(input)).toThrow(/is not a valid repository/)
    expect(parseImage(`ghcr.io/${'a'.repeat(255)}`).repository).toHaveLength(255)
  })

  it.each(['bad_host.io/app', '-x.io/app', 'x.io:port/app'])('rejects the host in %s', input => {
    const host = input.split('/')[0]
    expect(() => parseImage(input)).toThrow(
      `image: '${host}' in '${input}' is not a valid registry host[:port].`
    )
  })
})

describe('validateTags', () => {
  const message = (tag: string): string =>
    `tags: '${tag}' is not a valid tag. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', ` +
    "not starting with '.' or '-' (so no '+', '/' or ':'); e.g. 1.2.3, main, sha-0123abc."

  it('accepts valid tags and returns them unchanged', () => {
    const tags = ['1.2.3', 'latest', 'Main', '_x', 'sha-0123abc', 'a'.repeat(128), 'v1.0.0-rc.1']
    expect(validateTags(tags)).toBe(tags)
  })

  it.each(['a'.repeat(129), '1.2.3+build', '.hidden', '-dash', 'feature/x', 'a:b', '', 'ä'])(
    'rejects %j',
    tag => {
      expect(() => validateTags(['ok', tag])).toThrow(message(tag))
    }
  )

  it('names the input it is given', () => {
    expect(() => validateTags(['+'], 'extra-tags')).toThrow(/^extra-tags: '\+' is not a valid tag/)
  })
})

describe('isLoopback', () => {
  it.each<[string, boolean]>([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['127.0.0.1:5000', true],
    ['127.1.2.3:80', true],
    ['[::1]', true],
    ['[::1]:5000', true],
    ['::1', true],
    ['::2', false],
    ['ghcr.io', false],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
    ['10.0.0.1:5000', false],
    ['127.0.0.1.nip.io', false]
  ])('%s -> %s', (host, loopback) => expect(isLoopback(host)).toBe(loopback))
})

describe('registryBaseUrls', () => {
  it.each<[string, { insecure: boolean; caFile?: string }, string, string | undefined]>([
    ['ghcr.io/acme/app', { insecure: false }, 'https://ghcr.io', undefined],
    ['ghcr.io/acme/app', { insecure: true }, 'https://ghcr.io', 'http://ghcr.io'],
    ['alpine', { insecure: false }, 'https://registry-1.docker.io', undefined],
    ['localhost:5000/app', { insecure: false }, 'http://localhost:5000', 'https://localhost:5000'],
    ['127.0.0.1:5001/app', { insecure: false }, 'http://127.0.0.1:5001', 'https://127.0.0.1:5001'],
    ['127.0.0.1:5001/app', { insecure: true }, 'https://127.0.0.1:5001', 'http://127.0.0.1:5001'],
    [
      '127.0.0.1:5443/app',
      { insecure: false, caFile: '/ca.pem' },
      'https://127.0.0.1:5443',
      undefined
    ],
    ['[::1]:5000/app', { insecure: false }, 'http://[::1]:5000', 'https://[::1]:5000'],
    [
      'registry.internal:5000/app',
      { insecure: false },
      'https://registry.internal:5000',
      undefined
    ],
    [
      'registry.internal:5000/app',
      { insecure: true, caFile: '/ca.pem' },
      'https://registry.internal:5000',
      undefined
    ]
  ])('%s %j -> %s, then %s', (image, o, baseUrl, fallbackBaseUrl) => {
    expect(registryBaseUrls(parseImage(image), o)).toEqual(
      fallbackBaseUrl ? { baseUrl, fallbackBaseUrl } : { baseUrl }
    )
  })
})

describe('parseReference', () => {
  const d = `sha256:${'ab'.repeat(32)}`

  it.each<[string, Record<string, string>]>([
    ['ghcr.io/acme/app:main', { registry: 'ghcr.io', repository: 'acme/app', tag: 'main' }],
    [`ghcr.io/acme/app@${d}`, { registry: 'ghcr.io', repository: 'acme/app', digest: d }],
    [
      `localhost:5000/app:v1@${d}`,
      { registry: 'localhost:5000', repository: 'app', tag: 'v1', digest: d }
    ],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    ['alpine:3', { registry: 'docker.io', repository: 'library/alpine', tag: '3' }]
  ])('%s', (input, want) => expect(parseReference(input, 'compare-to')).toMatchObject(want))

  it.each([
    [
      `a/b@sha256:${'AB'.repeat(32)}`,
      /^compare-to: the digest .* is not sha256: followed by 64 lowercase hex digits/
    ],
    ['a/b@sha512:00', /^compare-to: the digest 'sha512:00'/],
    [`a/b@sha256:${'a'.repeat(63)}`, /is not sha256: followed by 64/],
    ['a/b:v1+build', /^compare-to: 'v1\+build' is not a valid tag/],
    [`a/b:${'x'.repeat(129)}`, /is not a valid tag\. A tag is 1 to 128 characters/],
    ['Acme/App:v1', /^compare-to: the repository 'Acme\/App'.*uppercase/]
  ])('refuses %s', (input, message) => {
    expect(() => parseReference(input, 'compare-to')).toThrow(message)
  })
})
