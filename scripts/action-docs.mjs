#!/usr/bin/env node
// Writes docs/inputs.md and docs/outputs.md from action.yml, so the reference pages say word for word what the
// action declares; `npm run bundle` runs it, and `--check` (scripts/check-dist.sh) only reports a stale page.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const WIDTH = 120

/** Where the docs explain an input or output at length; a name not listed here gets no "More" line. */
const MORE = {
  'go-version': ['go.md#go-versions', 'Go versions'],
  'go-version-file': ['go.md#go-versions', 'Go versions'],
  'go-download-base-url': ['go.md#installing-go', 'installing Go'],
  'check-latest': ['go.md#installing-go', 'installing Go'],
  cache: ['go.md#gos-caches', "Go's caches"],
  'cache-dependency-path': ['go.md#gos-caches', "Go's caches"],
  package: ['workflows.md#monorepo-one-image-per-command', 'monorepos'],
  ldflags: ['go.md#building', 'building'],
  'build-env': ['private-modules.md', 'private modules'],
  cgo: ['cgo-and-debug.md', 'cgo and debug images'],
  vulnerabilities: ['vulnerabilities.md', 'known vulnerabilities'],
  'vuln-db': ['vulnerabilities.md#inputs', 'known vulnerabilities'],
  'vuln-allow': ['vulnerabilities.md#inputs', 'known vulnerabilities'],
  cc: ['cgo-and-debug.md', 'cgo and debug images'],
  'cgo-sysroot': ['cgo-and-debug.md', 'cgo and debug images'],
  debug: ['cgo-and-debug.md#debug-images', 'debug images'],
  'debug-busybox': ['cgo-and-debug.md#debug-images', 'debug images'],
  zoneinfo: ['image.md#layers', 'what the image holds'],
  'ca-certificates': ['image.md#layers', 'what the image holds'],
  'extra-ca-certificates': ['image.md#layers', 'what the image holds'],
  files: ['image.md#files', 'the files input'],
  labels: ['image.md#labels-and-annotations', 'labels'],
  builder: ['image.md#the-dockerfile-and-builder-docker', 'the Dockerfile'],
  image: ['workflows.md#several-registries', 'several registries'],
  tags: ['tags.md', 'tags'],
  'tags-latest': ['tags.md', 'tags'],
  'tags-prefix': ['tags.md', 'tags'],
  'tags-suffix': ['tags.md', 'tags'],
  'push-by-digest': [
    'workflows.md#platforms-on-separate-runners-merged-by-digest',
    'matrix with merge'
  ],
  'merge-digests': [
    'workflows.md#platforms-on-separate-runners-merged-by-digest',
    'matrix with merge'
  ],
  compression: ['compatibility.md#zstd-layers', 'zstd layers'],
  'compression-level': ['compatibility.md#zstd-layers', 'codecs and levels'],
  'registry-username': ['registries.md#credentials', 'registry credentials'],
  'registry-password': ['registries.md#credentials', 'registry credentials'],
  'insecure-registry': ['registries.md#tls-and-private-cas', 'TLS and private CAs'],
  'registry-ca-file': ['registries.md#tls-and-private-cas', 'TLS and private CAs'],
  'registry-timeout': ['registries.md#time-limits', 'time limits'],
  'max-size': ['size-report.md#budgets', 'budgets'],
  'compare-to': ['size-report.md#budgets', 'budgets'],
  'max-size-increase': ['size-report.md#budgets', 'budgets'],
  'package-sizes': ['size-report.md#go-packages', 'Go packages'],
  comment: ['size-report.md#the-pull-request-comment', 'the pull request comment'],
  'comment-from': ['workflows.md#fork-safe-pull-request-comment', 'the fork-safe comment'],
  sbom: ['supply-chain.md#the-sbom', 'the SBOM'],
  provenance: ['supply-chain.md#signed-provenance', 'signed provenance'],
  report: ['size-report.md#the-report-file', 'the report file'],
  'package-deltas': ['size-report.md#go-packages', 'Go packages'],
  images: ['workflows.md#monorepo-one-image-per-command', 'monorepos'],
  'digest-file': [
    'workflows.md#platforms-on-separate-runners-merged-by-digest',
    'matrix with merge'
  ],
  'attestation-id': ['supply-chain.md#signed-provenance', 'signed provenance'],
  'attestation-url': ['supply-chain.md#signed-provenance', 'signed provenance']
}

// Markdown would read these characters of action.yml's plain text as markup: <hex> as a tag, two stars as bold.
export const escapeMarkdown = text => text.replace(/[\\`*_<>[\]|]/g, '\\$&')

/** Words joined into lines of at most WIDTH characters. */
function wrap(text) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/** One page: the heading, what it is for, an index of the names, then a section per name in action.yml's order. */
function page(kind, entries) {
  const title = kind === 'inputs' ? 'Inputs' : 'Outputs'
  const lines = [
    `# ${title}`,
    '',
    ...wrap(
      kind === 'inputs'
        ? 'What each input of the action means and its default, for `with:` in a workflow step (the command line ' +
            'takes the same names as flags: `npx go-scratch-image --help`).'
        : 'What each output of the action holds, for `${{ steps.ID.outputs.NAME }}` in later steps.'
    ),
    '',
    ...wrap(
      'Generated from `action.yml` by `scripts/action-docs.mjs` (`npm run bundle` runs it, and the dist check fails ' +
        'on a stale page): edit `action.yml`, not this file.'
    ),
    '',
    ...wrap(entries.map(([name]) => `[\`${name}\`](#${name})`).join(' · ')),
    ''
  ]
  for (const [name, entry] of entries) {
    lines.push(
      `## \`${name}\``,
      '',
      ...wrap(escapeMarkdown(String(entry?.description ?? '').trim())),
      ''
    )
    const facts = []
    if (entry?.required === true) facts.push('Required.')
    if (entry?.default !== undefined) facts.push(`Default: \`${String(entry.default)}\`.`)
    const more = MORE[name]
    if (more) facts.push(`More: [${more[1]}](${more[0]}).`)
    if (facts.length) lines.push(...wrap(facts.join(' ')), '')
  }
  return lines.join('\n')
}

/** The two pages for an action.yml text, formatted as the repository's Markdown is (prettier --check passes). */
export async function render(actionYml) {
  const action = parse(actionYml) ?? {}
  const out = {}
  for (const kind of ['inputs', 'outputs']) {
    const file = path.join(root, 'docs', `${kind}.md`)
    const options = (await prettier.resolveConfig(file)) ?? {}
    out[file] = await prettier.format(page(kind, Object.entries(action[kind] ?? {})), {
      ...options,
      filepath: file
    })
  }
  return out
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = await render(await readFile(path.join(root, 'action.yml'), 'utf8'))
  let stale = false
  for (const [file, want] of Object.entries(pages)) {
    const have = await readFile(file, 'utf8').catch(() => '')
    if (have === want) continue
    if (process.argv.includes('--check')) {
      console.error(
        `${path.relative(root, file)} is stale: run node scripts/action-docs.mjs and commit it.`
      )
      stale = true
    } else await writeFile(file, want)
  }
  if (stale) process.exit(1)
}
