// source-date-epoch and SOURCE_DATE_EPOCH: whole seconds from 0 to 253402300799 (year 9999), milliseconds
// recognised, each refusal naming where the value came from.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { MAX_EPOCH, parseSourceDateEpoch } from '../../src/source-date-epoch.js'

const NOW = Math.floor(Date.now() / 1000)

/** The epoch parseConfig reads, from the input or from the environment variable. */
function fromConfig(source: 'input' | 'env', raw: string): number | undefined {
  const inputs: Record<string, string> = { image: 'a/b', 'source-date-epoch': '' }
  const env: Record<string, string> = { GITHUB_WORKSPACE: '/ws' }
  if (source === 'input') inputs['source-date-epoch'] = raw
  else env.SOURCE_DATE_EPOCH = raw
  return parseConfig(name => inputs[name] ?? '', env).sourceDateEpoch
}

const NAMES = { input: 'source-date-epoch', env: 'SOURCE_DATE_EPOCH (environment variable)' }
const RANGE = 'from 0 to 253402300799 (9999-12-31T23:59:59Z)'

describe.each<['input' | 'env']>([['input'], ['env']])('from the %s', source => {
  const name = NAMES[source]
  it.each<[string, string, number]>([
    ['0', '0', 0],
    ['now', String(NOW), NOW],
    ['the last second of 9999', '253402300799', MAX_EPOCH],
    ['whitespace around it', ' \t1700000000\n', 1700000000],
    ['leading zeros', '0001700000000', 1700000000]
  ])('takes %s', (_case, raw, seconds) => {
    expect(fromConfig(source, raw)).toBe(seconds)
  })

  it.each<[string, string, string]>([
    [
      'milliseconds (date +%s%3N)',
      '1700000000123',
      `${name}: '1700000000123' looks like milliseconds (13 digits, as date +%s%3N prints), and a source date ` +
        'epoch is in seconds. Use 1700000000 (the value divided by 1000: 2023-11-14T22:13:20Z).'
    ],
    [
      'now in milliseconds',
      `${NOW}000`,
      `looks like milliseconds (13 digits, as date +%s%3N prints), and a source date epoch is in seconds. Use ${NOW} (`
    ],
    [
      'the first second of year 10000',
      '253402300800',
      `${name}: '253402300800' is after 9999-12-31T23:59:59Z, the last date an image's created field can hold. ` +
        `Use whole seconds since 1970-01-01T00:00:00Z, ${RANGE}; if it is milliseconds, 253402300 (the value divided by 1000).`
    ],
    [
      'nanoseconds',
      '1700000000000000000',
      `${name}: '1700000000000000000' is after 9999-12-31T23:59:59Z, the last date an image's created field can hold. ` +
        `Use whole seconds since 1970-01-01T00:00:00Z, ${RANGE}.`
    ],
    [
      'negative',
      '-1',
      `${name}: '-1' is before 1970. Use whole seconds since 1970-01-01T00:00:00Z, ${RANGE}, e.g. 0.`
    ],
    ['non-numeric', 'yesterday', `${name}: 'yesterday' is not a Unix timestamp.`],
    ['an exponent', '1.7e9', `${name}: '1.7e9' is not a Unix timestamp.`],
    ['hex', '0x10', `${name}: '0x10' is not a Unix timestamp.`],
    ['a sign', '+5', `${name}: '+5' is not a Unix timestamp.`],
    ['a date', '2024-01-01', `${name}: '2024-01-01' is not a Unix timestamp.`],
    ['space inside', '17 00000000', `${name}: '17 00000000' is not a Unix timestamp.`],
    [
      'a fraction',
      '1700000000.5',
      `${name}: '1700000000.5' is not whole seconds. Use 1700000000 (`
    ],
    ['a fraction of milliseconds', '1700000000123.5', 'looks like milliseconds (13 digits'],
    ['a negative fraction', '-0.5', `${name}: '-0.5' is before 1970.`]
  ])('refuses %s', (_case, raw, message) => {
    expect(() => fromConfig(source, raw)).toThrow(InputError)
    expect(() => fromConfig(source, raw)).toThrow(message)
  })
})

describe('parseSourceDateEpoch', () => {
  it('prefers the input; the environment variable is read only when the input is empty', () => {
    const env = { GITHUB_WORKSPACE: '/ws', SOURCE_DATE_EPOCH: 'junk' }
    const inputs: Record<string, string> = { image: 'a/b', 'source-date-epoch': '5' }
    expect(parseConfig(name => inputs[name] ?? '', env).sourceDateEpoch).toBe(5)
  })

  it('takes every whole second from 0 to 253402300799, written plainly or padded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_EPOCH }),
        fc.constantFrom('', ' ', '\n', '\t'),
        (n, pad) => {
          expect(parseSourceDateEpoch(`${pad}${n}${pad}`, 'x')).toBe(n)
          // And the date it gives is one JSON and RFC 3339 can write.
          expect(new Date(n * 1000).toISOString()).toMatch(/^\d{4}-/)
        }
      )
    )
  })

  it('recognises every millisecond value from 2001 to 9999, suggesting the seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e12, max: MAX_EPOCH * 1000 + 999 }), ms => {
        expect(() => parseSourceDateEpoch(String(ms), 'x')).toThrow(
          `Use ${Math.floor(ms / 1000)} (the value divided by 1000`
        )
      })
    )
  })

  it('refuses anything else with an InputError, never another error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), raw => {
        try {
          const n = parseSourceDateEpoch(raw, 'x')
          if (n !== undefined) expect(Number.isInteger(n) && n >= 0 && n <= MAX_EPOCH).toBe(true)
          else expect(raw.trim()).toBe('')
        } catch (e) {
          expect(e).toBeInstanceOf(InputError)
        }
      }),
      { numRuns: 2000 }
    )
  })
})
