// Talks the OCI distribution API to one repository: auth (Basic, Bearer), blob upload and manifest PUT, with retries.
import type { Fetch, Logger } from '../ports.js'
import { InputError } from '../ports.js'
import { DOCKER_MEDIA, MEDIA, sha256, toBlob, type Blob } from '../oci/image.js'
import type { Credentials } from './credentials.js'
import type { ImageRef } from './reference.js'

export type { Credentials } from './credentials.js'

export interface ClientOptions {
  fetch: Fetch
  logger: Logger
  baseUrl: string
  credentials?: Credentials
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>
  attempts?: number
  /** Other repositories of this registry the token must read: cross-repo mount sources and the baseline. */
  pullScopes?: string[]
  /** What the token is asked for: push (and pull) to publish, pull alone to read a baseline. */
  access?: 'push' | 'pull'
}

interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** Parses `Bearer realm="...",service="..."` (one challenge, as registries send). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined
  const m = /^\s*(\w+)\s*(.*)$/.exec(header)
  if (!m) return undefined
  const params: Record<string, string> = {}
  for (const p of (m[2] ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params[(p[1] ?? '').toLowerCase()] = p[2] ?? p[3] ?? ''
  }
  return { scheme: (m[1] ?? '').toLowerCase(), params }
}

/** Whether a status is worth another try: timeouts, rate limits and server errors, never other 4xx. */
export function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** How long to wait before attempt n+1, honouring Retry-After (seconds or an HTTP date) up to a cap. */
export function backoffMs(attempt: number, retryAfter: string | null, now = Date.now()): number {
  const raw = retryAfter?.trim() ?? ''
  const seconds = raw ? Number(raw) : NaN
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 30_000)
  const date = /[a-z]/i.test(raw) ? Date.parse(raw) : NaN
  if (Number.isFinite(date)) return Math.min(Math.max(date - now, 0), 30_000)
  return Math.min(500 * 2 ** attempt, 8_000)
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

export class RegistryClient {
  private authorization?: string
  private challenge?: Challenge
  private readonly sleep: (ms: number) => Promise<void>
  private readonly attempts: number

  constructor(
    readonly ref: ImageRef,
    private readonly o: ClientOptions
  ) {
    this.sleep = o.sleep ?? (ms => new Promise(r => setTimeout(r, ms)))
    this.attempts = o.attempts ?? 5
  }

  private get repoUrl(): string {
    return `${this.o.baseUrl}/v2/${this.ref.repository}`
  }

  private describeUser(): string {
    const c = this.o.credentials
    if (!c) return 'anonymous access'
    // Credentials from a Docker config or GITHUB_TOKEN: say so, since the inputs are not what to fix.
    const from = c.source && !c.source.startsWith('registry-username') ? ` (from ${c.source})` : ''
    return `user '${c.username}'${from}`
  }

  /**
   * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push.
   */
  async login(): Promise<void> {
    const ping = await this.send('GET', `${this.o.baseUrl}/v2/`, { auth: false }).catch(
      (e: unknown) => {
        // A registry that speaks plain http answers an https client with a broken handshake.
        const http = this.o.baseUrl.startsWith('https:')
          ? ' If this registry serves plain http, set insecure-registry: true.'
          : ''
        throw new RegistryError(`${(e as Error).message}.${http}`)
      }
    )
    if (ping.status === 200) {
      await ping.body?.cancel()
      // An open registry ignores credentials; nothing more to do.
      return
    }
    if (ping.status !== 401) {
      throw new RegistryError(
        `${this.ref.registry} answered ${ping.status} to GET /v2/; is it an OCI registry?`,
        ping.status
      )
    }
    await ping.body?.cancel()
    this.challenge = parseChallenge(ping.headers.get('www-authenticate'))
    await this.authenticate()
    const check = await this.send('GET', `${this.o.baseUrl}/v2/`, {})
    await check.body?.cancel()
    if (check.status === 401 || check.status === 403) throw this.refused(check.status)
    if (!check.ok)
      throw new RegistryError(
        `${this.ref.registry} answered ${check.status} to GET /v2/.`,
        check.status
      )
  }

