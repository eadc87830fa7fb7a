// What went wrong with a request that got no usable answer, in terms the retry policy and the messages share: a silence, a spent budget, a reset, TLS.

/** A request that went silent for longer than the idle timeout, raised by the transport's own watchdog. */
export class SilenceError extends Error {
  constructor(
    /**
     * 'send': the server stopped taking the request body; 'answer': it took the request and never answered;
     * 'body': its answer's body stopped coming.
     */
    readonly phase: 'send' | 'answer' | 'body',
    readonly limitMs: number
  ) {
    super(
      phase === 'send'
        ? `the server stopped reading the request for ${limitMs} ms`
        : phase === 'answer'
          ? `no answer within ${limitMs} ms`
          : `no data for ${limitMs} ms`
    )
    this.name = 'SilenceError'
  }
}

/** A logical request whose total budget ran out (attempts, waits and reading included). */
export class BudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`its budget of ${seconds(budgetMs)} was spent`)
    this.name = 'BudgetError'
  }
}

/**
 * An attempt's failure its caller knows to be worth another try though no transport error says so: a download
 * whose bytes do not match their checksum the first time.
 */
export class Transient extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Transient'
  }
}

export const seconds = (ms: number): string => `${+(ms / 1000).toFixed(1)} s`

/** An error and its causes, nearest first (fetch says "fetch failed" and hides the reason a level or two down). */
export function causes(e: unknown): unknown[] {
  const out: unknown[] = []
  for (let c = e, i = 0; c !== undefined && c !== null && i < 5; i++) {
    out.push(c)
    c = (c as { cause?: unknown }).cause
  }
  return out
}

/** The first error code along the chain of causes. */
export function causeCode(e: unknown): string | undefined {
  for (const c of causes(e)) {
    const code = (c as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

/** Which time limit an error from the transport is: connecting, waiting for the answer, or inside its body. */
export function timeoutKind(e: unknown): 'connect' | 'send' | 'answer' | 'body' | undefined {
  const silence = causes(e).find(c => c instanceof SilenceError)
  if (silence) return silence.phase
  const code = causeCode(e)
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect'
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'answer'
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'body'
  return undefined
}

/** Whether the budget of a logical request ended it. */
export function budgetSpent(e: unknown): boolean {
  return causes(e).some(c => c instanceof BudgetError)
}

/**
 * 'certificate' when TLS refused the server's certificate; 'protocol' when the other side does not speak TLS
 * (a plain-http port asked for https). Neither is worth another attempt.
 */
export function tlsFailure(e: unknown): 'certificate' | 'protocol' | undefined {
  const code = causeCode(e) ?? ''
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/.test(code)) {
    return 'certificate'
  }
  const message = (e as { cause?: { message?: string } })?.cause?.message ?? ''
  if (/^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST)$/.test(code)) {
    return 'protocol'
  }
  if (/wrong version number|packet length too long/i.test(message)) return 'protocol'
  return undefined
}

/**
 * Whether a request failed the way one in the other protocol does: https to a plain-http port fails the
 * handshake, plain http to a TLS port has its connection closed. A refused connection or a silence says nothing
 * about the protocol.
 */
export function otherProtocol(e: unknown): boolean {
  return (
    tlsFailure(e) === 'protocol' ||
    ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(causeCode(e) ?? '')
  )
}

/** fetch's "fetch failed" hides the reason in its cause: say it in words, with the code beside. */
export function errorText(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } }
  const c = err.cause
  if (!c || err instanceof BudgetError) return err.message
  return c.message && c.code ? `${c.message} (${c.code})` : (c.message ?? c.code ?? err.message)
}
