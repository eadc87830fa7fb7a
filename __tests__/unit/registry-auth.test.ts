// The registry client's auth layer: WWW-Authenticate challenges, Basic, a Bearer token at login, and the refresh
// once on a 401 (also after an open ping), one at a time. The token requests themselves: registry-bearer.test.ts.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import { InputError } from '../../src/ports.js'
import { parseChallenge, parseChallenges } from '../../src/registry/challenge.js'
import { BASE, calls, scriptedClient } from '../registry-client.js'
import { reply } from './helpers.js'

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))

const blobUrl = `${BASE}/v2/acme/app/blobs/${blob.digest}`

describe('parseChallenge', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull'
        }
      }
    ],
    ['Basic realm="x"', { scheme: 'basic', params: { realm: 'x' } }],
    ['basic Realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    [
      'Bearer realm=https://h/token, service=reg',
      { scheme: 'bearer', params: { realm: 'https://h/token', service: 'reg' } }
    ],
    ['Bearer', { scheme: 'bearer', params: {} }]
  ])('%s', (header, challenge) => expect(parseChallenge(header)).toEqual(challenge))

  it.each([null, ''])('%j -> undefined', header => expect(parseChallenge(header)).toBeUndefined())
})

describe('parseChallenges: several challenges in one header', () => {
  it('keeps each challenge’s parameters apart and prefers Bearer', () => {
    const header =
      'Basic realm="Registry Realm", Bearer realm="https://auth.example/token",service="reg.example",scope="repository:a/b:pull,push"'
    expect(parseChallenges(header)).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'reg.example',
          scope: 'repository:a/b:pull,push'
        }
      }
    ])
    expect(parseChallenge(header)).toEqual(parseChallenges(header)[1])
  })

  it('takes Basic when Bearer has no realm, and the first of unknown schemes', () => {
    expect(parseChallenge('Bearer error="x", Basic realm="r"')?.scheme).toBe('basic')
    expect(parseChallenge('Negotiate, NTLM')?.scheme).toBe('negotiate')
  })

  it('reads escaped quotes and a comma inside a quoted value', () => {
    expect(parseChallenges('Basic realm="a \\"b\\", c"')).toEqual([
      { scheme: 'basic', params: { realm: 'a "b", c' } }
    ])
  })

  it('answers a ping that offers Basic and Bearer with a token, not a merged challenge', async () => {
    const { client, requests } = scriptedClient(
      [
        reply(401, {
          'www-authenticate':
            'Basic realm="basic-realm", Bearer realm="https://auth.example/token",service="svc"'
        }),
        reply(200, {}, JSON.stringify({ token: 'tk' })),
        reply(200)
      ],
      { credentials: { username: 'u', password: 'p' } }
    )
    await client.login()
    const token = new URL(requests[1]!.url)
    expect(token.origin + token.pathname).toBe('https://auth.example/token')
    expect(token.searchParams.get('service')).toBe('svc')
    expect(requests[2]!.headers.authorization).toBe('Bearer tk')
  })
})

