// Reads one endpoint of a Go vulnerability database as Go's client does (http(s): ENDPOINT.json.gz, gunzipped; file: ENDPOINT.json), bounded in time and size, with typed errors that name vuln-db.
import { gunzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { redactUrl, splitCredentials } from '../go/mirror.js'
import { causeText } from '../go/transfer.js'
import { timeoutKind } from '../http/errors.js'
import { GaveUp } from '../http/retry.js'
import { InputError, type Fetch } from '../ports.js'

/**
 * Why the database gave no usable answer: it could not be reached, did not answer in time, has no such endpoint,
 * answered another HTTP status, or answered something that is not what the protocol promises. A user-facing
 * error (no stack trace): the caller warns with it (vulnerabilities: report) or fails with it (fail).
 */
export type VulnDbErrorKind = 'unreachable' | 'timeout' | 'missing' | 'status' | 'malformed'

export class VulnDbError extends InputError {
  constructor(
    message: string,
    readonly kind: VulnDbErrorKind
  ) {
    super(message)
    this.name = 'VulnDbError'
  }
}

export interface SourceOptions {
  /** The vuln-db URL (http:, https: or file:), without a trailing slash. */
  url: string
  fetch: Fetch
  readFile: (file: string) => Promise<Uint8Array>
  /** How long one request may take, its body included: a database that never answers fails after it. */
  timeoutMs: number
  /** The most bytes one answer may have, compressed or not. */
  maxBytes?: number
}

/** The JSON at an endpoint (a path without extension, e.g. index/modules), and where it was read from. */
export type Source = (endpoint: string) => Promise<{ json: unknown; from: string }>

/** vuln.go.dev's modules index is a few MB; an answer far beyond that is not a vulnerability database. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(3)} s`

export function openSource(o: SourceOptions): Source {
  const max = o.maxBytes ?? DEFAULT_MAX_BYTES
  const shown = redactUrl(o.url)
  const parse = (bytes: Uint8Array, from: string): { json: unknown; from: string } => {
    let text: string
    try {
      // Go's client gunzips what it asked for as .json.gz; a server (or proxy) that already decoded it is fine too.
      text = (
        bytes[0] === 0x1f && bytes[1] === 0x8b
          ? gunzipSync(bytes, { maxOutputLength: max })
          : Buffer.from(bytes)
      ).toString('utf8')
    } catch (e) {
      throw new VulnDbError(
        `vuln-db: ${from} is not valid gzip (${(e as Error).message}).`,
        'malformed'
      )
    }
    try {
      return { json: JSON.parse(text) as unknown, from }
    } catch (e) {
      throw new VulnDbError(`vuln-db: ${from} is not JSON (${(e as Error).message}).`, 'malformed')
    }
  }

  if (o.url.startsWith('file:')) {
    const dir = fileURLToPath(o.url)
    return async endpoint => {
      const file = path.join(dir, `${endpoint}.json`)
      let bytes: Uint8Array
      try {
        bytes = await o.readFile(file)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        throw new VulnDbError(
          code === 'ENOENT'
            ? `vuln-db: ${shown} has no ${endpoint}.json (${file} does not exist). Point vuln-db at a directory in the ` +
                `Go vulnerability database's layout (index/db.json, index/modules.json, ID/GO-YYYY-NNNN.json).`
            : `vuln-db: cannot read ${file} (${code ?? (e as Error).message}).`,
          code === 'ENOENT' ? 'missing' : 'unreachable'
        )
      }
      if (bytes.length > max)
        throw new VulnDbError(`vuln-db: ${file} is over ${max} bytes.`, 'malformed')
      return parse(bytes, file)
    }
  }

  return async endpoint => {
    const url = `${o.url}/${endpoint}.json.gz`
    const from = redactUrl(url)
    const { url: bare, headers } = splitCredentials(url)
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(
          new VulnDbError(
            `vuln-db: ${from} did not answer within ${seconds(o.timeoutMs)}. The database may be down or ` +
              `unreachable from the runner.`,
            'timeout'
          )
        )
      }, o.timeoutMs)
    })
    const request = async (): Promise<Uint8Array> => {
      let res: Response
      try {
        res = await o.fetch(bare, { headers, signal: controller.signal, redirect: 'follow' })
      } catch (e) {
        // Through the run's HTTP layer (serviceFetch) a request that got no answer is a GaveUp whose message
        // names the limit it hit and the attempts; a bare fetch's error says only its cause.
        const gaveUp = e instanceof GaveUp
        const silent = !!timeoutKind(gaveUp ? e.cause : e)
        throw new VulnDbError(
          `vuln-db: cannot reach ${from} (${gaveUp ? e.message : causeText(e)}). ` +
            (silent
              ? 'The database may be down or unreachable from the runner.'
              : "Check the URL and the runner's network."),
          silent ? 'timeout' : 'unreachable'
        )
      }
      if (res.status !== 200) {
        void res.body?.cancel().catch(() => undefined)
        const missing = res.status === 404
        throw new VulnDbError(
          `vuln-db: ${from} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.` +
            (missing
              ? ` Is ${shown} a Go vulnerability database (https://vuln.go.dev or a mirror in its layout)?`
              : ''),
          missing ? 'missing' : 'status'
        )
      }
      return readCapped(res, max, from)
    }
    try {
      const bytes = await Promise.race([request(), expired])
      return parse(bytes, from)
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The body, refused past max bytes instead of buffering whatever a server sends. */
async function readCapped(res: Response, max: number, from: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  if (!reader) return new Uint8Array()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > max) {
        void reader.cancel().catch(() => undefined)
        throw new VulnDbError(`vuln-db: ${from} sent more than ${max} bytes.`, 'malformed')
      }
      chunks.push(value)
    }
  } catch (e) {
    if (e instanceof VulnDbError) throw e
    throw new VulnDbError(
      `vuln-db: reading ${from} failed (${causeText(e)}). Check the runner's network.`,
      'unreachable'
    )
  }
  return Buffer.concat(chunks)
}
