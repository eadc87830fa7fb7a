// The HTTP layer against real sockets on 127.0.0.1: bodies that end with the connection while the reader is slow
// (nodejs/undici#5360), TLS trust per host, fresh connections after a silence, and the budget and messages of a
// service's requests (GitHub's API through Octokit among them).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { tlsFailure } from '../../src/http/errors.js'
import { githubOctokit } from '../../src/http/github.js'
import { GaveUp, serviceFetch } from '../../src/http/retry.js'
import { hostMatches, httpTransport } from '../../src/http/transport.js'
import { selfSignedCert } from '../self-signed.js'
import { startSilentServer, type SilentServer } from '../silent-server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(c => c()))
})

/** A TCP server on 127.0.0.1 running onSocket for each connection; its sockets are destroyed at the end. */
async function tcpServer(onSocket: (s: net.Socket, n: number) => void): Promise<string> {
  const sockets = new Set<net.Socket>()
  let n = 0
  const s = net.createServer(sock => {
    sockets.add(sock)
    sock.on('error', () => undefined)
    onSocket(sock, n++)
  })
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  closers.push(
    () =>
      new Promise(r => {
        sockets.forEach(x => x.destroy())
        s.close(() => r())
      })
  )
  return `127.0.0.1:${(s.address() as net.AddressInfo).port}`
}

const pause = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/** Reads a body the way a slow consumer does: a pause after every chunk, so the parser meets backpressure. */
async function slowRead(res: Response): Promise<number> {
  const reader = res.body!.getReader()
  let n = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return n
    n += value.byteLength
    await pause(1)
  }
}

describe('a body that ends with the connection while the reader is slow (nodejs/undici#5360)', () => {
  // 4 MiB read slowly: the parser is paused by backpressure when the FIN arrives. undici before 8.6.0 crashed the
  // whole process here, on every round, with an uncatchable AssertionError (assert(!this.paused) in
  // Parser.finish); python3 -m http.server serves Go's mirror files this way.
  const BODY = Buffer.alloc(4 * 2 ** 20, 0x61)

  it.each([
    ['HTTP/1.0 without a length: the end of the connection ends the body', false],
    ['HTTP/1.0 with Content-Length and Connection: close', true]
  ])(
    '%s: every byte arrives, 10 times in a row',
    async (_what, withLength) => {
      const host = await tcpServer(s =>
        s.once('data', () => {
          s.write(
            `HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n` +
              `${withLength ? `Content-Length: ${BODY.length}\r\n` : ''}Connection: close\r\n\r\n`
          )
          s.end(BODY)
        })
      )
      const fetch = httpTransport({ timeoutMs: 10_000 })
      closers.push(() => fetch.close())
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`http://${host}/go.tar.gz`)
        // The reader starts late, after the server has sent everything and closed: the case that crashed.
        await pause(50)
        expect(await slowRead(res)).toBe(BODY.length)
      }
    },
    60_000
  )
})

describe('TLS per host', () => {
  let dir: string
  let cert: string
  let key: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gsi-tls-'))
    ;({ cert, key } = selfSignedCert(dir))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** An https server with that certificate; redirectTo makes it answer 302 to another URL. */
  async function tlsServer(redirectTo?: string): Promise<string> {
    const s = https.createServer(
      { cert: readFileSync(cert), key: readFileSync(key) },
      (req, res) => {
        if (redirectTo) res.writeHead(302, { location: redirectTo }).end()
        else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      }
    )
    await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise(r => (s.closeAllConnections(), s.close(() => r()))))
    return `127.0.0.1:${(s.address() as net.AddressInfo).port}`
  }

  it('skips certificate checks for the insecure host alone: not another port, not where it redirects', async () => {
    const other = await tlsServer()
    const registry = await tlsServer()
    const redirecting = await tlsServer(`https://${other}/blob`)
    const fetch = httpTransport({ timeoutMs: 5000, insecureHosts: [registry, redirecting] })
    closers.push(() => fetch.close())
    const res = await fetch(`https://${registry}/v2/`)
    expect(await res.text()).toBe('ok')
    // The same certificate on another port (a token server, a blob store) is checked, and refused.
    const direct = await fetch(`https://${other}/token`).catch((e: unknown) => e)
    expect(tlsFailure(direct)).toBe('certificate')
    // So is a redirect from the insecure host to it: the redirect goes through that host's own TLS options.
    const followed = await fetch(`https://${redirecting}/v2/x/blobs/sha256:0`).catch(
      (e: unknown) => e
    )
    expect(tlsFailure(followed)).toBe('certificate')
  })

  it('matches hosts by name and port; a bare name stands for the default ports', () => {
    const url = (u: string): URL => new URL(u)
    expect(hostMatches(url('https://reg.example:5000/v2/'), ['reg.example:5000'])).toBe(true)
    expect(hostMatches(url('https://reg.example:5001/v2/'), ['reg.example:5000'])).toBe(false)
    expect(hostMatches(url('https://REG.example/v2/'), ['reg.example'])).toBe(true)
    expect(hostMatches(url('http://reg.example/v2/'), ['reg.example'])).toBe(true)
    expect(hostMatches(url('https://reg.example:8443/v2/'), ['reg.example'])).toBe(false)
    expect(hostMatches(url('https://auth.reg.example/token'), ['reg.example'])).toBe(false)
    expect(hostMatches(url('https://[::1]:5000/v2/'), ['[::1]:5000'])).toBe(true)
    expect(hostMatches(url('https://reg.example/v2/'), [])).toBe(false)
  })
})