  private refused(status: number): InputError {
    return new InputError(
      `registry-username/registry-password: ${this.ref.registry} refused ${this.describeUser()} (HTTP ${status}). ` +
        `Check the username and the password or token, and that it may push to ${this.ref.repository}.`
    )
  }

  private async authenticate(): Promise<void> {
    const c = this.challenge
    const creds = this.o.credentials
    if (c?.scheme === 'basic') {
      if (!creds) {
        throw new InputError(
          `registry-username/registry-password: ${this.ref.registry} requires credentials. Set both inputs (or log in with a Docker config).`
        )
      }
      const basic = basicAuth(creds)
      this.o.logger.mask(basic)
      this.authorization = `Basic ${basic}`
    } else if (c?.scheme === 'bearer' && c.params.realm) {
      this.authorization = `Bearer ${await this.fetchToken(c)}`
    } else {
      throw new RegistryError(
        `${this.ref.registry} asked for an authentication scheme this action does not speak.`
      )
    }
  }

  private async fetchToken(c: Challenge): Promise<string> {
    const url = new URL(c.params.realm ?? '')
    const scope = `repository:${this.ref.repository}:${this.o.access === 'pull' ? 'pull' : 'push,pull'}${this.o.pullScopes?.map(r => ` repository:${r}:pull`).join('') ?? ''}`
    const creds = this.o.credentials
    let res: Response
    if (creds?.identityToken) {
      // docker login stored an OAuth2 refresh token: trade it at the token server, as the Docker CLI does.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        service: c.params.service ?? '',
        scope,
        client_id: 'go-scratch-image'
      })
      res = await this.send('POST', url.toString(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
        auth: false
      })
    } else {
      if (c.params.service) url.searchParams.set('service', c.params.service)
      for (const s of scope.split(' ')) url.searchParams.append('scope', s)
      const headers: Record<string, string> = {}
      if (creds) headers.authorization = `Basic ${basicAuth(creds)}`
      res = await this.send('GET', url.toString(), { headers, auth: false })
    }
    if (res.status === 401 || res.status === 403) throw this.refused(res.status)
    if (!res.ok)
      throw new RegistryError(`The token server ${url.host} answered ${res.status}.`, res.status)
    const body = (await res.json()) as { token?: string; access_token?: string }
    const token = body.token ?? body.access_token
    if (!token) throw new RegistryError(`The token server ${url.host} returned no token.`)
    this.o.logger.mask(token)
    return token
  }

  /**
   * One HTTP exchange with retries on 408/429/5xx and connection errors, for the registry and its token server
   * alike (a refresh mid-push must not fail on one 503). The body must be replayable (a Buffer). The registry's
   * own authorization goes only to its host; with auth: false it is left out, and a 401 is the caller's to read.
   * A 401 after login otherwise re-authenticates once (an expired Bearer token) and repeats the request.
   */
  async send(
    method: string,
    url: string,
    opts: { body?: Buffer; headers?: Record<string, string>; auth?: boolean; retry?: boolean }
  ): Promise<Response> {
    const attempts = opts.retry === false ? 1 : this.attempts
    let reauthed = false
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...opts.headers }
      if (opts.auth !== false && this.authorization && sameHost(url, this.o.baseUrl)) {
        headers.authorization = this.authorization
      }
      let res: Response
      try {
        res = await this.fetchFollowing(method, url, headers, opts.body)
      } catch (e) {
        if (attempt + 1 >= attempts) {
          throw new RegistryError(
            `${method} ${redact(url)} failed after ${attempt + 1} attempts: ${errorText(e)}`
          )
        }
        this.o.logger.info(`${method} ${redact(url)}: ${errorText(e)}; retrying`)
        await this.sleep(backoffMs(attempt, null))
        continue
      }
      if (
        res.status === 401 &&
        opts.auth !== false &&
        this.challenge?.scheme === 'bearer' &&
        !reauthed
      ) {
        await res.body?.cancel()
        reauthed = true
        await this.authenticate()
        attempt--
        continue
      }
      if (retryable(res.status) && attempt + 1 < attempts) {
        await res.body?.cancel()
        const wait = backoffMs(attempt, res.headers.get('retry-after'))
        this.o.logger.info(`${method} ${redact(url)}: HTTP ${res.status}; retrying in ${wait} ms`)
        await this.sleep(wait)
        continue
      }
      return res
    }
  }

  /**
   * Follows redirects itself (blob storage, a CDN): the request's credentials go only to the host it was sent
   * to, never to another host a redirect names.
   */
  private async fetchFollowing(
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: Buffer
  ): Promise<Response> {
    let current = url
    let m = method
    for (let hop = 0; ; hop++) {
      const h = { ...headers }
      if (!sameHost(current, url)) delete h.authorization
      const res = await this.o.fetch(current, {
        method: m,
        headers: h,
        body: m === 'GET' || m === 'HEAD' ? undefined : body,
        redirect: 'manual'
      })
      const location = res.headers.get('location')
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || hop >= 5) return res
      // An upload's 202 carries a Location too, but only 3xx is a redirect.
      await res.body?.cancel()
      current = new URL(location, current).toString()
      if (res.status === 303) m = m === 'HEAD' ? 'HEAD' : 'GET'
    }
  }

  async blobExists(digest: string): Promise<boolean> {
    const res = await this.send('HEAD', `${this.repoUrl}/blobs/${digest}`, {})
    await res.body?.cancel()
    if (res.status === 200) return true
    if (res.status === 404) return false
    throw await this.failure(res, `HEAD blob ${digest}`)
  }

  /**
   * Uploads a blob unless the registry has it: 'exists' when it has, 'mounted' when another repository of the
   * registry lent it (no bytes sent), 'uploaded' when the bytes were sent.
   */
  async uploadBlob(blob: Blob, mountFrom?: string): Promise<'exists' | 'mounted' | 'uploaded'> {
    if (await this.blobExists(blob.digest)) return 'exists'
    // Each attempt starts a fresh upload session from byte 0, as a half-written session cannot be trusted.
    for (let attempt = 0; ; attempt++) {
      const mount =
        attempt === 0 && mountFrom && mountFrom !== this.ref.repository
          ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(mountFrom)}`
          : ''
      const start = await this.send('POST', `${this.repoUrl}/blobs/uploads/${mount}`, {})
      if (mount && start.status === 201) {
        await start.body?.cancel()
        return 'mounted'
      }
      // A registry that cannot mount answers 202 with an ordinary upload session.
      if (start.status !== 202) throw await this.failure(start, `start upload of ${blob.digest}`)
      await start.body?.cancel()
      const location = start.headers.get('location')
      if (!location)
        throw new RegistryError(`${this.ref.registry} started an upload without a Location header.`)
      const url = new URL(location, `${this.o.baseUrl}/`)
      url.searchParams.set('digest', blob.digest)
      const put = await this.send('PUT', url.toString(), {
        body: blob.data,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(blob.size)
        },
        retry: false
      }).catch((e: unknown) => e as Error)
      if (put instanceof Response && put.status === 201) {
        await put.body?.cancel()
        this.checkDigest(put, blob.digest)
        return 'uploaded'
      }
      const again =
        attempt + 1 < this.attempts && (!(put instanceof Response) || retryable(put.status))
      if (!again)
        throw put instanceof Response ? await this.failure(put, `upload ${blob.digest}`) : put
      await (put instanceof Response ? put.body?.cancel() : undefined)
      await this.sleep(
        backoffMs(attempt, put instanceof Response ? put.headers.get('retry-after') : null)
      )
    }
  }

  /** A manifest or index by tag or digest, or undefined when the registry has no such thing. */
  async getManifest(reference: string): Promise<Blob | undefined> {
    const res = await this.send('GET', `${this.repoUrl}/manifests/${reference}`, {
      headers: { accept: MANIFEST_TYPES.join(', ') }
    })
    if (res.status === 404) {
      await res.body?.cancel()
      return undefined
    }
    if (res.status !== 200) throw await this.failure(res, `GET manifest ${reference}`)
    const data = Buffer.from(await res.arrayBuffer())
    const blob = toBlob(res.headers.get('content-type')?.split(';')[0]?.trim() ?? '', data)
    if (reference.startsWith('sha256:') && blob.digest !== reference) {
      throw new RegistryError(
        `${this.ref.registry} returned ${blob.digest} for the manifest ${reference}.`
      )
    }
    return blob
  }

  /** A blob's bytes (a config), checked against its digest. */
  async getBlob(digest: string): Promise<Buffer> {
    const res = await this.send('GET', `${this.repoUrl}/blobs/${digest}`, {})
    if (res.status !== 200) throw await this.failure(res, `GET blob ${digest}`)
    const data = Buffer.from(await res.arrayBuffer())
    if (sha256(data) !== digest) {
      throw new RegistryError(`${this.ref.registry} returned other bytes for the blob ${digest}.`)
    }
    return data
  }

  async putManifest(reference: string, manifest: Blob): Promise<void> {
    const res = await this.send('PUT', `${this.repoUrl}/manifests/${reference}`, {
      body: manifest.data,
      headers: { 'content-type': manifest.mediaType }
    })
    if (res.status !== 201) throw await this.failure(res, `PUT manifest ${reference}`)
    await res.body?.cancel()
    this.checkDigest(res, manifest.digest)
  }

  private checkDigest(res: Response, expected: string): void {
    const got = res.headers.get('docker-content-digest')
    if (got && got !== expected) {
      throw new RegistryError(
        `${this.ref.registry} stored ${got} where ${expected} was sent; the upload was corrupted.`
      )
    }
  }

  private async failure(res: Response, what: string): Promise<Error> {
    const text = await res.text().catch(() => '')
    let codes = ''
    try {
      const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] }
      codes = (body.errors ?? []).map(e => `${e.code ?? ''}: ${e.message ?? ''}`).join('; ')
    } catch {
      codes = text.slice(0, 200)
    }
    if (res.status === 401 || res.status === 403) {
      const ghcr =
        this.ref.registry === 'ghcr.io'
          ? ' On ghcr.io with GITHUB_TOKEN, give the job `permissions: packages: write`, and if the package already exists, grant this repository write access in its settings.'
          : ''
      return new InputError(
        `registry-username/registry-password: ${this.ref.registry} denied ${what} in ${this.ref.repository} to ${this.describeUser()} ` +
          `(HTTP ${res.status}${codes ? `, ${codes}` : ''}). Use credentials that may push to this repository.${ghcr}`
      )
    }
    return new RegistryError(
      `${this.ref.registry}: ${what} failed with HTTP ${res.status}${codes ? ` (${codes})` : ''}.${hint(this.ref.registry, what, codes)}`,
      res.status
    )
  }
}

/** What the user can do about the registry errors that have one known cause. */
function hint(registry: string, what: string, codes: string): string {
  if (
    /MANIFEST_INVALID|unsupported media type|MANIFEST_UNKNOWN.*media/i.test(codes) &&
    what.includes('manifest')
  ) {
    return ' This registry may not accept OCI media types: set media-types: docker.'
  }
  if (/NAME_UNKNOWN/.test(codes) && /\.dkr\.ecr\./.test(registry)) {
    return ' Amazon ECR does not create repositories on push: create it first (aws ecr create-repository).'
  }
  return ''
}

const MANIFEST_TYPES = [MEDIA.manifest, MEDIA.index, DOCKER_MEDIA.manifest, DOCKER_MEDIA.index]

function basicAuth(creds: Credentials): string {
  return Buffer.from(`${creds.username}:${creds.password}`).toString('base64')
}

function sameHost(url: string, base: string): boolean {
  return new URL(url).host === new URL(base).host
}

/** Upload URLs carry session state in the query; keep it out of logs. */
function redact(url: string): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

/** fetch's "fetch failed" hides the reason in its cause: say it in words, with the code beside. */
function errorText(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } }
  const c = err.cause
  if (!c) return err.message
  return c.message && c.code ? `${c.message} (${c.code})` : (c.message ?? c.code ?? err.message)
}
