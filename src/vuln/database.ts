// The Go vulnerability database client: index/db.json once per run, then the modules index and the entries a binary's modules need, each validated and cached on disk under db.json's modified time.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile as fsReadFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'
import { redactUrl } from '../go/mirror.js'
import type { Fetch } from '../ports.js'
import {
  dbMetaSchema,
  describeIssues,
  ID_PATTERN,
  indexVulnsSchema,
  modulesIndexSchema,
  osvEntrySchema,
  type IndexVulns,
  type OsvEntry
} from './schema.js'
import { openSource, VulnDbError } from './source.js'
import { less } from './version.js'

export interface VulnDbOptions {
  /** vuln-db, as parseVulnDb returns it. */
  url: string
  /** The run's HTTP layer (src/http/ when it lands); bounded here too by timeoutMs. */
  fetch: Fetch
  /** Reads file: databases and the cache; node's readFile unless a test passes another. */
  readFile?: (file: string) => Promise<Uint8Array>
  /**
   * A directory that outlives the run (a folder of the tool cache): the modules index and the fetched entries are
   * kept there under db.json's modified time, so a warm run asks the database for db.json alone. Absent, or a
   * file: database: nothing is cached.
   */
  cacheDir?: string
  /** How long one request may take; default 30 s. */
  timeoutMs?: number
}

/** A module to look up: as compiled (the replacement's path and version when there is one). */
export interface ModuleQuery {
  path: string
  version: string
}

export interface VulnDb {
  /** vuln-db, its credentials (if any) shown as ***. */
  url: string
  /** db.json's modified time. */
  modified: string
  /**
   * The entries that may affect each module at its version, by module path: those the modules index lists with
   * no fix, or with a last fix above the version (Go's client's ByModules with a version). Each entry is fetched
   * (or read from the cache) once per VulnDb, however many binaries ask.
   */
  entriesFor(modules: ModuleQuery[]): Promise<Map<string, OsvEntry[]>>
}

export const DEFAULT_TIMEOUT_MS = 30_000
/** How many entries are fetched at once, as Go's client (errgroup SetLimit(10)). */
const CONCURRENCY = 10

/** A version Go cannot compare: no entry can be matched against it (govulncheck's affected()). */
const unknownVersion = (v: string): boolean => v === '' || v === '(devel)'

function validate<T>(schema: z.ZodType<T>, json: unknown, what: string, from: string): T {
  const r = schema.safeParse(json)
  if (r.success) return r.data
  throw new VulnDbError(
    `vuln-db: ${what} (${from}) is not what the Go vulnerability database protocol describes: ` +
      `${describeIssues(r.error)}. Check that vuln-db points at a Go vulnerability database or a faithful mirror.`,
    'malformed'
  )
}

