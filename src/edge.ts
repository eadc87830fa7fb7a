// What both edges, the action (main.ts) and the command line (cli/), share: the run's options, the side effects
// they pass in and the outputs they report.
import * as tc from '@actions/tool-cache'
import { mkdtemp } from 'node:fs/promises'
import path from 'node:path'
import { execRunner } from './exec.js'
import { registryFetch } from './registry/transport.js'
import { DEFAULT_TIMEOUT_MS, httpTransport } from './http/transport.js'
import { useSharedFetch } from './http/shared.js'
import type { Config } from './config.js'
import type { GitHubContext } from './github-context.js'
import type { Deps } from './pipeline/deps.js'
import type { PipelineOptions } from './pipeline/options.js'
import { shortShaLength } from './registry/tags.js'
import type { Result } from './pipeline/result.js'
import type { BuildCache, Logger, ToolCache } from './ports.js'
import { testEndpoints } from './attest/endpoints.js'
import { imagesOutput } from './images/entries.js'
import { vulnOutputs } from './vuln/report.js'
import { toolCacheDir } from './tool-cache-dir.js'

/**
 * Whether a runner reads the log: GitHub Actions sets GITHUB_ACTIONS=true in every step. Elsewhere (a terminal,
 * scripts/quickstart.sh) workflow commands are noise, and phases get plain headers instead.
 */
export function inActions(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === 'true'
}

export const toolCache: ToolCache = {
  find: (tool, version, arch) => tc.find(tool, version, arch),
  findAllVersions: (tool, arch) => tc.findAllVersions(tool, arch),
  extractTar: (file, dest, flags) => tc.extractTar(file, dest, flags)
}

/**
 * The real side effects, with a fresh scratch directory for this run under tempRoot. Every request goes through
 * the one HTTP layer (src/http/): fetch is its transport with registry-timeout as the connect and idle limit, for
 * Go's mirror, GitHub's API, Sigstore and the OIDC token (each adds the retry policy and its budget); registries
 * get a transport of their own with their TLS inputs. The same transport is the process's shared one, which the
 * pull request comment's Octokit uses.
 */
export async function edgeDeps(o: {
  logger: Logger
  env: Record<string, string | undefined>
  tempRoot: string
  buildCache?: BuildCache
  /** registry-timeout; 60 s when absent. */
  timeoutMs?: number
}): Promise<Deps> {
  const fetch = httpTransport({ timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS })
  useSharedFetch(fetch)
  return {
    runner: execRunner,
    fetch,
    registryFetch,
    toolCache,
    toolCacheDir: toolCacheDir(o.env),
    buildCache: o.buildCache,
    logger: o.logger,
    env: o.env,
    nodeArch: process.arch,
    tempDir: await mkdtemp(path.join(o.tempRoot, 'go-scratch-image-')),
    // Only the integration tests set it (local stand-ins for Sigstore): see testEndpoints.
    sigstore: testEndpoints(o.env)
  }
}

/**
 * The run's option objects, from the inputs and the GitHub context: the one place that reads the whole Config.
 * env is the runner's, for what docker/metadata-action reads from it (DOCKER_METADATA_SHORT_SHA_LENGTH).
 */
