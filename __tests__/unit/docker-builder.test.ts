import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import zlib, { gunzipSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import type { Platform } from '../../src/platform.js'
import {
  buildxOutput,
  detectBuildx,
  dockerBuild,
  readSaveArchive,
  toBuiltImage,
  type SavedImage
} from '../../src/docker/builder.js'
import { buildImage, MEDIA } from '../../src/oci/image.js'
import { decompressLayer } from '../../src/oci/layer-headers.js'
import { LayerCompressor } from '../../src/oci/layer-compressor.js'
import { layerTar } from '../../src/oci/tar.js'
import type { CommandResult, RunOptions, Runner } from '../../src/ports.js'
import {
  dir,
  file,
  homeLayer,
  orderLayers,
  symlink,
  systemLayer,
  withParents,
  type FilePlan
} from '../../src/rootfs/plan.js'
import { fakeLogger, imageSettings, readTar, withTempDir } from './helpers.js'

const EPOCH = 1_700_000_000
const amd64: Platform = { os: 'linux', architecture: 'amd64' }
const arm64: Platform = { os: 'linux', architecture: 'arm64' }
const armV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' }
const hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

function plan(bin = 'ELF binary'): FilePlan {
  const data = Buffer.from(bin)
  const conf = Buffer.from('key: value\n')
  return {
    layers: orderLayers([
      systemLayer(),
      homeLayer(),
      {
        name: 'files',
        entries: withParents([
          file('etc/app/config.yaml', conf, conf.length),
          symlink('etc/app/current', 'config.yaml'),
          dir('var/cache/app', 0o700)
        ])
      },
      { name: 'binary', entries: withParents([file('app', data, data.length, 0o755)]) }
    ]),
    image: imageSettings({ annotations: { 'org.opencontainers.image.version': '1.0.0' } })
  }
}

async function packTar(files: { name: string; data?: Buffer; link?: string }[]): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => chunks.push(c as Buffer))
  const done = new Promise<void>(resolve => pack.on('end', () => resolve()))
  for (const f of files) {
    if (f.link !== undefined) pack.entry({ name: f.name, type: 'symlink', linkname: f.link })
    else if (f.data) pack.entry({ name: f.name, type: 'file' }, f.data)
    else pack.entry({ name: f.name, type: 'directory' })
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

/** The layer tars and config the native builder would make: what a faithful docker save holds. */
async function nativeParts(p: FilePlan, platform: Platform = amd64): Promise<SavedImage> {
  const native = await buildImage(p, platform, EPOCH)
  return {
    config: native.config.data,
    layers: await Promise.all(p.layers.map(l => layerTar(l.entries, EPOCH)))
  }
}

/** Docker 20.10's docker save: <id>/layer.tar per layer, a layer saved twice as a symlink to the first. */
async function legacyArchive(img: SavedImage, tag = 'gsi-build:x'): Promise<Buffer> {
  const ids = img.layers.map((l, i) => hex(Buffer.concat([l, Buffer.from([i])])))
  const files: { name: string; data?: Buffer; link?: string }[] = []
  const first = new Map<string, string>()
  img.layers.forEach((l, i) => {
    const id = ids[i]!
    files.push({ name: `${id}/` }, { name: `${id}/VERSION`, data: Buffer.from('1.0') })
    files.push({ name: `${id}/json`, data: Buffer.from('{}') })
    const seen = first.get(hex(l))
    if (seen) files.push({ name: `${id}/layer.tar`, link: `../${seen}/layer.tar` })
    else {
      first.set(hex(l), id)
      files.push({ name: `${id}/layer.tar`, data: l })
    }
  })
  const configName = `${hex(img.config)}.json`
  files.push({ name: configName, data: img.config })
  const manifest = [
    { Config: configName, RepoTags: [tag], Layers: ids.map(id => `${id}/layer.tar`) }
  ]
  files.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) })
  files.push({ name: 'repositories', data: Buffer.from('{}') })
  return packTar(files)
}

