// The vulnerability check through the real action (dist/index.js): the fixture program (uuid from the local module
// proxy, net/url from Debian's go1.19.8) against a hand-written database in the documented layout served on
// 127.0.0.1 (gzip-encoded .json.gz, as Go's client fetches): each finding class in the summary, the outputs, the
// size report, the pull request comment (the local stand-in of GitHub's REST API) and the CycloneDX SBOM pushed to
// the registry; vulnerabilities: fail with and without vuln-allow (skopeo sees no tag when it fails); a database
// that refuses, one that never answers and a malformed entry; and the three inputs refused before any build.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { referrersTag, type Descriptor } from '../../src/oci/artifact.js'
import type { Report } from '../../src/report/report.js'
import {
  APP_DIR,
  fixtureEntries,
  refusedUrl,
  serveDir,
  silentServer,
  writeVulnDb,
  type Served
} from '../fixtures/vuln/database.js'
import { startGitHubServer, type GitHubServer } from '../github-server.js'
import { digestOf, REGISTRY, uniqueRepo } from './registries.js'
import { rawManifest } from './referrers-harness.js'
import { runAction, tempDir, type Run } from './harness.js'

/** Where scripts/test-env.sh writes the module proxy (see sbom.test.ts). */
const PROXY = process.env.GSI_GOPROXY_DIR ?? '/var/lib/go-scratch-image-test/goproxy'
const TOKEN = 'ghs_vulnIntegrationTokenNeverLogged0123456789'
const PR = 25
const CYCLONEDX = 'application/vnd.cyclonedx+json'

let work: string
let goEnv: Record<string, string>
let toolCache: string
let db: string
let served: Served
let github: GitHubServer
let eventFile: string

