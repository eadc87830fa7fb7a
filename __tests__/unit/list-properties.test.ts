// Property tests of the list and line input parsers: arbitrary text gives a value or an InputError, valid lines
// parse to what they encode, and what a parser returns, written back as lines, parses to itself.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { checkQuotes, parseKeyValues, parseList, splitFlags } from '../../src/config.js'
import { parseCgoConfig } from '../../src/compile/cgo.js'
import { parsePlatforms, platformString, type Platform } from '../../src/platform.js'
import { parseTargets } from '../../src/images/targets.js'
import { parseMergeDigests } from '../../src/merge/digests.js'
import { parseImage, parseReference } from '../../src/registry/reference.js'
import { parseFiles } from '../../src/rootfs/files.js'
import { validateEnv, validateLabels } from '../../src/rootfs/settings.js'
import { attempt, inputText, onlyInputErrors, runs } from './properties.js'

/** A list item as the user writes it: no separators, no blanks around it, not a # comment. */
const item = fc.stringMatching(/^[A-Za-z0-9_./:@-]([A-Za-z0-9 _./:@-]{0,10}[A-Za-z0-9_./:@-])?$/)
const name = fc.stringMatching(/^[a-z0-9]{1,6}$/)

describe('lists and KEY=VALUE lines', () => {
  it('a list keeps its items, split on newlines or commas, never failing', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 6 }),
        fc.constantFrom('\n', ',', ', ', '\r\n'),
        (items, sep) => {
          expect(parseList(items.join(sep), sep !== '\n' && sep !== '\r\n')).toEqual(items)
        }
      ),
      runs()
    )
    fc.assert(
      fc.property(inputText(), raw => void parseList(raw)),
      runs()
    )
  })

  it('build-env, env and labels: KEY=VALUE lines give that record, the last of a key winning', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/)
    const value = fc.stringMatching(/^[ -~]{0,12}$/).map(v => v.trim())
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), pairs => {
        const raw = pairs.map(([k, v]) => `${k}=${v}`).join('\n')
        const want = Object.fromEntries(pairs)
        expect(parseKeyValues(raw, 'env')).toEqual(want)
        expect(validateEnv(parseKeyValues(raw, 'env'))).toEqual(
          Object.entries(want).map(([k, v]) => `${k}=${v}`)
        )
      }),
      runs()
    )
    // A record written back as lines parses to itself, __proto__ included.
    for (const [input, check] of [
      ['build-env', (r: Record<string, string>) => r],
      ['env', validateEnv],
      ['labels', validateLabels]
    ] as const) {
      onlyInputErrors(raw => {
        const record = parseKeyValues(raw, input)
        check(record)
        const back = Object.entries(record).map(([k, v]) => `${k}=${v}`)
        expect(parseKeyValues(back.join('\n'), input)).toEqual(record)
      }, 500)
    }
    expect(Object.keys(parseKeyValues('__proto__=x', 'env'))).toEqual(['__proto__'])
  })

  it('build-flags: words split as a shell would, quotes kept whole, an open quote refused', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9=._/-]{1,8}$/)
    const spaced = fc.stringMatching(/^[A-Za-z0-9 =._/-]{1,8}$/)
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, spaced), { maxLength: 5 }),
        fc.constantFrom("'", '"'),
        (words, q) => {
          const raw = words.map(w => (w.includes(' ') ? `${q}${w}${q}` : w)).join('  ')
          expect(splitFlags(checkQuotes(raw, 'build-flags'))).toEqual(words)
        }
      ),
      runs()
    )
    onlyInputErrors(raw => splitFlags(checkQuotes(raw, 'build-flags')))
  })
})

describe('files', () => {
  const segment = fc
    .stringMatching(/^[a-z0-9_][a-z0-9._-]{0,7}$/)
    .filter(s => !s.startsWith('.wh.'))
  it('SRC:DEST lines give the mappings, normalised; a mapping written back parses to itself', () => {
    const src = fc.array(segment, { minLength: 1, maxLength: 3 }).map(s => s.join('/'))
    const dest = fc
      .tuple(fc.array(segment, { maxLength: 3 }), fc.boolean())
      .map(([s, dir]) => `/${s.join('/')}${dir && s.length ? '/' : ''}`)
    fc.assert(
      fc.property(fc.array(fc.tuple(src, dest), { maxLength: 4 }), pairs => {
        const lines = pairs.map(([s, d]) => `  ${s}/ : ${d.replace(/^\//, '//')}`)
        expect(parseFiles(lines.join('\n')).map(m => [m.src, m.dest])).toEqual(pairs)
      }),
      runs()
    )
    onlyInputErrors(raw => {
      const back = parseFiles(raw).map(m => `${m.src}:${m.dest}`)
      expect(parseFiles(back.join('\n')).map(m => `${m.src}:${m.dest}`)).toEqual(back)
    }, 1000)
  })
})

