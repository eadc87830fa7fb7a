// A Go that actions/setup-go installed earlier in the job is found in the tool cache: setup-go puts go.dev's
// release through @actions/tool-cache's cacheDir(dir, 'go', makeSemver(version), arch), i.e. at
// RUNNER_TOOL_CACHE/go/<version>/<arch> with an empty <arch>.complete beside it (arch is os.arch(): x64, arm64).
// Here the real @actions/tool-cache lays the cache out and the action's own ToolCache (src/edge.ts) reads it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as tc from '@actions/tool-cache'
import { existsSync } from 'node:fs'
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { toolCache } from '../../src/edge.js'
import { installGo, type InstallOptions } from '../../src/go/install.js'
import type { Fetch } from '../../src/ports.js'
import { fakeLogger, tempDir } from './helpers.js'

let dir = ''
let cacheRoot = ''
const saved = process.env.RUNNER_TOOL_CACHE

beforeEach(async () => {
  dir = (await tempDir('gsi-setup-go-')).dir
  cacheRoot = path.join(dir, 'hostedtoolcache')
  await mkdir(cacheRoot)
  // Where @actions/tool-cache reads and writes, on a runner and here.
  process.env.RUNNER_TOOL_CACHE = cacheRoot
})

afterEach(async () => {
  if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
  else process.env.RUNNER_TOOL_CACHE = saved
  await rm(dir, { recursive: true, force: true })
})

/** An extracted go.dev archive's go/ folder, as setup-go hands it to cacheDir (bin/go and a VERSION file). */
async function extractedGo(version: string): Promise<string> {
  const goroot = path.join(dir, `extracted-${version}`, 'go')
  await mkdir(path.join(goroot, 'bin'), { recursive: true })
  await writeFile(path.join(goroot, 'VERSION'), `go${version}\n`)
  await writeFile(path.join(goroot, 'bin', 'go'), '#!/bin/sh\n')
  await chmod(path.join(goroot, 'bin', 'go'), 0o755)
  return goroot
}

/** What setup-go's installGoVersion does after the download: cacheDir under the tool name go. */
async function setupGoInstalled(version: string, arch = 'x64'): Promise<string> {
  return tc.cacheDir(await extractedGo(version), 'go', version, arch)
}

/** A fetch that fails the test's expectations if called: a cached Go must need no network. */
function noNetwork(): { fetch: Fetch; urls: string[] } {
  const urls: string[] = []
  return {
    urls,
    fetch: async input => {
      urls.push(String(input))
      throw new TypeError('fetch failed: no network in this test')
    }
  }
}

function options(
  o: Partial<InstallOptions> & Pick<InstallOptions, 'spec' | 'fetch'>
): InstallOptions {
  return {
    specInput: 'go-version',
    baseUrl: 'https://go.dev/dl',
    checkLatest: false,
    goArch: 'amd64',
    cacheArch: 'x64',
    toolCacheDir: cacheRoot,
    toolCache,
    logger: fakeLogger(),
    timeouts: { connectMs: 50, listBudgetMs: 200 },
    sleep: async () => undefined,
    ...o
  }
}

describe('a Go that actions/setup-go put in the tool cache', () => {
  it('is laid out as go/<version>/<arch> with <arch>.complete beside it', async () => {
    const goroot = await setupGoInstalled('1.22.5')
    expect(goroot).toBe(path.join(cacheRoot, 'go', '1.22.5', 'x64'))
    expect(existsSync(path.join(cacheRoot, 'go', '1.22.5', 'x64.complete'))).toBe(true)
    expect(existsSync(path.join(goroot, 'bin', 'go'))).toBe(true)
  })

  it('is used for the same go-version, without reading the release list', async () => {
    const goroot = await setupGoInstalled('1.22.5')
    const net = noNetwork()
    const go = await installGo(options({ spec: '1.22.5', fetch: net.fetch }))
    expect(go).toEqual({ version: '1.22.5', goroot, source: 'cache' })
    expect(net.urls).toEqual([])
  })

  it("is used for go.mod's go line (a minimum): the newest cached patch of that minor", async () => {
    await setupGoInstalled('1.22.1')
    const newest = await setupGoInstalled('1.22.5')
    const net = noNetwork()
    const go = await installGo(
      options({ spec: '1.22', specInput: 'go-version-file (go.mod)', line: 'go', fetch: net.fetch })
    )
    expect(go).toMatchObject({ version: '1.22.5', goroot: newest, source: 'cache' })
    expect(net.urls).toEqual([])
  })

  it('is used for a range such as ^1.22', async () => {
    const goroot = await setupGoInstalled('1.22.5')
    const go = await installGo(options({ spec: '^1.22', fetch: noNetwork().fetch }))
    expect(go).toMatchObject({ version: '1.22.5', goroot, source: 'cache' })
  })

  it('is not used for another version: the release list is asked', async () => {
    await setupGoInstalled('1.22.5')
    const net = noNetwork()
    await expect(installGo(options({ spec: '1.23.1', fetch: net.fetch }))).rejects.toThrow(
      /^go-download-base-url: could not reach https:\/\/go\.dev\/dl\/\?mode=json&include=all/
    )
    expect(net.urls[0]).toBe('https://go.dev/dl/?mode=json&include=all')
  })

  it("is not used for another runner architecture (setup-go's architecture: arm64)", async () => {
    await setupGoInstalled('1.22.5', 'arm64')
    const net = noNetwork()
    await expect(installGo(options({ spec: '1.22.5', fetch: net.fetch }))).rejects.toThrow(
      /could not reach/
    )
    expect(net.urls.length).toBeGreaterThan(0)
  })

  it('is not used while its .complete marker is missing (an install that did not finish)', async () => {
    await setupGoInstalled('1.22.5')
    await rm(path.join(cacheRoot, 'go', '1.22.5', 'x64.complete'))
    const net = noNetwork()
    await expect(installGo(options({ spec: '1.22.5', fetch: net.fetch }))).rejects.toThrow(
      /could not reach/
    )
  })

  it('is not used for a go-download-base-url other than go.dev, whose Go is kept apart', async () => {
    await setupGoInstalled('1.22.5')
    const net = noNetwork()
    await expect(
      installGo(options({ spec: '1.22.5', baseUrl: 'https://mirror.example/go', fetch: net.fetch }))
    ).rejects.toThrow(/could not reach https:\/\/mirror\.example\/go/)
  })
})
