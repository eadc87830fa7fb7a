// The report parser by property (fast-check): any input either parses or is refused with our ReportError, and every
// valid report round-trips through JSON unchanged.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Report } from '../../src/report/report.js'
import { fieldPath, parseReport, ReportError } from '../../src/report/schema.js'
import { BASE_MODULES, BASE_PACKAGES, compared, report } from '../report-samples.js'

const SAMPLE = compared(
  report(
    2_771_234,
    6_603_264,
    [...BASE_PACKAGES, { name: 'encoding/xml', bytes: 262_144 }],
    BASE_MODULES
  ),
  { maxSize: 4_000_000, increase: '5%', failures: ['over'] }
)

/** parseReport's result, or the error it threw if that is ours; anything else fails the property. */
function parseOrOurs(text: string): Report | ReportError {
  try {
    return parseReport(text, 'comment-from: r.json')
  } catch (e) {
    if (!(e instanceof ReportError)) throw e
    expect(e.message.startsWith('comment-from: r.json')).toBe(true)
    return e
  }
}

/** Every path in a JSON document, to a leaf or a subtree. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length ? [at] : []
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))]
  if (v && typeof v === 'object') {
    return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))]
  }
  return here
}

function replaced(doc: unknown, at: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>
  let node = copy
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  node[at[at.length - 1]!] = value
  return copy
}

describe('parseReport, by property', () => {
  it('arbitrary text: parsed, or our error naming the source; never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), s => void parseOrOurs(s)),
      { numRuns: 2000 }
    )
  })

  it('arbitrary JSON: the same', () => {
    fc.assert(
      fc.property(fc.jsonValue(), v => void parseOrOurs(JSON.stringify(v) ?? 'null')),
      { numRuns: 2000 }
    )
  })

  const all = paths(SAMPLE)
  it(`a real report with one of its ${all.length} fields or subtrees replaced by arbitrary JSON: the same, and the field named`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue(), (at, value) => {
        const out = parseOrOurs(JSON.stringify(replaced(SAMPLE, at, value)))
        if (out instanceof ReportError && !/schema version|mediaType/.test(out.message)) {
          // The first issue is at or below the replaced field (or its parent, when a required key went missing).
          expect(out.message).toContain(fieldPath(at.length > 1 ? at.slice(0, -1) : at))
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('valid reports round-trip: what parses is what was written', () => {
    const text = fc.string({ unit: 'binary', maxLength: 80 })
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (strings, numbers) => {
          let s = 0
          let n = 0
          // Strings and byte counts vary; enums, literals and signed deltas keep their meaning.
          const keep = new Set([
            'mediaType',
            'change',
            'method',
            'baselineMethod',
            'packagesMethod'
          ])
          const vary = (v: unknown, key = ''): unknown => {
            if (typeof v === 'string') return keep.has(key) ? v : strings[s++ % strings.length]
            if (typeof v === 'number') {
              return key === 'schemaVersion' || key.startsWith('delta') || key === 'total'
                ? v
                : key === 'pullRequest'
                  ? 1 + numbers[n++ % numbers.length]!
                  : numbers[n++ % numbers.length]
            }
            if (Array.isArray(v)) return v.map(x => vary(x, key))
            if (v && typeof v === 'object') {
              return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, vary(x, k)]))
            }
            return v
          }
          const r = vary(SAMPLE) as Report
          expect(parseReport(JSON.stringify(r), 'r.json')).toEqual(r)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('parseReport, by example', () => {
  it('refuses a report over 4 MiB before parsing it (a baseline report read from a registry, too)', () => {
    const big = JSON.stringify({
      ...SAMPLE,
      tags: Array.from({ length: 500_000 }, (_, i) => `t${i}`)
    })
    expect(Buffer.byteLength(big)).toBeGreaterThan(4 * 1024 * 1024)
    expect(() => parseReport(big, 'the report of r:main')).toThrow(
      /^the report of r:main is \d+ bytes, more than the 4194304 a size report can be\./
    )
  })
})

describe('fieldPath', () => {
  it('writes a path as a reader would', () => {
    expect(fieldPath(['comparison', 'packages', 'packages', 3, 'delta'])).toBe(
      'comparison.packages.packages[3].delta'
    )
    expect(fieldPath([0, 'a'])).toBe('[0].a')
    expect(fieldPath([])).toBe('')
  })
})
