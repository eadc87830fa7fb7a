// The one retry policy (src/http/policy.ts), as tables: which statuses and errors are worth another attempt, the
// backoff with its jitter and Retry-After cap, and where the budget stops the next attempt.
import { describe, expect, it } from '@jest/globals'
import { BudgetError, SilenceError, Transient } from '../../src/http/errors.js'
import {
  backoffMs,
  decide,
  errorKind,
  RETRY,
  retryableStatus as retryable,
  type Outcome
} from '../../src/http/policy.js'

/** fetch's way of failing: "fetch failed" with the socket's error as the cause. */
const failed = (code: string, message = 'x'): Error =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })

describe('retryable', () => {
  it.each<[number, boolean]>([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [200, false],
    [202, false]
  ])('%i -> %s', (status, yes) => expect(retryable(status)).toBe(yes))
})

describe('backoffMs with an HTTP date', () => {
  it('waits until the date, capped, and not at all for a date past', () => {
    const now = Date.parse('2026-11-23T10:00:00Z')
    expect(backoffMs(0, 'Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000)
    expect(backoffMs(0, 'Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(30_000)
    expect(backoffMs(4, 'Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0)
  })
})

describe('backoffMs', () => {
  it.each<[number, string | null, number]>([
    [0, null, 500],
    [1, null, 1000],
    [2, null, 2000],
    [3, null, 4000],
    [4, null, 8000],
    [9, null, 8000],
    [0, '2', 2000],
    [3, '0', 0],
    [0, '1.5', 1500],
    [0, '30', 30_000],
    [0, '31', 30_000],
    [0, '3600', 30_000],
    [1, '-1', 1000],
    [2, 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    [0, 'soon', 500],
    [3, '', 4000],
    [3, ' ', 4000]
  ])('attempt %i, Retry-After %j -> %i ms (the most jitter allows)', (attempt, retryAfter, ms) =>
    expect(backoffMs(attempt, retryAfter, Date.now(), () => 1)).toBe(ms)
  )
})

describe('backoffMs jitter', () => {
  it('draws the exponential wait from its upper half, so workers that failed together spread out', () => {
    expect([0, 0.5, 0.999].map(r => backoffMs(0, null, 0, () => r))).toEqual([250, 375, 500])
    expect([0, 0.5].map(r => backoffMs(4, null, 0, () => r))).toEqual([4000, 6000])
    const draws = new Set(Array.from({ length: 50 }, () => backoffMs(3, null)))
    expect(draws.size).toBeGreaterThan(10)
    for (const d of draws) expect(d >= 2000 && d <= 4000).toBe(true)
  })

  it('leaves a Retry-After as the registry asked', () => {
    expect(backoffMs(2, '3', 0, () => 0)).toBe(3000)
  })
})

describe('errorKind', () => {
  it.each<[string, unknown, string]>([
    ['our watchdog: no answer', new SilenceError('answer', 100), 'timeout'],
    ['our watchdog: the server stopped reading', new SilenceError('send', 100), 'timeout'],
    ['undici: connect timeout', failed('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [
      'undici: body timeout',
      new TypeError('terminated', { cause: failed('UND_ERR_BODY_TIMEOUT') }),
      'timeout'
    ],
    [
      'a silence two causes down',
      new Error('GET x', { cause: new SilenceError('body', 5) }),
      'timeout'
    ],
    ['a reset', failed('ECONNRESET'), 'reset'],
    ['a refused connection', failed('ECONNREFUSED'), 'reset'],
    ['undici: the other side closed', failed('UND_ERR_SOCKET'), 'reset'],
    ['a body cut short of its length', failed('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), 'reset'],
    ['a caller-marked transient failure', new Transient('checksum'), 'reset'],
    ['an untrusted certificate', failed('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    ['https to a plain-http port', failed('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    ['the budget', new BudgetError(1000), 'budget'],
    ['the budget, wrapped', new Error('x', { cause: new BudgetError(1000) }), 'budget'],
    ['the caller aborted', new DOMException('aborted', 'AbortError'), 'aborted'],
    ['an unknown host', failed('ENOTFOUND'), 'other'],
    ['a bug', new Error('undefined is not a function'), 'other']
  ])('%s -> %s', (_what, error, kind) => expect(errorKind(error)).toBe(kind))
})

describe('decide', () => {
  // A fixed clock and the most jitter, so waits are the plain exponential ones: 500, 1000, 2000, 4000 ms.
  const at = (outcome: Outcome, attempt = 0, o: { now?: number; deadline?: number } = {}) =>
    decide({
      outcome,
      attempt,
      now: o.now ?? 0,
      deadline: o.deadline ?? 90_000,
      silenceMs: 10_000,
      random: () => 1
    })

  it.each<[string, Outcome, number, ReturnType<typeof decide>]>([
    ['a success is kept', { status: 200 }, 0, { retry: false, why: 'answer' }],
    ['a 201 is kept', { status: 201 }, 0, { retry: false, why: 'answer' }],
    ['a 404 is final', { status: 404 }, 0, { retry: false, why: 'answer' }],
    ['a 401 is final', { status: 401 }, 0, { retry: false, why: 'answer' }],
    ['a 403 is final', { status: 403 }, 0, { retry: false, why: 'answer' }],
    ['a 409 is final', { status: 409 }, 0, { retry: false, why: 'answer' }],
    ['a 503 waits the backoff', { status: 503 }, 0, { retry: true, waitMs: 500, fresh: false }],
    [
      'a 500 on the third attempt waits more',
      { status: 500 },
      2,
      { retry: true, waitMs: 2000, fresh: false }
    ],
    ['a 408 is retried', { status: 408 }, 0, { retry: true, waitMs: 500, fresh: false }],
    [
      'a 429 waits its Retry-After',
      { status: 429, retryAfter: '3' },
      0,
      { retry: true, waitMs: 3000, fresh: false }
    ],
    [
      'a Retry-After of an hour is capped',
      { status: 429, retryAfter: '3600' },
      0,
      { retry: true, waitMs: 30_000, fresh: false }
    ],
    [
      'a reset is retried on the pool',
      { error: failed('ECONNRESET') },
      0,
      { retry: true, waitMs: 500, fresh: false }
    ],
    [
      'a silence is retried on a new connection',
      { error: new SilenceError('answer', 10_000) },
      1,
      { retry: true, waitMs: 1000, fresh: true }
    ],
    [
      'a body timeout too',
      { error: failed('UND_ERR_BODY_TIMEOUT') },
      0,
      { retry: true, waitMs: 500, fresh: true }
    ],
    [
      'a certificate is the same next time',
      { error: failed('CERT_HAS_EXPIRED') },
      0,
      { retry: false, why: 'permanent' }
    ],
    ['an unknown host too', { error: failed('ENOTFOUND') }, 0, { retry: false, why: 'permanent' }],
    [
      'the budget is never retried',
      { error: new BudgetError(1) },
      0,
      { retry: false, why: 'permanent' }
    ],
    [
      'the fifth attempt is the last',
      { status: 503 },
      RETRY.attempts - 1,
      { retry: false, why: 'attempts' }
    ],
    [
      'so is a fifth silence',
      { error: new SilenceError('answer', 1) },
      4,
      { retry: false, why: 'attempts' }
    ]
  ])('%s', (_what, outcome, attempt, verdict) => expect(at(outcome, attempt)).toEqual(verdict))

  it('starts no attempt that one silence would carry past the deadline', () => {
    // 500 ms of backoff and a 10 s silence fit in 10.5 s, not in 10.499 s.
    expect(at({ status: 503 }, 0, { now: 0, deadline: 10_500 })).toMatchObject({ retry: true })
    expect(at({ status: 503 }, 0, { now: 1, deadline: 10_500 })).toEqual({
      retry: false,
      why: 'budget'
    })
  })

  it('does not honour a Retry-After that would end past the deadline', () => {
    expect(at({ status: 503, retryAfter: '30' }, 0, { deadline: 39_999 })).toEqual({
      retry: false,
      why: 'budget'
    })
    expect(at({ status: 503, retryAfter: '30' }, 0, { deadline: 40_000 })).toMatchObject({
      retry: true,
      waitMs: 30_000
    })
  })

  it('spreads the waits of requests that failed together (jitter from the upper half)', () => {
    const waits = new Set(
      Array.from({ length: 50 }, () => {
        const v = decide({
          outcome: { status: 503 },
          attempt: 3,
          now: 0,
          deadline: 1e9,
          silenceMs: 0
        })
        return v.retry ? v.waitMs : -1
      })
    )
    expect(waits.size).toBeGreaterThan(10)
    for (const w of waits) expect(w >= 2000 && w <= 4000).toBe(true)
  })
})
