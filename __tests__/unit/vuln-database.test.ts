// The database client over a scripted fetch: the endpoints and encodings of Go's client, validation of every answer, the cache under db.json's modified time, and an error of the right kind, naming vuln-db, for each way the database can fail.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Fetch } from '../../src/ports.js'
import { openVulnDb } from '../../src/vuln/database.js'
import { osvEntrySchema } from '../../src/vuln/schema.js'
import { openSource, VulnDbError, type VulnDbErrorKind } from '../../src/vuln/source.js'
import { rejectionOf, tempDir } from './helpers.js'

const BASE = 'https://db.example/vulndb'

const ENTRY = (id: string, module = 'github.com/a/x'): Record<string, unknown> => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  aliases: [],
  summary: `summary of ${id}`,
  affected: [
    {
      package: { name: module, ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.5.0' }] }],
      ecosystem_specific: { imports: [{ path: module, symbols: ['Run'] }] }
    }
  ]
})

/** The database's files by endpoint (no extension); a value that is a string is sent as it is. */
type Files = Record<string, unknown>

const DB: Files = {
  'index/db': { modified: '2024-01-01T00:00:00Z' },
  'index/modules': [
    {
      path: 'github.com/a/x',
      vulns: [
        { id: 'GO-2099-0001', modified: '2024-01-01T00:00:00Z', fixed: '1.5.0' },
        { id: 'GO-2099-0002', modified: '2024-01-01T00:00:00Z', fixed: '1.1.0' },
        { id: 'GO-2099-0003', modified: '2024-01-01T00:00:00Z' }
      ]
    },
    {
      path: 'stdlib',
      vulns: [{ id: 'GO-2099-0004', modified: '2024-01-01T00:00:00Z', fixed: '1.20.0' }]
    }
  ],
  'ID/GO-2099-0001': ENTRY('GO-2099-0001'),
  'ID/GO-2099-0002': ENTRY('GO-2099-0002'),
  'ID/GO-2099-0003': ENTRY('GO-2099-0003'),
  'ID/GO-2099-0004': ENTRY('GO-2099-0004', 'stdlib')
}

/**
 * A fetch serving files as a static server does vuln.go.dev's: ENDPOINT.json.gz gzipped, 404 for the rest; it
 * records each request's URL and headers. `plain` sends the JSON as it is, as a server (or proxy) that decoded
 * the gzip would.
 */
function server(
  files: Files,
  o: { plain?: boolean } = {}
): {
  fetch: Fetch
  requests: { url: string; headers: Headers }[]
} {
  const requests: { url: string; headers: Headers }[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    requests.push({ url, headers: new Headers(init?.headers) })
    const endpoint = url.slice(BASE.length + 1).replace(/\.json\.gz$/, '')
    if (!url.endsWith('.json.gz') || !(endpoint in files))
      return new Response('no such file', { status: 404 })
    const value = files[endpoint]
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    return new Response(o.plain ? text : gzipSync(text), { status: 200 })
  }
  return { fetch: fetch as Fetch, requests }
}

const pathsOf = (requests: { url: string }[]): string[] =>
  requests.map(r => r.url.slice(BASE.length)).sort()

const failure = (p: Promise<unknown>): Promise<VulnDbError> => rejectionOf(p, VulnDbError)

const expectKind = async (
  p: Promise<unknown>,
  kind: VulnDbErrorKind,
  says: RegExp
): Promise<void> => {
  const e = await failure(p)
  expect([e.kind, e.message]).toEqual([kind, expect.stringMatching(says)])
  expect(e.message).toMatch(/^vuln-db: /)
}

