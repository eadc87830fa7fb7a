// Matching a binary's modules and function table against entries as govulncheck -mode=binary does: names, modules, ranges, platforms, replacements, withdrawn entries, vuln-allow, and the function names of a real stripped binary.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { pclntabShares, readElf } from '../../src/compile/pclntab.js'
import type { BuildInfo } from '../../src/compile/buildinfo.js'
import { blocking, failureMessage, onDatabaseError } from '../../src/vuln/check.js'
import {
  binaryModules,
  isStdPackage,
  matchFindings,
  type MatchOptions
} from '../../src/vuln/match.js'
import { osvEntrySchema, type OsvEntry } from '../../src/vuln/schema.js'
import { VulnDbError } from '../../src/vuln/source.js'
import { functionNames, symbolOf, tableFromNames } from '../../src/vuln/symbols.js'
import { goBuild, goMainDir } from './helpers.js'

describe('symbolOf: pclntab names as the database names symbols', () => {
  it.each([
    ['net/url.Parse', 'net/url', 'Parse'],
    ['net/http.(*Client).Do', 'net/http', 'Client.Do'],
    ['net/http.Header.Clone', 'net/http', 'Header.Clone'],
    ['github.com/google/uuid.NewString', 'github.com/google/uuid', 'NewString'],
    ['gopkg.in/yaml%2ev3.Marshal', 'gopkg.in/yaml.v3', 'Marshal'],
    ['go.uber.org/zap.(*Logger).Info', 'go.uber.org/zap', 'Logger.Info'],
    ['example.com/m/list.Map[...]', 'example.com/m/list', 'Map'],
    [
      'example.com/m/list.Map[go.shape.string_0,go.shape.*net/http.Request_1]',
      'example.com/m/list',
      'Map'
    ],
    ['example.com/m/list.(*List[...]).Push', 'example.com/m/list', 'List.Push'],
    ['example.com/m/list.List[go.shape.int].Len', 'example.com/m/list', 'List.Len'],
    ['net/http.(*Server).Serve.func1', 'net/http', 'Server.Serve.func1'],
    ['main.main', 'main', 'main'],
    ['runtime.gcBgMarkWorker', 'runtime', 'gcBgMarkWorker']
  ])('%s is %s %s', (name, pkg, symbol) => {
    expect(symbolOf(name)).toEqual({ pkg, symbol })
  })

  it.each([
    'go:buildid',
    'go.buildid',
    'type:.eq.net/url.URL',
    'type..eq.net/url.URL',
    'go.itab.*net/url.Error,error',
    'aeshashbody',
    'main.'
  ])('%s belongs to no package', name => {
    expect(symbolOf(name)).toBeUndefined()
  })

  it("puts main's functions under the main package's import path", () => {
    const t = tableFromNames(['main.main', 'main.serve', 'net/url.Parse'], 'example.com/app')
    expect(t).toEqual(
      new Map([
        ['example.com/app', new Set(['main', 'serve'])],
        ['net/url', new Set(['Parse'])]
      ])
    )
  })
})

const info = (over: Partial<BuildInfo> = {}): BuildInfo => ({
  goVersion: 'go1.19.8',
  path: 'example.com/app',
  main: { path: 'example.com/app', version: '(devel)' },
  deps: [],
  settings: [
    { key: 'GOOS', value: 'linux' },
    { key: 'GOARCH', value: 'amd64' }
  ],
  ...over
})

describe('binaryModules', () => {
  it('the standard library at the toolchain, the main module, and each dependency as compiled', () => {
    expect(
      binaryModules(
        info({
          deps: [
            { path: 'github.com/a/x', version: 'v1.0.0', sum: 'h1:x' },
            {
              path: 'github.com/a/y',
              version: 'v1.0.0',
              replace: { path: 'github.com/a/y', version: 'v1.0.1', sum: 'h1:y' }
            },
            { path: 'github.com/a/z', version: 'v1.0.0', replace: { path: '../z', version: '' } }
          ]
        })
      )
    ).toEqual([
      { path: 'stdlib', version: 'v1.19.8', importPath: '' },
      { path: 'example.com/app', version: '(devel)', importPath: 'example.com/app' },
      { path: 'github.com/a/x', version: 'v1.0.0', importPath: 'github.com/a/x' },
      {
        path: 'github.com/a/y',
        version: 'v1.0.1',
        importPath: 'github.com/a/y',
        replaces: { path: 'github.com/a/y', version: 'v1.0.0' }
      },
      {
        path: '../z',
        version: '',
        importPath: 'github.com/a/z',
        replaces: { path: 'github.com/a/z', version: 'v1.0.0' }
      }
    ])
  })

  it('std packages have no dot in their first element, vendored ones included', () => {
    expect(
      ['net/http', 'vendor/golang.org/x/net/http2/hpack', 'internal/poll'].every(isStdPackage)
    ).toBe(true)
    expect(isStdPackage('github.com/a/x')).toBe(false)
  })
})

