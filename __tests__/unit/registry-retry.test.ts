// The registry client's retry layer: the one policy (src/http/policy.ts) per request, with its count, backoff and
// Retry-After; redirects without credentials; cancelling. Its budget and silences: registry-time-limits.test.ts.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import type { Fetch } from '../../src/ports.js'
import { RegistryError } from '../../src/registry/errors.js'
import { followRedirects } from '../../src/registry/retry.js'
import { BASE, IMAGE, calls, registryClient, scriptedClient } from '../registry-client.js'
import { fakeFetch, reply } from './helpers.js'

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))
const blobUrl = `${BASE}/v2/acme/app/blobs/${blob.digest}`
const uploadsUrl = `${BASE}/v2/acme/app/blobs/uploads/`

describe('retries', () => {
  it('retries a 503, waiting the backoff, and keeps the query out of the log', async () => {
    const { client, requests, sleeps, logger } = scriptedClient([
      reply(503),
      reply(404),
      reply(503, { 'retry-after': '3' }),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u?_state=secret' }),
      reply(201)
    ])
    await expect(client.uploadBlob(blob)).resolves.toBe('uploaded')
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

  it('retries a dropped connection', async () => {
    const reset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    const { client, requests, logger } = scriptedClient([reset, reply(200)])
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(requests).toHaveLength(2)
    expect(logger.lines).toEqual([`HEAD ${blobUrl}: ECONNRESET; retrying in 500 ms`])
  })

  it('gives up after the bounded number of attempts', async () => {
    const { client, requests, sleeps } = scriptedClient([reply(503), reply(503), reply(503)], {
      attempts: 3
    })
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      new RegistryError(
        `localhost:5000: HEAD blob ${blob.digest} failed with HTTP 503 after 3 attempts in 0 s; ` +
          'the registry kept failing, so nothing was tagged. Try again later.'
      )
    )
    expect(requests).toHaveLength(3)
    expect(sleeps).toEqual([500, 1000])
  })

  it('does not retry a 400', async () => {
    const { client, requests, sleeps } = scriptedClient([reply(404), reply(400)])
    const err = await client.uploadBlob(blob).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as RegistryError).message).toBe(
      `localhost:5000: start upload of ${blob.digest} failed with HTTP 400.`
    )
    expect((err as RegistryError).status).toBe(400)
    expect(calls(requests)).toEqual([`HEAD ${blobUrl}`, `POST ${uploadsUrl}`])
    expect(sleeps).toEqual([])
  })

  it('retries the token server on a 503 and a dropped connection', async () => {
    const { client, requests, sleeps } = scriptedClient([
      reply(401, { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' }),
      reply(503, { 'retry-after': '2' }),
      new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'socket hang up' } }),
      reply(200, {}, JSON.stringify({ token: 't' })),
      reply(200)
    ])
    await client.login()
    expect(requests.filter(r => r.url.startsWith('https://auth.example/'))).toHaveLength(3)
    expect(sleeps).toEqual([2000, 1000])
    expect(requests[4]!.headers.authorization).toBe('Bearer t')
  })
})