describe('the protocol', () => {
  it('asks for db.json, the modules index and the entries that may apply, as .json.gz', async () => {
    const s = server(DB)
    const db = await openVulnDb({ url: BASE, fetch: s.fetch })
    expect(db.modified).toBe('2024-01-01T00:00:00Z')
    const got = await db.entriesFor([
      { path: 'github.com/a/x', version: 'v1.2.0' },
      { path: 'stdlib', version: 'v1.20.1' },
      { path: 'github.com/not/in/db', version: 'v1.0.0' }
    ])
    // 0002's fix (1.1.0) is below 1.2.0, stdlib's (1.20.0) below 1.20.1: neither is fetched; 0003 has no fix.
    expect([...got].map(([m, es]) => [m, es.map(e => e.id)])).toEqual([
      ['github.com/a/x', ['GO-2099-0001', 'GO-2099-0003']]
    ])
    expect(pathsOf(s.requests)).toEqual([
      '/ID/GO-2099-0001.json.gz',
      '/ID/GO-2099-0003.json.gz',
      '/index/db.json.gz',
      '/index/modules.json.gz'
    ])
  })

  it('fetches each entry once per run, however many binaries ask; (devel) asks for nothing', async () => {
    const s = server(DB)
    const db = await openVulnDb({ url: BASE, fetch: s.fetch })
    await db.entriesFor([{ path: 'github.com/a/x', version: 'v1.2.0' }])
    await db.entriesFor([
      { path: 'github.com/a/x', version: 'v1.0.0' },
      { path: 'github.com/a/x', version: '(devel)' }
    ])
    expect(pathsOf(s.requests)).toEqual([
      '/ID/GO-2099-0001.json.gz',
      '/ID/GO-2099-0002.json.gz',
      '/ID/GO-2099-0003.json.gz',
      '/index/db.json.gz',
      '/index/modules.json.gz'
    ])
  })

  it('takes JSON a server already decoded', async () => {
    const db = await openVulnDb({ url: BASE, fetch: server(DB, { plain: true }).fetch })
    expect(
      (await db.entriesFor([{ path: 'stdlib', version: 'v1.19.0' }])).get('stdlib')?.[0]?.id
    ).toBe('GO-2099-0004')
  })

  it('sends credentials of the URL as Basic authorization and never shows them', async () => {
    const s = server({})
    const url = 'https://reader:s3cret@db.example/vulndb'
    const e = await failure(openVulnDb({ url, fetch: s.fetch }))
    expect(s.requests[0]!.url).toBe(`${BASE}/index/db.json.gz`)
    expect(s.requests[0]!.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('reader:s3cret').toString('base64')}`
    )
    expect(e.message).not.toContain('s3cret')
    expect(e.message).toContain('https://***@db.example/vulndb')
  })
})

describe('answers that are not what the protocol promises', () => {
  it.each<[string, Files, VulnDbErrorKind, RegExp]>([
    [
      'no db.json',
      {},
      'missing',
      /index\/db\.json\.gz answered HTTP 404\. Is https:\/\/db\.example\/vulndb a Go vulnerability database/
    ],
    ['db.json is not JSON', { 'index/db': '<html>' }, 'malformed', /db\.json\.gz is not JSON/],
    [
      'db.json without modified',
      { 'index/db': { updated: 'yesterday' } },
      'malformed',
      /index\/db\.json \(https:\/\/db\.example\/vulndb\/index\/db\.json\.gz\) is not what the Go vulnerability database protocol describes: modified: expected string/
    ],
    [
      'modified is no RFC 3339 time',
      { 'index/db': { modified: 'Monday' } },
      'malformed',
      /modified: Invalid ISO datetime/i
    ]
  ])('%s', async (_, files, kind, says) => {
    await expectKind(openVulnDb({ url: BASE, fetch: server(files).fetch }), kind, says)
  })

  it('a server error is a status error, with the status', async () => {
    const fetch = (async () =>
      new Response('oops', { status: 503, statusText: 'Service Unavailable' })) as Fetch
    await expectKind(
      openVulnDb({ url: BASE, fetch }),
      'status',
      /answered HTTP 503 Service Unavailable\.$/
    )
  })

  it('an entry that fails the schema names the entry, where it came from and what is wrong', async () => {
    const bad = {
      ...ENTRY('GO-2099-0001'),
      affected: [{ package: { name: 'github.com/a/x' }, ranges: 'all' }]
    }
    const db = await openVulnDb({
      url: BASE,
      fetch: server({ ...DB, 'ID/GO-2099-0001': bad }).fetch
    })
    await expectKind(
      db.entriesFor([{ path: 'github.com/a/x', version: 'v1.2.0' }]),
      'malformed',
      /^vuln-db: the entry GO-2099-0001 \(https:\/\/db\.example\/vulndb\/ID\/GO-2099-0001\.json\.gz\) is not what the Go vulnerability database protocol describes: affected\[0\]\.ranges: expected array, received string\. Check that vuln-db points/
    )
  })

  it('an entry that is another report is refused', async () => {
    const db = await openVulnDb({
      url: BASE,
      fetch: server({ ...DB, 'ID/GO-2099-0001': ENTRY('GO-2099-0009') }).fetch
    })
    await expectKind(
      db.entriesFor([{ path: 'github.com/a/x', version: 'v1.2.0' }]),
      'malformed',
      /the entry GO-2099-0001 holds the report GO-2099-0009/
    )
  })

  it('an index naming an ID that is a path is refused before anything is fetched or cached with it', async () => {
    const s = server({
      ...DB,
      'index/modules': [
        {
          path: 'github.com/a/x',
          vulns: [{ id: '../../../etc/passwd', modified: '2024-01-01T00:00:00Z' }]
        }
      ]
    })
    const db = await openVulnDb({ url: BASE, fetch: s.fetch })
    await expectKind(
      db.entriesFor([{ path: 'github.com/a/x', version: 'v1.2.0' }]),
      'malformed',
      /^vuln-db: index\/modules\.json \(https:\/\/db\.example\/vulndb\/index\/modules\.json\.gz\) lists the entry '\.\.\/\.\.\/\.\.\/etc\/passwd', which is not an ID/
    )
    expect(s.requests.some(r => r.url.includes('passwd'))).toBe(false)
  })

  it('invalid gzip is malformed', async () => {
    const fetch = (async () =>
      new Response(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), { status: 200 })) as Fetch
    await expectKind(
      openVulnDb({ url: BASE, fetch }),
      'malformed',
      /db\.json\.gz is not valid gzip/
    )
  })

  it('an answer past the size limit is refused while it arrives', async () => {
    const get = openSource({
      url: BASE,
      fetch: server(
        { 'index/db': { modified: '2024-01-01T00:00:00Z', pad: 'x'.repeat(5000) } },
        { plain: true }
      ).fetch,
      readFile: () => Promise.reject(new Error('unused')),
      timeoutMs: 1000,
      maxBytes: 1000
    })
    await expectKind(get('index/db'), 'malformed', /sent more than 1000 bytes/)
  })
})

describe('a database that cannot be reached', () => {
  it('a failed connection is unreachable, with its cause', async () => {
    const fetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })
    }) as Fetch
    await expectKind(
      openVulnDb({ url: BASE, fetch }),
      'unreachable',
      /^vuln-db: cannot reach https:\/\/db\.example\/vulndb\/index\/db\.json\.gz \(ENOTFOUND\)\./
    )
  })

  it('a fetch that never settles times out, even if it ignores the abort', async () => {
    const fetch = (() => new Promise<Response>(() => undefined)) as Fetch
    await expectKind(
      openVulnDb({ url: BASE, fetch, timeoutMs: 50 }),
      'timeout',
      /did not answer within 0\.05 s/
    )
  })

  it('a body that stalls times out too', async () => {
    const fetch = (async () =>
      new Response(new ReadableStream({ start: c => c.enqueue(new Uint8Array([0x7b])) }), {
        status: 200
      })) as Fetch
    await expectKind(openVulnDb({ url: BASE, fetch, timeoutMs: 50 }), 'timeout', /did not answer/)
  })

  it('a file: URL of a folder that is not a database says which file is missing', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      await expectKind(
        openVulnDb({ url: pathToFileURL(dir).href, fetch: server({}).fetch }),
        'missing',
        new RegExp(
          `has no index/db\\.json \\(${dir}/index/db\\.json does not exist\\)\\. Point vuln-db at a directory`
        )
      )
    } finally {
      await cleanup()
    }
  })
})

describe('the cache', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => ({ dir, cleanup } = await tempDir()))
  afterEach(async () => cleanup())

  const query = [{ path: 'github.com/a/x', version: 'v1.2.0' }]

  it('a warm run asks for db.json alone and finds the same entries', async () => {
    const cold = server(DB)
    const first = await (
      await openVulnDb({ url: BASE, fetch: cold.fetch, cacheDir: dir })
    ).entriesFor(query)
    const warm = server(DB)
    const again = await (
      await openVulnDb({ url: BASE, fetch: warm.fetch, cacheDir: dir })
    ).entriesFor(query)
    expect(pathsOf(warm.requests)).toEqual(['/index/db.json.gz'])
    expect(again).toEqual(first)
  })

  it('keeps one version: a new modified time is fetched again, and the old folder goes', async () => {
    await (
      await openVulnDb({ url: BASE, fetch: server(DB).fetch, cacheDir: dir })
    ).entriesFor(query)
    const [urlDir] = await readdir(dir)
    expect(await readdir(path.join(dir, urlDir!))).toEqual(['20240101T000000Z'])
    const newer = server({ ...DB, 'index/db': { modified: '2024-02-01T12:30:00.5Z' } })
    await (await openVulnDb({ url: BASE, fetch: newer.fetch, cacheDir: dir })).entriesFor(query)
    expect(pathsOf(newer.requests)).toContain('/index/modules.json.gz')
    expect(await readdir(path.join(dir, urlDir!))).toEqual(['20240201T1230005Z'])
  })

  /** The cache's folder of the one database version. */
  const cached = async (): Promise<string> => {
    const [urlDir] = await readdir(dir)
    return path.join(dir, urlDir!, '20240101T000000Z')
  }
  const open = async (s: ReturnType<typeof server>) =>
    openVulnDb({ url: BASE, fetch: s.fetch, cacheDir: dir })

  it('holds the modules index by path and the entries fetched, validated, in one file', async () => {
    await (await open(server(DB))).entriesFor(query)
    const here = await cached()
    expect(JSON.parse(await readFile(path.join(here, 'modules.json'), 'utf8'))).toEqual({
      'github.com/a/x': [
        { id: 'GO-2099-0001', fixed: '1.5.0' },
        { id: 'GO-2099-0002', fixed: '1.1.0' },
        { id: 'GO-2099-0003' }
      ],
      stdlib: [{ id: 'GO-2099-0004', fixed: '1.20.0' }]
    })
    const validated = (id: string): unknown =>
      JSON.parse(JSON.stringify(osvEntrySchema.parse(ENTRY(id))))
    expect(JSON.parse(await readFile(path.join(here, 'entries.json'), 'utf8'))).toEqual({
      'GO-2099-0001': validated('GO-2099-0001'),
      'GO-2099-0003': validated('GO-2099-0003')
    })
    // Another binary's module adds its entries to the file.
    await (await open(server(DB))).entriesFor([{ path: 'stdlib', version: 'v1.19.0' }])
    const all = JSON.parse(await readFile(path.join(here, 'entries.json'), 'utf8')) as object
    expect(Object.keys(all)).toEqual(['GO-2099-0001', 'GO-2099-0003', 'GO-2099-0004'])
  })

  it('a cache file that is not JSON is fetched again, not trusted', async () => {
    await (await open(server(DB))).entriesFor(query)
    await writeFile(path.join(await cached(), 'entries.json'), '{"GO-2099-0001": {"id": "GO-20')
    const again = server(DB)
    const got = await (await open(again)).entriesFor(query)
    expect(pathsOf(again.requests)).toEqual([
      '/ID/GO-2099-0001.json.gz',
      '/ID/GO-2099-0003.json.gz',
      '/index/db.json.gz'
    ])
    expect(got.get('github.com/a/x')?.map(e => e.id)).toEqual(['GO-2099-0001', 'GO-2099-0003'])
  })

  it('a cached entry or index that is JSON but fails its schema is fetched again too', async () => {
    await (await open(server(DB))).entriesFor(query)
    const here = await cached()
    await writeFile(
      path.join(here, 'entries.json'),
      JSON.stringify({
        'GO-2099-0001': { ...ENTRY('GO-2099-0001'), affected: 'everything' },
        // Under another ID's name: not what was asked for.
        'GO-2099-0003': ENTRY('GO-2099-0009')
      })
    )
    await writeFile(
      path.join(here, 'modules.json'),
      JSON.stringify({ 'github.com/a/x': [{ id: 42 }] })
    )
    const again = server(DB)
    const got = await (await open(again)).entriesFor(query)
    expect(pathsOf(again.requests)).toEqual([
      '/ID/GO-2099-0001.json.gz',
      '/ID/GO-2099-0003.json.gz',
      '/index/db.json.gz',
      '/index/modules.json.gz'
    ])
    expect(got.get('github.com/a/x')?.map(e => [e.id, e.affected.length])).toEqual([
      ['GO-2099-0001', 1],
      ['GO-2099-0003', 1]
    ])
  })

  it('a cache that cannot be written costs the next run a fetch, not this run its check', async () => {
    const file = path.join(dir, 'not-a-dir')
    await writeFile(file, '')
    const got = await (
      await openVulnDb({ url: BASE, fetch: server(DB).fetch, cacheDir: file })
    ).entriesFor(query)
    expect(got.get('github.com/a/x')).toHaveLength(2)
  })

  it('a file: database is read in place, never copied', async () => {
    const db = path.join(dir, 'db')
    for (const [endpoint, value] of Object.entries(DB)) {
      await mkdir(path.dirname(path.join(db, endpoint)), { recursive: true })
      await writeFile(path.join(db, `${endpoint}.json`), JSON.stringify(value))
    }
    const cacheDir = path.join(dir, 'cache')
    const vulndb = await openVulnDb({
      url: pathToFileURL(db).href,
      fetch: server({}).fetch,
      cacheDir
    })
    expect((await vulndb.entriesFor(query)).get('github.com/a/x')).toHaveLength(2)
    await expect(readdir(cacheDir)).rejects.toThrow(/ENOENT/)
  })
})
