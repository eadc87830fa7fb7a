// What the findings become: the size report's section (and reading a baseline's back), the outputs, the job summary, the comment's verdict and new-findings table, with nothing from the database reaching Markdown unescaped, and the SBOM's vulnerabilities.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import { cyclonedxBom } from '../../src/sbom/cyclonedx.js'
import type { ImageContents } from '../../src/sbom/contents.js'
import type { VulnCheckResult } from '../../src/vuln/check.js'
import { mdText } from '../../src/vuln/markdown.js'
import type { VulnFinding } from '../../src/vuln/match.js'
import { vulnNewTable, vulnSummary, vulnVerdict } from '../../src/vuln/render.js'
import {
  combineSections,
  mergeFindings,
  readVulnSection,
  skippedSection,
  vulnOutputs,
  vulnSection,
  type VulnSection
} from '../../src/vuln/report.js'
import { addVulnerabilities, spdxVulnerabilityNote } from '../../src/vuln/sbom.js'
import { cyclonedxValidator } from './sbom-fixture.js'

const finding = (over: Partial<VulnFinding> & Pick<VulnFinding, 'id'>): VulnFinding => ({
  aliases: [],
  summary: `summary of ${over.id}`,
  module: 'github.com/google/uuid',
  version: 'v1.3.0',
  fixed: 'v1.3.1',
  packages: ['github.com/google/uuid'],
  symbols: ['github.com/google/uuid.NewString'],
  reachability: 'reachable',
  ...over
})

const REACHABLE = finding({ id: 'GO-2099-0001', aliases: ['CVE-2099-10001'] })
const STD = finding({
  id: 'GO-2099-0004',
  module: 'stdlib',
  version: 'v1.19.8',
  fixed: 'v1.19.9',
  packages: ['net/url'],
  symbols: ['net/url.Parse'],
  allowed: { id: 'CVE-2099-10004', reason: 'URLs come from our own config' }
})
const MODULE_ONLY = finding({
  id: 'GO-2099-0002',
  summary: 'DCE <b>identifiers</b> | leak the *host* [id](https://evil.example) @octocat',
  fixed: 'v1.3.2',
  packages: [],
  symbols: [],
  reachability: 'module-only'
})

const result = (platform: string, findings: VulnFinding[]): VulnCheckResult => ({
  database: { url: 'https://vuln.go.dev', modified: '2024-01-08T10:00:00Z' },
  goVersion: 'go1.19.8',
  platform,
  findings
})

const SECTION = vulnSection([result('linux/amd64', [REACHABLE, STD, MODULE_ONLY])])

describe('the report section and the outputs', () => {
  it('counts reachable, blocking (reachable and not allowed) and module-only findings', () => {
    expect(SECTION).toMatchObject({
      schemaVersion: 1,
      database: { url: 'https://vuln.go.dev', modified: '2024-01-08T10:00:00Z' },
      reachable: 2,
      blocking: 1,
      moduleOnly: 1
    })
    const out = vulnOutputs(SECTION)
    expect(out['vulnerability-count']).toBe('1')
    expect(JSON.parse(out.vulnerabilities!)).toEqual([
      { ...REACHABLE, platforms: ['linux/amd64'] },
      { ...STD, platforms: ['linux/amd64'] },
      { ...MODULE_ONLY, platforms: ['linux/amd64'] }
    ])
  })

  it('merges platforms: reachable on one is reachable, with what each found', () => {
    const arm = finding({ id: 'GO-2099-0001', symbols: ['github.com/google/uuid.NewRandom'] })
    const merged = mergeFindings([
      result('linux/amd64', [
        { ...REACHABLE, reachability: 'module-only', symbols: [], packages: [] }
      ]),
      result('linux/arm64', [arm])
    ])
    expect(merged).toEqual([
      {
        ...REACHABLE,
        reachability: 'reachable',
        symbols: ['github.com/google/uuid.NewRandom'],
        packages: ['github.com/google/uuid'],
        platforms: ['linux/amd64', 'linux/arm64']
      }
    ])
  })

  it("a monorepo's images as one section: every image's findings, counted once, platforms named by image", () => {
    const a = vulnSection([result('linux/amd64', [STD])])
    const b = vulnSection([result('linux/amd64', [REACHABLE, STD, MODULE_ONLY])])
    const run = combineSections(
      [
        { name: 'api', section: a },
        { name: 'worker', section: b }
      ],
      true
    )
    // The second image's reachable finding counts: a run-wide count is not the first image's alone.
    expect(run).toMatchObject({ reachable: 2, blocking: 1, moduleOnly: 1, database: a.database })
    expect(run.findings.map(f => [f.id, f.platforms])).toEqual([
      ['GO-2099-0001', ['worker: linux/amd64']],
      ['GO-2099-0004', ['api: linux/amd64', 'worker: linux/amd64']],
      ['GO-2099-0002', ['worker: linux/amd64']]
    ])
    expect(vulnOutputs(run)['vulnerability-count']).toBe('1')
    // One image: the platforms stay as they were.
    expect(combineSections([{ name: 'api', section: b }], false)).toEqual(b)
  })

  it("reads a baseline's section back through its schema, and says why it cannot", () => {
    expect(readVulnSection(JSON.parse(JSON.stringify(SECTION)))).toEqual(SECTION)
    expect(readVulnSection(undefined)).toEqual({
      missing: 'the report has no vulnerabilities section'
    })
    expect(readVulnSection({ schemaVersion: 2 })).toEqual({
      missing: 'its vulnerabilities section is version 2, not 1'
    })
    const tampered = JSON.parse(JSON.stringify(SECTION)) as { findings: { reachability: string }[] }
    tampered.findings[0]!.reachability = 'maybe'
    expect(readVulnSection(tampered)).toEqual({
      missing: 'its vulnerabilities section is not valid'
    })
  })
})

