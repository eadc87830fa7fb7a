// The pipeline's stages and what each needs: the one place that says what runs one after another and what runs at once.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildArgs, buildEnv, goEnv, type BuildSettings } from '../compile/command.js'
import { compile, inspectMainPackage } from '../compile/compile.js'
import { verifyBinary } from '../compile/elf.js'
import { expandLdflags, ldflagsVars } from '../compile/ldflags.js'
import { platformString, type Platform } from '../platform.js'
import type { PipelineOptions } from './options.js'
import { platformContextDir, renderDockerfile, writeLayerContext } from '../dockerfile/context.js'
import { modulesHash, restoreGoCache, type CacheState } from '../go/cache.js'
import { installGo, runnerGoArch } from '../go/install.js'
import { versionFromFile, type GoRequest } from '../go/version.js'
import {
  buildImage,
  compressLayer,
  rfc3339,
  topLevel,
  withManifest,
  type BuiltImage
} from '../oci/image.js'
import { dockerArchive } from '../oci/docker-archive.js'
import { checkImages, imageToCheck } from '../oci/image-check.js'
import type { Blob } from '../oci/image.js'
import { layoutReferrers, writeOciLayout } from '../oci/layout.js'
import { zoneinfoMeasure } from '../oci/zoneinfo-choice.js'
import type { Attachment } from '../oci/artifact.js'
import { registryReferrers } from '../registry/referrers.js'
import { attachArtifacts, type AttachOutput } from './attach.js'
import { LayerCompressor, layerCacheDir } from '../oci/layer-compressor.js'
import { compressionName } from '../oci/compress.js'
import type { Logger } from '../ports.js'
import { InputError } from '../ports.js'
import type { RegistryClient } from '../registry/client.js'
import { pushEverywhere, tagEverywhere, type TagJob } from '../registry/fanout.js'
import { withSuffix, type TagPlan } from '../registry/tags.js'
import type { ImageRef } from '../registry/reference.js'
import { openRegistry } from '../registry/open.js'
import {
  binaryLayer,
  CA_BUNDLE_PATH,
  homeLayer,
  orderLayers,
  systemLayer,
  type FilePlan,
  type ImageSettings,
  type Layer
} from '../rootfs/plan.js'
import { DEFAULT_PATH, ociLabels } from '../rootfs/settings.js'
import { checkBinaryName, imageTopLevel } from '../rootfs/binary-name.js'
import { caBundle, filesLayer, mergeEnv, zoneinfo } from '../rootfs/stage.js'
import { detectBuildx, dockerBuild } from '../docker/builder.js'
import {
  compareWithBaseline,
  comparisonTable,
  gateFailures,
  type Comparison
} from '../report/gate.js'
import { platformSize, sizeTable, type PlatformSize } from '../report/size.js'
import {
  foldPackages,
  measurePackages,
  type PackageSize,
  type PackagesMethod
} from '../report/packages.js'
import type { Report } from '../report/report.js'
import { reportStages, reportWantsPackages, type BaselineReport } from './report.js'
import { provenanceStages } from './provenance.js'
import { sbomStages, type SbomAttachment } from './sbom.js'
import type { HostPackages } from '../sbom/contents.js'
import type { SignedImage } from '../attest/provenance.js'
import { preflight } from '../preflight.js'
import type { Deps } from './deps.js'
import { mapConcurrent, stageOf, type Stage } from './graph.js'
import { cgoSettings, cgoStages, type CgoOutputs } from './cgo.js'

/** Binaries from this size up get the package breakdown under package-sizes: auto. */
export const PACKAGE_SIZES_AUTO_BYTES = 4 * 2 ** 20

interface Binary {
  path: string
  size: number
}

