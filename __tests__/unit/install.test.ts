// The Go installer over a scripted mirror and a tool cache on a real temp directory: cache use, download checks,
// time limits, redaction, and concurrent installs into one cache.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  fetchReleases,
  installGo,
  releaseArch,
  runnerGoArch,
  sha256File,
  type InstallOptions
} from '../../src/go/install.js'
import { goToolName } from '../../src/go/mirror.js'
import type { GoRelease } from '../../src/go/version.js'
import type { Fetch, ToolCache } from '../../src/ports.js'
import { InputError } from '../../src/ports.js'
import {
  fakeFetch,
  fakeLogger,
  reply,
  tempDir,
  type RecordedRequest,
  type Reply
} from './helpers.js'

const BASE = 'https://mirror.example/golang'
const LIST = `${BASE}/?mode=json&include=all`
const TOOL = goToolName(BASE)
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

/** A stand-in for a Go release archive: its bytes are all the installer checks. */
const archive = (version: string): Buffer => Buffer.from(`pretend tarball of go${version}\n`)

function release(version: string, o: { stable?: boolean; payload?: Buffer; size?: number } = {}) {
  const payload = o.payload ?? archive(version)
  return {
    version: `go${version}`,
    stable: o.stable ?? true,
    files: [
      {
        filename: `go${version}.src.tar.gz`,
        os: '',
        arch: '',
        version: `go${version}`,
        sha256: '0'.repeat(64),
        size: 1,
        kind: 'source'
      },
      {
        filename: `go${version}.linux-amd64.tar.gz`,
        os: 'linux',
        arch: 'amd64',
        version: `go${version}`,
        sha256: sha256(payload),
        size: o.size ?? payload.length,
        kind: 'archive'
      }
    ]
  } satisfies GoRelease
}

const listReply = (releases: GoRelease[]): Response =>
  new Response(JSON.stringify(releases), {
    status: 200,
    headers: { 'content-type': 'application/json' }
  })

const delay = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/**
 * A body that sends its parts in order (a number is a pause in ms), then ends, or with hang: never ends, as a
 * stalled server. cancelled tells whether the reader gave up on it.
 */
function streamed(parts: (Buffer | number)[], o: { hang?: boolean } = {}) {
  const state = { cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      void (async () => {
        for (const p of parts) {
          if (typeof p === 'number') await delay(p)
          else if (!state.cancelled) c.enqueue(new Uint8Array(p))
        }
        if (!o.hang && !state.cancelled) c.close()
      })()
    },
    cancel() {
      state.cancelled = true
    }
  })
  return { response: new Response(body, { status: 200 }), state }
}

/** A mirror: the list, and each archive's replies in turn (the last one repeats). */
function mirror(
  releases: GoRelease[],
  archives: Record<string, (Buffer | (() => Response))[]> = {}
): { fetch: Fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const served: Record<string, number> = {}
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    const headers: Record<string, string> = {}
    for (const [k, v] of new Headers(init?.headers).entries()) headers[k] = v
    requests.push({ method: init?.method ?? 'GET', url, headers })
    if (url.endsWith('/?mode=json&include=all')) return listReply(releases)
    const name = url.split('/').pop()!
    const replies = archives[name]
    if (!replies) return reply(404, {}, 'not found')
    const i = Math.min(served[name] ?? 0, replies.length - 1)
    served[name] = (served[name] ?? 0) + 1
    const r = replies[i]!
    return typeof r === 'function' ? r() : new Response(r, { status: 200 })
  }
  return { fetch: fetch as Fetch, requests }
}

interface Extraction {
  file: string
  dest: string
  flags: string[]
  content: Buffer
  destBefore: string[]
}

interface FakeToolCache extends ToolCache {
  finds: [string, string, string][]
  extractions: Extraction[]
}

/**
 * A tool cache: `complete` maps versions it holds (semver) under a tool to directories, `listed` adds versions
 * findAllVersions shows but find does not (an incomplete entry). Beyond those, find looks at toolCacheDir as
 * tool-cache does (the directory and its .complete marker). Extraction records what it was given and writes a
 * go binary naming the archive into dest; `beforeExtract` runs first (a barrier, a crash).
 */
function fakeToolCache(
  o: {
    complete?: Record<string, Record<string, string>>
    listed?: string[]
    extractFails?: Error
    beforeExtract?: (dest: string) => Promise<void>
  } = {}
): FakeToolCache {
  const finds: [string, string, string][] = []
  const extractions: Extraction[] = []
  return {
    finds,
    extractions,
    find: (tool, version, arch) => {
      finds.push([tool, version, arch])
      if (arch !== 'x64') return ''
      const known = o.complete?.[tool]?.[version]
      if (known) return known
      const dir = path.join(toolCacheDir, tool, version, arch)
      return existsSync(dir) && existsSync(`${dir}.complete`) ? dir : ''
    },
    findAllVersions: (tool, arch) => {
      if (arch !== 'x64') return []
      const onDisk = existsSync(path.join(toolCacheDir, tool))
        ? readdirSync(path.join(toolCacheDir, tool)).filter(v =>
            existsSync(path.join(toolCacheDir, tool, v, `${arch}.complete`))
          )
        : []
      return [...Object.keys(o.complete?.[tool] ?? {}), ...(o.listed ?? []), ...onDisk]
    },
    extractTar: async (file, dest, flags) => {
      const content = await readFile(file)
      extractions.push({ file, dest, flags, content, destBefore: await readdir(dest) })
      await o.beforeExtract?.(dest)
      if (o.extractFails) {
        await writeFile(path.join(dest, 'half-written'), '')
        throw o.extractFails
      }
      await mkdir(path.join(dest, 'bin'), { recursive: true })
      await writeFile(path.join(dest, 'bin', 'go'), `go from ${content.toString().trim()}`)
      return dest
    }
  }
}

