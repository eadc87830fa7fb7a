// Builds the written Dockerfile with the Docker Engine and turns what it built into the same BuiltImage the native builder returns.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { platformKey, platformString, type Platform } from '../platform.js'
import { DEFAULT_COMPRESSION, LAYER_MEDIA_TYPES, type Compression } from '../oci/compress.js'
import { LayerCompressor } from '../oci/layer-compressor.js'
import {
  MEDIA,
  sha256,
  toBlob,
  withManifest,
  type BuiltImage,
  type BuiltLayer
} from '../oci/image.js'
import { decompressLayer } from '../oci/layer-headers.js'
import { readTar } from '../oci/tar.js'
import { checkImages } from '../oci/image-check.js'
import { InputError, type Logger, type Runner } from '../ports.js'
import type { FilePlan } from '../rootfs/plan.js'

export interface DockerBuildOptions {
  runner: Runner
  logger: Logger
  /** The build context directory written by writeLayerContext, with the Dockerfile inside. */
  context: string
  dockerfile: string
  /** One per platform, in order. */
  plans: { platform: Platform; plan: FilePlan }[]
  /** true when `docker buildx` is available (see detectBuildx). */
  buildx: boolean
  /** The source date epoch: with buildx, the image's timestamps are set to it so the digest is reproducible. */
  epoch?: number
  /**
   * How the layers are compressed (the run's LayerCompressor, so layers shared with other platforms are
   * compressed once); gzip 9 when absent.
   */
  compressor?: LayerCompressor
}

/** What `docker save` holds for one image: its config as Docker wrote it and its layers, uncompressed. */
export interface SavedImage {
  config: Buffer
  layers: Buffer[]
}

export async function detectBuildx(runner: Runner): Promise<boolean> {
  const res = await runner
    .run('docker', ['buildx', 'version'], { silent: true })
    .catch(() => undefined)
  return res?.exitCode === 0
}

export async function dockerBuild(opts: DockerBuildOptions): Promise<BuiltImage[]> {
  const { runner, logger } = opts
  const compression = opts.compressor?.compression ?? DEFAULT_COMPRESSION
  if (compression.codec === 'zstd' && !opts.buildx) {
    throw new InputError(
      'compression: zstd with builder: docker needs docker buildx (its compression=zstd output), and this Docker ' +
        'has none. Install docker-buildx, use builder: native (which writes zstd itself), or compression: gzip.'
    )
  }
  if (!opts.buildx) {
    logger.info(
      'builder: docker: this Docker has no buildx, so the classic builder builds, and it records the build ' +
        'time in the image config: the digest differs on every build. Install docker-buildx for a reproducible ' +
        'digest, or use builder: native.'
    )
  }
  const dockerfileText = await readFile(opts.dockerfile, 'utf8')
  const images: BuiltImage[] = []
  for (const { platform, plan } of opts.plans) {
    const name = platformString(platform)
    const tag = `gsi-build-${process.pid}-${randomBytes(6).toString('hex')}:${name.replace(/\//g, '-')}`
    const dir = await mkdtemp(path.join(tmpdir(), 'gsi-docker-'))
    try {
      await build(opts, platform, tag, dockerfileText)
      const archive = path.join(dir, 'image.tar')
      const saved = await runner.run('docker', ['save', '-o', archive, tag], { silent: true })
      if (saved.exitCode !== 0) {
        throw new Error(`docker save ${tag} failed (exit ${saved.exitCode}): ${tail(saved)}`)
      }
      const exported = await readSaveArchive(await readFile(archive), tag)
      const image = await toBuiltImage(exported, platform, plan, opts.dockerfile, opts.compressor)
      logger.info(
        `${name}: Docker built ${image.layers.length} layers (${image.layers.map(l => l.name).join(', ')}), ` +
          `config ${image.config.digest}`
      )
      // On the tars Docker exported, before anything is pushed: what a runtime will unpack.
      const layers = exported.layers.map((data, i) => ({ name: image.layers[i]!.name, data }))
      for (const line of await checkImages([{ platform: name, layers, config: exported.config }]))
        logger.info(line)
      images.push(image)
    } finally {
      // The tag is ours alone; removing it also prunes the intermediate images the classic builder left behind.
      await runner.run('docker', ['rmi', '-f', tag], { silent: true }).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    }
  }
  return images
}

