#!/usr/bin/env node
// Writes src/cli/options.generated.ts from action.yml, so the command line's --help says word for word what the
// action's inputs say; `npm run bundle` runs it before compiling, and `--check` only reports a stale file.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ACTION_YML = path.join(root, 'action.yml')
const OUT = path.join(root, 'src', 'cli', 'options.generated.ts')

/** The TypeScript module for an action.yml text: its inputs in file order, descriptions and defaults as strings. */
export async function render(actionYml) {
  const inputs = Object.entries(parse(actionYml)?.inputs ?? {}).map(([name, i]) => ({
    name,
    description: String(i?.description ?? ''),
    ...(i?.default === undefined ? {} : { default: String(i.default) })
  }))
  const source = [
    '// Generated from action.yml by scripts/cli-options.mjs (npm run cli-options; npm run bundle runs it too).',
    '// Do not edit: change action.yml and run it again. src/cli/options.ts adds what only the command line needs.',
    '',
    '/** The inputs of action.yml in file order, with their descriptions and defaults word for word. */',
    `export const ACTION_INPUTS: readonly { name: string; description: string; default?: string }[] = ${JSON.stringify(inputs)}`,
    ''
  ].join('\n')
  // Formatted as the repository's own files are, so `prettier --check .` passes on the generated file too.
  const options = (await prettier.resolveConfig(OUT)) ?? {}
  return prettier.format(source, { ...options, filepath: OUT })
}

const want = await render(await readFile(ACTION_YML, 'utf8'))
const have = await readFile(OUT, 'utf8').catch(() => '')
if (process.argv.includes('--check')) {
  if (have !== want) {
    console.error(`${path.relative(root, OUT)} is stale: run npm run cli-options and commit it.`)
    process.exit(1)
  }
} else if (have !== want) {
  await writeFile(OUT, want)
}
