// The command line (`npx go-scratch-image`): the action's inputs as flags, to build, write and push an image from a developer's machine.
import { rm } from 'node:fs/promises'
import os from 'node:os'
import { GROUPS, OPTIONS, type CliOption } from './options.js'
import { parseConfig, type Config } from '../config.js'
import { actionOutputs, edgeDeps, inActions, runOptions, toolCacheDir } from '../edge.js'
import { readGitHubContext } from '../github-context.js'
import { runPipeline } from '../pipeline/run.js'
import type { Result } from '../pipeline/result.js'
import type { Logger } from '../ports.js'
import { bytesCell } from '../report/size.js'
import { captureStdio, escapeCommand, type Output } from '../terminal.js'

/** The exit status for a mistake on the command line itself, as opposed to a failed build (1). */
export const USAGE_EXIT = 2

/** A mistake on the command line: reported in one line with a pointer to --help, before anything runs. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface Args {
  help: boolean
  verbose: boolean
  /** The inputs given, by their action.yml names; a repeated list flag's values joined with newlines. */
  inputs: Record<string, string>
}

const BY_NAME = new Map(OPTIONS.map(o => [o.name, o]))

/** Parses `--name value`, `--name=value`, `--flag`/`--no-flag` and one positional working directory. */
export function parseArgs(argv: string[]): Args {
  const args: Args = { help: false, verbose: false, inputs: {} }
  const positionals: string[] = []
  const set = (option: CliOption, value: string): void => {
    const prev = args.inputs[option.name]
    if (prev === undefined) args.inputs[option.name] = value
    // A list input is multi-line in a workflow; repeating the flag is how a shell writes the lines.
    else if (option.kind === 'list') args.inputs[option.name] = `${prev}\n${value}`
    // A second value for a single-valued option is more likely a slip than an override: say so.
    else throw new UsageError(`--${option.name} is given twice`)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg === '-h' || arg === '--help') {
      args.help = true
      continue
    }
    if (arg === '-v' || arg === '--verbose') {
      args.verbose = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(arg)
    const key = m?.[1] ?? arg.replace(/^-+/, '')
    const inline = m?.[2]
    let option = m ? BY_NAME.get(key) : undefined
    let negated = false
    if (m && !option && key.startsWith('no-')) {
      const positive = BY_NAME.get(key.slice(3))
      if (positive?.kind === 'boolean') [option, negated] = [positive, true]
    }
    if (!option) throw new UsageError(`unknown option ${m ? `--${key}` : arg}`)
    if (option.kind === 'boolean') {
      if (negated) {
        if (inline !== undefined) throw new UsageError(`--${key} takes no value`)
        set(option, 'false')
      } else if (inline !== undefined) {
        // Not checked here: parseConfig rejects anything but true/false with the action's own message.
        set(option, inline)
      } else if (/^(true|false)$/i.test(argv[i + 1] ?? '')) {
        set(option, argv[++i]!)
      } else {
        set(option, 'true')
      }
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      // A value may start with one dash (-X main.v=1, -h for args), never two: that is the next flag.
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(`--${key} needs a value: --${key} VALUE or --${key}=VALUE`)
      }
      value = next
      i++
    }
    set(option, value)
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `one working directory at the most, got ${positionals.map(p => `'${p}'`).join(' and ')}`
    )
  }
  if (positionals.length) {
    if (args.inputs['working-directory'] !== undefined) {
      throw new UsageError(
        'the working directory is given twice: as --working-directory and as an argument'
      )
    }
    args.inputs['working-directory'] = positionals[0]!
  }
  return args
}

/** The default oci-layout of a run that neither pushes nor names an image, relative to where it is run. */
export const LOCAL_OCI_LAYOUT = './oci-layout'

/**
 * Environment variables a flag falls back to when it is not given, so a shell (or scripts/quickstart.sh, which
 * documents GO_DOWNLOAD_BASE_URL) can set a default once; a flag still wins.
 */
export const ENV_DEFAULTS: Readonly<Record<string, string>> = {
  'go-download-base-url': 'GO_DOWNLOAD_BASE_URL'
}

/**
 * The inputs with the command line's own defaults where they differ from the action's: a run that names no
 * image does not push but keeps the image as files, there is no Actions cache, and ENV_DEFAULTS apply.
 */