/** Docker 25+'s docker save: an OCI layout whose manifest.json points into blobs/sha256. */
async function ociArchive(
  images: { img: SavedImage; tag: string; gzipLayers?: boolean }[]
): Promise<Buffer> {
  const blobs = new Map<string, Buffer>()
  const add = (data: Buffer): string => {
    const name = `blobs/sha256/${hex(data)}`
    blobs.set(name, data)
    return name
  }
  const manifest = images.map(({ img, tag, gzipLayers }) => ({
    Config: add(img.config),
    RepoTags: [tag],
    Layers: img.layers.map(l => add(gzipLayers ? gzipSync(l) : l))
  }))
  return packTar([
    { name: 'blobs/' },
    { name: 'blobs/sha256/' },
    ...[...blobs].map(([name, data]) => ({ name, data })),
    { name: 'index.json', data: Buffer.from('{"schemaVersion":2,"manifests":[]}') },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    { name: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') }
  ])
}

describe('readSaveArchive', () => {
  it('reads the Docker 20.10 format, following a repeated layer saved as a symlink', async () => {
    const img = await nativeParts(plan())
    const twice: SavedImage = { config: img.config, layers: [...img.layers, img.layers[0]!] }
    const saved = await readSaveArchive(await legacyArchive(twice))
    expect(saved.config.equals(img.config)).toBe(true)
    expect(saved.layers.map(hex)).toEqual(twice.layers.map(hex))
  })

  it('reads the OCI format with plain and gzip-compressed layers alike', async () => {
    const img = await nativeParts(plan())
    for (const gzipLayers of [false, true]) {
      const saved = await readSaveArchive(await ociArchive([{ img, tag: 't:1', gzipLayers }]))
      expect(saved.layers.map(hex)).toEqual(img.layers.map(hex))
      expect(saved.config.equals(img.config)).toBe(true)
    }
  })

  it('picks the tagged image when the archive holds several, and says so when none is tagged', async () => {
    const a = await nativeParts(plan('one'))
    const b = await nativeParts(plan('two'), arm64)
    const archive = await ociArchive([
      { img: a, tag: 'x:amd64' },
      { img: b, tag: 'x:arm64' }
    ])
    expect((await readSaveArchive(archive, 'x:arm64')).config.equals(b.config)).toBe(true)
    expect((await readSaveArchive(archive, 'x:amd64')).config.equals(a.config)).toBe(true)
    await expect(readSaveArchive(archive, 'x:s390x')).rejects.toThrow(
      /holds 2 images and none is tagged x:s390x/
    )
  })

  it('says which file a broken archive lacks', async () => {
    await expect(
      readSaveArchive(await packTar([{ name: 'repositories', data: Buffer.from('{}') }]))
    ).rejects.toThrow(/no manifest\.json/)
  })
})

describe('decompressLayer', () => {
  it('passes a plain tar through and gunzips a gzip one', () => {
    const raw = Buffer.from('plain tar bytes')
    expect(decompressLayer(raw, 'l')).toBe(raw)
    expect(decompressLayer(gzipSync(raw), 'l').equals(raw)).toBe(true)
  })

  it('reads zstd where Node.js can, and otherwise says why it cannot', () => {
    const raw = Buffer.from('zstd tar bytes')
    const z = zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }
    if (z.zstdCompressSync) {
      expect(decompressLayer(z.zstdCompressSync(raw), 'l').equals(raw)).toBe(true)
    } else {
      const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])
      expect(() => decompressLayer(frame, 'blobs/sha256/ab')).toThrow(
        /blobs\/sha256\/ab .* zstd-compressed/
      )
    }
  })
})

