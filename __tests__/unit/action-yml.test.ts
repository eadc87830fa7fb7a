// Keeps action.yml, the README's Inputs and Outputs tables and the code that reads inputs and sets outputs in step:
// a name in one and not the other, a default that differs, or a missing description fails here.
// (npm run lint:action validates action.yml against schemas/github-action.json as well.)
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { actionMetadata } from '../action-yml.js'

const root = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url))
const read = (rel: string): string => readFileSync(root(rel), 'utf8')

const action = actionMetadata()
const inputs = action.inputs ?? {}
const outputs = action.outputs ?? {}
const readme = read('README.md')

/** Splits a Markdown table row into its cells, leaving escaped pipes (\|) inside a cell. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).map(c => c.trim().replace(/\\\|/g, '|'))
}

/** The rows of the first table after the `## heading`, header and separator dropped. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n')
  const at = lines.findIndex(l => l.trim() === `## ${heading}`)
  if (at < 0) throw new Error(`README has no "## ${heading}" section`)
  const rows: string[][] = []
  let i = at + 1
  while (i < lines.length && !lines[i]!.trim().startsWith('|')) {
    if (/^#{1,2} /.test(lines[i]!)) throw new Error(`"## ${heading}" has no table`)
    i++
  }
  for (; i < lines.length && lines[i]!.trim().startsWith('|'); i++) rows.push(cells(lines[i]!))
  if (rows.length < 2 || !rows[1]!.every(c => /^:?-+:?$/.test(c))) {
    throw new Error(`"## ${heading}" table has no header separator`)
  }
  return rows.slice(2)
}

/** The `code` names in a row's first cell: "`a`, `b`" gives [a, b]. */
function namesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1]!)
}

/** A default as written: backticks, surrounding quotes and blanks removed. */
function normalise(value: string): string {
  let v = value.trim()
  for (;;) {
    const m = /^`([^`]*)`$/.exec(v) ?? /^'(.*)'$/.exec(v) ?? /^"(.*)"$/.exec(v)
    if (!m) return v
    v = m[1]!.trim()
  }
}

/** A literal default is one code span (`go.mod`); prose such as "from the Git ref" or "none" is not. */
function literal(cell: string): string | undefined {
  return /^`[^`]+`$/.test(cell.trim()) ? normalise(cell) : undefined
}

