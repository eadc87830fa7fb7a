// The vulnerability check as the action wires it: its stages' promises (report never fails, fail stops the gate,
// off fetches nothing), the gate taking fail's verdict, and where a section lands: the size report read back
// (parseReport keeps it), the comment's verdict line against a baseline's section (validated: the report may be
// a fork's), the summary (fail's verdict escaped, not under the size budget), the outputs and the SBOMs.
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { commentMarker } from '../../src/comment/escape.js'
import { renderComment } from '../../src/comment/render.js'
import { actionOutputs } from '../../src/edge.js'
import type { Result } from '../../src/pipeline/result.js'
import { gateStage } from '../../src/report/gate.js'
import type { Report } from '../../src/report/report.js'
import { parseReport } from '../../src/report/schema.js'
import { renderSummary } from '../../src/report/summary.js'
import type { VulnCheckResult } from '../../src/vuln/check.js'
import type { VulnDb } from '../../src/vuln/database.js'
import type { VulnOptions } from '../../src/vuln/inputs.js'
import { maskCredentials } from '../../src/go/mirror.js'
import type { VulnFinding } from '../../src/vuln/match.js'
import { vulnSection } from '../../src/vuln/report.js'
import { vulnDbStage, vulnsStage } from '../../src/vuln/stages.js'
import { fakeLogger } from './helpers.js'
import { report as sampleReport } from '../report-samples.js'

const finding = (
  id: string,
  reachability: VulnFinding['reachability'],
  more: Partial<VulnFinding> = {}
): VulnFinding => ({
  id,
  aliases: [],
  summary: `Issue <b>${id}</b> [x](https://evil.example)`,
  module: 'github.com/google/uuid',
  version: 'v1.3.0',
  fixed: 'v1.3.1',
  packages: ['github.com/google/uuid'],
  symbols: reachability === 'reachable' ? ['github.com/google/uuid.NewString'] : [],
  reachability,
  ...more
})

const result = (findings: VulnFinding[]): VulnCheckResult => ({
  database: { url: 'http://127.0.0.1:1', modified: '2024-01-08T10:00:00Z' },
  goVersion: 'go1.19.8',
  platform: 'linux/amd64',
  findings
})

const report: VulnOptions = {
  vulnerabilities: 'report',
  vulnDb: 'http://127.0.0.1:1',
  vulnAllow: []
}

/** A database whose lookups fail as a bug would: not the database's error. */
const brokenDb: VulnDb = {
  url: 'http://127.0.0.1:1',
  modified: '2024-01-08T10:00:00Z',
  entriesFor: () => Promise.reject(new TypeError('x is undefined'))
}

describe('the stages', () => {
  it('report: an error that is not the database failing is a warning, and the section says why', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gsi-vuln-wiring-'))
    const log = fakeLogger()
    const binaries = new Map([['linux/amd64', { path: path.join(dir, 'missing') }]])
    const out = await vulnsStage(report).run({ binaries, vulnDb: { db: brokenDb } }, log)
    expect(out.failure).toBeUndefined()
    expect(out.section.skipped).toMatch(
      /^vulnerabilities: the check against vuln-db failed \(ENOENT/
    )
    expect(log.warnings).toEqual([out.section.skipped])
  })

  it('fail: the same error fails the step; a database that could not be opened too', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gsi-vuln-wiring-'))
    const bin = path.join(dir, 'bin')
    await writeFile(bin, 'not an ELF file')
    const fail = { ...report, vulnerabilities: 'fail' as const }
    const binaries = new Map([['linux/amd64', { path: bin }]])
    await expect(
      vulnsStage(fail).run({ binaries, vulnDb: { db: brokenDb } }, fakeLogger())
    ).rejects.toThrow()
    await expect(
      vulnsStage(fail).run(
        { binaries, vulnDb: { skipped: 'vuln-db: cannot reach it.' } },
        fakeLogger()
      )
    ).rejects.toThrow('vuln-db: cannot reach it.')
  })

  it('report: a database that cannot be reached is a warning naming vuln-db, never an error', async () => {
    const log = fakeLogger()
    const refusing = (() =>
      Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch
    const out = await vulnDbStage(
      { ...report, vulnDb: 'http://127.0.0.1:1' },
      { fetch: Object.assign(refusing, { timeoutMs: 1 }), toolCacheDir: os.tmpdir() }
    ).run({}, log)
    expect(out).toEqual({
      skipped: expect.stringMatching(
        /^vuln-db: cannot reach http:\/\/127\.0\.0\.1:1\/index\/db\.json\.gz/
      )
    })
    expect(log.warnings).toEqual([(out as { skipped: string }).skipped])
  })

  it("the gate adds fail's verdict to its failures (so nothing is pushed), and nothing else", async () => {
    const images = { images: [] }
    const gate = gateStage({}, fakeLogger())
    expect(
      (
        await gate.run(
          { images, comparisons: [], vulns: { failure: 'vulnerabilities: 1 reachable.' } },
          fakeLogger()
        )
      ).failures
    ).toEqual(['vulnerabilities: 1 reachable.'])
    expect((await gate.run({ images, comparisons: [], vulns: {} }, fakeLogger())).failures).toEqual(
      []
    )
    expect(
      (await gate.run({ images, comparisons: [], vulns: undefined }, fakeLogger())).failures
    ).toEqual([])
  })
})

