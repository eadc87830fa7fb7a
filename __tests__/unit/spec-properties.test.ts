// Property tests of the inputs with a grammar of their own, tag rules (tags, tags-latest, tags-prefix,
// tags-suffix) and Go version specs (go-version, go.mod lines): arbitrary text gives a value or an InputError,
// valid values parse to what they encode, and resolving them never fails any other way.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import semver from 'semver'
import {
  goToSemver,
  parseGoMod,
  resolveGoVersion,
  semverToGo,
  versionFromFile,
  type GoRelease
} from '../../src/go/version.js'
import { InputError } from '../../src/ports.js'
import { validateTags } from '../../src/registry/reference.js'
import { resolveTags } from '../../src/registry/tag-resolve.js'
import {
  parseFlavor,
  parseRule,
  parseTagLines,
  parseTagRules
} from '../../src/registry/tag-rules.js'
import { attempt, inputText, onlyInputErrors, runs, spelt } from './properties.js'

const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,30}$/)
const text = fc.stringMatching(/^[a-z0-9_.-]{0,10}$/)

describe('tags and tag rules', () => {
  it('plain tags, comma-separated or one a line, give those tags; the result read again is the same', () => {
    fc.assert(
      fc.property(
        fc.array(tag, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(', ', '\n'),
        (tags, sep) => {
          expect(parseTagLines(tags.join(sep))).toEqual(tags)
        }
      ),
      runs()
    )
    onlyInputErrors(raw => {
      const lines = parseTagLines(raw)
      expect(parseTagLines(lines.join('\n'))).toEqual(lines)
    }, 1000)
  })

  it('a rule line gives its type and attributes, in any order and key case', () => {
    const rule = fc.oneof(
      fc.record({ type: fc.constant('raw'), value: tag }),
      fc.record({ type: fc.constant('sha'), format: fc.constantFrom('short', 'long') }),
      fc.record({ type: fc.constant('ref'), event: fc.constantFrom('branch', 'tag', 'pr') }),
      fc.record({
        type: fc.constant('semver'),
        pattern: fc.constantFrom('{{version}}', '{{major}}.{{minor}}', 'v{{major}}', '{{raw}}')
      }),
      fc.record({ type: fc.constant('edge'), branch: text })
    )
    const extras = fc.record(
      { prefix: text, suffix: text, priority: fc.integer({ min: -999, max: 9999 }).map(String) },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(rule, extras, fc.boolean(), (r, more, upper) => {
        const attrs: Record<string, string> = { ...r, ...more }
        const fields = Object.entries(attrs).map(([k, v]) => `${upper ? k.toUpperCase() : k}=${v}`)
        const parsed = parseRule(fields.reverse().join(','))
        expect(parsed.type).toBe(r.type)
        for (const [k, v] of Object.entries(attrs))
          if (k !== 'type') expect(parsed.attrs[k]).toBe(v)
        if (more.priority !== undefined) expect(parsed.priority).toBe(Number(more.priority))
      }),
      runs()
    )
    onlyInputErrors(parseRule, 1000)
    expect(() => parseRule('type=raw,value=a,__proto__=x')).toThrow("unknown attribute '__proto__'")
  })

  it('tags-latest, tags-prefix and tags-suffix give what they say; a line break is refused', () => {
    const affix = fc.tuple(
      text,
      fc.constantFrom('', ',onlatest=true', ',onlatest=false', ', ONLATEST=TRUE')
    )
    fc.assert(
      fc.property(
        fc.constantFrom('auto', 'true', 'false').chain(l => fc.tuple(fc.constant(l), spelt(l))),
        affix,
        affix,
        ([latest, latestRaw], [prefix, pOn], [suffix, sOn]) => {
          expect(parseFlavor(latestRaw, prefix + pOn, suffix + sOn)).toEqual({
            latest,
            prefix,
            prefixLatest: /true/i.test(pOn),
            suffix,
            suffixLatest: /true/i.test(sOn)
          })
        }
      ),
      runs()
    )
    expect(() => parseFlavor('', 'a\nb', '')).toThrow(
      "tags-prefix: 'a\nb' is not a tag prefix or suffix. Write the text on one line"
    )
    fc.assert(
      fc.property(
        inputText(),
        inputText(),
        inputText(),
        (l, p, s) => void attempt(() => parseFlavor(l, p, s))
      ),
      runs(1000)
    )
  })

  it('resolving any rules that parse, with any flavor, in any Git context, gives valid tags or an InputError', () => {
    const lines = fc.array(
      fc.oneof(
        inputText(),
        fc.constantFrom(
          "type=schedule,pattern={{date 'YYYYMMDD' tz='Asia/Tokyo'}}",
          'type=semver,pattern={{major}}',
          'type=ref,event=branch,prefix={{sha}}-',
          'type=raw,value={{branch}}-{{tag}},enable={{is_default_branch}}',
          'type=edge',
          'type=sha,format=long'
        )
      ),
      { maxLength: 4 }
    )
    const context = fc.record({
      ref: fc.oneof(
        inputText().map(s => `refs/heads/${s}`),
        inputText().map(s => `refs/tags/${s}`),
        fc.nat({ max: 999 }).map(n => `refs/pull/${n}/merge`),
        inputText()
      ),
      sha: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{40}$/)),
      eventName: fc.constantFrom('push', 'pull_request', 'schedule', 'workflow_dispatch', ''),
      defaultBranch: fc.option(text, { nil: undefined }),
      now: fc.date({ min: new Date(0), max: new Date(253402300799000), noInvalidDate: true }),
      shortShaLength: fc.integer({ min: 1, max: 40 })
    })
    fc.assert(
      fc.property(lines, inputText(), inputText(), context, (ls, p, s, ctx) => {
        const rules = attempt(() => parseTagRules(parseTagLines(ls.join('\n'))))
        const flavor = attempt(() => parseFlavor('', p, s))
        if (rules instanceof InputError || flavor instanceof InputError) return
        const got = attempt(() => resolveTags(rules, flavor, ctx))
        if (got instanceof InputError) return
        expect(validateTags(got.tags)).toEqual(got.tags)
      }),
      runs(1000)
    )
  })
})

