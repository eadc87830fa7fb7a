// fast-check arbitraries and checks for the property tests of the input parsers: text as a workflow could hold it.
import { expect } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../../src/ports.js'

/** Characters the parsers give meaning to, so generated text reaches their deeper branches. */
const SYNTAX = [
  ...'ab0129:/=,.-_@%#{}[]"\'\\ \t\n\r*+~^<>|$!?vV',
  '{{',
  '}}',
  '...',
  'sha256:',
  'linux/',
  // Names every object has: a lookup table indexed with user text must not find them.
  '__proto__',
  'constructor',
  'toString'
]

/**
 * Text for an input: any Unicode (lone surrogates and control characters included), or the characters
 * the parsers split and match on, or a valid-looking word with a twist.
 */
export function inputText(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...SYNTAX), maxLength }),
    fc.constantFrom(
      'true',
      'FALSE',
      ' read ',
      'max',
      'zstd',
      'gzip',
      'linux/arm/v7',
      '0',
      '-1',
      '1e3',
      '12MiB',
      '__proto__',
      'constructor',
      'linux/constructor',
      'constructor=1',
      '__proto__=x',
      'type=raw,__proto__=x'
    )
  )
}

/** How many cases a property tries: n, or GSI_FC_RUNS for a long hunt (GSI_FC_RUNS=20000 npm run test:unit). */
export const runs = (n = 300): { numRuns: number } => ({
  numRuns: Number(process.env.GSI_FC_RUNS) || n
})

/** What fn returns, or the InputError it throws; any other error fails the property with its stack. */
export function attempt<T>(fn: () => T): T | InputError {
  try {
    return fn()
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
}

/** Arbitrary text never gets anything but a value or an InputError out of parse. */
export function onlyInputErrors(parse: (raw: string) => unknown, n?: number): void {
  fc.assert(
    fc.property(inputText(), raw => void attempt(() => parse(raw))),
    runs(n)
  )
}

/** The same word in another case, with blanks around it, as a workflow may write it. */
export function spelt(word: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }),
      fc.constantFrom('', ' ', '\t', '\n', ' \n')
    )
    .map(([upper, pad]) => {
      const cased = [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')
      return `${pad}${cased}${pad}`
    })
}

/** parse takes each value of a closed set in any case and with blanks, and refuses anything else. */
export function enumeration(parse: (raw: string) => unknown, values: string[]): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...values).chain(v => fc.tuple(fc.constant(v), spelt(v))),
      ([value, raw]) => {
        expect(parse(raw)).toBe(value)
      }
    ),
    runs(200)
  )
  fc.assert(
    fc.property(inputText(), raw => {
      const got = attempt(() => parse(raw))
      if (!(got instanceof InputError)) expect([...values, true, false]).toContain(got)
    }),
    runs()
  )
}
