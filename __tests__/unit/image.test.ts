import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import type { Platform } from '../../src/platform.js'
import {
  allBlobs,
  buildImage,
  buildIndex,
  MEDIA,
  topLevel,
  withManifest,
  type BuiltImage
} from '../../src/oci/image.js'
import { rfc3339 } from '../../src/source-date-epoch.js'
import { layerTar } from '../../src/oci/tar.js'
import { groupFile, passwdFile, type FilePlan } from '../../src/rootfs/plan.js'
import { appPlan, imageSettings } from './helpers.js'

const EPOCH = 1_700_000_000
const CREATED = '2023-11-14T22:13:20Z'

const hex = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

/** The plain /app image, with an environment variable and a default argument for the config to hold. */
const plan = (bin = 'ELF binary'): FilePlan =>
  appPlan(Buffer.from(bin), imageSettings({ env: ['TZ=UTC'], cmd: ['serve'] }))

const armV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' }
const amd64: Platform = { os: 'linux', architecture: 'amd64' }
const json = (b: { data: Buffer }): Record<string, unknown> =>
  JSON.parse(b.data.toString()) as Record<string, unknown>

describe('rfc3339', () => {
  it.each<[number, string]>([
    [0, '1970-01-01T00:00:00Z'],
    [EPOCH, CREATED],
    [1_234_567_890, '2009-02-13T23:31:30Z']
  ])('%i -> %s', (epoch, text) => expect(rfc3339(epoch)).toBe(text))
})

describe('buildImage', () => {
  it('writes the config: platform, settings, diff_ids of the uncompressed tars, one history entry a layer', async () => {
    const p = plan()
    const img = await buildImage(p, armV7, EPOCH)
    const tars = await Promise.all(p.layers.map(l => layerTar(l.entries, EPOCH)))
    const diffIds = tars.map(hex)
    // Key order matters for the digest, so compare the exact bytes.
    expect(img.config.data.toString()).toBe(
      JSON.stringify({
        created: CREATED,
        architecture: 'arm',
        variant: 'v7',
        os: 'linux',
        config: {
          User: '65532:65532',
          Env: ['TZ=UTC'],
          Entrypoint: ['/app'],
          Cmd: ['serve'],
          WorkingDir: '/'
        },
        rootfs: { type: 'layers', diff_ids: diffIds },
        history: [
          { created: CREATED, created_by: 'COPY system/ / # go-scratch-image' },
          { created: CREATED, created_by: 'COPY binary/ / # go-scratch-image' }
        ]
      })
    )
    expect(img.config.mediaType).toBe(MEDIA.config)
    expect(img.config.digest).toBe(hex(img.config.data))
    expect(img.config.size).toBe(img.config.data.length)
    expect(img.layers.map(l => l.diffId)).toEqual(diffIds)
    img.layers.forEach((l, i) => expect(gunzipSync(l.blob.data).equals(tars[i]!)).toBe(true))
  })

  it('leaves out variant, Env and Cmd when there are none, and writes created for epoch 0', async () => {
    const p = plan()
    p.image = { ...p.image, env: [], cmd: [] }
    const config = json((await buildImage(p, amd64, 0)).config)
    expect(Object.keys(config)).toEqual([
      'created',
      'architecture',
      'os',
      'config',
      'rootfs',
      'history'
    ])
    expect(config.created).toBe('1970-01-01T00:00:00Z')
    expect(config.config).toEqual({ User: '65532:65532', Entrypoint: ['/app'], WorkingDir: '/' })
  })

  it('writes ExposedPorts and sorted Labels, and the annotations on the manifest and the index', async () => {
    const p = plan()
    p.image = {
      ...p.image,
      exposedPorts: ['8080/tcp', '53/udp'],
      labels: { 'z.last': '1', 'a.first': '2' },
      annotations: { 'org.opencontainers.image.revision': 'abc' }
    }
    const img = await buildImage(p, amd64, 0)
    const config = json(img.config).config as Record<string, unknown>
    expect(config.ExposedPorts).toEqual({ '8080/tcp': {}, '53/udp': {} })
    expect(JSON.stringify(config.Labels)).toBe('{"a.first":"2","z.last":"1"}')
    expect(json(img.manifest).annotations).toEqual({ 'org.opencontainers.image.revision': 'abc' })
    const other = await buildImage(p, armV7, 0)
    expect(json(buildIndex([img, other])).annotations).toEqual({
      'org.opencontainers.image.revision': 'abc'
    })
    // None given: no annotations key at all, so digests of plain images do not move.
    expect(json((await buildImage(plan(), amd64, 0)).manifest)).not.toHaveProperty('annotations')
  })

  it('rewrites the manifest with Docker media types, keeping blob digests and dropping annotations', async () => {
    const p = plan()
    p.image = { ...p.image, annotations: { 'org.opencontainers.image.revision': 'abc' } }
    const oci = await buildImage(p, amd64, 0)
    const docker = withManifest(oci, 'docker')
    const m = json(docker.manifest)
    expect(docker.manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    expect(m.mediaType).toBe(docker.manifest.mediaType)
    expect((m.config as { mediaType: string }).mediaType).toBe(
      'application/vnd.docker.container.image.v1+json'
    )
    expect((m.layers as { mediaType: string; digest: string }[]).map(l => l.mediaType)).toEqual(
      oci.layers.map(() => 'application/vnd.docker.image.rootfs.diff.tar.gzip')
    )
    expect(docker.layers.map(l => l.blob.digest)).toEqual(oci.layers.map(l => l.blob.digest))
    expect(docker.config.digest).toBe(oci.config.digest)
    expect(m).not.toHaveProperty('annotations')
    const index = json(buildIndex([docker, withManifest(await buildImage(p, armV7, 0), 'docker')]))
    expect(index.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    expect(index).not.toHaveProperty('annotations')
    // Back to OCI gives the very manifest buildImage wrote.
    expect(withManifest(docker, 'oci').manifest.digest).toBe(oci.manifest.digest)
  })

  it('writes a manifest whose descriptors match the blobs', async () => {
    const img = await buildImage(plan(), amd64, EPOCH)
    expect(img.manifest.mediaType).toBe(MEDIA.manifest)
    expect(img.manifest.digest).toBe(hex(img.manifest.data))
    expect(img.manifest.data.toString()).toBe(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        config: { mediaType: MEDIA.config, digest: img.config.digest, size: img.config.size },
        layers: img.layers.map(l => ({
          mediaType: MEDIA.layer,
          digest: hex(l.blob.data),
          size: l.blob.data.length
        }))
      })
    )
    expect(img.layers.map(l => l.name)).toEqual(['system', 'binary'])
    expect(img.layers.map(l => l.contentSize)).toEqual([
      passwdFile().length + groupFile().length,
      'ELF binary'.length
    ])
  })

  it('gives the same digests on every build and different ones for different content', async () => {
    const a = await buildImage(plan(), amd64, EPOCH)
    const b = await buildImage(plan(), amd64, EPOCH)
    expect(b.manifest.digest).toBe(a.manifest.digest)
    expect(b.config.digest).toBe(a.config.digest)
    expect(b.layers.map(l => l.blob.digest)).toEqual(a.layers.map(l => l.blob.digest))
    expect(b.manifest.data.equals(a.manifest.data)).toBe(true)

    const other = await buildImage(plan('ELF binary 2'), amd64, EPOCH)
    expect(other.layers[0]!.blob.digest).toBe(a.layers[0]!.blob.digest)
    expect(other.layers[1]!.blob.digest).not.toBe(a.layers[1]!.blob.digest)
    const later = await buildImage(plan(), amd64, EPOCH + 1)
    expect(later.manifest.digest).not.toBe(a.manifest.digest)
  })
})