async function build(
  opts: DockerBuildOptions,
  platform: Platform,
  tag: string,
  dockerfileText: string
): Promise<void> {
  const name = platformString(platform)
  const common = ['--platform', name, '-f', opts.dockerfile, '-t', tag]
  let args: string[]
  let env: Record<string, string> | undefined
  if (opts.buildx) {
    // SOURCE_DATE_EPOCH dates the config and history; rewrite-timestamp dates the files in the layers
    // (BuildKit 0.13+), which COPY otherwise stamps with the build time. type=docker is what --load means.
    args = [
      'buildx',
      'build',
      ...common,
      ...buildxOutput(opts.epoch, opts.compressor?.compression),
      opts.context
    ]
  } else {
    // The classic builder sets no TARGET* arguments, so a multi-platform Dockerfile would pick no binary folder.
    const targetArgs = /\$\{?TARGET(OS|ARCH|VARIANT)\b/.test(dockerfileText)
      ? [
          `TARGETOS=${platform.os}`,
          `TARGETARCH=${platform.architecture}`,
          `TARGETVARIANT=${platform.variant ?? ''}`
        ].flatMap(a => ['--build-arg', a])
      : []
    // --no-cache: the classic builder's cache ignores the platform, so an intermediate image of another
    // platform would be reused and the build fails (or, worse, carries the wrong architecture). --force-rm:
    // a failed step's container would otherwise stay behind.
    args = ['build', '--no-cache', '--force-rm', ...targetArgs, ...common, opts.context]
    // A runner's env replaces the whole environment, and docker needs HOME, PATH, DOCKER_HOST and friends.
    env = { ...definedEnv(process.env), DOCKER_BUILDKIT: '0' }
  }
  const res = await opts.runner.run('docker', args, env ? { env } : {})
  if (res.exitCode !== 0) {
    // A failed classic build leaves the intermediate images of the steps that worked, untagged.
    const ids = [...res.stdout.matchAll(/^ ---> ([0-9a-f]{12})\s*$/gm)].map(m => m[1]!)
    if (ids.length) {
      await opts.runner
        .run('docker', ['rmi', ...ids.reverse()], { silent: true })
        .catch(() => undefined)
    }
    // buildx hands its zstd layers to `docker load`, which Docker Engine 20.10 cannot read ("unexpected EOF").
    const zstdHint =
      opts.compressor?.compression.codec === 'zstd'
        ? '\nWith compression: zstd, the Docker Engine must load zstd layers (Docker Engine 23 or newer); use builder: native otherwise.'
        : ''
    throw new Error(
      `docker ${opts.buildx ? 'buildx build' : 'build'} of ${opts.dockerfile} for ${name} failed ` +
        `(exit ${res.exitCode}):\n${tail(res)}${zstdHint}`
    )
  }
}

/**
 * buildx's output: `--load` (type=docker), with SOURCE_DATE_EPOCH and rewritten timestamps when there is an epoch,
 * and zstd layers (OCI media types, forced on every layer) when zstd is asked for.
 */
export function buildxOutput(epoch?: number, compression?: Compression): string[] {
  const zstd =
    compression?.codec === 'zstd'
      ? [
          'compression=zstd',
          `compression-level=${compression.level}`,
          'force-compression=true',
          'oci-mediatypes=true'
        ]
      : []
  const epochArgs = epoch === undefined ? [] : ['--build-arg', `SOURCE_DATE_EPOCH=${epoch}`]
  const output = [...(epoch === undefined ? [] : ['rewrite-timestamp=true']), ...zstd]
  if (!output.length) return ['--load']
  return [...epochArgs, '--output', ['type=docker', ...output].join(',')]
}

function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)
  )
}

/** docker's error is in its last lines; the legacy builder's deprecation notice would only hide it. */
function tail(res: { stdout: string; stderr: string }, lines = 15): string {
  const notice =
    /^DEPRECATED: The legacy builder|^\s+(BuildKit is currently disabled|environment-variable\.)/
  const text = res.stderr.trim() || res.stdout.trim()
  return text
    .split('\n')
    .filter(l => !notice.test(l))
    .join('\n')
    .trim()
    .split('\n')
    .slice(-lines)
    .join('\n')
}

interface ArchiveEntry {
  data?: Buffer
  link?: string
}

/**
 * Reads an image out of a `docker save` archive: Docker 20.10's (<id>/layer.tar, a repeated layer saved as a
 * symlink to the first) and the OCI-ish one of Docker 25+ (blobs/sha256/…). With several images in the
 * archive, tag picks the one.
 */