export function runOptions(
  c: Config,
  github: GitHubContext,
  env: Record<string, string | undefined>
): PipelineOptions {
  return {
    registry: {
      timeoutMs: c.registryTimeoutMs,
      caFile: c.registryCaFile,
      ca: c.registryCa,
      insecure: c.insecureRegistry,
      credentials: c.credentials
    },
    go: {
      version: c.goVersion,
      versionFile: c.goVersionFile,
      downloadBaseUrl: c.goDownloadBaseUrl,
      checkLatest: c.checkLatest,
      cache: c.cache,
      cacheSave: c.cacheSave,
      cacheDependencyPath: c.cacheDependencyPath
    },
    build: {
      workingDirectory: c.workingDirectory,
      package: c.package,
      packages: c.packages,
      binaryName: c.binaryName,
      platforms: c.platforms,
      ldflags: c.ldflags,
      buildTags: c.buildTags,
      buildFlags: c.buildFlags,
      buildEnv: c.buildEnv,
      sourceDateEpoch: c.sourceDateEpoch,
      cgo: c.cgo,
      cc: c.cc,
      cgoSysroot: c.cgoSysroot
    },
    image: {
      zoneinfo: c.zoneinfo,
      caCertificates: c.caCertificates,
      extraCaCertificates: c.extraCaCertificates,
      files: c.files,
      user: c.user,
      workdir: c.workdir,
      env: c.env,
      expose: c.expose,
      entrypoint: c.entrypoint,
      args: c.args,
      labels: c.labels,
      builder: c.builder,
      mediaTypes: c.mediaTypes,
      compression: c.compression,
      debug: c.debug,
      debugBusybox: c.debugBusybox
    },
    publish: {
      image: c.image,
      mirrors: c.mirrors,
      imageLines: c.imageLines,
      tags: c.tags,
      tagFlavor: c.tagFlavor,
      shortShaLength: shortShaLength(env),
      push: c.push,
      pushByDigest: c.pushByDigest,
      load: c.load,
      ociLayout: c.ociLayout,
      mergeDigests: c.mergeDigests,
      mergeDigestsDir: c.mergeDigestsDir
    },
    report: {
      maxSize: c.maxSize,
      compareTo: c.compareTo,
      compareToLine: c.compareToLine,
      maxSizeIncrease: c.maxSizeIncrease,
      packageSizes: c.packageSizes,
      comment: c.comment,
      githubToken: c.githubToken
    },
    supplyChain: { sbom: c.sbom, provenance: c.provenance, githubToken: c.githubToken },
    vuln: { vulnerabilities: c.vulnerabilities, vulnDb: c.vulnDb, vulnAllow: c.vulnAllow },
    github
  }
}

/** The action's outputs (action.yml), metadata included; the command line prints some of them. */
export function actionOutputs(r: Result): Record<string, string | number> {
  const sizes = Object.fromEntries(
    r.sizes.map(s => [
      s.platform,
      {
        size: s.size,
        uncompressedSize: s.uncompressedSize,
        configSize: s.configSize,
        binarySize: s.binarySize,
        layers: s.layers
      }
    ])
  )
  const outputs: Record<string, string | number> = {
    digest: r.digest,
    'image-ref': r.imageRef,
    tags: r.tags.join('\n'),
    size: r.size,
    'uncompressed-size': r.uncompressedSize,
    'binary-size': r.binarySize,
    sizes: JSON.stringify(sizes),
    'go-version': r.goVersion,
    dockerfile: r.dockerfile,
    context: r.context
  }
  if (r.debugSize !== undefined) outputs['debug-size'] = r.debugSize
  if (r.images) outputs.images = imagesOutput(r.images)
  if (r.comparison) {
    outputs['baseline-size'] = r.comparison.baseline.size
    outputs['size-delta'] = r.comparison.delta
    outputs['size-delta-percent'] = r.comparison.deltaPercent
  }
  if (r.reportFile) outputs.report = r.reportFile
  if (r.attestation) {
    outputs['attestation-id'] = r.attestation.id
    outputs['attestation-url'] = r.attestation.url
  }
  if (r.sbom) outputs.sbom = JSON.stringify(r.sbom)
  if (r.packageDeltas) outputs['package-deltas'] = JSON.stringify(r.packageDeltas)
  if (r.cacheHit !== undefined) outputs['cache-hit'] = String(r.cacheHit)
  if (r.digestFile) outputs['digest-file'] = r.digestFile
  if (r.vulnerabilities) {
    const v = vulnOutputs(r.vulnerabilities)
    outputs.vulnerabilities = v.vulnerabilities!
    outputs['vulnerability-count'] = v['vulnerability-count']!
  }
  outputs.metadata = JSON.stringify({
    ...outputs,
    sizes,
    ...(r.packageDeltas ? { 'package-deltas': r.packageDeltas } : {}),
    ...(r.images ? { images: JSON.parse(imagesOutput(r.images)) as unknown } : {}),
    ...(r.vulnerabilities ? { vulnerabilities: r.vulnerabilities.findings } : {}),
    tags: r.tags,
    ociLayout: r.ociLayout,
    comparisons: r.comparisons.map(c => ({
      platform: c.platform,
      baseline: c.baseline.reference,
      baselineDigest: c.baseline.digest,
      baselineSize: c.baseline.size,
      size: c.size,
      delta: c.delta,
      deltaPercent: c.deltaPercent,
      layers: c.layers
    })),
    gateFailures: r.gateFailures
  })
  return outputs
}
