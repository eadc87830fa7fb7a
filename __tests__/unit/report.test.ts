// The report's diff (packages with signs, modules with versions) and its reader's checks.
import { describe, expect, it } from '@jest/globals'
import {
  attachedReport,
  diffReports,
  moduleDiff,
  packageDiff,
  reportModules
} from '../../src/report/report.js'
import { parseReport } from '../../src/report/schema.js'
import { renderSummary } from '../../src/report/summary.js'
import { BASE_MODULES, BASE_PACKAGES, BASELINE, compared, report } from '../report-samples.js'

describe('packageDiff', () => {
  it('signs, new and gone packages, growth first, and a total that is the sum of all deltas', () => {
    const d = packageDiff(
      [
        { name: 'a', bytes: 100 },
        { name: 'b', bytes: 50 },
        { name: 'gone', bytes: 30 },
        { name: 'same', bytes: 7 }
      ],
      [
        { name: 'a', bytes: 90 },
        { name: 'b', bytes: 55 },
        { name: 'new', bytes: 1000 },
        { name: 'same', bytes: 7 }
      ]
    )
    expect(d.packages).toEqual([
      { name: 'new', new: 1000, delta: 1000 },
      { name: 'b', old: 50, new: 55, delta: 5 },
      { name: 'gone', old: 30, delta: -30 },
      { name: 'a', old: 100, new: 90, delta: -10 }
    ])
    expect(d.total).toBe(965)
  })
})

describe('moduleDiff', () => {
  it('added, removed and changed versions, replacements included', () => {
    expect(
      moduleDiff(
        [
          { path: 'golang.org/x/net', version: 'v0.20.0' },
          { path: 'old.example/m', version: 'v1.0.0' },
          { path: 'r.example/m', version: 'v1.0.0', replace: { path: '../m' } }
        ],
        [
          { path: 'golang.org/x/net', version: 'v0.23.0' },
          { path: 'new.example/m', version: 'v0.1.0' },
          {
            path: 'r.example/m',
            version: 'v1.0.0',
            replace: { path: 'fork.example/m', version: 'v1.0.1' }
          }
        ]
      )
    ).toEqual([
      { path: 'golang.org/x/net', change: 'changed', old: 'v0.20.0', new: 'v0.23.0' },
      { path: 'new.example/m', change: 'added', new: 'v0.1.0' },
      { path: 'old.example/m', change: 'removed', old: 'v1.0.0' },
      {
        path: 'r.example/m',
        change: 'changed',
        old: 'v1.0.0 => ../m',
        new: 'v1.0.0 => fork.example/m v1.0.1'
      }
    ])
  })

  it('reads modules from build information, main module first', () => {
    expect(
      reportModules({
        goVersion: 'go1.22.5',
        path: 'example.com/app',
        main: { path: 'example.com/app', version: '(devel)' },
        deps: [
          {
            path: 'a.example/m',
            version: 'v1.2.3',
            sum: 'h1:x',
            replace: { path: '../a', version: '' }
          }
        ],
        settings: []
      })
    ).toEqual([
      { path: 'example.com/app', version: '(devel)' },
      { path: 'a.example/m', version: 'v1.2.3', replace: { path: '../a' } }
    ])
  })
})

describe('diffReports', () => {
  const now = report(1, 1, BASE_PACKAGES, BASE_MODULES)
  it('says why packages are missing: no report, none measured on either side, another platform', () => {
    expect(diffReports('r:main', undefined, now).missing).toBe(
      'r:main has no go-scratch-image report.'
    )
    const unmeasured = {
      ...BASELINE,
      binary: { ...BASELINE.binary!, packages: undefined, packagesMissing: 'package-sizes: false' }
    }
    expect(diffReports('r:main', unmeasured, now)).toMatchObject({
      missing: 'the report of r:main has no package sizes (package-sizes: false).',
      modules: []
    })
    const arm = { ...BASELINE, binary: { ...BASELINE.binary!, platform: 'linux/arm64' } }
    expect(diffReports('r:main', arm, now).missing).toContain('linux/arm64')
  })

  it("names the baseline's method when it differs; a report without one was relinked", () => {
    const inPlace = { ...now, binary: { ...now.binary!, packagesMethod: 'in place' as const } }
    const before = diffReports('r:main', BASELINE, inPlace)
    expect(before).toMatchObject({ method: 'in place', baselineMethod: 'relink' })
    const both = {
      ...BASELINE,
      binary: { ...BASELINE.binary!, packagesMethod: 'in place' as const }
    }
    const same = diffReports('r:main', both, inPlace)
    expect(same.method).toBe('in place')
    expect(same).not.toHaveProperty('baselineMethod')
    expect(diffReports('r:main', BASELINE, now)).toMatchObject({ method: 'relink' })
    expect(diffReports('r:main', BASELINE, now)).not.toHaveProperty('baselineMethod')
  })
})

describe('parseReport', () => {
  it('reads back what a build writes, and the attached part leaves out the run', () => {
    const file = compared(BASELINE)
    expect(parseReport(JSON.stringify(file), 'f')).toEqual(file)
    const attached = attachedReport(file)
    expect(Object.keys(attached).sort()).toEqual(
      ['binary', 'digest', 'goVersion', 'image', 'mediaType', 'platforms', 'schemaVersion'].sort()
    )
  })

  it('refuses other JSON, another schema version, and missing parts, naming the source', () => {
    expect(() => parseReport('nope', 'f.json')).toThrow(/^f\.json is not JSON/)
    expect(() => parseReport(JSON.stringify({ ...BASELINE, schemaVersion: 2 }), 'f.json')).toThrow(
      /schema version 2; this version of the action reads 1/
    )
    expect(() => parseReport(JSON.stringify({ ...BASELINE, platforms: 3 }), 'f.json')).toThrow(
      /^f\.json: platforms is number 3, not a list\. Post the file that the build step's report output names/
    )
  })
})

describe('the job summary', () => {
  it('gains the module changes and package deltas against the baseline, or why they are missing', () => {
    const now = report(
      2_700_000,
      6_400_000,
      [...BASE_PACKAGES, { name: 'encoding/xml', bytes: 40_000 }],
      [
        ...BASE_MODULES.filter(m => m.path !== 'golang.org/x/net'),
        { path: 'golang.org/x/net', version: 'v0.23.0' }
      ]
    )
    const d = compared(now).comparison!.packages
    const base = {
      imageRef: '',
      digest: now.digest,
      tags: [],
      pushed: false,
      goVersion: '1.22.5',
      binarySize: 1,
      sizes: now.platforms,
      comparisons: [],
      gateFailures: []
    }
    const md = renderSummary({ ...base, packageDeltas: d })
    expect(md).toContain('### Go packages and modules against `127.0.0.1:5000/acme/app:main`')
    expect(md).toContain('- <code>golang.org/x/net v0.20.0 → v0.23.0</code>')
    expect(md).toContain('| <code>encoding/xml</code> | new | 40,000 | +39.1 KiB (+40,000 B) |')
    expect(md).not.toContain('<details>')
    const none = renderSummary({
      ...base,
      packageDeltas: diffReports(
        'r:main',
        undefined,
        now,
        'r:main has no go-scratch-image report attached.'
      )
    })
    expect(none).toContain(
      'Go packages: not compared, r:main has no go-scratch-image report attached.'
    )
  })
})