describe('a fresh connection after a silence', () => {
  /**
   * A server whose first connections answer once and then go dead (a NAT or load balancer that dropped them
   * without a word): a request on them is never answered. Later connections answer every request.
   */
  async function droppingServer(
    dead: number
  ): Promise<{ host: string; seen: () => number; unanswered: () => number }> {
    let count = 0
    let unanswered = 0
    const host = await tcpServer((s, n) => {
      count = n + 1
      let answered = 0
      s.on('data', () => {
        if (n < dead && answered > 0) {
          unanswered++
          return
        }
        answered++
        s.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok')
      })
    })
    return { host, seen: () => count, unanswered: () => unanswered }
  }

  it('drops the origin’s idle connections, so the retry does not meet another dead one', async () => {
    const { host, seen, unanswered } = await droppingServer(2)
    const transport = httpTransport({ timeoutMs: 300 })
    closers.push(() => transport.close())
    // Two requests at once open two connections, both kept alive (and then dead on the server's side).
    await Promise.all([1, 2].map(async () => (await transport(`http://${host}/a`)).text()))
    expect(seen()).toBe(2)
    const fetch = serviceFetch(transport, {
      service: 'A service',
      budgetMs: 5000,
      sleep: async () => undefined
    })
    const res = await fetch(`http://${host}/b`)
    expect(await res.text()).toBe('ok')
    // One attempt went silent on a dead connection; the next opened a new one rather than take the other dead
    // one from the pool (which would make two unanswered requests).
    expect(unanswered()).toBe(1)
    expect(seen()).toBe(3)
  })
})

describe('serviceFetch: a service that never answers', () => {
  let silent: SilentServer
  beforeAll(async () => {
    silent = await startSilentServer()
  })
  afterAll(() => silent.close())

  it('gives up within its budget, naming the service, the request, the limit and the count', async () => {
    const before = silent.connections
    const transport = httpTransport({ timeoutMs: 200 })
    closers.push(() => transport.close())
    const fetch = serviceFetch(transport, {
      service: "GitHub's attestations API",
      timeoutInput: 'registry-timeout',
      budgetMs: 2000,
      random: () => 0
    })
    const err = (await fetch(`${silent.url}/repos/acme/app/attestations`, {
      method: 'POST',
      body: '{}'
    }).catch((e: unknown) => e)) as GaveUp
    expect(err).toBeInstanceOf(GaveUp)
    expect(err.message).toMatch(
      new RegExp(
        `^GitHub's attestations API \\(${silent.host}\\) did not answer POST /repos/acme/app/attestations ` +
          `within 0\\.2 s \\(registry-timeout\\); gave up after (\\d) attempts in [\\d.]+ s$`
      )
    )
    const attempts = Number(/after (\d) attempts/.exec(err.message)![1])
    expect(attempts).toBeGreaterThan(1)
    expect(attempts).toBe(err.attempts)
    // Each attempt on a new connection (the policy's fresh connection after a silence).
    expect(silent.connections - before).toBe(attempts)
  })
})

describe('serviceFetch: retries', () => {
  it('retries a 503, waiting its Retry-After, then returns the answer', async () => {
    const statuses = [503, 200]
    const host = await new Promise<string>(resolve => {
      const s = http.createServer((_req, res) => {
        const status = statuses.shift() ?? 500
        res.writeHead(status, status === 503 ? { 'retry-after': '2' } : {}).end(String(status))
      })
      s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as net.AddressInfo).port}`))
      closers.push(() => new Promise(r => (s.closeAllConnections(), s.close(() => r()))))
    })
    const transport = httpTransport({ timeoutMs: 2000 })
    closers.push(() => transport.close())
    const sleeps: number[] = []
    const fetch = serviceFetch(transport, {
      service: 'A service',
      budgetMs: 10_000,
      sleep: async ms => void sleeps.push(ms)
    })
    const res = await fetch(`http://${host}/x`)
    expect(await res.text()).toBe('200')
    expect(sleeps).toEqual([2000])
  })
})