let dir = ''
let cleanup: () => Promise<void> = async () => undefined
let downloadDir = ''
let toolCacheDir = ''
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('gsi-install-'))
  downloadDir = path.join(dir, 'downloads')
  toolCacheDir = path.join(dir, 'toolcache')
  await mkdir(downloadDir)
  await mkdir(toolCacheDir)
})
afterEach(() => cleanup())

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false
  )

function options(
  toolCache: ToolCache,
  fetch: Fetch,
  over: Partial<InstallOptions> = {}
): InstallOptions & { logger: ReturnType<typeof fakeLogger> } {
  return {
    spec: '1.22',
    specInput: 'go-version',
    baseUrl: BASE,
    checkLatest: false,
    goArch: 'amd64',
    cacheArch: 'x64',
    toolCacheDir,
    fetch,
    toolCache,
    downloadDir,
    settleMs: 1000,
    ...over,
    logger: fakeLogger()
  }
}

const goroot = (version: string, tool = TOOL): string =>
  path.join(toolCacheDir, tool, version, 'x64')

describe('installGo from the tool cache', () => {
  it('uses a cached Go that satisfies the spec without fetching the release list', async () => {
    const tc = fakeToolCache({
      complete: { [TOOL]: { '1.22.5': '/tc/1.22.5/x64', '1.21.13': '/tc/1.21.13/x64' } }
    })
    const { fetch, requests } = fakeFetch([])
    const o = options(tc, fetch)
    await expect(installGo(o)).resolves.toEqual({
      version: '1.22.5',
      goroot: '/tc/1.22.5/x64',
      source: 'cache'
    })
    expect(requests).toEqual([])
    expect(tc.finds).toEqual([[TOOL, '1.22.5', 'x64']])
    expect(o.logger.infos).toContain('Go 1.22.5 found in the tool cache: /tc/1.22.5/x64')
  })

  it('looks an old line up under its semver name and reports Go’s name', async () => {
    const tc = fakeToolCache({ complete: { [TOOL]: { '1.20.0': '/tc/1.20.0/x64' } } })
    const { fetch } = fakeFetch([])
    await expect(installGo(options(tc, fetch, { spec: '1.20.0' }))).resolves.toEqual({
      version: '1.20',
      goroot: '/tc/1.20.0/x64',
      source: 'cache'
    })
    expect(tc.finds).toEqual([[TOOL, '1.20.0', 'x64']])
  })

  it('finds a cached release candidate', async () => {
    const tc = fakeToolCache({ complete: { [TOOL]: { '1.23.0-rc.1': '/tc/rc/x64' } } })
    const { fetch } = fakeFetch([])
    await expect(installGo(options(tc, fetch, { spec: '1.23rc1' }))).resolves.toMatchObject({
      version: '1.23rc1',
      source: 'cache'
    })
  })

  it('takes a cached patch at or above a go line, without the list', async () => {
    const tc = fakeToolCache({
      complete: { [TOOL]: { '1.22.2': '/tc/1.22.2/x64', '1.22.7': '/tc/1.22.7/x64' } }
    })
    const { fetch, requests } = fakeFetch([])
    const o = options(tc, fetch, {
      spec: '1.22.3',
      line: 'go',
      specInput: 'go-version-file (go.mod)',
      specFile: 'go.mod'
    })
    await expect(installGo(o)).resolves.toMatchObject({ version: '1.22.7', source: 'cache' })
    expect(requests).toEqual([])
  })

  it.each(['stable', 'oldstable'])('fetches the list for %s even with a cached Go', async spec => {
    const tc = fakeToolCache({
      complete: { [TOOL]: { '1.22.5': '/tc/1.22.5/x64', '1.21.13': '/tc/1.21.13/x64' } }
    })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5'), release('1.21.13')])])
    const r = await installGo(options(tc, fetch, { spec }))
    expect(requests).toHaveLength(1)
    expect(r).toEqual({
      version: spec === 'stable' ? '1.22.5' : '1.21.13',
      goroot: spec === 'stable' ? '/tc/1.22.5/x64' : '/tc/1.21.13/x64',
      source: 'cache-after-list'
    })
  })

  it('with check-latest, fetches the list and finds its answer already cached', async () => {
    const tc = fakeToolCache({ complete: { [TOOL]: { '1.22.5': '/tc/1.22.5/x64' } } })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5'), release('1.21.13')])])
    await expect(installGo(options(tc, fetch, { checkLatest: true }))).resolves.toEqual({
      version: '1.22.5',
      goroot: '/tc/1.22.5/x64',
      source: 'cache-after-list'
    })
    expect(requests.map(r => r.url)).toEqual([LIST])
  })
})

