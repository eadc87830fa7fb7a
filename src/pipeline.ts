// Runs one build as a graph of stages (src/pipeline/stages.ts: install Go, build, stage, write the Dockerfile,
// assemble, push, report) over injected side effects, and gathers what the edges report.
import type { Config } from './config.js'
import type { CacheState } from './go/cache.js'
import type { BuildCache, Fetch, Logger, Runner, ToolCache } from './ports.js'
import type { TransportOptions } from './registry/transport.js'
import type { SigstoreEndpoints } from './attest/endpoints.js'
import type { LayerCompressor } from './oci/layer-compressor.js'
import { pushTags } from './pipeline/tags.js'
import { writeDigestFile } from './merge/digests.js'
import os from 'node:os'
import type { Comparison } from './report/gate.js'
import { largest, platformSize, type PlatformSize } from './report/size.js'
import { foldPackages, type PackageSize } from './report/packages.js'
import type { PackageDeltas } from './report/report.js'
import { runGraph, stageLogger } from './pipeline/graph.js'
import { pipelineStages, type Outputs } from './pipeline/stages.js'
import { runImages } from './pipeline/monorepo.js'
import { fansOut } from './images/targets.js'
import { imageEntry, type ImageEntry } from './images/report.js'

export { PACKAGE_SIZES_AUTO_BYTES } from './pipeline/stages.js'

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
  /** How many platforms compile at once; os.availableParallelism() unless a test says otherwise. */
  parallelism?: number
  /**
   * Sigstore's services (Fulcio, Rekor or a TSA, the OIDC issuer) for provenance; absent, the instance
   * @actions/attest would choose by the repository's visibility. Tests point them at local servers.
   */
  sigstore?: SigstoreEndpoints
  /** The run's layer compressor, when several images share it (src/pipeline/monorepo.ts); else one per graph. */
  compressor?: LayerCompressor
  /** By registry, a repository this image may mount blobs from: the image pushed before it in a monorepo run. */
  mountFrom?: Map<string, string>
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
  /** debug: true: compressed bytes of the largest platform's TAG-debug image (the image plus busybox). */
  debugSize?: number
  dockerfile: string
  context: string
  ociLayout: string
  /** How tools name the layout's image, oci:DIR:TAG (see layoutReference); empty without oci-layout. */
  ociReference: string
  /** The size report written for this run (output report). */
  reportFile?: string
  /** Go packages and modules against compare-to's report (output package-deltas). */
  packageDeltas?: PackageDeltas
  /** Whether Go's caches were restored by their exact key (the cache-hit output). */
  cacheHit?: boolean
  /** push-by-digest: the leg's digest file, RUNNER_TEMP/digests/<hex> (the digest-file output). */
  digestFile?: string
  /** Every image of the run, one per main package (the single-value outputs above are the first's). */
  images?: ImageEntry[]
  /** The provenance attestation as GitHub stored it (attestation-id, attestation-url), when it was. */
  attestation?: { id: string; url: string }
  /** The SBOM file of each platform, by os/arch[/variant] (output sbom); absent with sbom: none. */
  sbom?: Record<string, string>
}

/**
 * A runner whose commands print into the calling stage's part of the log rather than straight to stdout, where
 * two builds running at once would mix their lines with each other and with the groups being written.
 */
function loggedRunner(runner: Runner, logger: Logger): Runner {
  return {
    async run(command, args, options = {}) {
      if (options.silent) return runner.run(command, args, options)
      logger.info(`[command]${[command, ...args].join(' ')}`)
      const res = await runner.run(command, args, { ...options, silent: true })
      for (const text of [res.stdout, res.stderr]) if (text.trim()) logger.info(text.trimEnd())
      return res
    }
  }
}

export async function runPipeline(config: Config, deps: Deps): Promise<Result> {
  // A matrix leg pushes by digest alone: the merge step tags the index.
  const plan = config.pushByDigest ? { tags: [] } : await pushTags(config, deps)
  // Every stage logs through this one logger: lines land in the part of the log of the stage that writes them.
  const logger = stageLogger(deps.logger)
  const runner = loggedRunner(deps.runner, logger)
  if (fansOut(config)) return runImages(config, { ...deps, logger, runner }, plan, deps.logger)
  const out = await runGraph(pipelineStages(config, { ...deps, logger, runner }, plan), {
    logger: deps.logger
  })
  const result = pipelineResult(config, out)
  if (config.pushByDigest && result.pushed)
    result.digestFile = await writeDigestFile(
      deps.env.RUNNER_TEMP || os.tmpdir(),
      result.digest,
      result.sizes
    )
  return { ...result, images: [imageOf(config, out.main.binaryName, result)] }
}

/** The entry of the images output for one image's result. */
export function imageOf(config: Config, name: string, r: Result): ImageEntry {
  const refs = config.image ? [config.image, ...config.mirrors] : []
  return imageEntry({ name, refs, digest: r.digest, tags: r.tags, size: r.size, pushed: r.pushed })
}

/** What one image's stage graph reports. */
export function pipelineResult(config: Config, out: Outputs): Result {
  const { sizes, failures } = out.gate
  const comparisons = out.comparisons
  const big = largest(sizes)
  const top = out.images.top
  const repo = config.image ? `${config.image.registry}/${config.image.repository}` : ''
  return {
    goVersion: out.go.version,
    digest: top.digest,
    imageRef: repo ? `${repo}@${top.digest}` : '',
    // What the tag stage left pointing at the image: a floating tag a newer release holds is not among them.
    tags: out.tag,
    pushed: out.push,
    sizes,
    comparisons,
    comparison: comparisons.find(c => c.platform === big.platform),
    gateFailures: failures,
    // The summary shows the biggest; the report keeps every package.
    packages: out.packages && { ...out.packages, sizes: foldPackages(out.packages.sizes) },
    reportFile: out.sizeReport.file,
    packageDeltas: out.sizeReport.report.comparison?.packages,
    size: big.size,
    uncompressedSize: big.uncompressedSize,
    binarySize: Math.max(...sizes.map(s => s.binarySize)),
    debugSize: out.debugImages && largest(out.debugImages.images.map(platformSize)).size,
    dockerfile: out.context.dockerfile,
    context: out.context.context,
    ociLayout: config.ociLayout,
    ociReference: out.layout,
    cacheHit: !!out.goCache && out.goCache.matchedKey === out.goCache.key,
    attestation: out.attestation,
    sbom: out.sbom && Object.fromEntries(out.sbom.map(s => [s.platform, s.file]))
  }
}
