// Runs the stages in order (install Go, build, stage, write Dockerfile, assemble, push, report) over injected side effects.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildArgs, buildEnv, goEnv, type BuildSettings } from './build/command.js'
import { compile, inspectMainPackage } from './build/compile.js'
import { verifyBinary } from './build/elf.js'
import { expandLdflags, ldflagsVars } from './build/ldflags.js'
import { platformString, type Platform } from './build/platform.js'
import type { Config } from './config.js'
import { binaryContextDir, renderDockerfile, writeLayerContext } from './dockerfile/render.js'
import { modulesHash, restoreGoCache, type CacheState } from './go/cache.js'
import { installGo, runnerGoArch } from './go/install.js'
import { versionFromFile } from './go/version.js'
import { buildImage, rfc3339, topLevel, withManifest, type BuiltImage } from './oci/image.js'
import { dockerArchive } from './oci/docker-archive.js'
import { writeOciLayout } from './oci/layout.js'
import type { BuildCache, Fetch, Logger, Runner, ToolCache } from './ports.js'
import { InputError } from './ports.js'
import { RegistryClient, type ClientOptions, type Credentials } from './registry/client.js'
import { pushImages } from './registry/push.js'
import { resolveCredentials } from './registry/credentials.js'
import { registryBaseUrls, type ImageRef } from './registry/reference.js'
import type { TransportOptions } from './registry/transport.js'
import { defaultTags } from './registry/tags.js'
import {
  binaryLayer,
  CA_BUNDLE_PATH,
  homeLayer,
  orderLayers,
  systemLayer,
  type FilePlan,
  type ImageSettings,
  type Layer
} from './rootfs/plan.js'
import { DEFAULT_PATH, ociLabels } from './rootfs/settings.js'
import { caBundle, filesLayer, mergeEnv, zoneinfo } from './rootfs/stage.js'
import { detectBuildx, dockerBuild } from './docker/builder.js'
import { compare, comparisonTable, gateFailures, type Comparison } from './report/gate.js'
import { largest, platformSize, sizeTable, type PlatformSize } from './report/size.js'
import { readBaseline } from './registry/baseline.js'
import { measurePackages, type PackageSize } from './report/packages.js'
import { preflight } from './preflight.js'

export interface Deps {
  runner: Runner
  fetch: Fetch
  toolCache: ToolCache
  /** RUNNER_TOOL_CACHE. */
  toolCacheDir: string
  /** The Actions cache for Go's caches; absent means caching is off. */
  buildCache?: BuildCache
  logger: Logger
  env: Record<string, string | undefined>
  nodeArch: string
  /** A private scratch directory for this run (binaries, Dockerfile context). */
  tempDir: string
  /** Where the runner keeps zoneinfo and CA bundles; tests may point elsewhere. */
  zoneinfoRoot?: string
  caBundleCandidates?: string[]
  sleep?: (ms: number) => Promise<void>
  /**
   * The fetch registries are reached with, given registry-timeout and the TLS inputs; absent, fetch is used
   * (tests pass fakes).
   */
  registryFetch?: (o: TransportOptions) => Fetch
  /** Where ~/.docker/config.json is looked for when DOCKER_CONFIG is unset. */
  homedir?: string
  /**
   * Called once every platform has compiled, with what the post step should save: from then on Go's caches are
   * worth keeping, whatever fails later (the size gate, the push).
   */
  compiled?: (goCache: CacheState) => void
}

export interface Result {
  goVersion: string
  digest: string
  imageRef: string
  tags: string[]
  pushed: boolean
  sizes: PlatformSize[]
  /** One per platform the baseline has, when compare-to is set. */
  comparisons: Comparison[]
  /** The comparison of the platform the single-value outputs report. */
  comparison?: Comparison
  /** Why the build breaks its budgets; the step fails after outputs and summary are written. */
  gateFailures: string[]
  /** The biggest Go packages of the largest binary, when package-sizes asked for them. */
  packages?: { platform: string; sizes: PackageSize[] }
  size: number
  uncompressedSize: number
  binarySize: number
  dockerfile: string
  context: string
  ociLayout: string
  /** How tools name the layout's image, oci:DIR:TAG (see layoutReference); empty without oci-layout. */
  ociReference: string
}

