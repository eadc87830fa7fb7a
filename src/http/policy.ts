// The one retry policy of every request the action makes: what is worth another attempt, how long to wait, and when the budget says stop.
import { budgetSpent, causeCode, causes, timeoutKind, tlsFailure, Transient } from './errors.js'

export interface RetryPolicy {
  /** Attempts at most, the first included. */
  attempts: number
  /** The first backoff; it doubles each attempt up to capMs. */
  baseMs: number
  capMs: number
  /** The longest Retry-After honoured: a server asking for more gets this much. */
  retryAfterCapMs: number
}

export const RETRY: RetryPolicy = {
  attempts: 5,
  baseMs: 500,
  capMs: 8_000,
  retryAfterCapMs: 30_000
}

/** Whether a status is worth another try: timeouts, rate limits and server errors, never other 4xx. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Connection failures that another attempt on a new connection may not meet. */
const TRANSIENT = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
])

export type ErrorKind = 'timeout' | 'reset' | 'tls' | 'budget' | 'aborted' | 'other'

/**
 * What an error that ended an attempt was: a silence (ours or undici's), a dropped or refused connection, a TLS
 * refusal, the budget, the caller's own abort, or something else (a bad URL, an unknown host, a bug).
 */
export function errorKind(e: unknown): ErrorKind {
  if (budgetSpent(e)) return 'budget'
  if (timeoutKind(e)) return 'timeout'
  if (causes(e).some(c => c instanceof Transient)) return 'reset'
  if (tlsFailure(e)) return 'tls'
  if ((e as Error)?.name === 'AbortError') return 'aborted'
  if (TRANSIENT.has(causeCode(e) ?? '')) return 'reset'
  // undici ends a body the server cut short with "terminated" and the socket error as its cause.
  if ((e as Error)?.message === 'terminated') return 'reset'
  return 'other'
}

/** Whether an error is worth another attempt: silences and dropped connections, nothing else. */
export function retryableError(e: unknown): boolean {
  const kind = errorKind(e)
  return kind === 'timeout' || kind === 'reset'
}

/**
 * How long to wait before attempt n+1: Retry-After (seconds or an HTTP date) up to a cap, else an exponential
 * backoff with jitter (half of it random), so parallel requests that failed together do not retry together.
 */
export function backoffMs(
  attempt: number,
  retryAfter: string | null | undefined,
  now = Date.now(),
  random: () => number = Math.random,
  policy: RetryPolicy = RETRY
): number {
  const raw = retryAfter?.trim() ?? ''
  const secs = raw ? Number(raw) : NaN
  if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, policy.retryAfterCapMs)
  const date = /[a-z]/i.test(raw) ? Date.parse(raw) : NaN
  if (Number.isFinite(date)) return Math.min(Math.max(date - now, 0), policy.retryAfterCapMs)
  const base = Math.min(policy.baseMs * 2 ** attempt, policy.capMs)
  return Math.round(base / 2 + (base / 2) * random())
}

/** How an attempt ended: an answer (its status and Retry-After) or an error. */
export type Outcome = { status: number; retryAfter?: string | null } | { error: unknown }

export type Verdict =
  | {
      retry: true
      waitMs: number
      /** Open a new connection for the next attempt: the last one went silent and may be dead. */
      fresh: boolean
    }
  | {
      retry: false
      /** answer: keep it (a success or a final status); permanent: the same on every try; attempts/budget: spent. */
      why: 'answer' | 'permanent' | 'attempts' | 'budget'
    }

/**
 * The decision after attempt `attempt` (0-based): retry after waitMs, or stop and say why. No attempt starts
 * that one more silence of silenceMs would carry past the deadline, so a silent server fails within the budget.
 */
export function decide(o: {
  outcome: Outcome
  attempt: number
  now: number
  deadline: number
  /** The transport's idle timeout: the longest an attempt can go without progress. */
  silenceMs: number
  random?: () => number
  policy?: RetryPolicy
}): Verdict {
  const policy = o.policy ?? RETRY
  const { outcome } = o
  const error = 'error' in outcome ? outcome : undefined
  if (
    error ? !retryableError(error.error) : !retryableStatus((outcome as { status: number }).status)
  ) {
    return { retry: false, why: error ? 'permanent' : 'answer' }
  }
  if (o.attempt + 1 >= policy.attempts) return { retry: false, why: 'attempts' }
  const retryAfter = 'retryAfter' in outcome ? outcome.retryAfter : null
  const waitMs = backoffMs(o.attempt, retryAfter, o.now, o.random, policy)
  if (o.now + waitMs + o.silenceMs > o.deadline) return { retry: false, why: 'budget' }
  return { retry: true, waitMs, fresh: !!error && errorKind(error.error) === 'timeout' }
}
