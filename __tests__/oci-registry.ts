// An in-memory registry that answers as distribution-spec v1.1 documents, with or without the referrers API, for the real RegistryClient: as a fetch in unit tests, as an HTTP server on 127.0.0.1 in integration tests.
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Fetch } from '../src/ports.js'

export interface MemoryRegistryOptions {
  /**
   * distribution-spec v1.1 "Listing Referrers": GET /v2/<name>/referrers/<digest> answers an image index, and
   * a manifest PUT with a subject is answered with the OCI-Subject header ("Pushing Manifests with Subject").
   * Off: a registry before 1.1 (404 on the endpoint, no header), as distribution 2.8.
   */
  referrersApi: boolean
  /** Whether the registry applies ?artifactType= (and says so with OCI-Filters-Applied); the spec lets it not. */
  applyFilter?: boolean
  /** Referrers per page, with a Link rel="next" header to the rest ("the registry MAY paginate"). */
  pageSize?: number
  /** Answers manifest PUTs that have a subject with 400 MANIFEST_INVALID, as a registry that refuses them. */
  rejectSubject?: boolean
  /** Stores a manifest PUT whatever its If-Match says, as distribution 2.8 and GHCR do. */
  ignoreIfMatch?: boolean
}

export interface SeenRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
}

interface Stored {
  mediaType: string
  data: Buffer
}

const INDEX = 'application/vnd.oci.image.index.v1+json'