/** The go-version spec: the input, else the version file (go.mod by default). */
async function goVersionSpec(
  config: Config,
  logger: Logger
): Promise<{ spec: string; input: string; file?: string; line?: 'go' | 'toolchain' }> {
  // An explicit go-version keeps its meaning (1.22 = newest 1.22.x); only a go.mod/go.work go line is a minimum.
  if (config.goVersion) return { spec: config.goVersion, input: 'go-version' }
  const file = path.resolve(config.workingDirectory, config.goVersionFile || 'go.mod')
  const content = await readFile(file, 'utf8').catch(() => undefined)
  if (content === undefined && !config.goVersionFile && config.package.endsWith('.go')) {
    // A single-file main needs no module, and so has no go.mod to read a version from.
    logger.info(
      `No go.mod beside ${config.package}: using the newest stable Go (set go-version to pin one).`
    )
    return { spec: 'stable', input: 'go-version' }
  }
  const found = content === undefined ? undefined : versionFromFile(file, content)
  if (!found) {
    throw new InputError(
      `go-version-file: ${content === undefined ? 'cannot read' : 'no Go version in'} ${file}. ` +
        `Set go-version (e.g. 1.22 or stable) or point go-version-file at a go.mod, go.work, .go-version or .tool-versions.`
    )
  }
  const name = path.basename(file)
  return { ...found, input: `go-version-file (${name})`, file: name }
}

/** The commit being built, for {{.Commit}}: GITHUB_SHA is preferred by the caller; this asks Git. */
async function gitCommit(config: Config, deps: Deps): Promise<string> {
  const res = await deps.runner
    .run('git', ['rev-parse', 'HEAD'], { cwd: config.workingDirectory, silent: true })
    .catch(() => undefined)
  return res?.exitCode === 0 ? res.stdout.trim() : ''
}

/** Source date epoch: the input or SOURCE_DATE_EPOCH, else the commit time, else 0. */
async function sourceDateEpoch(config: Config, deps: Deps): Promise<number> {
  if (config.sourceDateEpoch !== undefined) return config.sourceDateEpoch
  const res = await deps.runner
    .run('git', ['log', '-1', '--format=%ct'], { cwd: config.workingDirectory, silent: true })
    .catch(() => undefined)
  const t = res?.exitCode === 0 ? Number(res.stdout.trim()) : NaN
  return Number.isInteger(t) && t >= 0 ? t : 0
}

/**
 * docker load of the runner's platform (Docker keeps one platform per tag), tagged as it would be pushed, so a
 * later step can docker run it.
 */
async function loadIntoDocker(
  images: BuiltImage[],
  image: ImageRef,
  tags: string[],
  deps: Deps,
  archive: string
): Promise<void> {
  const arch = runnerGoArch(deps.nodeArch)
  const chosen = images.find(i => i.platform.architecture === arch) ?? images[0]!
  if (chosen.platform.architecture !== arch) {
    deps.logger.warning(
      `load: no ${arch} image was built; loading ${platformString(chosen.platform)}, which this runner runs only with emulation.`
    )
  }
  const name =
    image.registry === 'docker.io' ? image.repository : `${image.registry}/${image.repository}`
  const refs = tags.map(t => `${name}:${t}`)
  await writeFile(archive, await dockerArchive(chosen, refs))
  const res = await deps.runner.run('docker', ['load', '-i', archive], { silent: true })
  await rm(archive, { force: true })
  if (res.exitCode !== 0) {
    throw new Error(
      `load: docker load failed (exit ${res.exitCode}): ${res.stderr.trim() || res.stdout.trim()}. Is the Docker Engine running on the runner?`
    )
  }
  deps.logger.info(`Loaded ${platformString(chosen.platform)} into Docker as ${refs.join(', ')}`)
}

/** Binaries from this size up get the package breakdown under package-sizes: auto. */
export const PACKAGE_SIZES_AUTO_BYTES = 4 * 2 ** 20

/**
 * The biggest Go packages of the largest binary, from an unstripped relink (the compile is cached, only the link
 * runs again). Optional and never fatal: a failure is a warning, since the image itself is fine.
 */
