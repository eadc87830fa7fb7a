// Runs the pipeline: one image's stage graph, every image of a monorepo, or the merge of a matrix's digests; the
// tags are planned first, and a matrix leg writes its digest file last.
import os from 'node:os'
import type { PipelineOptions } from './options.js'
import type { Logger, Runner } from '../ports.js'
import { pushTags } from '../registry/tags.js'
import { writeDigestFile } from '../merge/digests.js'
import { runGraph } from './graph.js'
import { stageLogger } from './log-sections.js'
import { buildGraph, mergeGraph, type BuildOutputs } from './bodies.js'
import { layerCompressor } from '../oci/assemble.js'
import type { MergeOutputs } from '../merge/index-push.js'
import { runImages } from './monorepo.js'
import { fansOut } from '../images/targets.js'
import type { Deps } from './deps.js'
import { imageOf, mergeResult, pipelineResult, type Result } from './result.js'
import { InputError } from '../ports.js'

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

/** Runs the merge (merge-digests): its own small graph reads the legs and pushes their index; nothing is built. */
async function runMerge(o: PipelineOptions, deps: Deps): Promise<Result> {
  if (!o.publish.image)
    throw new InputError('image: a merge needs the repository the legs pushed to.')
  const plan = await pushTags(o.publish, o.registry, o.github, deps)
  const out = await runGraph(mergeGraph(o, { ...deps, logger: stageLogger(deps.logger) }, plan), {
    logger: deps.logger
  })
  return mergeResult(o, out as unknown as MergeOutputs)
}

export async function runPipeline(o: PipelineOptions, deps: Deps): Promise<Result> {
  if (o.publish.mergeDigests.length) return runMerge(o, deps)
  // A matrix leg pushes by digest alone: the merge step tags the index.
  const plan = o.publish.pushByDigest
    ? { tags: [] }
    : await pushTags(o.publish, o.registry, o.github, deps)
  // Every stage logs through this one logger: lines land in the part of the log of the stage that writes them.
  const logger = stageLogger(deps.logger)
  const runner = loggedRunner(deps.runner, logger)
  if (fansOut({ ...o.build, ...o.publish, ...o.report }))
    return runImages(o, { ...deps, logger, runner }, plan, deps.logger)
  const compressor = layerCompressor(o.image, deps.toolCacheDir, logger)
  const graph = buildGraph(o, { ...deps, logger, runner }, plan, compressor)
  const out = (await runGraph(graph, { logger: deps.logger })) as unknown as BuildOutputs
  const result = pipelineResult(o, out)
  if (o.publish.pushByDigest && result.pushed)
    result.digestFile = await writeDigestFile(
      deps.env.RUNNER_TEMP || os.tmpdir(),
      result.digest,
      result.sizes
    )
  return { ...result, images: [imageOf(o, out.main.binaryName, result)] }
}