describe('toBuiltImage', () => {
  it('gives the native image, digest for digest, when Docker built the same layers and config', async () => {
    const p = plan()
    const native = await buildImage(p, amd64, EPOCH)
    const saved = await readSaveArchive(await legacyArchive(await nativeParts(p)))
    const built = await toBuiltImage(saved, amd64, p, '/ctx/Dockerfile')
    expect(built.manifest.digest).toBe(native.manifest.digest)
    expect(built.manifest.mediaType).toBe(MEDIA.manifest)
    expect(built.config).toEqual(native.config)
    expect(built.layers).toEqual(native.layers)
    expect(built.layers.map(l => l.name)).toEqual(['system', 'home', 'files', 'binary'])
    expect(built.annotations).toEqual(p.image.annotations)
    expect(built.platform).toEqual(amd64)
  })

  it('recompresses layers deterministically with the native media type and counts file bytes', async () => {
    const p = plan('0123456789')
    const built = await toBuiltImage(await nativeParts(p), amd64, p, 'Dockerfile')
    const bin = built.layers.find(l => l.name === 'binary')!
    expect(bin.blob.mediaType).toBe(MEDIA.layer)
    expect(bin.contentSize).toBe(10)
    const entries = await readTar(gunzipSync(bin.blob.data))
    expect(entries.map(e => e.header.name)).toEqual(['app'])
    // The files layer: a file and a symlink, of which only the file counts.
    expect(built.layers.find(l => l.name === 'files')!.contentSize).toBe(11)
  })

  it('refuses a layer count that differs from the plan, naming the Dockerfile', async () => {
    const p = plan()
    const img = await nativeParts(p)
    const extra = await layerTar(withParents([dir('srv/data')]), EPOCH)
    await expect(
      toBuiltImage(
        { config: img.config, layers: [...img.layers, extra] },
        amd64,
        p,
        '/ctx/Dockerfile'
      )
    ).rejects.toThrow(
      /Docker built 5 layers from \/ctx\/Dockerfile for linux\/amd64, but the file plan has 4 \(system, home, files, binary\)/
    )
  })

  it('refuses a config whose diff_ids are not the layers saved', async () => {
    const p = plan()
    const img = await nativeParts(p)
    const other = await nativeParts(plan('another binary'))
    await expect(
      toBuiltImage({ config: other.config, layers: img.layers }, amd64, p, 'Dockerfile')
    ).rejects.toThrow(/does not match its own config/)
  })

  it.each<[string, Platform, Platform]>([
    ['arm64/v8 for an arm64 build', { ...arm64, variant: 'v8' }, arm64],
    ['arm64 for an arm64/v8 build', arm64, { ...arm64, variant: 'v8' }],
    ['amd64/v1 for an amd64 build', { ...amd64, variant: 'v1' }, amd64],
    ['arm without a variant for arm/v7', { os: 'linux', architecture: 'arm' }, armV7]
  ])('accepts a config naming %s: the same machine', async (_what, written, asked) => {
    const p = plan()
    const img = await nativeParts(p, written)
    const built = await toBuiltImage(img, asked, p, 'Dockerfile')
    expect(built.platform).toEqual(asked)
    expect(built.config.data.equals(img.config)).toBe(true)
  })

  it('refuses an image built for another platform', async () => {
    const p = plan()
    await expect(toBuiltImage(await nativeParts(p, amd64), arm64, p, 'Dockerfile')).rejects.toThrow(
      /Docker built Dockerfile for linux\/amd64 when linux\/arm64 was asked for/
    )
  })
})

interface Call {
  command: string
  args: string[]
  options?: RunOptions
}

/** A docker that records its commands; `docker save -o FILE` writes archive(tag) to FILE. */
function fakeDocker(
  archive: (tag: string) => Promise<Buffer>,
  build: (args: string[]) => CommandResult = () => ({ exitCode: 0, stdout: '', stderr: '' })
): { runner: Runner; calls: Call[] } {
  const calls: Call[] = []
  const ok = { exitCode: 0, stdout: '', stderr: '' }
  const runner: Runner = {
    async run(command, args, options) {
      calls.push({ command, args, options })
      if (args[0] === 'build' || args[1] === 'build') return build(args)
      if (args[0] === 'save') {
        await writeFile(args[2]!, await archive(args[3]!))
        return ok
      }
      if (args[0] === 'buildx' && args[1] === 'version') return ok
      return ok
    }
  }
  return { runner, calls }
}

/**
 * dockerBuild of plan() for linux/amd64 from a one-COPY Dockerfile in a temp context, against a fake Docker whose
 * save writes saved(the native image's parts, tag): the commands Docker was given and what the build logged.
 */
async function buildAmd64(
  saved: (parts: SavedImage, tag: string) => Promise<Buffer>,
  options: { buildx: boolean; epoch?: number }
): Promise<{
  calls: Call[]
  logger: ReturnType<typeof fakeLogger>
  dir: string
  dockerfile: string
}> {
  return withTempDir(async dir => {
    const dockerfile = path.join(dir, 'Dockerfile')
    await writeFile(dockerfile, 'FROM scratch\nCOPY binary/ /\n')
    const p = plan()
    const parts = await nativeParts(p)
    const { runner, calls } = fakeDocker(tag => saved(parts, tag))
    const logger = fakeLogger()
    const plans = [{ platform: amd64, plan: p }]
    await dockerBuild({ runner, logger, context: dir, dockerfile, plans, ...options })
    return { calls, logger, dir, dockerfile }
  })
}

