// The command line (`npx go-scratch-image`): the action's inputs as flags, to build, write and push an image from a
// developer's machine. The jobs are in their own files: arguments (args.ts), --help (help.ts), the local defaults
// (local.ts), the logger over the terminal's output (logger.ts) and the result (result.ts).
import { rm } from 'node:fs/promises'
import os from 'node:os'
import { parseConfig } from '../config.js'
import { edgeDeps, inActions, runOptions } from '../edge.js'
import { toolCacheDir } from '../tool-cache-dir.js'
import { readGitHubContext } from '../github-context.js'
import { runPipeline } from '../pipeline/run.js'
import { captureStdio } from '../terminal.js'
import { parseArgs, USAGE_EXIT, UsageError, type Args } from './args.js'
import { helpText } from './help.js'
import { localInputs, localNotes } from './local.js'
import { cliLogger } from './logger.js'
import { resultText } from './result.js'

/** Runs the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  let args: Args
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`go-scratch-image: ${e.message}; see --help\n`)
    return USAGE_EXIT
  }
  if (args.help) {
    process.stdout.write(helpText())
    return 0
  }
  const output = captureStdio(args.verbose, inActions(process.env))
  // Mask first: nothing below may print the password, even in an error message.
  output.mask(args.inputs['registry-password'] ?? '')
  const logger = cliLogger(output)
  let tempDir: string | undefined
  try {
    const inputs = localInputs(args.inputs, process.env)
    // Relative paths are relative to where the command runs, even inside a workflow's run step.
    const config = parseConfig(name => inputs[name] ?? '', {
      ...process.env,
      GITHUB_WORKSPACE: process.cwd()
    })
    for (const note of localNotes(args.inputs, config)) logger.info(note)
    if (config.cache) {
      logger.warning(
        "cache: the Actions cache exists only on GitHub's runners; locally Go's own caches (go env GOCACHE) keep builds fast."
      )
    }
    // @actions/tool-cache reads its folders from these variables and refuses to work without them.
    process.env.RUNNER_TOOL_CACHE = toolCacheDir(process.env)
    const deps = await edgeDeps({
      logger,
      env: process.env,
      tempRoot: os.tmpdir(),
      timeoutMs: config.registryTimeoutMs
    })
    tempDir = deps.tempDir
    process.env.RUNNER_TEMP ||= tempDir
    const github = await readGitHubContext(process.env)
    const result = await runPipeline(runOptions(config, github, process.env), deps)
    output.print(`\n== Result ==\n${resultText(result)}`)
    // The gate fails the run only now, so the sizes above say by how much.
    if (result.gateFailures.length) {
      output.print(`error: ${result.gateFailures.join('\n')}\n`, 'err')
      return 1
    }
    return 0
  } catch (e) {
    output.print(`error: ${e instanceof Error ? e.message : String(e)}\n`, 'err')
    return 1
  } finally {
    // The binaries and the Dockerfile context are scratch; the OCI layout, the tool cache and Go's caches stay.
    if (tempDir) await rm(tempDir, { recursive: true, force: true })
  }
}
