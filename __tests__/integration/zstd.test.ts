// zstd layers end to end: pushed to the real registry, pulled and run by Docker, loaded with load: true, written
// as an OCI layout, with digests that do not depend on the layer cache.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { RUNTIME } from '../../src/oci/compress.js'
import {
  copyFixture,
  MIRROR,
  REGISTRY,
  requireEnvironment,
  runAction,
  sh,
  skopeo,
  tempDir,
  uniqueRepo
} from './harness.js'

interface Manifest {
  config: { size: number; digest: string }
  layers: { mediaType: string; size: number; digest: string }[]
}

const ZSTD_LAYER = 'application/vnd.oci.image.layer.v1.tar+zstd'
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)

describe('the runtime', () => {
  it('has zstd exactly when Node.js is 22.15 or newer, so these tests run on Node 24', () => {
    expect(RUNTIME.hasZstd).toBe(major > 22 || (major === 22 && minor >= 15))
  })
})

// Skipped, visibly, on a Node without node:zlib zstd (the action refuses zstd there; config.test covers that).
const withZstd = RUNTIME.hasZstd ? describe : describe.skip

withZstd('compression: zstd (needs Node.js 22.15+)', () => {
  let toolCache: string
  beforeAll(async () => {
    await requireEnvironment()
    toolCache = await tempDir('gsi-toolcache-')
  })

  const base = { 'go-download-base-url': MIRROR, compression: 'zstd' }

  it('pushes zstd layers that Docker pulls and runs, sized as the manifest says, with digests the cache does not change', async () => {
    const workdir = await copyFixture('probe')
    const repo = `${REGISTRY}/${uniqueRepo('zstd')}`
    const first = await runAction({ ...base, image: repo, tags: 'v1' }, { workdir, toolCache })
    expect(first.log).not.toMatch(/::error::/)
    expect(first.code).toBe(0)
    expect(first.log).toMatch(
      /layers: zstd-19; 5 compressed, 0 shared between platforms, 0 from the layer cache/
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

    expect((await sh('docker', ['pull', '-q', `${repo}:v1`])).code).toBe(0)
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', `${repo}:v1`])
    expect(ran.stderr).toBe('')
    expect(ran.stdout).toContain('zone Asia/Shanghai CST +0800')
    expect(ran.stdout).toContain('tmp ok')
    expect(ran.stdout).toContain('uid 65532 gid 65532')
    expect(Number(/certs (\d+)/.exec(ran.stdout)?.[1])).toBeGreaterThan(50)
    await sh('docker', ['rmi', `${repo}:v1`])

    // Again with the layer cache the first run filled: loaded into Docker and written as a layout, not pushed.
    const layout = path.join(await tempDir(), 'layout')
    const second = await runAction(
      { ...base, image: repo, tags: 'v2', push: 'false', load: 'true', 'oci-layout': layout },
      { workdir, toolCache }
    )
    expect(second.code).toBe(0)
    expect(second.log).toMatch(
      /layers: zstd-19; 0 compressed, 0 shared between platforms, 5 from the layer cache/
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
    expect(third.code).toBe(0)
    expect(third.log).toMatch(/layers: zstd-19; 5 compressed/)
    expect(third.outputs.digest).toBe(first.outputs.digest)
  })

  it('refuses zstd with media-types: docker before any work', async () => {
    const workdir = await copyFixture('probe')
    const run = await runAction(
      { ...base, image: `${REGISTRY}/${uniqueRepo('zstd-docker')}`, 'media-types': 'docker' },
      { workdir, toolCache }
    )
    expect(run.code).not.toBe(0)
    expect(run.log).toContain(
      "compression: zstd cannot go with media-types: docker (Docker's schema 2 has no zstd layer type)."
    )
    expect(run.log).not.toContain('Install Go')
  })
})
