// cgo programs the scratch way, proven by running them: a program that calls libm and looks its user up through the
// C library, built static with musl and with glibc, and dynamic with exactly its shared libraries; the -debug tag's
// busybox shell, and the lean tag without one; and the inputs that cannot work, refused before anything is pushed.
import { afterAll, describe, expect, it } from '@jest/globals'
import { chmod, readlink, realpath, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { readTar } from '../../src/oci/tar.js'
import { elf, EM } from '../unit/elf-fixture.js'
import { sh } from './commands.js'
import { copyFixture, runAction, tempDir, type Run } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const base = { 'package-sizes': 'false' }
const pulled: string[] = []
/** What the test program prints as the image's default user (nonroot, 65532), with glibc or musl alike. */
const EXPECTED = 'cbrt(27)=3\nuser: nonroot\n'

afterAll(async () => {
  if (pulled.length) await sh('docker', ['rmi', '-f', ...pulled])
})

/** Builds the cgo-libm fixture through the action and pushes it as v1 to a fresh repository. */
async function pushed(
  name: string,
  inputs: Record<string, string>
): Promise<{ repo: string; run: Run }> {
  const repo = `${REGISTRY}/${uniqueRepo(name)}`
  // Each build its own tool cache: every case compiles and compresses its own layers, none read from another's.
  const run = await runAction(
    { ...base, image: repo, tags: 'v1', ...inputs },
    { workdir: await copyFixture('cgo-libm'), toolCache: await tempDir('gsi-toolcache-') }
  )
  if (run.code !== 0) throw new Error(`the action failed:\n${run.log}`)
  return { repo, run }
}

async function dockerRun(
  image: string,
  args: string[] = []
): Promise<{ code: number; out: string }> {
  if (!pulled.includes(image)) {
    const pull = await sh('docker', ['pull', '-q', image])
    if (pull.code !== 0) throw new Error(`docker pull ${image}: ${pull.stderr}`)
    pulled.push(image)
  }
  const r = await sh('docker', ['run', '--rm', '--network', 'none', ...args, image])
  return { code: r.code, out: `${r.stdout}${r.stderr}` }
}

/** The layers the sizes output reports for linux/amd64. */
function layerNames(run: Run): string[] {
  const sizes = JSON.parse(run.outputs.sizes!) as Record<string, { layers: { name: string }[] }>
  return sizes['linux/amd64']!.layers.map(l => l.name)
}

interface Manifest {
  config: { digest: string }
  layers: { digest: string }[]
}

/** The pushed image's layers by the COPY that made each (its config's history), read from the registry. */
async function pushedLayers(repo: string, tag: string): Promise<Map<string, string[]>> {
  const [host, ...rest] = repo.split('/')
  const name = rest.join('/')
  const get = async (p: string, accept?: string): Promise<Buffer> => {
    const r = await fetch(`http://${host}/v2/${name}/${p}`, {
      headers: accept ? { accept } : {}
    })
    if (!r.ok) throw new Error(`GET ${p}: ${r.status}`)
    return Buffer.from(await r.arrayBuffer())
  }
  const manifest = JSON.parse(
    (await get(`manifests/${tag}`, 'application/vnd.oci.image.manifest.v1+json')).toString()
  ) as Manifest
  const config = JSON.parse((await get(`blobs/${manifest.config.digest}`)).toString()) as {
    history: { created_by: string }[]
  }
  const out = new Map<string, string[]>()
  for (const [i, layer] of manifest.layers.entries()) {
    const copy = /^COPY (\S+)\//.exec(config.history[i]!.created_by)?.[1] ?? `layer${i}`
    const entries = await readTar(gunzipSync(await get(`blobs/${layer.digest}`)))
    out.set(
      copy,
      entries.map(({ header }) =>
        header.type === 'symlink'
          ? `${header.name} -> ${header.linkname}`
          : `${header.name}${header.type === 'directory' ? '/' : ''}`
      )
    )
  }
  return out
}

describe('cgo: static', () => {
  it('with musl: a static binary that calls libm and looks its user up, with no libraries layer', async () => {
    const { repo, run } = await pushed('cgo-musl', { cgo: 'static' })
    expect(run.log).toContain('cgo: static with musl (musl-gcc)')
    expect(run.log).toMatch(/cgolibm: static 64-bit ELF for linux\/amd64/)
    const layers = await pushedLayers(repo, 'v1')
    expect([...layers.keys()]).not.toContain('libraries')
    expect(layers.get('binary')).toEqual(['cgolibm'])
    expect(await dockerRun(`${repo}:v1`)).toEqual({ code: 0, out: EXPECTED })
    // The size report of the run: the binary layer and the total, as outputs.
    expect(layerNames(run)).not.toContain('libraries')
  })

  it('with glibc (cc: gcc): static with netgo,osusergo, the NSS caveat said, and it still runs', async () => {
    const { repo, run } = await pushed('cgo-glibc', { cgo: 'static', cc: 'gcc' })
    expect(run.log).toContain('cgo: static with glibc (gcc, tags netgo,osusergo)')
    expect(run.log).toContain("glibc's NSS caveat")
    expect(run.log).toMatch(/-tags=netgo,osusergo/)
    expect(run.log).toMatch(/cgolibm: static 64-bit ELF/)
    expect(await dockerRun(`${repo}:v1`)).toEqual({ code: 0, out: EXPECTED })
  })
})

describe('cgo: dynamic', () => {
  it('stages exactly the loader, libc and libm (with their links) in a libraries layer, and runs', async () => {
    const { repo, run } = await pushed('cgo-dynamic', { cgo: 'dynamic' })
    expect(run.log).toMatch(/cgolibm: dynamic \(loader \/lib64\/ld-linux-x86-64\.so\.2\)/)
    const real = async (p: string): Promise<string> => (await realpath(p)).slice(1)
    const expected = [
      await real('/lib64/ld-linux-x86-64.so.2'),
      await real('/lib/x86_64-linux-gnu/libc.so.6'),
      await real('/lib/x86_64-linux-gnu/libm.so.6')
    ].sort()
    const layers = await pushedLayers(repo, 'v1')
    const names = [...layers.keys()]
    // Between the system layers and the binary.
    expect(names.indexOf('libraries')).toBe(names.indexOf('binary') - 1)
    expect(names.indexOf('libraries')).toBeGreaterThan(names.indexOf('system'))
    const libs = layers.get('libraries')!
    const files = libs.filter(e => !e.endsWith('/') && !e.includes(' -> '))
    expect(files.sort()).toEqual([...expected, 'etc/nsswitch.conf'].sort())
    // Every link the runner's paths cross, so /lib64/ld-linux-x86-64.so.2 (PT_INTERP) resolves in the image.
    const links = libs.filter(e => e.includes(' -> '))
    const loaderDir = (await realpath('/lib64')).slice(1)
    expect(links).toContain(
      `${loaderDir}/ld-linux-x86-64.so.2 -> ${await readlink('/lib64/ld-linux-x86-64.so.2')}`
    )
    expect(run.log).toMatch(/from the Debian packages libc6:amd64/)
    expect(await dockerRun(`${repo}:v1`)).toEqual({ code: 0, out: EXPECTED })
    // The Dockerfile copies the same layer.
    expect(run.log).toContain('COPY libraries/ /')
    expect(layerNames(run)).toContain('libraries')
  })
})

describe('debug: true', () => {
  it('pushes v1-debug with a busybox shell after the image PATH, and v1 stays without a shell', async () => {
    const { repo, run } = await pushed('cgo-debug', { cgo: 'static', debug: 'true' })
    expect(run.log).toContain('Push the -debug images')
    // After the lean tags, in the tag stage: v1, then v1-debug.
    expect(run.log.indexOf(`tagged ${repo}:v1-debug`)).toBeGreaterThan(
      run.log.indexOf(`tagged ${repo}:v1\n`)
    )
    expect(run.log).toContain('With busybox (the -debug tags)')
    // Both sizes reported: the lean image's, and the debug image's, larger by the busybox layer.
    const debugSize = Number(run.outputs['debug-size'])
    expect(run.log).toContain(`(${debugSize} bytes) compressed`)
    expect(debugSize).toBeGreaterThan(Number(run.outputs.size) + 500_000)
    // The debug image is the same program.
    expect(await dockerRun(`${repo}:v1-debug`)).toEqual({ code: 0, out: EXPECTED })
    const shell = await sh('docker', [
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      '/busybox/sh',
      `${repo}:v1-debug`,
      '-c',
      'echo ok; echo "$PATH"; ls /busybox/ls >/dev/null && echo ls-applet'
    ])
    expect(shell.stdout).toBe(
      'ok\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox\nls-applet\n'
    )
    const lean = await dockerRun(`${repo}:v1`, ['--entrypoint', '/busybox/sh'])
    expect(lean.code).not.toBe(0)
    expect(lean.out).toMatch(/no such file or directory/)
    const sh2 = await dockerRun(`${repo}:v1`, ['--entrypoint', 'sh'])
    expect(sh2.code).not.toBe(0)
    // The lean layers are shared: the debug image only adds one.
    const lean1 = await pushedLayers(repo, 'v1')
    const debug1 = await pushedLayers(repo, 'v1-debug')
    expect([...debug1.keys()]).toEqual([...lean1.keys(), 'debug'])
    expect(debug1.get('debug')).toContain('busybox/busybox')
    expect(debug1.get('debug')).toContain('busybox/sh -> busybox')
  })
})

describe('refused before anything is pushed', () => {
  const refused = async (inputs: Record<string, string>): Promise<Run> => {
    const repo = `${REGISTRY}/${uniqueRepo('cgo-bad')}`
    const run = await runAction(
      { ...base, image: repo, tags: 'v1', ...inputs },
      { workdir: await copyFixture('cgo-libm') }
    )
    expect(run.code).not.toBe(0)
    const tags = await fetch(`http://${repo.replace('/', '/v2/')}/tags/list`)
    expect(tags.status).toBe(404)
    return run
  }

  it('cgo: dynamic for another platform without a cross compiler names the platform and the package', async () => {
    const run = await refused({ cgo: 'dynamic', platforms: 'linux/amd64,linux/arm64' })
    expect(run.stdout).toMatch(
      /^::error::cc: cgo: dynamic for linux\/arm64 needs a C compiler for linux\/arm64.*gcc-aarch64-linux-gnu/m
    )
  })

  it('cgo: static with a compiler that has no static C library names the package', async () => {
    // gcc on a runner without libc6-dev: asked for a file it cannot find, gcc prints the bare name back (GCC's
    // documented -print-file-name behaviour); everything else goes to the real gcc.
    const dir = await tempDir()
    const cc = path.join(dir, 'gcc-without-libc-dev')
    await writeFile(
      cc,
      '#!/bin/sh\ncase "$1" in -print-file-name=libc.a) echo libc.a ;; *) exec gcc "$@" ;; esac\n'
    )
    await chmod(cc, 0o755)
    const run = await refused({ cgo: 'static', cc })
    expect(run.stdout).toContain(`finds no static C library (libc.a)`)
    expect(run.stdout).toContain('Install libc6-dev')
  })

  it('debug: true with a dynamic busybox, or one for another machine, is refused', async () => {
    const dynamic = await refused({ debug: 'true', cgo: 'static', 'debug-busybox': '/bin/ls' })
    expect(dynamic.stdout).toMatch(/^::error::debug-busybox: \/bin\/ls is dynamically linked/m)
    const dir = await tempDir()
    const arm = path.join(dir, 'busybox-arm64')
    await writeFile(arm, elf({ bits: 64, littleEndian: true, machine: EM.AARCH64 }))
    const wrong = await refused({ debug: 'true', cgo: 'static', 'debug-busybox': arm })
    expect(wrong.stdout).toContain(
      `debug-busybox: ${arm} is a 64-bit AArch64 binary, but the linux/amd64 image needs x86-64`
    )
  })
})