describe('tool cache keys', () => {
  it('keeps go.dev’s releases under "go", as setup-go and the runner images do', async () => {
    const tc = fakeToolCache({
      complete: { go: { '1.22.5': '/opt/hostedtoolcache/go/1.22.5/x64' } }
    })
    const { fetch } = fakeFetch([])
    for (const baseUrl of ['https://go.dev/dl', 'https://go.dev/dl/', 'HTTPS://GO.DEV/dl']) {
      await expect(installGo(options(tc, fetch, { baseUrl }))).resolves.toMatchObject({
        goroot: '/opt/hostedtoolcache/go/1.22.5/x64',
        source: 'cache'
      })
    }
  })

  it('does not let the runner’s stock Go stand in for a mirror’s build of the same version', async () => {
    // The runner has go.dev's 1.22.5; the mirror (a FIPS build, say) has its own 1.22.5.
    const tc = fakeToolCache({
      complete: { go: { '1.22.5': '/opt/hostedtoolcache/go/1.22.5/x64' } }
    })
    const { fetch, requests } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    const o = options(tc, fetch)
    const r = await installGo(o)
    expect(r).toEqual({ version: '1.22.5', goroot: goroot('1.22.5'), source: 'download' })
    expect(TOOL).toMatch(/^go-custom-[0-9a-f]{12}$/)
    expect(requests.map(q => q.url)).toEqual([LIST, `${BASE}/go1.22.5.linux-amd64.tar.gz`])
    expect(tc.finds.every(([tool]) => tool === TOOL)).toBe(true)
    expect(o.logger.infos).toContain(
      `Go from ${BASE} is kept apart from go.dev's in the tool cache, as ${TOOL}.`
    )
    // A second run from the same mirror finds the mirror's copy.
    const again = await installGo(options(tc, fakeFetch([]).fetch, { spec: '1.22.5' }))
    expect(again).toMatchObject({ goroot: goroot('1.22.5'), source: 'cache' })
  })
})