describe('platforms', () => {
  const PLATFORMS: Platform[] = parsePlatforms(
    'linux/amd64,linux/amd64/v2,linux/amd64/v3,linux/amd64/v4,linux/arm64,linux/arm/v6,linux/arm/v7,' +
      'linux/386,linux/ppc64le,linux/s390x,linux/riscv64'
  )
  it('a list of distinct platforms round-trips through platformString', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...PLATFORMS), { minLength: 1 }), ps => {
        expect(parsePlatforms(ps.map(platformString).join(',\n'))).toEqual(ps)
      }),
      runs()
    )
    expect(parsePlatforms('linux/arm64/v8, linux/arm')).toEqual([
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ])
    // Found by the parseConfig property: an arch named constructor once crashed the table lookup.
    expect(() => parsePlatforms('linux/constructor')).toThrow(
      "platforms: 'linux/constructor' is not a supported platform."
    )
    onlyInputErrors(raw => {
      const ps = parsePlatforms(raw)
      expect(parsePlatforms(ps.map(platformString).join(','))).toEqual(ps)
    })
  })

  it('cc and cgo-sysroot: PLATFORM=VALUE lines for the platforms the build has', () => {
    const tool = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/)
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...PLATFORMS), { minLength: 1, maxLength: 3 }),
        tool,
        (ps, cc) => {
          const lines = ps.map(p => `${platformString(p)}=${cc}-${p.architecture}`)
          const got = parseCgoConfig(
            { cgo: 'static', cc: lines.join('\n'), cgoSysroot: '', debug: '', debugBusybox: '' },
            '/ws',
            ps
          )
          expect(Object.values(got.cc.byPlatform)).toEqual(ps.map(p => `${cc}-${p.architecture}`))
        }
      ),
      runs()
    )
    const texts = fc.record({
      cgo: fc.oneof(fc.constantFrom('static', 'dynamic', ''), inputText()),
      cc: inputText(),
      cgoSysroot: inputText(),
      debug: inputText(),
      debugBusybox: inputText()
    })
    fc.assert(
      fc.property(texts, raw => void attempt(() => parseCgoConfig(raw, '/ws', PLATFORMS))),
      runs()
    )
  })
})

describe('image, compare-to and merge-digests', () => {
  const host = fc.oneof(
    fc.constantFrom(
      'ghcr.io',
      'localhost:5000',
      '127.0.0.1:5105',
      'registry.example.com',
      '[::1]:5000'
    ),
    fc.tuple(name, name).map(([a, b]) => `${a}.${b}`)
  )
  const component = fc
    .tuple(
      name,
      fc.option(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), name), { nil: undefined })
    )
    .map(([a, rest]) => (rest ? `${a}${rest[0]}${rest[1]}` : a))
  const repository = fc.array(component, { minLength: 1, maxLength: 3 }).map(c => c.join('/'))
  const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/)
  const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map(h => `sha256:${h}`)

  it('registry/repository[:tag][@digest] parses to its parts and back', () => {
    fc.assert(
      fc.property(host, repository, fc.option(tag), fc.option(digest), (h, repo, t, d) => {
        const ref = `${h}/${repo}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`
        expect(parseReference(ref, 'compare-to')).toEqual({
          registry: h,
          apiHost: h,
          repository: repo,
          ...(t ? { tag: t } : {}),
          ...(d ? { digest: d } : {})
        })
        expect(parseImage(`${h}/${repo}`)).toEqual({ registry: h, apiHost: h, repository: repo })
      }),
      runs()
    )
    onlyInputErrors(raw => {
      const r = parseReference(raw, 'compare-to')
      const back = `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`
      expect(parseReference(back, 'compare-to')).toEqual(r)
    }, 1000)
    onlyInputErrors(raw => parseTargets('.', raw, '', '', s => parseList(s)))
    onlyInputErrors(raw => parseTargets(raw, 'ghcr.io/a/{{.Name}}', raw, '', s => parseList(s)))
  })

  it('merge-digests: digests, with or without sha256:, one a line or comma-separated', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(digest, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (ds, bare) => {
          const raw = ds.map(d => (bare ? d.slice('sha256:'.length) : d)).join(bare ? ',' : '\n')
          expect(parseMergeDigests(raw, '/nonexistent')).toEqual({ digests: ds })
        }
      ),
      runs()
    )
    onlyInputErrors(raw => parseMergeDigests(raw, '/nonexistent'))
  })
})