describe('githubOctokit', () => {
  /** The client of a GitHub API that never answers, on a transport with a 0.2 s registry-timeout. */
  async function silentGitHub() {
    const silent = await startSilentServer()
    closers.push(() => silent.close())
    const transport = httpTransport({ timeoutMs: 200 })
    closers.push(() => transport.close())
    return {
      silent,
      octokit: await githubOctokit('ghs_unit', { baseUrl: silent.url, fetch: transport })
    }
  }

  it('bounds every request of the client: a silent API ends in an error naming it and the limit', async () => {
    const { silent, octokit } = await silentGitHub()
    const err = (await octokit.rest.issues
      .listComments({ owner: 'acme', repo: 'app', issue_number: 7 })
      .catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(
      new RegExp(
        `^GitHub's API \\(${silent.host}\\) did not answer GET /repos/acme/app/issues/7/comments within ` +
          `0\\.2 s \\(registry-timeout\\); gave up after \\d attempts? in [\\d.]+ s$`
      )
    )
    expect(silent.requests[0]).toBe('GET /repos/acme/app/issues/7/comments HTTP/1.1')
  })

  it('holds all the client’s requests within one budget, so a comment ends within 150 s in all', async () => {
    // 0.5 s for the client: each request's first silence takes 0.2 s, so the third has less than one left.
    const { octokit } = await silentGitHub()
    const list = (): Promise<Error> =>
      octokit.rest.issues.listComments({ owner: 'acme', repo: 'app', issue_number: 7 }).then(
        () => new Error('answered'),
        (e: unknown) => e as Error
      )
    const errors = [await list(), await list(), await list()]
    expect(errors[0]!.message).toMatch(/did not answer GET .* within 0\.2 s/)
    expect(errors[2]!.message).toMatch(
      /^GitHub's API \(127\.0\.0\.1:\d+\) did not finish GET \/repos\/acme\/app\/issues\/7\/comments within its budget of 0(\.\d)? s;/
    )
  })

  it('talks to a GitHub API that answers, with the token', async () => {
    const seen: (string | undefined)[] = []
    const host = await new Promise<string>(resolve => {
      const s = http.createServer((req, res) => {
        seen.push(req.headers.authorization)
        res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":1,"body":"hi"}]')
      })
      s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as net.AddressInfo).port}`))
      closers.push(() => new Promise(r => (s.closeAllConnections(), s.close(() => r()))))
    })
    const transport = httpTransport({ timeoutMs: 2000 })
    closers.push(() => transport.close())
    const octokit = await githubOctokit('ghs_unit', { baseUrl: `http://${host}`, fetch: transport })
    const { data } = await octokit.rest.issues.listComments({
      owner: 'acme',
      repo: 'app',
      issue_number: 7
    })
    expect(data.map(c => c.body)).toEqual(['hi'])
    expect(seen).toEqual(['token ghs_unit'])
  })
})

describe('proxies from the environment', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  it('go through HTTP_PROXY as @actions/http-client sends them, and never for loopback', async () => {
    const seen: string[] = []
    const answer = (who: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push(`${who} ${req.url}`)
      res.writeHead(200).end(who)
    }
    const listen = async (s: http.Server): Promise<string> => {
      await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
      closers.push(() => new Promise(r => (s.closeAllConnections(), s.close(() => r()))))
      return `127.0.0.1:${(s.address() as net.AddressInfo).port}`
    }
    const proxy = await listen(http.createServer(answer('proxy')))
    const direct = await listen(http.createServer(answer('direct')))
    // A self-hosted runner behind a proxy: the runner's variables name it.
    process.env.HTTP_PROXY = `http://${proxy}`
    const fetch = httpTransport({ timeoutMs: 5000 })
    closers.push(() => fetch.close())
    // The name never resolves: only the proxy (on 127.0.0.1) is asked for it.
    expect(await (await fetch('http://api.github.invalid/repos/acme/app')).text()).toBe('proxy')
    expect(await (await fetch(`http://${direct}/v2/`)).text()).toBe('direct')
    expect(seen).toEqual(['proxy http://api.github.invalid/repos/acme/app', 'direct /v2/'])
  })
})
