// Keeps action.yml, the generated docs/inputs.md and docs/outputs.md and the code that reads inputs and sets outputs
// in step: a name in one and not the other, a default that differs, or a missing description fails here.
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

/** Whitespace runs as one space, and the Markdown escapes scripts/action-docs.mjs writes undone. */
const plain = (text: string): string =>
  text
    .replace(/\\([\\`*_<>[\]|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()

/** The sections of a generated page: each `## \`name\`` heading and the text up to the next one. */
function sections(markdown: string): Array<{ name: string; body: string }> {
  const parts = markdown.split(/^## `([^`]+)`$/m)
  const out: Array<{ name: string; body: string }> = []
  for (let i = 1; i < parts.length; i += 2)
    out.push({ name: parts[i]!, body: plain(parts[i + 1]!) })
  return out
}

const inputsPage = sections(read('docs/inputs.md'))
const outputsPage = sections(read('docs/outputs.md'))

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
  it('reads the sections of a generated page, its escapes undone', () => {
    expect(
      sections('# T\n\n## `a`\n\nx \\*\\*/go.sum \\<hex\\>\n\nDefault: `1`.\n## `b`\n')
    ).toEqual([
      { name: 'a', body: 'x **/go.sum <hex> Default: `1`.' },
      { name: 'b', body: '' }
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

describe('docs/inputs.md, docs/outputs.md and action.yml', () => {
  it('documents every input, in the order of action.yml, with its description and default', () => {
    expect(inputsPage.map(p => p.name)).toEqual(Object.keys(inputs))
    for (const { name, body } of inputsPage) {
      const input = inputs[name]!
      expect([name, body]).toEqual([
        name,
        expect.stringContaining(plain(String(input.description)))
      ])
      if (input.default !== undefined)
        expect([name, body]).toEqual([
          name,
          expect.stringContaining(`Default: \`${String(input.default)}\`.`)
        ])
      else expect([name, body]).toEqual([name, expect.not.stringContaining('Default:')])
    }
  })

  it('documents every output, in the order of action.yml, with its description', () => {
    expect(outputsPage.map(p => p.name)).toEqual(Object.keys(outputs))
    for (const { name, body } of outputsPage) {
      expect([name, body]).toEqual([
        name,
        expect.stringContaining(plain(String(outputs[name]!.description)))
      ])
    }
  })
})
