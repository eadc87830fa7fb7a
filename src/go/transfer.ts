// Bounded-time HTTP for the Go installer: a limit on waiting for the response to start and on silence inside its body, with causes the shared retry policy reads.
import { BudgetError, SilenceError } from '../http/errors.js'
import { silenceOf } from '../http/transport.js'
import type { Fetch } from '../ports.js'
import { redactUrl, splitCredentials } from './mirror.js'

export interface Timeouts {
  /** Until the response headers arrive (connection, TLS and the server's first answer). */
  connectMs: number
  /** The longest silence inside a response body: a stalled transfer fails after it. */
  idleMs: number
  /** All attempts at the release list together, back-off included. */
  listBudgetMs: number
  /** All attempts at the Go download together: a transfer that still trickles fails when it is spent. */
  downloadBudgetMs: number
}

/** The budgets; the connect and idle timeouts are the transport's (registry-timeout) unless a test sets them. */
export const DEFAULT_BUDGETS = {
  listBudgetMs: 3 * 60_000,
  downloadBudgetMs: 20 * 60_000
}

/** The time limits for a fetch: its own idle timeout as both the connect and the idle limit, and the budgets. */
export function timeoutsFor(fetch: Fetch, over: Partial<Timeouts> = {}): Timeouts {
  const silence = silenceOf(fetch)
  return { connectMs: silence, idleMs: silence, ...DEFAULT_BUDGETS, ...over }
}

/**
 * Why a transfer stopped early; the message names the (redacted) URL, how far it got and the limit. Its cause
 * says what happened in the terms the retry policy reads: a silence, the budget, or fetch's own error.
 */
export class TransferError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause })
    this.name = 'TransferError'
  }
}

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(3)} s`

/**
 * Races a promise against a timer: on expiry, abort() is called (so the socket is released) and the result is
 * the error from onTimeout.
 */
async function within<T>(
  p: Promise<T>,
  ms: number,
  abort: () => void,
  onTimeout: () => Error
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort()
      reject(onTimeout())
    }, ms)
  })
  try {
    return await Promise.race([p, expired])
  } finally {
    clearTimeout(timer)
  }
}

/** fetch's "fetch failed" hides the reason in its cause: the code (ECONNREFUSED) or its message. */
export function causeText(e: unknown): string {
  if (e instanceof BudgetError) return e.message
  const err = e as Error & { cause?: { code?: string; message?: string } }
  return err.cause?.code ?? err.cause?.message ?? err.message
}

export interface Opened {
  res: Response
  /** Releases the connection: the body is not wanted, or reading it gave up. */
  abort: () => void
}

/** GET url (credentials in it become a Basic authorization header) and wait at most connectMs for the response headers. */
export async function open(
  fetchFn: Fetch,
  url: string,
  connectMs: number,
  what: string,
  /** The retry loop's budget: it ends the request when spent. */
  signal?: AbortSignal
): Promise<Opened> {
  const { url: bare, headers } = splitCredentials(url)
  const controller = new AbortController()
  const abort = (): void => controller.abort()
  const both = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal
  const res = await within(
    fetchFn(bare, { headers, signal: both, redirect: 'follow' }),
    connectMs,
    abort,
    () =>
      new TransferError(
        `${what} ${redactUrl(url)}: no response within ${seconds(connectMs)} (the connect timeout)`,
        new SilenceError('answer', connectMs)
      )
  ).catch((e: unknown) => {
    if (e instanceof TransferError) throw e
    throw new TransferError(`${what} ${redactUrl(url)}: ${causeText(e)}`, e)
  })
  return { res, abort }
}

/**
 * Reads a body chunk by chunk, failing when no chunk arrives for idleMs or when the deadline (from now()) passes.
 * onChunk sees every chunk in order; received(n) is reported in the error.
 */
export async function readBody(
  opened: Opened,
  o: {
    url: string
    what: string
    idleMs: number
    /** A total budget: when now() reaches deadline, reading stops even if data still trickles in. */
    budget?: { deadline: number; ms: number }
    now?: () => number
    onChunk: (chunk: Uint8Array) => void | Promise<void>
  }
): Promise<number> {
  const now = o.now ?? Date.now
  const body = opened.res.body
  if (!body) return 0
  const reader = body.getReader()
  let received = 0
  const stop = (): void => {
    opened.abort()
    void reader.cancel().catch(() => undefined)
  }
  try {
    for (;;) {
      const left = o.budget ? o.budget.deadline - now() : Infinity
      const limit = Math.min(o.idleMs, Math.max(left, 0))
      const overBudget = left <= o.idleMs
      const { done, value } = await within(reader.read(), limit, stop, () =>
        overBudget
          ? new TransferError(
              `${o.what} ${redactUrl(o.url)} ran out of time after ${received} bytes: its budget of ${seconds(o.budget?.ms ?? 0)} was spent`,
              new BudgetError(o.budget?.ms ?? 0)
            )
          : new TransferError(
              `${o.what} ${redactUrl(o.url)} stalled: no data for ${seconds(o.idleMs)} (the idle timeout) after ${received} bytes`,
              new SilenceError('body', o.idleMs)
            )
      ).catch((e: unknown) => {
        if (e instanceof TransferError) throw e
        throw new TransferError(
          `${o.what} ${redactUrl(o.url)} broke off after ${received} bytes: ${causeText(e)}`,
          e
        )
      })
      if (done) return received
      received += value.byteLength
      await o.onChunk(value)
    }
  } finally {
    try {
      reader.releaseLock()
    } catch {
      // A read still pending after a timeout: the stream is cancelled anyway.
    }
  }
}
