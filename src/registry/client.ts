// A client of one repository's OCI distribution API (blobs, manifests, tags, referrers), on the layers beneath: ping.ts, auth.ts and bearer.ts, retry.ts, errors.ts; as go-containerregistry's remote is on its transport.
import type { Fetch, Logger } from '../ports.js'
import { timeoutKind } from '../http/errors.js'
import { DEFAULT_TIMEOUT_MS, freshConnection } from '../http/transport.js'
import type { Outcome } from '../http/policy.js'
import { DOCKER_MEDIA, MEDIA, sha256, toBlob, type Blob } from '../oci/image.js'
import { Authenticator } from './auth.js'
import type { Credentials } from './credentials.js'
import { failure, noteTries, readBody, RegistryError, type ClientContext } from './errors.js'
import { listReferrers, listTags } from './lists.js'
import { login } from './ping.js'
import type { ImageRef } from './reference.js'
import { Endpoint, Sender, type SendOptions } from './retry.js'

export type { Credentials } from './credentials.js'

export interface ClientOptions {
  fetch: Fetch
  logger: Logger
  baseUrl: string
  /**
   * The same registry over the other protocol, tried when the ping shows baseUrl speaks the wrong one: a
   * loopback port that serves https, or an insecure registry that serves plain http.
   */
  fallbackBaseUrl?: string
  credentials?: Credentials
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The clock retry budgets are measured with; tests pass a fake one. */
  now?: () => number
  /** Jitter for the backoff, in [0, 1). */
  random?: () => number
  attempts?: number
  /** registry-timeout: what the transport allows a silent request; the budget and the messages use it. */
  timeoutMs?: number
  /** The most one request with its retries may take; default max(90 s, 1.5 × timeoutMs). */
  budgetMs?: number
  /** The TLS inputs in effect, for the warning and for what a certificate error should suggest. */
  tls?: { caFile?: string; insecure?: boolean }
  /** Other repositories of this registry the token must read: cross-repo mount sources and the baseline. */
  pullScopes?: string[]
  /** What the token is asked for: push (and pull) to publish, pull alone to read a baseline. */
  access?: 'push' | 'pull'
}

export class RegistryClient {
  private readonly ctx: ClientContext
  private readonly sender: Sender
  private readonly auth: Authenticator

  constructor(
    readonly ref: ImageRef,
    private readonly o: ClientOptions
  ) {
    this.ctx = {
      ref,
      credentials: o.credentials,
      timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      tls: o.tls
    }
    this.sender = new Sender(new Endpoint(ref, o.baseUrl), o, this.ctx)
    this.auth = new Authenticator(this.sender, { access: o.access, pullScopes: o.pullScopes })
    this.sender.authorizer = this.auth
  }

  /**
   * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push. A
   * registry whose ping is open may still guard its repositories: then the first 401 authenticates.
   */
  login(): Promise<void> {
    return login({ sender: this.sender, auth: this.auth, fallbackBaseUrl: this.o.fallbackBaseUrl })
  }

  private get repoUrl(): string {
    return this.sender.endpoint.repoUrl
  }

  /** One exchange under the retry policy, authorized for the registry's own host (see Sender.send). */
  send(method: string, url: string, opts: SendOptions): Promise<Response> {
    return this.sender.send(method, url, opts)
  }

  async blobExists(digest: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.send('HEAD', `${this.repoUrl}/blobs/${digest}`, {
      signal
    })
    await res.body?.cancel()
    if (res.status === 200) return true
    if (res.status === 404) return false
    throw await failure(this.ctx, res, `HEAD blob ${digest}`)
  }