/** An entry as the database would serve it, through the same schema the client validates with. */
function entry(
  id: string,
  module: string,
  events: { introduced?: string; fixed?: string }[],
  imports?: { path: string; symbols?: string[]; goos?: string[] }[],
  over: Record<string, unknown> = {}
): OsvEntry {
  return osvEntrySchema.parse({
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [`CVE-2099-${id.slice(-4)}`],
    summary: `summary of ${id}`,
    affected: [
      {
        package: { name: module, ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events }],
        ...(imports ? { ecosystem_specific: { imports } } : {})
      }
    ],
    ...over
  })
}

const X = 'github.com/a/x'

function match(
  entries: OsvEntry[],
  names: string[],
  over: Partial<MatchOptions> = {},
  bi: BuildInfo = info({ deps: [{ path: X, version: 'v1.2.0' }] })
): ReturnType<typeof matchFindings> {
  const modules = binaryModules(bi)
  const byModule = new Map<string, OsvEntry[]>()
  for (const e of entries)
    for (const a of e.affected)
      byModule.set(a.package.name, [...(byModule.get(a.package.name) ?? []), e])
  return matchFindings({
    modules,
    entries: byModule,
    symbols: tableFromNames(names, bi.path),
    goos: 'linux',
    goarch: 'amd64',
    now: new Date('2025-01-01T00:00:00Z'),
    ...over
  })
}

const summary = (fs: ReturnType<typeof matchFindings>): unknown[] =>
  fs.map(f => [f.id, f.reachability, f.symbols, f.packages])

