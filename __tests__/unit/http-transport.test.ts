// The HTTP layer's transport: its time limits and TLS classification, against loopback sockets with tiny timeouts.
import { afterEach, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { otherProtocol, SilenceError, timeoutKind, tlsFailure } from '../../src/http/errors.js'
import { httpTransport as registryFetch } from '../../src/http/transport.js'

const servers: net.Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))))
})

/** A TCP server on 127.0.0.1 running onSocket for each connection; its sockets are destroyed at the end. */
async function server(onSocket: (s: net.Socket) => void): Promise<string> {
  const sockets: net.Socket[] = []
  const s = net.createServer(sock => {
    sockets.push(sock)
    onSocket(sock)
  })
  s.on('close', () => sockets.forEach(x => x.destroy()))
  const close = s.close.bind(s)
  s.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach(x => x.destroy())
    return close(cb)
  }) as typeof s.close
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  servers.push(s)
  return `127.0.0.1:${(s.address() as net.AddressInfo).port}`
}

const LIMIT = 300

describe('registryFetch time limits', () => {
  it('fails a request the server accepts and never answers, after the limit', async () => {
    const host = await server(() => {})
    const start = Date.now()
    const err = await registryFetch({ timeoutMs: LIMIT })(`http://${host}/v2/`).catch(
      (e: unknown) => e
    )
    const took = Date.now() - start
    expect(err).toBeInstanceOf(SilenceError)
    expect(timeoutKind(err)).toBe('answer')
    expect((err as Error).message).toBe(`no answer within ${LIMIT} ms`)
    expect(took).toBeGreaterThanOrEqual(LIMIT - 20)
    expect(took).toBeLessThan(LIMIT + 1500)
  })

  it('keeps an upload alive while the server keeps reading, for longer than the limit', async () => {
    const body = randomBytes(64 * 2 ** 20)
    // A limit well above a loaded CI machine's scheduling hiccups: only a timer that ignores progress trips it.
    const limit = 1000
    // The server pauses a moment after each read through most of the body, so the upload outlasts the limit
    // while the connection keeps taking chunks; the rest it reads at full speed, so the end never waits on a
    // slow drain of what socket buffers hold. (Much slower readers stall the sender for longer: the receiver
    // only reopens its window once a good part of its buffer is free.)
    const slow = 56 * 2 ** 20
    let received = Buffer.alloc(0)
    const host = await server(s => {
      const chunks: Buffer[] = []
      let got = 0
      s.on('data', d => {
        chunks.push(d)
        got += d.length
        if (got < slow) {
          s.pause()
          setTimeout(() => s.resume(), 3)
        }
        if (got >= body.length + 100) {
          // Answer first: joining 64 MB is the test's own work, not the server's silence.
          s.end('HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
          received = Buffer.concat(chunks)
        }
      })
    })
    const start = Date.now()
    const res = await registryFetch({ timeoutMs: limit })(`http://${host}/put`, {
      method: 'PUT',
      body
    })
    const took = Date.now() - start
    expect(res.status).toBe(201)
    const split = received.indexOf('\r\n\r\n')
    const head = received.subarray(0, split).toString().toLowerCase()
    expect(head).toMatch(/^put \/put http\/1.1\r\n/)
    expect(head).toContain(`content-length: ${body.length}`)
    expect(head).not.toContain('transfer-encoding')
    expect(received.subarray(split + 4).equals(body)).toBe(true)
    // Longer than the limit: a timer that ignored progress would have failed it.
    expect(took).toBeGreaterThan(limit)
  })
})

describe('registryFetch: more silences', () => {
  it('fails an upload the server stops reading, saying it stopped reading', async () => {
    const host = await server(s => s.pause())
    const err = await registryFetch({ timeoutMs: LIMIT })(`http://${host}/put`, {
      method: 'PUT',
      body: Buffer.alloc(64 * 2 ** 20)
    }).catch((e: unknown) => e)
    expect(timeoutKind(err)).toBe('send')
    expect((err as Error).message).toBe(`the server stopped reading the request for ${LIMIT} ms`)
  })

  it('fails the body of an answer that stops half-way, with undici’s body timeout', async () => {
    const host = await server(s =>
      s.once('data', () => s.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'))
    )
    // 1 s, not LIMIT: the same limit first covers the wait for the head, which a loaded machine can stretch past
    // 300 ms (seen in CI); the test is about the silence after it.
    const res = await registryFetch({ timeoutMs: 1000 })(`http://${host}/v2/`)
    expect(res.status).toBe(200)
    const err = await res.text().catch((e: unknown) => e)
    expect(timeoutKind(err)).toBe('body')
  })

  it('stops at once when the caller aborts, with the caller’s reason', async () => {
    const host = await server(() => {})
    const cancel = new AbortController()
    const reason = new Error('another upload failed')
    setTimeout(() => cancel.abort(reason), 50)
    const start = Date.now()
    const err = await registryFetch({ timeoutMs: 10_000 })(`http://${host}/v2/`, {
      signal: cancel.signal
    }).catch((e: unknown) => e)
    expect(err).toBe(reason)
    expect(Date.now() - start).toBeLessThan(2000)
  })

  it('sees https to a plain-http port as the wrong protocol, not a certificate problem', async () => {
    const host = await server(s =>
      s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'))
    )
    const err = await registryFetch({ timeoutMs: 5000 })(`https://${host}/v2/`).catch(
      (e: unknown) => e
    )
    expect(tlsFailure(err)).toBe('protocol')
    expect(timeoutKind(err)).toBeUndefined()
  })
})

describe('tlsFailure', () => {
  const failed = (code: string, message = 'x'): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'certificate'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'certificate'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'certificate'],
    ['CERT_HAS_EXPIRED', 'certificate'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'certificate'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'protocol'],
    ['ECONNRESET', undefined],
    ['ECONNREFUSED', undefined],
    ['UND_ERR_SOCKET', undefined]
  ])('%s -> %s', (code, kind) => expect(tlsFailure(failed(code))).toBe(kind))

  it('reads OpenSSL’s message when the code is generic', () =>
    expect(tlsFailure(failed('EPROTO', 'ssl3_get_record:wrong version number'))).toBe('protocol'))
})

describe('timeoutKind', () => {
  const failed = (code: string): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) })
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
    ['UND_ERR_HEADERS_TIMEOUT', 'answer'],
    ['UND_ERR_BODY_TIMEOUT', 'body'],
    ['ECONNRESET', undefined]
  ])('%s -> %s', (code, kind) => expect(timeoutKind(failed(code))).toBe(kind))
})

describe('otherProtocol', () => {
  const failed = (code: string, message = 'x'): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })
  it.each([
    ['ERR_SSL_WRONG_VERSION_NUMBER', true],
    ['UND_ERR_SOCKET', true],
    ['ECONNRESET', true],
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['UND_ERR_CONNECT_TIMEOUT', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false]
  ])('%s -> %s', (code, yes) => expect(otherProtocol(failed(code))).toBe(yes))
})