describe('the job summary', () => {
  const md = vulnSummary(SECTION)

  it('shows the reachable findings in a table, module-only ones folded', () => {
    expect(md).toContain(
      '**2 reachable vulnerabilities** (1 allowed by vuln-allow), 1 in a module only. Checked against ' +
        'https\\:\\/\\/vuln\\.go\\.dev (modified 2024\\-01\\-08T10\\:00\\:00Z).'
    )
    const lines = md.split('\n')
    expect(lines).toContain(
      '| [GO\\-2099\\-0001](https://pkg.go.dev/vuln/GO-2099-0001) (CVE\\-2099\\-10001)<br>summary of GO\\-2099\\-0001 ' +
        '| github\\.com\\/google\\/uuid | v1\\.3\\.0 | v1\\.3\\.1 | github\\.com\\/google\\/uuid\\.NewString | **reachable** |'
    )
    // The standard library's versions as Go's tags; the allow reason shown.
    expect(lines).toContain(
      '| [GO\\-2099\\-0004](https://pkg.go.dev/vuln/GO-2099-0004)<br>summary of GO\\-2099\\-0004 | stdlib | go1\\.19\\.8 ' +
        '| go1\\.19\\.9 | net\\/url\\.Parse | reachable, allowed: URLs come from our own config |'
    )
    expect(md).toContain(
      '<summary>1 vulnerability in a module only: the vulnerable code is not in the binary</summary>'
    )
  })

  it("escapes the database's text: no HTML, link, emphasis, mention or extra cell", () => {
    expect(md).toContain(
      'DCE &lt;b&gt;identifiers&lt;\\/b&gt; \\| leak the \\*host\\* \\[id\\]\\(https\\:\\/\\/evil\\.example\\) \\@octocat'
    )
    expect(md).not.toContain('<b>')
    expect(md).not.toContain('](https://evil')
  })

  it('says when nothing was found, and when nothing was checked', () => {
    expect(vulnSummary(vulnSection([result('linux/amd64', [])]))).toContain(
      "No known vulnerability affects the binary's modules. Checked against"
    )
    expect(
      vulnSummary(
        skippedSection('vuln-db: cannot reach https://vuln.go.dev/index/db.json.gz (ENOTFOUND).')
      )
    ).toContain('Not checked: vuln\\-db\\: cannot reach https\\:\\/\\/vuln\\.go\\.dev')
  })
})

describe('mdText (property)', () => {
  it('leaves no character that starts Markdown or HTML unescaped, and no line break', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), raw => {
        const out = mdText(raw, 1000)
        expect(out).not.toMatch(/[<>]/)
        expect([...out].some(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false)
        // Every ASCII punctuation mark is escaped, or is part of an entity we wrote.
        const rest = out.replace(/&(?:amp|lt|gt);/g, '').replace(/\\[!-/:-@[-`{-~]/g, '')
        expect(rest).not.toMatch(/[!-/:-@[-`{-~]/)
      })
    )
  })
})

describe("the comment's verdict and new findings", () => {
  const section = (findings: VulnFinding[]): VulnSection =>
    vulnSection([result('linux/amd64', findings)])
  const fixedA = finding({ id: 'GO-2099-0101' })
  const fixedB = finding({ id: 'GO-2099-0102' })
  const baseline = section([fixedA, fixedB, MODULE_ONLY])

  it('adds 1 reachable vulnerability, fixes 2', () => {
    expect(vulnVerdict(section([REACHABLE, MODULE_ONLY]), baseline)).toBe(
      'adds 1 reachable vulnerability, fixes 2'
    )
    expect(vulnVerdict(section([REACHABLE, STD]), section([]))).toBe(
      'adds 2 reachable vulnerabilities (1 allowed)'
    )
    expect(vulnVerdict(section([]), baseline)).toBe('fixes 2')
    expect(vulnVerdict(baseline, baseline)).toBe('no change in reachable vulnerabilities (2)')
    expect(vulnVerdict(section([MODULE_ONLY]), section([]))).toBe('no reachable vulnerabilities')
    expect(vulnVerdict(section([REACHABLE]))).toBe('1 reachable vulnerability')
    expect(vulnVerdict(skippedSection('x'), baseline)).toBe('vulnerabilities not checked')
  })

  it('folds a table of what is new: unknown to the baseline, or module-only there and reachable now', () => {
    const nowReachable = {
      ...MODULE_ONLY,
      reachability: 'reachable' as const,
      symbols: ['github.com/google/uuid.NewDCEPerson']
    }
    const md = vulnNewTable(section([REACHABLE, nowReachable, fixedA]), baseline)
    expect(md.split('\n')[1]).toBe(
      '<summary>New known vulnerabilities against the baseline: 2 reachable, 0 in a module only</summary>'
    )
    expect(md).toContain('GO\\-2099\\-0001')
    expect(md).toContain('GO\\-2099\\-0002')
    expect(md).not.toContain('GO\\-2099\\-0101')
    expect(vulnNewTable(baseline, baseline)).toBe('')
    expect(vulnNewTable(section([REACHABLE]))).toBe('')
  })
})