describe('installGo downloading', () => {
  it('with check-latest, downloads a newer patch than the cached one', async () => {
    const tc = fakeToolCache({ complete: { [TOOL]: { '1.22.5': '/tc/1.22.5/x64' } } })
    const { fetch, requests } = mirror([release('1.22.6'), release('1.22.5')], {
      'go1.22.6.linux-amd64.tar.gz': [archive('1.22.6')]
    })
    const r = await installGo(options(tc, fetch, { checkLatest: true }))
    expect(r).toEqual({ version: '1.22.6', goroot: goroot('1.22.6'), source: 'download' })
    expect(requests.map(q => q.url)).toEqual([LIST, `${BASE}/go1.22.6.linux-amd64.tar.gz`])
  })

  it('goes to the list when the cache lists a version it cannot find (an incomplete entry)', async () => {
    const tc = fakeToolCache({ listed: ['1.22.5'] })
    const { fetch, requests } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    await expect(installGo(options(tc, fetch))).resolves.toMatchObject({
      version: '1.22.5',
      source: 'download'
    })
    expect(requests).toHaveLength(2)
  })

  it('extracts beside its place in the tool cache, renames it in and marks it complete last', async () => {
    let markerWhileExtracting: boolean | undefined
    const tc = fakeToolCache({
      beforeExtract: async () =>
        void (markerWhileExtracting = await exists(`${goroot('1.22.5')}.complete`))
    })
    const { fetch } = mirror([release('1.22.5'), release('1.21.13')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    const o = options(tc, fetch, { baseUrl: `${BASE}//` })
    await expect(installGo(o)).resolves.toEqual({
      version: '1.22.5',
      goroot: goroot('1.22.5'),
      source: 'download'
    })
    expect(tc.extractions).toHaveLength(1)
    const x = tc.extractions[0] as Extraction
    // Staged inside the version's directory (one filesystem, so the rename is atomic), empty at first.
    expect(path.dirname(x.dest)).toBe(path.dirname(goroot('1.22.5')))
    expect(path.basename(x.dest)).toMatch(/^\.x64\.partial-/)
    expect(x.destBefore).toEqual([])
    expect(x.flags).toEqual(['xz', '--strip-components=1'])
    expect(x.content.equals(archive('1.22.5'))).toBe(true)
    expect(markerWhileExtracting).toBe(false)
    // tool-cache's find() accepts a version only with this marker beside its directory.
    expect(await exists(`${goroot('1.22.5')}.complete`)).toBe(true)
    expect(await readFile(path.join(goroot('1.22.5'), 'bin', 'go'), 'utf8')).toBe(
      'go from pretend tarball of go1.22.5'
    )
    // Nothing is left beside it, and the downloaded archive is not kept.
    expect((await readdir(path.dirname(goroot('1.22.5')))).sort()).toEqual(['x64', 'x64.complete'])
    expect(await readdir(downloadDir)).toEqual([])
    expect(o.logger.warnings).toEqual([])
    expect(o.logger.infos).toContain(`Go 1.22.5 installed in ${goroot('1.22.5')}`)
  })

  it('reports the download growing, then its time and speed', async () => {
    const payload = Buffer.alloc(2_000_000, 7)
    const tc = fakeToolCache()
    const { fetch } = mirror([release('1.22.5', { payload })], {
      // Half, a pause long enough for progress ticks, then the rest, as a slow link would.
      'go1.22.5.linux-amd64.tar.gz': [
        () => streamed([payload.subarray(0, 1_000_000), 80, payload.subarray(1_000_000)]).response
      ]
    })
    const o = options(tc, fetch, { progressMs: 10 })
    await installGo(o)
    const log = o.logger.infos.join('\n')
    expect(log).toContain(
      'Downloading https://mirror.example/golang/go1.22.5.linux-amd64.tar.gz (2.0 MB)'
    )
    expect(log).toContain('go1.22.5.linux-amd64.tar.gz: 1.0 MB of 2.0 MB (50%)')
    expect(log).toMatch(/go1\.22\.5\.linux-amd64\.tar\.gz: downloaded in [\d.]+ s \([\d.]+ MB\/s\)/)
  })

  it('installs a release candidate under its semver name', async () => {
    const tc = fakeToolCache()
    const { fetch } = mirror([release('1.23rc1', { stable: false }), release('1.22.5')], {
      'go1.23rc1.linux-amd64.tar.gz': [archive('1.23rc1')]
    })
    const r = await installGo(options(tc, fetch, { spec: '1.23rc1' }))
    expect(r.version).toBe('1.23rc1')
    expect(r.goroot).toBe(goroot('1.23.0-rc.1'))
    expect(await exists(`${r.goroot}.complete`)).toBe(true)
  })

  it('downloads once more after a sha256 mismatch, and keeps the good copy', async () => {
    const good = archive('1.22.5')
    const corrupt = Buffer.from(good)
    corrupt[0] = corrupt[0]! ^ 0xff // same size, other bytes
    const tc = fakeToolCache()
    const { fetch, requests } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [corrupt, good]
    })
    const o = options(tc, fetch)
    await expect(installGo(o)).resolves.toMatchObject({ source: 'download' })
    expect(requests).toHaveLength(3)
    expect(tc.extractions[0]?.content.equals(good)).toBe(true)
    expect(o.logger.warnings).toEqual([
      `go1.22.5.linux-amd64.tar.gz: expected sha256 ${sha256(good)}, got ${sha256(corrupt)}; discarded`
    ])
    expect(o.logger.infos.some(l => l.endsWith(', attempt 2'))).toBe(true)
    expect(await readdir(downloadDir)).toEqual([])
  })

  it('fails after two mismatching downloads, naming both hashes, and caches nothing', async () => {
    const good = archive('1.22.5')
    const bad1 = Buffer.from('first corrupt copy of the archive')
    const bad2 = Buffer.from('second corrupt copy')
    const tc = fakeToolCache()
    const { fetch, requests } = mirror([release('1.22.5', { payload: good })], {
      'go1.22.5.linux-amd64.tar.gz': [bad1, bad2]
    })
    const o = options(tc, fetch)
    const err = await installGo(o).then(
      () => undefined,
      (e: Error) => e
    )
    expect(err?.message).toBe(
      'The Go download go1.22.5.linux-amd64.tar.gz does not match the release list: expected ' +
        `${good.length} bytes with sha256 ${sha256(good)}, got ${bad2.length} bytes with sha256 ${sha256(bad2)} ` +
        `(twice). It was discarded and nothing was cached; check go-download-base-url (${BASE}) or retry.`
    )
    expect(requests).toHaveLength(3)
    expect(tc.extractions).toEqual([])
    expect(o.logger.warnings).toHaveLength(2)
    expect(await readdir(downloadDir)).toEqual([])
    expect(await readdir(toolCacheDir)).toEqual([])
  })

  it('fails on a size mismatch even when the hash matches', async () => {
    const payload = archive('1.22.5')
    const tc = fakeToolCache()
    const { fetch } = mirror([release('1.22.5', { payload, size: payload.length + 1 })], {
      'go1.22.5.linux-amd64.tar.gz': [payload]
    })
    await expect(installGo(options(tc, fetch))).rejects.toThrow(
      `expected ${payload.length + 1} bytes with sha256 ${sha256(payload)}, got ${payload.length} bytes ` +
        `with sha256 ${sha256(payload)} (twice)`
    )
    expect(tc.extractions).toEqual([])
  })

  it('removes a half-extracted Go and the archive when extraction fails', async () => {
    const tc = fakeToolCache({ extractFails: new Error('tar: Unexpected EOF in archive') })
    const { fetch } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    await expect(installGo(options(tc, fetch))).rejects.toThrow('tar: Unexpected EOF in archive')
    expect(await readdir(path.dirname(goroot('1.22.5')))).toEqual([])
    expect(await readdir(downloadDir)).toEqual([])
  })

  it('does not retry a missing archive, and names it', async () => {
    const tc = fakeToolCache()
    const { fetch, requests } = mirror([release('1.22.5')])
    await expect(installGo(options(tc, fetch))).rejects.toThrow(
      `The Go download ${BASE}/go1.22.5.linux-amd64.tar.gz answered 404 (of ${archive('1.22.5').length} bytes ` +
        `expected). Nothing was cached; check go-download-base-url (${BASE}) and the network, or retry.`
    )
    expect(requests).toHaveLength(2)
  })

  it('names the input that asked for a version the list does not have', async () => {
    const tc = fakeToolCache()
    const { fetch } = fakeFetch([listReply([release('1.22.5')])])
    await expect(
      installGo(
        options(tc, fetch, {
          spec: '1.19.3',
          specInput: 'go-version-file (.go-version)',
          specFile: '.go-version'
        })
      )
    ).rejects.toThrow(
      "go-version-file (.go-version): no Go release matches '1.19.3' for linux/amd64. Newest stable releases: " +
        '1.22.5. Change .go-version to one of them, or set go-version.'
    )
  })
})

