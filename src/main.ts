// The action's edge: reads inputs, runs the pipeline, sets outputs and the job summary; the only user of @actions/core.
import * as actionsCache from '@actions/cache'
import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseConfig, type Config } from './config.js'
import { execRunner } from './exec.js'
import { saveGoCache, type CacheState } from './go/cache.js'
import type { BuildCache, Logger, ToolCache } from './ports.js'
import { runPipeline, type Result } from './pipeline.js'
import { renderSummary } from './report/summary.js'

const logger: Logger = {
  info: m => core.info(m),
  warning: m => core.warning(m),
  debug: m => core.debug(m),
  group: (name, fn) => core.group(name, fn),
  mask: s => core.setSecret(s)
}

const toolCache: ToolCache = {
  find: (tool, version, arch) => tc.find(tool, version, arch),
  findAllVersions: (tool, arch) => tc.findAllVersions(tool, arch),
  downloadTool: url => tc.downloadTool(url),
  extractTar: (file, dest, flags) => tc.extractTar(file, dest, flags)
}

const buildCache: BuildCache = {
  isAvailable: () => actionsCache.isFeatureAvailable(),
  restore: (paths, key, restoreKeys) => actionsCache.restoreCache(paths, key, restoreKeys),
  save: async (paths, key) => void (await actionsCache.saveCache(paths, key))
}

const STATE_POST = 'isPost'
const STATE_CACHE = 'goCache'

/** The runner runs dist/index.js twice, as main and as post; state saved by main tells them apart. */
export function isPost(): boolean {
  return core.getState(STATE_POST) === 'true'
}

function setOutputs(r: Result): void {
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
  if (r.comparison) {
    outputs['baseline-size'] = r.comparison.baseline.size
    outputs['size-delta'] = r.comparison.delta
    outputs['size-delta-percent'] = r.comparison.deltaPercent
  }
  for (const [k, v] of Object.entries(outputs)) core.setOutput(k, v)
  core.setOutput(
    'metadata',
    JSON.stringify({
      ...outputs,
      sizes,
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
  )
}

async function writeSummary(r: Result, config: Config): Promise<void> {
  await core.summary.addRaw(renderSummary({ ...r, maxSize: config.maxSize }), true).write()
}

export async function run(): Promise<void> {
  core.saveState(STATE_POST, 'true')
  try {
    // Mask first: nothing below may log the password, even in an error message.
    const password = core.getInput('registry-password')
    if (password) core.setSecret(password)
    const config = parseConfig(name => core.getInput(name), process.env)
    const tempDir = await mkdtemp(
      path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'go-scratch-image-')
    )
    const result = await runPipeline(config, {
      runner: execRunner,
      fetch: globalThis.fetch,
      toolCache,
      toolCacheDir:
        process.env.RUNNER_TOOL_CACHE ||
        path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache'),
      buildCache: config.cache ? buildCache : undefined,
      logger,
      env: process.env,
      nodeArch: process.arch,
      tempDir
    })
    if (result.goCache) core.saveState(STATE_CACHE, JSON.stringify(result.goCache))
    setOutputs(result)
    if (config.summary && process.env.GITHUB_STEP_SUMMARY) await writeSummary(result, config)
    // The gate fails the step only now, so the outputs and the summary say by how much.
    if (result.gateFailures.length) core.setFailed(result.gateFailures.join('\n'))
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e))
  }
}

/** The post step: saves Go's caches after a successful build, so the next run starts warm. */
export async function post(): Promise<void> {
  try {
    const raw = core.getState(STATE_CACHE)
    if (!raw) return
    await saveGoCache(buildCache, JSON.parse(raw) as CacheState, logger)
  } catch (e) {
    // A cache that cannot be saved never fails a build that succeeded.
    core.warning(`cache: ${(e as Error).message}`)
  }
}