describe('index, topLevel and allBlobs', () => {
  const build = async (): Promise<[BuiltImage, BuiltImage]> => [
    await buildImage(plan('amd64 binary'), amd64, EPOCH),
    await buildImage(plan('armv7 binary'), armV7, EPOCH)
  ]

  it('buildIndex lists each manifest with its platform', async () => {
    const images = await build()
    const index = buildIndex(images)
    expect(index.mediaType).toBe(MEDIA.index)
    expect(index.digest).toBe(hex(index.data))
    expect(index.data.toString()).toBe(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.index,
        manifests: [
          {
            mediaType: MEDIA.manifest,
            digest: images[0].manifest.digest,
            size: images[0].manifest.size,
            platform: { architecture: 'amd64', os: 'linux' }
          },
          {
            mediaType: MEDIA.manifest,
            digest: images[1].manifest.digest,
            size: images[1].manifest.size,
            platform: { architecture: 'arm', os: 'linux', variant: 'v7' }
          }
        ]
      })
    )
  })

  it('topLevel is the manifest for one image and an index for several', async () => {
    const images = await build()
    expect(topLevel([images[0]])).toBe(images[0].manifest)
    const top = topLevel(images)
    expect(top.mediaType).toBe(MEDIA.index)
    expect(top.digest).toBe(buildIndex(images).digest)
  })

  it('allBlobs lists shared layers once, layers before configs', async () => {
    const images = await build()
    const [a, b] = images
    // The system layer is the same for both platforms; the binaries differ.
    expect(a.layers[0]!.blob.digest).toBe(b.layers[0]!.blob.digest)
    expect(allBlobs(images).map(x => x.digest)).toEqual([
      a.layers[0]!.blob.digest,
      a.layers[1]!.blob.digest,
      b.layers[1]!.blob.digest,
      a.config.digest,
      b.config.digest
    ])
    expect(allBlobs([a, a]).map(x => x.digest)).toEqual([
      a.layers[0]!.blob.digest,
      a.layers[1]!.blob.digest,
      a.config.digest
    ])
  })
})

describe('compressLayer', () => {
  it("makes a layer of files on disk once per run: the compile's hook and the assembly share its tar and digest", async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const os = await import('node:os')
    const path = await import('node:path')
    const { compressLayer } = await import('../../src/oci/image.js')
    const { LayerCompressor } = await import('../../src/oci/layer-compressor.js')
    const { binaryLayer } = await import('../../src/rootfs/plan.js')
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gsi-layer-once-'))
    const bin = path.join(dir, 'app')
    await writeFile(bin, 'first build')
    const compressor = new LayerCompressor({ compression: { codec: 'gzip', level: 6 } })
    const layer = () => binaryLayer(bin, 'app', 11)
    const first = await compressLayer(layer(), 0, compressor)
    // The same bytes' size, other bytes: read again, the digest would change; made once, it is the first one.
    await writeFile(bin, 'other build')
    expect((await compressLayer(layer(), 0, compressor)).diffId).toBe(first.diffId)
    // Counted as reused within the run, as the assembly's log says.
    expect(compressor.stats).toEqual({ compressed: 1, memo: 1, disk: 0 })
    // Another epoch, or another run's compressor, makes it anew.
    expect((await compressLayer(layer(), 1, compressor)).diffId).not.toBe(first.diffId)
    const next = new LayerCompressor({ compression: { codec: 'gzip', level: 6 } })
    const again = await compressLayer(layer(), 0, next)
    expect(again.diffId).not.toBe(first.diffId)
    expect(again.diffId).toBe(hex(gunzipSync(again.data)))
  })
})