const digestOf = (data: Buffer): string =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`

export class MemoryRegistry {
  readonly blobs = new Map<string, Buffer>()
  /** By repository and digest. */
  readonly manifests = new Map<string, Stored>()
  /** By repository and tag: the digest. */
  readonly tags = new Map<string, string>()
  readonly requests: SeenRequest[] = []
  private uploads = 0

  constructor(readonly options: MemoryRegistryOptions) {}

  /** The registry as a fetch, for unit tests. */
  readonly fetch: Fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input : input.url
    )
    const headers: Record<string, string> = {}
    for (const [k, v] of new Headers(init?.headers).entries()) headers[k] = v
    const body = init?.body ? Buffer.from(init.body as Buffer) : Buffer.alloc(0)
    return this.handle(init?.method ?? 'GET', url, headers, body)
  }

  /** Tags of a repository, for tests: tag -> digest. */
  tagsOf(repo: string): Map<string, string> {
    const out = new Map<string, string>()
    for (const [k, v] of this.tags)
      if (k.startsWith(`${repo}:`)) out.set(k.slice(repo.length + 1), v)
    return out
  }

  manifest(repo: string, reference: string): Stored | undefined {
    const digest = reference.startsWith('sha256:')
      ? reference
      : this.tags.get(`${repo}:${reference}`)
    return digest ? this.manifests.get(`${repo}@${digest}`) : undefined
  }

  handle(method: string, url: URL, headers: Record<string, string>, body: Buffer): Response {
    this.requests.push({ method, path: url.pathname, query: url.searchParams, headers })
    const p = url.pathname
    if (p === '/v2/' || p === '/v2') return new Response('{}', { status: 200 })
    let m: RegExpMatchArray | null
    if ((m = p.match(/^\/v2\/(.+)\/blobs\/uploads\/(\d*)$/))) {
      if (method === 'POST') {
        return new Response(null, {
          status: 202,
          headers: { location: `/v2/${m[1]}/blobs/uploads/${++this.uploads}` }
        })
      }
      if (method === 'PUT') {
        const digest = url.searchParams.get('digest') ?? ''
        if (digestOf(body) !== digest) return error(400, 'DIGEST_INVALID', 'digest mismatch')
        this.blobs.set(digest, body)
        return new Response(null, { status: 201, headers: { 'docker-content-digest': digest } })
      }
    }
    if ((m = p.match(/^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/))) {
      const data = this.blobs.get(m[2]!)
      if (!data) return error(404, 'BLOB_UNKNOWN', 'blob unknown')
      return new Response(method === 'HEAD' ? null : new Uint8Array(data), {
        status: 200,
        headers: { 'content-length': String(data.length) }
      })
    }
    if ((m = p.match(/^\/v2\/(.+)\/referrers\/(sha256:[a-f0-9]{64})$/))) {
      if (!this.options.referrersApi) return new Response('404 page not found', { status: 404 })
      return this.referrers(m[1]!, m[2]!, url)
    }
    // "Listing Tags": GET /v2/<name>/tags/list, every tag in one page.
    if ((m = p.match(/^\/v2\/(.+)\/tags\/list$/)) && method === 'GET') {
      const tags = [...this.tagsOf(m[1]!).keys()].sort()
      if (!tags.length) return error(404, 'NAME_UNKNOWN', 'repository name not known to registry')
      return new Response(JSON.stringify({ name: m[1], tags }), { status: 200 })
    }
    if ((m = p.match(/^\/v2\/(.+)\/manifests\/([^/]+)$/))) {
      const [, repo = '', ref = ''] = m
      if (method === 'PUT') return this.putManifest(repo, ref, headers, body)
      const found = this.manifest(repo, ref)
      if (!found) return error(404, 'MANIFEST_UNKNOWN', 'manifest unknown')
      return new Response(method === 'HEAD' ? null : new Uint8Array(found.data), {
        status: 200,
        headers: {
          'content-type': found.mediaType,
          'docker-content-digest': digestOf(found.data),
          etag: `"${digestOf(found.data)}"`
        }
      })
    }
    return new Response('404 page not found', { status: 404 })
  }

  private putManifest(
    repo: string,
    ref: string,
    headers: Record<string, string>,
    body: Buffer
  ): Response {
    const digest = digestOf(body)
    const doc = JSON.parse(body.toString()) as {
      subject?: { digest: string }
      config?: { digest: string }
      layers?: { digest: string }[]
    }
    if (doc.subject && this.options.rejectSubject) {
      return error(400, 'MANIFEST_INVALID', 'manifest invalid: subject is not supported')
    }
    if (ref.startsWith('sha256:') && ref !== digest) return error(400, 'DIGEST_INVALID', 'digest')
    for (const d of [doc.config, ...(doc.layers ?? [])]) {
      if (d && !this.blobs.has(d.digest)) return error(400, 'MANIFEST_BLOB_UNKNOWN', d.digest)
    }
    const ifMatch = headers['if-match']
    if (ifMatch && !ref.startsWith('sha256:') && !this.options.ignoreIfMatch) {
      const current = this.tags.get(`${repo}:${ref}`)
      if (!current || `"${current}"` !== ifMatch) return error(412, 'PRECONDITION_FAILED', 'stale')
    }
    this.manifests.set(`${repo}@${digest}`, {
      mediaType: headers['content-type'] ?? '',
      data: body
    })
    if (!ref.startsWith('sha256:')) this.tags.set(`${repo}:${ref}`, digest)
    const answer: Record<string, string> = {
      'docker-content-digest': digest,
      location: `/v2/${repo}/manifests/${digest}`
    }
    if (doc.subject && this.options.referrersApi) answer['oci-subject'] = doc.subject.digest
    return new Response(null, { status: 201, headers: answer })
  }

  /** The referrers list as the spec builds it: artifactType from the manifest (else its config), its annotations. */
  private referrers(repo: string, subject: string, url: URL): Response {
    const all: Record<string, unknown>[] = []
    for (const [key, m] of this.manifests) {
      if (!key.startsWith(`${repo}@`)) continue
      const doc = JSON.parse(m.data.toString()) as {
        subject?: { digest: string }
        artifactType?: string
        config?: { mediaType: string }
        annotations?: Record<string, string>
      }
      if (doc.subject?.digest !== subject) continue
      all.push({
        mediaType: m.mediaType,
        digest: digestOf(m.data),
        size: m.data.length,
        artifactType: doc.artifactType ?? doc.config?.mediaType,
        ...(doc.annotations ? { annotations: doc.annotations } : {})
      })
    }
    all.sort((a, b) => String(a.digest).localeCompare(String(b.digest)))
    const headers: Record<string, string> = { 'content-type': INDEX }
    const wanted = url.searchParams.get('artifactType')
    let list = all
    if (wanted && this.options.applyFilter) {
      list = all.filter(d => d.artifactType === wanted)
      headers['oci-filters-applied'] = 'artifactType'
    }
    const last = url.searchParams.get('last')
    if (last) list = list.slice(list.findIndex(d => d.digest === last) + 1)
    const size = this.options.pageSize
    if (size && list.length > size) {
      const next = new URLSearchParams(url.searchParams)
      next.set('last', String(list[size - 1]!.digest))
      headers.link = `<${url.pathname}?${next.toString()}>; rel="next"`
      list = list.slice(0, size)
    }
    return new Response(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: list }), {
      status: 200,
      headers
    })
  }

  /** Serves the registry on 127.0.0.1 (an ephemeral port); resolves to its host:port and a close. */
  async listen(): Promise<{ host: string; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        void (async () => {
          const headers: Record<string, string> = {}
          for (const [k, v] of Object.entries(req.headers))
            if (typeof v === 'string') headers[k] = v
          const answer = this.handle(
            req.method ?? 'GET',
            new URL(req.url ?? '/', 'http://127.0.0.1'),
            headers,
            Buffer.concat(chunks)
          )
          const out = Buffer.from(await answer.arrayBuffer())
          res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()))
          res.end(req.method === 'HEAD' ? undefined : out)
        })()
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      host: `127.0.0.1:${port}`,
      close: () => new Promise(resolve => server.close(() => resolve()))
    }
  }
}

function error(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ code, message }] }), {
    status,
    headers: { 'content-type': 'application/json' }
  })
}
