// The pull request comment's Markdown, snapshot-tested for a build that grew, one that shrank and one unchanged.
import { describe, expect, it } from '@jest/globals'
import { commentMarker } from '../../src/comment/escape.js'
import { renderComment as render } from '../../src/comment/render.js'
import { signedBytes } from '../../src/report/summary.js'
import type { Report } from '../../src/report/report.js'
import { BASE_MODULES, BASE_PACKAGES, BASELINE, compared, report } from '../report-samples.js'

const grown = compared(
  report(
    2_771_234,
    6_603_264,
    [
      ...BASE_PACKAGES.filter(p => p.name !== 'golang.org/x/net/http2'),
      { name: 'golang.org/x/net/http2', bytes: 318_900 },
      { name: 'encoding/xml', bytes: 262_144 }
    ],
    [
      ...BASE_MODULES.filter(m => m.path !== 'golang.org/x/net'),
      { path: 'golang.org/x/net', version: 'v0.23.0' },
      { path: 'github.com/google/uuid', version: 'v1.6.0' }
    ]
  ),
  { maxSize: 4_000_000, increase: '5%' }
)

const shrunk = compared(
  report(
    2_520_000,
    6_000_128,
    BASE_PACKAGES.filter(p => p.name !== 'encoding/json').map(p =>
      p.name === 'runtime' ? { ...p, bytes: p.bytes - 1_000 } : p
    ),
    BASE_MODULES.filter(m => m.path !== 'golang.org/x/text')
  ),
  { maxSize: 4_000_000 }
)

const same = compared(report(2_650_000, 6_300_160, BASE_PACKAGES, BASE_MODULES), {})

const MARKER = commentMarker('127.0.0.1:5000/acme/app')
const renderComment = (r: Report): string =>
  render(r, { marker: MARKER, runsUrl: 'https://github.com/acme/app/actions/runs/' })

describe('renderComment', () => {
  it('growth: verdict with the limits, signed deltas, the new package, the module bump and the run', () => {
    const md = renderComment(grown)
    expect(md).toMatchSnapshot()
    expect(md.startsWith(MARKER + '\n### Image size: <code>127.0.0.1:5000/acme/app</code>\n')).toBe(
      true
    )
    expect(md).toContain(
      ':white_check_mark: **Within budget**: max-size 4MB (4,000,000 B), max-size-increase 5%.'
    )
    expect(md).toContain('| <code>encoding/xml</code> | new | 262,144 | +256.0 KiB (+262,144 B) |')
    expect(md).toContain('- <code>golang.org/x/net v0.20.0 → v0.23.0</code>')
    expect(md).toContain('- added <code>github.com/google/uuid v1.6.0</code>')
    expect(md).toContain('[the run](https://github.com/acme/app/actions/runs/42)')
    expect(md).toContain('<details>')
  })

  it('shrink: negative deltas, the package that is gone, the removed module', () => {
    const md = renderComment(shrunk)
    expect(md).toMatchSnapshot()
    expect(md).toContain(
      '| <code>encoding/json</code> | 120,400 | gone | -117.6 KiB (-120,400 B) |'
    )
    expect(md).toContain('- removed <code>golang.org/x/text v0.14.0</code>')
    expect(md).toContain(`${signedBytes(2_520_000 - 2_650_000)}`)
  })

  it('no change: zero deltas, no package or module section, no budget', () => {
    const md = renderComment(same)
    expect(md).toMatchSnapshot()
    expect(md).toContain('Go packages: no package changed size.')
    expect(md).toContain('Layers: no layer changed')
    expect(md).toContain('No size budget is set')
    expect(md).not.toContain('**Modules**')
  })

  it('over budget: the failures are the verdict', () => {
    const md = renderComment(
      compared(grown, { maxSize: 2_000_000, failures: ['max-size: linux/amd64 is 2.87 MiB …'] })
    )
    expect(md).toContain(':x: **Over budget**\n\n- max-size: linux/amd64 is 2.87 MiB …')
  })

  it('a baseline without a report: layer deltas, and why packages are missing', () => {
    const r = compared(grown)
    r.comparison!.packages = {
      baseline: r.comparison!.baseline,
      packages: [],
      total: 0,
      modules: [],
      missing: '127.0.0.1:5000/acme/app:main has no go-scratch-image report.'
    }
    const md = renderComment(r)
    expect(md).toContain(
      'Go packages: not compared, 127.0.0.1:5000/acme/app:main has no go-scratch-image report.'
    )
    expect(md).toContain('Layers: binary changed')
  })

  it("says how the packages were measured, and when the baseline's method differs", () => {
    const c = grown.comparison!
    const withMethods = (m: object): string =>
      renderComment({ ...grown, comparison: { ...c, packages: { ...c.packages!, ...m } } })
    const relinked = withMethods({ method: 'relink' })
    expect(relinked).toContain('(from an unstripped relink of the same build)')
    expect(relinked).not.toContain("The baseline's sizes were")
    const upgraded = withMethods({ method: 'in place', baselineMethod: 'relink' })
    expect(upgraded).toContain('(read from the stripped binary: functions from its pclntab')
    expect(upgraded).toContain(
      "The baseline's sizes were relinked and this build's read in place (an upgrade of this action)"
    )
  })

  it('no comparison: totals only', () => {
    const md = renderComment({ ...BASELINE, run: undefined })
    expect(md).toContain('| linux/amd64 | 2.76 MiB (2,894,874 B) |')
    expect(md).not.toContain('delta')
  })
})
