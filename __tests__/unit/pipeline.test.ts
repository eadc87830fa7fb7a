// runPipeline's ordering guarantees over fakes: a registry in memory, a go that writes a small static ELF, and one
// list of events in the order they happened (go invocations, registry requests, log groups, cache state).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { actionMetadata } from '../action-yml.js'
import { parseConfig } from '../../src/config.js'
import { runOptions } from '../../src/edge.js'
import { contextOf } from '../../src/github-context.js'
import type { CacheState } from '../../src/go/cache.js'
import type { Deps } from '../../src/pipeline/deps.js'
import { runPipeline } from '../../src/pipeline/run.js'
import type { BuildCache, CommandResult, Fetch, Runner, ToolCache } from '../../src/ports.js'
import { goBinary } from './buildinfo-fixture.js'
import { EM } from './elf-fixture.js'
import { fakeLogger, tempDir } from './helpers.js'

const HOST = '127.0.0.1:5999'
const REPO = 'acme/app'
const USER = { username: 'ci', password: 'hunter2-6c1f' }
const BASIC = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString('base64')}`
/** What the fake `go list` says the package is. */
const IMPORT_PATH = 'example.com/app'
/**
 * The binary `go build` writes: a static x86-64 executable, as verifyBinary wants for linux/amd64, with the build
 * information the SBOM reads.
 */
const BINARY = goBinary(EM.X86_64, 64, 'amd64')

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

interface RegistryOptions {
  /** Credentials the registry accepts (Basic); without, it is open. */
  accepts?: { username: string; password: string }
  /** Answers 400 to the upload of the nth blob PUT (1-based), as a registry that rejects one blob. */
  failBlobPut?: number
}

interface FakeRegistry {
  fetch: Fetch
  blobs: Map<string, Buffer>
  /** Manifests by tag and by digest. */
  manifests: Map<string, Buffer>
}

const errorBody = (code: string, message: string): string =>
  JSON.stringify({ errors: [{ code, message }] })

/**
 * The part of the distribution API a push uses: ping, blob HEAD, upload (POST then PUT ?digest=) and manifest
 * PUT, with Basic auth when asked. Every request is recorded in events as `registry METHOD PATH`.
 */
function fakeRegistry(events: string[], o: RegistryOptions = {}): FakeRegistry {
  const blobs = new Map<string, Buffer>()
  const manifests = new Map<string, Buffer>()
  let uploads = 0
  let blobPuts = 0
  const prefix = `/v2/${REPO}`
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input.toString())
    const method = init?.method ?? 'GET'
    const headers = new Headers(init?.headers)
    const body = init?.body ? Buffer.from(init.body as Uint8Array) : Buffer.alloc(0)
    events.push(`registry ${method} ${url.pathname}`)
    if (url.host !== HOST) throw new Error(`fake registry: request to another host, ${url}`)
    if (o.accepts && headers.get('authorization') !== BASIC) {
      return new Response(errorBody('UNAUTHORIZED', 'authentication required'), {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="fake"' }
      })
    }
    const p = url.pathname
    if (p === '/v2/' && method === 'GET') return new Response('{}', { status: 200 })
    const blob = new RegExp(`^${prefix}/blobs/(sha256:[0-9a-f]{64})$`).exec(p)
    if (blob && method === 'HEAD') {
      const b = blobs.get(blob[1]!)
      return new Response(null, {
        status: b ? 200 : 404,
        headers: b ? { 'content-length': String(b.length) } : {}
      })
    }
    if (p === `${prefix}/blobs/uploads/` && method === 'POST') {
      return new Response(null, {
        status: 202,
        headers: { location: `${prefix}/blobs/uploads/${++uploads}` }
      })
    }
    if (/\/blobs\/uploads\/\d+$/.test(p) && p.startsWith(prefix) && method === 'PUT') {
      const digest = url.searchParams.get('digest') ?? ''
      if (++blobPuts === o.failBlobPut) {
        return new Response(errorBody('BLOB_UPLOAD_INVALID', 'the fake refuses this blob'), {
          status: 400
        })
      }
      if (sha256(body) !== digest) {
        return new Response(errorBody('DIGEST_INVALID', 'digest mismatch'), { status: 400 })
      }
      blobs.set(digest, body)
      return new Response(null, { status: 201, headers: { 'docker-content-digest': digest } })
    }
    const manifest = new RegExp(`^${prefix}/manifests/([^/]+)$`).exec(p)
    if (manifest && method === 'PUT') {
      const digest = sha256(body)
      // A manifest that names a blob the registry lacks is refused, as distribution does.
      const refs = [...body.toString('utf8').matchAll(/"digest":\s*"(sha256:[0-9a-f]{64})"/g)]
      const missing = refs.map(m => m[1]!).filter(d => !blobs.has(d) && !manifests.has(d))
      if (missing.length) {
        return new Response(errorBody('MANIFEST_BLOB_UNKNOWN', missing.join(', ')), {
          status: 400
        })
      }
      manifests.set(decodeURIComponent(manifest[1]!), body)
      manifests.set(digest, body)
      return new Response(null, { status: 201, headers: { 'docker-content-digest': digest } })
    }
    // Read back: the referrers tag schema's list, and the tags the floating ones are settled against.
    if (manifest && method === 'GET') {
      const found = manifests.get(decodeURIComponent(manifest[1]!))
      if (!found) return new Response(errorBody('MANIFEST_UNKNOWN', 'unknown'), { status: 404 })
      const type = (JSON.parse(found.toString('utf8')) as { mediaType: string }).mediaType
      return new Response(new Uint8Array(found), { status: 200, headers: { 'content-type': type } })
    }
    if (p === `${prefix}/tags/list` && method === 'GET') {
      const tags = [...manifests.keys()].filter(k => !k.startsWith('sha256:'))
      return new Response(JSON.stringify({ name: REPO, tags }), { status: 200 })
    }
    return new Response(errorBody('UNSUPPORTED', `${method} ${p}`), { status: 404 })
  }
  return { fetch: fetch as Fetch, blobs, manifests }
}

/**
 * A go that answers `go list` for a main package, writes BINARY where `go build -o` points, and names two cache
 * folders for `go env`; git is absent. Every call is recorded in events as `go SUBCOMMAND` or `git ...`.
 */
/** The static ELF go writes for each GOARCH the tests build. */
const BINARIES: Record<string, Buffer> = {
  amd64: BINARY,
  arm64: goBinary(EM.AARCH64, 64, 'arm64'),
  '386': goBinary(EM.I386, 32, '386')
}

function fakeRunner(
  events: string[],
  o: {
    buildFails?: boolean
    nm?: string
    /** The package measurement's nm answers only once the image is tagged: it must not hold up the push. */
    nmWaitsForPush?: boolean
    /** Records how many real builds run at once, each taking a few milliseconds. */
    concurrency?: { now: number; most: number }
  } = {}
): Runner {
  const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' })
  // The package measurement's relink is the go build without -s (see relinkArgs).
  const isRelink = (args: string[]): boolean =>
    !args.some(a => a.startsWith('-ldflags=') && a.split(/[= ]/).includes('-s'))
  return {
    async run(command, args, options) {
      if (path.basename(command) !== 'go') {
        events.push(`${path.basename(command)} ${args.join(' ')}`)
        return { exitCode: 127, stdout: '', stderr: `${command}: not found` }
      }
      events.push(`go ${args[0]}`)
      switch (args[0]) {
        case 'list':
          return args.includes('-deps') ? ok() : ok(`main ${IMPORT_PATH}\n`)
        case 'env':
          return ok('/fake/go-build\n/fake/go-mod\n')
        case 'tool':
          for (let waited = 0; o.nmWaitsForPush; waited += 10) {
            if (events.some(e => e.startsWith('registry PUT') && e.includes('/manifests/'))) break
            if (waited > 2000)
              throw new Error('the image was not pushed while the packages were measured')
            await new Promise(r => setTimeout(r, 10))
          }
          return ok(o.nm ?? '')
        case 'build': {
          if (o.buildFails)
            return { exitCode: 1, stdout: '', stderr: './main.go:3:1: syntax error' }
          const c = o.concurrency
          if (c && !isRelink(args)) {
            c.most = Math.max(c.most, ++c.now)
            await new Promise(r => setTimeout(r, 20))
            c.now--
          }
          const out = args[args.indexOf('-o') + 1]!
          await mkdir(path.dirname(out), { recursive: true })
          await writeFile(out, BINARIES[options?.env?.GOARCH ?? 'amd64'] ?? BINARY)
          return ok()
        }
        default:
          return ok()
      }
    }
  }
}

/** A tool cache that has Go 1.22.5 installed, so nothing is downloaded; lookups are recorded. */
function fakeToolCache(events: string[], goroot: string): ToolCache {
  return {
    find: tool => (events.push(`tool-cache find ${tool}`), tool === 'go' ? goroot : ''),
    findAllVersions: tool => (tool === 'go' ? ['1.22.5'] : []),
    extractTar: file => Promise.reject(new Error(`fake tool cache: unexpected extract of ${file}`))
  }
}

/** An Actions cache with nothing in it yet, recording restores and saves. */
/** A cache service that misses, or with hit restores by the exact key. */
function fakeBuildCache(events: string[], hit = false): BuildCache {
  return {
    isAvailable: () => true,
    restore: async (_paths, key) => {
      events.push(`cache restore ${key.slice(0, 17)}`)
      return hit ? key : undefined
    },
    save: async () => void events.push('cache save')
  }
}

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('gsi-pipeline-'))
  await mkdir(path.join(dir, 'work'))
  await mkdir(path.join(dir, 'tmp'))
  await mkdir(path.join(dir, 'home'))
})
afterEach(() => cleanup())

interface Run {
  events: string[]
  registry: FakeRegistry
  /** What runPipeline resolved to, or the error it threw. */
  outcome: Promise<Awaited<ReturnType<typeof runPipeline>>>
  cacheStates: CacheState[]
}

/** Runs the pipeline on a main package in dir/work, pushing to the fake registry as HOST/REPO:v1 and :latest. */
function run(
  inputs: Record<string, string> = {},
  o: RegistryOptions & {
    buildFails?: boolean
    buildCache?: boolean | 'hit'
    nm?: string
    nmWaitsForPush?: boolean
    concurrency?: { now: number; most: number }
    parallelism?: number
    /** Records the log as the runner shows it: group starts and ends, and the lines between them. */
    log?: { lines: string[]; open?: string }
  } = {}
): Run {
  const events: string[] = []
  const cacheStates: CacheState[] = []
  const registry = fakeRegistry(events, o)
  const logger = fakeLogger()
  logger.group = async (name, fn) => {
    events.push(`group ${name}`)
    // The runner's log cannot nest or overlap groups: a group opened inside another fails the run.
    if (o.log?.open !== undefined) throw new Error(`group "${name}" opened inside "${o.log.open}"`)
    o.log?.lines.push(`::group::${name}`)
    if (o.log) o.log.open = name
    try {
      return await fn()
    } finally {
      o.log?.lines.push('::endgroup::')
      if (o.log) o.log.open = undefined
    }
  }
  if (o.log) {
    const log = o.log
    logger.info = m => void log.lines.push(m)
  }
  const all: Record<string, string> = {
    'go-version': '1.22.5',
    image: `${HOST}/${REPO}`,
    tags: 'v1\nlatest',
    'ca-certificates': 'none',
    zoneinfo: 'false',
    'source-date-epoch': '1700000000',
    // The fake registry answers every request; the vulnerability check has its own tests (vuln*.test.ts).
    vulnerabilities: 'off',
    ...inputs
  }
  const config = parseConfig(name => all[name] ?? '', { GITHUB_WORKSPACE: path.join(dir, 'work') })
  const deps: Deps = {
    runner: fakeRunner(events, o),
    fetch: registry.fetch,
    toolCache: fakeToolCache(events, path.join(dir, 'goroot')),
    toolCacheDir: path.join(dir, 'tool-cache'),
    buildCache: o.buildCache ? fakeBuildCache(events, o.buildCache === 'hit') : undefined,
    logger,
    env: {},
    nodeArch: 'x64',
    tempDir: path.join(dir, 'tmp'),
    homedir: path.join(dir, 'home'),
    sleep: async () => {},
    // Two cores, as a hosted runner has.
    parallelism: o.parallelism ?? 2,
    compiled: state => {
      events.push('compiled')
      cacheStates.push(state)
    }
  }
  return {
    events,
    registry,
    outcome: runPipeline(runOptions(config, contextOf({}), {}), deps),
    cacheStates
  }
}

/** The index of the first event that starts with prefix; fails the test when there is none. */
function first(events: string[], prefix: string): number {
  const i = events.findIndex(e => e.startsWith(prefix))
  if (i < 0) throw new Error(`no event "${prefix}…" in:\n${events.join('\n')}`)
  return i
}

const isPush = (e: string): boolean =>
  /^registry (HEAD|POST|PUT|PATCH) /.test(e) || /^registry GET \/v2\/.+/.test(e)

describe('runPipeline', () => {
  it('logs in before Go is looked up or anything built, gates before the push, and tags last', async () => {
    const r = run(
      { 'registry-username': USER.username, 'registry-password': USER.password },
      { accepts: USER }
    )
    const result = await r.outcome
    const e = r.events
    expect(result).toMatchObject({ pushed: true, tags: ['v1', 'latest'], gateFailures: [] })

    // Login: the ping is refused, then the same request with the credentials passes, before Go is touched.
    expect(e.slice(0, 3)).toEqual([
      'group Log in to 127.0.0.1:5999',
      'registry GET /v2/',
      'registry GET /v2/'
    ])
    expect(first(e, 'registry GET /v2/')).toBeLessThan(first(e, 'tool-cache'))
    expect(first(e, 'tool-cache')).toBeLessThan(first(e, 'go list'))
    expect(first(e, 'go list')).toBeLessThan(first(e, 'go build'))

    // The size is measured and gated before the first request of the push.
    const pushStart = e.findIndex(isPush)
    expect(first(e, 'group Image size')).toBeLessThan(pushStart)
    expect(first(e, 'go build')).toBeLessThan(pushStart)

    // Every blob of the image before any manifest; then the image by its digest, its referrers (SBOM, size report:
    // manifests by digest, listed in the sha256-<hex> tag since the fake has no referrers API), and the tags, in
    // order, as the last writes of the run.
    const isTag = (x: string): boolean => /^registry PUT .*\/manifests\/(v1|latest)$/.test(x)
    const tagPuts = [
      `registry PUT /v2/${REPO}/manifests/v1`,
      `registry PUT /v2/${REPO}/manifests/latest`
    ]
    const manifestPuts = e.filter(x => x.startsWith(`registry PUT /v2/${REPO}/manifests/`))
    const image = JSON.parse(r.registry.manifests.get(result.digest)!.toString('utf8')) as {
      config: { digest: string }
      layers: { digest: string }[]
    }
    for (const { digest } of [image.config, ...image.layers])
      expect(first(e, `registry HEAD /v2/${REPO}/blobs/${digest}`)).toBeLessThan(
        first(e, `registry PUT /v2/${REPO}/manifests/`)
      )
    expect(manifestPuts[0]).toBe(`registry PUT /v2/${REPO}/manifests/${result.digest}`)
    const referrers = manifestPuts.slice(1, -2)
    expect(referrers.filter(x => /\/manifests\/sha256:[0-9a-f]{64}$/.test(x)).length).toBe(2)
    expect(referrers.filter(x => /\/manifests\/sha256-[0-9a-f]{64}$/.test(x))).toEqual([
      `registry PUT /v2/${REPO}/manifests/sha256-${result.digest.slice('sha256:'.length)}`
    ])
    expect(manifestPuts.filter(isTag)).toEqual(tagPuts)
    expect(e.filter(x => /^registry (PUT|POST|PATCH|DELETE) /.test(x)).slice(-2)).toEqual(tagPuts)

    // What the tags point at is what was built: the digest returned, holding the binary go wrote.
    expect(sha256(r.registry.manifests.get('v1')!)).toBe(result.digest)
    expect(result.binarySize).toBe(BINARY.length)
  })

  it('stops at a refused password before Go is looked up or anything built', async () => {
    const r = run(
      { 'registry-username': USER.username, 'registry-password': 'wrong' },
      { accepts: USER }
    )
    await expect(r.outcome).rejects.toThrow(
      `registry-username/registry-password: ${HOST} refused user '${USER.username}' (HTTP 401). ` +
        `Check the username and the password or token, and that it may push to ${REPO}.`
    )
    expect(r.events.filter(x => !x.startsWith('registry GET /v2/'))).toEqual([
      'group Log in to 127.0.0.1:5999'
    ])
  })

  it('pushes nothing when the image is over max-size, and still reports its size', async () => {
    const r = run({ 'max-size': '100' })
    const result = await r.outcome
    expect(result.pushed).toBe(false)
    expect(result.tags).toEqual([])
    expect(result.gateFailures).toEqual([expect.stringMatching(/^max-size: linux\/amd64 is .*/)])
    expect(result.size).toBeGreaterThan(100)
    // Only the login's ping reached the registry.
    expect(r.events.filter(x => x.startsWith('registry'))).toEqual(['registry GET /v2/'])
    expect(r.registry.blobs.size + r.registry.manifests.size).toBe(0)
  })

  it('pushes the same image when it is within max-size', async () => {
    const r = run({ 'max-size': '1MB' })
    const result = await r.outcome
    expect(result).toMatchObject({ pushed: true, gateFailures: [] })
    // Besides the image, its referrers (the SBOM, the size report), each naming it as subject, listed in the
    // sha256-<hex> tag since the fake has no referrers API.
    const manifests = [...r.registry.manifests]
    const referrersTag = `sha256-${result.digest.slice('sha256:'.length)}`
    const attached = manifests.filter(([, m]) => m.toString('utf8').includes('"subject"'))
    expect(
      manifests
        .filter(m => !attached.includes(m))
        .map(([k]) => k)
        .sort()
    ).toEqual(
      [
        'latest',
        result.digest,
        'v1',
        referrersTag,
        sha256(r.registry.manifests.get(referrersTag)!)
      ].sort()
    )
    const types = attached.map(
      ([, m]) => (JSON.parse(m.toString('utf8')) as { artifactType: string }).artifactType
    )
    expect(types).toContain('application/vnd.go-scratch-image.report.v1+json')
  })

  it('tags nothing when the registry refuses a blob', async () => {
    const r = run({}, { failBlobPut: 1 })
    await expect(r.outcome).rejects.toThrow(
      /^127\.0\.0\.1:5999: upload sha256:[0-9a-f]{64} failed with HTTP 400 \(BLOB_UPLOAD_INVALID: the fake refuses this blob\)\.$/
    )
    expect(r.events.filter(x => x.includes('/manifests/'))).toEqual([])
    expect(r.registry.manifests.size).toBe(0)
  })

  it('hands over the Go cache state once compiled, before the push and whatever fails there', async () => {
    const r = run({ 'max-size': '100' }, { buildCache: true })
    await r.outcome
    expect(r.cacheStates).toEqual([
      {
        key: expect.stringMatching(/^go-scratch-image-linux-x64-go1\.22\.5-/),
        paths: ['/fake/go-build', '/fake/go-mod']
      }
    ])
    const e = r.events
    expect(first(e, 'cache restore')).toBeLessThan(first(e, 'go build'))
    expect(first(e, 'go build')).toBeLessThan(first(e, 'compiled'))
    expect(first(e, 'compiled')).toBeLessThan(first(e, 'group Image size'))
    // Saving is the post step's job, never the pipeline's.
    expect(e).not.toContain('cache save')

    const failedPush = run({}, { buildCache: true, failBlobPut: 1 })
    await expect(failedPush.outcome).rejects.toThrow(/BLOB_UPLOAD_INVALID/)
    expect(failedPush.cacheStates).toHaveLength(1)
  })

  it('says whether the cache was hit by its exact key (cache-hit), and cache: read marks the state read-only', async () => {
    const miss = run({}, { buildCache: true })
    expect((await miss.outcome).cacheHit).toBe(false)
    const hit = run({}, { buildCache: 'hit' })
    expect((await hit.outcome).cacheHit).toBe(true)
    expect(hit.cacheStates[0]!.matchedKey).toBe(hit.cacheStates[0]!.key)
    const read = run({ cache: 'read' }, { buildCache: true })
    expect((await read.outcome).cacheHit).toBe(false)
    expect(read.cacheStates).toEqual([expect.objectContaining({ readOnly: true })])
  })

  it('measures the packages with a relink that runs beside the assembly and the push', async () => {
    const nm = ['  401000       5000 T runtime.mallocgc', '  402000       1200 T main.main'].join(
      '\n'
    )
    const r = run({ 'package-sizes': 'true' }, { nm, nmWaitsForPush: true })
    const result = await r.outcome
    // The fake build writes no amd64 ELF file to read in place, so the sizes come from the relink, and say so.
    expect(result.packages).toEqual({
      platform: 'linux/amd64',
      sizes: [
        { name: 'runtime', bytes: 5000 },
        { name: 'main', bytes: 1200 }
      ],
      method: 'relink'
    })
    expect(r.events.filter(e => e === 'go build')).toHaveLength(2)
    expect(r.events.filter(e => e === 'go tool')).toHaveLength(1)
  })

  it('compiles the platforms at once, as many as it has cores, and pushes them as one index', async () => {
    const platforms = 'linux/amd64,linux/arm64,linux/386'
    for (const parallelism of [1, 2, 3]) {
      const concurrency = { now: 0, most: 0 }
      const r = run({ platforms, 'package-sizes': 'false' }, { concurrency, parallelism })
      const result = await r.outcome
      expect([parallelism, concurrency.most]).toEqual([parallelism, parallelism])
      expect(result.sizes.map(s => s.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/386'])
      const index = JSON.parse(r.registry.manifests.get('v1')!.toString('utf8')) as {
        manifests: { platform: { architecture: string } }[]
      }
      expect(index.manifests.map(m => m.platform.architecture)).toEqual(['amd64', 'arm64', '386'])
    }
  })

  it("writes each platform's build, its go command included, as one whole group with its duration", async () => {
    const log = { lines: [] as string[] }
    const concurrency = { now: 0, most: 0 }
    const platforms = 'linux/amd64,linux/arm64'
    await run({ platforms, 'package-sizes': 'false' }, { log, concurrency }).outcome
    // Both compiled at once, yet their groups do not interleave.
    expect(concurrency.most).toBe(2)
    for (const arch of ['amd64', 'arm64']) {
      const title = `Build ${IMPORT_PATH} for linux/${arch}`
      const start = log.lines.indexOf(`::group::${title}`)
      expect(log.lines.slice(start, start + 5)).toEqual([
        `::group::${title}`,
        expect.stringMatching(
          new RegExp(
            `^\\[command\\].*/go build -trimpath -ldflags=-s -w -o .*/linux/${arch}/app \\.$`
          )
        ),
        `app: static 64-bit ELF for linux/${arch}, ${BINARIES[arch]!.length} bytes`,
        expect.stringMatching(new RegExp(`^${title}: done in \\d+\\.\\d\\d s$`)),
        '::endgroup::'
      ])
    }
  })

  it('hands over no cache state when the compile fails', async () => {
    const r = run({}, { buildCache: true, buildFails: true })
    await expect(r.outcome).rejects.toThrow(
      /^go build failed \(exit code 1\) for GOOS=linux GOARCH=amd64:\n/
    )
    expect(r.cacheStates).toEqual([])
    expect(r.events.filter(isPush)).toEqual([])
  })
})

describe('action.yml', () => {
  it('runs the post step after a failed main step, which saves the caches of a compile that succeeded', () => {
    const runs = actionMetadata().runs as Record<string, unknown>
    expect(runs).toMatchObject({ post: 'dist/index.js', 'post-if': 'always()' })
  })
})
