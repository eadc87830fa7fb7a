// The vulnerability check on a real binary: the fixture program (uuid from the local module proxy, net/url from Debian's go1.19.8) built as the action builds it, looked up in a hand-written database in the documented layout served on 127.0.0.1 and read as file:, plus the database's faults.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cp, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  checkBinary,
  failureMessage,
  onDatabaseError,
  type VulnCheckResult
} from '../../src/vuln/check.js'
import { parseVulnAllow } from '../../src/vuln/inputs.js'
import { vulnNewTable, vulnSummary, vulnVerdict } from '../../src/vuln/render.js'
import { readVulnSection, vulnOutputs, vulnSection } from '../../src/vuln/report.js'
import { openVulnDb } from '../../src/vuln/database.js'
import { VulnDbError } from '../../src/vuln/source.js'
import { InputError } from '../../src/ports.js'
import {
  APP_DIR,
  fixtureEntries,
  refusedUrl,
  serveDir,
  silentServer,
  writeVulnDb,
  type Served
} from '../fixtures/vuln/database.js'
import { sh } from './commands.js'
import { tempDir } from './harness.js'
import { rejectionOf } from '../unit/helpers.js'

/** Where scripts/test-env.sh writes the module proxy (see sbom.test.ts). */
const PROXY = process.env.GSI_GOPROXY_DIR ?? '/var/lib/go-scratch-image-test/goproxy'

let work: string
let stripped: Buffer
let unstripped: string
let db: string
let served: Served

/** What a finding says, without the summary: the part each test compares. */
const brief = (r: VulnCheckResult): unknown[] =>
  r.findings.map(f => ({
    id: f.id,
    module: f.module,
    version: f.version,
    fixed: f.fixed,
    reachability: f.reachability,
    symbols: f.symbols
  }))

const EXPECTED = [
  {
    id: 'GO-2099-0001',
    module: 'github.com/google/uuid',
    version: 'v1.3.0',
    fixed: 'v1.3.1',
    reachability: 'reachable',
    // UUID.String is nowhere in the function table: NewString inlined it, and only its inline tree says so.
    symbols: ['github.com/google/uuid.NewString', 'github.com/google/uuid.UUID.String']
  },
  {
    id: 'GO-2099-0004',
    module: 'stdlib',
    version: 'v1.19.8',
    fixed: 'v1.19.9',
    reachability: 'reachable',
    symbols: ['net/url.Parse']
  },
  {
    id: 'GO-2099-0002',
    module: 'github.com/google/uuid',
    version: 'v1.3.0',
    fixed: 'v1.3.2',
    reachability: 'module-only',
    symbols: []
  }
]

beforeAll(async () => {
  work = await tempDir('gsi-vuln-')
  const app = path.join(work, 'app')
  await cp(APP_DIR, app, { recursive: true })
  // The environment of the SBOM test: the proxy's zips give go.sum its real h1: hashes.
  const env = {
    ...(process.env as Record<string, string>),
    GOPROXY: `file://${PROXY}`,
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod -modcacherw',
    GOMODCACHE: path.join(work, 'modcache'),
    CGO_ENABLED: '0',
    GOOS: 'linux',
    GOARCH: 'amd64'
  }
  const build = async (out: string, ldflags: string[]): Promise<void> => {
    const r = await sh('go', ['build', '-trimpath', ...ldflags, '-o', out, '.'], { cwd: app, env })
    if (r.code !== 0) throw new Error(`go build failed:\n${r.stderr}`)
  }
  await build(path.join(work, 'vulnapp'), ['-ldflags', '-s -w'])
  stripped = await readFile(path.join(work, 'vulnapp'))
  unstripped = path.join(work, 'app-symbols')
  await build(unstripped, [])
  db = path.join(work, 'db')
  await writeVulnDb(db, await fixtureEntries(), { legacy: true })
  served = await serveDir(db)
}, 180_000)

afterAll(async () => {
  await served?.close()
})

