// Codecs end to end: zstd layers pushed to the real registry, pulled and run by containerd (and by Docker from Engine
// 23), loaded with load: true,
// written as an OCI layout, with digests that do not depend on the layer cache; gzip max read by the gzip binary.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { RUNTIME } from '../../src/oci/compress.js'
import { sh, skopeo } from './commands.js'
import { copyFixture, runAction, tempDir } from './harness.js'
import { REGISTRY, uniqueName, uniqueRepo } from './registries.js'

interface Manifest {
  config: { size: number; digest: string }
  layers: { mediaType: string; size: number; digest: string }[]
}

const ZSTD_LAYER = 'application/vnd.oci.image.layer.v1.tar+zstd'
/** The Docker Engine's containerd (dockerd starts it with this socket), which has pulled zstd since 1.5. */
const CONTAINERD = process.env.GSI_CONTAINERD_SOCKET ?? '/var/run/docker/containerd/containerd.sock'
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)

describe('the runtime', () => {
  it('has zstd exactly when Node.js is 22.15 or newer, so these tests run on Node 24', () => {
    expect(RUNTIME.hasZstd).toBe(major > 22 || (major === 22 && minor >= 15))
  })
})

// Skipped, visibly, on a Node without node:zlib zstd (the action refuses zstd there; config.test covers that).
const withZstd = RUNTIME.hasZstd ? describe : describe.skip

