import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  fetchReleases,
  installGo,
  runnerGoArch,
  sha256File,
  type InstallOptions
} from '../../src/go/install.js'
import type { GoRelease } from '../../src/go/version.js'
import type { Fetch, Logger, ToolCache } from '../../src/ports.js'
import { InputError } from '../../src/ports.js'
import { fakeFetch, reply, tempDir, type Reply } from './helpers.js'

const BASE = 'https://mirror.example/golang'
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

function levelLogger(): Logger & { infos: string[]; warnings: string[] } {
  const infos: string[] = []
  const warnings: string[] = []
  return {
    infos,
    warnings,
    info: m => void infos.push(m),
    warning: m => void warnings.push(m),
    debug: () => undefined,
    group: (_n, fn) => fn(),
    mask: () => undefined
  }
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
  downloads: string[]
  extractions: Extraction[]
}

/**
 * A tool cache: `complete` maps the versions it holds (semver) to their directories, `listed` adds versions
 * findAllVersions shows but find does not (an incomplete entry). Downloads write the next payload into
 * downloadDir; extraction records what it was given and writes a go binary into dest.
 */
function fakeToolCache(o: {
  complete?: Record<string, string>
  listed?: string[]
  payloads?: Buffer[]
  downloadDir?: string
  extractFails?: Error
}): FakeToolCache {
  const finds: [string, string, string][] = []
  const downloads: string[] = []
  const extractions: Extraction[] = []
  const payloads = [...(o.payloads ?? [])]
  return {
    finds,
    downloads,
    extractions,
    find: (tool, version, arch) => {
      finds.push([tool, version, arch])
      return (tool === 'go' && arch === 'x64' && o.complete?.[version]) || ''
    },
    findAllVersions: (tool, arch) =>
      tool === 'go' && arch === 'x64'
        ? [...Object.keys(o.complete ?? {}), ...(o.listed ?? [])]
        : [],
    downloadTool: async url => {
      downloads.push(url)
      const payload = payloads.shift()
      if (!payload || !o.downloadDir)
        throw new Error(`fakeToolCache: unexpected download of ${url}`)
      const file = path.join(o.downloadDir, `dl-${downloads.length}`)
      await writeFile(file, payload)
      return file
    },
    extractTar: async (file, dest, flags) => {
      extractions.push({
        file,
        dest,
        flags,
        content: await readFile(file),
        destBefore: await readdir(dest)
      })
      if (o.extractFails) {
        await writeFile(path.join(dest, 'half-written'), '')
        throw o.extractFails
      }
      await mkdir(path.join(dest, 'bin'), { recursive: true })
      await writeFile(path.join(dest, 'bin', 'go'), 'fake go')
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
): InstallOptions & { logger: ReturnType<typeof levelLogger> } {
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
    ...over,
    logger: levelLogger()
  }
}

describe('installGo from the tool cache', () => {
  it('uses a cached Go that satisfies the spec without fetching the release list', async () => {
    const tc = fakeToolCache({
      complete: { '1.22.5': '/tc/go/1.22.5/x64', '1.21.13': '/tc/go/1.21.13/x64' }
    })
    const { fetch, requests } = fakeFetch([])
    const o = options(tc, fetch)
    await expect(installGo(o)).resolves.toEqual({
      version: '1.22.5',
      goroot: '/tc/go/1.22.5/x64',
      source: 'cache'
    })
    expect(requests).toEqual([])
    expect(tc.downloads).toEqual([])
    expect(tc.finds).toEqual([['go', '1.22.5', 'x64']])
    expect(o.logger.infos.join('\n')).toContain(
      'Go 1.22.5 found in the tool cache: /tc/go/1.22.5/x64'
    )
  })

  it('looks an old line up under its semver name and reports Go’s name', async () => {
    const tc = fakeToolCache({ complete: { '1.20.0': '/tc/go/1.20.0/x64' } })
    const { fetch } = fakeFetch([])
    await expect(installGo(options(tc, fetch, { spec: '1.20.0' }))).resolves.toEqual({
      version: '1.20',
      goroot: '/tc/go/1.20.0/x64',
      source: 'cache'
    })
    expect(tc.finds).toEqual([['go', '1.20.0', 'x64']])
  })

  it('finds a cached release candidate', async () => {
    const tc = fakeToolCache({ complete: { '1.23.0-rc.1': '/tc/go/1.23.0-rc.1/x64' } })
    const { fetch } = fakeFetch([])
    await expect(installGo(options(tc, fetch, { spec: '1.23rc1' }))).resolves.toMatchObject({
      version: '1.23rc1',
      source: 'cache'
    })
  })

  it.each(['stable', 'oldstable'])('fetches the list for %s even with a cached Go', async spec => {
    const tc = fakeToolCache({
      complete: { '1.22.5': '/tc/go/1.22.5/x64', '1.21.13': '/tc/go/1.21.13/x64' }
    })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5'), release('1.21.13')])])
    const r = await installGo(options(tc, fetch, { spec }))
    expect(requests).toHaveLength(1)
    expect(r).toEqual({
      version: spec === 'stable' ? '1.22.5' : '1.21.13',
      goroot: spec === 'stable' ? '/tc/go/1.22.5/x64' : '/tc/go/1.21.13/x64',
      source: 'cache-after-list'
    })
  })

  it('with check-latest, fetches the list and finds its answer already cached', async () => {
    const tc = fakeToolCache({ complete: { '1.22.5': '/tc/go/1.22.5/x64' } })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5'), release('1.21.13')])])
    await expect(installGo(options(tc, fetch, { checkLatest: true }))).resolves.toEqual({
      version: '1.22.5',
      goroot: '/tc/go/1.22.5/x64',
      source: 'cache-after-list'
    })
    expect(requests.map(r => r.url)).toEqual([`${BASE}/?mode=json&include=all`])
    expect(tc.downloads).toEqual([])
  })
})

describe('installGo downloading', () => {
  it('with check-latest, downloads a newer patch than the cached one', async () => {
    const tc = fakeToolCache({
      complete: { '1.22.5': '/tc/go/1.22.5/x64' },
      payloads: [archive('1.22.6')],
      downloadDir
    })
    const { fetch } = fakeFetch([listReply([release('1.22.6'), release('1.22.5')])])
    const r = await installGo(options(tc, fetch, { checkLatest: true }))
    expect(r).toEqual({
      version: '1.22.6',
      goroot: path.join(toolCacheDir, 'go', '1.22.6', 'x64'),
      source: 'download'
    })
    expect(tc.downloads).toEqual([`${BASE}/go1.22.6.linux-amd64.tar.gz`])
  })

  it('goes to the list when the cache lists a version it cannot find (an incomplete entry)', async () => {
    const tc = fakeToolCache({ listed: ['1.22.5'], payloads: [archive('1.22.5')], downloadDir })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5')])])
    await expect(installGo(options(tc, fetch))).resolves.toMatchObject({
      version: '1.22.5',
      source: 'download'
    })
    expect(requests).toHaveLength(1)
  })

  it('extracts the verified archive straight into the tool cache and marks it complete', async () => {
    const tc = fakeToolCache({ payloads: [archive('1.22.5')], downloadDir })
    const { fetch, requests } = fakeFetch([listReply([release('1.22.5'), release('1.21.13')])])
    const goroot = path.join(toolCacheDir, 'go', '1.22.5', 'x64')
    // What a failed earlier attempt may have left behind is cleared first.
    await mkdir(goroot, { recursive: true })
    await writeFile(path.join(goroot, 'stale'), 'x')

    const o = options(tc, fetch, { baseUrl: `${BASE}//` })
    await expect(installGo(o)).resolves.toEqual({ version: '1.22.5', goroot, source: 'download' })

    expect(requests.map(r => r.url)).toEqual([`${BASE}/?mode=json&include=all`])
    expect(tc.downloads).toEqual([`${BASE}/go1.22.5.linux-amd64.tar.gz`])
    expect(tc.extractions).toHaveLength(1)
    const x = tc.extractions[0] as Extraction
    expect(x.dest).toBe(goroot)
    expect(x.flags).toEqual(['xz', '--strip-components=1'])
    expect(x.content.equals(archive('1.22.5'))).toBe(true)
    expect(x.destBefore).toEqual([])
    // tool-cache's find() accepts a version only with this marker beside its directory.
    expect(await exists(`${goroot}.complete`)).toBe(true)
    expect(await readFile(path.join(goroot, 'bin', 'go'), 'utf8')).toBe('fake go')
    expect(await exists(path.join(goroot, 'stale'))).toBe(false)
    // The downloaded archive is not kept.
    expect(await readdir(downloadDir)).toEqual([])
    expect(o.logger.warnings).toEqual([])
    expect(o.logger.infos.join('\n')).toContain(`Go 1.22.5 installed in ${goroot}`)
  })

  it('reports the download growing, then its time and speed', async () => {
    const payload = Buffer.alloc(2_000_000, 7)
    const base = fakeToolCache({})
    const dests: (string | undefined)[] = []
    const tc: ToolCache = {
      ...base,
      // Writes half, pauses long enough for a progress tick, then the rest, as a slow link would.
      downloadTool: async (_url, dest) => {
        dests.push(dest)
        await writeFile(dest!, payload.subarray(0, 1_000_000))
        await new Promise(r => setTimeout(r, 60))
        await writeFile(dest!, payload)
        return dest!
      }
    }
    const { fetch } = fakeFetch([listReply([release('1.22.5', { payload })])])
    const o = options(tc, fetch, { downloadDir, progressMs: 10 })
    await installGo(o)
    expect(dests).toEqual([path.join(downloadDir, 'go1.22.5.linux-amd64.tar.gz.1')])
    const log = o.logger.infos.join('\n')
    expect(log).toContain(
      'Downloading https://mirror.example/golang/go1.22.5.linux-amd64.tar.gz (2.0 MB)'
    )
    expect(log).toContain('go1.22.5.linux-amd64.tar.gz: 1.0 MB of 2.0 MB (50%)')
    expect(log).toMatch(/go1\.22\.5\.linux-amd64\.tar\.gz: downloaded in [\d.]+ s \([\d.]+ MB\/s\)/)
  })

  it('installs a release candidate under its semver name', async () => {
    const tc = fakeToolCache({ payloads: [archive('1.23rc1')], downloadDir })
    const { fetch } = fakeFetch([
      listReply([release('1.23rc1', { stable: false }), release('1.22.5')])
    ])
    const r = await installGo(options(tc, fetch, { spec: '1.23rc1' }))
    expect(r.version).toBe('1.23rc1')
    expect(r.goroot).toBe(path.join(toolCacheDir, 'go', '1.23.0-rc.1', 'x64'))
    expect(await exists(`${r.goroot}.complete`)).toBe(true)
  })

  it('downloads once more after a sha256 mismatch, and keeps the good copy', async () => {
    const good = archive('1.22.5')
    const corrupt = Buffer.from(good)
    corrupt[0] = corrupt[0]! ^ 0xff // same size, other bytes
    const tc = fakeToolCache({ payloads: [corrupt, good], downloadDir })
    const { fetch } = fakeFetch([listReply([release('1.22.5')])])
    const o = options(tc, fetch)
    await expect(installGo(o)).resolves.toMatchObject({ source: 'download' })
    expect(tc.downloads).toHaveLength(2)
    expect(tc.extractions[0]?.content.equals(good)).toBe(true)
    expect(o.logger.warnings).toEqual([
      `go1.22.5.linux-amd64.tar.gz: expected sha256 ${sha256(good)}, got ${sha256(corrupt)}; discarded`
    ])
    expect(o.logger.infos.some(l => l.includes('second try'))).toBe(true)
    expect(await readdir(downloadDir)).toEqual([])
  })

  it('fails after two mismatching downloads, naming both hashes, and caches nothing', async () => {
    const good = archive('1.22.5')
    const bad1 = Buffer.from('first corrupt copy of the archive')
    const bad2 = Buffer.from('second corrupt copy')
    const tc = fakeToolCache({ payloads: [bad1, bad2], downloadDir })
    const { fetch } = fakeFetch([listReply([release('1.22.5', { payload: good })])])
    const o = options(tc, fetch)

    const err = await installGo(o).then(
      () => undefined,
      (e: Error) => e
    )
    expect(err).toBeInstanceOf(Error)
    const m = (err as Error).message
    expect(m).toContain(
      'The Go download go1.22.5.linux-amd64.tar.gz does not match the release list'
    )
    expect(m).toContain(`expected ${good.length} bytes with sha256 ${sha256(good)}`)
    expect(m).toContain(`got ${bad2.length} bytes with sha256 ${sha256(bad2)} (twice)`)
    expect(m).toContain(`go-download-base-url (${BASE})`)
    expect(tc.downloads).toHaveLength(2)
    expect(tc.extractions).toEqual([])
    expect(o.logger.warnings).toHaveLength(2)
    expect(await readdir(downloadDir)).toEqual([])
    expect(await readdir(toolCacheDir)).toEqual([])
  })

  it('fails on a size mismatch even when the hash matches', async () => {
    const payload = archive('1.22.5')
    const tc = fakeToolCache({ payloads: [payload, payload], downloadDir })
    const { fetch } = fakeFetch([
      listReply([release('1.22.5', { payload, size: payload.length + 1 })])
    ])
    await expect(installGo(options(tc, fetch))).rejects.toThrow(
      `expected ${payload.length + 1} bytes with sha256 ${sha256(payload)}, got ${payload.length} bytes ` +
        `with sha256 ${sha256(payload)} (twice)`
    )
    expect(tc.extractions).toEqual([])
  })

  it('removes a half-extracted Go and the archive when extraction fails', async () => {
    const tc = fakeToolCache({
      payloads: [archive('1.22.5')],
      downloadDir,
      extractFails: new Error('tar: Unexpected EOF in archive')
    })
    const { fetch } = fakeFetch([listReply([release('1.22.5')])])
    await expect(installGo(options(tc, fetch))).rejects.toThrow('tar: Unexpected EOF in archive')
    const goroot = path.join(toolCacheDir, 'go', '1.22.5', 'x64')
    expect(await exists(goroot)).toBe(false)
    expect(await exists(`${goroot}.complete`)).toBe(false)
    expect(await readdir(downloadDir)).toEqual([])
  })

  it('names the input that asked for a version the list does not have', async () => {
    const tc = fakeToolCache({})
    const { fetch } = fakeFetch([listReply([release('1.22.5')])])
    await expect(
      installGo(options(tc, fetch, { spec: '1.19', specInput: 'go-version-file (go.mod)' }))
    ).rejects.toThrow(
      /^go-version-file \(go\.mod\): no Go release matches '1\.19' for linux\/amd64/
    )
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
      await jest.advanceTimersByTimeAsync(5000)
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

    it('gives up after three unreachable attempts, naming the cause and the fix', async () => {
      const refused = (): Error =>
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      const { error, requests } = await settle([refused(), refused(), refused()])
      expect(requests).toHaveLength(3)
      expect(error).toBeInstanceOf(InputError)
      expect(error?.message).toBe(
        `go-download-base-url: could not reach ${URL_} (ECONNREFUSED). Check the URL or leave the input empty ` +
          'for https://go.dev/dl.'
      )
    })

    it('reports a server error that lasts through all three attempts', async () => {
      const { error, requests } = await settle([reply(502), reply(503), reply(500)])
      expect(requests).toHaveLength(3)
      expect(error?.message).toContain('answered 500')
    })
  })
})

describe('runnerGoArch', () => {
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['ia32', '386'],
    ['arm', 'armv6l']
  ])('%s -> %s', (node, go) => expect(runnerGoArch(node)).toBe(go))

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