describe('matchFindings', () => {
  const names = [
    'github.com/a/x.Run',
    'github.com/a/x.(*Client).Do',
    'github.com/a/x/sub.Helper',
    'net/url.Parse',
    'main.main'
  ]

  it('reachable by symbol (a method as Type.Method), module-only, not affected, standard library', () => {
    const found = match(
      [
        entry(
          'GO-2099-0001',
          X,
          [{ introduced: '0' }, { fixed: '1.3.0' }],
          [{ path: X, symbols: ['Client.Do', 'Unused'] }]
        ),
        entry(
          'GO-2099-0002',
          X,
          [{ introduced: '0' }, { fixed: '1.3.0' }],
          [{ path: X, symbols: ['Unused'] }]
        ),
        entry(
          'GO-2099-0003',
          X,
          [{ introduced: '0' }, { fixed: '1.2.0' }],
          [{ path: X, symbols: ['Run'] }]
        ),
        entry(
          'GO-2099-0004',
          'stdlib',
          [{ introduced: '0' }, { fixed: '1.19.9' }],
          [{ path: 'net/url', symbols: ['Parse'] }]
        )
      ],
      names
    )
    expect(summary(found)).toEqual([
      ['GO-2099-0001', 'reachable', ['github.com/a/x.Client.Do'], [X]],
      ['GO-2099-0004', 'reachable', ['net/url.Parse'], ['net/url']],
      ['GO-2099-0002', 'module-only', [], []]
    ])
    expect(found[0]).toMatchObject({
      module: X,
      version: 'v1.2.0',
      fixed: 'v1.3.0',
      aliases: ['CVE-2099-0001'],
      summary: 'summary of GO-2099-0001'
    })
    expect(found[1]).toMatchObject({ module: 'stdlib', version: 'v1.19.8', fixed: 'v1.19.9' })
  })

  it('an import without symbols is the whole package; an affected without imports the whole module', () => {
    const found = match(
      [
        entry('GO-2099-0010', X, [{ introduced: '0' }], [{ path: `${X}/sub` }]),
        entry('GO-2099-0011', X, [{ introduced: '0' }], [{ path: `${X}/other` }]),
        entry('GO-2099-0012', X, [{ introduced: '0' }])
      ],
      names
    )
    expect(summary(found)).toEqual([
      ['GO-2099-0010', 'reachable', [], [`${X}/sub`]],
      ['GO-2099-0012', 'reachable', [], [X, `${X}/sub`]],
      ['GO-2099-0011', 'module-only', [], []]
    ])
  })

  it("a package is its longest module's: a nested module's package is not the outer module's", () => {
    const bi = info({
      deps: [
        { path: X, version: 'v1.2.0' },
        { path: `${X}/sub`, version: 'v0.1.0' }
      ]
    })
    const found = match(
      [entry('GO-2099-0013', X, [{ introduced: '0' }], [{ path: `${X}/sub` }])],
      names,
      {},
      bi
    )
    expect(summary(found)).toEqual([['GO-2099-0013', 'module-only', [], []]])
  })

  it('imports for another GOOS or GOARCH do not apply; an entry with only such imports does not either', () => {
    const found = match(
      [
        entry(
          'GO-2099-0020',
          X,
          [{ introduced: '0' }],
          [{ path: X, symbols: ['Run'], goos: ['windows'] }]
        ),
        entry(
          'GO-2099-0021',
          X,
          [{ introduced: '0' }],
          [
            { path: X, symbols: ['Run'], goos: ['windows'] },
            { path: X, symbols: ['Unused'], goos: ['linux'] }
          ]
        )
      ],
      names
    )
    expect(summary(found)).toEqual([['GO-2099-0021', 'module-only', [], []]])
  })

  it('a withdrawn entry is left out once its withdrawal time has passed', () => {
    const withdrawn = (at: string): OsvEntry =>
      entry('GO-2099-0030', X, [{ introduced: '0' }], [{ path: X, symbols: ['Run'] }], {
        withdrawn: at
      })
    expect(match([withdrawn('2024-06-01T00:00:00Z')], names)).toEqual([])
    expect(match([withdrawn('2026-06-01T00:00:00Z')], names)).toHaveLength(1)
  })

  it('(devel) and versionless directory replacements match nothing; a replacement is matched as itself', () => {
    const bi = info({
      main: { path: X, version: '(devel)' },
      deps: [
        { path: 'github.com/a/dir', version: 'v1.0.0', replace: { path: '../dir', version: '' } },
        {
          path: 'github.com/a/y',
          version: 'v1.0.0',
          replace: { path: 'github.com/a/y', version: 'v1.5.0' }
        },
        {
          path: 'github.com/a/old',
          version: 'v1.0.0',
          replace: { path: 'github.com/me/fork', version: 'v1.0.1' }
        }
      ]
    })
    const found = match(
      [
        entry('GO-2099-0040', X, [{ introduced: '0' }]),
        entry('GO-2099-0041', 'github.com/a/dir', [{ introduced: '0' }]),
        // The replacement's version, not the required one: v1.5.0 is past this fix, v1.0.0 would not be.
        entry('GO-2099-0042', 'github.com/a/y', [{ introduced: '0' }, { fixed: '1.2.0' }]),
        entry('GO-2099-0043', 'github.com/a/y', [{ introduced: '1.4.0' }, { fixed: '1.6.0' }]),
        // The fork's own entry, its packages named by its path; the binary's by the path the code imports.
        entry(
          'GO-2099-0044',
          'github.com/me/fork',
          [{ introduced: '0' }],
          [{ path: 'github.com/me/fork/db', symbols: ['Open'] }]
        ),
        entry('GO-2099-0045', 'github.com/a/old', [{ introduced: '0' }])
      ],
      ['github.com/a/old/db.Open', 'github.com/a/y.Do'],
      {},
      bi
    )
    expect(summary(found)).toEqual([
      ['GO-2099-0043', 'reachable', [], ['github.com/a/y']],
      ['GO-2099-0044', 'reachable', ['github.com/a/old/db.Open'], ['github.com/a/old/db']]
    ])
  })

  it('without a function table every affecting entry counts as reachable', () => {
    const found = match(
      [entry('GO-2099-0050', X, [{ introduced: '0' }], [{ path: X, symbols: ['Unused'] }])],
      names,
      {
        symbols: undefined
      }
    )
    expect(summary(found)).toEqual([['GO-2099-0050', 'reachable', [], []]])
  })

  it('vuln-allow lists an ID or an alias, in any case; allowed findings do not block', () => {
    const entries = [
      entry('GO-2099-0060', X, [{ introduced: '0' }], [{ path: X, symbols: ['Run'] }]),
      entry('GO-2099-0061', X, [{ introduced: '0' }], [{ path: X, symbols: ['Run'] }]),
      entry('GO-2099-0062', X, [{ introduced: '0' }], [{ path: X, symbols: ['Run'] }])
    ]
    const found = match(entries, names, {
      allow: [{ id: 'GO-2099-0060', reason: 'only with TLS off' }, { id: 'CVE-2099-0061' }]
    })
    expect(found.map(f => [f.id, f.allowed])).toEqual([
      ['GO-2099-0060', { id: 'GO-2099-0060', reason: 'only with TLS off' }],
      ['GO-2099-0061', { id: 'CVE-2099-0061' }],
      ['GO-2099-0062', undefined]
    ])
    expect(blocking(found).map(f => f.id)).toEqual(['GO-2099-0062'])
    expect(failureMessage(found)).toBe(
      'vulnerabilities: 1 reachable known vulnerability in the binary: GO-2099-0062 (github.com/a/x@v1.2.0). ' +
        'Upgrade the modules (or Go) to the fixed versions, or list the IDs in vuln-allow with the reason they are accepted.'
    )
    expect(failureMessage(found.slice(0, 2))).toBeUndefined()
  })
})

