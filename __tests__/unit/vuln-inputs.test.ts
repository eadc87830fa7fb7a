// The vulnerabilities, vuln-db and vuln-allow inputs: what each accepts, what it refuses and how it says so, and (fast-check) that any string gives a value or an InputError, never another error, and that valid values round-trip.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../../src/ports.js'
import {
  canonicalId,
  DEFAULT_VULN_DB,
  formatVulnAllow,
  parseVulnAllow,
  parseVulnDb,
  parseVulnerabilities,
  type AllowEntry
} from '../../src/vuln/inputs.js'

/** Runs parse; anything but success or an InputError naming the input fails the property. */
const onlyInputErrors =
  (name: string, parse: (raw: string) => unknown) =>
  (raw: string): void => {
    try {
      parse(raw)
    } catch (e) {
      expect(e).toBeInstanceOf(InputError)
      expect((e as Error).message.startsWith(`${name}: `)).toBe(true)
    }
  }

/** Any string: printable ASCII (where the interesting punctuation is) or any code points at all. */
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }))

describe('vulnerabilities', () => {
  it.each([
    ['', 'report'],
    ['report', 'report'],
    [' FAIL\n', 'fail'],
    ['Off', 'off']
  ])('%j is %s', (raw, mode) => {
    expect(parseVulnerabilities(raw)).toBe(mode)
  })

  it('refuses anything else, naming the input, the value and what works', () => {
    expect(() => parseVulnerabilities('true')).toThrow(
      new InputError(
        "vulnerabilities: 'true' is not report, fail or off. Use report (list the known vulnerabilities of the " +
          'binary, the default), fail (also fail the step before anything is pushed when one is reachable and ' +
          'not in vuln-allow) or off.'
      )
    )
  })

  it('any string: a mode or an InputError (property)', () => {
    fc.assert(fc.property(anyString, onlyInputErrors('vulnerabilities', parseVulnerabilities)))
    fc.assert(
      fc.property(fc.constantFrom('report', 'fail', 'off'), m => {
        expect(parseVulnerabilities(m.toUpperCase())).toBe(m)
      })
    )
  })
})

describe('vuln-db', () => {
  it.each([
    ['', DEFAULT_VULN_DB],
    ['https://vuln.go.dev/', 'https://vuln.go.dev'],
    ['http://127.0.0.1:8080/mirror//', 'http://127.0.0.1:8080/mirror'],
    ['https://user:token@mirror.example/vulndb', 'https://user:token@mirror.example/vulndb'],
    ['file:///srv/vulndb', 'file:///srv/vulndb'],
    ['file://localhost/srv/vulndb/', 'file://localhost/srv/vulndb']
  ])('%j is %s', (raw, url) => {
    expect(parseVulnDb(raw)).toBe(url)
  })

  it.each([
    ['vuln.go.dev', /'vuln\.go\.dev' is not a URL/],
    ['ftp://vuln.go.dev', /is a ftp: URL, not http, https or file/],
    ['file://server/share', /names a host; a file: URL is local/],
    ['https://vuln.go.dev/?x=1', /has a query or fragment/],
    ['/srv/vulndb', /is not a URL/]
  ])('refuses %j', (raw, why) => {
    expect(() => parseVulnDb(raw)).toThrow(InputError)
    expect(() => parseVulnDb(raw)).toThrow(why)
    expect(() => parseVulnDb(raw)).toThrow(/Use the Go vulnerability database's base URL/)
  })

  it('any string: an http(s) or file URL, or an InputError (property)', () => {
    fc.assert(fc.property(anyString, onlyInputErrors('vuln-db', parseVulnDb)))
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), raw => {
        let url: string
        try {
          url = parseVulnDb(raw)
        } catch (e) {
          // A web URL with a query or fragment is refused; nothing else is.
          expect((e as Error).message).toMatch(/query or fragment|has no host/)
          return
        }
        expect(url).toMatch(/^https?:\/\//)
        expect(parseVulnDb(url)).toBe(url)
      })
    )
  })
})

describe('vuln-allow', () => {
  it('reads IDs with a reason after a space or a colon, skipping blanks and comments', () => {
    expect(
      parseVulnAllow(
        [
          'GO-2024-1234 reason text',
          '  # a comment',
          '',
          'cve-2023-45288: fixed by the proxy in front',
          'GHSA-2C2C-3H3H-4J4J',
          'GO-2022-0001:no space'
        ].join('\r\n')
      )
    ).toEqual([
      { id: 'GO-2024-1234', reason: 'reason text' },
      { id: 'CVE-2023-45288', reason: 'fixed by the proxy in front' },
      { id: 'GHSA-2c2c-3h3h-4j4j' },
      { id: 'GO-2022-0001', reason: 'no space' }
    ])
  })

  it.each([
    ['GO-24-1', /'GO-24-1' does not start with a vulnerability ID/],
    ['reason first GO-2024-1234', /'reason first GO-2024-1234' does not start/],
    ['GHSA-abcd-efgh-ijkl', /does not start with a vulnerability ID/],
    ['GO-2024-1234x', /does not start/],
    ['GO-2024-1234\ngo-2024-1234: again', /GO-2024-1234 is listed twice/]
  ])('refuses %j', (raw, why) => {
    expect(() => parseVulnAllow(raw)).toThrow(InputError)
    expect(() => parseVulnAllow(raw)).toThrow(why)
  })

  it('any string: entries or an InputError (property)', () => {
    fc.assert(fc.property(anyString, onlyInputErrors('vuln-allow', parseVulnAllow)))
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }).map(lines => lines.join('\n')),
        onlyInputErrors('vuln-allow', parseVulnAllow)
      )
    )
  })

  const digits = (n: number): fc.Arbitrary<string> =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n + 2 })
  const ghsaGroup = fc.string({
    unit: fc.constantFrom(...'23456789cfghjmpqrvwx'),
    minLength: 4,
    maxLength: 4
  })
  const id = fc.oneof(
    fc.tuple(digits(4), digits(4)).map(([y, n]) => `GO-${y.slice(0, 4)}-${n}`),
    fc.tuple(digits(4), digits(4)).map(([y, n]) => `CVE-${y.slice(0, 4)}-${n}`),
    fc.tuple(ghsaGroup, ghsaGroup, ghsaGroup).map(g => `GHSA-${g.join('-')}`)
  )
  // A reason is one line, without leading or trailing blanks (the parser trims them).
  const reason = fc
    .string({ minLength: 1 })
    .map(r => r.replace(/[\r\n]/g, ' ').trim())
    .filter(r => r !== '')

  it('valid values round-trip through formatVulnAllow (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(id, fc.option(reason, { nil: undefined })), {
          selector: ([i]) => i,
          maxLength: 6
        }),
        pairs => {
          const entries: AllowEntry[] = pairs.map(([i, r]) =>
            r ? { id: i, reason: r } : { id: i }
          )
          expect(parseVulnAllow(formatVulnAllow(entries))).toEqual(entries)
        }
      )
    )
  })

  it('IDs are case-insensitive, kept in their canonical case', () => {
    fc.assert(
      fc.property(id, i => {
        expect(canonicalId(i.toLowerCase())).toBe(i)
        expect(canonicalId(i.toUpperCase())).toBe(i)
      })
    )
  })
})
