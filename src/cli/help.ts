// --help: every option with its description and default, in the groups options.ts gives them.
import { toolCacheDir } from '../tool-cache-dir.js'
import { GROUPS, OPTIONS, type CliOption } from './options.js'
import { ENV_DEFAULTS, LOCAL_OCI_LAYOUT } from './local.js'

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