async function packageBreakdown(
  config: Config,
  deps: Deps,
  binaries: Map<string, { path: string; size: number }>,
  build: {
    goBin: string
    env: (p: Platform) => Record<string, string>
    args: (out: string) => string[]
  }
): Promise<Result['packages']> {
  const [name, bin] = [...binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a))
  // With -a the relink would recompile everything, and -n writes no binary to read.
  const rebuilds = config.buildFlags.some(f => f === '-a' || f === '-n')
  const want =
    config.packageSizes === 'true' ||
    (config.packageSizes === 'auto' && bin.size >= PACKAGE_SIZES_AUTO_BYTES && !rebuilds)
  if (!want) return undefined
  const platform = config.platforms.find(p => platformString(p) === name)!
  return deps.logger.group(`Measure Go packages in ${name}`, async () => {
    try {
      const sizes = await measurePackages({
        runner: deps.runner,
        goBin: build.goBin,
        env: build.env(platform),
        workdir: config.workingDirectory,
        args: build.args(bin.path),
        tempDir: deps.tempDir
      })
      for (const p of sizes) deps.logger.info(`${String(p.bytes).padStart(10)}  ${p.name}`)
      return { platform: name, sizes }
    } catch (e) {
      deps.logger.warning(`package-sizes: ${(e as Error).message}`)
      return undefined
    }
  })
}

/** A client for one repository, with the credentials that registry is known by (see resolveCredentials). */
async function openRegistry(
  config: Config,
  deps: Deps,
  ref: ImageRef,
  inputs: Credentials | undefined,
  options: Pick<ClientOptions, 'access' | 'pullScopes'>
): Promise<RegistryClient> {
  const credentials = await resolveCredentials({
    registry: ref.registry,
    inputs,
    env: deps.env,
    runner: deps.runner,
    logger: deps.logger,
    homedir: deps.homedir ?? os.homedir()
  })
  const tls = { caFile: config.registryCaFile, insecure: config.insecureRegistry }
  const fetch =
    deps.registryFetch?.({
      timeoutMs: config.registryTimeoutMs,
      ca: config.registryCa,
      insecure: config.insecureRegistry
    }) ?? deps.fetch
  return new RegistryClient(ref, {
    fetch,
    logger: deps.logger,
    ...registryBaseUrls(ref, tls),
    tls,
    timeoutMs: config.registryTimeoutMs,
    credentials,
    sleep: deps.sleep,
    ...options
  })
}

/** Reads compare-to with pull access only (anonymous, or the credentials the registry is known by). */
async function compareWithBaseline(
  config: Config,
  deps: Deps,
  sizes: PlatformSize[]
): Promise<Comparison[]> {
  const ref = config.compareTo!
  // The inputs belong to image's registry; without an image they are there for the baseline.
  const inputs =
    !config.image || config.image.registry === ref.registry ? config.credentials : undefined
  const client = await openRegistry(config, deps, ref, inputs, { access: 'pull' })
  await client.login()
  const current = sizes[0]?.layers.map(l => l.name) ?? []
  const baselines = await readBaseline(client, ref, config.platforms, current, deps.logger)
  return sizes.flatMap(s => {
    const b = baselines?.get(s.platform)
    return b ? [compare(s, b)] : []
  })
}

