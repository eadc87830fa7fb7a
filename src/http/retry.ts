// The one retry loop: attempts under the policy within a total budget, for every client that has no protocol of its own to weave in (Go's mirror, GitHub's API, Sigstore, the OIDC token).
import type { Fetch } from '../ports.js'
import { BudgetError, budgetSpent, errorText, seconds, timeoutKind } from './errors.js'
import { decide, errorKind, type Outcome, type RetryPolicy } from './policy.js'
import { freshConnection, silenceOf } from './transport.js'

export interface RetryOptions {
  /** All attempts together, waits and reading included. */
  budgetMs: number
  /** The transport's idle timeout: no attempt starts that one silence would carry past the budget. */
  silenceMs: number
  policy?: RetryPolicy
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  /** The caller's cancellation. */
  signal?: AbortSignal
  /** Told before each wait, for a log line: the attempt that ended (0-based), how, and the wait. */
  onRetry?: (r: { attempt: number; waitMs: number; outcome: Outcome }) => void
}

/** A logical request that failed with no answer to keep: its last error, and how many attempts in how long. */
export class GaveUp extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly ms: number,
    options: { cause: unknown },
    /** Why the loop stopped: the error is the same on every try, or the attempts or the budget are spent. */
    readonly why: 'permanent' | 'attempts' | 'budget' = 'permanent'
  ) {
    super(message, options)
    this.name = 'GaveUp'
  }
}

/** How an attempt that returned a value ended: ok unless the value says otherwise (an HTTP status). */
export type Judge<T> = (value: T) => Outcome

/** A wait that ends early, rejecting, when signal aborts (on the global timers, which tests can fake). */
const sleeper = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', abort, { once: true })
  })

/** An outcome in a few words, for a log line. */
export const describeOutcome = (outcome: Outcome): string =>
  'error' in outcome ? errorText(outcome.error) : `HTTP ${outcome.status}`

/**
 * Runs attempt(n, signal) until the policy says stop. The signal aborts at the deadline (with a BudgetError), so
 * an attempt that reads a body is bounded as a whole; it stays armed after the loop returns, for a body the
 * caller reads later. A value whose outcome the policy would retry is discarded (its body cancelled) before the
 * next attempt; the last one is returned as it is. An error that ends the loop is thrown as a GaveUp whose
 * cause is the attempt's error. onFresh is called when the policy wants a new connection.
 */
export async function retrying<T>(
  o: RetryOptions,
  attempt: (n: number, signal: AbortSignal) => Promise<T>,
  judge: Judge<T> = () => ({ status: 200 }),
  hooks: { discard?: (value: T) => Promise<void>; onFresh?: () => void } = {}
): Promise<{ value: T; attempts: number; ms: number; why: 'answer' | 'attempts' | 'budget' }> {
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? sleeper
  const start = now()
  const deadline = start + o.budgetMs
  const budget = new AbortController()
  setTimeout(() => budget.abort(new BudgetError(o.budgetMs)), o.budgetMs).unref()
  const signal = o.signal ? AbortSignal.any([o.signal, budget.signal]) : budget.signal
  for (let n = 0; ; n++) {
    o.signal?.throwIfAborted()
    let outcome: Outcome
    let value: T | undefined
    try {
      value = await attempt(n, signal)
      outcome = judge(value)
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason
      // The budget's abort may surface as whatever undici wraps it in; name it for what it is.
      const error = budget.signal.aborted && !budgetSpent(e) ? budget.signal.reason : e
      outcome = { error }
    }
    const verdict = decide({
      outcome,
      attempt: n,
      now: now(),
      deadline,
      silenceMs: o.silenceMs,
      random: o.random,
      policy: o.policy
    })
    if (!verdict.retry) {
      const ms = now() - start
      if ('error' in outcome) {
        const why = verdict.why === 'answer' ? 'permanent' : verdict.why
        throw new GaveUp(errorText(outcome.error), n + 1, ms, { cause: outcome.error }, why)
      }
      const why = verdict.why === 'permanent' ? 'answer' : verdict.why
      return { value: value as T, attempts: n + 1, ms, why }
    }
    if (value !== undefined) await hooks.discard?.(value)
    if (verdict.fresh) hooks.onFresh?.()
    o.onRetry?.({ attempt: n, waitMs: verdict.waitMs, outcome })
    await sleep(verdict.waitMs, signal)
  }
}