/** Reads db.json (the one request a warm run makes) and returns the client for the rest. */
export async function openVulnDb(o: VulnDbOptions): Promise<VulnDb> {
  const readFile = o.readFile ?? fsReadFile
  const source = openSource({
    url: o.url,
    fetch: o.fetch,
    readFile,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS
  })
  const db = await source('index/db')
  const { modified } = validate(dbMetaSchema, db.json, 'index/db.json', db.from)
  const cache =
    o.cacheDir && !o.url.startsWith('file:')
      ? cacheAt(o.cacheDir, o.url, modified, readFile)
      : undefined

  /** The index as a lookup: a module's vulnerabilities, or undefined when a cached copy of them does not validate. */
  interface Lookup {
    vulnsOf(path: string): IndexVulns | undefined
    from: string
  }
  const fetchIndex = async (): Promise<Lookup> => {
    const got = await source('index/modules')
    const list = validate(modulesIndexSchema, got.json, 'index/modules.json', got.from)
    const byPath: Record<string, IndexVulns> = Object.create(null) as Record<string, IndexVulns>
    for (const m of list)
      for (const v of m.vulns)
        (byPath[m.path] ??= []).push(v.fixed ? { id: v.id, fixed: v.fixed } : { id: v.id })
    await cache?.write('modules', byPath)
    return { vulnsOf: p => byPath[p] ?? [], from: got.from }
  }
  // The cache keeps the index as {path: [{id, fixed}]}: a warm run parses it and validates only the modules it
  // looks up, not the thousands it does not (a few milliseconds instead of tens).
  const cachedIndex = async (): Promise<Lookup | undefined> => {
    const kept = await cache?.read('modules')
    if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return undefined
    const byPath = kept as Record<string, unknown>
    return {
      from: 'the cached modules index',
      vulnsOf: p => {
        if (!Object.hasOwn(byPath, p)) return []
        const r = indexVulnsSchema.safeParse(byPath[p])
        return r.success ? r.data : undefined
      }
    }
  }
  let index: Promise<Lookup> | undefined

  // The entries are cached together, in one file (one read for a warm run instead of one per entry).
  let cachedEntries: Promise<Record<string, unknown>> | undefined
  const kept = (): Promise<Record<string, unknown>> =>
    (cachedEntries ??= (cache?.read('entries') ?? Promise.resolve(undefined)).then(v =>
      v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
    ))
  const fetched = new Map<string, unknown>()
  const entries = new Map<string, Promise<OsvEntry>>()
  const entry = (id: string): Promise<OsvEntry> => {
    let p = entries.get(id)
    if (!p) {
      p = (async () => {
        const copy = osvEntrySchema.safeParse((await kept())[id])
        if (copy.success && copy.data.id === id) return copy.data
        const got = await source(`ID/${id}`)
        const e = validate(osvEntrySchema, got.json, `the entry ${id}`, got.from)
        if (e.id !== id)
          throw new VulnDbError(
            `vuln-db: the entry ${id} holds the report ${e.id}. The database is inconsistent; check vuln-db.`,
            'malformed'
          )
        // Kept as validated, details cut to what a finding shows: the file a warm run reads stays small.
        fetched.set(id, { ...e, details: e.summary ? undefined : e.details?.split('\n')[0] })
        return e
      })()
      entries.set(id, p)
    }
    return p
  }
  // Writes go one after another, each with every entry fetched so far.
  let writing = Promise.resolve()
  const save = (): Promise<void> =>
    (writing = writing.then(async () => {
      if (cache && fetched.size)
        await cache.write('entries', { ...(await kept()), ...Object.fromEntries(fetched) })
    }))

  return {
    url: redactUrl(o.url),
    modified,
    async entriesFor(modules) {
      const known = modules.filter(m => !unknownVersion(m.version))
      let lookup = await (index ??= cachedIndex().then(i => i ?? fetchIndex()))
      // A cached copy that does not validate (a crash mid-write, a hand edit) is fetched again, not trusted.
      if (known.some(m => lookup.vulnsOf(m.path) === undefined))
        lookup = await (index = fetchIndex())
      const { from } = lookup
      const wanted = new Map<string, string[]>()
      for (const m of known) {
        const ids = lookup
          .vulnsOf(m.path)!
          .filter(v => !v.fixed || less(m.version, v.fixed))
          .map(v => v.id)
        wanted.set(m.path, [...new Set([...(wanted.get(m.path) ?? []), ...ids])])
      }
      const all = [...new Set([...wanted.values()].flat())]
      // An ID becomes part of a URL and a cache key: one that could be a path is refused before either.
      const bad = all.find(id => !ID_PATTERN.test(id))
      if (bad !== undefined) {
        throw new VulnDbError(
          `vuln-db: index/modules.json (${from}) lists the entry '${bad.slice(0, 100)}', which is not an ID ` +
            `(letters and digits in dash-separated groups, like GO-2024-1234). Check vuln-db.`,
          'malformed'
        )
      }
      const got = new Map<string, OsvEntry>()
      await pool(all, CONCURRENCY, async id => void got.set(id, await entry(id)))
      await save()
      const out = new Map<string, OsvEntry[]>()
      for (const [p, ids] of wanted)
        if (ids.length)
          out.set(
            p,
            ids.sort().map(id => got.get(id)!)
          )
      return out
    }
  }
}

/** Runs fn over items, at most `limit` at a time; the first failure is thrown once all started ones end. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

interface Cache {
  /** The JSON kept under a name, or undefined when there is none (or it is not JSON). */
  read(name: string): Promise<unknown>
  write(name: string, json: unknown): Promise<void>
}

/**
 * The cache folder of one database at one modified time: DIR/<hash of the URL>/<modified>/NAME.json. The first
 * write under a new modified time removes the folders of older ones, so the cache holds one version.
 */
function cacheAt(
  dir: string,
  url: string,
  modified: string,
  readFile: (f: string) => Promise<Uint8Array>
): Cache {
  const base = path.join(dir, createHash('sha256').update(url).digest('hex').slice(0, 16))
  // modified passed the RFC 3339 check: only digits, letters, '-', ':', '.', '+' remain to be made file-safe.
  const version = modified.replace(/[^0-9A-Za-z]/g, '')
  const here = path.join(base, version)
  let pruned = false
  return {
    async read(name) {
      try {
        return JSON.parse(Buffer.from(await readFile(path.join(here, `${name}.json`))).toString())
      } catch {
        return undefined
      }
    },
    async write(name, json) {
      const file = path.join(here, `${name}.json`)
      // A write that fails leaves the run as it was: the answer is already in hand, only the next run pays.
      try {
        await mkdir(path.dirname(file), { recursive: true })
        if (!pruned) {
          pruned = true
          for (const old of await readdir(base))
            if (old !== version) await rm(path.join(base, old), { recursive: true, force: true })
        }
        // Written aside and renamed, so a concurrent job never reads half a file.
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
        await writeFile(tmp, JSON.stringify(json))
        await rename(tmp, file)
      } catch {
        return
      }
    }
  }
}
