// Reads the command line's arguments: the action's inputs as flags (--name VALUE, --name=VALUE, --flag/--no-flag,
// a repeated list flag), -h and -v, and one positional working directory.
import { OPTIONS, type CliOption } from './options.js'

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
