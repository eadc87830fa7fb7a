// The registry client's ping: GET /v2/, the other protocol when the answer shows the registry speaks that, the
// insecure-registry warning, and what a ping that met a TLS or protocol mistake, or a silence, says.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import type { ClientOptions } from '../../src/registry/client.js'
import {
  BASE,
  calls,
  fakeClock,
  registryClient,
  scriptedClient,
  silence
} from '../registry-client.js'
import { fakeFetch, reply, type Reply } from './helpers.js'

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))

describe('RegistryClient.login: the ping', () => {
  const creds = { username: 'bot', password: 's3cr3t-pass' }

  it('is done after one ping when the registry is open', async () => {
    const { client, requests } = scriptedClient([reply(200)], { credentials: creds })
    await client.login()
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`])
    expect(requests[0]!.headers.authorization).toBeUndefined()
  })

  it('rejects a registry that does not answer like one', async () => {
    const { client } = scriptedClient([reply(404)])
    await expect(client.login()).rejects.toThrow(
      'localhost:5000 answered 404 to GET /v2/; is it an OCI registry?'
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

  const tlsClient = (script: Reply[], o: Partial<ClientOptions> = {}) =>
    scriptedClient(script, {
      image: 'reg.example:5443/acme/app',
      baseUrl: 'https://reg.example:5443',
      ...o
    })
  /** A loopback registry's port that the client tries over plain http first, then https. */
  const loopbackClient = (port: number, script: Reply[], o: Partial<ClientOptions> = {}) =>
    scriptedClient(script, {
      image: `127.0.0.1:${port}/acme/app`,
      fallbackBaseUrl: `https://127.0.0.1:${port}`,
      ...o
    })

  it('fails at once on an untrusted certificate, naming both inputs', async () => {
    const { client, requests } = tlsClient([certError()])
    await expect(client.login()).rejects.toThrow(
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
    const { client } = tlsClient([node24])
    const err = await client.login().then(
      () => undefined,
      (e: unknown) => e
    )
    expect((err as Error).message).toBe(
      'reg.example:5443 presented a TLS certificate this machine does not trust (self-signed certificate) for GET /v2/. ' +
        'Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true to accept it unverified.'
    )
  })

  it('says the registry-ca-file does not hold the CA when one is set', async () => {
    const { client } = tlsClient([certError()], { tls: { caFile: '/ca/reg.pem' } })
    await expect(client.login()).rejects.toThrow(
      'registry-ca-file (/ca/reg.pem) does not hold the CA that signed it: point registry-ca-file at that CA'
    )
  })

  it('falls back to http for an insecure registry that does not speak https, with a warning', async () => {
    const { client, requests, logger } = tlsClient([wrongProtocol(), reply(200), reply(200)], {
      fallbackBaseUrl: 'http://reg.example:5443',
      tls: { insecure: true }
    })
    await client.login()
    await expect(client.blobExists(blob.digest)).resolves.toBe(true)
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
    const { client, logger } = tlsClient([reply(200)], { tls: { insecure: true } })
    await client.login()
    expect(logger.lines).toEqual([
      "insecure-registry: true: its TLS certificate is not verified, so anyone on the network path to reg.example:5443 can read and change what is pushed. Prefer registry-ca-file with the registry's CA certificate."
    ])
  })

  it('tries https for a loopback port that answers plain http with 400, and names both inputs when its certificate is untrusted', async () => {
    const { client, requests } = loopbackClient(5443, [
      reply(400, {}, 'Client sent an HTTP request to an HTTPS server.\n'),
      certError()
    ])
    await expect(client.login()).rejects.toThrow(
      /^127\.0\.0\.1:5443 presented a TLS certificate .* Set registry-ca-file .* or insecure-registry: true/
    )
    expect(calls(requests)).toEqual([
      'GET http://127.0.0.1:5443/v2/',
      'GET https://127.0.0.1:5443/v2/'
    ])
  })

  it('keeps the first answer when the fallback does not speak the other protocol either', async () => {
    const { client } = loopbackClient(8080, [reply(400), wrongProtocol()])
    await expect(client.login()).rejects.toThrow(
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
    const { client, requests } = loopbackClient(8080, script)
    await expect(client.login()).rejects.toThrow(
      /^127\.0\.0\.1:8080 answered 404|^GET http:\/\/127\.0\.0\.1:8080\/v2\/ failed after 5 attempts: connect ECONNREFUSED/
    )
    expect(requests.every(r => r.url.startsWith('http:'))).toBe(true)
  })

  it('tries https after plain http had its connection closed, and reports a silence there', async () => {
    const clock = fakeClock()
    const closed = (): Error =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
      })
    const { client, requests } = loopbackClient(
      8080,
      [...Array.from({ length: 5 }, closed), silence(clock, 60_000)],
      { now: clock.now, sleep: clock.sleep }
    )
    await expect(client.login()).rejects.toThrow(
      /^127\.0\.0\.1:8080 did not answer GET \/v2\/ within 60 s/
    )
    expect(requests.at(-1)!.url).toBe('https://127.0.0.1:8080/v2/')
  })

  it('does not fall back after a silence', async () => {
    const clock = fakeClock()
    const { client, requests } = loopbackClient(8080, [silence(clock, 60_000)], {
      now: clock.now,
      sleep: clock.sleep
    })
    await expect(client.login()).rejects.toThrow(/did not answer GET \/v2\/ within 60 s/)
    expect(requests).toHaveLength(1)
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
    const { client } = registryClient('reg.example:5000/acme/app', {
      fetch: f.fetch,
      baseUrl: 'https://reg.example:5000',
      tls: { caFile: '/ca.pem' }
    })
    await expect(client.login()).rejects.toThrow(
      new Error(
        'reg.example:5000 does not speak https: the TLS handshake for GET /v2/ got a plain answer. If it serves plain http, set insecure-registry: true and leave registry-ca-file empty.'
      ).message
    )
    expect(f.requests).toHaveLength(1)
  })
})
