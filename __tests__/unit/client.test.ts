import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import { InputError } from '../../src/ports.js'
import { RegistryClient, type ClientOptions, type Credentials } from '../../src/registry/client.js'
import { parseChallenge, parseChallenges } from '../../src/registry/challenge.js'
import { RegistryError } from '../../src/registry/errors.js'
import { SilenceError } from '../../src/http/errors.js'
import type { Fetch } from '../../src/ports.js'
import { parseImage } from '../../src/registry/reference.js'
import { fakeFetch, fakeLogger, reply, type Reply } from './helpers.js'

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

const BASE = 'http://localhost:5000'
const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))
const blobUrl = `${BASE}/v2/acme/app/blobs/${blob.digest}`
const uploadsUrl = `${BASE}/v2/acme/app/blobs/uploads/`
const digestParam = `digest=${encodeURIComponent(blob.digest)}`

function client(script: Reply[], credentials?: Credentials, attempts?: number) {
  const f = fakeFetch(script)
  const logger = fakeLogger()
  const sleeps: number[] = []
  const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
    fetch: f.fetch,
    logger,
    baseUrl: BASE,
    credentials,
    attempts,
    sleep: async ms => void sleeps.push(ms),
    // The most the jitter allows, so the waits are the plain exponential ones.
    random: () => 1
  })
  return { c, requests: f.requests, logger, sleeps }
}

const calls = (requests: { method: string; url: string }[]): string[] =>
  requests.map(r => `${r.method} ${r.url}`)

