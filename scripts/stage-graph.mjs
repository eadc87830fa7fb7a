#!/usr/bin/env node
// Draws the stage table (src/pipeline/stages.ts) into docs/architecture.md, between its two markers: a Mermaid
// graph of each mode, which GitHub renders, and the rows with the reason for every edge that carries no data.
// `npm run bundle` runs it, and `--check` (scripts/check-dist.sh, a unit test) only reports a stale page.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TABLE = path.join(root, 'src', 'pipeline', 'stages.ts')
const PAGE = path.join(root, 'docs', 'architecture.md')
const BEGIN =
  '<!-- The stage graph: written by scripts/stage-graph.mjs from src/pipeline/stages.ts. -->'
const END = '<!-- End of the stage graph. -->'

/** What each part of the action is, for the graph's boxes: a part that is off leaves its stages out. */
const PARTS = {
  cgo: 'cgo (cgo: static or dynamic)',
  debug: 'debug (debug: true)',
  sbom: 'SBOM (sbom: spdx or cyclonedx)',
  provenance: 'provenance (provenance: auto or true)',
  compare: 'compare-to',
  comment: 'comment: true',
  native: 'builder: native',
  docker: 'builder: docker',
  layout: 'oci-layout',
  load: 'load: true',
  vulns: 'known vulnerabilities (vulnerabilities: report or fail)'
}

/** The table module: it imports nothing, so its JavaScript runs alone. */
async function tables() {
  const { outputText } = ts.transpileModule(await readFile(TABLE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  })
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`)
}

/**
 * A Mermaid flowchart of a table: a box per part, needs as arrows, after as dotted arrows. Each id is the stage's
 * name behind a prefix, so that no name can be one of Mermaid's words (end) or start an edge's marker (o, x).
 */
function mermaid(table) {
  const lines = ['```mermaid', 'flowchart TD']
  const id = name => `s_${name}`
  const node = (name, row) =>
    row.per === 'run' ? `${id(name)}(["${name}"])` : `${id(name)}["${name}"]`
  const groups = new Map()
  for (const [name, row] of Object.entries(table)) {
    const group = row.monorepo ? 'monorepo' : (row.part ?? '')
    if (!groups.has(group)) groups.set(group, [])
    groups.get(group).push(node(name, row))
  }
  for (const [group, nodes] of groups) {
    if (!group) lines.push(...nodes.map(n => `  ${n}`))
    else {
      const label = group === 'monorepo' ? 'a monorepo only' : PARTS[group]
      lines.push(`  subgraph ${group}_part ["${label}"]`, ...nodes.map(n => `    ${n}`), '  end')
    }
  }
  for (const [name, row] of Object.entries(table)) {
    for (const n of row.needs) lines.push(`  ${id(n)} --> ${id(name)}`)
    for (const n of Object.keys(row.after ?? {})) lines.push(`  ${id(n)} -.-> ${id(name)}`)
  }
  lines.push('```')
  return lines
}

const code = names => names.map(n => `\`${n}\``).join(', ')

/** The rows as a Markdown table: each edge that carries no data with its reason, and what a monorepo adds. */
function rows(table) {
  const out = [
    '| stage | needs | after, and why | part | in a monorepo |',
    '| --- | --- | --- | --- | --- |'
  ]
  for (const [name, row] of Object.entries(table)) {
    const after = Object.entries(row.after ?? {}).map(([n, why]) => `\`${n}\`: ${why}`)
    const images = row.images ?? {}
    const mono = [
      row.per === 'run' ? 'once for the run' : row.monorepo ? 'its own, once' : '',
      images.inTurn ? `after the image before's: ${images.inTurn}` : '',
      ...Object.entries(images.afterEvery ?? {}).map(([n]) => `after every image's \`${n}\``),
      ...Object.entries(images.allOrNone ?? {}).map(
        ([n, why]) => `takes every image's \`${n}\`: ${why}`
      ),
      images.doneBefore ? `a failure names the images already ${images.doneBefore}` : ''
    ].filter(Boolean)
    out.push(
      `| \`${name}\` | ${code(row.needs)} | ${after.join('; ')} | ${row.part ?? ''} | ${mono.join('; ')} |`
    )
  }
  return out
}

/** The generated part of the page. */
export async function section() {
  const { BUILD, MERGE } = await tables()
  return [
    BEGIN,
    '',
    'Arrows are `needs` (the stage takes that output); dotted arrows are `after` (ordering only). Rounded stages',
    "run once for the whole run; a box holds a part's stages, left out of the graph when the part is off.",
    '',
    '### BUILD: one image, and each image of a monorepo',
    '',
    ...mermaid(BUILD),
    '',
    '### MERGE: merge-digests',
    '',
    ...mermaid(MERGE),
    '',
    '### The rows of BUILD',
    '',
    ...rows(BUILD),
    '',
    '### The rows of MERGE',
    '',
    ...rows(MERGE),
    '',
    END
  ].join('\n')
}

/** The page with its generated part replaced, formatted as the repository's Markdown is. */
export async function render(page) {
  const begin = page.indexOf(BEGIN)
  const end = page.indexOf(END)
  if (begin < 0 || end < begin)
    throw new Error(`${path.relative(root, PAGE)} lacks the markers ${BEGIN} and ${END}.`)
  const text = page.slice(0, begin) + (await section()) + page.slice(end + END.length)
  const options = (await prettier.resolveConfig(PAGE)) ?? {}
  return prettier.format(text, { ...options, filepath: PAGE })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const have = await readFile(PAGE, 'utf8')
  const want = await render(have)
  if (have !== want) {
    if (process.argv.includes('--check')) {
      console.error(
        `${path.relative(root, PAGE)} is stale: run node scripts/stage-graph.mjs and commit it.`
      )
      process.exit(1)
    }
    await writeFile(PAGE, want)
  }
}