describe('installGo for a go.mod go line', () => {
  const opts = (spec: string) => ({
    spec,
    line: 'go' as const,
    specInput: 'go-version-file (go.mod)',
    specFile: 'go.mod'
  })

  it('takes the newest stable release above a go line whose minor the list lacks, and says so', async () => {
    const tc = fakeToolCache()
    const { fetch } = mirror([release('1.19.8')], {
      'go1.19.8.linux-amd64.tar.gz': [archive('1.19.8')]
    })
    const o = options(tc, fetch, opts('1.18'))
    await expect(installGo(o)).resolves.toMatchObject({ version: '1.19.8', source: 'download' })
    expect(o.logger.infos).toContain(
      `go.mod says go 1.18, a minimum, and ${BASE} has no Go 1.18 release at or above it: using Go 1.19.8, ` +
        'the newest stable release. Add a toolchain line to go.mod to pin another.'
    )
    expect(o.logger.warnings).toEqual([])
  })

  it('warns that an unsupported minor gets no security fixes, naming the newest release and the fix', async () => {
    const tc = fakeToolCache({ complete: { [TOOL]: { '1.20.14': '/tc/1.20.14/x64' } } })
    const { fetch } = fakeFetch([
      listReply([release('1.22.5'), release('1.21.12'), release('1.20.14')])
    ])
    // check-latest: the cache alone cannot know which lines are still supported.
    const o = options(tc, fetch, { ...opts('1.20'), checkLatest: true })
    await expect(installGo(o)).resolves.toMatchObject({ version: '1.20.14' })
    expect(o.logger.warnings).toEqual([
      'Go 1.20.14 (from the go line of go.mod) is no longer supported: Go fixes security issues only in its two ' +
        'newest lines (1.22 and 1.21), so the standard library built into this binary gets no security fixes. ' +
        "The newest release is Go 1.22.5: set go-version: stable, or add the line 'toolchain go1.22.5' to go.mod."
    ])
  })

  it('fails on a go line newer than any release, naming the file, the value, the newest and the fix', async () => {
    const tc = fakeToolCache()
    const { fetch } = fakeFetch([listReply([release('1.19.8')])])
    const run = installGo(options(tc, fetch, opts('1.99')))
    await expect(run).rejects.toThrow(InputError)
    await expect(run).rejects.toThrow(
      `go-version-file (go.mod): go.mod says go 1.99, newer than any Go release for linux/amd64 at ${BASE} ` +
        '(the newest is 1.19.8). Lower the go line to 1.19 or below, point go-download-base-url at a mirror ' +
        'that has Go 1.99, or set go-version.'
    )
  })
})

describe('time limits', () => {
  const payload = Buffer.alloc(5000, 1)
  const list = [release('1.22.5', { payload })]
  const file = `${BASE}/go1.22.5.linux-amd64.tar.gz`

  it('gives up on a stalled transfer after the policy’s five attempts, naming the URL, the bytes and the limit', async () => {
    const stalls = [1000, 2000, 3000, 4000, 4500].map(n =>
      streamed([payload.subarray(0, n)], { hang: true })
    )
    let n = 0
    const tc = fakeToolCache()
    const { fetch } = mirror(list, { 'go1.22.5.linux-amd64.tar.gz': [() => stalls[n++]!.response] })
    const sleeps: number[] = []
    const o = options(tc, fetch, {
      timeouts: { idleMs: 30 },
      sleep: async ms => void sleeps.push(ms),
      random: () => 1
    })
    await expect(installGo(o)).rejects.toThrow(
      `The Go download ${file} stalled: no data for 0.03 s (the idle timeout) after 4500 bytes (of 5000 bytes ` +
        `expected). Nothing was cached; check go-download-base-url (${BASE}) and the network, or retry.`
    )
    const stalled = (bytes: number): string =>
      `The Go download ${file} stalled: no data for 0.03 s (the idle timeout) after ${bytes} bytes`
    expect(o.logger.warnings).toEqual([
      `${stalled(1000)}; attempt 2 in 0.5 s`,
      `${stalled(2000)}; attempt 3 in 1.0 s`,
      `${stalled(3000)}; attempt 4 in 2.0 s`,
      `${stalled(4000)}; attempt 5 in 4.0 s`
    ])
    // The shared policy's backoff (src/http/policy.ts), at the most jitter allows.
    expect(sleeps).toEqual([500, 1000, 2000, 4000])
    // The stalled bodies were given up, not left holding their connections.
    expect(stalls.map(s => s.state.cancelled)).toEqual([true, true, true, true, true])
    expect(await readdir(downloadDir)).toEqual([])
    expect(await readdir(toolCacheDir)).toEqual([])
  })

  it('recovers when the second try flows', async () => {
    const tc = fakeToolCache()
    const { fetch } = mirror(list, {
      'go1.22.5.linux-amd64.tar.gz': [
        () => streamed([payload.subarray(0, 1000)], { hang: true }).response,
        payload
      ]
    })
    const o = options(tc, fetch, { timeouts: { idleMs: 30 } })
    await expect(installGo(o)).resolves.toMatchObject({ version: '1.22.5', source: 'download' })
  })

  it('waits for the response to start no longer than the connect timeout', async () => {
    const signals: AbortSignal[] = []
    const silent: Fetch = async (input, init) => {
      if (String(input).endsWith('include=all')) return listReply(list)
      signals.push(init!.signal!)
      return new Promise<Response>(() => undefined)
    }
    const o = options(fakeToolCache(), silent, {
      timeouts: { connectMs: 20 },
      sleep: async () => undefined
    })
    await expect(installGo(o)).rejects.toThrow(
      `The Go download ${file}: no response within 0.02 s (the connect timeout) (of 5000 bytes expected).`
    )
    expect(signals).toHaveLength(5)
    expect(signals.every(s => s.aborted)).toBe(true)
  })

  it('stops a transfer that still trickles when the download budget is spent, without a second try', async () => {
    const trickle = [
      payload.subarray(0, 100),
      15,
      payload.subarray(100, 200),
      15,
      payload.subarray(200, 300),
      15
    ]
    const tc = fakeToolCache()
    const { fetch, requests } = mirror(list, {
      'go1.22.5.linux-amd64.tar.gz': [
        () => streamed([...trickle, ...trickle, ...trickle, ...trickle]).response
      ]
    })
    const o = options(tc, fetch, { timeouts: { idleMs: 1000, downloadBudgetMs: 40 } })
    await expect(installGo(o)).rejects.toThrow(
      new RegExp(
        `^The Go download ${file.replace(/[.?]/g, '\\$&')} ran out of time after \\d+ bytes: its budget of 0\\.04 s was spent`
      )
    )
    expect(requests).toHaveLength(2)
  })
})