describe('the SBOM', () => {
  const contents: ImageContents = {
    platform: 'linux/amd64',
    name: '127.0.0.1:5000/app',
    manifest: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 100
    },
    created: '2023-11-14T22:13:20Z',
    binary: {
      path: 'app',
      layer: 'binary',
      size: 10,
      sha256: 'b'.repeat(64),
      sha1: 'c'.repeat(40)
    },
    go: {
      toolchain: 'go1.19.8',
      stdlibPurl: 'pkg:golang/stdlib@go1.19.8',
      package: 'example.com/vulnapp',
      main: { path: 'example.com/vulnapp', purl: 'pkg:golang/example.com/vulnapp' },
      deps: [
        {
          path: 'github.com/google/uuid',
          version: 'v1.3.0',
          purl: 'pkg:golang/github.com/google/uuid@v1.3.0'
        }
      ],
      settings: []
    },
    files: []
  }

  it('CycloneDX: exploitable for reachable, not_affected / code_not_reachable for module-only, valid 1.6', () => {
    const bom = cyclonedxBom(contents)
    addVulnerabilities(bom, [
      REACHABLE,
      STD,
      MODULE_ONLY,
      finding({ id: 'GO-2099-0999', module: 'github.com/not/here' })
    ])
    const json = new Serialize.JsonSerializer(
      new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6)
    ).serialize(bom, {
      sortLists: true
    })
    const doc = JSON.parse(json) as { vulnerabilities: Record<string, unknown>[] }
    const validate = cyclonedxValidator()
    expect([validate(doc), validate.errors]).toEqual([true, null])
    expect(doc.vulnerabilities).toEqual([
      {
        'bom-ref': 'vuln:GO-2099-0001:github.com/google/uuid',
        id: 'GO-2099-0001',
        source: { name: 'Go Vulnerability Database', url: 'https://pkg.go.dev/vuln/GO-2099-0001' },
        references: [{ id: 'CVE-2099-10001', source: { name: 'NVD' } }],
        description: 'summary of GO-2099-0001',
        recommendation: 'Upgrade github.com/google/uuid to v1.3.1.',
        analysis: {
          state: 'exploitable',
          detail: "Reachable: github.com/google/uuid.NewString in the binary's function table."
        },
        affects: [
          {
            ref: 'pkg:golang/github.com/google/uuid@v1.3.0',
            versions: [{ version: 'v1.3.0', status: 'affected' }]
          }
        ]
      },
      expect.objectContaining({
        id: 'GO-2099-0002',
        analysis: {
          state: 'not_affected',
          justification: 'code_not_reachable',
          detail: "None of its vulnerable symbols is in the binary's function table."
        }
      }),
      expect.objectContaining({
        id: 'GO-2099-0004',
        recommendation: 'Upgrade stdlib to go1.19.9.',
        analysis: {
          state: 'exploitable',
          detail:
            "Reachable: net/url.Parse in the binary's function table. Accepted by vuln-allow: URLs come from our own config."
        },
        affects: [
          {
            ref: 'pkg:golang/stdlib@go1.19.8',
            versions: [{ version: 'go1.19.8', status: 'affected' }]
          }
        ]
      })
    ])
  })

  it('SPDX: a note, one line per finding', () => {
    expect(spdxVulnerabilityNote([REACHABLE, MODULE_ONLY, STD]).split('\n')).toEqual([
      "Known vulnerabilities (Go vulnerability database, checked against the binary's function table):",
      'GO-2099-0001 in github.com/google/uuid v1.3.0: reachable, fixed in v1.3.1',
      'GO-2099-0002 in github.com/google/uuid v1.3.0: not reachable (module only), fixed in v1.3.2',
      'GO-2099-0004 in stdlib go1.19.8: reachable, fixed in go1.19.9, accepted by vuln-allow (URLs come from our own config)'
    ])
    expect(spdxVulnerabilityNote([])).toBe('')
  })
})