describe('where the section lands', () => {
  const now = vulnSection([
    result([finding('GO-2099-0001', 'reachable'), finding('GO-2099-0002', 'module-only')])
  ])
  const before = vulnSection([result([finding('GO-2099-0003', 'reachable')])])

  const base = sampleReport(1000, 2000, [], [])
  /** This run's report: its section, and the baseline's in the comparison. */
  const withBaseline: Report = {
    ...base,
    vulnerabilities: now,
    comparison: {
      baseline: 'b',
      platforms: [],
      packages: { baseline: 'b', packages: [], total: 0, modules: [] },
      vulnerabilities: before
    }
  }

  it('the size report keeps it, and the baseline section in its comparison, through parseReport', () => {
    const read = parseReport(JSON.stringify(withBaseline), 'the report')
    expect(read.vulnerabilities).toEqual(JSON.parse(JSON.stringify(now)))
    expect(read.comparison?.vulnerabilities).toEqual(JSON.parse(JSON.stringify(before)))
  })

  it('the comment: the verdict line and the new findings against the baseline; a section that does not validate is left out', () => {
    const marker = commentMarker('127.0.0.1:5000/acme/app')
    const md = renderComment(withBaseline, { marker })
    expect(md).toContain('**Known vulnerabilities**: adds 1 reachable vulnerability, fixes 1.')
    expect(md).toContain(
      '<summary>New known vulnerabilities against the baseline: 1 reachable, 1 in a module only</summary>'
    )
    expect(md).not.toMatch(/<b>GO|\]\(https:\/\/evil/)
    // A fork's report whose section was tampered with: no line, no failure.
    const tampered = renderComment(
      { ...base, vulnerabilities: { ...now, findings: [{ id: 1 }] } },
      { marker }
    )
    expect(tampered).not.toContain('Known vulnerabilities')
    expect(renderComment({ ...base, vulnerabilities: now }, { marker })).toContain(
      '**Known vulnerabilities**: 1 reachable vulnerability.'
    )
  })

  it("the summary: the section, and fail's verdict escaped with it rather than under the size budget", () => {
    const failure =
      'vulnerabilities: 1 reachable known vulnerability in the binary: GO-2099-0001 (<b>x</b>).'
    const md = renderSummary({
      imageRef: '',
      digest: 'sha256:abc',
      tags: [],
      pushed: false,
      goVersion: '1.19.8',
      binarySize: 1,
      sizes: [],
      comparisons: [],
      gateFailures: [failure],
      vulnerabilities: now,
      vulnFailures: [failure]
    })
    expect(md).toContain('### Known vulnerabilities')
    expect(md).toContain(
      ':x: vulnerabilities\\: 1 reachable known vulnerability in the binary\\: GO\\-2099\\-0001 \\(&lt;b&gt;x&lt;\\/b&gt;\\)\\.'
    )
    expect(md).not.toContain('### Size budget')
  })

  it('the outputs: vulnerabilities and vulnerability-count, and the findings in metadata', () => {
    const r = {
      goVersion: '1.19.8',
      digest: 'sha256:abc',
      imageRef: '',
      tags: [],
      pushed: false,
      sizes: [
        {
          platform: 'linux/amd64',
          size: 1,
          uncompressedSize: 1,
          configSize: 1,
          binarySize: 1,
          layers: []
        }
      ],
      comparisons: [],
      gateFailures: [],
      size: 1,
      uncompressedSize: 1,
      binarySize: 1,
      dockerfile: '',
      context: '',
      ociLayout: '',
      ociReference: '',
      vulnerabilities: now
    } as unknown as Result
    const out = actionOutputs(r)
    expect(out['vulnerability-count']).toBe('1')
    expect((JSON.parse(out.vulnerabilities as string) as { id: string }[]).map(f => f.id)).toEqual([
      'GO-2099-0001',
      'GO-2099-0002'
    ])
    expect(JSON.parse(out.metadata as string).vulnerabilities).toHaveLength(2)
  })
})

describe("a vuln-db URL's credentials", () => {
  it('are masked as written and decoded by the edge (maskCredentials, as for go-download-base-url); nothing when there are none', () => {
    const masked = (url: string): string[] => {
      const logger = fakeLogger()
      maskCredentials(url, logger)
      return logger.masked
    }
    expect(masked('https://bot:p%40ss@mirror.example/vulndb')).toEqual(
      expect.arrayContaining(['p%40ss', 'p@ss'])
    )
    expect(masked('https://vuln.go.dev')).toEqual([])
    expect(masked('not a url')).toEqual([])
  })
})