export function localInputs(
  given: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Record<string, string> {
  const fromEnv = Object.entries(ENV_DEFAULTS).flatMap(([input, name]) =>
    env[name]?.trim() ? [[input, env[name]!.trim()]] : []
  )
  const inputs: Record<string, string> = {
    cache: 'false',
    ...Object.fromEntries(fromEnv),
    ...given
  }
  if (given.push === undefined && !given.image?.trim()) {
    inputs.push = 'false'
    inputs['oci-layout'] ??= LOCAL_OCI_LAYOUT
  }
  return inputs
}

/** What the command line says about the defaults it chose, so a run without --image is not a surprise. */
export function localNotes(given: Record<string, string>, config: Config): string[] {
  const notes: string[] = []
  if (given.push === undefined && !given.image?.trim()) {
    notes.push(
      `No --image and no --push: not pushing${
        config.ociLayout ? `; the image is written as an OCI layout to ${config.ociLayout}` : ''
      }. Give --image REPOSITORY to push.`
    )
  } else if (!config.push && !config.load && !config.ociLayout) {
    notes.push('Not pushing and no --oci-layout: the image is built and measured, and not kept.')
  }
  return notes
}

function wrap(text: string, indent: number, width = 100): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(' '.repeat(indent) + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(' '.repeat(indent) + line)
  return lines
}

function flagUsage(o: CliOption): string {
  if (o.kind === 'boolean') return `--${o.name}, --no-${o.name}`
  return `--${o.name} VALUE${o.kind === 'list' ? ' (repeatable)' : ''}`
}

function defaultText(o: CliOption): string {
  const action = o.default === undefined ? 'empty' : o.default
  const env = ENV_DEFAULTS[o.name]
  if (env) return `default: $${env} when set, else ${action}`
  return o.local ? `default here: ${o.local}; in the action: ${action}` : `default: ${action}`
}

/** --help: every option with its description and default, in groups. */
export function helpText(): string {
  const lines = [
    'Usage: go-scratch-image [options] [working-directory]',
    '',
    ...wrap(
      "Builds a Go main package into the smallest correct FROM scratch image on this machine. The options are the GitHub Action's inputs, as flags. " +
        `Without --image and --push nothing is pushed: the image is written as an OCI image layout to ${LOCAL_OCI_LAYOUT}.`,
      0
    ),
    '',
    ...wrap(
      'Give a value as --name VALUE or --name=VALUE; true/false options also as --name and --no-name. ' +
        'A repeatable option may be given again: its values are joined as lines.',
      0
    )
  ]
  for (const [group, title] of Object.entries(GROUPS)) {
    lines.push('', `${title}:`)
    for (const o of OPTIONS.filter(o => o.group === group)) {
      lines.push(`  ${flagUsage(o)}`, ...wrap(o.description, 6), ...wrap(defaultText(o), 6))
    }
  }
  lines.push(
    '',
    'Other:',
    '  -v, --verbose',
    '      Also print debug lines.',
    '  -h, --help',
    '      Print this help and exit.',
    '',
    ...wrap(
      `Go is installed into ${toolCacheDir({})} (RUNNER_TOOL_CACHE when set). Without --registry-username and ` +
        '--registry-password, credentials come from the Docker config (DOCKER_CONFIG or ~/.docker/config.json).',
      0
    ),
    '',
    'Exit status: 0 built (and pushed), 1 failed or over a size budget, 2 a mistake in the options.'
  )
  return `${lines.join('\n')}\n`
}

/**
 * Plain lines for a terminal: groups as "== name ==" headers, warnings as "warning: …", debug only with
 * --verbose. In a workflow step, the workflow commands instead: groups fold, warnings become annotations.
 */
export function cliLogger(output: Output): Logger {
  if (output.actions) {
    return {
      info: m => output.print(`${m}\n`),
      warning: m => output.print(`::warning::${escapeCommand(m)}\n`),
      debug: m => output.print(output.verbose ? `debug: ${m}\n` : `::debug::${escapeCommand(m)}\n`),
      group: async (name, fn) => {
        output.print(`::group::${escapeCommand(name)}\n`)
        try {
          return await fn()
        } finally {
          output.print('::endgroup::\n')
        }
      },
      mask: s => output.mask(s)
    }
  }
  return {
    info: m => output.print(`${m}\n`),
    warning: m => output.print(`warning: ${m}\n`, 'err'),
    debug: m => {
      if (output.verbose) output.print(`debug: ${m}\n`)
    },
    group: async (name, fn) => {
      output.print(`\n== ${name} ==\n`)
      return fn()
    },
    mask: s => output.mask(s)
  }
}

const bytes = (n: string | number | undefined): string => bytesCell(Number(n))

/**
 * What a finished run reports: the key outputs, one a line. The size tables are not repeated here: the run
 * printed them under "Image size", before the push.
 */
export function resultText(r: Result): string {
  const o = actionOutputs(r)
  const lines: string[] = []
  const row = (name: string, value: string): void =>
    void lines.push(`${`${name}:`.padEnd(19)}${value}`)
  row('digest', String(o.digest))
  if (o['image-ref']) row('image-ref', String(o['image-ref']))
  row('tags', r.pushed ? r.tags.join(', ') : '(not pushed)')
  row('size', `${bytes(o.size)} compressed${r.sizes.length > 1 ? ', the largest platform' : ''}`)
  row('uncompressed-size', bytes(o['uncompressed-size']))
  row('binary-size', bytes(o['binary-size']))
  row('go-version', String(o['go-version']))
  if (o['baseline-size'] !== undefined) {
    row('baseline-size', bytes(o['baseline-size']))
    row('size-delta', `${o['size-delta']} bytes (${o['size-delta-percent']}%)`)
  }
  if (r.ociLayout) row('oci-layout', `${r.ociLayout} (${r.ociReference})`)
  // Several images: the rows above are the first's; each image in one line.
  if (r.images && r.images.length > 1)
    for (const i of r.images) row(`image ${i.name}`, `${i.imageRef || i.digest}, ${bytes(i.size)}`)
  return `${lines.join('\n')}\n`
}

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
