// The Go half against real Go and the real mirror: tool cache, every platform, single files, cgo and ELF checks.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { goToolName } from '../../src/go/mirror.js'
import { sh, skopeo } from './commands.js'
import { cachedTools, copyFixture, fileToolCache, MIRROR, runAction, tempDir } from './harness.js'
import { fileFromLayout, layoutPlatforms, loadLayout } from './images.js'
import { REGISTRY, uniqueRepo } from './registries.js'

let goVersion: string
// A port nothing listens on: a run that still succeeds never needed the release list.
const DEAD = 'http://127.0.0.1:9'
// Where the mirror's Go lives in a tool cache: apart from go.dev's "go", so a runner's stock Go never stands in.
const TOOL = goToolName(MIRROR)

beforeAll(async () => {
  goVersion = (await sh('go', ['env', 'GOVERSION'])).stdout.trim().replace(/^go/, '')
  // Fill the tool cache once, from the mirror.
  const warm = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
  expect(warm.log).toContain(
    `Go ${goVersion} installed in ${await fileToolCache()}/${TOOL}/${goVersion}/x64`
  )
})

describe('tool cache', () => {
  it('uses a cached Go of the same mirror without fetching the release list, and no other mirror’s', async () => {
    const minor = goVersion.split('.').slice(0, 2).join('.')
    const inputs = { 'go-download-base-url': DEAD, 'go-version': minor, push: 'false' }
    // The mirror's Go is cached, but under the mirror's key: for another mirror the list must be read.
    const other = await runAction(inputs, { workdir: await copyFixture('probe') })
    expect(other.stdout).toMatch(
      /^::error::go-download-base-url: could not reach http:\/\/127\.0\.0\.1:9\//m
    )

    // The same Go filed under the dead mirror's key (as a run from it would have left it) is used as is.
    const cache = await tempDir('gsi-toolcache-')
    const dead = path.join(cache, goToolName(DEAD), goVersion)
    await mkdir(dead, { recursive: true })
    await symlink(path.join(await fileToolCache(), TOOL, goVersion, 'x64'), path.join(dead, 'x64'))
    await writeFile(path.join(dead, 'x64.complete'), '')
    const run = await runAction(inputs, { workdir: await copyFixture('probe'), toolCache: cache })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.log).toContain(`Go ${goVersion} found in the tool cache: ${dead}/x64`)
    expect(run.outputs['go-version']).toBe(goVersion)
  })

  it('reads the release list with check-latest, and says which input failed', async () => {
    const run = await runAction(
      { 'go-download-base-url': DEAD, 'check-latest': 'true', push: 'false' },
      { workdir: await copyFixture('probe') }
    )
    expect(run.stdout).toMatch(
      /^::error::go-download-base-url: could not reach http:\/\/127\.0\.0\.1:9\/\?mode=json/m
    )
  })

  it('downloads twice on a hash mismatch, then fails with both hashes and caches nothing', async () => {
    const cache = await tempDir('gsi-toolcache-')
    const run = await runAction(
      { 'go-download-base-url': `${MIRROR}/corrupt`, push: 'false' },
      { workdir: await copyFixture('probe'), toolCache: cache }
    )
    expect(run.log.match(/^Downloading .*\.tar\.gz/gm)).toHaveLength(2)
    expect(run.stdout).toMatch(
      /^::error::The Go download .* expected \d+ bytes with sha256 [0-9a-f]{64}, got \d+ bytes with sha256 [0-9a-f]{64} \(twice\)/m
    )
    // No Go, not even a partial one: the compile cache, which the entry point turns on first, is all it holds.
    expect(await cachedTools(cache)).toEqual([])
  })

  it('warns, and still builds, when the Actions cache service is not there', async () => {
    const run = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      '::warning::cache: the Actions cache service is not available to this job'
    )
    const off = await runAction(
      { push: 'false', cache: 'false' },
      { workdir: await copyFixture('probe') }
    )
    expect(off.stdout).not.toContain('::warning::cache')
  })
})

const PLATFORMS: [string, RegExp][] = [
  ['linux/amd64', /ELF 64-bit LSB executable, x86-64, .*statically linked/],
  ['linux/arm64', /ELF 64-bit LSB executable, ARM aarch64, .*statically linked/],
  ['linux/arm/v7', /ELF 32-bit LSB executable, ARM, EABI5 .*statically linked/],
  ['linux/386', /ELF 32-bit LSB executable, Intel 80386, .*statically linked/],
  ['linux/ppc64le', /ELF 64-bit LSB executable, 64-bit PowerPC .*statically linked/],
  ['linux/s390x', /ELF 64-bit MSB executable, IBM S\/390, .*statically linked/],
  ['linux/riscv64', /ELF 64-bit LSB executable, UCB RISC-V, .*statically linked/]
]