export interface ServiceOptions {
  /** Who answers, for messages: "GitHub's API", "Fulcio". */
  service: string
  /** The input that sets the idle timeout, named in messages. */
  timeoutInput?: string
  /** All attempts of one request together. */
  budgetMs?: number
  /** A deadline shared by every request made through this fetch (an Octokit for one comment). */
  overallMs?: number
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

/** The budget of one request to a service: two silences and the waits between them, at most 150 s. */
export function serviceBudget(silenceMs: number): number {
  return Math.min(150_000, Math.round(2.5 * silenceMs))
}

/**
 * A fetch for a service's API: each request is attempts of the one-attempt fetch under the policy, within its
 * budget; a failure with no answer is a GaveUp whose message names the service, the request, the limit and the
 * count. An answer the policy would still retry when the budget ends (a 503) is returned for the caller to read.
 */
export function serviceFetch(fetch: Fetch, o: ServiceOptions): Fetch {
  const silenceMs = silenceOf(fetch)
  const now = o.now ?? Date.now
  const overall = o.overallMs === undefined ? undefined : now() + o.overallMs
  const bounded = async (
    input: string | URL | Request,
    init: RequestInit = {}
  ): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const method = (init.method ?? 'GET').toUpperCase()
    let budgetMs = o.budgetMs ?? serviceBudget(silenceMs)
    if (overall !== undefined) budgetMs = Math.max(Math.min(budgetMs, overall - now()), 0)
    try {
      const { value } = await retrying(
        {
          budgetMs,
          silenceMs,
          now,
          sleep: o.sleep,
          random: o.random,
          signal: init.signal ?? undefined
        },
        (_n, signal) => fetch(input, { ...init, signal }),
        res => ({ status: res.status, retryAfter: res.headers.get('retry-after') }),
        {
          discard: res => res.body?.cancel() ?? Promise.resolve(),
          onFresh: () => freshConnection(fetch, url)
        }
      )
      return value
    } catch (e) {
      if (!(e instanceof GaveUp)) throw e
      const message = unanswered(o, method, url, e, silenceMs, budgetMs)
      throw new GaveUp(message, e.attempts, e.ms, { cause: e.cause }, e.why)
    }
  }
  return bounded as Fetch
}

/** The sentence for a request that got no answer: the service, the request, the limit it hit and the count. */
export function unanswered(
  o: Pick<ServiceOptions, 'service' | 'timeoutInput'>,
  method: string,
  url: URL,
  e: GaveUp,
  silenceMs: number,
  budgetMs: number
): string {
  const who = `${o.service} (${url.host})`
  const request = `${method} ${url.pathname}`
  const limit = `${seconds(silenceMs)}${o.timeoutInput ? ` (${o.timeoutInput})` : ''}`
  const times = `gave up after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'} in ${seconds(e.ms)}`
  const kind = timeoutKind(e.cause)
  const what =
    errorKind(e.cause) === 'budget'
      ? `did not finish ${request} within its budget of ${seconds(budgetMs)}`
      : kind === 'connect'
        ? `could not be connected to within ${limit}`
        : kind === 'send'
          ? `stopped reading ${request} for ${limit}`
          : kind === 'body'
            ? `stopped sending its answer to ${request} for ${limit}`
            : kind === 'answer'
              ? `did not answer ${request} within ${limit}`
              : `could not be reached for ${request}: ${e.message}`
  return `${who} ${what}; ${times}`
}