export async function runPipeline(config: Config, deps: Deps): Promise<Result> {
  const { logger } = deps
  const tags = config.tags.length ? config.tags : defaultTags(deps.env)

  // Inputs the disk can refute are checked first: a typo in files should cost neither a login nor a compile.
  await preflight(config, {
    logger,
    caBundleCandidates: deps.caBundleCandidates,
    zoneinfoRoot: deps.zoneinfoRoot
  })

  // Credentials are checked before the build: a refused password should not cost a compile.
  let client: RegistryClient | undefined
  if (config.push && config.image) {
    const image = config.image
    client = await openRegistry(config, deps, image, config.credentials, {
      // Mounting from the baseline's repository needs pull access to it in the same token.
      pullScopes:
        config.compareTo?.registry === image.registry ? [config.compareTo.repository] : undefined
    })
    await logger.group(`Log in to ${image.registry}`, () => client!.login())
  }

  const { spec, input, file, line } = await goVersionSpec(config, logger)
  const go = await logger.group(`Install Go (${line === 'go' ? `${spec} or newer` : spec})`, () =>
    installGo({
      spec,
      specInput: input,
      specFile: file,
      line,
      baseUrl: config.goDownloadBaseUrl,
      checkLatest: config.checkLatest,
      toolCacheDir: deps.toolCacheDir,
      goArch: runnerGoArch(deps.nodeArch),
      cacheArch: deps.nodeArch,
      fetch: deps.fetch,
      toolCache: deps.toolCache,
      logger,
      downloadDir: deps.tempDir
    })
  )
  const env = goEnv(deps.env, go.goroot)
  // The full path, not "go": exec resolves bare names on the action's own PATH, which may hold another Go.
  const goBin = path.join(go.goroot, 'bin', 'go')
  const epoch = await sourceDateEpoch(config, deps)

  let goCache: CacheState | undefined
  if (config.cache && deps.buildCache) {
    const cache = deps.buildCache
    goCache = await logger.group('Restore Go caches', async () =>
      restoreGoCache(cache, {
        runner: deps.runner,
        goBin,
        env,
        workdir: config.workingDirectory,
        logger,
        keys: {
          os: 'linux',
          arch: deps.nodeArch,
          goVersion: go.version,
          platforms: config.platforms.map(platformString),
          modulesHash: await modulesHash(config.workingDirectory)
        }
      })
    )
  }

  const settings: BuildSettings = {
    pkg: config.package,
    ldflags: config.ldflags.includes('{{')
      ? expandLdflags(
          config.ldflags,
          ldflagsVars(deps.env, await gitCommit(config, deps), rfc3339(epoch))
        )
      : config.ldflags,
    buildTags: config.buildTags,
    buildFlags: config.buildFlags,
    buildEnv: config.buildEnv
  }
  const main = await inspectMainPackage(
    deps.runner,
    goBin,
    env,
    config.workingDirectory,
    config.package
  )
  const binaryName = config.binaryName || main.binaryName
  const buildDir = path.join(deps.tempDir, 'build')
  const binaries = new Map<string, { path: string; size: number }>()
  for (const platform of config.platforms) {
    const name = platformString(platform)
    await logger.group(`Build ${main.importPath} for ${name}`, async () => {
      const out = path.join(buildDir, ...name.split('/'), binaryName)
      await compile(
        deps.runner,
        goBin,
        buildEnv(env, platform, settings),
        config.workingDirectory,
        buildArgs(settings, out),
        {
          pkg: config.package,
          tags: config.buildTags
        }
      )
      const elf = verifyBinary(await readFile(out), platform, binaryName)
      const size = (await stat(out)).size
      logger.info(`${binaryName}: static ${elf.bits}-bit ELF for ${name}, ${size} bytes`)
      binaries.set(name, { path: out, size })
    })
  }

  if (goCache) deps.compiled?.(goCache)

  const packages = await packageBreakdown(config, deps, binaries, {
    goBin,
    env: (platform: Platform) => buildEnv(env, platform, settings),
    args: (out: string) => buildArgs(settings, out)
  })

  const staged = await logger.group(
    'Stage certificates, zoneinfo, system and user files',
    async () => {
      const certs = await caBundle({
        caCertificates: config.caCertificates,
        extraCaCertificates: config.extraCaCertificates,
        workingDirectory: config.workingDirectory,
        candidates: deps.caBundleCandidates,
        logger
      })
      const zi = await zoneinfo({
        zoneinfo: config.zoneinfo,
        root: deps.zoneinfoRoot ?? '/usr/share/zoneinfo',
        goroot: go.goroot,
        epoch,
        logger
      })
      const system = [systemLayer(config.workdir), homeLayer(config.workdir)]
      const layers = [certs, zi?.layer, ...system].filter((l): l is Layer => !!l)
      const files = await filesLayer(config.files, config.workingDirectory, layers, binaryName)
      if (files) {
        logger.info(
          `files: ${files.entries.filter(e => e.type === 'file').length} files from ${config.files.length} line(s)`
        )
        layers.push(files)
      }
      return { layers, env: zi?.env ?? [] }
    }
  )
  const shared = staged.layers
  const labels = { ...ociLabels(deps.env, rfc3339(epoch)), ...config.labels }
  const imageSettings: ImageSettings = {
    user: config.user,
    workdir: config.workdir,
    env: mergeEnv(
      [DEFAULT_PATH],
      shared.some(l => l.name === 'certificates') ? [`SSL_CERT_FILE=/${CA_BUNDLE_PATH}`] : [],
      staged.env,
      config.env
    ),
    entrypoint: config.entrypoint ?? [`/${binaryName}`],
    cmd: config.args,
    exposedPorts: config.expose,
    labels,
    // The OCI keys also go on the manifest, where registries show them without reading the config.
    annotations: Object.fromEntries(
      Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.'))
    )
  }
  const plans = config.platforms.map(p => {
    const bin = binaries.get(platformString(p))!
    const plan: FilePlan = {
      layers: orderLayers([...shared, binaryLayer(bin.path, binaryName, bin.size)]),
      image: imageSettings
    }
    return { platform: p, plan }
  })

  const multi = plans.length > 1
  const context = path.join(deps.tempDir, 'context')
  const dockerfile = path.join(context, 'Dockerfile')
  await logger.group('Write Dockerfile and build context', async () => {
    await rm(context, { recursive: true, force: true })
    // Every platform shares all layers but the binary: each folder is written once.
    const written = new Set<string>()
    for (const { platform, plan } of plans) {
      for (const layer of plan.layers) {
        const dir =
          layer.name === 'binary' ? binaryContextDir(platformString(platform), multi) : layer.name
        if (written.has(dir)) continue
        written.add(dir)
        await writeLayerContext(layer, path.join(context, dir), epoch)
      }
    }
    const text = renderDockerfile(plans[0]!.plan, multi)
    await writeFile(dockerfile, text)
    logger.info(text)
  })

  const built: BuiltImage[] =
    config.builder === 'docker'
      ? await logger.group('Build the Dockerfile with Docker', async () =>
          dockerBuild({
            runner: deps.runner,
            logger,
            context,
            dockerfile,
            plans,
            buildx: await detectBuildx(deps.runner),
            epoch
          })
        )
      : await logger.group('Assemble OCI image', async () => {
          const out: BuiltImage[] = []
          for (const { platform, plan } of plans) out.push(await buildImage(plan, platform, epoch))
          return out
        })
  // Docker's media types change only the manifests: the blobs, and so the sizes, are the same.
  const images = config.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built
  const top = topLevel(images)

  let ociReference = ''
  if (config.ociLayout) {
    await mkdir(config.ociLayout, { recursive: true })
    ociReference = await writeOciLayout(config.ociLayout, images, top, tags)
    logger.info(
      `OCI layout written to ${config.ociLayout}${tags.length ? ` (tags ${tags.join(', ')})` : ''}; inspect it with: skopeo inspect ${ociReference}`
    )
  }

  // Sizes come from what was built, so they are the same pushed or not; the gate runs before the push, so a
  // build over budget is never published.
  const sizes = images.map(platformSize)
  const comparisons = config.compareTo
    ? await logger.group('Compare with the baseline', () =>
        compareWithBaseline(config, deps, sizes)
      )
    : []
  await logger.group('Image size', async () => {
    for (const s of sizes) logger.info(sizeTable(s))
    for (const c of comparisons) logger.info(comparisonTable(c))
  })
  const failures = gateFailures(sizes, comparisons, config.maxSize, config.maxSizeIncrease)

  const pushed = !!client && !failures.length
  if (client && failures.length) {
    logger.info('Not pushed: the image is over its size budget.')
  } else if (client) {
    const c = client
    const repo = `${c.ref.registry}/${c.ref.repository}`
    // A baseline in the same registry lends its blobs: unchanged layers are mounted, not uploaded.
    const mountFrom =
      config.compareTo?.registry === c.ref.registry ? config.compareTo.repository : undefined
    await logger.group(`Push ${repo}`, async () => {
      const r = await pushImages(c, images, top, tags, logger, mountFrom)
      logger.info(
        `blobs: ${r.uploaded} uploaded, ${r.mounted} mounted, ${r.skipped} already present`
      )
    })
  }

  if (config.load && config.image) {
    const image = config.image
    await logger.group('Load into Docker', () =>
      loadIntoDocker(images, image, tags, deps, path.join(deps.tempDir, 'image.tar'))
    )
  }

  const big = largest(sizes)
  const repo = config.image ? `${config.image.registry}/${config.image.repository}` : ''
  return {
    goVersion: go.version,
    digest: top.digest,
    imageRef: repo ? `${repo}@${top.digest}` : '',
    tags: pushed ? tags : [],
    pushed,
    sizes,
    comparisons,
    comparison: comparisons.find(c => c.platform === big.platform),
    gateFailures: failures,
    packages,
    size: big.size,
    uncompressedSize: big.uncompressedSize,
    binarySize: Math.max(...sizes.map(s => s.binarySize)),
    dockerfile,
    context,
    ociLayout: config.ociLayout,
    ociReference
  }
}