describe('every platform', () => {
  it('pushes an index of seven static binaries; each platform pulls its own', async () => {
    const workdir = await copyFixture('probe')
    const repo = `${REGISTRY}/${uniqueRepo('multi')}`
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction(
      {
        image: repo,
        tags: 'multi',
        'oci-layout': layout,
        platforms: PLATFORMS.map(p => p[0]).join(','),
        ldflags: '-X main.version={{.Version}}'
      },
      { workdir, env: { GITHUB_REF: 'refs/tags/v9.8.7', GITHUB_SHA: 'a'.repeat(40) } }
    )
    expect(run.log).not.toMatch(/::error::/)

    // The registry's index lists every platform, and its digest is the output.
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${repo}:multi`])
    const index = JSON.parse(raw.stdout) as {
      mediaType: string
      manifests: { platform: { architecture: string; variant?: string } }[]
    }
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(
      index.manifests.map(m =>
        ['linux', m.platform.architecture, m.platform.variant].filter(Boolean).join('/')
      )
    ).toEqual(PLATFORMS.map(p => p[0]))
    expect(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`).toBe(
      run.outputs.digest
    )

    // Each platform's binary, as the image holds it, is a static ELF for that machine.
    const listed = await layoutPlatforms(layout)
    expect(listed.map(l => l.platform)).toEqual(PLATFORMS.map(p => p[0]))
    const dir = await tempDir()
    for (const [platform, elf] of PLATFORMS) {
      const manifest = listed.find(l => l.platform === platform)!.manifest
      const bin = await fileFromLayout(layout, manifest, 'probe', dir)
      expect((await sh('file', ['-b', bin])).stdout).toMatch(elf)
    }
    const sizes = JSON.parse(run.outputs.sizes!) as Record<string, { size: number }>
    expect(Object.keys(sizes)).toEqual(PLATFORMS.map(p => p[0]))
    expect(Number(run.outputs.size)).toBe(Math.max(...Object.values(sizes).map(s => s.size)))

    // docker pulls linux/arm64 from the index: an aarch64 static binary.
    expect(
      (await sh('docker', ['pull', '-q', '--platform', 'linux/arm64', `${repo}:multi`])).code
    ).toBe(0)
    const created = await sh('docker', ['create', '--platform', 'linux/arm64', `${repo}:multi`])
    const id = created.stdout.trim()
    const arm = path.join(dir, 'from-docker')
    expect((await sh('docker', ['cp', `${id}:/probe`, arm])).code).toBe(0)
    await sh('docker', ['rm', id])
    expect((await sh('file', ['-b', arm])).stdout).toMatch(
      /ELF 64-bit LSB executable, ARM aarch64, .*statically linked/
    )

    // The amd64 image runs and carries the tag the ldflags template put in.
    await sh('docker', ['rmi', `${repo}:multi`])
    expect(
      (await sh('docker', ['pull', '-q', '--platform', 'linux/amd64', `${repo}:multi`])).code
    ).toBe(0)
    const ran = await sh('docker', [
      'run',
      '--rm',
      '--network',
      'none',
      '--platform',
      'linux/amd64',
      `${repo}:multi`
    ])
    expect(ran.stdout).toContain('version v9.8.7')
    expect(ran.stdout).toContain('uid 65532')
    await sh('docker', ['rmi', `${repo}:multi`])
  })

  it('builds byte-identical binaries from the same source and Go', async () => {
    const a = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
    const b = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
    const hash = async (r: typeof a): Promise<string> =>
      createHash('sha256')
        .update(await readFile(path.join(r.outputs.context!, 'binary', 'probe')))
        .digest('hex')
    expect(await hash(a)).toBe(await hash(b))
    expect(a.outputs.digest).toBe(b.outputs.digest)
  })
})

describe('what gets built', () => {
  it('builds a single .go file with no go.mod, with the newest stable Go', async () => {
    const workdir = await copyFixture('single')
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction(
      { package: 'hello.go', push: 'false', 'oci-layout': layout, tags: 'one' },
      { workdir }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.outputs['go-version']).toBe(goVersion)
    expect(await readFile(run.outputs.dockerfile!, 'utf8')).toContain('ENTRYPOINT ["/hello"]')
    const ref = await loadLayout(layout, 'one', 'gsi-single')
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', ref])
    expect(ran.stdout).toBe('hello from a single file\n')
    await sh('docker', ['rmi', ref])
  })

  it('refuses a package that needs cgo, and says why', async () => {
    const run = await runAction({ push: 'false' }, { workdir: await copyFixture('cgo') })
    expect(run.stdout).toMatch(
      /^::error::package: \. needs cgo \(import "C" in example\.com\/cgo\), but a scratch image has no C library/m
    )
  })

  it('refuses a dynamically linked binary before packaging, naming the runtime error', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('pie')}`
    const run = await runAction(
      { image: repo, tags: 'v1', 'build-flags': '-buildmode=pie' },
      { workdir: await copyFixture('probe') }
    )
    expect(run.stdout).toMatch(
      /^::error::The binary probe built for linux\/amd64 is dynamically linked \(it asks for the loader \/lib64\/ld-linux-x86-64\.so\.2\).*"no such file or directory".*remove -buildmode=pie/m
    )
    expect(run.log).not.toMatch(/^uploaded /m)
    expect((await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:v1`])).code).not.toBe(
      0
    )
  })
})