describe('RegistryClient.uploadBlob', () => {
  it('does HEAD, POST, then PUT to a relative Location, keeping its query and adding the digest', async () => {
    const { c, requests } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/uuid-1?_state=abc' }),
      reply(201, { 'docker-content-digest': blob.digest })
    ])
    await expect(c.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/uuid-1?_state=abc&${digestParam}`
    ])
    const put = requests[2]!
    expect(put.body?.equals(blob.data)).toBe(true)
    expect(put.headers['content-type']).toBe('application/octet-stream')
    expect(put.headers['content-length']).toBe(String(blob.size))
  })

  it('PUTs to an absolute Location on another host, without credentials', async () => {
    const { c, requests } = client(
      [
        reply(401, { 'www-authenticate': 'Basic realm="x"' }),
        reply(200),
        reply(404),
        reply(202, { location: 'http://uploads.example:9000/up/uuid-2?sig=s1&x=1' }),
        reply(201)
      ],
      { username: 'u', password: 'p' }
    )
    await c.login()
    await expect(c.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests).slice(2)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT http://uploads.example:9000/up/uuid-2?sig=s1&x=1&${digestParam}`
    ])
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`
    expect(requests[2]!.headers.authorization).toBe(basic)
    expect(requests[3]!.headers.authorization).toBe(basic)
    expect(requests[4]!.headers.authorization).toBeUndefined()
  })

  it('skips the upload when HEAD finds the blob', async () => {
    const { c, requests } = client([reply(200)])
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
    expect(calls(requests)).toEqual([`HEAD ${blobUrl}`])
  })

  it('retries a 503, waiting the backoff, and keeps the query out of the log', async () => {
    const { c, requests, sleeps, logger } = client([
      reply(503),
      reply(404),
      reply(503, { 'retry-after': '3' }),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u?_state=secret' }),
      reply(201)
    ])
    await expect(c.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests).map(s => s.split(' ')[0])).toEqual([
      'HEAD',
      'HEAD',
      'POST',
      'POST',
      'PUT'
    ])
    expect(sleeps).toEqual([500, 3000])
    expect(logger.lines).toEqual([
      `HEAD ${blobUrl}: HTTP 503; retrying in 500 ms`,
      `POST ${uploadsUrl}: HTTP 503; retrying in 3000 ms`
    ])
  })

  it('starts a fresh session from byte 0 when the PUT fails with a 503', async () => {
    const { c, requests, sleeps } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/first' }),
      reply(503),
      reply(202, { location: '/v2/acme/app/blobs/uploads/second' }),
      reply(201)
    ])
    await expect(c.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/first?${digestParam}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/second?${digestParam}`
    ])
    expect(requests[4]!.body?.equals(blob.data)).toBe(true)
    expect(sleeps).toEqual([500])
  })

  it('retries a dropped connection', async () => {
    const reset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    const { c, requests, logger } = client([reset, reply(200)])
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests).toHaveLength(2)
    expect(logger.lines).toEqual([`HEAD ${blobUrl}: ECONNRESET; retrying in 500 ms`])
  })

  it('gives up after the bounded number of attempts', async () => {
    const { c, requests, sleeps } = client([reply(503), reply(503), reply(503)], undefined, 3)
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      new RegistryError(
        `localhost:5000: HEAD blob ${blob.digest} failed with HTTP 503 after 3 attempts in 0 s; ` +
          'the registry kept failing, so nothing was tagged. Try again later.'
      )
    )
    expect(requests).toHaveLength(3)
    expect(sleeps).toEqual([500, 1000])
  })

  it('does not retry a 400', async () => {
    const { c, requests, sleeps } = client([reply(404), reply(400)])
    const err = await c.uploadBlob(blob).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as RegistryError).message).toBe(
      `localhost:5000: start upload of ${blob.digest} failed with HTTP 400.`
    )
    expect((err as RegistryError).status).toBe(400)
    expect(calls(requests)).toEqual([`HEAD ${blobUrl}`, `POST ${uploadsUrl}`])
    expect(sleeps).toEqual([])
  })

  it('does not retry a PUT answered 400 and reports the registry error codes', async () => {
    const body = JSON.stringify({
      errors: [
        { code: 'DIGEST_INVALID', message: 'mismatch' },
        { code: 'SIZE_INVALID', message: 'short' }
      ]
    })
    const { c, requests, sleeps } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(400, { 'content-type': 'application/json' }, body)
    ])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 400 (DIGEST_INVALID: mismatch; SIZE_INVALID: short).`
    )
    expect(requests).toHaveLength(3)
    expect(sleeps).toEqual([])
  })

  it('quotes the start of a body that is not JSON', async () => {
    const { c } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(413, {}, `too large ${'x'.repeat(300)}`)
    ])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 413 (too large ${'x'.repeat(190)}).`
    )
  })

  it('turns a 403 into an error naming the credential inputs', async () => {
    const { c } = client([reply(404), reply(403)])
    const err = await c.uploadBlob(blob).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toBe(
      `registry-username/registry-password: localhost:5000 denied start upload of ${blob.digest} in acme/app ` +
        'to anonymous access (HTTP 403). Use credentials that may push to this repository.'
    )
  })

  it('fails when the registry stores another digest', async () => {
    const { c } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(201, { 'docker-content-digest': 'sha256:0000' })
    ])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000 stored sha256:0000 where ${blob.digest} was sent; the upload was corrupted.`
    )
  })

  it('fails when the upload starts without a Location', async () => {
    const { c } = client([reply(404), reply(202)])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      'localhost:5000 started an upload without a Location header.'
    )
  })
})

describe('RegistryClient.putManifest', () => {
  it('PUTs the manifest with its media type', async () => {
    const manifest = toBlob(MEDIA.manifest, Buffer.from('{"schemaVersion":2}'))
    const { c, requests } = client([reply(201, { 'docker-content-digest': manifest.digest })])
    await c.putManifest('v1', manifest)
    expect(calls(requests)).toEqual([`PUT ${BASE}/v2/acme/app/manifests/v1`])
    expect(requests[0]!.headers['content-type']).toBe(MEDIA.manifest)
    expect(requests[0]!.body?.toString()).toBe('{"schemaVersion":2}')
  })
})

describe('registry error codes', () => {
  it('names the codes of a refused manifest', async () => {
    const manifest = toBlob(MEDIA.manifest, Buffer.from('{}'))
    const body = JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'bad' }] })
    const { c } = client([reply(400, {}, body)])
    await expect(c.putManifest('v1', manifest)).rejects.toThrow(
      'localhost:5000: PUT manifest v1 failed with HTTP 400 (MANIFEST_INVALID: bad).'
    )
  })

  it('names the codes of a refused upload start', async () => {
    const body = JSON.stringify({
      errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }]
    })
    const { c } = client([reply(404), reply(403, {}, body)])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      /HTTP 403, DENIED: requested access to the resource is denied/
    )
  })
})

describe('RegistryClient Bearer refresh', () => {
  it('fetches a new token once when a request gets 401 after login', async () => {
    const challenge = { 'www-authenticate': 'Bearer realm="http://localhost:5000/token"' }
    const token = (t: string): Response =>
      reply(200, { 'content-type': 'application/json' }, JSON.stringify({ token: t }))
    const { c, requests } = client([
      reply(401, challenge),
      token('old'),
      reply(200),
      reply(401, challenge),
      token('new'),
      reply(200)
    ])
    await c.login()
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
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

describe('RegistryClient.login', () => {
  const creds = { username: 'bot', password: 's3cr3t-pass' }
  const basic = `Basic ${Buffer.from('bot:s3cr3t-pass').toString('base64')}`

  it('is done after one ping when the registry is open', async () => {
    const { c, requests } = client([reply(200)], creds)
    await c.login()
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`])
    expect(requests[0]!.headers.authorization).toBeUndefined()
  })

  it('answers a Basic challenge with the credentials and masks them', async () => {
    const { c, requests, logger } = client(
      [reply(401, { 'www-authenticate': 'Basic realm="x"' }), reply(200)],
      creds
    )
    await c.login()
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`, `GET ${BASE}/v2/`])
    expect(requests[0]!.headers.authorization).toBeUndefined()
    expect(requests[1]!.headers.authorization).toBe(basic)
    expect(logger.masked).toEqual([basic.slice('Basic '.length)])
  })

  it('fetches a scoped Bearer token and masks it', async () => {
    const { c, requests, logger } = client(
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
      creds
    )
    await c.login()
    const token = new URL(requests[1]!.url)
    expect(token.origin + token.pathname).toBe('https://auth.example/token')
    expect(token.searchParams.get('service')).toBe('reg.example')
    expect(token.searchParams.get('scope')).toBe('repository:acme/app:push,pull')
    expect(requests[1]!.headers.authorization).toBe(basic)
    expect(requests[2]!.headers.authorization).toBe('Bearer tok-1')
    expect(logger.masked).toEqual(['tok-1'])
  })

  it('refuses a Basic challenge without credentials', async () => {
    const { c } = client([reply(401, { 'www-authenticate': 'Basic realm="x"' })])
    await expect(c.login()).rejects.toThrow(
      'registry-username/registry-password: localhost:5000 requires credentials. Set both inputs (or log in with a Docker config).'
    )
  })

  it('says which input to fix, without the password, when the credentials are refused', async () => {
    const challenge = { 'www-authenticate': 'Basic realm="x"' }
    const { c, requests } = client(
      [reply(401, challenge), reply(401, challenge), reply(401, challenge)],
      creds
    )
    const err = await c.login().catch((e: unknown) => e)
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

  it('rejects a registry that does not answer like one', async () => {
    const { c } = client([reply(404)])
    await expect(c.login()).rejects.toThrow(
      'localhost:5000 answered 404 to GET /v2/; is it an OCI registry?'
    )
  })
})

describe('RegistryClient: redirects, mounts, identity tokens and hints', () => {
  const basicLogin = [reply(401, { 'www-authenticate': 'Basic realm="x"' }), reply(200)]
  const creds = { username: 'bot', password: 'pw' }

  it('follows a redirect to blob storage without sending credentials there', async () => {
    const { c, requests } = client(
      [...basicLogin, reply(307, { location: 'http://cdn.example/blob?sig=1' }), reply(200)],
      creds
    )
    await c.login()
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
    expect(calls(requests).slice(2)).toEqual([
      `HEAD ${blobUrl}`,
      'HEAD http://cdn.example/blob?sig=1'
    ])
    expect(requests[2]!.headers.authorization).toMatch(/^Basic /)
    expect(requests[3]!.headers).not.toHaveProperty('authorization')
  })

  it('mounts a blob from another repository of the registry without sending it', async () => {
    const { c, requests } = client([reply(404), reply(201)])
    await expect(c.uploadBlob(blob, 'acme/base')).resolves.toBe('mounted')
    expect(calls(requests)[1]).toBe(
      `POST ${uploadsUrl}?mount=${encodeURIComponent(blob.digest)}&from=acme%2Fbase`
    )
  })

  it('uploads through the session a registry opens when it cannot mount', async () => {
    const { c, requests } = client([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u?_state=s' }),
      reply(201)
    ])
    await expect(c.uploadBlob(blob, 'acme/base')).resolves.toBe('uploaded')
    expect(requests[2]!.method).toBe('PUT')
    expect(requests[2]!.body?.equals(blob.data)).toBe(true)
  })

  it('trades an identity token at the token server, masking the access token', async () => {
    const { c, requests, logger } = client(
      [
        reply(401, {
          'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"'
        }),
        reply(200, {}, JSON.stringify({ access_token: 'access-123' })),
        reply(200)
      ],
      { username: '<token>', password: '', identityToken: 'refresh-xyz' }
    )
    await c.login()
    const token = requests[1]!
    expect(token.method).toBe('POST')
    expect(Object.fromEntries(new URLSearchParams(token.body!.toString()))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-xyz',
      service: 'reg',
      scope: 'repository:acme/app:push,pull',
      client_id: 'go-scratch-image'
    })
    expect(requests[2]!.headers.authorization).toBe('Bearer access-123')
    expect(logger.masked).toContain('access-123')
  })

  it('asks the token for pull access to mount sources too', async () => {
    const f = fakeFetch([
      reply(401, { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' }),
      reply(200, {}, JSON.stringify({ token: 't' })),
      reply(200)
    ])
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      pullScopes: ['acme/base']
    })
    await c.login()
    expect(new URL(f.requests[1]!.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:push,pull',
      'repository:acme/base:pull'
    ])
  })

  const manifest = toBlob(MEDIA.manifest, Buffer.from('{}'))
  const errors = (code: string): string => JSON.stringify({ errors: [{ code, message: 'no' }] })

  it('tells a GHCR user which permission the token lacks', async () => {
    const f = fakeFetch([reply(403, {}, errors('DENIED'))])
    const c = new RegistryClient(parseImage('ghcr.io/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'https://ghcr.io'
    })
    await expect(c.putManifest('v1', manifest)).rejects.toThrow(/permissions: packages: write/)
  })

  it('suggests media-types: docker when a registry refuses the OCI manifest', async () => {
    const { c } = client([reply(400, {}, errors('MANIFEST_INVALID'))], undefined, 1)
    await expect(c.putManifest('v1', manifest)).rejects.toThrow(
      /MANIFEST_INVALID.*set media-types: docker/
    )
  })

  it('says an ECR repository must exist', async () => {
    const f = fakeFetch([reply(404), reply(404, {}, errors('NAME_UNKNOWN'))])
    const c = new RegistryClient(parseImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com'
    })
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      /create it first \(aws ecr create-repository\)/
    )
  })

  it('retries the token server on a 503 and a dropped connection', async () => {
    const { c, requests, sleeps } = client([
      reply(401, { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' }),
      reply(503, { 'retry-after': '2' }),
      new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'socket hang up' } }),
      reply(200, {}, JSON.stringify({ token: 't' })),
      reply(200)
    ])
    await c.login()
    expect(requests.filter(r => r.url.startsWith('https://auth.example/'))).toHaveLength(3)
    expect(sleeps).toEqual([2000, 1000])
    expect(requests[4]!.headers.authorization).toBe('Bearer t')
  })

  it('names a dropped connection in words, with its code', async () => {
    const { c } = client(
      Array.from(
        { length: 2 },
        () =>
          new TypeError('fetch failed', {
            cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' }
          })
      ),
      undefined,
      2
    )
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      /failed after 2 attempts: other side closed \(UND_ERR_SOCKET\)/
    )
  })
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
    const { c, requests } = client(
      [
        reply(401, {
          'www-authenticate':
            'Basic realm="basic-realm", Bearer realm="https://auth.example/token",service="svc"'
        }),
        reply(200, {}, JSON.stringify({ token: 'tk' })),
        reply(200)
      ],
      { username: 'u', password: 'p' }
    )
    await c.login()
    const token = new URL(requests[1]!.url)
    expect(token.origin + token.pathname).toBe('https://auth.example/token')
    expect(token.searchParams.get('service')).toBe('svc')
    expect(requests[2]!.headers.authorization).toBe('Bearer tk')
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
    const { c, requests, logger } = client(
      [reply(200), reply(401, bearer), reply(200, {}, JSON.stringify({ token: 't1' })), reply(200)],
      creds
    )
    await c.login()
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
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
    const { c, requests } = client([
      reply(200),
      reply(401, bearer),
      reply(200, {}, JSON.stringify({ token: 'anon' })),
      reply(200)
    ])
    await c.login()
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests[1]!.headers.authorization).toBeUndefined()
    expect(requests[2]!.headers.authorization).toBeUndefined()
    expect(requests[3]!.headers.authorization).toBe('Bearer anon')
  })

  it('repeats once only: a second 401 is the answer', async () => {
    const { c, requests } = client(
      [
        reply(200),
        reply(401, bearer),
        reply(200, {}, JSON.stringify({ token: 't1' })),
        reply(401, bearer)
      ],
      creds
    )
    await c.login()
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `registry-username/registry-password: localhost:5000 denied HEAD blob ${blob.digest} in acme/app to user 'bot' (HTTP 401).`
    )
    expect(requests).toHaveLength(4)
  })

  it('does not re-send refused Basic credentials', async () => {
    const { c, requests } = client(
      [reply(200), reply(401, { 'www-authenticate': 'Basic realm="r"' })],
      creds
    )
    await c.login()
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      /denied HEAD blob .* to user 'bot' \(HTTP 401\)/
    )
    expect(requests).toHaveLength(2)
  })

  it('answers a Basic 401 with the credentials when none were sent yet', async () => {
    const { c, requests } = client(
      [reply(401, { 'www-authenticate': 'Basic realm="r"' }), reply(200)],
      { ...creds, identityToken: 'idt', password: '' }
    )
    await expect(c.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests[1]!.headers.authorization).toMatch(/^Basic /)
  })

  it('says a repository needs credentials when there are none', async () => {
    const { c } = client([reply(200), reply(401, { 'www-authenticate': 'Basic realm="r"' })])
    await c.login()
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `registry-username/registry-password: localhost:5000 requires credentials for HEAD blob ${blob.digest} in acme/app (HTTP 401). Set both inputs (or log in with a Docker config).`
    )
  })

  it('asks the token server once for parallel requests that all got a 401', async () => {
    let tokens = 0
    const f = fakeFetch(
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
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE
    })
    await c.login()
    const digests = ['a', 'b', 'c', 'd'].map(x => `sha256:${x.repeat(64)}`)
    await expect(Promise.all(digests.map(d => c.blobExists(d)))).resolves.toEqual([
      true,
      true,
      true,
      true
    ])
    expect(tokens).toBe(1)
  })
})

/** A clock that moves only when told: by the fake transport's silences and by the client's waits. */
function fakeClock() {
  let t = 0
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: async (ms: number) => void (t += ms)
  }
}

/** What the transport does with a registry that accepts connections and never answers: fail after the limit. */
const silence = (clock: ReturnType<typeof fakeClock>, ms: number) => (): Response => {
  clock.advance(ms)
  throw new SilenceError('answer', ms)
}

function timedClient(script: Reply[], o: { timeoutMs?: number; credentials?: Credentials } = {}) {
  const clock = fakeClock()
  const f = fakeFetch(script)
  const logger = fakeLogger()
  const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
    fetch: f.fetch,
    logger,
    baseUrl: BASE,
    credentials: o.credentials,
    timeoutMs: o.timeoutMs,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 1
  })
  return { c, clock, requests: f.requests, logger }
}

describe('time limits: a silent registry', () => {
  it('fails the login after one silence of the default 60 s, naming the host, the request and the limit', async () => {
    const clock = fakeClock()
    const { c, requests } = (() => {
      const f = fakeFetch(Array.from({ length: 10 }, () => silence(clock, 60_000)))
      const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
        fetch: f.fetch,
        logger: fakeLogger(),
        baseUrl: BASE,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 1
      })
      return { c, requests: f.requests }
    })()
    const err = await c.login().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as Error).message).toBe(
      'localhost:5000 did not answer GET /v2/ within 60 s (registry-timeout); gave up after 1 attempt in 60 s. ' +
        'Check that localhost:5000 is up and reachable from this machine, or raise registry-timeout for a slow registry.'
    )
    expect(requests).toHaveLength(1)
    expect(clock.now()).toBeLessThanOrEqual(120_000)
  })

  it('retries short silences within the budget: five attempts of 2 s and the backoff between them', async () => {
    const clock = fakeClock()
    const f = fakeFetch(Array.from({ length: 10 }, () => silence(clock, 2000)))
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      timeoutMs: 2000,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1
    })
    await expect(c.login()).rejects.toThrow(
      'localhost:5000 did not answer GET /v2/ within 2 s (registry-timeout); gave up after 5 attempts in 17.5 s.'
    )
    expect(f.requests).toHaveLength(5)
    expect(clock.now()).toBe(5 * 2000 + 500 + 1000 + 2000 + 4000)
  })

  it('bounds a large registry-timeout by one silence: no second attempt that could not end within the budget', async () => {
    const clock = fakeClock()
    const f = fakeFetch(Array.from({ length: 10 }, () => silence(clock, 300_000)))
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      timeoutMs: 300_000,
      now: clock.now,
      sleep: clock.sleep
    })
    await expect(c.login()).rejects.toThrow(
      /within 300 s \(registry-timeout\); gave up after 1 attempt in 300 s/
    )
    expect(f.requests).toHaveLength(1)
  })

  it('fails a blob PUT that goes silent without a fresh session that could not end within the budget', async () => {
    const clock = fakeClock()
    const f = fakeFetch([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      silence(clock, 60_000)
    ])
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1
    })
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      /^localhost:5000 did not answer PUT \/v2\/acme\/app\/blobs\/uploads\/u within 60 s \(registry-timeout\)/
    )
    expect(f.requests).toHaveLength(3)
    expect(clock.now()).toBe(60_000)
  })

  it('does not hold the time a PUT spent sending against the budget', async () => {
    const clock = fakeClock()
    const slowPut = (): Response => {
      clock.advance(200_000)
      return reply(503)
    }
    const f = fakeFetch([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/1' }),
      slowPut,
      reply(202, { location: '/v2/acme/app/blobs/uploads/2' }),
      reply(201)
    ])
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1
    })
    await expect(c.uploadBlob(blob)).resolves.toBe('uploaded')
  })

  it('names a stalled answer body with the host, the request and the limit', async () => {
    const stalled = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(
            new TypeError('terminated', {
              cause: Object.assign(new Error('Body Timeout Error'), {
                code: 'UND_ERR_BODY_TIMEOUT'
              })
            })
          )
        }
      }),
      { status: 200, headers: { 'content-type': MEDIA.manifest } }
    )
    const { c } = timedClient([stalled])
    await expect(c.getManifest('v1')).rejects.toThrow(
      'localhost:5000 stopped sending its answer to GET /v2/acme/app/manifests/v1 (HTTP 200) for 60 s (registry-timeout).'
    )
  })
})

describe('time limits: a registry that keeps failing', () => {
  it('gives up on a 503 forever after five attempts, and says so with the count', async () => {
    const { c, requests, clock } = timedClient(Array.from({ length: 10 }, () => reply(503)))
    await expect(c.login()).rejects.toThrow(
      new RegistryError(
        "localhost:5000 answered HTTP 503 to GET /v2/ 5 times in 7.5 s; the registry is unavailable. Try again later, or check the registry's status."
      )
    )
    expect(requests).toHaveLength(5)
    expect(clock.now()).toBe(7500)
  })

  it('stops honouring Retry-After when the next wait would carry past the budget', async () => {
    const { c, requests, clock } = timedClient(
      Array.from({ length: 10 }, () => reply(503, { 'retry-after': '30' }))
    )
    await expect(c.login()).rejects.toThrow(/answered HTTP 503 to GET \/v2\/ 2 times in 30 s/)
    // 30 s waited, and another 30 s plus one silence of 60 s would pass the 90 s budget.
    expect(requests).toHaveLength(2)
    expect(clock.now()).toBe(30_000)
  })

  it('names the token server, its answer and the count when it answers 500 forever', async () => {
    const { c, requests } = timedClient([
      reply(401, {
        'www-authenticate': 'Bearer realm="http://auth.example:8080/token",service="s"'
      }),
      ...Array.from({ length: 10 }, () => reply(500))
    ])
    await expect(c.login()).rejects.toThrow(
      new RegistryError(
        'The token server auth.example:8080 (named by the Bearer challenge of localhost:5000) answered HTTP 500 to GET /token 5 times in 7.5 s. ' +
          'It is failing, not refusing the credentials: try again later, or check the token server.'
      )
    )
    expect(requests).toHaveLength(6)
  })

  it('names the count of fresh sessions when every blob PUT fails', async () => {
    const session = (n: number) => reply(202, { location: `/v2/acme/app/blobs/uploads/${n}` })
    const { c } = timedClient([
      reply(404),
      ...[1, 2, 3, 4, 5].flatMap(n => [session(n), reply(502)])
    ])
    await expect(c.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 502 after 5 attempts in 7.5 s; the registry kept failing, so nothing was tagged. Try again later.`
    )
  })
})