describe('credentials in go-download-base-url', () => {
  const SECRET_BASE = 'https://ci-bot:s3cr%40t@mirror.example/golang'

  it('are masked, sent as Basic authorization, and never shown', async () => {
    const tc = fakeToolCache()
    const { fetch, requests } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    const o = options(tc, fetch, { baseUrl: SECRET_BASE })
    await installGo(o)
    expect(o.logger.masked).toEqual(
      expect.arrayContaining(['ci-bot:s3cr%40t', 's3cr%40t', 's3cr@t'])
    )
    expect(requests.map(r => r.url)).toEqual([LIST, `${BASE}/go1.22.5.linux-amd64.tar.gz`])
    const basic = `Basic ${Buffer.from('ci-bot:s3cr@t').toString('base64')}`
    expect(requests.map(r => r.headers.authorization)).toEqual([basic, basic])
    const log = [...o.logger.infos, ...o.logger.warnings].join('\n')
    expect(log).toContain(
      'Downloading https://***@mirror.example/golang/go1.22.5.linux-amd64.tar.gz'
    )
    expect(log).not.toMatch(/s3cr|ci-bot/)
  })

  it('share the tool cache key of the same mirror without them', () => {
    expect(goToolName(SECRET_BASE)).toBe(goToolName(BASE))
    expect(goToolName(`${BASE}/`)).toBe(goToolName(BASE))
    expect(goToolName('https://other.example/golang')).not.toBe(goToolName(BASE))
  })

  it('stay out of every error message', async () => {
    const good = archive('1.22.5')
    const cases: [Fetch, RegExp][] = [
      [fakeFetch([reply(404), reply(404)]).fetch, /answered 404/],
      [
        mirror([release('1.22.5', { payload: good })], {
          'go1.22.5.linux-amd64.tar.gz': [Buffer.from('bad')]
        }).fetch,
        /does not match/
      ],
      [mirror([release('1.22.5')]).fetch, /answered 404/],
      [
        mirror([release('1.22.5')], {
          'go1.22.5.linux-amd64.tar.gz': [() => streamed([], { hang: true }).response]
        }).fetch,
        /stalled/
      ]
    ]
    for (const [fetch, what] of cases) {
      const o = options(fakeToolCache(), fetch, {
        baseUrl: SECRET_BASE,
        timeouts: { idleMs: 20 },
        sleep: async () => undefined
      })
      const err = await installGo(o).then(
        () => undefined,
        (e: Error) => e
      )
      expect(err?.message).toMatch(what)
      expect(err?.message).toContain('https://***@mirror.example/golang')
      expect(
        `${err?.message}\n${o.logger.infos.join('\n')}\n${o.logger.warnings.join('\n')}`
      ).not.toMatch(/s3cr|ci-bot/)
    }
  })

  it('are redacted when the list cannot be reached', async () => {
    jest.useFakeTimers()
    try {
      const refused = (): Error =>
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      const { fetch } = fakeFetch([refused(), refused(), refused(), refused(), refused()])
      const run = fetchReleases(SECRET_BASE, fetch).then(
        () => undefined,
        (e: Error) => e
      )
      await jest.advanceTimersByTimeAsync(20_000)
      expect((await run)?.message).toBe(
        'go-download-base-url: could not reach https://***@mirror.example/golang/?mode=json&include=all ' +
          '(ECONNREFUSED). Check the URL or leave the input empty for https://go.dev/dl.'
      )
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('one tool cache, several runs', () => {
  it('two runs installing the same Go at once both succeed; the loser uses the winner’s copy', async () => {
    // Both extract before either moves its copy into place: the race the tool cache has to survive.
    let arrived = 0
    let release_: () => void = () => undefined
    const bothExtracting = new Promise<void>(r => (release_ = r))
    const barrier = async (): Promise<void> => {
      if (++arrived === 2) release_()
      await bothExtracting
    }
    const runs = [0, 1].map(() => {
      const { fetch } = mirror([release('1.22.5')], {
        'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
      })
      return options(fakeToolCache({ beforeExtract: barrier }), fetch)
    })
    const results = await Promise.all(runs.map(o => installGo(o)))
    expect(results).toEqual([
      { version: '1.22.5', goroot: goroot('1.22.5'), source: 'download' },
      { version: '1.22.5', goroot: goroot('1.22.5'), source: 'download' }
    ])
    const said = runs.map(o => o.logger.infos.join('\n'))
    expect(said.filter(l => l.includes(`Go 1.22.5 installed in ${goroot('1.22.5')}`))).toHaveLength(
      1
    )
    expect(
      said.filter(l =>
        l.includes(`Go 1.22.5 was installed by another run meanwhile: ${goroot('1.22.5')}`)
      )
    ).toHaveLength(1)
    expect(await readFile(path.join(goroot('1.22.5'), 'bin', 'go'), 'utf8')).toBe(
      'go from pretend tarball of go1.22.5'
    )
    expect((await readdir(path.dirname(goroot('1.22.5')))).sort()).toEqual(['x64', 'x64.complete'])
    expect(await readdir(downloadDir)).toEqual([])
  })

  it('repairs a Go left half-extracted (no .complete marker) by a run that was killed', async () => {
    const root = goroot('1.22.5')
    await mkdir(path.join(root, 'src', 'syscall'), { recursive: true })
    await writeFile(path.join(root, 'src', 'syscall', 'half.go'), 'package sysc')
    const tc = fakeToolCache()
    const { fetch } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    const o = options(tc, fetch, { settleMs: 30 })
    await expect(installGo(o)).resolves.toEqual({
      version: '1.22.5',
      goroot: root,
      source: 'download'
    })
    expect(o.logger.infos).toContain(
      `${root} has no .complete marker (an install that was interrupted); replacing it.`
    )
    expect(await exists(path.join(root, 'src', 'syscall', 'half.go'))).toBe(false)
    expect(await readFile(path.join(root, 'bin', 'go'), 'utf8')).toBe(
      'go from pretend tarball of go1.22.5'
    )
    expect((await readdir(path.dirname(root))).sort()).toEqual(['x64', 'x64.complete'])
  })

  it('clears what killed runs left beside the install a day ago, and leaves a live run’s staging alone', async () => {
    const versionDir = path.dirname(goroot('1.22.5'))
    const stale = [
      path.join(versionDir, '.x64.partial-dead01'),
      path.join(versionDir, '.x64.old-dead02')
    ]
    const live = path.join(versionDir, '.x64.partial-live03')
    for (const d of [...stale, live]) await mkdir(path.join(d, 'src'), { recursive: true })
    const now = Date.now()
    const twoDaysAgo = new Date(now - 2 * 24 * 3600_000)
    for (const d of stale) await utimes(d, twoDaysAgo, twoDaysAgo)
    const { fetch } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    await installGo(options(fakeToolCache(), fetch, { now: () => now }))
    expect((await readdir(versionDir)).sort()).toEqual([
      '.x64.partial-live03',
      'x64',
      'x64.complete'
    ])
  })

  it('waits for a copy another run has just moved into place to be marked, and uses it', async () => {
    const root = goroot('1.22.5')
    const tc = fakeToolCache({
      // The other run renames its copy in while this one extracts, and marks it a moment later.
      beforeExtract: async () => {
        await mkdir(path.join(root, 'bin'), { recursive: true })
        await writeFile(path.join(root, 'bin', 'go'), 'the other run’s go')
        setTimeout(() => void writeFile(`${root}.complete`, ''), 50)
      }
    })
    const { fetch } = mirror([release('1.22.5')], {
      'go1.22.5.linux-amd64.tar.gz': [archive('1.22.5')]
    })
    const o = options(tc, fetch, { settleMs: 2000 })
    await expect(installGo(o)).resolves.toMatchObject({ goroot: root })
    expect(await readFile(path.join(root, 'bin', 'go'), 'utf8')).toBe('the other run’s go')
    expect(o.logger.infos.join('\n')).not.toContain('replacing it')
    expect((await readdir(path.dirname(root))).sort()).toEqual(['x64', 'x64.complete'])
  })
})
describe('fetchReleases', () => {
  const URL_ = `${BASE}/?mode=json&include=all`

  it('reads the list from ?mode=json&include=all under the base URL', async () => {
    const list = [release('1.22.5')]
    const { fetch, requests } = fakeFetch([listReply(list)])
    await expect(fetchReleases(`${BASE}/`, fetch)).resolves.toEqual(list)
    expect(requests.map(r => [r.method, r.url])).toEqual([['GET', URL_]])
  })

  it.each([404, 403])('does not retry a %i, and names the input', async status => {
    const { fetch, requests } = fakeFetch([reply(status)])
    const run = fetchReleases(BASE, fetch)
    await expect(run).rejects.toThrow(InputError)
    await expect(run).rejects.toThrow(
      `go-download-base-url: ${URL_} answered ${status}. It must list Go releases as JSON at ?mode=json&include=all.`
    )
    expect(requests).toHaveLength(1)
  })

  it.each([
    ['an HTML page', '<html>Go downloads</html>'],
    ['a JSON object', '{"version":"go1.22.5"}']
  ])('rejects %s', async (_what, body) => {
    const { fetch } = fakeFetch([reply(200, { 'content-type': 'text/html' }, body)])
    await expect(fetchReleases(BASE, fetch)).rejects.toThrow(
      `go-download-base-url: ${URL_} did not return a JSON list of Go releases.`
    )
  })

  describe('retries', () => {
    beforeEach(() => void jest.useFakeTimers())
    afterEach(() => void jest.useRealTimers())

    /** Runs fetchReleases while moving the fake clock past its back-off. */
    async function settle(script: Reply[]) {
      const { fetch, requests } = fakeFetch(script)
      const outcome = fetchReleases(BASE, fetch).then(
        value => ({ value, error: undefined }),
        (error: Error) => ({ value: undefined, error })
      )
      // The policy's five attempts wait at most 0.5 + 1 + 2 + 4 s between them.
      await jest.advanceTimersByTimeAsync(20_000)
      return { ...(await outcome), requests }
    }

    it('retries server errors and resets, then reads the list', async () => {
      const list = [release('1.22.5')]
      const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
      const { value, error, requests } = await settle([reply(503), reset, listReply(list)])
      expect(error).toBeUndefined()
      expect(value).toEqual(list)
      expect(requests).toHaveLength(3)
    })

    it('gives up after five unreachable attempts, naming the cause and the fix', async () => {
      const refused = (): Error =>
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      const { error, requests } = await settle(Array.from({ length: 5 }, refused))
      expect(requests).toHaveLength(5)
      expect(error).toBeInstanceOf(InputError)
      expect(error?.message).toBe(
        `go-download-base-url: could not reach ${URL_} (ECONNREFUSED). Check the URL or leave the input empty ` +
          'for https://go.dev/dl.'
      )
    })

    it('reports a server error that lasts through all five attempts', async () => {
      const { error, requests } = await settle([502, 503, 504, 503, 500].map(s => reply(s)))
      expect(requests).toHaveLength(5)
      expect(error?.message).toBe(
        `go-download-base-url: could not reach ${URL_} (answered 500 5 times). Check the URL or leave the ` +
          'input empty for https://go.dev/dl.'
      )
    })
  })

  describe('time limits', () => {
    it('gives a silent server the connect timeout, a stalled list the idle timeout, and names the last', async () => {
      const signals: AbortSignal[] = []
      let n = 0
      const fetch: Fetch = async (_input, init) => {
        signals.push(init!.signal!)
        if (++n === 1) return new Promise<Response>(() => undefined) // accepts, never answers
        return streamed([Buffer.from(n === 2 ? '[{"version":' : '[{')], { hang: true }).response
      }
      const error = await fetchReleases(BASE, fetch, {
        timeouts: { connectMs: 20, idleMs: 20 },
        sleep: async () => undefined
      }).then(
        () => undefined,
        (e: Error) => e
      )
      expect(n).toBe(5)
      // Every request was abandoned, not left holding a connection.
      expect(signals.map(s => s.aborted)).toEqual([true, true, true, true, true])
      expect(error).toBeInstanceOf(InputError)
      expect(error?.message).toBe(
        `go-download-base-url: could not reach ${URL_} (stalled: no data for 0.02 s (the idle timeout) after 2 ` +
          'bytes). Check the URL or leave the input empty for https://go.dev/dl.'
      )
    })

    it('stops retrying when the budget for the list is spent', async () => {
      // Each answer takes 6 s on this clock: a second attempt fits a 10 s budget, a third does not.
      let clock = 0
      const sleeps: number[] = []
      const { fetch, requests } = fakeFetch([
        () => ((clock += 6000), reply(503)),
        () => ((clock += 6000), reply(503)),
        () => ((clock += 6000), reply(503))
      ])
      const error = await fetchReleases(BASE, fetch, {
        // A second attempt needs its wait and one silence of 1 s to fit in what is left.
        timeouts: { listBudgetMs: 10_000, connectMs: 1000, idleMs: 1000 },
        random: () => 1,
        now: () => clock,
        sleep: async ms => {
          sleeps.push(ms)
          clock += ms
        }
      }).then(
        () => undefined,
        (e: Error) => e
      )
      expect(requests).toHaveLength(2)
      expect(sleeps).toEqual([500])
      expect(error?.message).toBe(
        `go-download-base-url: could not reach ${URL_} (HTTP 503; the budget of 10 s for the list is spent). ` +
          'Check the URL or leave the input empty for https://go.dev/dl.'
      )
    })
  })
})

describe('runnerGoArch', () => {
  // GOARCH, as image platforms and go build name it; the release list's own names are releaseArch's.
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['ia32', '386'],
    ['arm', 'arm']
  ])('%s -> %s', (node, go) => expect(runnerGoArch(node)).toBe(go))

  it.each([
    ['amd64', 'amd64'],
    ['arm64', 'arm64'],
    ['386', '386'],
    ['arm', 'armv6l']
  ])('releaseArch(%s) -> %s', (goarch, listed) => expect(releaseArch(goarch)).toBe(listed))

  it('downloads the armv6l archive for a 32-bit ARM runner', async () => {
    const payload = archive('1.22.5')
    const armRelease: GoRelease = {
      version: 'go1.22.5',
      stable: true,
      files: [
        {
          filename: 'go1.22.5.linux-armv6l.tar.gz',
          os: 'linux',
          arch: 'armv6l',
          version: 'go1.22.5',
          sha256: sha256(payload),
          size: payload.length,
          kind: 'archive'
        }
      ]
    }
    const { fetch, requests } = mirror([armRelease], { 'go1.22.5.linux-armv6l.tar.gz': [payload] })
    const o = options(fakeToolCache(), fetch, { goArch: runnerGoArch('arm'), cacheArch: 'x64' })
    await expect(installGo(o)).resolves.toMatchObject({ version: '1.22.5', source: 'download' })
    expect(requests.map(r => r.url)).toEqual([LIST, `${BASE}/go1.22.5.linux-armv6l.tar.gz`])
  })

  it.each(['mips', 'ppc64', 's390x', ''])('refuses %j with the fix', arch => {
    expect(() => runnerGoArch(arch)).toThrow(
      `Runner architecture ${arch} has no Go release; use an x64 or arm64 runner.`
    )
  })
})

describe('sha256File', () => {
  it('hashes a file as sha256sum does', async () => {
    const file = path.join(dir, 'f')
    await writeFile(file, 'abc')
    // The FIPS 180-2 test vector for "abc".
    await expect(sha256File(file)).resolves.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
  })
})
