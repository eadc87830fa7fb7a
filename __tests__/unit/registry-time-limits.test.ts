// The registry client's time limits: a silent registry fails within registry-timeout and the request's budget,
// and one that keeps failing gives up after the policy's attempts, saying how many and how long.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import type { ClientOptions } from '../../src/registry/client.js'
import { RegistryError } from '../../src/registry/errors.js'
import { fakeClock, scriptedClient, silence, type FakeClock } from '../registry-client.js'
import { reply, type Reply } from './helpers.js'

/** A client on a fake clock that only the script's silences and the client's waits move. */
function timedClient(
  script: Reply[] | ((clock: FakeClock) => Reply[]),
  o: Partial<ClientOptions> = {}
) {
  const clock = fakeClock()
  const replies = typeof script === 'function' ? script(clock) : script
  return { ...scriptedClient(replies, { ...o, now: clock.now, sleep: clock.sleep }), clock }
}

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))

describe('time limits: a silent registry', () => {
  it('fails the login after one silence of the default 60 s, naming the host, the request and the limit', async () => {
    const { client, requests, clock } = timedClient(clock =>
      Array.from({ length: 10 }, () => silence(clock, 60_000))
    )
    const err = await client.login().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as Error).message).toBe(
      'localhost:5000 did not answer GET /v2/ within 60 s (registry-timeout); gave up after 1 attempt in 60 s. ' +
        'Check that localhost:5000 is up and reachable from this machine, or raise registry-timeout for a slow registry.'
    )
    expect(requests).toHaveLength(1)
    expect(clock.now()).toBeLessThanOrEqual(120_000)
  })

  it('retries short silences within the budget: five attempts of 2 s and the backoff between them', async () => {
    const { client, requests, clock } = timedClient(
      clock => Array.from({ length: 10 }, () => silence(clock, 2000)),
      {
        timeoutMs: 2000
      }
    )
    await expect(client.login()).rejects.toThrow(
      'localhost:5000 did not answer GET /v2/ within 2 s (registry-timeout); gave up after 5 attempts in 17.5 s.'
    )
    expect(requests).toHaveLength(5)
    expect(clock.now()).toBe(5 * 2000 + 500 + 1000 + 2000 + 4000)
  })

  it('bounds a large registry-timeout by one silence: no second attempt that could not end within the budget', async () => {
    const { client, requests } = timedClient(
      clock => Array.from({ length: 10 }, () => silence(clock, 300_000)),
      { timeoutMs: 300_000 }
    )
    await expect(client.login()).rejects.toThrow(
      /within 300 s \(registry-timeout\); gave up after 1 attempt in 300 s/
    )
    expect(requests).toHaveLength(1)
  })

  it('fails a blob PUT that goes silent without a fresh session that could not end within the budget', async () => {
    const { client, requests, clock } = timedClient(clock => [
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      silence(clock, 60_000)
    ])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      /^localhost:5000 did not answer PUT \/v2\/acme\/app\/blobs\/uploads\/u within 60 s \(registry-timeout\)/
    )
    expect(requests).toHaveLength(3)
    expect(clock.now()).toBe(60_000)
  })

  it('does not hold the time a PUT spent sending against the budget', async () => {
    const { client } = timedClient(clock => [
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/1' }),
      (): Response => {
        clock.advance(200_000)
        return reply(503)
      },
      reply(202, { location: '/v2/acme/app/blobs/uploads/2' }),
      reply(201)
    ])
    await expect(client.uploadBlob(blob)).resolves.toBe('uploaded')
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
    const { client } = timedClient([stalled])
    await expect(client.getManifest('v1')).rejects.toThrow(
      'localhost:5000 stopped sending its answer to GET /v2/acme/app/manifests/v1 (HTTP 200) for 60 s (registry-timeout).'
    )
  })
})

describe('time limits: a registry that keeps failing', () => {
  it('gives up on a 503 forever after five attempts, and says so with the count', async () => {
    const { client, requests, clock } = timedClient(Array.from({ length: 10 }, () => reply(503)))
    await expect(client.login()).rejects.toThrow(
      new RegistryError(
        "localhost:5000 answered HTTP 503 to GET /v2/ 5 times in 7.5 s; the registry is unavailable. Try again later, or check the registry's status."
      )
    )
    expect(requests).toHaveLength(5)
    expect(clock.now()).toBe(7500)
  })

  it('stops honouring Retry-After when the next wait would carry past the budget', async () => {
    const { client, requests, clock } = timedClient(
      Array.from({ length: 10 }, () => reply(503, { 'retry-after': '30' }))
    )
    await expect(client.login()).rejects.toThrow(/answered HTTP 503 to GET \/v2\/ 2 times in 30 s/)
    // 30 s waited, and another 30 s plus one silence of 60 s would pass the 90 s budget.
    expect(requests).toHaveLength(2)
    expect(clock.now()).toBe(30_000)
  })

  it('names the token server, its answer and the count when it answers 500 forever', async () => {
    const { client, requests } = timedClient([
      reply(401, {
        'www-authenticate': 'Bearer realm="http://auth.example:8080/token",service="s"'
      }),
      ...Array.from({ length: 10 }, () => reply(500))
    ])
    await expect(client.login()).rejects.toThrow(
      new RegistryError(
        'The token server auth.example:8080 (named by the Bearer challenge of localhost:5000) answered HTTP 500 to GET /token 5 times in 7.5 s. ' +
          'It is failing, not refusing the credentials: try again later, or check the token server.'
      )
    )
    expect(requests).toHaveLength(6)
  })

  it('names the count of fresh sessions when every blob PUT fails', async () => {
    const session = (n: number) => reply(202, { location: `/v2/acme/app/blobs/uploads/${n}` })
    const { client } = timedClient([
      reply(404),
      ...[1, 2, 3, 4, 5].flatMap(n => [session(n), reply(502)])
    ])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 502 after 5 attempts in 7.5 s; the registry kept failing, so nothing was tagged. Try again later.`
    )
  })
})