describe('dockerBuild', () => {
  it('runs one classic build per platform with the TARGET* arguments, then saves and removes the tag', async () => {
    await withTempDir(async dir => {
      const dockerfile = path.join(dir, 'Dockerfile')
      await writeFile(
        dockerfile,
        'FROM scratch\nARG TARGETOS TARGETARCH TARGETVARIANT\nCOPY binary/${TARGETOS}/${TARGETARCH}/ /\n'
      )
      const plans = [
        { platform: amd64, plan: plan('amd64 binary') },
        { platform: arm64, plan: plan('arm64 binary') },
        { platform: armV7, plan: plan('arm binary') }
      ]
      const parts = await Promise.all(plans.map(p => nativeParts(p.plan, p.platform)))
      const { runner, calls } = fakeDocker(tag =>
        legacyArchive(parts[['amd64', 'arm64', 'arm-v7'].indexOf(tag.split(':linux-')[1]!)]!, tag)
      )
      const logger = fakeLogger()
      const images = await dockerBuild({
        runner,
        logger,
        context: dir,
        dockerfile,
        plans,
        buildx: false
      })
      expect(images.map(i => i.platform)).toEqual([amd64, arm64, armV7])
      for (const [i, { platform, plan: p }] of plans.entries()) {
        expect(images[i]!.manifest.digest).toBe(
          (await buildImage(p, platform, EPOCH)).manifest.digest
        )
      }
      const builds = calls.filter(c => c.args[0] === 'build')
      expect(builds).toHaveLength(3)
      const [first] = builds
      const tag = first!.args[first!.args.indexOf('-t') + 1]!
      expect(tag).toMatch(/^gsi-build-\d+-[0-9a-f]{12}:linux-amd64$/)
      expect(first!.args).toEqual([
        'build',
        '--no-cache',
        '--force-rm',
        '--build-arg',
        'TARGETOS=linux',
        '--build-arg',
        'TARGETARCH=amd64',
        '--build-arg',
        'TARGETVARIANT=',
        '--platform',
        'linux/amd64',
        '-f',
        dockerfile,
        '-t',
        tag,
        dir
      ])
      expect(first!.options?.env?.DOCKER_BUILDKIT).toBe('0')
      expect(first!.options?.env?.PATH).toBe(process.env.PATH)
      expect(calls.map(c => c.args.slice(0, 2).join(' '))).toEqual([
        ...['build --no-cache', 'save -o', 'rmi -f'],
        ...['build --no-cache', 'save -o', 'rmi -f'],
        ...['build --no-cache', 'save -o', 'rmi -f']
      ])
      const armBuild = builds[2]!.args
      expect(armBuild).toContain('TARGETVARIANT=v7')
      expect(
        armBuild.slice(armBuild.indexOf('--platform'), armBuild.indexOf('--platform') + 2)
      ).toEqual(['--platform', 'linux/arm/v7'])
      expect(armBuild[armBuild.indexOf('-t') + 1]).toMatch(/:linux-arm-v7$/)
      expect(calls[2]!.args).toEqual(['rmi', '-f', tag])
      expect(logger.lines.join('\n')).toContain(
        'linux/arm64: Docker built 4 layers (system, home, files, binary)'
      )
    })
  })

  it('uses buildx with the source date epoch and rewritten timestamps, for a reproducible digest', async () => {
    const { calls, logger, dir, dockerfile } = await buildAmd64(
      (parts, tag) => ociArchive([{ img: parts, tag }]),
      { buildx: true, epoch: EPOCH }
    )
    const args = calls[0]!.args
    const tag = args[args.indexOf('-t') + 1]!
    expect(args).toEqual([
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '-f',
      dockerfile,
      '-t',
      tag,
      '--build-arg',
      'SOURCE_DATE_EPOCH=1700000000',
      '--output',
      'type=docker,rewrite-timestamp=true',
      dir
    ])
    expect(logger.lines.join('\n')).not.toContain('classic builder')
  })

  it('says that the classic builder cannot give a reproducible digest', async () => {
    const { calls, logger } = await buildAmd64(legacyArchive, {
      buildx: false,
      epoch: EPOCH
    })
    // The classic builder knows no SOURCE_DATE_EPOCH: passing it would only warn of an unused argument.
    expect(calls[0]!.args.join(' ')).not.toContain('SOURCE_DATE_EPOCH')
    expect(logger.lines).toContain(
      'builder: docker: this Docker has no buildx, so the classic builder builds, and it records the build ' +
        'time in the image config: the digest differs on every build. Install docker-buildx for a reproducible ' +
        'digest, or use builder: native.'
    )
  })

  it('uses buildx with --load when it is there, and no build arguments for a one-platform Dockerfile', async () => {
    const { calls } = await buildAmd64((parts, tag) => ociArchive([{ img: parts, tag }]), {
      buildx: true
    })
    const build = calls[0]!
    expect(build.args.slice(0, 4)).toEqual(['buildx', 'build', '--platform', 'linux/amd64'])
    expect(build.args).toContain('--load')
    expect(build.args).not.toContain('--build-arg')
    expect(build.options?.env).toBeUndefined()
  })

  it('asks buildx for zstd layers when compression is zstd, and refuses zstd without buildx', async () => {
    expect(buildxOutput(EPOCH, { codec: 'zstd', level: 19 })).toEqual([
      '--build-arg',
      'SOURCE_DATE_EPOCH=1700000000',
      '--output',
      'type=docker,rewrite-timestamp=true,compression=zstd,compression-level=19,force-compression=true,oci-mediatypes=true'
    ])
    expect(buildxOutput(undefined, { codec: 'zstd', level: 3 })).toEqual([
      '--output',
      'type=docker,compression=zstd,compression-level=3,force-compression=true,oci-mediatypes=true'
    ])
    expect(buildxOutput(undefined, { codec: 'gzip', level: 9 })).toEqual(['--load'])
    const { runner, calls } = fakeDocker(async () => Buffer.alloc(0))
    await expect(
      dockerBuild({
        runner,
        logger: fakeLogger(),
        context: '/ctx',
        dockerfile: '/ctx/Dockerfile',
        plans: [{ platform: amd64, plan: plan() }],
        buildx: false,
        compressor: new LayerCompressor({ compression: { codec: 'zstd', level: 19 } })
      })
    ).rejects.toThrow(
      'compression: zstd with builder: docker needs docker buildx (its compression=zstd output), and this Docker ' +
        'has none. Install docker-buildx, use builder: native (which writes zstd itself), or compression: gzip.'
    )
    expect(calls).toEqual([])
  })

  it("recompresses what Docker saved in the run's codec and level", async () => {
    const p = plan()
    const compressor = new LayerCompressor({ compression: { codec: 'gzip', level: 1 } })
    const built = await toBuiltImage(await nativeParts(p), amd64, p, 'Dockerfile', compressor)
    const native = await buildImage(p, amd64, EPOCH, { compressor })
    expect(built.layers.map(l => l.blob.digest)).toEqual(native.layers.map(l => l.blob.digest))
    expect(built.layers.map(l => l.blob.digest)).not.toEqual(
      (await buildImage(p, amd64, EPOCH)).layers.map(l => l.blob.digest)
    )
    // The other platform's identical layers came from the run's memo, not a second compression.
    expect(compressor.stats.memo).toBe(p.layers.length)
  })

  it('fails with the Dockerfile path and docker stderr tail, and still removes the tag and the intermediates', async () => {
    await withTempDir(async dir => {
      const dockerfile = path.join(dir, 'Dockerfile')
      await writeFile(dockerfile, 'FROM scratch\nCOPY missing/ /\n')
      const { runner, calls } = fakeDocker(
        () => Promise.reject(new Error('not reached')),
        () => ({
          exitCode: 1,
          stdout:
            'Step 1/3 : FROM scratch\n ---> \nStep 2/3 : COPY system/ /\n ---> 0123456789ab\n',
          stderr:
            'COPY failed: file not found in build context: stat missing/: file does not exist\n'
        })
      )
      await expect(
        dockerBuild({
          runner,
          logger: fakeLogger(),
          context: dir,
          dockerfile,
          plans: [{ platform: amd64, plan: plan() }],
          buildx: false
        })
      ).rejects.toThrow(
        new RegExp(
          `docker build of ${dockerfile} for linux/amd64 failed \\(exit 1\\):\\nCOPY failed: file not found`
        )
      )
      expect(calls.map(c => c.args.slice(0, 2).join(' '))).toEqual([
        'build --no-cache',
        'rmi 0123456789ab',
        'rmi -f'
      ])
    })
  })
})

describe('detectBuildx', () => {
  it('is true when docker buildx version succeeds and false when it fails or docker is missing', async () => {
    const answer = (r: CommandResult | Error): Runner => ({
      run: async () => {
        if (r instanceof Error) throw r
        return r
      }
    })
    expect(await detectBuildx(answer({ exitCode: 0, stdout: 'v0.12.1', stderr: '' }))).toBe(true)
    expect(await detectBuildx(answer({ exitCode: 1, stdout: '', stderr: 'unknown command' }))).toBe(
      false
    )
    expect(await detectBuildx(answer(new Error('spawn docker ENOENT')))).toBe(false)
  })
})
