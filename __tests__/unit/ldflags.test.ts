import { describe, expect, it } from '@jest/globals'
import {
  checkLdflags,
  expandLdflags,
  ldflagsVars,
  type LdflagsVars
} from '../../src/compile/ldflags.js'
import { contextOf } from '../../src/github-context.js'
import { rfc3339 } from '../../src/source-date-epoch.js'
import { InputError } from '../../src/ports.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const vars: LdflagsVars = { Version: 'v1.4.2', Commit: SHA, Date: '2024-01-02T03:04:05Z' }

describe('expandLdflags', () => {
  it('expands each variable wherever it appears', () => {
    expect(
      expandLdflags(
        '-X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}}',
        vars
      )
    ).toBe(`-X main.version=v1.4.2 -X main.commit=${SHA} -X main.date=2024-01-02T03:04:05Z`)
  })

  it('expands a variable used twice and templates inside a larger word', () => {
    expect(expandLdflags('-X a.v={{.Version}} -X b.v=app-{{.Version}}+{{.Commit}}', vars)).toBe(
      `-X a.v=v1.4.2 -X b.v=app-v1.4.2+${SHA}`
    )
  })

  it('allows spaces inside the braces, as Go templates do', () => {
    expect(expandLdflags('-X main.v={{ .Version }} -X main.d={{.Date  }}', vars)).toBe(
      '-X main.v=v1.4.2 -X main.d=2024-01-02T03:04:05Z'
    )
  })

  it('leaves ldflags without templates alone', () => {
    const raw = "-X 'main.greeting=hello world' -extldflags=-static"
    expect(expandLdflags(raw, vars)).toBe(raw)
  })

  it('inserts values literally, even ones that look like replacement patterns', () => {
    expect(expandLdflags('-X main.v={{.Version}}', { ...vars, Version: "$&$1$`$'" })).toBe(
      "-X main.v=$&$1$`$'"
    )
  })

  it.each(['{{.Tag}}', '{{.version}}', '{{.ShortCommit}}', '{{ .Env }}'])(
    'rejects the unknown variable %s, naming it and the known ones',
    template => {
      const run = (): string => expandLdflags(`-X main.v=${template}`, vars)
      expect(run).toThrow(InputError)
      expect(run).toThrow(
        `ldflags: '${template}' is not a known variable. Use {{.Version}}, {{.Commit}} or {{.Date}}.`
      )
    }
  )

  // Names every JavaScript object has must not pass for variables (they would expand to function source).
  it.each(['{{.constructor}}', '{{.toString}}', '{{.hasOwnProperty}}', '{{.__proto__}}'])(
    'rejects %s, which only an object prototype knows',
    template => {
      expect(() => expandLdflags(`-X main.v=${template}`, vars)).toThrow(
        `ldflags: '${template}' is not a known variable.`
      )
    }
  )

  it.each(['{{.Version | upper}}', '{{Version}}', '{{ .Date.Unix }}', '{{.Version}'])(
    'rejects the template %s that is not a plain variable',
    template => {
      const raw = `-X main.v=${template}`
      expect(() => expandLdflags(raw, vars)).toThrow(
        new InputError(
          `ldflags: '${raw}' has a template that is not {{.Version}}, {{.Commit}} or {{.Date}}.`
        )
      )
    }
  )
})

