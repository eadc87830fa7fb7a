// The action's edge: reads inputs, runs the pipeline, sets outputs and the job summary; the only user of @actions/core.
import * as core from '@actions/core'
import os from 'node:os'
import { parseComment, parseConfig } from './config.js'
import { maskCredentials } from './go/mirror.js'
import type { ReportOptions } from './report/size-report.js'
import { commentFrom } from './comment/post.js'
import { actionOutputs, edgeDeps, inActions, runOptions } from './edge.js'
import { readGitHubContext } from './github-context.js'
import { saveGoCache, type CacheState } from './go/cache.js'
import type { BuildCache, Logger } from './ports.js'
import { runPipeline } from './pipeline/run.js'
import type { Result } from './pipeline/result.js'
import { renderSummary } from './report/summary.js'
import { captureStdio } from './terminal.js'

const actions = inActions(process.env)

const logger: Logger = {
  info: m => core.info(m),
  warning: m => (actions ? core.warning(m) : core.info(`warning: ${m}`)),
  debug: m => core.debug(m),
  // Outside a runner (the bundle run by hand, scripts/quickstart.sh) ::group:: lines would be printed as they are.
  // The stage graph ends each group with the phase's duration (src/pipeline/graph.ts).
  group: (name, fn) => (actions ? core.group(name, fn) : (core.info(`\n== ${name} ==`), fn())),
  mask: s => core.setSecret(s)
}

/** The parts of @actions/cache this action calls; a stand-in may lack some (see buildCacheOf). */
export type ActionsCacheModule = Pick<
  typeof import('@actions/cache'),
  'restoreCache' | 'saveCache'
> &
  Partial<Pick<typeof import('@actions/cache'), 'isFeatureAvailable'>>

/**
 * The Go cache's port over @actions/cache. A stand-in for the package may lack isFeatureAvailable
 * (@github/local-action's stub does): the cache is then unavailable, which is a warning, not a crash.
 */
export function buildCacheOf(actionsCache: ActionsCacheModule, log: Logger): BuildCache {
  return {
    isAvailable: () => {
      if (typeof actionsCache.isFeatureAvailable === 'function')
        return actionsCache.isFeatureAvailable()
      log.debug(
        'cache: this @actions/cache has no isFeatureAvailable(); treating the cache as unavailable.'
      )
      return false
    },
    restore: (paths, key, restoreKeys) => actionsCache.restoreCache(paths, key, restoreKeys),
    save: async (paths, key) => void (await actionsCache.saveCache(paths, key))
  }
}

/**
 * @actions/cache, loaded by the runs that use it: it and its Azure storage client are more than half of the
 * bundle, and parsing and evaluating them at start-up cost about 0.1 s of CPU (docs/benchmarks.md). ncc puts them
 * in a chunk of their own, read on first use; scripts/licenses.mjs lists every chunk's packages.
 */
async function loadBuildCache(): Promise<BuildCache> {
  return buildCacheOf(await import('@actions/cache'), logger)
}

const STATE_POST = 'isPost'
const STATE_CACHE = 'goCache'

/** The runner runs dist/index.js twice, as main and as post; state saved by main tells them apart. */
export function isPost(): boolean {
  return core.getState(STATE_POST) === 'true'
}

function setOutputs(r: Result): void {
  // Without GITHUB_OUTPUT, @actions/core would print ::set-output:: commands, which only a runner reads.
  if (!actions && !process.env.GITHUB_OUTPUT) {
    logger.info(
      'Outputs: not written (no GITHUB_OUTPUT outside a runner); the command line (npx go-scratch-image) prints them.'
    )
    return
  }
  for (const [k, v] of Object.entries(actionOutputs(r))) core.setOutput(k, v)
}

async function writeSummary(r: Result, maxSize: ReportOptions['maxSize']): Promise<void> {
  await core.summary.addRaw(renderSummary({ ...r, maxSize }), true).write()
}

export async function run(): Promise<void> {
  // Outside a runner (the bundle run by hand, scripts/quickstart.sh) no post step follows and no one reads workflow
  // commands: what @actions/* print (::debug::, ::add-mask::, ::error:: …) goes out as plain lines, secrets as ***.
  if (actions) core.saveState(STATE_POST, 'true')
  else captureStdio(core.isDebug())
  try {
    // Mask first: nothing below may log the password, even in an error message.
    const password = core.getInput('registry-password')
    if (password) core.setSecret(password)
    const token = core.getInput('github-token').trim()
    if (token) core.setSecret(token)
    // A vuln-db mirror behind Basic auth: its user:password@ masked as go-download-base-url's is.
    maskCredentials(core.getInput('vuln-db').trim(), logger)
    // comment-from posts a report another job wrote (the fork-safe pattern): nothing is built or pushed.
    if (core.getInput('comment-from').trim()) {
      const env = process.env
      const { commentFrom: file } = parseComment(
        name => core.getInput(name),
        env,
        env.GITHUB_WORKSPACE || process.cwd()
      )
      const github = await readGitHubContext(env)
      await commentFrom(file, { token, github, logger, image: core.getInput('image') })
      return
    }
    const config = parseConfig(name => core.getInput(name), process.env)
    const options = runOptions(config, await readGitHubContext(process.env), process.env)
    const deps = await edgeDeps({
      logger,
      env: process.env,
      tempRoot: process.env.RUNNER_TEMP || os.tmpdir(),
      timeoutMs: config.registryTimeoutMs,
      buildCache: config.cache ? await loadBuildCache() : undefined
    })
    // Saved as soon as the compile succeeds: the post step (post-if: always()) keeps the warm caches even when
    // the size gate or the push fails this step afterwards.
    if (actions) deps.compiled = goCache => core.saveState(STATE_CACHE, JSON.stringify(goCache))
    const result = await runPipeline(options, deps)
    setOutputs(result)
    if (config.summary && process.env.GITHUB_STEP_SUMMARY)
      await writeSummary(result, config.maxSize)
    // The gate fails the step only now, so the outputs and the summary say by how much.
    if (result.gateFailures.length) core.setFailed(result.gateFailures.join('\n'))
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e))
  }
}

/**
 * The post step: saves Go's caches after a successful compile, so the next run starts warm. It runs even when
 * the main step failed (post-if: always()); without a compile there is no state and nothing to save.
 */
export async function post(): Promise<void> {
  try {
    const raw = core.getState(STATE_CACHE)
    if (!raw) return
    await saveGoCache(await loadBuildCache(), JSON.parse(raw) as CacheState, logger)
  } catch (e) {
    // A cache that cannot be saved never fails a build that succeeded.
    core.warning(`cache: ${(e as Error).message}`)
  }
}
