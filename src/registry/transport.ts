// The HTTP transport for registries and their token servers: undici with a connect and an idle timeout, and the TLS trust registry-ca-file and insecure-registry ask for.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import { Agent, fetch as undiciFetch } from 'undici'
import type { Fetch } from '../ports.js'
import { InputError } from '../ports.js'

export interface TransportOptions {
  /** registry-timeout: the longest silence (connecting, sending, waiting, receiving) before a request fails. */
  timeoutMs: number
  /** registry-ca-file's PEM, trusted in addition to the default roots. */
  ca?: string
  /** insecure-registry: accept a certificate that does not verify. */
  insecure?: boolean
}

/** Request bodies go in chunks of this size: progress is seen per chunk the socket takes. */
const CHUNK = 64 * 1024

/** A request that went silent for longer than the idle timeout, raised by the transport's own watchdog. */
export class SilenceError extends Error {
  constructor(
    /** 'send': the server stopped taking the request body; 'answer': it took the request and never answered. */
    readonly phase: 'send' | 'answer',
    readonly limitMs: number
  ) {
    super(
      phase === 'send'
        ? `the server stopped reading the request for ${limitMs} ms`
        : `no answer within ${limitMs} ms`
    )
    this.name = 'SilenceError'
  }
}

/** Which time limit an error from the transport is: connecting, waiting for the answer, or inside its body. */
export function timeoutKind(e: unknown): 'connect' | 'send' | 'answer' | 'body' | undefined {
  if (e instanceof SilenceError) return e.phase
  const code = causeCode(e)
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect'
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'answer'
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'body'
  return undefined
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

function causeCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined
  const code = err?.cause?.code ?? err?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * The roots Node trusts by default, to which registry-ca-file is added: a `ca` option replaces them, and the
 * token server or a blob store may well have a public certificate.
 */
function defaultRoots(): string[] {
  // 'default' holds NODE_EXTRA_CA_CERTS too, which tls.rootCertificates lacks (Node 22.15+, engines' minimum).
  return tls.getCACertificates('default')
}

/**
 * A replayable body as a stream that counts as progress each chunk the socket takes. After the last chunk the
 * watchdog also covers what the socket buffers still hold (a few MB at most), which the server drains in far less
 * than any sensible limit.
 */
function progressBody(
  data: Buffer,
  chunk: number,
  progress: (done: boolean) => void
): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        progress(offset >= data.length)
        if (offset >= data.length) {
          controller.close()
          return
        }
        controller.enqueue(data.subarray(offset, offset + chunk))
        offset += chunk
      }
    },
    { highWaterMark: 0 }
  )
}

/**
 * A fetch whose requests each fail after timeoutMs of silence: connecting (undici's connect timeout), sending
 * the body or waiting for the answer (a watchdog re-armed by every chunk sent), and inside the answer's body
 * (undici's body timeout, which counts silence between chunks). undici's own headers timeout is off: it runs
 * from the first byte sent, so it would cut a slow upload that is still making progress.
 */
export function registryFetch(o: TransportOptions): Fetch {
  const agent = new Agent({
    connect: {
      timeout: o.timeoutMs,
      ...(o.ca ? { ca: [...defaultRoots(), o.ca] } : {}),
      ...(o.insecure ? { rejectUnauthorized: false } : {})
    },
    headersTimeout: 0,
    bodyTimeout: o.timeoutMs
  })
  const fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const watchdog = new AbortController()
    let phase: 'send' | 'answer' = 'answer'
    let timer: NodeJS.Timeout | undefined
    const arm = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => watchdog.abort(new SilenceError(phase, o.timeoutMs)), o.timeoutMs)
    }
    arm()
    const signal = init.signal ? AbortSignal.any([init.signal, watchdog.signal]) : watchdog.signal
    const headers = new Headers(init.headers)
    let body = init.body
    if (Buffer.isBuffer(body)) {
      const data = body
      // A stream has no length of its own; without the header undici would send it chunked.
      if (!headers.has('content-length')) headers.set('content-length', String(data.length))
      phase = 'send'
      body = progressBody(data, CHUNK, done => {
        phase = done ? 'answer' : 'send'
        arm()
      }) as unknown as RequestInit['body']
    }
    try {
      const res = await undiciFetch(input, {
        ...(init as object),
        headers,
        body,
        signal,
        dispatcher: agent,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {})
      } as Parameters<typeof undiciFetch>[1])
      return res as unknown as Response
    } catch (e) {
      // The watchdog aborts with its SilenceError as the reason; say which phase went silent.
      if (watchdog.signal.aborted && !init.signal?.aborted) throw watchdog.signal.reason as Error
      throw e
    } finally {
      clearTimeout(timer)
    }
  }
  return fetch as Fetch
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Reads registry-ca-file: a readable file of one or more PEM certificates, each of which parses. Errors name
 * the input, the path and the fix.
 */
export function readCaFile(file: string, input = 'registry-ca-file'): string {
  const fix = `Point ${input} at the PEM file of the CA that signed the registry's certificate (relative paths start at the workspace).`
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? (e as Error).message})`
    throw new InputError(`${input}: '${file}' ${why}. ${fix}`)
  }
  const certs = text.match(PEM_CERT) ?? []
  if (!certs.length) {
    throw new InputError(
      `${input}: '${file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----). ${fix}`
    )
  }
  certs.forEach((pem, i) => {
    try {
      new X509Certificate(pem)
    } catch {
      throw new InputError(
        `${input}: certificate ${i + 1} of '${file}' is not a valid PEM certificate. ${fix}`
      )
    }
  })
  return certs.join('\n')
}