describe('RegistryClient.login: Basic and Bearer', () => {
  const creds = { username: 'bot', password: 's3cr3t-pass' }
  const basic = `Basic ${Buffer.from('bot:s3cr3t-pass').toString('base64')}`

  it('answers a Basic challenge with the credentials and masks them', async () => {
    const { client, requests, logger } = scriptedClient(
      [reply(401, { 'www-authenticate': 'Basic realm="x"' }), reply(200)],
      {
        credentials: creds
      }
    )
    await client.login()
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`, `GET ${BASE}/v2/`])
    expect(requests[0]!.headers.authorization).toBeUndefined()
    expect(requests[1]!.headers.authorization).toBe(basic)
    expect(logger.masked).toEqual([basic.slice('Basic '.length)])
  })

  it('fetches a scoped Bearer token and masks it', async () => {
    const { client, requests, logger } = scriptedClient(
      [
        reply(401, {
          'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg.example"'
        }),
        reply(
          200,
          { 'content-type': 'application/json' },
          JSON.stringify({ access_token: 'tok-1' })
        ),
        reply(200)
      ],
      { credentials: creds }
    )
    await client.login()
    const token = new URL(requests[1]!.url)
    expect(token.origin + token.pathname).toBe('https://auth.example/token')
    expect(token.searchParams.get('service')).toBe('reg.example')
    expect(token.searchParams.get('scope')).toBe('repository:acme/app:push,pull')
    expect(requests[1]!.headers.authorization).toBe(basic)
    expect(requests[2]!.headers.authorization).toBe('Bearer tok-1')
    expect(logger.masked).toEqual(['tok-1'])
  })

  it('refuses a Basic challenge without credentials', async () => {
    const { client } = scriptedClient([reply(401, { 'www-authenticate': 'Basic realm="x"' })])
    await expect(client.login()).rejects.toThrow(
      'registry-username/registry-password: localhost:5000 requires credentials. Set both inputs (or log in with a Docker config).'
    )
  })

  it('says which input to fix, without the password, when the credentials are refused', async () => {
    const challenge = { 'www-authenticate': 'Basic realm="x"' }
    const { client, requests } = scriptedClient(
      [reply(401, challenge), reply(401, challenge), reply(401, challenge)],
      { credentials: creds }
    )
    const err = await client.login().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    const message = (err as Error).message
    expect(message).toContain('registry-username/registry-password')
    expect(message).toBe(
      "registry-username/registry-password: localhost:5000 refused user 'bot' (HTTP 401). " +
        'Check the username and the password or token, and that it may push to acme/app.'
    )
    expect(message).not.toContain(creds.password)
    expect(message).not.toContain(basic.slice('Basic '.length))
    // The ping and the check: Basic credentials are not re-sent on a second 401.
    expect(requests).toHaveLength(2)
  })
})

describe('RegistryClient Bearer refresh', () => {
  it('fetches a new token once when a request gets 401 after login', async () => {
    const challenge = { 'www-authenticate': 'Bearer realm="http://localhost:5000/token"' }
    const token = (t: string): Response =>
      reply(200, { 'content-type': 'application/json' }, JSON.stringify({ token: t }))
    const { client, requests } = scriptedClient([
      reply(401, challenge),
      token('old'),
      reply(200),
      reply(401, challenge),
      token('new'),
      reply(200)
    ])
    await client.login()
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests.map(r => [r.method, r.headers.authorization])).toEqual([
      ['GET', undefined],
      ['GET', undefined],
      ['GET', 'Bearer old'],
      ['HEAD', 'Bearer old'],
      ['GET', undefined],
      ['HEAD', 'Bearer new']
    ])
  })
})

describe('lazy authentication: an open ping, a guarded repository', () => {
  // Stands for registries whose /v2/ answers 200 to anyone while each repository answers 401 with a Bearer
  // challenge (distribution's token auth answers the ping 401, but some proxies and registries do not).
  const bearer = {
    'www-authenticate':
      'Bearer realm="http://localhost:5000/token",service="reg",scope="repository:acme/app:pull"'
  }
  const creds = { username: 'bot', password: 'pw' }
  const basic = `Basic ${Buffer.from('bot:pw').toString('base64')}`

  it('sends Basic after an open ping, then authenticates from the 401 and repeats the request once', async () => {
    const { client, requests, logger } = scriptedClient(
      [reply(200), reply(401, bearer), reply(200, {}, JSON.stringify({ token: 't1' })), reply(200)],
      { credentials: creds }
    )
    await client.login()
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests.map(r => [r.method, r.url.split('?')[0], r.headers.authorization])).toEqual([
      ['GET', `${BASE}/v2/`, undefined],
      ['HEAD', blobUrl, basic],
      ['GET', `${BASE}/token`, basic],
      ['HEAD', blobUrl, 'Bearer t1']
    ])
    expect(new URL(requests[2]!.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:push,pull'
    ])
    expect(logger.masked).toEqual([basic.slice(6), 't1'])
  })

  it('gets an anonymous token without credentials', async () => {
    const { client, requests } = scriptedClient([
      reply(200),
      reply(401, bearer),
      reply(200, {}, JSON.stringify({ token: 'anon' })),
      reply(200)
    ])
    await client.login()
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests[1]!.headers.authorization).toBeUndefined()
    expect(requests[2]!.headers.authorization).toBeUndefined()
    expect(requests[3]!.headers.authorization).toBe('Bearer anon')
  })

  it('repeats once only: a second 401 is the answer', async () => {
    const { client, requests } = scriptedClient(
      [
        reply(200),
        reply(401, bearer),
        reply(200, {}, JSON.stringify({ token: 't1' })),
        reply(401, bearer)
      ],
      { credentials: creds }
    )
    await client.login()
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `registry-username/registry-password: localhost:5000 denied HEAD blob ${blob.digest} in acme/app to user 'bot' (HTTP 401).`
    )
    expect(requests).toHaveLength(4)
  })

  it('does not re-send refused Basic credentials', async () => {
    const { client, requests } = scriptedClient(
      [reply(200), reply(401, { 'www-authenticate': 'Basic realm="r"' })],
      { credentials: creds }
    )
    await client.login()
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      /denied HEAD blob .* to user 'bot' \(HTTP 401\)/
    )
    expect(requests).toHaveLength(2)
  })

  it('answers a Basic 401 with the credentials when none were sent yet', async () => {
    const { client, requests } = scriptedClient(
      [reply(401, { 'www-authenticate': 'Basic realm="r"' }), reply(200)],
      { credentials: { ...creds, identityToken: 'idt', password: '' } }
    )
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests[1]!.headers.authorization).toMatch(/^Basic /)
  })

  it('says a repository needs credentials when there are none', async () => {
    const { client } = scriptedClient([
      reply(200),
      reply(401, { 'www-authenticate': 'Basic realm="r"' })
    ])
    await client.login()
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `registry-username/registry-password: localhost:5000 requires credentials for HEAD blob ${blob.digest} in acme/app (HTTP 401). Set both inputs (or log in with a Docker config).`
    )
  })

  it('asks the token server once for parallel requests that all got a 401', async () => {
    let tokens = 0
    const { client } = scriptedClient(
      Array.from({ length: 20 }, () => (req: { url: string; headers: Record<string, string> }) => {
        if (req.url.endsWith('/v2/')) return reply(200)
        if (req.url.startsWith(`${BASE}/token`)) {
          tokens++
          return reply(200, {}, JSON.stringify({ token: `t${tokens}` }))
        }
        return req.headers.authorization === 't1' || req.headers.authorization === 'Bearer t1'
          ? reply(200)
          : reply(401, bearer)
      })
    )
    await client.login()
    const digests = ['a', 'b', 'c', 'd'].map(x => `sha256:${x.repeat(64)}`)
    await expect(Promise.all(digests.map(d => client.blobExists(d)))).resolves.toEqual([
      true,
      true,
      true,
      true
    ])
    expect(tokens).toBe(1)
  })
})