/** The fixture program, or (before uuid was added) the same program without it: url.Parse only. */
async function app(withUuid = true): Promise<string> {
  const dir = path.join(await tempDir('gsi-vuln-app-'), 'app')
  await cp(APP_DIR, dir, { recursive: true })
  if (!withUuid) {
    await writeFile(path.join(dir, 'go.mod'), 'module example.com/vulnapp\n\ngo 1.19\n')
    await writeFile(
      path.join(dir, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"net/url"\n\t"os"\n)\n\nfunc main() {\n\tu, err := url.Parse(os.Args[0])\n' +
        '\tif err != nil {\n\t\tos.Exit(1)\n\t}\n\tfmt.Println(u.Path)\n}\n'
    )
  }
  return dir
}

const inputs = (extra: Record<string, string>): Record<string, string> => ({
  platforms: 'linux/amd64',
  zoneinfo: 'false',
  'ca-certificates': 'none',
  cache: 'false',
  provenance: 'false',
  'source-date-epoch': '1700000000',
  vulnerabilities: 'report',
  'vuln-db': served.url,
  ...extra
})

async function run(
  extra: Record<string, string>,
  o: { withUuid?: boolean; env?: Record<string, string> } = {}
): Promise<Run> {
  return runAction(inputs(extra), {
    workdir: await app(o.withUuid ?? true),
    toolCache,
    env: { ...goEnv, ...o.env }
  })
}

interface Finding {
  id: string
  module: string
  reachability: string
  symbols: string[]
  allowed?: { reason?: string }
}

beforeAll(async () => {
  work = await tempDir('gsi-vuln-action-')
  toolCache = await tempDir('gsi-vuln-tools-')
  goEnv = {
    GOPROXY: `file://${PROXY}`,
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod -modcacherw',
    GOMODCACHE: path.join(work, 'modcache')
  }
  db = path.join(work, 'db')
  await writeVulnDb(db, await fixtureEntries())
  served = await serveDir(db)
  github = await startGitHubServer('acme/app', { [PR]: 105 })
  eventFile = path.join(work, 'event.json')
  await writeFile(eventFile, JSON.stringify({ number: PR, pull_request: { number: PR } }))
}, 60_000)

afterAll(async () => {
  await served?.close()
  await github?.close()
})

describe('vulnerabilities: report on a pull request, against the baseline built before uuid was added', () => {
  const repo = uniqueRepo('vuln')
  const image = `${REGISTRY}/${repo}`
  let baseline: Run
  let pr: Run

  beforeAll(async () => {
    baseline = await run({ image, tags: 'main' }, { withUuid: false })
    served.requests.length = 0
    pr = await run(
      {
        image,
        tags: 'pr-25',
        sbom: 'cyclonedx',
        'compare-to': `${image}:main`,
        comment: 'true',
        'github-token': TOKEN
      },
      {
        env: {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventFile,
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: '4242'
        }
      }
    )
  }, 600_000)

  it('the baseline: the standard library entry alone, reachable', () => {
    expect(baseline.log).not.toMatch(/::error::|::warning::/)
    expect(baseline.code).toBe(0)
    const found = JSON.parse(baseline.outputs.vulnerabilities!) as Finding[]
    expect(found.map(f => [f.id, f.reachability])).toEqual([['GO-2099-0004', 'reachable']])
  })

  it('outputs: every finding marked reachable or module-only; the count is of reachable ones', () => {
    expect(pr.log).not.toMatch(/::error::|::warning::/)
    expect(pr.code).toBe(0)
    const found = JSON.parse(pr.outputs.vulnerabilities!) as Finding[]
    // GO-2099-0003 was fixed in uuid v1.2.0, below the v1.3.0 built: not affected, nowhere.
    expect(found.map(f => [f.id, f.module, f.reachability, f.symbols])).toEqual([
      [
        'GO-2099-0001',
        'github.com/google/uuid',
        'reachable',
        ['github.com/google/uuid.NewString', 'github.com/google/uuid.UUID.String']
      ],
      ['GO-2099-0004', 'stdlib', 'reachable', ['net/url.Parse']],
      ['GO-2099-0002', 'github.com/google/uuid', 'module-only', []]
    ])
    expect(pr.outputs['vulnerability-count']).toBe('2')
    const metadata = JSON.parse(pr.outputs.metadata!) as { 'vulnerability-count': string }
    expect(metadata['vulnerability-count']).toBe('2')
    // The database is fetched once per run, the entries Go's client would ask for, gzip-encoded.
    const paths = served.requests.map(r => r.path)
    expect(paths.filter(p => p === '/index/db.json.gz')).toHaveLength(1)
    expect(paths).not.toContain('/ID/GO-2099-0003.json.gz')
  })

  it('the job summary: reachable ones in sight, the module-only one folded, the database text escaped', () => {
    expect(pr.summary).toContain('### Known vulnerabilities')
    expect(pr.summary).toContain('**2 reachable vulnerabilities**, 1 in a module only.')
    expect(pr.summary).toMatch(/\[GO\\-2099\\-0001\]\(https:\/\/pkg\.go\.dev\/vuln\/GO-2099-0001\)/)
    expect(pr.summary).toContain('net\\/url\\.Parse')
    expect(pr.summary).toMatch(/<summary>1 vulnerability in a module only/)
    expect(pr.summary).not.toMatch(/<b>identifiers|\]\(https:\/\/evil/)
  })

  it('the size report: a vulnerabilities section, and the baseline one it was compared with', async () => {
    const file = JSON.parse(await readFile(pr.outputs.report!, 'utf8')) as Report & {
      vulnerabilities: {
        schemaVersion: number
        reachable: number
        moduleOnly: number
        findings: Finding[]
      }
      comparison: { vulnerabilities: { findings: Finding[] } }
    }
    expect(file.vulnerabilities.schemaVersion).toBe(1)
    expect([file.vulnerabilities.reachable, file.vulnerabilities.moduleOnly]).toEqual([2, 1])
    expect(file.vulnerabilities.findings.map(f => f.id)).toEqual([
      'GO-2099-0001',
      'GO-2099-0004',
      'GO-2099-0002'
    ])
    expect(file.comparison.vulnerabilities.findings.map(f => f.id)).toEqual(['GO-2099-0004'])
  })

  it('the comment: the verdict line, and a folded table of what is new against the baseline', () => {
    const bodies = (github.comments.get(PR) ?? []).map(c => c.body)
    const body = bodies.find(b => b.includes(`<!-- go-scratch-image: ${image} -->`))!
    expect(body).toContain('**Known vulnerabilities**: adds 1 reachable vulnerability.')
    expect(body).toContain(
      '<summary>New known vulnerabilities against the baseline: 1 reachable, 1 in a module only</summary>'
    )
    const table = body.slice(body.indexOf('<summary>New known'))
    expect(table).toContain('GO-2099-0001')
    expect(table).toContain('GO-2099-0002')
    // The standard library's entry was in the baseline already: not new.
    expect(table.slice(0, table.indexOf('</details>'))).not.toContain('GO-2099-0004')
    expect(body).not.toMatch(/<b>identifiers/)
  })

  it('the CycloneDX SBOM pushed to the registry: exploitable and not_affected (code_not_reachable)', async () => {
    const digest = pr.outputs.digest!
    const index = (await rawManifest(`docker://${REGISTRY}/${repo}:${referrersTag(digest)}`)) as {
      manifests: Descriptor[]
    }
    const entry = index.manifests.find(d => d.artifactType === CYCLONEDX)!
    const manifest = (await rawManifest(`docker://${REGISTRY}/${repo}@${entry.digest}`)) as {
      layers: Descriptor[]
    }
    const blob = await fetch(`http://${REGISTRY}/v2/${repo}/blobs/${manifest.layers[0]!.digest}`)
    const bom = (await blob.json()) as {
      vulnerabilities: {
        id: string
        analysis: { state: string; justification?: string }
        affects: { ref: string }[]
      }[]
    }
    const byId = Object.fromEntries(
      bom.vulnerabilities.map(v => [v.id, [v.analysis.state, v.analysis.justification ?? '']])
    )
    expect(byId).toEqual({
      'GO-2099-0001': ['exploitable', ''],
      'GO-2099-0002': ['not_affected', 'code_not_reachable'],
      'GO-2099-0004': ['exploitable', '']
    })
  })
})

describe('vulnerabilities: fail', () => {
  it('a reachable finding not allowed: the step fails before the push, nothing is tagged', async () => {
    const repo = uniqueRepo('vuln-fail')
    const r = await run({
      image: `${REGISTRY}/${repo}`,
      tags: 'v1',
      vulnerabilities: 'fail',
      'vuln-allow': 'CVE-2099-10004: the program parses only its own argv[0]'
    })
    expect(r.code).not.toBe(0)
    expect(r.log).toMatch(
      /::error::vulnerabilities: 1 reachable known vulnerability in the binary: GO-2099-0001 \(github\.com\/google\/uuid@v1\.3\.0, fixed in v1\.3\.1\)/
    )
    expect(r.log).not.toMatch(/\n\s+at /)
    expect(await digestOf(`${REGISTRY}/${repo}:v1`)).toBeUndefined()
    // The outputs and the summary still say what was found, and the size budget is not blamed.
    expect(r.outputs['vulnerability-count']).toBe('1')
    // Escaped as everything from the database is.
    expect(r.summary).toContain(
      ':x: vulnerabilities\\: 1 reachable known vulnerability in the binary\\: GO\\-2099\\-0001'
    )
    expect(r.summary).not.toContain('### Size budget')
  }, 300_000)

  it('vuln-allow lists every reachable one: it passes, tagged, and the reasons are shown', async () => {
    const repo = uniqueRepo('vuln-allowed')
    served.requests.length = 0
    const r = await run({
      image: `${REGISTRY}/${repo}`,
      tags: 'v1',
      vulnerabilities: 'fail',
      'vuln-allow':
        '# accepted after review\nGO-2099-0001 only random IDs, never parsed\nCVE-2099-10004: the program parses only its own argv[0]'
    })
    expect(r.log).not.toMatch(/::error::/)
    expect(r.code).toBe(0)
    expect(await digestOf(`${REGISTRY}/${repo}:v1`)).toBe(r.outputs.digest)
    expect(r.outputs['vulnerability-count']).toBe('0')
    // A warm step: the tool cache holds the database at db.json's modified time, so db.json is all it asks for.
    expect(served.requests.map(q => q.path)).toEqual(['/index/db.json.gz'])
    const found = JSON.parse(r.outputs.vulnerabilities!) as Finding[]
    expect(found.map(f => [f.id, f.allowed?.reason])).toEqual([
      ['GO-2099-0001', 'only random IDs, never parsed'],
      ['GO-2099-0004', 'the program parses only its own argv[0]'],
      ['GO-2099-0002', undefined]
    ])
    expect(r.summary).toContain('reachable, allowed: only random IDs\\, never parsed')
    expect(r.summary).toContain('(2 allowed by vuln-allow)')
  }, 300_000)
})

describe('a monorepo: every image counts, not only the first', () => {
  /** The fixture as two commands: a (url.Parse alone, built first) and b (the fixture program, with uuid). */
  async function monorepo(): Promise<string> {
    const dir = await app()
    await mkdir(path.join(dir, 'cmd', 'a'), { recursive: true })
    await mkdir(path.join(dir, 'cmd', 'b'), { recursive: true })
    await rename(path.join(dir, 'main.go'), path.join(dir, 'cmd', 'b', 'main.go'))
    await writeFile(
      path.join(dir, 'cmd', 'a', 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"net/url"\n\t"os"\n)\n\nfunc main() {\n\tu, _ := url.Parse(os.Args[0])\n\tfmt.Println(u.Path)\n}\n'
    )
    return dir
  }

  it("b's reachable uuid finding is in the outputs and the count, and fail tags neither image", async () => {
    const repo = uniqueRepo('vuln-mono')
    const r = await runAction(
      inputs({
        package: './cmd/...',
        image: `${REGISTRY}/${repo}/{{.Name}}`,
        tags: 'v1',
        vulnerabilities: 'fail',
        'vuln-allow': 'CVE-2099-10004: the program parses only its own argv[0]'
      }),
      { workdir: await monorepo(), toolCache, env: goEnv }
    )
    expect(r.code).not.toBe(0)
    expect(r.log).toMatch(
      /::error::b: vulnerabilities: 1 reachable known vulnerability in the binary: GO-2099-0001/
    )
    expect(r.outputs['vulnerability-count']).toBe('1')
    const found = JSON.parse(r.outputs.vulnerabilities!) as (Finding & { platforms: string[] })[]
    expect(found.map(f => [f.id, f.platforms])).toEqual([
      ['GO-2099-0001', ['b: linux/amd64']],
      ['GO-2099-0004', ['a: linux/amd64', 'b: linux/amd64']],
      ['GO-2099-0002', ['b: linux/amd64']]
    ])
    // b's verdict is shown with the findings, not as a size budget.
    expect(r.summary).not.toContain('### Size budget')
    expect(await digestOf(`${REGISTRY}/${repo}/a:v1`)).toBeUndefined()
    expect(await digestOf(`${REGISTRY}/${repo}/b:v1`)).toBeUndefined()
  }, 300_000)
})

describe('a database that cannot be used', () => {
  const noStack = (r: Run): void => expect(r.log).not.toMatch(/\n\s+at |Error: /)

  it('refusing connections: report warns and succeeds; fail fails naming vuln-db', async () => {
    const url = await refusedUrl()
    const report = await run({ 'vuln-db': url, push: 'false', 'registry-timeout': '1' })
    expect(report.code).toBe(0)
    expect(report.log).toMatch(
      new RegExp(
        `::warning::vuln-db: cannot reach ${url}/index/db\\.json\\.gz .*The vulnerability check was skipped\\.`
      )
    )
    expect(report.outputs['vulnerability-count']).toBe('0')
    expect(report.summary).toMatch(/Not checked: vuln\\-db\\: cannot reach/)
    noStack(report)
    const fail = await run({
      'vuln-db': url,
      push: 'false',
      vulnerabilities: 'fail',
      'registry-timeout': '1'
    })
    expect(fail.code).not.toBe(0)
    expect(fail.log).toMatch(
      /::error::vuln-db: cannot reach .* vulnerabilities: fail needs the database; set vulnerabilities: report/
    )
    noStack(fail)
  }, 300_000)

  it('never answering: a warning after the registry-timeout limits, the step succeeds', async () => {
    const silent = await silentServer()
    try {
      const r = await run({ 'vuln-db': silent.url, push: 'false', 'registry-timeout': '1' })
      expect(r.code).toBe(0)
      expect(r.log).toMatch(
        /::warning::vuln-db: cannot reach http:\/\/127\.0\.0\.1:\d+\/index\/db\.json\.gz \(the Go vulnerability database \(127\.0\.0\.1:\d+\) did not answer GET \/index\/db\.json\.gz within 1 s \(registry-timeout\); gave up after \d attempts? in [\d.]+ s\)\. The database may be down/
      )
      noStack(r)
    } finally {
      await silent.close()
    }
  }, 300_000)

  it('a malformed entry: fail names the entry and vuln-db; report warns', async () => {
    const bad = path.join(await tempDir(), 'db')
    const entries = await fixtureEntries()
    await writeVulnDb(bad, entries)
    const broken = JSON.parse(await readFile(path.join(bad, 'ID', 'GO-2099-0001.json'), 'utf8'))
    broken.affected[0].ranges = 'introduced 0'
    await writeVulnDb(bad, entries, { raw: { 'ID/GO-2099-0001': JSON.stringify(broken) } })
    const server = await serveDir(bad)
    try {
      const fail = await run({ 'vuln-db': server.url, push: 'false', vulnerabilities: 'fail' })
      expect(fail.code).not.toBe(0)
      expect(fail.log).toMatch(
        /::error::vuln-db: the entry GO-2099-0001 \(http:\/\/127\.0\.0\.1:\d+\/ID\/GO-2099-0001\.json\.gz\) .*affected\[0\]\.ranges: expected array/
      )
      noStack(fail)
      const report = await run({ 'vuln-db': server.url, push: 'false' })
      expect(report.code).toBe(0)
      expect(report.log).toMatch(/::warning::vuln-db: the entry GO-2099-0001 .*check was skipped\./)
      noStack(report)
    } finally {
      await server.close()
    }
  }, 300_000)
})

describe('bad input, refused before anything is built', () => {
  it.each([
    [
      'vulnerabilities',
      { vulnerabilities: 'block' },
      /::error::vulnerabilities: 'block' is not report, fail or off\./
    ],
    [
      'vuln-db',
      { 'vuln-db': 'ftp://mirror.example/vulndb' },
      /::error::vuln-db: 'ftp:\/\/mirror\.example\/vulndb' is a ftp: URL, not http, https or file\./
    ],
    [
      'vuln-allow',
      { 'vuln-allow': 'GO-2099-0001 ok\nnot-an-id because' },
      /::error::vuln-allow: 'not-an-id because' does not start with a vulnerability ID\./
    ]
  ])(
    '%s',
    async (_, extra, says) => {
      served.requests.length = 0
      const r = await run({ push: 'false', ...extra })
      expect(served.requests).toEqual([])
      expect(r.code).not.toBe(0)
      expect(r.log).toMatch(says)
      // Before the build: Go was never looked up, no request reached the database.
      expect(r.log).not.toMatch(/go build|Go \d+\.\d+/)
      expect(r.log).not.toMatch(/\n\s+at /)
    },
    120_000
  )
})
