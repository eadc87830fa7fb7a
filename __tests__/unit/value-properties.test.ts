// Property tests of the single-value input parsers: arbitrary text gives a value or an InputError, and every valid
// value parses to what it encodes (or round-trips through its formatter).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseBoolean, parseRegistryTimeout, parseSbom, parseZoneinfo } from '../../src/config.js'
import { parseCacheMode } from '../../src/config-matrix.js'
import { parseProvenance } from '../../src/attest/config.js'
import { parseCgoMode } from '../../src/compile/cgo.js'
import { checkLdflags } from '../../src/compile/ldflags.js'
import { parseCompression } from '../../src/oci/compress.js'
import { InputError } from '../../src/ports.js'
import { parseByteSize, parseIncrease } from '../../src/report/gate.js'
import { formatBytes } from '../../src/bytes.js'
import { parseCommand, parseExpose, parseUser, parseWorkdir } from '../../src/rootfs/settings.js'
import { attempt, enumeration, inputText, onlyInputErrors, runs, spelt } from './properties.js'

/** A decimal number as a workflow writes it: 12, 12.5, 0.250. */
const decimal = fc
  .tuple(fc.nat({ max: 10_000 }), fc.option(fc.nat({ max: 999 }), { nil: undefined }))
  .map(([whole, frac]) => ({
    text: frac === undefined ? String(whole) : `${whole}.${String(frac).padStart(3, '0')}`
  }))

describe('booleans and closed sets', () => {
  it('a boolean input is true, false, the fallback when empty, or an InputError naming it', () => {
    const get = (raw: string) => (): string => raw
    for (const b of [true, false])
      for (const fallback of [true, false])
        fc.assert(
          fc.property(spelt(String(b)), raw => {
            expect(parseBoolean(get(raw), 'push', fallback)).toBe(b)
          }),
          runs(50)
        )
    expect(parseBoolean(get(' '), 'push', false)).toBe(false)
    onlyInputErrors(raw => parseBoolean(get(raw), 'push', true))
    const e = attempt(() => parseBoolean(get('yes'), 'push', true))
    expect((e as Error).message).toMatch(/^push: 'yes' is not a boolean/)
  })

  it.each<[string, (raw: string) => unknown, string[]]>([
    ['sbom', parseSbom, ['spdx', 'cyclonedx', 'none']],
    ['provenance', raw => parseProvenance(raw, {}), ['auto', 'false']],
    ['cache', raw => JSON.stringify(parseCacheMode(() => raw)), []],
    ['cgo', parseCgoMode, ['off', 'static', 'dynamic']]
  ])('%s', (_name, parse, values) => {
    if (values.length) enumeration(parse, values)
    else onlyInputErrors(parse)
  })

  it('cache: true, false and read in any case', () => {
    const modes = { true: [true, true], false: [false, false], read: [true, false] }
    for (const [word, [restore, save]] of Object.entries(modes)) {
      fc.assert(
        fc.property(spelt(word), raw => {
          expect(parseCacheMode(() => raw)).toEqual({ restore, save })
        }),
        runs(50)
      )
    }
  })
})

describe('sizes and budgets', () => {
  const UNITS: [string, number][] = [
    ['', 1],
    ['B', 1],
    ['KB', 1e3],
    ['kB', 1e3],
    ['MB', 1e6],
    ['GB', 1e9],
    ['KiB', 1024],
    ['MiB', 2 ** 20],
    ['GiB', 2 ** 30]
  ]

  it('max-size: a number with a unit is that many bytes, rounded', () => {
    fc.assert(
      fc.property(
        decimal,
        fc.constantFrom(...UNITS),
        fc.constantFrom('', ' '),
        (n, [unit, f], sp) => {
          expect(parseByteSize(`${n.text}${sp}${unit}`, 'max-size')).toBe(
            Math.round(Number(n.text) * f)
          )
        }
      ),
      runs()
    )
    onlyInputErrors(raw => parseByteSize(raw, 'max-size'))
  })

  it('max-size reads what the size tables print back to within their rounding (exact below 1 KiB)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), n => {
        const back = parseByteSize(formatBytes(n), 'max-size')
        if (n < 1024) expect(back).toBe(n)
        else expect(Math.abs(back - n) / n).toBeLessThanOrEqual(0.005)
      }),
      runs()
    )
  })

  it('max-size-increase: N% is a percentage, a size is bytes', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom('', ' '), (n, sp) => {
        expect(parseIncrease(`${n.text}${sp}%`)).toEqual({ kind: 'percent', value: Number(n.text) })
        expect(parseIncrease(`${n.text}KB`)).toEqual({
          kind: 'bytes',
          value: Math.round(Number(n.text) * 1e3)
        })
      }),
      runs()
    )
    onlyInputErrors(parseIncrease)
  })

  it('registry-timeout: whole seconds 1 to 3600, in ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), s => {
        expect(parseRegistryTimeout(` ${s} `)).toBe(s * 1000)
      }),
      runs()
    )
    onlyInputErrors(raw => {
      const ms = parseRegistryTimeout(raw)
      expect(Number.isInteger(ms) && ms >= 1000 && ms <= 3_600_000).toBe(true)
    })
  })

  it('compression and compression-level: each codec with each of its levels, and max for gzip', () => {
    const level = fc.oneof(
      fc.tuple(fc.constant('gzip' as const), fc.integer({ min: 1, max: 9 })),
      fc.tuple(fc.constant('zstd' as const), fc.integer({ min: 1, max: 22 }))
    )
    const zstd = { version: 'v24.0.0', hasZstd: true }
    fc.assert(
      fc.property(level, ([codec, n]) => {
        expect(parseCompression(codec.toUpperCase(), ` ${n}`, zstd)).toEqual({ codec, level: n })
      }),
      runs()
    )
    expect(parseCompression('gzip', 'MAX', zstd)).toEqual({ codec: 'gzip', level: 'max' })
    fc.assert(
      fc.property(
        inputText(),
        inputText(),
        (codec, lvl) => void attempt(() => parseCompression(codec, lvl, zstd))
      ),
      runs()
    )
  })
})

