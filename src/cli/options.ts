// The command line's options: one per input of action.yml, grouped for --help. Names, descriptions and defaults
// come from action.yml through src/cli-options.generated.ts (npm run cli-options); this file adds the rest.
import { ACTION_INPUTS } from './options.generated.js'

/** The --help sections, in the order they are printed. */
export const GROUPS = {
  go: 'Go',
  build: 'Build',
  contents: 'Image contents',
  config: 'Image config',
  publishing: 'Publishing',
  size: 'Size'
} as const

export type Group = keyof typeof GROUPS

export interface CliOption {
  /** The input's name in action.yml, and the flag's: --NAME. */
  name: string
  group: Group
  /**
   * boolean: --NAME, --no-NAME or --NAME=true|false; list: may be repeated, the values joined with newlines (as
   * a multi-line input); string: one value.
   */
  kind: 'string' | 'boolean' | 'list'
  /** action.yml's description, word for word (generated). */
  description: string
  /** action.yml's default, word for word (generated). */
  default?: string
  /** Where the command line's default differs from the action's, what it is instead. */
  local?: string
}

/** What only the command line knows of an input: its --help group, how its flag takes values, a local default. */
export type CliOnly = Pick<CliOption, 'group' | 'kind' | 'local'>

/** One entry per input of action.yml, by name (a unit test keeps the names equal). */
export const CLI_ONLY: Readonly<Record<string, CliOnly>> = {
  'go-version': { group: 'go', kind: 'string' },
  'go-version-file': { group: 'go', kind: 'string' },
  'go-download-base-url': { group: 'go', kind: 'string' },
  'check-latest': { group: 'go', kind: 'boolean' },
  cache: {
    group: 'go',
    kind: 'boolean',
    local: "false, as there is no Actions cache here (Go's own caches under ~/.cache still apply)"
  },
  'working-directory': {
    group: 'build',
    kind: 'string',
    local: 'the positional argument, else .'
  },
  package: { group: 'build', kind: 'list' },
  'binary-name': { group: 'build', kind: 'string' },
  platforms: { group: 'build', kind: 'list' },
  ldflags: { group: 'build', kind: 'string' },
  'build-tags': { group: 'build', kind: 'string' },
  'build-flags': { group: 'build', kind: 'string' },
  'build-env': { group: 'build', kind: 'list' },
  'cache-dependency-path': { group: 'go', kind: 'list' },
  cgo: { group: 'build', kind: 'string' },
  cc: { group: 'build', kind: 'list' },
  'cgo-sysroot': { group: 'build', kind: 'list' },
  debug: { group: 'publishing', kind: 'boolean' },
  'debug-busybox': { group: 'publishing', kind: 'string' },
  zoneinfo: { group: 'contents', kind: 'list' },
  'ca-certificates': { group: 'contents', kind: 'string' },
  'extra-ca-certificates': { group: 'contents', kind: 'list' },
  files: { group: 'contents', kind: 'list' },
  user: { group: 'config', kind: 'string' },
  workdir: { group: 'config', kind: 'string' },
  env: { group: 'config', kind: 'list' },
  expose: { group: 'config', kind: 'list' },
  entrypoint: { group: 'config', kind: 'string' },
  args: { group: 'config', kind: 'string' },
  labels: { group: 'config', kind: 'list' },
  builder: { group: 'build', kind: 'string' },
  image: { group: 'publishing', kind: 'list' },
  tags: { group: 'publishing', kind: 'list' },
  'tags-latest': { group: 'publishing', kind: 'string' },
  'tags-prefix': { group: 'publishing', kind: 'string' },
  'tags-suffix': { group: 'publishing', kind: 'string' },
  'push-by-digest': { group: 'publishing', kind: 'boolean' },
  'merge-digests': { group: 'publishing', kind: 'list' },
  push: {
    group: 'publishing',
    kind: 'boolean',
    local: 'true with --image, else false and the image goes to ./oci-layout'
  },
  load: { group: 'publishing', kind: 'boolean' },
  'media-types': { group: 'publishing', kind: 'string' },
  compression: { group: 'publishing', kind: 'string' },
  'compression-level': { group: 'publishing', kind: 'string' },
  'oci-layout': {
    group: 'publishing',
    kind: 'string',
    local: './oci-layout when neither --image nor --push is given'
  },
  'insecure-registry': { group: 'publishing', kind: 'boolean' },
  'registry-ca-file': { group: 'publishing', kind: 'string' },
  'registry-timeout': { group: 'publishing', kind: 'string' },
  'registry-username': { group: 'publishing', kind: 'string' },
  'registry-password': { group: 'publishing', kind: 'string' },
  sbom: { group: 'publishing', kind: 'string' },
  provenance: { group: 'publishing', kind: 'string' },
  'source-date-epoch': { group: 'config', kind: 'string' },
  'max-size': { group: 'size', kind: 'string' },
  'compare-to': { group: 'size', kind: 'string' },
  'max-size-increase': { group: 'size', kind: 'string' },
  'package-sizes': { group: 'size', kind: 'string' },
  summary: {
    group: 'size',
    kind: 'boolean',
    local: 'none here: no job summary, the size table is printed instead'
  },
  vulnerabilities: { group: 'size', kind: 'string' },
  'vuln-db': { group: 'size', kind: 'string' },
  'vuln-allow': { group: 'size', kind: 'list' },
  comment: { group: 'size', kind: 'boolean' },
  'github-token': { group: 'size', kind: 'string', local: 'empty' },
  'comment-from': { group: 'size', kind: 'string' }
}

/** An input added to action.yml before it has an entry above still gets a flag; the unit test asks for one. */
const FALLBACK: CliOnly = { group: 'build', kind: 'string' }

export const OPTIONS: readonly CliOption[] = ACTION_INPUTS.map(input => ({
  ...input,
  ...(CLI_ONLY[input.name] ?? FALLBACK)
}))