describe('the fixture program against the fixture database', () => {
  it('over HTTP: each finding class, and only the endpoints Go asks for, gzipped', async () => {
    const vulndb = await openVulnDb({ url: served.url, fetch, cacheDir: await tempDir() })
    const result = await checkBinary({ binary: stripped, db: vulndb })
    expect(brief(result)).toEqual(EXPECTED)
    expect(result.platform).toBe('linux/amd64')
    expect(result.goVersion).toBe('go1.19.8')
    expect(result.database.modified).toBe('2024-01-08T10:00:00Z')
    const paths = served.requests.map(r => r.path)
    // GO-2099-0003 was fixed in 1.2.0, below the 1.3.0 built: the modules index says so, no entry is fetched.
    expect(paths.sort()).toEqual([
      '/ID/GO-2099-0001.json.gz',
      '/ID/GO-2099-0002.json.gz',
      '/ID/GO-2099-0004.json.gz',
      '/index/db.json.gz',
      '/index/modules.json.gz'
    ])
  })

  it('from the cache: a warm run asks for db.json alone; a newer database is fetched again', async () => {
    const cacheDir = await tempDir()
    const first = await checkBinary({
      binary: stripped,
      db: await openVulnDb({ url: served.url, fetch, cacheDir })
    })
    served.requests.length = 0
    const again = await checkBinary({
      binary: stripped,
      db: await openVulnDb({ url: served.url, fetch, cacheDir })
    })
    expect(served.requests.map(r => r.path)).toEqual(['/index/db.json.gz'])
    expect(again).toEqual(first)

    // The database changes: GO-2099-0001 is withdrawn, and modified moves on.
    const newer = path.join(work, 'db-newer')
    const entries = await fixtureEntries()
    const withdrawn = entries.map(e =>
      e.id === 'GO-2099-0001'
        ? { ...e, modified: '2024-02-01T00:00:00Z', withdrawn: '2024-02-01T00:00:00Z' }
        : e
    )
    await writeVulnDb(newer, withdrawn)
    const newServer = await serveDir(newer)
    try {
      // The cache is per database URL: the same one at a new address would start empty, so the cache key is
      // exercised with the first server's URL answering the newer files.
      await cp(newer, db, { recursive: true, force: true })
      served.requests.length = 0
      const later = await checkBinary({
        binary: stripped,
        db: await openVulnDb({ url: served.url, fetch, cacheDir })
      })
      expect(later.findings.map(f => f.id)).toEqual(['GO-2099-0004', 'GO-2099-0002'])
      expect(served.requests.map(r => r.path)).toContain('/index/modules.json.gz')
      const [urlDir] = await readdir(cacheDir)
      expect(await readdir(path.join(cacheDir, urlDir!))).toEqual(['20240201T000000Z'])
    } finally {
      await newServer.close()
      await writeVulnDb(db, entries, { legacy: true })
    }
  })

  it('as a file: URL: the same findings from the .json files', async () => {
    const vulndb = await openVulnDb({ url: pathToFileURL(db).href, fetch })
    expect(brief(await checkBinary({ binary: stripped, db: vulndb }))).toEqual(EXPECTED)
  })

  it('the binary with a symbol table gives the same findings as the stripped one', async () => {
    const vulndb = await openVulnDb({ url: pathToFileURL(db).href, fetch })
    const withSymbols = await checkBinary({ binary: await readFile(unstripped), db: vulndb })
    expect(brief(withSymbols)).toEqual(EXPECTED)
  })
})

describe('what the findings of the real binary become', () => {
  it('outputs, report section, summary, comment lines and the fail gate, with vuln-allow by alias', async () => {
    const vulndb = await openVulnDb({ url: pathToFileURL(db).href, fetch })
    const plain = await checkBinary({ binary: stripped, db: vulndb })
    const allowed = await checkBinary({
      binary: stripped,
      db: vulndb,
      allow: parseVulnAllow('CVE-2099-10004: the program parses only its own argv[0]')
    })

    expect(vulnOutputs(vulnSection([plain]))['vulnerability-count']).toBe('2')
    expect(vulnOutputs(vulnSection([allowed]))['vulnerability-count']).toBe('1')
    const json = JSON.parse(vulnOutputs(vulnSection([allowed])).vulnerabilities!) as {
      id: string
      reachability: string
      allowed?: { reason?: string }
    }[]
    expect(json.map(f => [f.id, f.reachability, f.allowed?.reason])).toEqual([
      ['GO-2099-0001', 'reachable', undefined],
      ['GO-2099-0004', 'reachable', 'the program parses only its own argv[0]'],
      ['GO-2099-0002', 'module-only', undefined]
    ])

    // vulnerabilities: fail stops on both reachable findings, and on the one vuln-allow does not list.
    expect(failureMessage(plain.findings)).toMatch(
      /^vulnerabilities: 2 reachable known vulnerabilities in the binary: GO-2099-0001 \(github\.com\/google\/uuid@v1\.3\.0, fixed in v1\.3\.1\), GO-2099-0004 \(stdlib@v1\.19\.8, fixed in v1\.19\.9\)\./
    )
    expect(failureMessage(allowed.findings)).toMatch(
      /^vulnerabilities: 1 reachable known vulnerability in the binary: GO-2099-0001 /
    )

    const section = vulnSection([allowed])
    // The size report keeps the section, and a later run reads it back as its baseline.
    const baseline = readVulnSection(JSON.parse(JSON.stringify(section)))
    expect(baseline).toEqual(section)
    const summary = vulnSummary(section)
    expect(summary).toContain(
      '**2 reachable vulnerabilities** (1 allowed by vuln-allow), 1 in a module only.'
    )
    expect(summary).toContain('reachable, allowed: the program parses only its own argv\\[0\\]')
    // The fixture's summary of GO-2099-0002 holds HTML, a link and emphasis: none of it survives.
    expect(summary).toContain('DCE &lt;b&gt;identifiers&lt;\\/b&gt; \\| leak the \\*host\\*')
    expect(summary).not.toMatch(/<b>|\]\(https:\/\/evil/)

    // Against a baseline built before uuid was added: the comment's verdict and the new findings.
    const before = vulnSection([
      { ...allowed, findings: allowed.findings.filter(f => f.module === 'stdlib') }
    ])
    expect(vulnVerdict(section, before)).toBe('adds 1 reachable vulnerability')
    expect(vulnNewTable(section, before).split('\n')[1]).toBe(
      '<summary>New known vulnerabilities against the baseline: 1 reachable, 1 in a module only</summary>'
    )
  })
})