describe('checkLdflags', () => {
  // Each accepted value was built with go build, and each refused one fails there with a raw flag error.
  it.each([
    '',
    '-X main.v=1',
    "-X 'main.greeting=hello world' -extldflags=-static",
    `-X "main.msg=it's" -X 'main.q=say "hi"'`,
    "-X 'main.a=1''-X' main.b=2",
    '  -X\tmain.v=1\n-X main.w=2  '
  ])('accepts %j as go build splits it', raw => {
    expect(checkLdflags(raw)).toBe(raw)
  })

  it.each<[string, string]>([
    [
      "-X 'main.version=1.0 beta",
      "ldflags: '-X 'main.version=1.0 beta' has an unterminated ' quote (at 'main.version=1.0 beta). "
    ],
    [
      '-X main.v=1 "-extldflags=-static',
      'ldflags: \'-X main.v=1 "-extldflags=-static\' has an unterminated " quote'
    ],
    [
      "-X main.version='1.0 beta'",
      "ldflags: '-X main.version='1.0 beta'' has a quote inside the word main.version='1.0, which go build passes on literally. "
    ],
    ["-X main.msg=it's", "has a quote inside the word main.msg=it's"]
  ])('refuses %j, naming ldflags and the fix', (raw, message) => {
    const run = (): string => checkLdflags(raw)
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
    expect(run).toThrow(
      `Quote a whole argument, e.g. -X 'main.version=1.0 beta' (or with " when the value holds a ').`
    )
  })
})

describe('ldflagsVars', () => {
  const DATE = '2024-01-02T03:04:05Z'

  it('uses the tag being built as the version', () => {
    expect(
      ldflagsVars(contextOf({ GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: SHA }), '', DATE)
    ).toEqual({
      Version: 'v1.2.3',
      Commit: SHA,
      Date: DATE
    })
  })

  it('keeps a tag with slashes whole', () => {
    expect(
      ldflagsVars(contextOf({ GITHUB_REF: 'refs/tags/release/2024.1' }), SHA, DATE).Version
    ).toBe('release/2024.1')
  })

  it.each(['refs/heads/main', 'refs/pull/12/merge', 'refs/heads/refs/tags/x', ''])(
    'uses the short commit for the ref %j',
    ref => {
      const v = ldflagsVars(contextOf({ GITHUB_REF: ref, GITHUB_SHA: SHA }), '', DATE)
      expect(v.Version).toBe('0123456')
      expect(v.Commit).toBe(SHA)
    }
  )

  it('prefers GITHUB_SHA over the commit Git reports', () => {
    const other = 'fedcba9876543210fedcba9876543210fedcba98'
    expect(ldflagsVars(contextOf({ GITHUB_SHA: SHA }), other, DATE)).toEqual({
      Version: '0123456',
      Commit: SHA,
      Date: DATE
    })
  })

  it('falls back to the commit Git reports outside Actions', () => {
    const other = 'fedcba9876543210fedcba9876543210fedcba98'
    expect(ldflagsVars(contextOf({}), other, DATE)).toEqual({
      Version: 'fedcba9',
      Commit: other,
      Date: DATE
    })
    expect(ldflagsVars(contextOf({ GITHUB_SHA: '' }), other, DATE).Commit).toBe(other)
  })

  it('says dev and unknown when there is neither tag nor commit', () => {
    expect(ldflagsVars(contextOf({}), '', DATE)).toEqual({
      Version: 'dev',
      Commit: 'unknown',
      Date: DATE
    })
  })

  it('does not shorten a commit that is not a hex hash into a version', () => {
    expect(ldflagsVars(contextOf({ GITHUB_SHA: 'not-a-sha-at-all' }), '', DATE)).toEqual({
      Version: 'dev',
      Commit: 'not-a-sha-at-all',
      Date: DATE
    })
  })

  it('passes the date through unchanged', () => {
    expect(ldflagsVars(contextOf({}), '', 'whatever the caller formatted').Date).toBe(
      'whatever the caller formatted'
    )
  })
})

describe('{{.Date}} from the source date epoch', () => {
  // The pipeline formats the epoch with rfc3339 before handing it to ldflagsVars.
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1700000000, '2023-11-14T22:13:20Z'],
    [951782400, '2000-02-29T00:00:00Z']
  ])('epoch %i is %s', (epoch, date) => {
    expect(rfc3339(epoch)).toBe(date)
    expect(
      expandLdflags('-X main.date={{.Date}}', ldflagsVars(contextOf({}), '', rfc3339(epoch)))
    ).toBe(`-X main.date=${date}`)
  })
})