/** What each stage hands on, by stage name (the cgo and debug stages' in CgoOutputs). */
export interface Outputs extends CgoOutputs {
  preflight: void
  /** The registry client, logged in; undefined when nothing is pushed. */
  login: RegistryClient | undefined
  /** Clients of image's further lines (other registries), logged in; empty when there are none or no push. */
  mirrors: RegistryClient[]
  goVersion: GoRequest
  go: { version: string; goroot: string; goBin: string; env: Record<string, string> }
  source: { epoch: number; settings: BuildSettings }
  goCache: CacheState | undefined
  main: { importPath: string; binaryName: string }
  /** By platform string. */
  binaries: Map<string, Binary>
  packages: { platform: string; sizes: PackageSize[]; method: PackagesMethod } | undefined
  staged: { layers: Layer[]; env: string[] }
  plans: { platform: Platform; plan: FilePlan }[]
  context: { context: string; dockerfile: string }
  assembled: BuiltImage[] | undefined
  dockerBuilt: BuiltImage[] | undefined
  images: { images: BuiltImage[]; top: Blob }
  /** How tools name the layout's image (oci:DIR:TAG); empty without oci-layout. */
  layout: string
  comparisons: Comparison[]
  gate: { sizes: PlatformSize[]; failures: string[] }
  /** Whether the image was pushed (by digest, untagged: the tag stage tags it). */
  push: boolean
  /** The tags that point at the image once the tag stage is done; empty when nothing was pushed. */
  tag: string[]
  load: void
  /**
   * What the stages of issues 13 and 14 hand the referrer writer (src/registry/referrers.ts) to attach to the
   * pushed manifests: the SBOMs, the signed provenance, the size report. Undefined when they make none.
   */
  sbom: SbomAttachment[] | undefined
  /** The runner's packages behind the certificates and zoneinfo layers, for the SBOM; undefined without one. */
  hostPackages: HostPackages | undefined
  provenance: Attachment[] | undefined
  report: Attachment[] | undefined
  /** The report of compare-to, or why there is none (src/pipeline/report.ts). */
  baselineReport: BaselineReport | undefined
  /** This build's size report and the file it is written to (output report). */
  sizeReport: { report: Report; file: string }
  comment: void
  /** What was attached where. */
  attach: AttachOutput
  /** The provenance (and SBOM) attestations, signed; undefined when provenance is off or nothing is pushed. */
  signed: SignedImage | undefined
  /** The provenance attestation as GitHub stored it. */
  attestation: { id: string; url: string } | undefined
}