export async function readSaveArchive(archive: Buffer, tag?: string): Promise<SavedImage> {
  const files = new Map<string, ArchiveEntry>()
  for (const { header, data } of await readTar(archive)) {
    const name = path.posix.normalize(header.name).replace(/^\.\/|\/$/g, '')
    if (header.type === 'file' || header.type === 'contiguous-file') files.set(name, { data })
    else if (header.type === 'symlink') {
      files.set(name, { link: path.posix.join(path.posix.dirname(name), header.linkname) })
    } else if (header.type === 'link') files.set(name, { link: header.linkname })
  }
  const read = (name: string, seen = 0): Buffer => {
    const e = files.get(path.posix.normalize(name))
    if (e?.data) return e.data
    if (e?.link !== undefined && seen < 16) return read(e.link, seen + 1)
    throw new Error(`The docker save archive has no ${name}.`)
  }
  const manifest = JSON.parse(read('manifest.json').toString()) as {
    Config: string
    RepoTags?: string[] | null
    Layers: string[]
  }[]
  const entry =
    manifest.length === 1 ? manifest[0] : manifest.find(m => tag && m.RepoTags?.includes(tag))
  if (!entry) {
    throw new Error(
      `The docker save archive holds ${manifest.length} images and none is tagged ${tag ?? '(no tag given)'}.`
    )
  }
  return {
    config: read(entry.Config),
    layers: entry.Layers.map(l => decompressLayer(read(l), l))
  }
}

/** Bytes of the regular files a layer tar unpacks to, as layerContentSize counts them for the native builder. */
export async function tarContentSize(layer: Buffer): Promise<number> {
  let n = 0
  for (const { header } of await readTar(layer)) {
    if (header.type === 'file' || header.type === 'contiguous-file') n += header.size
  }
  return n
}

/**
 * The BuiltImage of what Docker built: layers recompressed the way the native builder compresses them, in the
 * same codec and level (so sizes compare and pushes look the same), the config byte for byte as Docker wrote it, and the manifest
 * in the shape buildImage writes.
 */
export async function toBuiltImage(
  saved: SavedImage,
  platform: Platform,
  plan: FilePlan,
  dockerfile: string,
  compressor: LayerCompressor = new LayerCompressor({ compression: DEFAULT_COMPRESSION })
): Promise<BuiltImage> {
  const name = platformString(platform)
  if (saved.layers.length !== plan.layers.length) {
    throw new Error(
      `Docker built ${saved.layers.length} layers from ${dockerfile} for ${name}, but the file plan has ` +
        `${plan.layers.length} (${plan.layers.map(l => l.name).join(', ')}): each COPY should make one layer ` +
        `and nothing else should add one (a WORKDIR that creates its directory does).`
    )
  }
  const media = LAYER_MEDIA_TYPES[compressor.compression.codec]
  const layers: BuiltLayer[] = await Promise.all(
    saved.layers.map(async (tarball, i) => {
      const name = plan.layers[i]!.name
      const diffId = sha256(tarball)
      const data = await compressor.compress(tarball, diffId, { worker: name === 'binary' })
      return {
        name,
        blob: toBlob(media, data),
        diffId,
        contentSize: await tarContentSize(tarball)
      }
    })
  )
  const config = JSON.parse(saved.config.toString()) as {
    os?: string
    architecture?: string
    variant?: string
    rootfs?: { diff_ids?: string[] }
  }
  const diffIds = config.rootfs?.diff_ids ?? []
  if (JSON.stringify(diffIds) !== JSON.stringify(layers.map(l => l.diffId))) {
    throw new Error(
      `The image Docker built from ${dockerfile} for ${name} does not match its own config: the layers ` +
        `saved are ${layers.map(l => l.diffId).join(', ')} but rootfs.diff_ids lists ${diffIds.join(', ') || 'none'}.`
    )
  }
  // A variant Docker leaves out is no contradiction; only one it states differently is (arm64/v8 is arm64).
  const built = platformKey({
    os: config.os ?? '',
    architecture: config.architecture ?? '',
    variant: config.variant ?? platform.variant
  })
  if (built !== platformKey(platform)) {
    throw new Error(
      `Docker built ${dockerfile} for ${built} when ${name} was asked for: this Docker did not honour --platform.`
    )
  }
  // The same manifest buildImage writes, so both builders' images differ only where their files and config do.
  return withManifest(
    {
      platform,
      layers,
      config: toBlob(MEDIA.config, saved.config),
      annotations: plan.image.annotations
    },
    'oci'
  )
}
