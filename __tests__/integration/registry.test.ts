// The registry protocol under faults: the real client and push against the real registry through a fault proxy,
// each result checked with skopeo directly at the registry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { BuiltImage } from '../../src/oci/image.js'
import type { Credentials } from '../../src/registry/client.js'
import { pushImages } from '../../src/registry/push.js'
import { registryFetch } from '../../src/registry/transport.js'
import { registryClient } from '../registry-client.js'
import { appImage, fakeLogger } from '../unit/helpers.js'
import { FaultProxy, type Exchange, type ProxyOptions } from './fault-proxy.js'
import { sh, skopeo } from './commands.js'
import { FIXTURES, requireEnvironment, tempDir } from './harness.js'
import { AUTH, AUTH_REGISTRY, REGISTRY, uniqueName, uniqueRepo } from './registries.js'

/** An image of the system layer and /app; random bytes by default, so every test has blobs the registry lacks. */
async function image(binary: Buffer = randomBytes(4096)): Promise<BuiltImage> {
  return appImage(binary)
}

const binaryDigest = (img: BuiltImage): string =>
  img.layers.find(l => l.name === 'binary')!.blob.digest

/** The PUT that completes one blob's upload, by the digest the client merges into the Location's query. */
const putOf = (digest: string): RegExp =>
  new RegExp(`/blobs/uploads/[^?]+\\?.*digest=sha256(?::|%3A)${digest.slice(7)}`)
const UPLOADS = /\/blobs\/uploads\//
const POST_UPLOADS = /\/blobs\/uploads\/(\?.*)?$/
const MANIFESTS = /\/manifests\//

const proxies: FaultProxy[] = []
async function proxy(o: Partial<ProxyOptions> = {}): Promise<FaultProxy> {
  const p = await new FaultProxy({ target: REGISTRY, ...o }).start()
  proxies.push(p)
  return p
}

interface Pushed {
  logger: ReturnType<typeof fakeLogger>
  sleeps: number[]
}

/** Logs in and pushes one image through the proxy, as the pipeline does, with a sleep that only records. */
async function push(
  p: FaultProxy,
  repo: string,
  img: BuiltImage,
  tags: string[],
  o: { credentials?: Credentials; sleep?: (ms: number) => Promise<void> } = {}
): Promise<Pushed> {
  const { client, logger, sleeps } = registryClient(`127.0.0.1:${p.port}/${repo}`, {
    fetch: registryFetch({ timeoutMs: 60_000 }),
    baseUrl: p.url,
    credentials: o.credentials,
    sleep: async ms => void (await o.sleep?.(ms))
  })
  await client.login()
  await pushImages(client, [img], img.manifest, tags, logger)
  return { logger, sleeps }
}