withZstd('compression: zstd (needs Node.js 22.15+)', () => {
  const base = { compression: 'zstd' }
  /** The first test's repository, for the Docker test after it. */
  let pushed = ''

  it('pushes zstd layers that containerd pulls and runs, sized as the manifest says, with digests the cache does not change', async () => {
    const workdir = await copyFixture('probe')
    const repo = `${REGISTRY}/${uniqueRepo('zstd')}`
    const first = await runAction({ ...base, image: repo, tags: 'v1' }, { workdir })
    expect(first.log).not.toMatch(/::error::/)
    expect({ code: first.code, log: first.code ? first.log : '' }).toEqual({ code: 0, log: '' })
    // Five layers, and the zoneinfo staging compared two candidates (tree and zip) in the same codec; the chosen
    // one and the binary (compressed as soon as it was linked) are found again by the assembly.
    expect(first.log).toMatch(
      /layers: zstd-19; 6 compressed, 2 reused within the run, 0 from the layer cache/
    )

    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${repo}:v1`])
    expect(raw.code).toBe(0)
    const manifest = JSON.parse(raw.stdout) as Manifest
    expect(manifest.layers.map(l => l.mediaType)).toEqual(Array(5).fill(ZSTD_LAYER))
    expect(Number(first.outputs.size)).toBe(
      manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0)
    )
    const sizes = JSON.parse(first.outputs.sizes!) as Record<
      string,
      { layers: { digest: string; size: number }[] }
    >
    expect(sizes['linux/amd64']!.layers.map(l => [l.digest, l.size])).toEqual(
      manifest.layers.map(l => [l.digest, l.size])
    )

    // containerd pulls it (it decompresses every layer: a private namespace has none of them unpacked) and runs it
    // with no network. It is the Docker Engine's own containerd; Engine 20.10 itself cannot pull zstd (below).
    const ns = uniqueName('gsi-it')
    const ctr = (args: string[]): ReturnType<typeof sh> =>
      sh('ctr', ['-a', CONTAINERD, '-n', ns, ...args])
    const pulled = await ctr(['images', 'pull', '--plain-http', `${repo}:v1`])
    // ctr may log a cancelled content-info lookup after a good pull; the exit code and the unpack line decide.
    expect({ code: pulled.code, stderr: pulled.code ? pulled.stderr : '' }).toEqual({
      code: 0,
      stderr: ''
    })
    expect(pulled.stdout).toContain(`unpacking linux/amd64 ${first.outputs.digest}`)
    const ran = await ctr(['run', '--rm', `${repo}:v1`, uniqueName('zstd-probe')])
    await ctr(['images', 'rm', `${repo}:v1`])
    expect(ran.stderr).toBe('')
    expect(ran.stdout).toContain('zone Asia/Shanghai CST +0800')
    expect(ran.stdout).toContain('tmp ok')
    expect(ran.stdout).toContain('uid 65532 gid 65532')
    expect(Number(/certs (\d+)/.exec(ran.stdout)?.[1])).toBeGreaterThan(50)
    pushed = repo

    // Again with the layer cache the first run filled: loaded into Docker and written as a layout, not pushed.
    const layout = path.join(await tempDir(), 'layout')
    const second = await runAction(
      { ...base, image: repo, tags: 'v2', push: 'false', load: 'true', 'oci-layout': layout },
      { workdir }
    )
    expect({ code: second.code, log: second.code ? second.log : '' }).toEqual({ code: 0, log: '' })
    // The zoneinfo choice is remembered, so neither candidate is compressed to choose again: five layers read
    // from the cache, and the binary found again by the assembly.
    expect(second.log).toMatch(
      /layers: zstd-19; 0 compressed, 1 reused within the run, 5 from the layer cache/
    )
    expect(second.outputs.digest).toBe(first.outputs.digest)
    const loaded = await sh('docker', ['run', '--rm', '--network', 'none', `${repo}:v2`])
    expect(loaded.stderr).toBe('')
    expect(loaded.stdout).toContain('zone Asia/Shanghai CST +0800')
    await sh('docker', ['rmi', `${repo}:v2`])
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[]
    }
    expect(index.manifests[0]!.digest).toBe(first.outputs.digest)
    const copied = await skopeo(['inspect', '--raw', `oci:${layout}:v2`])
    expect((JSON.parse(copied.stdout) as Manifest).layers.map(l => l.digest)).toEqual(
      manifest.layers.map(l => l.digest)
    )

    // And with an empty cache (another tool cache): every layer compressed again, the same bytes.
    const third = await runAction(
      { ...base, image: repo, push: 'false' },
      { workdir, toolCache: await tempDir('gsi-toolcache-') }
    )
    expect({ code: third.code, log: third.code ? third.log : '' }).toEqual({ code: 0, log: '' })
    expect(third.log).toMatch(/layers: zstd-19; 6 compressed, 2 reused within the run, 0 from/)
    expect(third.outputs.digest).toBe(first.outputs.digest)
  })

  // Docker Engine added zstd pulls in 23.0 (its release notes: "Add support for pulling zstd compressed layers");
  // 20.10's docker pull reads a zstd layer as a plain tar and fails with "archive/tar: invalid tar header".
  it('is pulled and run by the Docker Engine when it is 23.0 or newer', async () => {
    const version = (
      await sh('docker', ['version', '--format', '{{.Server.Version}}'])
    ).stdout.trim()
    if (Number(version.split('.')[0]) < 23) {
      console.warn(
        `Docker Engine ${version} cannot pull zstd layers (23.0+ can); containerd ran the image above.`
      )
      return
    }
    expect(pushed).not.toBe('')
    const pulled = await sh('docker', ['pull', '-q', `${pushed}:v1`])
    expect({ code: pulled.code, stderr: pulled.stderr }).toEqual({ code: 0, stderr: '' })
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', `${pushed}:v1`])
    await sh('docker', ['rmi', `${pushed}:v1`])
    expect(ran.stdout).toContain('zone Asia/Shanghai CST +0800')
  })

  it('refuses zstd with media-types: docker before any work', async () => {
    const workdir = await copyFixture('probe')
    const run = await runAction(
      { ...base, image: `${REGISTRY}/${uniqueRepo('zstd-docker')}`, 'media-types': 'docker' },
      { workdir }
    )
    expect(run.code).not.toBe(0)
    expect(run.log).toContain(
      "compression: zstd cannot go with media-types: docker (Docker's schema 2 has no zstd layer type)."
    )
    expect(run.log).not.toContain('Install Go')
  })
})

describe('compression-level: max', () => {
  it('writes gzip layers the gzip binary reads back to the diff_ids, smaller than level 9', async () => {
    const workdir = await copyFixture('probe')
    const toolCache = await tempDir('gsi-toolcache-')
    const layouts = {
      nine: path.join(await tempDir(), 'nine'),
      max: path.join(await tempDir(), 'max')
    }
    const nine = await runAction(
      {
        push: 'false',
        'compression-level': '9',
        'oci-layout': layouts.nine
      },
      { workdir, toolCache }
    )
    const max = await runAction(
      {
        push: 'false',
        'compression-level': 'max',
        'oci-layout': layouts.max
      },
      { workdir, toolCache }
    )
    expect(max.log).not.toMatch(/::error::/)
    expect({ code: max.code, log: max.code ? max.log : '' }).toEqual({ code: 0, log: '' })
    expect(max.log).toMatch(/layers: gzip-max; 6 compressed/)
    const blob = (layout: string, digest: string): Promise<Buffer> =>
      readFile(path.join(layout, 'blobs', 'sha256', digest.replace('sha256:', '')))
    const manifestOf = async (layout: string, digest: string): Promise<Manifest> =>
      JSON.parse((await blob(layout, digest)).toString()) as Manifest
    const m9 = await manifestOf(layouts.nine, nine.outputs.digest!)
    const mx = await manifestOf(layouts.max, max.outputs.digest!)
    const config = JSON.parse((await blob(layouts.max, mx.config.digest)).toString()) as {
      rootfs: { diff_ids: string[] }
    }
    for (const [i, l] of mx.layers.entries()) {
      expect(l.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip')
      const tar = execFileSync('gzip', ['-d', '-c'], {
        input: await blob(layouts.max, l.digest),
        maxBuffer: 1 << 28
      })
      expect(`sha256:${createHash('sha256').update(tar).digest('hex')}`).toBe(
        config.rootfs.diff_ids[i]
      )
    }
    // The binary and the text-heavy layers shrink; the tiny system and home layers may only tie.
    const [binary9, binaryMax] = [m9.layers.at(-1)!.size, mx.layers.at(-1)!.size]
    expect(binaryMax).toBeLessThan(binary9)
    expect(mx.layers[0]!.size).toBeLessThan(m9.layers[0]!.size)
    for (const [i, l] of mx.layers.entries()) expect(l.size).toBeLessThanOrEqual(m9.layers[i]!.size)
    expect(Number(max.outputs.size)).toBeLessThan(Number(nine.outputs.size))
  })
})
