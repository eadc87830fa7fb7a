// Bounded time end to end: the bundled action against a registry that never answers, and one that keeps failing.
import { afterEach, describe, expect, it } from '@jest/globals'
import net from 'node:net'
import { FaultProxy } from './fault-proxy.js'
import { cachedTools, copyFixture, runAction, tempDir } from './harness.js'
import { AUTH, REGISTRY } from './registries.js'

/** A TCP server on 127.0.0.1 that accepts every connection, reads what it is sent, and never answers. */
async function silentServer(): Promise<{
  port: number
  requests: () => string[]
  stop: () => Promise<void>
}> {
  const sockets = new Set<net.Socket>()
  const received: string[] = []
  const server = net.createServer(s => {
    sockets.add(s)
    const i = received.push('') - 1
    s.on('close', () => sockets.delete(s))
    s.on('data', d => (received[i] += d.toString('latin1')))
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as net.AddressInfo).port,
    // The request lines, whichever connection they came on.
    requests: () => received.flatMap(r => r.match(/^[A-Z]+ \S+ HTTP\/1\.1$/gm) ?? []),
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise(r => server.close(r))
    }
  }
}

const servers: { stop: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.stop()))
})

/** Runs the action against a silent registry; returns the run, how long it took and what the server saw. */
async function againstSilence(inputs: Record<string, string>) {
  const silent = await silentServer()
  servers.push(silent)
  const workdir = await copyFixture('probe')
  const toolCache = await tempDir('gsi-toolcache-')
  const start = Date.now()
  const run = await runAction(
    {
      image: `127.0.0.1:${silent.port}/silent`,
      tags: 'v1',
      ...inputs
    },
    { workdir, toolCache }
  )
  return { run, seconds: (Date.now() - start) / 1000, silent, toolCache }
}

describe('a registry that accepts connections and never answers', () => {
  it('fails the step with registry-timeout: 2 after five short attempts, naming the host, the request and the limit', async () => {
    const { run, seconds, silent, toolCache } = await againstSilence({ 'registry-timeout': '2' })
    expect(run.code).toBe(1)
    const host = `127.0.0.1:${silent.port}`
    expect(run.log).toMatch(
      new RegExp(
        `^::error::${host.replace(/\./g, '\\.')} did not answer GET /v2/ within 2 s \\(registry-timeout\\); ` +
          `gave up after 5 attempts in [\\d.]+ s\\. Check that ${host.replace(/\./g, '\\.')} is up and reachable ` +
          `from this machine, or raise registry-timeout for a slow registry\\.$`,
        'm'
      )
    )
    expect(silent.requests()).toEqual(Array(5).fill('GET /v2/ HTTP/1.1'))
    // Five silences of 2 s and at most 0.5 + 1 + 2 + 4 s of backoff, and the process around them.
    expect(seconds).toBeGreaterThanOrEqual(10)
    expect(seconds).toBeLessThan(40)
    // It failed at the login, before Go was installed or anything built.
    expect(await cachedTools(toolCache)).toEqual([])
  })

  it('fails the step within 2 minutes with the default registry-timeout (one silence of 60 s)', async () => {
    const { run, seconds, silent } = await againstSilence({})
    expect(run.code).toBe(1)
    expect(run.log).toContain(
      `::error::127.0.0.1:${silent.port} did not answer GET /v2/ within 60 s (registry-timeout); gave up after 1 attempt in 60`
    )
    expect(silent.requests()).toEqual(['GET /v2/ HTTP/1.1'])
    expect(seconds).toBeGreaterThanOrEqual(60)
    expect(seconds).toBeLessThan(120)
  })
})

describe('a registry that keeps failing, through the action', () => {
  async function run(proxy: FaultProxy, inputs: Record<string, string> = {}) {
    await proxy.start()
    servers.push(proxy)
    const workdir = await copyFixture('probe')
    const toolCache = await tempDir('gsi-toolcache-')
    const result = await runAction(
      {
        image: `127.0.0.1:${proxy.port}/failing`,
        tags: 'v1',
        ...inputs
      },
      { workdir, toolCache }
    )
    return { result, toolCache }
  }

  it('gives up on 503 forever after five attempts, saying so, before anything is built or pushed', async () => {
    const proxy = new FaultProxy({ target: REGISTRY }).fault({
      method: 'GET',
      path: /.*/,
      reply: 503
    })
    const { result, toolCache } = await run(proxy)
    expect(result.code).toBe(1)
    expect(result.log).toMatch(
      new RegExp(
        `^::error::127\\.0\\.0\\.1:${proxy.port} answered HTTP 503 to GET /v2/ 5 times in [\\d.]+ s; the registry is ` +
          `unavailable\\. Try again later, or check the registry's status\\.$`,
        'm'
      )
    )
    expect(proxy.requests.map(x => `${x.method} ${x.path} ${x.status}`)).toEqual(
      Array(5).fill('GET /v2/ 503')
    )
    expect(await cachedTools(toolCache)).toEqual([])
  })

  it('gives up on a token server answering 500, naming it, before anything is built or pushed', async () => {
    const proxy = new FaultProxy({ target: REGISTRY, bearer: { basic: AUTH } }).fault({
      method: 'GET',
      path: /^\/token/,
      reply: 500
    })
    const { result, toolCache } = await run(proxy, {
      'registry-username': AUTH.username,
      'registry-password': AUTH.password
    })
    expect(result.code).toBe(1)
    expect(result.log).toContain(
      `::error::The token server 127.0.0.1:${proxy.port} (named by the Bearer challenge of 127.0.0.1:${proxy.port}) answered HTTP 500 to GET /token 5 times in `
    )
    expect(proxy.count('GET', /^\/token/)).toBe(5)
    expect(proxy.requests.filter(x => x.method !== 'GET')).toEqual([])
    expect(result.log).not.toContain(AUTH.password)
    expect(await cachedTools(toolCache)).toEqual([])
  })
})