describe('onDatabaseError', () => {
  it('with report, never fails: what is not the database failing is a warning too', () => {
    const bug = new TypeError('x is undefined')
    const warnings: string[] = []
    const said = onDatabaseError('report', bug, w => warnings.push(w))
    expect(warnings).toEqual([
      'vulnerabilities: the check against vuln-db failed (x is undefined). The vulnerability check was skipped.'
    ])
    expect(said).toBe(warnings[0])
  })

  it('with fail, rethrows what is not the database failing as it is', () => {
    const bug = new TypeError('x is undefined')
    expect(() => onDatabaseError('fail', bug, () => undefined)).toThrow(bug)
  })

  it('keeps the kind when it fails the step', () => {
    const e = new VulnDbError(
      'vuln-db: https://db.example/index/db.json.gz answered HTTP 500.',
      'status'
    )
    let thrown: unknown
    try {
      onDatabaseError('fail', e, () => undefined)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(VulnDbError)
    expect((thrown as VulnDbError).kind).toBe('status')
  })
})

describe('functionNames of a real stripped binary', () => {
  let stripped: Buffer

  // json.NewEncoder is small enough to be inlined into main.main: it is in no functab entry, only the inline tree.
  const INLINED =
    'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() { _ = json.NewEncoder(os.Stdout).Encode(1) }\n'

  beforeAll(async () => {
    stripped = await goBuild(await goMainDir('gsi-vuln-names-', INLINED), 'app', '-s -w')
  }, 120_000)

  it("holds the pclntab's functions and, from the inline trees, what was inlined into them", () => {
    const names = functionNames(stripped)
    if (typeof names === 'string') throw new Error(names)
    const elf = readElf(stripped)!
    const sec = elf.sections.find(s => s.name === '.gopclntab')!
    const funcs = pclntabShares(stripped.subarray(sec.offset, sec.offset + sec.size), true)!.funcs
    expect(funcs.map(f => f.name)).not.toContain('encoding/json.NewEncoder')
    expect(names).toContain('encoding/json.NewEncoder')
    expect(names).toEqual(expect.arrayContaining(funcs.map(f => f.name)))
    const table = tableFromNames(names, 'app')
    expect(table.get('encoding/json')).toContain('Encoder.Encode')
    expect(table.get('encoding/json')).toContain('NewEncoder')
  })

  it('says why for what is no Go ELF binary', () => {
    expect(functionNames(Buffer.from('#!/bin/sh\n'))).toBe('not an ELF file')
  })
})