describe('TLS and protocol', () => {
  const certError = (): Error =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('self-signed certificate'), {
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT'
      })
    })
  const wrongProtocol = (): Error =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('ssl3_get_record:wrong version number'), {
        code: 'ERR_SSL_WRONG_VERSION_NUMBER'
      })
    })

  function tlsClient(script: Reply[], o: Partial<ClientOptions> = {}) {
    const f = fakeFetch(script)
    const logger = fakeLogger()
    const c = new RegistryClient(parseImage('reg.example:5443/acme/app'), {
      fetch: f.fetch,
      logger,
      baseUrl: 'https://reg.example:5443',
      sleep: async () => {},
      ...o
    })
    return { c, requests: f.requests, logger }
  }

  it('fails at once on an untrusted certificate, naming both inputs', async () => {
    const { c, requests } = tlsClient([certError()])
    await expect(c.login()).rejects.toThrow(
      'reg.example:5443 presented a TLS certificate this machine does not trust (self-signed certificate) for GET /v2/. ' +
        'Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true to accept it unverified.'
    )
    expect(requests).toHaveLength(1)
  })

  it('leaves out the --use-system-ca advice Node 24 adds to the reason', async () => {
    const node24 = new TypeError('fetch failed', {
      cause: Object.assign(
        new Error(
          'self-signed certificate; if the root CA is installed locally, try running Node.js with --use-system-ca'
        ),
        { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }
      )
    })
    const { c } = tlsClient([node24])
    const err = await c.login().then(
      () => undefined,
      (e: unknown) => e
    )
    expect((err as Error).message).toBe(
      'reg.example:5443 presented a TLS certificate this machine does not trust (self-signed certificate) for GET /v2/. ' +
        'Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true to accept it unverified.'
    )
  })

  it('says the registry-ca-file does not hold the CA when one is set', async () => {
    const { c } = tlsClient([certError()], { tls: { caFile: '/ca/reg.pem' } })
    await expect(c.login()).rejects.toThrow(
      'registry-ca-file (/ca/reg.pem) does not hold the CA that signed it: point registry-ca-file at that CA'
    )
  })

  it('falls back to http for an insecure registry that does not speak https, with a warning', async () => {
    const { c, requests, logger } = tlsClient([wrongProtocol(), reply(200), reply(200)], {
      fallbackBaseUrl: 'http://reg.example:5443',
      tls: { insecure: true }
    })
    await c.login()
    await expect(c.blobExists(blob.digest)).resolves.toBe(true)
    expect(calls(requests)).toEqual([
      'GET https://reg.example:5443/v2/',
      'GET http://reg.example:5443/v2/',
      `HEAD http://reg.example:5443/v2/acme/app/blobs/${blob.digest}`
    ])
    expect(logger.lines).toEqual([
      'reg.example:5443 does not speak https; using http.',
      "insecure-registry: true: it is reached over plain http, so anyone on the network path to reg.example:5443 can read and change what is pushed. Prefer registry-ca-file with the registry's CA certificate."
    ])
  })

  it('warns that an insecure https registry’s certificate is not verified', async () => {
    const { c, logger } = tlsClient([reply(200)], { tls: { insecure: true } })
    await c.login()
    expect(logger.lines).toEqual([
      "insecure-registry: true: its TLS certificate is not verified, so anyone on the network path to reg.example:5443 can read and change what is pushed. Prefer registry-ca-file with the registry's CA certificate."
    ])
  })

  it('tries https for a loopback port that answers plain http with 400, and names both inputs when its certificate is untrusted', async () => {
    const f = fakeFetch([
      reply(400, {}, 'Client sent an HTTP request to an HTTPS server.\n'),
      certError()
    ])
    const c = new RegistryClient(parseImage('127.0.0.1:5443/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'http://127.0.0.1:5443',
      fallbackBaseUrl: 'https://127.0.0.1:5443',
      sleep: async () => {}
    })
    await expect(c.login()).rejects.toThrow(
      /^127\.0\.0\.1:5443 presented a TLS certificate .* Set registry-ca-file .* or insecure-registry: true/
    )
    expect(calls(f.requests)).toEqual([
      'GET http://127.0.0.1:5443/v2/',
      'GET https://127.0.0.1:5443/v2/'
    ])
  })

  it('keeps the first answer when the fallback does not speak the other protocol either', async () => {
    const f = fakeFetch([reply(400), wrongProtocol()])
    const c = new RegistryClient(parseImage('127.0.0.1:8080/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'http://127.0.0.1:8080',
      fallbackBaseUrl: 'https://127.0.0.1:8080',
      sleep: async () => {}
    })
    await expect(c.login()).rejects.toThrow(
      '127.0.0.1:8080 answered 400 to GET /v2/; is it an OCI registry?'
    )
  })

  it.each<[string, Reply[]]>([
    ['a 404', [reply(404)]],
    [
      'a refused connection',
      Array.from(
        { length: 5 },
        () =>
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
          })
      )
    ]
  ])('does not try the other protocol after %s', async (_, script) => {
    const f = fakeFetch(script)
    const c = new RegistryClient(parseImage('127.0.0.1:8080/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'http://127.0.0.1:8080',
      fallbackBaseUrl: 'https://127.0.0.1:8080',
      sleep: async () => {}
    })
    await expect(c.login()).rejects.toThrow(
      /^127\.0\.0\.1:8080 answered 404|^GET http:\/\/127\.0\.0\.1:8080\/v2\/ failed after 5 attempts: connect ECONNREFUSED/
    )
    expect(f.requests.every(r => r.url.startsWith('http:'))).toBe(true)
  })

  it('tries https after plain http had its connection closed, and reports a silence there', async () => {
    const clock = fakeClock()
    const closed = (): Error =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
      })
    const f = fakeFetch([...Array.from({ length: 5 }, closed), silence(clock, 60_000)])
    const c = new RegistryClient(parseImage('127.0.0.1:8080/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'http://127.0.0.1:8080',
      fallbackBaseUrl: 'https://127.0.0.1:8080',
      now: clock.now,
      sleep: clock.sleep
    })
    await expect(c.login()).rejects.toThrow(
      /^127\.0\.0\.1:8080 did not answer GET \/v2\/ within 60 s/
    )
    expect(f.requests.at(-1)!.url).toBe('https://127.0.0.1:8080/v2/')
  })

  it('does not fall back after a silence', async () => {
    const clock = fakeClock()
    const f = fakeFetch([silence(clock, 60_000)])
    const c = new RegistryClient(parseImage('127.0.0.1:8080/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'http://127.0.0.1:8080',
      fallbackBaseUrl: 'https://127.0.0.1:8080',
      now: clock.now,
      sleep: clock.sleep
    })
    await expect(c.login()).rejects.toThrow(/did not answer GET \/v2\/ within 60 s/)
    expect(f.requests).toHaveLength(1)
  })
})

