// Talks the OCI distribution API to one repository: auth (Basic, Bearer), blob upload and manifest PUT, with retries.
import { setTimeout as delay } from 'node:timers/promises'
import type { Fetch, Logger } from '../ports.js'
import { InputError } from '../ports.js'
import { DOCKER_MEDIA, MEDIA, sha256, toBlob, type Blob } from '../oci/image.js'
import type { Credentials } from './credentials.js'
import { isLoopback, type ImageRef } from './reference.js'
import { errorText, otherProtocol, seconds, timeoutKind, tlsFailure } from '../http/errors.js'
import { decide, RETRY, retryableStatus, type Outcome, type Verdict } from '../http/policy.js'
import { freshConnection } from '../http/transport.js'

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

interface Challenge {
  scheme: string
  params: Record<string, string>
}

/**
 * Every challenge of a WWW-Authenticate value (several may share one header, comma-separated, as the joined
 * value of several headers does): `Basic realm="x", Bearer realm="https://h/token",service="h"`.
 */
export function parseChallenges(header: string | null): Challenge[] {
  const out: Challenge[] = []
  for (const m of (header ?? '').matchAll(
    /([\w!#$%&'*+.^`|~-]+)(?:[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|[^,\s]*))?/g
  )) {
    const [, name = '', value] = m
    if (value === undefined) {
      out.push({ scheme: name.toLowerCase(), params: {} })
    } else if (out.length) {
      out[out.length - 1]!.params[name.toLowerCase()] = value.startsWith('"')
        ? value.slice(1, -1).replace(/\\(.)/g, '$1')
        : value
    }
  }
  return out
}

/** The challenge to answer among those offered: Bearer (with a realm) first, else Basic, else the first. */
export function parseChallenge(header: string | null): Challenge | undefined {
  const all = parseChallenges(header)
  return (
    all.find(c => c.scheme === 'bearer' && c.params.realm) ??
    all.find(c => c.scheme === 'basic') ??
    all[0]
  )
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'RegistryError'
  }
}

/** How many attempts a response took and how long, for the message when it is a failure. */
const tries = new WeakMap<Response, { attempts: number; ms: number }>()

export class RegistryClient {
  private authorization?: string
  private challenge?: Challenge
  /** One authentication at a time: parallel uploads that all get a 401 share one token request. */
  private authenticating?: Promise<void>
  private baseUrl: string
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly now: () => number
  private readonly random: () => number
  private readonly attempts: number
  private readonly timeoutMs: number
  private readonly budgetMs: number

  constructor(
    readonly ref: ImageRef,
    private readonly o: ClientOptions
  ) {
    this.baseUrl = o.baseUrl
    this.sleep = o.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }))
    this.now = o.now ?? Date.now
    this.random = o.random ?? Math.random
    this.attempts = o.attempts ?? 5
    this.timeoutMs = o.timeoutMs ?? 60_000
    this.budgetMs = o.budgetMs ?? Math.max(90_000, 1.5 * this.timeoutMs)
  }

  private get repoUrl(): string {
    return `${this.baseUrl}/v2/${this.ref.repository}`
  }

  private describeUser(): string {
    const c = this.o.credentials
    if (!c) return 'anonymous access'
    // Credentials from a Docker config or GITHUB_TOKEN: say so, since the inputs are not what to fix.
    const from = c.source && !c.source.startsWith('registry-username') ? ` (from ${c.source})` : ''
    return `user '${c.username}'${from}`
  }

  /**
   * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push. A
   * registry whose ping is open may still guard its repositories: then the first 401 authenticates (see send).
   */
  async login(): Promise<void> {
    const ping = await this.ping()
    if (ping.status === 200) {
      await ping.body?.cancel()
      // As go-containerregistry does: an open ping may hide guarded repositories, so send Basic credentials.
      const creds = this.o.credentials
      if (creds && !(creds.identityToken && !creds.password)) {
        const basic = basicAuth(creds)
        this.o.logger.mask(basic)
        this.authorization = `Basic ${basic}`
      }
      return
    }
    if (ping.status !== 401) {
      await ping.body?.cancel()
      const t = tries.get(ping)
      if (retryableStatus(ping.status) && t && t.attempts > 1) {
        throw new RegistryError(
          `${this.ref.registry} answered HTTP ${ping.status} to GET /v2/ ${t.attempts} times in ${seconds(t.ms)}; ` +
            `the registry is unavailable. Try again later, or check the registry's status.`,
          ping.status
        )
      }
      throw new RegistryError(
        `${this.ref.registry} answered ${ping.status} to GET /v2/; is it an OCI registry?`,
        ping.status
      )
    }
    await ping.body?.cancel()
    this.challenge = parseChallenge(ping.headers.get('www-authenticate'))
    await this.authenticate()
    const check = await this.send('GET', `${this.baseUrl}/v2/`, {})
    await check.body?.cancel()
    if (check.status === 401 || check.status === 403) throw this.refused(check.status)
    if (!check.ok)
      throw new RegistryError(
        `${this.ref.registry} answered ${check.status} to GET /v2/.`,
        check.status
      )
  }

  /**
   * GET /v2/ on baseUrl, else on the fallback when the answer shows the other protocol: https to a plain-http
   * port fails the handshake, and plain http to a TLS port gets a 400 or a closed connection.
   */
  private async ping(): Promise<Response> {
    const first = await this.send('GET', `${this.baseUrl}/v2/`, { auth: false }).catch(
      (e: unknown) => e as Error
    )
    const fallback = this.o.fallbackBaseUrl
    // Go and nginx answer plain http on a TLS port with 400; other servers close the connection.
    const looksWrong =
      first instanceof Error
        ? otherProtocol((first as RegistryError).cause)
        : first.status === 400 && this.baseUrl.startsWith('http:')
    if (!fallback || !looksWrong) {
      if (first instanceof Error) throw this.unreachableHint(first)
      this.warnInsecure()
      return first
    }
    if (!(first instanceof Error)) await first.body?.cancel()
    const second = await this.send('GET', `${fallback}/v2/`, { auth: false }).catch(
      (e: unknown) => e as Error
    )
    // The fallback's error speaks when it says more: a certificate the runner does not trust, or a silence.
    if (second instanceof Error) {
      const cause = (second as RegistryError).cause
      if (tlsFailure(cause) === 'certificate' || timeoutKind(cause)) throw second
      if (first instanceof Error) throw this.unreachableHint(first)
      return first
    }
    const from = new URL(this.baseUrl).protocol.slice(0, -1)
    this.baseUrl = fallback
    const to = new URL(fallback).protocol.slice(0, -1)
    this.o.logger.info(`${this.ref.registry} does not speak ${from}; using ${to}.`)
    this.warnInsecure()
    return second
  }

  private warnInsecure(): void {
    if (!this.o.tls?.insecure) return
    const how = this.baseUrl.startsWith('https:')
      ? 'its TLS certificate is not verified'
      : 'it is reached over plain http'
    this.o.logger.warning(
      `insecure-registry: true: ${how}, so anyone on the network path to ${this.ref.registry} can read and ` +
        `change what is pushed. Prefer registry-ca-file with the registry's CA certificate.`
    )
  }

  /** A ping that never reached the registry: say so, and what to set when it was the protocol or the TLS. */
  private unreachableHint(e: Error): Error {
    if (tlsFailure((e as RegistryError).cause) || timeoutKind((e as RegistryError).cause)) return e
    const http =
      this.baseUrl.startsWith('https:') && !this.o.tls?.caFile
        ? ' If this registry serves plain http, set insecure-registry: true.'
        : ''
    return new RegistryError(`${e.message.replace(/\.$/, '')}.${http}`, undefined, {
      cause: (e as RegistryError).cause
    })
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
      const scheme = c ? `${c.scheme} authentication` : 'authentication without saying how'
      throw new RegistryError(
        `${this.ref.registry} asked for ${scheme}; this action speaks Basic and Bearer only.`
      )
    }
  }

  /**
   * Answers a 401 from the registry: true when the request is worth repeating with the (new) authorization.
   * The challenge is the one this response offers, so a registry whose ping was open gets credentials too.
   */
  private async reauthenticate(used: string | undefined, res: Response): Promise<boolean> {
    // Another request refreshed the authorization meanwhile: repeat with it.
    if (this.authorization !== used) return true
    if (this.authenticating) {
      await this.authenticating
      return true
    }
    const challenge = parseChallenge(res.headers.get('www-authenticate'))
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.challenge = challenge
    } else if (challenge?.scheme === 'basic') {
      // Basic credentials that were sent are refused, not stale; without any, the caller says so.
      if (used?.startsWith('Basic ') || !this.o.credentials) return false
      this.challenge = challenge
    } else {
      return false
    }
    this.authenticating = this.authenticate().finally(() => (this.authenticating = undefined))
    await this.authenticating
    return true
  }

  private async fetchToken(c: Challenge): Promise<string> {
    const url = new URL(c.params.realm ?? '')
    if (this.o.credentials) this.checkRealm(url)
    const scope = `repository:${this.ref.repository}:${this.o.access === 'pull' ? 'pull' : 'push,pull'}${this.o.pullScopes?.map(r => ` repository:${r}:pull`).join('') ?? ''}`
    const creds = this.o.credentials
    let res: Response
    let method = 'GET'
    if (creds?.identityToken) {
      // docker login stored an OAuth2 refresh token: trade it at the token server, as the Docker CLI does.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        service: c.params.service ?? '',
        scope,
        client_id: 'go-scratch-image'
      })
      method = 'POST'
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
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel()
      throw this.refused(res.status)
    }
    if (!res.ok) {
      await res.body?.cancel()
      const t = tries.get(res)
      const times = t && t.attempts > 1 ? ` ${t.attempts} times in ${seconds(t.ms)}` : ''
      throw new RegistryError(
        `The token server ${url.host} (named by the Bearer challenge of ${this.ref.registry}) answered HTTP ${res.status} to ` +
          `${method} ${url.pathname}${times}. It is failing, not refusing the credentials: try again later, or ` +
          `check the token server.`,
        res.status
      )
    }
    const body = await this.read(res, method, url.toString(), async () => {
      try {
        return JSON.parse(await res.text()) as { token?: string; access_token?: string }
      } catch (e) {
        if (e instanceof SyntaxError) return {}
        throw e
      }
    })
    const token = body.token ?? body.access_token
    if (!token) throw new RegistryError(`The token server ${url.host} returned no token.`)
    this.o.logger.mask(token)
    return token
  }

  /**
   * Credentials go to a token realm over https only, or over plain http on this machine: a realm in plain http
   * elsewhere would carry the password (or the refresh token) readable to anyone on the path.
   */
  private checkRealm(realm: URL): void {
    if (realm.protocol === 'https:') return
    if (realm.protocol === 'http:' && isLoopback(realm.host)) return
    throw new InputError(
      `registry-username/registry-password: ${this.ref.registry} names the token realm ${realm.origin}${realm.pathname} ` +
        `in its Bearer challenge, which is not https, so the credentials were not sent to it. Serve the token ` +
        `server over https (the registry's token realm setting), or push anonymously to a registry that needs no credentials.`
    )
  }

  /**
   * The shared policy's decision (src/http/policy.ts) with this client's count, clock and silence: no attempt
   * starts that one silence of registry-timeout would carry past the deadline.
   */
  private verdict(outcome: Outcome, attempt: number, attempts: number, deadline: number): Verdict {
    return decide({
      outcome,
      attempt,
      now: this.now(),
      deadline,
      silenceMs: this.timeoutMs,
      random: this.random,
      policy: { ...RETRY, attempts }
    })
  }

  private async pause(ms: number, signal?: AbortSignal): Promise<void> {
    await this.sleep(ms, signal)
    signal?.throwIfAborted()
  }

  /**
   * One HTTP exchange with retries on 408/429/5xx and connection errors, for the registry and its token server
   * alike (a refresh mid-push must not fail on one 503), within a count and a time budget: no attempt starts
   * that a silence of registry-timeout would carry past the budget. The body must be replayable (a Buffer). The
   * registry's own authorization goes only to its host; with auth: false it is left out, and a 401 is the
   * caller's to read. Otherwise a 401 authenticates once from its own challenge and repeats the request.
   */
  async send(
    method: string,
    url: string,
    opts: {
      body?: Buffer
      headers?: Record<string, string>
      auth?: boolean
      retry?: boolean
      signal?: AbortSignal
    }
  ): Promise<Response> {
    const attempts = opts.retry === false ? 1 : this.attempts
    const start = this.now()
    const deadline = start + this.budgetMs
    let reauthed = false
    for (let attempt = 0; ; attempt++) {
      opts.signal?.throwIfAborted()
      const headers: Record<string, string> = { ...opts.headers }
      const mine = opts.auth !== false && sameHost(url, this.baseUrl)
      const used = mine ? this.authorization : undefined
      if (used) headers.authorization = used
      let res: Response
      try {
        res = await this.fetchFollowing(method, url, headers, opts.body, opts.signal)
      } catch (e) {
        if (opts.signal?.aborted) throw opts.signal.reason
        // A certificate or a protocol mismatch is the same on every attempt: the policy says stop.
        const v = this.verdict({ error: e }, attempt, attempts, deadline)
        if (!v.retry) throw this.unreachable(method, url, e, attempt + 1, this.now() - start)
        if (v.fresh) freshConnection(this.o.fetch, url)
        this.o.logger.info(`${method} ${redact(url)}: ${errorText(e)}; retrying in ${v.waitMs} ms`)
        await this.pause(v.waitMs, opts.signal)
        continue
      }
      if (res.status === 401 && mine && !reauthed && (await this.reauthenticate(used, res))) {
        await res.body?.cancel()
        reauthed = true
        attempt--
        continue
      }
      const retryAfter = res.headers.get('retry-after')
      const v = this.verdict({ status: res.status, retryAfter }, attempt, attempts, deadline)
      if (v.retry) {
        await res.body?.cancel()
        this.o.logger.info(
          `${method} ${redact(url)}: HTTP ${res.status}; retrying in ${v.waitMs} ms`
        )
        await this.pause(v.waitMs, opts.signal)
        continue
      }
      tries.set(res, { attempts: attempt + 1, ms: this.now() - start })
      return res
    }
  }

  /** A request that got no answer: names the host, the request and the limit or the reason, and the fix. */
  private unreachable(
    method: string,
    url: string,
    e: unknown,
    attempts: number,
    ms: number
  ): RegistryError {
    const u = new URL(url)
    const request = `${method} ${u.pathname}`
    const times = `${attempts} attempt${attempts === 1 ? '' : 's'} in ${seconds(ms)}`
    const limit = `${seconds(this.timeoutMs)} (registry-timeout)`
    const kind = timeoutKind(e)
    if (kind) {
      const what =
        kind === 'connect'
          ? `could not be connected to within ${limit}`
          : kind === 'send'
            ? `stopped reading ${request} for ${limit}`
            : `did not answer ${request} within ${limit}`
      return new RegistryError(
        `${u.host} ${what}; gave up after ${times}. Check that ${u.host} is up and reachable from this ` +
          `machine, or raise registry-timeout for a slow registry.`,
        undefined,
        { cause: e }
      )
    }
    const tlsKind = tlsFailure(e)
    if (tlsKind === 'certificate') {
      // Node 24 appends advice to try --use-system-ca; the step reads its own CA files, so the advice that
      // helps is the sentence below. OpenSSL's reasons hold no ';', so the reason is what comes before one.
      const reason = ((e as { cause?: { message?: string } }).cause?.message ?? errorText(e)).split(
        ';'
      )[0]
      const set = this.o.tls?.caFile
        ? `registry-ca-file (${this.o.tls.caFile}) does not hold the CA that signed it: point registry-ca-file at that CA's PEM, or set insecure-registry: true`
        : `Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true`
      return new RegistryError(
        `${u.host} presented a TLS certificate this machine does not trust (${reason}) for ${request}. ` +
          `${set} to accept it unverified.`,
        undefined,
        { cause: e }
      )
    }
    if (tlsKind === 'protocol') {
      return new RegistryError(
        `${u.host} does not speak https: the TLS handshake for ${request} got a plain answer. If it serves ` +
          `plain http, set insecure-registry: true and leave registry-ca-file empty.`,
        undefined,
        { cause: e }
      )
    }
    return new RegistryError(
      `${method} ${redact(url)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${errorText(e)}`,
      undefined,
      { cause: e }
    )
  }

  /** Reads an answer's body; a body that goes silent fails with the host, the request and the limit. */
  private async read<T>(
    res: Response,
    method: string,
    url: string,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      if (timeoutKind(e) !== 'body') throw e
      const u = new URL(url)
      throw new RegistryError(
        `${u.host} stopped sending its answer to ${method} ${u.pathname} (HTTP ${res.status}) for ` +
          `${seconds(this.timeoutMs)} (registry-timeout). Try again, or raise registry-timeout for a slow registry.`,
        undefined,
        { cause: e }
      )
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
    body?: Buffer,
    signal?: AbortSignal
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
        redirect: 'manual',
        ...(signal ? { signal } : {})
      })
      const location = res.headers.get('location')
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || hop >= 5) return res
      // An upload's 202 carries a Location too, but only 3xx is a redirect.
      await res.body?.cancel()
      current = new URL(location, current).toString()
      if (res.status === 303) m = m === 'HEAD' ? 'HEAD' : 'GET'
    }
  }

  async blobExists(digest: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.send('HEAD', `${this.repoUrl}/blobs/${digest}`, { signal })
    await res.body?.cancel()
    if (res.status === 200) return true
    if (res.status === 404) return false
    throw await this.failure(res, `HEAD blob ${digest}`)
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
    const begun = this.now()
    let deadline = begun + this.budgetMs
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
      if (start.status !== 202) throw await this.failure(start, `start upload of ${blob.digest}`)
      await start.body?.cancel()
      const location = start.headers.get('location')
      if (!location)
        throw new RegistryError(`${this.ref.registry} started an upload without a Location header.`)
      const url = new URL(location, `${this.baseUrl}/`)
      url.searchParams.set('digest', blob.digest)
      const sent = this.now()
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
      const silent = put instanceof Error && timeoutKind(put.cause) ? this.timeoutMs : 0
      deadline += Math.max(this.now() - sent - silent, 0)
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
      const v = this.verdict(outcome, attempt, this.attempts, deadline)
      if (!v.retry) {
        if (put instanceof Error) throw put
        tries.set(put, { attempts: attempt + 1, ms: this.now() - begun })
        throw await this.failure(put, `upload ${blob.digest}`)
      }
      await (put instanceof Error ? undefined : put.body?.cancel())
      if (v.fresh) freshConnection(this.o.fetch, url)
      this.o.logger.info(
        `upload ${blob.digest}: ${put instanceof Error ? put.message : `HTTP ${put.status}`}; a fresh session in ${v.waitMs} ms`
      )
      await this.pause(v.waitMs, signal)
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
    if (res.status !== 200) throw await this.failure(res, `GET manifest ${reference}`)
    const data = await this.read(res, 'GET', url, async () => Buffer.from(await res.arrayBuffer()))
    const blob = toBlob(res.headers.get('content-type')?.split(';')[0]?.trim() ?? '', data)
    if (reference.startsWith('sha256:') && blob.digest !== reference) {
      throw new RegistryError(
        `${this.ref.registry} returned ${blob.digest} for the manifest ${reference}.`
      )
    }
    return { blob, etag: res.headers.get('etag') ?? undefined }
  }

  /**
   * The referrers API (distribution-spec 1.1, GET /v2/<name>/referrers/<digest>): the descriptors of subject's
   * referrers, every page of them (Link rel="next"), and whether the registry applied the artifactType filter
   * (OCI-Filters-Applied). Undefined when the registry answers 404 (or 405): it has no referrers API.
   */
  async getReferrers(
    subject: string,
    artifactType?: string
  ): Promise<{ manifests: Record<string, unknown>[]; filtered: boolean } | undefined> {
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : ''
    let url: string | undefined = `${this.repoUrl}/referrers/${subject}${query}`
    const manifests: Record<string, unknown>[] = []
    let filtered = true
    for (let page = 0; url; page++) {
      const res = await this.send('GET', url, { headers: { accept: MEDIA.index } })
      // The spec's answer of a registry without the API is 404; some answer that they do not know the route.
      if ((res.status === 404 || res.status === 405) && page === 0) {
        await res.body?.cancel()
        return undefined
      }
      if (res.status !== 200) throw await this.failure(res, `GET referrers of ${subject}`)
      const at: string = url
      const text = await this.read(res, 'GET', at, () => res.text())
      let body: { manifests?: unknown }
      try {
        body = JSON.parse(text) as { manifests?: unknown }
      } catch {
        throw new RegistryError(
          `${this.ref.registry} answered GET referrers of ${subject} with something that is not JSON.`
        )
      }
      if (!Array.isArray(body.manifests)) {
        throw new RegistryError(
          `${this.ref.registry} answered GET referrers of ${subject} without an image index's manifests.`
        )
      }
      manifests.push(...(body.manifests as Record<string, unknown>[]))
      const applied = (res.headers.get('oci-filters-applied') ?? '').split(',').map(s => s.trim())
      if (!applied.includes('artifactType')) filtered = false
      const next = nextLink(res.headers.get('link'))
      url = next ? new URL(next, at).toString() : undefined
      if (url && !sameHost(url, this.baseUrl)) {
        throw new RegistryError(
          `${this.ref.registry} sent the next page of referrers to another host (${new URL(url).host}).`
        )
      }
      if (page >= 1000)
        throw new RegistryError(`${this.ref.registry} sent over 1000 pages of referrers.`)
    }
    return { manifests, filtered: artifactType ? filtered : false }
  }

  /**
   * The repository's tags (GET /v2/<name>/tags/list, every page by Link rel="next"); empty for a repository the
   * registry does not know yet (404 NAME_UNKNOWN). A list that still goes on after TAG_PAGES pages is an error,
   * not a truncated answer: tag decisions (floating tags, the fallback index) read it whole.
   */
  async listTags(): Promise<string[]> {
    const tags: string[] = []
    let url: string | undefined = `${this.repoUrl}/tags/list?n=1000`
    for (let page = 0; url; page++) {
      if (page >= TAG_PAGES) {
        throw new RegistryError(
          `${this.ref.registry} listed more than ${TAG_PAGES} pages of tags for ${this.ref.repository} ` +
            `(${tags.length} tags, and a Link to more); the list was not read to its end. Delete old tags, ` +
            `or check that the registry's Link rel="next" does not lead back to a page already read.`
        )
      }
      const res = await this.send('GET', url, {})
      if (res.status === 404 && page === 0) {
        await res.body?.cancel()
        return []
      }
      if (res.status !== 200) throw await this.failure(res, 'GET tags/list')
      const at: string = url
      const body = JSON.parse(await this.read(res, 'GET', at, () => res.text())) as {
        tags?: string[] | null
      }
      tags.push(...(body.tags ?? []))
      const next = nextLink(res.headers.get('link'))
      url =
        next && sameHost(new URL(next, at).toString(), this.baseUrl)
          ? new URL(next, at).toString()
          : undefined
    }
    return tags
  }

  /** A blob's bytes (a config), checked against its digest. */
  async getBlob(digest: string): Promise<Buffer> {
    const url = `${this.repoUrl}/blobs/${digest}`
    const res = await this.send('GET', url, {})
    if (res.status !== 200) throw await this.failure(res, `GET blob ${digest}`)
    const data = await this.read(res, 'GET', url, async () => Buffer.from(await res.arrayBuffer()))
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
    if (res.status !== 201) throw await this.failure(res, opts.what ?? `PUT manifest ${reference}`)
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

  private async failure(res: Response, what: string): Promise<Error> {
    const text = await res.text().catch(() => '')
    let codes = ''
    try {
      const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] }
      codes = (body.errors ?? []).map(e => `${e.code ?? ''}: ${e.message ?? ''}`).join('; ')
    } catch {
      codes = text.slice(0, 200)
    }
    if (res.status === 401 && !this.o.credentials) {
      return new InputError(
        `registry-username/registry-password: ${this.ref.registry} requires credentials for ${what} in ` +
          `${this.ref.repository} (HTTP 401${codes ? `, ${codes}` : ''}). Set both inputs (or log in with a Docker config).`
      )
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
    const t = tries.get(res)
    const kept =
      retryableStatus(res.status) && t && t.attempts > 1
        ? ` after ${t.attempts} attempts in ${seconds(t.ms)}; the registry kept failing, so nothing was tagged. Try again later`
        : ''
    return new RegistryError(
      `${this.ref.registry}: ${what} failed with HTTP ${res.status}${codes ? ` (${codes})` : ''}${kept}.${hint(this.ref.registry, what, codes)}`,
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

/** The most pages of tags read (1000 tags each, as asked with n=1000). */
export const TAG_PAGES = 1000

const MANIFEST_TYPES = [MEDIA.manifest, MEDIA.index, DOCKER_MEDIA.manifest, DOCKER_MEDIA.index]

/** The target of a Link header's rel="next" (RFC 8288), as registries page tag and referrers lists. */
export function nextLink(header: string | null): string | undefined {
  for (const m of (header ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

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