/** The go-version spec: the input, else the version file (go.mod by default). */
async function goVersionSpec(o: PipelineOptions, logger: Logger): Promise<Outputs['goVersion']> {
  // An explicit go-version keeps its meaning (1.22 = newest 1.22.x); only a go.mod/go.work go line is a minimum.
  if (o.go.version) return { spec: o.go.version, input: 'go-version' }
  const file = path.resolve(o.build.workingDirectory, o.go.versionFile || 'go.mod')
  const content = await readFile(file, 'utf8').catch(() => undefined)
  if (content === undefined && !o.go.versionFile && o.build.package.endsWith('.go')) {
    // A single-file main needs no module, and so has no go.mod to read a version from.
    logger.info(
      `No go.mod beside ${o.build.package}: using the newest stable Go (set go-version to pin one).`
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
async function gitCommit(o: PipelineOptions, deps: Deps): Promise<string> {
  const res = await deps.runner
    .run('git', ['rev-parse', 'HEAD'], { cwd: o.build.workingDirectory, silent: true })
    .catch(() => undefined)
  return res?.exitCode === 0 ? res.stdout.trim() : ''
}

/** Source date epoch: the input or SOURCE_DATE_EPOCH, else the commit time, else 0. */
async function sourceDateEpoch(o: PipelineOptions, deps: Deps): Promise<number> {
  if (o.build.sourceDateEpoch !== undefined) return o.build.sourceDateEpoch
  const res = await deps.runner
    .run('git', ['log', '-1', '--format=%ct'], { cwd: o.build.workingDirectory, silent: true })
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

/**
 * The binary whose packages are measured, when package-sizes asks for a breakdown: linux/amd64's when it is built,
 * since only amd64 code references are decoded and its packages are read in place where another platform's take a
 * second link (a second of CPU for a 7 MB program); else the largest.
 */
function packagesWanted(
  o: PipelineOptions,
  binaries: Map<string, Binary>
): { name: string; bin: Binary } | undefined {
  const amd64 = binaries.get('linux/amd64')
  const [name, bin] = amd64
    ? ['linux/amd64', amd64]
    : [...binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a))
  const want =
    o.report.packageSizes === 'true' ||
    (o.report.packageSizes === 'auto' &&
      (bin.size >= PACKAGE_SIZES_AUTO_BYTES || reportWantsPackages(o)) &&
      !rebuildsAll(o))
  return want ? { name, bin } : undefined
}

/** With -a the relink would recompile everything, and -n writes no binary to read. */
const rebuildsAll = (o: PipelineOptions): boolean =>
  o.build.buildFlags.some(f => f === '-a' || f === '-n')

/** One per run: every platform's (and image's) identical layers are compressed once, and the tool cache keeps them for the next run. */
export function layerCompressor(o: PipelineOptions, deps: Deps): LayerCompressor {
  return new LayerCompressor({
    compression: o.image.compression,
    cacheDir: layerCacheDir(deps.toolCacheDir),
    debug: m => deps.logger.debug(m)
  })
}

/**
 * Repositories of a registry whose blobs a push there may mount: the image pushed before this one in a monorepo
 * run (deps.mountFrom), and the baseline's.
 */
function mountSources(o: PipelineOptions, deps: Deps, registry: string): string[] {
  const baseline =
    o.report.compareTo?.registry === registry ? o.report.compareTo.repository : undefined
  return [deps.mountFrom?.get(registry), baseline].filter((r): r is string => !!r)
}

/**
 * The stages that must be done before any tag is written: the push by digest, every referrer the run requires in
 * every registry (SBOM, provenance, size report), the provenance stored with GitHub, and the -debug images. A
 * failure in any of them leaves nothing tagged.
 */
export const BEFORE_TAGS = ['push', 'attach', 'attestation', 'debugPush'] as const

/**
 * The stage graph of one run. deps.logger must write into the calling stage's part of the log (stageLogger), and
 * plan holds the tags to write. Login comes before anything costly, the size gate before the push, the push is by
 * digest, and the tags come last, after every referrer (BEFORE_TAGS); the package measurement, the build context
 * and the image assembly overlap.
 */
export function pipelineStages(o: PipelineOptions, deps: Deps, plan: TagPlan): Stage<Outputs>[] {
  const tags = plan.tags
  const stage = stageOf<Outputs>()
  const { logger } = deps
  const multi = o.build.platforms.length > 1
  const docker = o.image.builder === 'docker'
  const compressor = deps.compressor ?? layerCompressor(o, deps)
  const repo = o.publish.image ? `${o.publish.image.registry}/${o.publish.image.repository}` : ''
  const parallelism = deps.parallelism ?? os.availableParallelism()
  /** One platform's package breakdown: its binary read in place, or an unstripped relink (see measurePackages). */
  const measure = (
    go: Outputs['go'],
    source: Outputs['source'],
    platform: Platform,
    binary: string,
    cgo?: Outputs['cgo']
  ): ReturnType<typeof measurePackages> =>
    measurePackages({
      runner: deps.runner,
      goBin: go.goBin,
      env: buildEnv(go.env, platform, source.settings, cgo?.get(platformString(platform))?.env),
      workdir: o.build.workingDirectory,
      args: buildArgs(cgoSettings(source.settings, cgo?.get(platformString(platform))), binary),
      tempDir: deps.tempDir,
      // Every package: the report diffs them one by one; the log and the summary show the biggest.
      top: Infinity,
      binary,
      info: m => logger.info(m)
    })
  const stages: Stage<Outputs>[] = [
    // Inputs the disk can refute are checked first: a typo in files should cost neither a login nor a compile.
    stage('preflight', [], {
      run: () =>
        preflight(
          { ...o.build, ...o.image },
          {
            logger,
            caBundleCandidates: deps.caBundleCandidates,
            zoneinfoRoot: deps.zoneinfoRoot
          }
        )
    }),

    // Credentials are checked before the build: a refused password should not cost a compile.
    stage('login', ['preflight'], {
      title: () =>
        o.publish.push && o.publish.image ? `Log in to ${o.publish.image.registry}` : undefined,
      run: async () => {
        if (!o.publish.push || !o.publish.image) return undefined
        const image = o.publish.image
        const client = await openRegistry(o.registry, deps, image, o.registry.credentials, {
          // Mounting from another repository needs pull access to it in the same token.
          pullScopes: mountSources(o, deps, image.registry)
        })
        await client.login()
        return client
      }
    }),

    // The same image goes to image's further lines, each registry with its own credentials (the inputs are the
    // first registry's; the Docker o and GITHUB_TOKEN serve all): all checked before the build too.
    // After login, not beside it: each then runs alone, so its group streams into the log as it goes.
    stage('mirrors', ['login'], {
      title: () =>
        o.publish.push && o.publish.mirrors.length
          ? `Log in to ${o.publish.mirrors.map(m => m.registry).join(', ')}`
          : undefined,
      run: async () => {
        if (!o.publish.push) return []
        const clients: RegistryClient[] = []
        for (const ref of o.publish.mirrors) {
          const inputs =
            ref.registry === o.publish.image?.registry ? o.registry.credentials : undefined
          const client = await openRegistry(o.registry, deps, ref, inputs, {
            pullScopes: mountSources(o, deps, ref.registry)
          })
          await client.login()
          clients.push(client)
        }
        return clients
      }
    }),

    stage('goVersion', ['login', 'mirrors', 'busybox'], {
      run: () => goVersionSpec(o, logger)
    }),

    stage('go', ['goVersion'], {
      title: ({ goVersion: v }) =>
        `Install Go (${v.line === 'go' ? `${v.spec} or newer` : v.spec})`,
      run: async ({ goVersion: v }) => {
        const go = await installGo({
          spec: v.spec,
          specInput: v.input,
          specFile: v.file,
          line: v.line,
          goLine: v.goLine,
          baseUrl: o.go.downloadBaseUrl,
          checkLatest: o.go.checkLatest,
          toolCacheDir: deps.toolCacheDir,
          goArch: runnerGoArch(deps.nodeArch),
          cacheArch: deps.nodeArch,
          fetch: deps.fetch,
          toolCache: deps.toolCache,
          logger,
          downloadDir: deps.tempDir
        })
        return {
          version: go.version,
          goroot: go.goroot,
          // The full path, not "go": exec resolves bare names on the action's own PATH, which may hold another Go.
          goBin: path.join(go.goroot, 'bin', 'go'),
          env: goEnv(deps.env, go.goroot)
        }
      }
    }),

    // Needs go only so that the install runs alone and streams its log (see cutPoints); both asks are quick.
    stage('source', ['go'], {
      run: async () => {
        const epoch = await sourceDateEpoch(o, deps)
        const ldflags = o.build.ldflags.includes('{{')
          ? expandLdflags(
              o.build.ldflags,
              ldflagsVars(o.github, await gitCommit(o, deps), rfc3339(epoch))
            )
          : o.build.ldflags
        const settings: BuildSettings = {
          pkg: o.build.package,
          ldflags,
          buildTags: o.build.buildTags,
          buildFlags: o.build.buildFlags,
          buildEnv: o.build.buildEnv
        }
        return { epoch, settings }
      }
    }),

    stage('goCache', ['go'], {
      title: () => (o.go.cache && deps.buildCache ? 'Restore Go caches' : undefined),
      run: async ({ go }) => {
        if (!o.go.cache || !deps.buildCache) return undefined
        return restoreGoCache(deps.buildCache, {
          runner: deps.runner,
          goBin: go.goBin,
          env: go.env,
          workdir: o.build.workingDirectory,
          logger,
          readOnly: !o.go.cacheSave,
          keys: {
            os: 'linux',
            arch: deps.nodeArch,
            goVersion: go.version,
            platforms: o.build.platforms.map(platformString),
            modulesHash: await modulesHash(o.build.workingDirectory, o.go.cacheDependencyPath)
          }
        })
      }
    }),

    // go list reads the module cache, which the restore may fill.
    stage('main', ['go', 'goCache'], {
      run: async ({ go }) => {
        const main = await inspectMainPackage(
          deps.runner,
          go.goBin,
          go.env,
          o.build.workingDirectory,
          o.build.package
        )
        // Named after the package: refused here, before the compile, when the image needs that path.
        if (!o.build.binaryName)
          checkBinaryName(main.binaryName, imageTopLevel(o.image), { pkg: main.importPath })
        return { importPath: main.importPath, binaryName: o.build.binaryName || main.binaryName }
      }
    }),

    // Platforms compile at once, up to one per core: each link is mostly one thread.
    stage('binaries', ['go', 'source', 'main', 'goCache', 'cgo'], {
      run: async ({ go, source, main, goCache, cgo }) => {
        // The compression threads start while Go compiles, not when the first binary is ready: one per binary.
        compressor.warm(o.build.platforms.length)
        const buildDir = path.join(deps.tempDir, 'build')
        const built = await mapConcurrent(o.build.platforms, parallelism, async platform => {
          const name = platformString(platform)
          return logger.group(`Build ${main.importPath} for ${name}`, async () => {
            const out = path.join(buildDir, ...name.split('/'), main.binaryName)
            const c = cgo.get(name)
            await compile(
              deps.runner,
              go.goBin,
              buildEnv(go.env, platform, source.settings, c?.env),
              o.build.workingDirectory,
              buildArgs(cgoSettings(source.settings, c), out),
              { pkg: o.build.package, tags: o.build.buildTags }
            )
            const elf = verifyBinary(await readFile(out), platform, main.binaryName, {
              cgo: o.build.cgo
            })
            const size = (await stat(out)).size
            const linked = elf.interpreter ? `dynamic (loader ${elf.interpreter})` : 'static'
            logger.info(
              `${main.binaryName}: ${linked} ${elf.bits}-bit ELF for ${name}, ${size} bytes`
            )
            // Its layer goes to a compression thread now, beside the other platforms' builds and the package
            // measurement (whose parse holds this thread), and the assembly finds it under way. A failure here
            // is not kept: the assembly compresses again and reports it.
            if (o.image.builder !== 'docker') {
              const layer = binaryLayer(out, main.binaryName, size)
              compressLayer(layer, source.epoch, compressor).catch(() => undefined)
            }
            return [name, { path: out, size }] as const
          })
        })
        // From here Go's caches are worth keeping, whatever fails later (the size gate, the push).
        if (goCache) deps.compiled?.(goCache)
        return new Map(built)
      }
    }),

    // Off the critical path: only the report waits for it, while the image is assembled and pushed. Reads the
    // binary the build wrote; where it must relink instead (not amd64, cgo), not beside the build: both would
    // compile the changed package at once (measured: a slower step, more CPU).
    // Optional and never fatal: a failure is a warning, since the image itself is fine.
    stage('packages', ['go', 'source', 'binaries', 'cgo'], {
      title: ({ binaries }) => {
        const wanted = packagesWanted(o, binaries)
        return wanted && `Measure Go packages in ${wanted.name}`
      },
      run: async ({ go, source, binaries, cgo }) => {
        const wanted = packagesWanted(o, binaries)
        if (!wanted) return undefined
        const platform = o.build.platforms.find(p => platformString(p) === wanted.name)!
        try {
          const { sizes, method } = await measure(go, source, platform, wanted.bin.path, cgo)
          for (const p of foldPackages(sizes))
            logger.info(`${String(p.bytes).padStart(10)}  ${p.name}`)
          return { platform: wanted.name, sizes, method }
        } catch (e) {
          logger.warning(`package-sizes: ${(e as Error).message}`)
          return undefined
        }
      }
    }),

    // Needs no binary, so it overlaps the compile.
    stage('staged', ['go', 'source', 'main'], {
      title: 'Stage certificates, zoneinfo, system and user files',
      run: async ({ go, source, main }) => {
        const certs = await caBundle({
          caCertificates: o.image.caCertificates,
          extraCaCertificates: o.image.extraCaCertificates,
          workingDirectory: o.build.workingDirectory,
          candidates: deps.caBundleCandidates,
          logger
        })
        const zi = await zoneinfo({
          zoneinfo: o.image.zoneinfo,
          root: deps.zoneinfoRoot ?? '/usr/share/zoneinfo',
          goroot: go.goroot,
          epoch: source.epoch,
          logger,
          // Through the run's compressor: a cold run measures both once, and the image reuses the chosen layer's
          // bytes; a warm run finds the sizes remembered for the same bytes and builds neither layer for them.
          measure: zoneinfoMeasure(
            async (layer, epoch) => (await compressLayer(layer, epoch, compressor)).data.length,
            {
              dir: path.join(deps.toolCacheDir, 'go-scratch-image-zoneinfo'),
              compression: compressor.key('zoneinfo-choice')
            }
          )
        })
        const system = [systemLayer(o.image.workdir), homeLayer(o.image.workdir)]
        const layers = [certs, zi?.layer, ...system].filter((l): l is Layer => !!l)
        const files = await filesLayer(
          o.image.files,
          o.build.workingDirectory,
          layers,
          main.binaryName
        )
        if (files) {
          logger.info(
            `files: ${files.entries.filter(e => e.type === 'file').length} files from ${o.image.files.length} line(s)`
          )
          layers.push(files)
        }
        return { layers, env: zi?.env ?? [] }
      }
    }),

    stage('plans', ['staged', 'binaries', 'source', 'main', 'libraries'], {
      run: async ({ staged, binaries, source, main, libraries }) => {
        const labels = { ...ociLabels(o.github, rfc3339(source.epoch)), ...o.image.labels }
        const imageSettings: ImageSettings = {
          user: o.image.user,
          workdir: o.image.workdir,
          env: mergeEnv(
            [DEFAULT_PATH],
            staged.layers.some(l => l.name === 'certificates')
              ? [`SSL_CERT_FILE=/${CA_BUNDLE_PATH}`]
              : [],
            staged.env,
            o.image.env
          ),
          entrypoint: o.image.entrypoint ?? [`/${main.binaryName}`],
          cmd: o.image.args,
          exposedPorts: o.image.expose,
          labels,
          // The OCI keys also go on the manifest, where registries show them without reading the config.
          annotations: Object.fromEntries(
            Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.'))
          )
        }
        return o.build.platforms.map(p => {
          const bin = binaries.get(platformString(p))!
          const libs = libraries.get(platformString(p))
          const layers = [
            ...staged.layers,
            ...(libs ? [libs] : []),
            binaryLayer(bin.path, main.binaryName, bin.size)
          ]
          return { platform: p, plan: { layers: orderLayers(layers), image: imageSettings } }
        })
      }
    }),

    // An output for the native builder (and the input of builder: docker), so it overlaps the assembly.
    stage('context', ['plans', 'source'], {
      title: 'Write Dockerfile and build context',
      run: async ({ plans, source }) => {
        const context = path.join(deps.tempDir, 'context')
        const dockerfile = path.join(context, 'Dockerfile')
        await rm(context, { recursive: true, force: true })
        // Every platform shares all layers but the binary: each folder is written once.
        const folders = new Map<string, Layer>()
        for (const { platform, plan } of plans) {
          for (const layer of plan.layers) {
            const dir =
              layer.name === 'binary' || layer.name === 'libraries'
                ? platformContextDir(layer.name, platformString(platform), multi)
                : layer.name
            if (!folders.has(dir)) folders.set(dir, layer)
          }
        }
        // One folder at a time: writeLayerContext keeps only a few writes in flight, so the assembly's reads
        // still find a free thread in Node's pool.
        for (const [dir, layer] of folders) {
          await writeLayerContext(layer, path.join(context, dir), source.epoch, {
            // The binaries are this run's own files: linked, not copied, and dated in place.
            ownedDir: deps.tempDir
          })
        }
        const text = renderDockerfile(plans[0]!.plan, multi)
        await writeFile(dockerfile, text)
        logger.info(text)
        return { context, dockerfile }
      }
    }),

    stage('assembled', ['plans', 'source'], {
      title: () => (o.image.builder === 'docker' ? undefined : 'Assemble OCI image'),
      run: async ({ plans, source }) => {
        if (o.image.builder === 'docker') return undefined
        const images = await Promise.all(
          plans.map(({ platform, plan }) =>
            buildImage(plan, platform, source.epoch, { compressor })
          )
        )
        const n = compressor.stats
        logger.info(
          `layers: ${compressionName(o.image.compression)}; ${n.compressed} compressed, ${n.memo} reused within the run, ${n.disk} from the layer cache`
        )
        // Before anything downstream (layout, load, push) can ship it: the image as a runtime will unpack it.
        for (const line of await checkImages(images.map(imageToCheck))) logger.info(line)
        return images
      }
    }),

    stage('dockerBuilt', ['plans', 'context', 'source'], {
      title: () => (o.image.builder === 'docker' ? 'Build the Dockerfile with Docker' : undefined),
      run: async ({ plans, context, source }) => {
        if (o.image.builder !== 'docker') return undefined
        return dockerBuild({
          runner: deps.runner,
          logger,
          context: context.context,
          dockerfile: context.dockerfile,
          plans,
          buildx: await detectBuildx(deps.runner),
          epoch: source.epoch,
          compressor
        })
      }
    }),

    stage('images', docker ? ['dockerBuilt'] : ['assembled'], {
      run: async ({ assembled, dockerBuilt }) => {
        const built = (assembled ?? dockerBuilt)!
        // Docker's media types change only the manifests: the blobs, and so the sizes, are the same.
        const images =
          o.image.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built
        return { images, top: topLevel(images) }
      }
    }),

    stage('layout', ['images'], {
      title: () => (o.publish.ociLayout ? 'Write OCI layout' : undefined),
      run: async ({ images }) => {
        if (!o.publish.ociLayout) return ''
        await mkdir(o.publish.ociLayout, { recursive: true })
        const ref = await writeOciLayout(o.publish.ociLayout, images.images, images.top, tags)
        logger.info(
          `OCI layout written to ${o.publish.ociLayout}${tags.length ? ` (tags ${tags.join(', ')})` : ''}; inspect it with: skopeo inspect ${ref}`
        )
        return ref
      }
    }),

    stage('comparisons', ['images'], {
      title: () => (o.report.compareTo ? 'Compare with the baseline' : undefined),
      run: async ({ images }) =>
        o.report.compareTo
          ? compareWithBaseline(
              { ...o.report, ...o.publish, ...o.build, registry: o.registry },
              deps,
              images.images.map(platformSize)
            )
          : []
    }),

    // Sizes come from what was built, so they are the same pushed or not; the gate runs before the push, so a
    // build over budget is never published.
    stage('gate', ['images', 'comparisons'], {
      title: 'Image size',
      run: async ({ images, comparisons }) => {
        const sizes = images.images.map(platformSize)
        for (const s of sizes) logger.info(sizeTable(s))
        for (const c of comparisons) logger.info(comparisonTable(c))
        return {
          sizes,
          failures: gateFailures(sizes, comparisons, o.report.maxSize, o.report.maxSizeIncrease)
        }
      }
    }),

    stage('push', ['gate', 'login', 'mirrors', 'images'], {
      title: ({ gate, login, mirrors }) =>
        login && !gate.failures.length
          ? `Push ${[repo, ...mirrors.map(m => `${m.ref.registry}/${m.ref.repository}`)].join(', ')}`
          : undefined,
      run: async ({ gate, login: client, mirrors, images }) => {
        if (!client) return false
        if (gate.failures.length) {
          logger.info('Not pushed: the image is over its size budget.')
          return false
        }
        // Another repository of the same registry lends its blobs: unchanged layers are mounted, not uploaded.
        const targets = [client, ...mirrors].map(c => ({
          client: c,
          mountFrom: mountSources(o, deps, c.ref.registry)[0]
        }))
        await pushEverywhere(targets, images.images, images.top, logger)
        return true
      }
    }),

    stage('load', ['images'], {
      title: () => (o.publish.load && o.publish.image ? 'Load into Docker' : undefined),
      run: async ({ images }) => {
        if (!o.publish.load || !o.publish.image) return
        await loadIntoDocker(
          images.images,
          o.publish.image,
          tags,
          deps,
          path.join(deps.tempDir, 'image.tar')
        )
      }
    })
  ]

  stages.push(...reportStages(o, deps, tags))
  stages.push(...cgoStages(o, deps, compressor))
  stages.push(...sbomStages(o, deps))
  stages.push(
    ...provenanceStages(
      o,
      deps,
      stages.some(s => s.name === 'sbom')
    )
  )
  // Takes what the stages that make artifacts hand on, those of them that this graph has.
  const makers = (['sbom', 'provenance', 'report', 'mirrors'] as const).filter(n =>
    stages.some(s => s.name === n)
  )
  const attachments = (got: Partial<Outputs>): Attachment[] =>
    [got.sbom, got.provenance, got.report].flatMap(a => a ?? [])
  stages.push(
    // After the push, and never inside the image's index: each artifact names its manifest as subject.
    stage('attach', ['push', 'layout', 'login', 'images', 'source', ...makers], {
      title: got =>
        attachments(got).length && (got.push || o.publish.ociLayout)
          ? `Attach ${[...new Set(attachments(got).flatMap(a => a.artifacts.map(x => x.artifactType)))].join(', ')}`
          : undefined,
      run: async got => {
        const created = rfc3339(got.source.epoch)
        const clients = got.push && got.login ? [got.login, ...(got.mirrors ?? [])] : []
        return attachArtifacts({
          attachments: attachments(got),
          registries: clients.map(c => ({
            name: `${c.ref.registry}/${c.ref.repository}`,
            store: registryReferrers(c, logger, { created }, { sleep: deps.sleep })
          })),
          layout: o.publish.ociLayout
            ? layoutReferrers(o.publish.ociLayout, { created })
            : undefined,
          image: { digest: got.images.top.digest, tags },
          logger
        })
      }
    }),

    // Last: the image is complete in every registry, with every referrer, before any tag points at it.
    stage('tag', [...BEFORE_TAGS, 'login', 'mirrors', 'images', 'debugImages'], {
      title: ({ push, login, mirrors }) =>
        push && login && tags.length
          ? `Tag ${[login, ...mirrors].map(c => `${c.ref.registry}/${c.ref.repository}`).join(', ')}`
          : undefined,
      run: async ({ push, login, mirrors, images, debugImages, debugPush }) => {
        if (!push || !login) return []
        const jobs: TagJob[] = [login, ...mirrors].map(client => ({
          client,
          top: images.top,
          plan
        }))
        // After the lean tags: a -debug tag never points at an image whose lean tag is missing.
        if (debugPush && debugImages)
          jobs.push({ client: login, top: debugImages.top, plan: withSuffix(plan, '-debug') })
        const held = await tagEverywhere(jobs, logger, { sleep: deps.sleep })
        return held[0]!
      }
    })
  )
  return stages
}