describe('cancelling an upload', () => {
  it('stops between attempts when its signal is aborted, with the reason, and sends nothing more', async () => {
    const cancel = new AbortController()
    const reason = new Error('another upload failed')
    const f = fakeFetch([
      () => {
        cancel.abort(reason)
        return reply(503)
      }
    ])
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: BASE,
      sleep: async () => {}
    })
    await expect(c.uploadBlob(blob, undefined, cancel.signal)).rejects.toBe(reason)
    expect(f.requests).toHaveLength(1)
  })

  it('passes the signal to every request it sends', async () => {
    const cancel = new AbortController()
    const seen: (AbortSignal | undefined)[] = []
    const fetch = (async (_url: string, init?: RequestInit) => {
      seen.push(init?.signal ?? undefined)
      return reply(200)
    }) as Fetch
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch,
      logger: fakeLogger(),
      baseUrl: BASE
    })
    await c.uploadBlob(blob, undefined, cancel.signal)
    expect(seen).toEqual([cancel.signal])
  })
})

describe('https to a plain-http registry', () => {
  it('says so without OpenSSL’s internals, and names the inputs that fix it', async () => {
    const f = fakeFetch([
      new TypeError('fetch failed', {
        cause: Object.assign(
          new Error(
            '803C6B35707F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n'
          ),
          { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }
        )
      })
    ])
    const c = new RegistryClient(parseImage('reg.example:5000/acme/app'), {
      fetch: f.fetch,
      logger: fakeLogger(),
      baseUrl: 'https://reg.example:5000',
      tls: { caFile: '/ca.pem' }
    })
    await expect(c.login()).rejects.toThrow(
      new Error(
        'reg.example:5000 does not speak https: the TLS handshake for GET /v2/ got a plain answer. If it serves plain http, set insecure-registry: true and leave registry-ca-file empty.'
      ).message
    )
    expect(f.requests).toHaveLength(1)
  })
})