/** What the tag points to, asked of the registry itself (not through the proxy). */
async function registryDigest(
  repo: string,
  tag: string,
  registry = REGISTRY,
  creds?: Credentials
): Promise<string> {
  const auth = creds ? ['--creds', `${creds.username}:${creds.password}`] : []
  const r = await skopeo([
    'inspect',
    '--tls-verify=false',
    ...auth,
    `docker://${registry}/${repo}:${tag}`
  ])
  if (r.code !== 0) throw new Error(`skopeo inspect ${registry}/${repo}:${tag}: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { Digest: string }).Digest
}

/** The upload session (its UUID) a request belongs to, from a PUT path or a POST's Location. */
const session = (url: string | undefined): string | undefined =>
  /\/blobs\/uploads\/([^/?]+)/.exec(url ?? '')?.[1]

/** Every PUT ran in a session some earlier 202 POST opened, and no two PUTs shared one. */
function expectFreshSessions(log: Exchange[], puts: Exchange[]): void {
  const ids = puts.map(x => session(x.path))
  expect(new Set(ids).size).toBe(puts.length)
  for (const put of puts) {
    const opened = log.findIndex(
      x => x.method === 'POST' && x.status === 202 && session(x.location) === session(put.path)
    )
    expect(opened).toBeGreaterThanOrEqual(0)
    expect(opened).toBeLessThan(log.indexOf(put))
  }
}

const loaded: string[] = []
const temps: string[] = []

beforeAll(async () => {
  await requireEnvironment()
})

afterEach(async () => {
  await Promise.all(proxies.splice(0).map(p => p.stop()))
})

afterAll(async () => {
  if (loaded.length) await sh('docker', ['rmi', '-f', ...loaded])
  await Promise.all(temps.map(d => rm(d, { recursive: true, force: true })))
})

describe('retries', () => {
  it('survives 503s and a dropped connection on blob PUTs, a 429 on a POST and a 500 on the manifest', async () => {
    const p = await proxy()
    const repo = uniqueRepo('faults')
    const img = await image()
    const bin = binaryDigest(img)
    const config = img.config.digest
    p.fault(
      { method: 'POST', path: POST_UPLOADS, nth: 1, reply: 429 },
      { method: 'PUT', path: putOf(bin), first: 2, reply: 503 },
      { method: 'PUT', path: putOf(config), nth: 1, reply: 'drop' },
      { method: 'PUT', path: MANIFESTS, nth: 1, reply: 500 }
    )
    const { sleeps } = await push(p, repo, img, ['v1'])

    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)
    const binPuts = p.requests.filter(x => x.method === 'PUT' && putOf(bin).test(x.path))
    expect(binPuts.map(x => x.status)).toEqual([503, 503, 201])
    const configPuts = p.requests.filter(x => x.method === 'PUT' && putOf(config).test(x.path))
    expect(configPuts.map(x => x.status)).toEqual([0, 201])
    // A fresh session (POST) for each failed PUT: 3 blobs + 3 failed PUTs + the POST that got 429.
    expectFreshSessions(p.requests, [...binPuts, ...configPuts])
    expect(p.count('POST', POST_UPLOADS)).toBe(3 + 3 + 1)
    expect(p.requests.filter(x => x.method === 'POST').map(x => x.status)).toContain(429)
    expect(p.count('PUT', UPLOADS)).toBe(3 + 3)
    // The manifest PUT by its tag, and its retry after the 500 (a tagged image is not PUT by digest too).
    expect(p.requests.filter(x => MANIFESTS.test(x.path)).map(x => x.status)).toEqual([500, 201])
    // Retry-After: 1 is honoured.
    expect(sleeps).toContain(1000)
  })

  it('does not retry a 400 on a blob PUT, and says which blob and why', async () => {
    const p = await proxy()
    const repo = uniqueRepo('bad-request')
    const img = await image()
    const bin = binaryDigest(img)
    p.fault({
      method: 'PUT',
      path: putOf(bin),
      reply: 400,
      body: JSON.stringify({
        errors: [
          { code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' }
        ]
      })
    })
    const pushed = push(p, repo, img, ['v1'])
    await expect(pushed).rejects.toThrow(bin)
    await expect(pushed).rejects.toThrow(/HTTP 400/)
    await expect(pushed).rejects.toThrow(
      /DIGEST_INVALID: provided digest did not match uploaded content/
    )
    expect(p.count('PUT', putOf(bin))).toBe(1)
    expect(p.count('PUT', MANIFESTS)).toBe(0)
    await expect(registryDigest(repo, 'v1')).rejects.toThrow()
  })
})

describe('giving up', () => {
  it('stops after a bounded number of fresh sessions when every PUT of a blob fails', async () => {
    const p = await proxy()
    const img = await image()
    const bin = binaryDigest(img)
    p.fault({ method: 'PUT', path: putOf(bin), reply: 503 })
    const pushed = push(p, uniqueRepo('give-up'), img, ['v1'])
    await expect(pushed).rejects.toThrow(new RegExp(`upload ${bin} failed with HTTP 503`))
    expect(p.count('PUT', putOf(bin))).toBe(5)
    expect(p.count('PUT', MANIFESTS)).toBe(0)
  })

  // Only the request and the count are pinned: the cause the client appends is undici's code (UND_ERR_SOCKET).
  it('names the request when the connection keeps dropping, after a bounded number of attempts', async () => {
    const p = await proxy()
    p.fault({ method: 'HEAD', path: /\/blobs\//, reply: 'drop' })
    const pushed = push(p, uniqueRepo('drops'), await image(), ['v1'])
    await expect(pushed).rejects.toThrow(
      /HEAD http:\/\/127\.0\.0\.1:\d+\/v2\/.*failed after 5 attempts/
    )
  })

  // Retry-After may be an HTTP-date (RFC 9110 10.2.3), not only seconds.
  it('honours a Retry-After given as an HTTP-date', async () => {
    const p = await proxy()
    const retryAfter = new Date(Date.now() + 5000).toUTCString()
    p.fault({ method: 'POST', path: POST_UPLOADS, nth: 1, reply: 429, retryAfter })
    const { sleeps } = await push(p, uniqueRepo('retry-date'), await image(), ['v1'])
    expect(sleeps[0]).toBeGreaterThanOrEqual(3000)
  })
})

describe('Bearer tokens', () => {
  /** A 401 the proxy gave a request after login, followed by the same request succeeding. */
  function refreshed(log: Exchange[], repo: string): boolean {
    return log.some(
      (x, i) =>
        x.status === 401 &&
        x.path.startsWith(`/v2/${repo}/`) &&
        log
          .slice(i + 1)
          .some(
            y => y.method === x.method && y.path === x.path && y.status >= 200 && y.status < 300
          )
    )
  }

  it('refreshes a token that expires during a retry backoff (token field, Basic at the token server)', async () => {
    const p = await proxy({ bearer: { basic: AUTH, field: 'token', ttlMs: 1000 } })
    const repo = uniqueRepo('bearer')
    const img = await image()
    p.fault({ method: 'PUT', path: putOf(binaryDigest(img)), nth: 1, reply: 503 })
    // The backoff outlasts the token, so the session after it starts with an expired token.
    const { logger } = await push(p, repo, img, ['v1'], {
      credentials: AUTH,
      sleep: ms => new Promise(r => setTimeout(r, Math.max(ms, 1200)))
    })
    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)
    expect(p.tokensIssued).toBeGreaterThanOrEqual(2)
    expect(refreshed(p.requests, repo)).toBe(true)
    expect(p.scopes).toContain(`repository:${repo}:push,pull`)
    // Every token is masked and none reaches the log.
    for (const token of p.issued) {
      expect(logger.masked).toContain(token)
      expect(logger.lines.join('\n')).not.toContain(token)
    }
  })

  // The token server gets the registry's retry policy: a refresh mid-push must survive one 503.
  it('retries a 503 from the token server during the mid-push refresh', async () => {
    const p = await proxy({ bearer: { ttlMs: 1000 } })
    const repo = uniqueRepo('bearer-token-503')
    const img = await image()
    p.fault(
      { method: 'PUT', path: putOf(binaryDigest(img)), nth: 1, reply: 503 },
      { method: 'GET', path: /^\/token/, nth: 2, reply: 503 }
    )
    await push(p, repo, img, ['v1'], {
      sleep: ms => new Promise(r => setTimeout(r, Math.max(ms, 1200)))
    })
    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)
    expect(p.tokensIssued).toBeGreaterThanOrEqual(2)
  })

  it('refreshes a token that expires on a slow link (access_token field, anonymous)', async () => {
    const p = await proxy({ bearer: { field: 'access_token', ttlMs: 1000 }, delayMs: 250 })
    const repo = uniqueRepo('bearer-slow')
    const img = await image()
    await push(p, repo, img, ['v1', 'v2'])
    expect(await registryDigest(repo, 'v2')).toBe(img.manifest.digest)
    expect(p.tokensIssued).toBeGreaterThanOrEqual(2)
    expect(refreshed(p.requests, repo)).toBe(true)
  })

  it('fails login with a clear message when the token server refuses the credentials', async () => {
    const p = await proxy({ bearer: { basic: AUTH } })
    const img = await image()
    await expect(
      push(p, uniqueRepo('bearer-refused'), img, ['v1'], {
        credentials: { username: AUTH.username, password: 'wrong' }
      })
    ).rejects.toThrow(
      /registry-username\/registry-password: .*refused user 'testuser' \(HTTP 401\)/
    )
    expect(p.tokensIssued).toBe(0)
  })
})

// The proxy stands for a registry whose version check is open (the OCI distribution spec's end-1, GET /v2/, may
// answer 200 to anyone) while its repositories answer 401 with a Bearer challenge, as token-auth registries do for
// each resource; the client learns it needs a token only from that 401.
describe('lazy authentication', () => {
  it('gets a token from the repository’s own 401 when the ping is open, and pushes', async () => {
    // A token outlives this push, so a second one would be a duplicate, not a refresh.
    const p = await proxy({ bearer: { basic: AUTH, openPing: true, ttlMs: 60_000 } })
    const repo = uniqueRepo('open-ping')
    const img = await image()
    const { logger } = await push(p, repo, img, ['v1'], { credentials: AUTH })
    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)
    // The ping went to the registry and passed; the first repository request got the challenge.
    expect(p.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v2/',
      status: 200,
      injected: false
    })
    expect(p.requests[1]).toMatchObject({ status: 401, injected: true })
    expect(p.scopes).toContain(`repository:${repo}:push,pull`)
    // Parallel uploads that all met the challenge share the token: one is enough for this short push.
    expect(p.tokensIssued).toBe(1)
    expect(logger.masked).toContain(p.issued[0])
  })

  it('answers the Bearer challenge when a 401 offers Basic and Bearer in one header', async () => {
    const p = await proxy({ bearer: { basic: AUTH, offerBasic: true } })
    const repo = uniqueRepo('two-challenges')
    const img = await image()
    await push(p, repo, img, ['v1'], { credentials: AUTH })
    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)
    expect(p.tokensIssued).toBeGreaterThanOrEqual(1)
  })
})

describe('a registry that keeps failing: bounded, named, nothing pushed', () => {
  it('gives up on a ping answered 503 forever, with the count', async () => {
    const p = await proxy()
    p.fault({ method: 'GET', path: /^\/v2\/$/, reply: 503 })
    const repo = uniqueRepo('ping-503')
    const pushed = push(p, repo, await image(), ['v1'])
    await expect(pushed).rejects.toThrow(
      new RegExp(
        `^127\\.0\\.0\\.1:${p.port} answered HTTP 503 to GET /v2/ 5 times in [\\d.]+ s; the registry is unavailable\\. ` +
          `Try again later, or check the registry's status\\.$`
      )
    )
    expect(p.count('GET', /^\/v2\/$/)).toBe(5)
    expect(p.requests.filter(x => x.path !== '/v2/')).toEqual([])
    await expect(registryDigest(repo, 'v1')).rejects.toThrow()
  })

  it('gives up on a token server answering 500, naming it and the count', async () => {
    const p = await proxy({ bearer: { basic: AUTH } })
    p.fault({ method: 'GET', path: /^\/token/, reply: 500 })
    const repo = uniqueRepo('token-500')
    const pushed = push(p, repo, await image(), ['v1'], { credentials: AUTH })
    await expect(pushed).rejects.toThrow(
      `The token server 127.0.0.1:${p.port} (named by the Bearer challenge of 127.0.0.1:${p.port}) answered HTTP 500 to GET /token 5 times in `
    )
    await expect(pushed).rejects.toThrow(
      /It is failing, not refusing the credentials: try again later, or check the token server\.$/
    )
    expect(p.count('GET', /^\/token/)).toBe(5)
    expect(p.count('POST', POST_UPLOADS)).toBe(0)
    await expect(registryDigest(repo, 'v1')).rejects.toThrow()
  })
})