describe('go.mod’s go line is a minimum', () => {
  it('builds a module that says go 1.18 with the newest release above it, says so, and the image runs', async () => {
    const workdir = await copyFixture('probe')
    // What go-httpbin v2.13.0 and many real modules say; the mirror serves only a newer Go.
    await writeFile(
      path.join(workdir, 'go.mod'),
      'module example.com/probe\n\ngo 1.18 // the oldest Go we support\n'
    )
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction({ push: 'false', 'oci-layout': layout, tags: 'min' }, { workdir })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toContain(
      `go.mod says go 1.18, a minimum, and ${MIRROR} has no Go 1.18 release at or above it: using Go ` +
        `${goVersion}, the newest stable release. Add a toolchain line to go.mod to pin another.`
    )
    expect(run.outputs['go-version']).toBe(goVersion)
    const ref = await loadLayout(layout, 'min', 'gsi-go-min')
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', ref])
    await sh('docker', ['rmi', ref])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('zone Asia/Shanghai CST +0800')
    expect(ran.stdout).toContain('uid 65532 gid 65532')
  })

  it('refuses a go line newer than any release, naming the file, the value, the newest release and the fix', async () => {
    const workdir = await copyFixture('probe')
    await writeFile(path.join(workdir, 'go.mod'), 'module example.com/probe\n\ngo 1.99\n')
    const run = await runAction({ push: 'false' }, { workdir })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(
      `::error::go-version-file (go.mod): go.mod says go 1.99, newer than any Go release for linux/amd64 at ` +
        `${MIRROR} (the newest is ${goVersion}). Lower the go line to ${goVersion.split('.').slice(0, 2).join('.')} ` +
        'or below, point go-download-base-url at a mirror that has Go 1.99, or set go-version.'
    )
  })
})

describe('a cold or broken tool cache', () => {
  /** The Go a tool cache holds for the mirror, and what its go binary says it is. */
  async function installed(cache: string): Promise<{ entries: string[]; version: string }> {
    const dir = path.join(cache, TOOL, goVersion)
    const entries = (await readdir(dir)).sort()
    const ran = await sh(path.join(dir, 'x64', 'bin', 'go'), ['version'])
    return { entries, version: ran.stdout.trim().split(' ')[2] ?? ran.stderr }
  }

  /** One copy of the mirror's Go in cache, marked complete and running, with nothing left beside it. */
  async function expectOneGo(cache: string): Promise<void> {
    expect(await installed(cache)).toEqual({
      entries: ['x64', 'x64.complete'],
      version: `go${goVersion}`
    })
  }

  it('two runs installing Go into one cold tool cache at once both succeed', async () => {
    const cache = await tempDir('gsi-toolcache-')
    const runs = await Promise.all(
      [1, 2].map(async () =>
        runAction({ push: 'false' }, { workdir: await copyFixture('probe'), toolCache: cache })
      )
    )
    for (const run of runs) {
      expect(run.log).not.toMatch(/::error::/)
      expect(run.code).toBe(0)
      expect(run.outputs['go-version']).toBe(goVersion)
    }
    await expectOneGo(cache)
  })

  it('repairs a Go left half-extracted by a run that was killed', async () => {
    const cache = await tempDir('gsi-toolcache-')
    const root = path.join(cache, TOOL, goVersion, 'x64')
    await mkdir(path.join(root, 'src', 'syscall'), { recursive: true })
    await mkdir(path.join(root, 'bin'))
    await writeFile(path.join(root, 'src', 'syscall', 'syscall_linux.go'), 'package sysc')
    await writeFile(path.join(root, 'bin', 'go'), '#!/bin/sh\nexit 3\n', { mode: 0o755 })
    const run = await runAction(
      { push: 'false' },
      { workdir: await copyFixture('probe'), toolCache: cache }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.log).toContain(
      `${root} has no .complete marker (an install that was interrupted); replacing it.`
    )
    expect(run.outputs['go-version']).toBe(goVersion)
    await expectOneGo(cache)
  })

  it('downloads from a mirror whose URL holds credentials, never showing them', async () => {
    const cache = await tempDir('gsi-toolcache-')
    const secret = 's3cret-token'
    const withCredentials = MIRROR.replace('://', `://ci-bot:${secret}@`)
    const run = await runAction(
      { 'go-download-base-url': withCredentials, push: 'false' },
      { workdir: await copyFixture('probe'), toolCache: cache }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.outputs['go-version']).toBe(goVersion)
    // Registered with the runner, so it redacts the secret from everything else too.
    expect(run.stdout).toMatch(new RegExp(`^::add-mask::ci-bot:${secret}$`, 'm'))
    expect(run.stdout).toMatch(new RegExp(`^::add-mask::${secret}$`, 'm'))
    expect(run.log).not.toContain(secret)
    expect(run.log).toContain(
      `Downloading ${MIRROR.replace('://', '://***@')}/go${goVersion}.linux-amd64.tar.gz`
    )
    // Credentials are not part of the mirror's key: rotating a token keeps the cache.
    expect((await installed(cache)).entries).toEqual(['x64', 'x64.complete'])
  })
})