describe('RegistryClient.listTags', () => {
  it('reads every page the Link header names, and none from another host', async () => {
    const { c, requests } = client([
      reply(
        200,
        { link: '</v2/acme/app/tags/list?n=1000&last=b>; rel="next"' },
        JSON.stringify({ name: 'acme/app', tags: ['a', 'b'] })
      ),
      reply(
        200,
        { link: '<https://elsewhere.example/v2/acme/app/tags/list?last=c>; rel="next"' },
        JSON.stringify({ name: 'acme/app', tags: ['c'] })
      )
    ])
    expect(await c.listTags()).toEqual(['a', 'b', 'c'])
    expect(calls(requests)).toEqual([
      `GET ${BASE}/v2/acme/app/tags/list?n=1000`,
      `GET ${BASE}/v2/acme/app/tags/list?n=1000&last=b`
    ])
  })

  it('gives no tags for a repository the registry does not know (404 NAME_UNKNOWN), and tags: null as none', async () => {
    expect(
      await client([reply(404, {}, '{"errors":[{"code":"NAME_UNKNOWN"}]}')]).c.listTags()
    ).toEqual([])
    expect(await client([reply(200, {}, '{"name":"acme/app","tags":null}')]).c.listTags()).toEqual(
      []
    )
  })
})

describe('RegistryClient.listTags: the page limit', () => {
  /** A registry whose every page of tags links to a next one, up to pages (then the list ends). */
  function paging(pages: number) {
    let n = 0
    const fetch = (async () => {
      n++
      const next = `</v2/acme/app/tags/list?n=1000&last=t${n}>; rel="next"`
      const link: Record<string, string> = n < pages ? { link: next } : {}
      return reply(200, link, JSON.stringify({ name: 'acme/app', tags: [`t${n}`] }))
    }) as Fetch
    const c = new RegistryClient(parseImage('localhost:5000/acme/app'), {
      fetch,
      logger: fakeLogger(),
      baseUrl: BASE
    })
    return { c, requests: () => n }
  }

  it('fails when a next page is still named after 1000 pages, instead of returning part of the list', async () => {
    const { c, requests } = paging(Infinity)
    await expect(c.listTags()).rejects.toThrow(
      new RegistryError(
        'localhost:5000 listed more than 1000 pages of tags for acme/app (1000 tags, and a Link to more); the ' +
          `list was not read to its end. Delete old tags, or check that the registry's Link rel="next" does not ` +
          'lead back to a page already read.'
      )
    )
    expect(requests()).toBe(1000)
  })

  it('reads a list of exactly 1000 pages to its end', async () => {
    const { c } = paging(1000)
    const tags = await c.listTags()
    expect(tags).toHaveLength(1000)
    expect(tags.at(-1)).toBe('t1000')
  })
})