describe('upload Locations', () => {
  it.each<['relative' | 'absolute', string, Credentials | undefined]>([
    ['relative', REGISTRY, undefined],
    ['absolute', REGISTRY, undefined],
    ['relative', AUTH_REGISTRY, AUTH],
    ['absolute', AUTH_REGISTRY, AUTH]
  ])('%s Locations from %s, with a retried session', async (form, target, creds) => {
    const p = await proxy({ target, location: form })
    const repo = uniqueRepo(`location-${form}`)
    const img = await image()
    p.fault({ method: 'PUT', path: putOf(img.config.digest), nth: 1, reply: 503 })
    await push(p, repo, img, ['v1'], { credentials: creds })
    expect(await registryDigest(repo, 'v1', target, creds)).toBe(img.manifest.digest)
    const locations = p.requests
      .filter(x => x.method === 'POST' && x.status === 202)
      .map(x => x.location)
    expect(locations).toHaveLength(3 + 1)
    for (const l of locations)
      expect(l).toMatch(form === 'relative' ? /^\/v2\// : new RegExp(`^${p.url}/v2/`))
    expect(p.count('PUT', putOf(img.config.digest))).toBe(2)
  })
})

describe('what a push sends', () => {
  it('re-pushes an unchanged image without uploading, and a changed binary as one layer and the config', async () => {
    const p = await proxy()
    const repo = uniqueRepo('incremental')
    const first = await image()
    await push(p, repo, first, ['v1'])
    expect(await registryDigest(repo, 'v1')).toBe(first.manifest.digest)

    p.reset()
    await push(p, repo, first, ['v1'])
    expect(p.requests.filter(x => UPLOADS.test(x.path))).toEqual([])
    // Only the ping, blob HEADs and manifest requests (a client may HEAD the manifest before PUTting it).
    const other = p.requests.filter(
      x =>
        !(x.method === 'GET' && x.path === '/v2/') &&
        !(x.method === 'HEAD' && /\/blobs\/sha256:/.test(x.path)) &&
        !(['HEAD', 'PUT'].includes(x.method) && MANIFESTS.test(x.path))
    )
    expect(other).toEqual([])
    expect(p.count('HEAD', /\/blobs\/sha256:/)).toBe(3)
    expect(await registryDigest(repo, 'v1')).toBe(first.manifest.digest)

    p.reset()
    const second = await image()
    expect(second.layers[0]!.blob.digest).toBe(first.layers[0]!.blob.digest)
    await push(p, repo, second, ['v2'])
    expect(p.count('POST', POST_UPLOADS)).toBe(2)
    expect(p.count('PATCH', UPLOADS)).toBe(0)
    const puts = p.requests.filter(x => x.method === 'PUT' && UPLOADS.test(x.path))
    expect(puts).toHaveLength(2)
    expect(puts.some(x => putOf(binaryDigest(second)).test(x.path))).toBe(true)
    expect(puts.some(x => putOf(second.config.digest).test(x.path))).toBe(true)
    expect(p.count('PUT', MANIFESTS)).toBe(1)
    expect(await registryDigest(repo, 'v2')).toBe(second.manifest.digest)
    expect(await registryDigest(repo, 'v1')).toBe(first.manifest.digest)
  })
})

describe('the pushed image', () => {
  test('pulls into Docker and runs a real static Go binary', async () => {
    const dir = await tempDir('gsi-hello-')
    temps.push(dir)
    const out = path.join(dir, 'hello')
    await promisify(execFile)(
      '/usr/bin/go',
      [
        'build',
        '-trimpath',
        '-ldflags=-s -w',
        '-o',
        out,
        path.join(FIXTURES, 'single', 'hello.go')
      ],
      { cwd: dir, env: { ...process.env, CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64' } }
    )
    const p = await proxy({ location: 'relative' })
    const repo = uniqueRepo('hello')
    const img = await image(await readFile(out))
    await push(p, repo, img, ['v1'])
    expect(await registryDigest(repo, 'v1')).toBe(img.manifest.digest)

    const local = `${uniqueName('gsi-fault-hello')}:v1`
    const copy = await skopeo([
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${REGISTRY}/${repo}:v1`,
      `docker-daemon:${local}`
    ])
    expect(copy.stderr).toBe('')
    expect(copy.code).toBe(0)
    loaded.push(local)
    const run = await sh('docker', ['run', '--rm', '--network', 'none', local])
    expect(run).toEqual({ code: 0, stdout: 'hello from a single file\n', stderr: '' })
  })
})
