// A Go mirror that speaks HTTP/1.0 and closes every connection: Python's `python3 -m http.server` serving the
// test environment's mirror files (scripts/test-env.sh). Before undici 8.6.0 (nodejs/undici#5474), a slow read of
// such a body could end the process with an uncatchable AssertionError in Parser.finish, about 1 install in 5.
// This drives the Go installer itself (src/go/install.ts) with the real HTTP layer and the real tool cache, 20
// cold installs in a row (a fresh tool cache each time): the whole action 20 times would spend its time compiling.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFile, readFile, rm, symlink } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { toolCache } from '../../src/edge.js'
import { installGo } from '../../src/go/install.js'
import { httpTransport, type HttpFetch } from '../../src/http/transport.js'
import { fakeLogger } from '../unit/helpers.js'
import { sh } from './commands.js'
import { freePort, tempDir } from './harness.js'

const MIRROR_DIR = process.env.GSI_MIRROR_DIR ?? '/var/lib/go-scratch-image-test/mirror'

let server: ChildProcess | undefined
let base: string
let fetch: HttpFetch
let tarball: string

/** The first line of the server's answer to a GET, and whether it closed the connection after it. */
async function rawGet(port: number, target: string): Promise<{ status: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () =>
      s.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`)
    )
    let head = ''
    s.on('data', d => (head ||= d.toString('latin1')))
    s.on('end', () => resolve({ status: head.split('\r\n')[0]!, closed: true }))
    s.on('error', reject)
  })
}

beforeAll(async () => {
  const releases = JSON.parse(await readFile(path.join(MIRROR_DIR, 'releases.json'), 'utf8')) as {
    files: { filename: string }[]
  }[]
  tarball = releases[0]!.files[0]!.filename
  // http.server answers GET /?mode=json&include=all with the directory's index.html (it ignores the query):
  // the release list goes there, and the tarball beside it, as ${base}/${filename}.
  const dir = await tempDir('gsi-http10-mirror-')
  await copyFile(path.join(MIRROR_DIR, 'releases.json'), path.join(dir, 'index.html'))
  await symlink(path.join(MIRROR_DIR, tarball), path.join(dir, tarball))
  const port = await freePort()
  server = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    {
      stdio: 'ignore'
    }
  )
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>(r => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), r(true)))
      s.on('error', () => r(false))
    })
    if (up) break
    await new Promise(r => setTimeout(r, 100))
  }
  base = `http://127.0.0.1:${port}`
  // What makes this mirror the case: an HTTP/1.0 answer, and the connection closed after it.
  expect(await rawGet(port, '/?mode=json&include=all')).toEqual({
    status: 'HTTP/1.0 200 OK',
    closed: true
  })
  fetch = httpTransport({ timeoutMs: 60_000 })
}, 60_000)

afterAll(async () => {
  server?.kill()
  await fetch?.close()
})

describe('Go from an HTTP/1.0 mirror that closes each connection (python3 -m http.server)', () => {
  it('installs 20 times in a row into a fresh tool cache, each verified and runnable', async () => {
    const installed: string[] = []
    for (let round = 0; round < 20; round++) {
      const cache = await tempDir('gsi-http10-toolcache-')
      // @actions/tool-cache looks in RUNNER_TOOL_CACHE; a new one each round keeps every install cold.
      process.env.RUNNER_TOOL_CACHE = cache
      const logger = fakeLogger()
      const go = await installGo({
        spec: '1.19',
        specInput: 'go-version',
        baseUrl: base,
        checkLatest: false,
        goArch: 'amd64',
        cacheArch: 'x64',
        toolCacheDir: cache,
        fetch,
        toolCache,
        logger,
        downloadDir: await tempDir('gsi-http10-dl-')
      })
      expect(go.source).toBe('download')
      expect(go.goroot.startsWith(cache)).toBe(true)
      // The size and the sha256 were checked against the list before extracting (installGo fails otherwise).
      expect(logger.lines.join('\n')).toContain(`${tarball}: downloaded in`)
      installed.push(go.version)
      if (round === 0 || round === 19) {
        const v = await sh(path.join(go.goroot, 'bin', 'go'), ['version'])
        expect(v.stdout).toContain(`go${go.version} linux/amd64`)
      }
      // An extracted Go is a few hundred MB: one at a time on disk.
      await rm(cache, { recursive: true, force: true })
    }
    expect(installed).toHaveLength(20)
    expect(new Set(installed).size).toBe(1)
  }, 900_000)
})