describe('credentials and the token realm', () => {
  const bearer = (realm: string): Response =>
    reply(401, { 'www-authenticate': `Bearer realm="${realm}",service="reg"` })
  const creds = { username: 'u', password: 'p' }

  it('sends no credentials to a plain-http realm on another host, and names the realm and the fix', async () => {
    const { c, requests } = client([bearer('http://auth.example/token')], creds)
    const err = (await c.login().catch((e: unknown) => e)) as Error
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toBe(
      'registry-username/registry-password: localhost:5000 names the token realm http://auth.example/token in ' +
        'its Bearer challenge, which is not https, so the credentials were not sent to it. Serve the token server ' +
        "over https (the registry's token realm setting), or push anonymously to a registry that needs no credentials."
    )
    // The ping alone: nothing went to the realm.
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`])
  })

  it('keeps a refresh token (docker login’s identity token) from a plain-http realm too', async () => {
    const { c, requests } = client([bearer('http://auth.example/token')], {
      username: '<token>',
      password: '',
      identityToken: 'refresh-xyz'
    })
    await expect(c.login()).rejects.toThrow(/names the token realm http:\/\/auth\.example\/token/)
    expect(requests).toHaveLength(1)
  })

  it.each(['https://auth.example/token', 'http://127.0.0.1:5001/token', 'http://localhost/token'])(
    'sends them to %s (https, or plain http on this machine)',
    async realm => {
      const { c, requests } = client(
        [bearer(realm), reply(200, {}, JSON.stringify({ token: 'tk' })), reply(200)],
        creds
      )
      await c.login()
      expect(requests[1]!.url.startsWith(realm)).toBe(true)
      expect(requests[1]!.headers.authorization).toBe(
        `Basic ${Buffer.from('u:p').toString('base64')}`
      )
    }
  )

  it('asks a plain-http realm elsewhere for an anonymous token: without credentials there is nothing to expose', async () => {
    const { c, requests } = client([
      bearer('http://auth.example/token'),
      reply(200, {}, JSON.stringify({ token: 'anon' })),
      reply(200)
    ])
    await c.login()
    expect(requests[1]!.headers.authorization).toBeUndefined()
    expect(requests[2]!.headers.authorization).toBe('Bearer anon')
  })
})