/** Splits "a, b" at top-level commas (not inside backticks or brackets). */
function splitTopLevel(cell: string): string[] {
  const parts: string[] = []
  let depth = 0
  let code = false
  let start = 0
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]
    if (c === '`') code = !code
    else if (!code && (c === '[' || c === '(' || c === '{')) depth++
    else if (!code && (c === ']' || c === ')' || c === '}')) depth--
    else if (!code && depth === 0 && c === ',') {
      parts.push(cell.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(cell.slice(start).trim())
  return parts
}

interface ReadmeRow {
  name: string
  /** The default cell for this name: its own part of "x, y" when the row lists one per name. */
  default: string
}

function readmeRows(heading: string): ReadmeRow[] {
  const out: ReadmeRow[] = []
  for (const row of tableAfter(readme, heading)) {
    const names = namesIn(row[0] ?? '')
    if (names.length === 0)
      throw new Error(`${heading} row without a \`name\`: | ${row.join(' | ')} |`)
    const cell = row[2] ?? ''
    const parts = splitTopLevel(cell)
    names.forEach((name, i) =>
      out.push({ name, default: parts.length === names.length ? parts[i]! : cell })
    )
  }
  return out
}

const readmeInputs = readmeRows('Inputs')
const readmeOutputs = readmeRows('Outputs')

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort()
const missingFrom = (want: Iterable<string>, have: Iterable<string>): string[] => {
  const h = new Set(have)
  return sorted([...want].filter(x => !h.has(x)))
}

/**
 * Input names the code reads: get('x') and parseBoolean(get, 'x') in config.ts (and config-matrix.ts, which parses
 * the scale-out inputs for it), core.getInput('x') in main.ts.
 */
function inputsReadByCode(): string[] {
  const config = read('src/config.ts') + read('src/config-matrix.ts')
  const main = read('src/main.ts')
  const names = [
    ...[...config.matchAll(/\bget\(\s*(['"])([^'"]+)\1/g)].map(m => m[2]!),
    ...[...config.matchAll(/\bparse\w*\(\s*get\s*,\s*(['"])([^'"]+)\1/g)].map(m => m[2]!),
    ...[...main.matchAll(/\bcore\.get\w*Input\(\s*(['"])([^'"]+)\1/g)].map(m => m[2]!)
  ]
  return sorted(names)
}

/** The body of the object literal that starts at text[open] === '{', without its braces. */
function objectBody(text: string, open: number): string {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i)
  }
  throw new Error('unbalanced object literal')
}

/** The keys at the top level of an object literal body ('a-b': x, c: y, d, ...spread). */
function topLevelKeys(body: string): string[] {
  const keys: string[] = []
  let depth = 0
  let start = 0
  const take = (seg: string): void => {
    const m = /^\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z_$][\w$]*))\s*(?::|$)/.exec(seg)
    if (m && !seg.trim().startsWith('...')) keys.push(m[1] ?? m[2] ?? m[3]!)
  }
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if ('{[('.includes(c!)) depth++
    else if ('}])'.includes(c!)) depth--
    else if (c === ',' && depth === 0) {
      take(body.slice(start, i))
      start = i + 1
    }
  }
  take(body.slice(start))
  return keys
}

/**
 * Files that set the action's outputs: src/main.ts, and the modules it imports a name with "Output" in from
 * (the outputs object may be built there, e.g. src/edge.ts's actionOutputs).
 */
function outputSources(): Array<{ file: string; text: string }> {
  const main = read('src/main.ts')
  const files = ['src/main.ts']
  for (const m of main.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(\.\/[^']+)\.js'/g)) {
    if (/output/i.test(m[1]!)) files.push(`src/${m[2]!.slice(2)}.ts`)
  }
  return files.filter(f => existsSync(root(f))).map(file => ({ file, text: read(file) }))
}

/** Output names the code sets: setOutput('x'), the keys of an `outputs` object, outputs['x'] = and outputs.x =. */
function outputsSetByCode(): string[] {
  const names: string[] = []
  for (const { text } of outputSources()) {
    for (const m of text.matchAll(/\bsetOutput\(\s*(['"])([^'"]+)\1/g)) names.push(m[2]!)
    for (const m of text.matchAll(/\b(?:const|let)\s+outputs\b[^=]*=\s*\{/g)) {
      names.push(...topLevelKeys(objectBody(text, m.index! + m[0].length - 1)))
    }
    for (const m of text.matchAll(/\boutputs\[\s*(['"])([^'"]+)\1\s*\]\s*=[^=]/g)) names.push(m[2]!)
    for (const m of text.matchAll(/\boutputs\.([A-Za-z_$][\w$]*)\s*=[^=]/g)) names.push(m[1]!)
  }
  return sorted(names)
}

describe('helpers', () => {
  it('splits table rows, names and defaults', () => {
    expect(cells('| `a`, `b` | x \\| y | `1`, none |')).toEqual(['`a`, `b`', 'x | y', '`1`, none'])
    expect(namesIn('`registry-username`, `registry-password`')).toEqual([
      'registry-username',
      'registry-password'
    ])
    expect(splitTopLevel('`["/<binary-name>", "x"]`, none')).toEqual([
      '`["/<binary-name>", "x"]`',
      'none'
    ])
    expect(normalise(" `'false'` ")).toBe('false')
    expect(normalise('"true"')).toBe('true')
    expect(literal('`go.mod`')).toBe('go.mod')
    expect(literal('from `go-version-file`')).toBeUndefined()
    expect(literal('none')).toBeUndefined()
    expect(topLevelKeys(` a: 1, 'b-c': f(x, y), "d": { e: 1 }, g, ...h `)).toEqual([
      'a',
      'b-c',
      'd',
      'g'
    ])
  })
})

describe('action.yml', () => {
  it('runs on node24 with the bundle as main and post', () => {
    expect(action.runs?.using).toBe('node24')
    expect(action.runs?.main).toBe('dist/index.js')
  })

  it('has a name, a description and branding', () => {
    expect(typeof action.name === 'string' && action.name.trim()).toBeTruthy()
    expect(typeof action.description === 'string' && action.description.trim()).toBeTruthy()
    expect(typeof action.branding?.icon === 'string' && action.branding.icon).toBeTruthy()
    expect(typeof action.branding?.color === 'string' && action.branding.color).toBeTruthy()
  })

  it('describes every input and output', () => {
    const undescribed = (xs: Record<string, { description?: unknown }>): string[] =>
      Object.entries(xs)
        .filter(([, v]) => typeof v?.description !== 'string' || v.description.trim() === '')
        .map(([k]) => k)
    expect(Object.keys(inputs).length).toBeGreaterThan(0)
    expect(Object.keys(outputs).length).toBeGreaterThan(0)
    expect(undescribed(inputs)).toEqual([])
    expect(undescribed(outputs)).toEqual([])
  })

  it('gives defaults as strings, and no default to a required input', () => {
    for (const [name, input] of Object.entries(inputs)) {
      if (input.default !== undefined)
        expect([name, typeof input.default]).toEqual([name, 'string'])
      if (input.required === true) expect([name, input.default]).toEqual([name, undefined])
    }
  })
})

describe('action.yml and the code', () => {
  it('declares every input the code reads, and the code reads every declared input', () => {
    const used = inputsReadByCode()
    expect(used.length).toBeGreaterThan(10)
    expect({ undeclared: missingFrom(used, Object.keys(inputs)) }).toEqual({ undeclared: [] })
    expect({ unread: missingFrom(Object.keys(inputs), used) }).toEqual({ unread: [] })
  })

  it('declares every output the code sets, and the code sets every declared output', () => {
    const set = outputsSetByCode()
    for (const name of ['baseline-size', 'size-delta', 'size-delta-percent', 'metadata']) {
      expect(set).toContain(name)
    }
    expect({ undeclared: missingFrom(set, Object.keys(outputs)) }).toEqual({ undeclared: [] })
    expect({ neverSet: missingFrom(Object.keys(outputs), set) }).toEqual({ neverSet: [] })
  })
})

describe('README and action.yml', () => {
  it('lists every input in the Inputs table, and only those', () => {
    const names = readmeInputs.map(r => r.name)
    expect({ duplicated: sorted(names.filter((n, i) => names.indexOf(n) !== i)) }).toEqual({
      duplicated: []
    })
    expect({ notInReadme: missingFrom(Object.keys(inputs), names) }).toEqual({ notInReadme: [] })
    expect({ notInActionYml: missingFrom(names, Object.keys(inputs)) }).toEqual({
      notInActionYml: []
    })
  })

  it('lists every output in the Outputs table, and only those', () => {
    const names = readmeOutputs.map(r => r.name)
    expect({ duplicated: sorted(names.filter((n, i) => names.indexOf(n) !== i)) }).toEqual({
      duplicated: []
    })
    expect({ notInReadme: missingFrom(Object.keys(outputs), names) }).toEqual({ notInReadme: [] })
    expect({ notInActionYml: missingFrom(names, Object.keys(outputs)) }).toEqual({
      notInActionYml: []
    })
  })

  it('gives the same defaults', () => {
    const differ: string[] = []
    for (const row of readmeInputs) {
      const input = inputs[row.name]
      if (!input) continue
      const yml = input.default === undefined ? undefined : normalise(String(input.default))
      const md = literal(row.default)
      // action.yml's default must be shown; a literal README default needs one in action.yml, unless it is
      // worked out at run time (a <placeholder>, such as ["/<binary-name>"]).
      if (yml !== undefined && yml !== '' && md !== yml) {
        differ.push(`${row.name}: action.yml '${yml}', README '${row.default}'`)
      } else if (yml === undefined && md !== undefined && !md.includes('<')) {
        differ.push(`${row.name}: README '${row.default}', action.yml none`)
      }
    }
    expect(differ).toEqual([])
  })
})
