// Property tests of parseConfig as a whole: whatever a workflow puts into any input (one at a time or all at
// once), the only error is an InputError, which names the input; nothing else escapes as a stack trace.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { actionInputs } from '../action-yml.js'
import { parseConfig, type Config } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { inputText, runs, spelt } from './properties.js'

const NAMES = actionInputs().map(i => i.name)
const ENV = { GITHUB_WORKSPACE: '/nonexistent/ws' }
/** Bases the arbitrary value goes into: building only, and pushing with tags (where image and tags count). */
const BASES: Record<string, string>[] = [
  { push: 'false' },
  { image: 'ghcr.io/acme/app', tags: 'v1', compression: 'zstd' }
]

function parse(inputs: Record<string, string>): unknown {
  try {
    return parseConfig(name => inputs[name] ?? '', ENV)
  } catch (e) {
    if (e instanceof InputError) return e
    throw new Error(
      `not an InputError for ${JSON.stringify(inputs)}: ${(e as Error)?.stack ?? String(e)}`
    )
  }
}

describe('parseConfig on arbitrary inputs', () => {
  it.each(NAMES.map(n => [n]))('%s: arbitrary text gives a config or an InputError', name => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), inputText(), (base, value) => {
        parse({ ...base, [name]: value })
      }),
      runs(150)
    )
  })

  it('every input at once', () => {
    const all = fc.record(Object.fromEntries(NAMES.map(n => [n, inputText()])))
    fc.assert(
      fc.property(all, inputs => {
        parse(inputs)
      }),
      runs(300)
    )
  })

  it("an InputError's message starts with the input it is about", () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), inputText(), (name, value) => {
        const got = parse({ push: 'false', [name]: value })
        if (got instanceof InputError) expect(got.message).toMatch(/^[A-Za-z_ ().-]+[:/ ]/)
      }),
      runs(500)
    )
  })
})

describe('parseConfig on valid values', () => {
  it.each<[string, string[], (c: Config) => unknown]>([
    ['builder', ['native', 'docker'], c => c.builder],
    ['media-types', ['oci', 'docker'], c => c.mediaTypes],
    ['package-sizes', ['auto', 'true', 'false'], c => c.packageSizes],
    ['tags-latest', ['auto', 'true', 'false'], c => c.tagFlavor.latest],
    ['summary', ['true', 'false'], c => String(c.summary)],
    ['insecure-registry', ['true', 'false'], c => String(c.insecureRegistry)]
  ])('%s: each value in any case', (name, values, field) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...values).chain(v => fc.tuple(fc.constant(v), spelt(v))),
        ([value, raw]) => {
          expect(field(parseConfig(n => ({ push: 'false', [name]: raw })[n] ?? '', ENV))).toBe(
            value
          )
        }
      ),
      runs(100)
    )
  })
})
