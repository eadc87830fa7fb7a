// Sends each request to a registry or its token server under the one retry policy (src/http/policy.ts), follows redirects without carrying credentials to another host, and asks the auth layer once when a 401 says the authorization went stale.
import { setTimeout as delay } from 'node:timers/promises'
import type { Fetch, Logger } from '../ports.js'
import { errorText } from '../http/errors.js'
import { decide, RETRY, type Outcome, type Verdict } from '../http/policy.js'
import { freshConnection } from '../http/transport.js'
import { noteTries, redact, unreachable, type ClientContext } from './errors.js'
import type { ImageRef } from './reference.js'

/** Where a client's requests go. The ping may move baseUrl to the other protocol (see ping.ts). */
export class Endpoint {
  constructor(
    readonly ref: ImageRef,
    public baseUrl: string
  ) {}

  get repoUrl(): string {
    return `${this.baseUrl}/v2/${this.ref.repository}`
  }
}

export interface SendOptions {
  /** Replayable, so every attempt sends it whole. */
  body?: Buffer
  headers?: Record<string, string>
  /** false: no Authorization, and a 401 is the caller's to read (the ping, the token server). */
  auth?: boolean
  /** false: one attempt; the caller has a loop of its own (a blob PUT starts a fresh session). */
  retry?: boolean
  signal?: AbortSignal
}

/** The auth layer as the retry loop sees it (see auth.ts). */
export interface Authorizer {
  /** What goes in Authorization to the registry's own host, if anything. */
  readonly authorization?: string
  /** Answers a 401 to a request sent with `used`: true when it is worth repeating with the (new) authorization. */
  reauthenticate(used: string | undefined, res: Response): Promise<boolean>
}

export interface SenderOptions {
  fetch: Fetch
  logger: Logger
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The clock retry budgets are measured with; tests pass a fake one. */
  now?: () => number
  /** Jitter for the backoff, in [0, 1). */
  random?: () => number
  attempts?: number
  /** The most one request with its retries may take; default max(90 s, 1.5 × registry-timeout). */
  budgetMs?: number
}

/** The retry layer of one client: the policy's decisions with this client's count, clock, silence and budget. */
export class Sender {
  /** Set once the auth layer exists, which sends its token requests through this one. */
  authorizer?: Authorizer
  readonly fetch: Fetch
  readonly logger: Logger
  readonly now: () => number
  readonly attempts: number
  readonly timeoutMs: number
  readonly budgetMs: number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly random: () => number

  constructor(
    readonly endpoint: Endpoint,
    o: SenderOptions,
    /** What the messages name; its timeoutMs (registry-timeout) is the silence each attempt may meet. */
    readonly ctx: ClientContext
  ) {
    this.fetch = o.fetch
    this.logger = o.logger
    this.sleep = o.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }))
    this.now = o.now ?? Date.now
    this.random = o.random ?? Math.random
    this.attempts = o.attempts ?? RETRY.attempts
    this.timeoutMs = ctx.timeoutMs
    this.budgetMs = o.budgetMs ?? Math.max(90_000, 1.5 * this.timeoutMs)
  }

  /**
   * The shared policy's decision (src/http/policy.ts) with this client's count, clock and silence: no attempt
   * starts that one silence of registry-timeout would carry past the deadline.
   */
  verdict(outcome: Outcome, attempt: number, attempts: number, deadline: number): Verdict {
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

  async pause(ms: number, signal?: AbortSignal): Promise<void> {
    await this.sleep(ms, signal)
    signal?.throwIfAborted()
  }

  /**
   * One HTTP exchange with retries on 408/429/5xx and connection errors, for the registry and its token server
   * alike (a refresh mid-push must not fail on one 503), within a count and a time budget: no attempt starts
   * that a silence of registry-timeout would carry past the budget. The registry's own authorization goes only
   * to its host; with auth: false it is left out, and a 401 is the caller's to read. Otherwise a 401
   * authenticates once from its own challenge and repeats the request, within the same count and budget: so the
   * auth layer is asked from inside this loop rather than wrapped around it.
   */
  async send(method: string, url: string, opts: SendOptions): Promise<Response> {
    const attempts = opts.retry === false ? 1 : this.attempts
    const start = this.now()
    const deadline = start + this.budgetMs
    let reauthed = false
    for (let attempt = 0; ; attempt++) {
      opts.signal?.throwIfAborted()
      const headers: Record<string, string> = { ...opts.headers }
      const mine = opts.auth !== false && sameHost(url, this.endpoint.baseUrl)
      const used = mine ? this.authorizer?.authorization : undefined
      if (used) headers.authorization = used
      let res: Response
      try {
        res = await followRedirects(this.fetch, method, url, headers, opts.body, opts.signal)
      } catch (e) {
        if (opts.signal?.aborted) throw opts.signal.reason
        // A certificate or a protocol mismatch is the same on every attempt: the policy says stop.
        const v = this.verdict({ error: e }, attempt, attempts, deadline)
        if (!v.retry) {
          throw unreachable(this.ctx, method, url, e, attempt + 1, this.now() - start)
        }
        if (v.fresh) freshConnection(this.fetch, url)
        this.logger.info(`${method} ${redact(url)}: ${errorText(e)}; retrying in ${v.waitMs} ms`)
        await this.pause(v.waitMs, opts.signal)
        continue
      }
      if (
        res.status === 401 &&
        mine &&
        !reauthed &&
        this.authorizer &&
        (await this.authorizer.reauthenticate(used, res))
      ) {
        await res.body?.cancel()
        reauthed = true
        attempt--
        continue
      }
      const retryAfter = res.headers.get('retry-after')
      const v = this.verdict({ status: res.status, retryAfter }, attempt, attempts, deadline)
      if (v.retry) {
        await res.body?.cancel()
        this.logger.info(`${method} ${redact(url)}: HTTP ${res.status}; retrying in ${v.waitMs} ms`)
        await this.pause(v.waitMs, opts.signal)
        continue
      }
      noteTries(res, { attempts: attempt + 1, ms: this.now() - start })
      return res
    }
  }
}

/** The 3xx statuses that are redirects; an upload's 202 carries a Location too, but is none. */
const REDIRECTS = [301, 302, 303, 307, 308]

/**
 * Follows redirects itself (blob storage, a CDN), five at most: the request's credentials go only to the host it
 * was sent to, never to another host a redirect names.
 */
export async function followRedirects(
  fetch: Fetch,
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
    const res = await fetch(current, {
      method: m,
      headers: h,
      body: m === 'GET' || m === 'HEAD' ? undefined : body,
      redirect: 'manual',
      ...(signal ? { signal } : {})
    })
    const location = res.headers.get('location')
    if (!REDIRECTS.includes(res.status) || !location || hop >= 5) return res
    await res.body?.cancel()
    current = new URL(location, current).toString()
    if (res.status === 303) m = m === 'HEAD' ? 'HEAD' : 'GET'
  }
}

export function sameHost(url: string, base: string): boolean {
  return new URL(url).host === new URL(base).host
}