const rel = (version: string, stable = true): GoRelease => ({
  version,
  stable,
  files: [
    {
      filename: `${version}.linux-amd64.tar.gz`,
      ...{ os: 'linux', arch: 'amd64', version, sha256: 'x', size: 1, kind: 'archive' }
    }
  ]
})

/** Go's own names for its releases: 1.N before 1.21 for a .0, 1.N.P, and 1.NrcK for a candidate. */
const goName = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2, max: 20 }), fc.nat({ max: 15 }))
    .map(([n, p]) => (p ? `1.${n}.${p}` : `1.${n}`)),
  fc.tuple(fc.integer({ min: 21, max: 40 }), fc.nat({ max: 15 })).map(([n, p]) => `1.${n}.${p}`),
  fc
    .tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 4 }))
    .map(([n, k]) => `1.${n}rc${k}`)
)
const releaseList = fc
  .uniqueArray(goName, { minLength: 1, maxLength: 12 })
  .map(names => names.map(n => rel(`go${n}`, !n.includes('rc'))))

describe('Go version specs', () => {
  it("goToSemver and semverToGo round-trip Go's release names", () => {
    fc.assert(
      fc.property(goName, name => {
        const sv = goToSemver(`go${name}`)!
        expect(semver.valid(sv)).toBe(sv)
        expect(semverToGo(sv)).toBe(name)
      }),
      runs()
    )
  })

  it('an exact version, a minor line, a range and stable each pick the release they describe', () => {
    fc.assert(
      fc.property(releaseList, fc.nat(), (releases, i) => {
        const names = releases.map(r => r.version.slice(2))
        const stable = names.filter(n => !n.includes('rc'))
        const sv = (n: string): string => goToSemver(n)!
        // 1.N names a line (its newest patch), as in setup-go, even where Go named a release so.
        const exact = names[i % names.length]!
        if (!/^\d+\.\d+$/.test(exact))
          expect(resolveGoVersion(exact, releases, 'linux', 'amd64').version).toBe(exact)
        if (!stable.length) return
        const newest = (ns: string[]): string =>
          ns.sort((a, b) => semver.rcompare(sv(a), sv(b)))[0]!
        expect(resolveGoVersion('stable', releases, 'linux', 'amd64').version).toBe(newest(stable))
        const pick = stable[i % stable.length]!
        const line = `${semver.major(sv(pick))}.${semver.minor(sv(pick))}`
        const ofLine = stable.filter(n => semver.satisfies(sv(n), `~${line}.0`))
        expect(resolveGoVersion(line, releases, 'linux', 'amd64').version).toBe(newest(ofLine))
        const range = `>=${sv(pick)}`
        const above = stable.filter(n => semver.gte(sv(n), sv(pick)))
        expect(resolveGoVersion(range, releases, 'linux', 'amd64').version).toBe(newest(above))
      }),
      runs()
    )
  })

  it('any spec against any list gives a release or an InputError', () => {
    fc.assert(
      fc.property(releaseList, fc.oneof(inputText(), goName), (releases, spec) => {
        const got = attempt(() => resolveGoVersion(spec, releases, 'linux', 'amd64'))
        if (!(got instanceof InputError))
          expect(releases.map(r => r.version)).toContain(`go${got.version}`)
      }),
      runs(1000)
    )
  })

  it('go.mod: the go and toolchain lines read back; any text is read without an error', () => {
    fc.assert(
      fc.property(goName, fc.option(goName, { nil: undefined }), (go, toolchain) => {
        const mod = `module example.com/m\n\ngo ${go} // comment\n${toolchain ? `toolchain go${toolchain}\n` : ''}`
        expect(parseGoMod(mod)).toEqual({ go, ...(toolchain ? { toolchain } : {}) })
        const found = versionFromFile('go.mod', mod)
        const used = toolchain && semver.gte(goToSemver(toolchain)!, goToSemver(go)!)
        expect(found).toEqual(
          used ? { spec: toolchain, line: 'toolchain', goLine: go } : { spec: go, line: 'go' }
        )
      }),
      runs()
    )
    fc.assert(
      fc.property(
        fc.constantFrom('go.mod', 'go.work', '.go-version', '.tool-versions'),
        inputText(200),
        (f, t) => {
          versionFromFile(f, t)
        }
      ),
      runs(1000)
    )
  })
})