describe('redirects', () => {
  const basicLogin = [reply(401, { 'www-authenticate': 'Basic realm="x"' }), reply(200)]
  const creds = { username: 'bot', password: 'pw' }

  it('follows a redirect to blob storage without sending credentials there', async () => {
    const { client, requests } = scriptedClient(
      [...basicLogin, reply(307, { location: 'http://cdn.example/blob?sig=1' }), reply(200)],
      { credentials: creds }
    )
    await client.login()
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(calls(requests).slice(2)).toEqual([
      `HEAD ${blobUrl}`,
      'HEAD http://cdn.example/blob?sig=1'
    ])
    expect(requests[2]!.headers.authorization).toMatch(/^Basic /)
    expect(requests[3]!.headers).not.toHaveProperty('authorization')
  })

  // The redirect rules of the Fetch standard that followRedirects keeps while following by hand.
  const auth = { authorization: 'Bearer t' }
  const body = Buffer.from('form')

  it('turns a POST into a GET without its body after a 303, and keeps a HEAD a HEAD', async () => {
    const post = fakeFetch([reply(303, { location: '/done' }), reply(200)])
    await followRedirects(post.fetch, 'POST', `${BASE}/start`, auth, body)
    expect(calls(post.requests)).toEqual([`POST ${BASE}/start`, `GET ${BASE}/done`])
    expect(post.requests[0]!.body?.equals(body)).toBe(true)
    expect(post.requests[1]!.body).toBeUndefined()
    const head = fakeFetch([reply(303, { location: '/done' }), reply(200)])
    await followRedirects(head.fetch, 'HEAD', `${BASE}/start`, auth)
    expect(calls(head.requests)).toEqual([`HEAD ${BASE}/start`, `HEAD ${BASE}/done`])
  })

  it('repeats the method and body after a 307 or 308, keeping credentials on the same host', async () => {
    const f = fakeFetch([
      reply(307, { location: '/b' }),
      reply(308, { location: '/c' }),
      reply(201)
    ])
    const res = await followRedirects(f.fetch, 'PUT', `${BASE}/a`, auth, body)
    expect(res.status).toBe(201)
    expect(
      f.requests.map(r => [r.method, r.url, r.headers.authorization, r.body?.toString()])
    ).toEqual([
      ['PUT', `${BASE}/a`, 'Bearer t', 'form'],
      ['PUT', `${BASE}/b`, 'Bearer t', 'form'],
      ['PUT', `${BASE}/c`, 'Bearer t', 'form']
    ])
  })

  it('gives a sixth redirect back as the answer instead of following redirects forever', async () => {
    const f = fakeFetch(
      Array.from({ length: 7 }, (_, i) => reply(302, { location: `/hop${i + 1}` }))
    )
    const res = await followRedirects(f.fetch, 'GET', `${BASE}/hop0`, {})
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/hop6')
    expect(f.requests).toHaveLength(6)
  })

  it('does not follow the Location of an upload session (202) or of a redirect without one', async () => {
    const session = fakeFetch([reply(202, { location: '/v2/acme/app/blobs/uploads/u' })])
    expect((await followRedirects(session.fetch, 'POST', `${BASE}/up`, {})).status).toBe(202)
    const bare = fakeFetch([reply(302)])
    expect((await followRedirects(bare.fetch, 'GET', `${BASE}/x`, {})).status).toBe(302)
    expect(session.requests.length + bare.requests.length).toBe(2)
  })
})

describe('requests without the registry’s authorization (auth: false)', () => {
  it('sends no Authorization after a login, and gives a 401 back unanswered', async () => {
    const { client, requests } = scriptedClient(
      [
        reply(401, { 'www-authenticate': 'Basic realm="x"' }),
        reply(200),
        reply(401, { 'www-authenticate': 'Basic realm="x"' })
      ],
      { credentials: { username: 'bot', password: 'pw' } }
    )
    await client.login()
    const res = await client.send('GET', `${BASE}/v2/`, { auth: false })
    expect(res.status).toBe(401)
    expect(requests).toHaveLength(3)
    expect(requests[1]!.headers.authorization).toMatch(/^Basic /)
    expect(requests[2]!.headers).not.toHaveProperty('authorization')
  })
})

describe('cancelling an upload', () => {
  it('stops between attempts when its signal is aborted, with the reason, and sends nothing more', async () => {
    const cancel = new AbortController()
    const reason = new Error('another upload failed')
    const { client, requests } = scriptedClient([
      () => {
        cancel.abort(reason)
        return reply(503)
      }
    ])
    await expect(client.uploadBlob(blob, undefined, cancel.signal)).rejects.toBe(reason)
    expect(requests).toHaveLength(1)
  })

  it('passes the signal to every request it sends', async () => {
    const cancel = new AbortController()
    const seen: (AbortSignal | undefined)[] = []
    const fetch = (async (_url: string, init?: RequestInit) => {
      seen.push(init?.signal ?? undefined)
      return reply(200)
    }) as Fetch
    const { client } = registryClient(IMAGE, { fetch })
    await client.uploadBlob(blob, undefined, cancel.signal)
    expect(seen).toEqual([cancel.signal])
  })
})