  /**
   * Uploads a blob unless the registry has it: 'exists' when it has, 'mounted' when another repository of the
   * registry lent it (no bytes sent), 'uploaded' when the bytes were sent. signal cancels it (another upload
   * failed, so this one is no longer wanted).
   */
  async uploadBlob(
    blob: Blob,
    mountFrom?: string,
    signal?: AbortSignal
  ): Promise<'exists' | 'mounted' | 'uploaded'> {
    if (await this.blobExists(blob.digest, signal)) return 'exists'
    // The budget bounds the waiting and retrying; the time the bytes take to go up is not held against it.
    const begun = this.sender.now()
    let deadline = begun + this.sender.budgetMs
    // Each attempt starts a fresh upload session from byte 0, as a half-written session cannot be trusted.
    for (let attempt = 0; ; attempt++) {
      const mount =
        attempt === 0 && mountFrom && mountFrom !== this.ref.repository
          ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(mountFrom)}`
          : ''
      const start = await this.send('POST', `${this.repoUrl}/blobs/uploads/${mount}`, { signal })
      if (mount && start.status === 201) {
        await start.body?.cancel()
        return 'mounted'
      }
      // A registry that cannot mount answers 202 with an ordinary upload session.
      if (start.status !== 202)
        throw await failure(this.ctx, start, `start upload of ${blob.digest}`)
      await start.body?.cancel()
      const location = start.headers.get('location')
      if (!location)
        throw new RegistryError(`${this.ref.registry} started an upload without a Location header.`)
      const url = new URL(location, `${this.sender.endpoint.baseUrl}/`)
      url.searchParams.set('digest', blob.digest)
      const sent = this.sender.now()
      const put = await this.send('PUT', url.toString(), {
        body: blob.data,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(blob.size)
        },
        retry: false,
        signal
      }).catch((e: unknown) => e as Error)
      // A silence at the end of a failed PUT counts against the budget; the time spent sending does not.
      const silent = put instanceof Error && timeoutKind(put.cause) ? this.sender.timeoutMs : 0
      deadline += Math.max(this.sender.now() - sent - silent, 0)
      if (!(put instanceof Error) && put.status === 201) {
        await put.body?.cancel()
        this.checkDigest(put, blob.digest)
        return 'uploaded'
      }
      if (signal?.aborted) throw signal.reason
      const outcome: Outcome =
        put instanceof Error
          ? { error: put.cause ?? put }
          : { status: put.status, retryAfter: put.headers.get('retry-after') }
      const v = this.sender.verdict(outcome, attempt, this.sender.attempts, deadline)
      if (!v.retry) {
        if (put instanceof Error) throw put
        noteTries(put, { attempts: attempt + 1, ms: this.sender.now() - begun })
        throw await failure(this.ctx, put, `upload ${blob.digest}`)
      }
      await (put instanceof Error ? undefined : put.body?.cancel())
      if (v.fresh) freshConnection(this.sender.fetch, url)
      this.sender.logger.info(
        `upload ${blob.digest}: ${put instanceof Error ? put.message : `HTTP ${put.status}`}; a fresh session in ${v.waitMs} ms`
      )
      await this.sender.pause(v.waitMs, signal)
    }
  }

  /** A manifest or index by tag or digest, or undefined when the registry has no such thing. */
  async getManifest(reference: string): Promise<Blob | undefined> {
    return (await this.getManifestEntry(reference))?.blob
  }

  /**
   * A manifest with its ETag, for a read-modify-write (the referrers tag schema) that a registry supporting
   * conditional requests can refuse with 412 when another writer came between.
   */
  async getManifestEntry(reference: string): Promise<{ blob: Blob; etag?: string } | undefined> {
    const url = `${this.repoUrl}/manifests/${reference}`
    const res = await this.send('GET', url, { headers: { accept: MANIFEST_TYPES.join(', ') } })
    if (res.status === 404) {
      await res.body?.cancel()
      return undefined
    }
    if (res.status !== 200) throw await failure(this.ctx, res, `GET manifest ${reference}`)
    const data = await readBody(this.ctx, res, 'GET', url, async () =>
      Buffer.from(await res.arrayBuffer())
    )
    const blob = toBlob(res.headers.get('content-type')?.split(';')[0]?.trim() ?? '', data)
    if (reference.startsWith('sha256:') && blob.digest !== reference) {
      throw new RegistryError(
        `${this.ref.registry} returned ${blob.digest} for the manifest ${reference}.`
      )
    }
    return { blob, etag: res.headers.get('etag') ?? undefined }
  }

  /**
   * The referrers API's descriptors of subject's referrers, every page, and whether the registry applied the
   * artifactType filter; undefined when it has no referrers API (see listReferrers).
   */
  getReferrers(
    subject: string,
    artifactType?: string
  ): Promise<{ manifests: Record<string, unknown>[]; filtered: boolean } | undefined> {
    return listReferrers(this.sender, subject, artifactType)
  }

  /** The repository's tags, read whole (see listTags). */
  listTags(): Promise<string[]> {
    return listTags(this.sender)
  }

  /** A blob's bytes (a config), checked against its digest. */
  async getBlob(digest: string): Promise<Buffer> {
    const url = `${this.repoUrl}/blobs/${digest}`
    const res = await this.send('GET', url, {})
    if (res.status !== 200) throw await failure(this.ctx, res, `GET blob ${digest}`)
    const data = await readBody(this.ctx, res, 'GET', url, async () =>
      Buffer.from(await res.arrayBuffer())
    )
    if (sha256(data) !== digest) {
      throw new RegistryError(`${this.ref.registry} returned other bytes for the blob ${digest}.`)
    }
    return data
  }

  /**
   * Stores a manifest under a tag or its digest, and returns the answer's headers (OCI-Subject says the
   * registry has the referrers API). what names the request in a failure; headers go along (If-Match).
   */
  async putManifest(
    reference: string,
    manifest: Blob,
    opts: { what?: string; headers?: Record<string, string> } = {}
  ): Promise<Headers> {
    const res = await this.send('PUT', `${this.repoUrl}/manifests/${reference}`, {
      body: manifest.data,
      headers: { ...opts.headers, 'content-type': manifest.mediaType }
    })
    if (res.status !== 201)
      throw await failure(this.ctx, res, opts.what ?? `PUT manifest ${reference}`)
    await res.body?.cancel()
    this.checkDigest(res, manifest.digest)
    return res.headers
  }

  private checkDigest(res: Response, expected: string): void {
    const got = res.headers.get('docker-content-digest')
    if (got && got !== expected) {
      throw new RegistryError(
        `${this.ref.registry} stored ${got} where ${expected} was sent; the upload was corrupted.`
      )
    }
  }
}

const MANIFEST_TYPES = [MEDIA.manifest, MEDIA.index, DOCKER_MEDIA.manifest, DOCKER_MEDIA.index]