describe('a database that cannot be used', () => {
  const expectClear = async (p: Promise<unknown>, kind: string, says: RegExp): Promise<void> => {
    const err = await rejectionOf(p, VulnDbError)
    // An InputError: the edge shows its message alone, no stack trace.
    expect(err).toBeInstanceOf(InputError)
    expect(err.kind).toBe(kind)
    expect(err.message).toMatch(/^vuln-db: /)
    expect(err.message).toMatch(says)
    expect(err.message).not.toMatch(/\n\s+at /)
  }

  it('refusing connections: unreachable, naming the URL', async () => {
    const url = await refusedUrl()
    await expectClear(
      openVulnDb({ url, fetch }),
      'unreachable',
      new RegExp(`cannot reach ${url}/index/db\\.json\\.gz \\(ECONNREFUSED\\)`)
    )
  })

  it('never answering: a timeout after the time given', async () => {
    const silent = await silentServer()
    try {
      await expectClear(
        openVulnDb({ url: silent.url, fetch, timeoutMs: 300 }),
        'timeout',
        /did not answer within 0\.3 s/
      )
    } finally {
      await silent.close()
    }
  })

  it('a malformed entry: names the entry and what is wrong with it', async () => {
    const bad = path.join(await tempDir(), 'db')
    const entries = await fixtureEntries()
    await writeVulnDb(bad, entries)
    const broken = JSON.parse(await readFile(path.join(bad, 'ID', 'GO-2099-0001.json'), 'utf8'))
    broken.affected[0].ranges = 'introduced 0'
    await writeVulnDb(bad, entries, { raw: { 'ID/GO-2099-0001': JSON.stringify(broken) } })
    const server = await serveDir(bad)
    try {
      const vulndb = await openVulnDb({ url: server.url, fetch })
      await expectClear(
        checkBinary({ binary: stripped, db: vulndb }),
        'malformed',
        /the entry GO-2099-0001 \(http:\/\/127\.0\.0\.1:\d+\/ID\/GO-2099-0001\.json\.gz\) .*affected\[0\]\.ranges: expected array/
      )
    } finally {
      await server.close()
    }
  })

  it('report warns and goes on; fail stops the step with a message that names vuln-db', async () => {
    const url = await refusedUrl()
    const error = await openVulnDb({ url, fetch }).catch((e: unknown) => e)
    const warnings: string[] = []
    onDatabaseError('report', error, w => warnings.push(w))
    expect(warnings).toEqual([
      expect.stringMatching(/^vuln-db: cannot reach .*check was skipped\.$/)
    ])
    expect(() => onDatabaseError('fail', error, () => undefined)).toThrow(
      /^vuln-db: cannot reach .* vulnerabilities: fail needs the database/
    )
  })
})

describe("Debian's govulncheck on the same binary and database", () => {
  it('finds the same reachable entries, with the same symbols', async () => {
    const which = await sh('sh', ['-c', 'command -v govulncheck'])
    if (which.code !== 0)
      throw new Error(
        'govulncheck is missing: install the test environment with scripts/test-env.sh'
      )
    // Debian's govulncheck (x/vuln of February 2023) reads the legacy layout, and in binary mode needs the symbol
    // table to find go.func.* (our reader finds it through the runtime's module data): it runs on the unstripped
    // build, whose pclntab is the stripped one's.
    const r = await sh('govulncheck', ['-json', unstripped], {
      env: { ...(process.env as Record<string, string>), GOVULNDB: pathToFileURL(db).href }
    })
    expect(r.code).toBe(0)
    // Its -json output then: per entry, the modules, their packages and the symbols found in the binary.
    const out = JSON.parse(r.stdout) as {
      Vulns?: {
        OSV: { id: string }
        Modules: { Packages: { Path: string; CallStacks: { Symbol: string }[] }[] }[]
      }[]
    }
    const theirs = Object.fromEntries(
      (out.Vulns ?? []).map(v => [
        v.OSV.id,
        v.Modules.flatMap(m =>
          m.Packages.flatMap(p => p.CallStacks.map(c => `${p.Path}.${c.Symbol}`))
        ).sort()
      ])
    )
    const vulndb = await openVulnDb({ url: pathToFileURL(db).href, fetch })
    const ours = Object.fromEntries(
      (await checkBinary({ binary: stripped, db: vulndb })).findings
        .filter(f => f.reachability === 'reachable')
        .map(f => [f.id, f.symbols])
    )
    expect(Object.keys(ours)).toHaveLength(2)
    expect(theirs).toEqual(ours)
  })
})