describe('image settings', () => {
  it('user: uid:gid round-trips, names become numbers, and a parsed user parses to itself', () => {
    const id = fc.integer({ min: 0, max: 2 ** 31 - 1 })
    fc.assert(
      fc.property(id, id, (uid, gid) => {
        expect(parseUser(`${uid}:${gid}`)).toBe(`${uid}:${gid}`)
      }),
      runs()
    )
    expect(['root', 'nobody', 'nonroot', ''].map(parseUser)).toEqual([
      '0:0',
      '65534:65534',
      '65532:65532',
      '65532:65532'
    ])
    // Found by this property: __proto__ once found Object.prototype in the table of names.
    expect(() => parseUser('__proto__')).toThrow("user: '__proto__' is not a user of the image.")
    onlyInputErrors(raw => {
      const user = parseUser(raw)
      expect(parseUser(user)).toBe(user)
    })
  })

  it('expose: ports with a protocol round-trip; a parsed list parses to itself', () => {
    const port = fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('tcp', 'udp', 'sctp'))
    fc.assert(
      fc.property(fc.array(port, { maxLength: 5 }), ports => {
        const written = ports.map(([p, proto]) => `${p}/${proto.toUpperCase()}`)
        expect(parseExpose(written)).toEqual([...new Set(ports.map(([p, pr]) => `${p}/${pr}`))])
      }),
      runs()
    )
    onlyInputErrors(raw => {
      const ports = parseExpose(
        raw
          .split(/[\n,]/)
          .map(s => s.trim())
          .filter(Boolean)
      )
      expect(parseExpose(ports)).toEqual(ports)
    })
  })

  it('workdir: an absolute path without .., normalised; a parsed workdir parses to itself', () => {
    const segment = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter(s => s !== '..' && s !== '.')
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), segs => {
        expect(parseWorkdir(`/${segs.join('//')}/`)).toBe(`/${segs.join('/')}`)
      }),
      runs()
    )
    onlyInputErrors(raw => {
      const dir = parseWorkdir(raw)
      expect(dir.startsWith('/')).toBe(true)
      expect(parseWorkdir(dir)).toBe(dir)
    })
  })

  it('entrypoint and args: a JSON array of strings round-trips, words split as a shell would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }),
        words => {
          expect(parseCommand(JSON.stringify(words), 'entrypoint', () => [])).toEqual(words)
        }
      ),
      runs()
    )
    onlyInputErrors(raw => parseCommand(raw, 'entrypoint', () => []))
  })

  it('zoneinfo: true or false in any case, else the list of names, never an error', () => {
    for (const b of [true, false])
      fc.assert(
        fc.property(spelt(String(b)), raw => expect(parseZoneinfo(raw)).toBe(b)),
        runs(50)
      )
    const zone = fc.stringMatching(/^[A-Z][a-z]{1,8}(\/[A-Z][a-z_]{1,10}){0,2}$/)
    fc.assert(
      fc.property(fc.array(zone, { minLength: 1, maxLength: 4 }), zones => {
        expect(parseZoneinfo(zones.join('\n'))).toEqual(zones)
        expect(parseZoneinfo(zones.join(', '))).toEqual(zones)
      }),
      runs()
    )
    fc.assert(
      fc.property(inputText(), raw => void parseZoneinfo(raw)),
      runs()
    )
  })

  it('ldflags: accepted as written or refused with an InputError', () => {
    onlyInputErrors(raw => expect(checkLdflags(raw)).toBe(raw), 1000)
    // Words, whole arguments in quotes (which may hold spaces), or a quote inside a word (refused).
    const word = fc.stringMatching(/^[A-Za-z0-9=._\-/]{1,10}$/)
    const part = fc.tuple(word, fc.constantFrom('plain', "'", '"', 'inner'))
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), parts => {
        const raw = parts
          .map(([w, how]) =>
            how === 'plain' ? w : how === 'inner' ? `${w}'x'` : `${how}${w} x${how}`
          )
          .join(' ')
        const got = attempt(() => checkLdflags(raw))
        if (parts.some(([, how]) => how === 'inner')) expect(got).toBeInstanceOf(InputError)
        else expect(got).toBe(raw)
      }),
      runs()
    )
  })
})
