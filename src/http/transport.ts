// One attempt at a request, on undici: a connect and an idle timeout, the TLS trust of the host it goes to, and a fresh connection when asked.
import tls from 'node:tls'
import { Agent, Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'
import type { Fetch } from '../ports.js'
import { SilenceError } from './errors.js'

export interface TransportOptions {
  /** The longest silence (connecting, sending, waiting, receiving) before a request fails. */
  timeoutMs: number
  /** PEM certificates trusted besides the default roots, for every host this transport reaches. */
  ca?: string
  /**
   * Hosts (host or host:port, as an image reference names a registry) whose certificate is not checked:
   * insecure-registry's registry, never a token server or blob store elsewhere.
   */
  insecureHosts?: string[]
}

/** A fetch of one attempt, with the limit it applies and a way to drop an origin's connections. */
export type HttpFetch = Fetch & {
  readonly timeoutMs: number
  /** The next request to url's origin opens a new connection (the last one went silent and may be dead). */
  fresh(url: string | URL): void
  /** Closes every connection, waiting for requests in flight. */
  close(): Promise<void>
}

/** Drops the origin's connections when the fetch is ours; a fetch a test passed has none to drop. */
export function freshConnection(fetch: Fetch, url: string | URL): void {
  ;(fetch as Partial<HttpFetch>).fresh?.(url)
}

/** The idle timeout a fetch applies: ours says; any other gets the default registry-timeout. */
export function silenceOf(fetch: Fetch): number {
  return (fetch as Partial<HttpFetch>).timeoutMs ?? DEFAULT_TIMEOUT_MS
}

export const DEFAULT_TIMEOUT_MS = 60_000

/** Request bodies go in chunks of this size: progress is seen per chunk the socket takes. */
const CHUNK = 64 * 1024

/**
 * The roots Node trusts by default, to which a CA file is added: a `ca` option replaces them, and the token
 * server or a blob store may well have a public certificate.
 */
function defaultRoots(): string[] {
  // 'default' holds NODE_EXTRA_CA_CERTS too, which tls.rootCertificates lacks (Node 22.15+, engines' minimum).
  return tls.getCACertificates('default')
}

/** Whether url is one of the hosts: the same name, and the same port (a bare name stands for 80 and 443). */
export function hostMatches(url: URL, hosts: string[]): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return hosts.some(h => {
    let entry: URL
    try {
      entry = new URL(`http://${h}`)
    } catch {
      return false
    }
    if (entry.hostname.toLowerCase() !== url.hostname.toLowerCase()) return false
    return entry.port ? entry.port === port : port === '80' || port === '443'
  })
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i

/**
 * Sends each request to an Agent of its own origin, made with that host's TLS options, so trust given to one
 * host never reaches another: not through a redirect, not through a token realm elsewhere.
 */
class HostRouter extends Dispatcher {
  private readonly agents = new Map<string, Dispatcher>()

  constructor(private readonly o: TransportOptions) {
    super()
  }

  private agentFor(origin: string): Dispatcher {
    let agent = this.agents.get(origin)
    if (!agent) {
      const url = new URL(origin)
      const insecure = hostMatches(url, this.o.insecureHosts ?? [])
      // HTTPS_PROXY, HTTP_PROXY and NO_PROXY as @actions/http-client honours them (Octokit's and the OIDC token's
      // client before this layer), loopback never proxied, as there.
      const Dispatch = LOOPBACK.test(url.hostname) ? Agent : EnvHttpProxyAgent
      agent = new Dispatch({
        connect: {
          timeout: this.o.timeoutMs,
          ...(this.o.ca ? { ca: [...defaultRoots(), this.o.ca] } : {}),
          ...(insecure ? { rejectUnauthorized: false } : {})
        },
        // The watchdog in send() bounds the wait for the head: undici's headers timeout runs from the first byte
        // sent, so it would cut a slow upload that is still making progress.
        headersTimeout: 0,
        bodyTimeout: this.o.timeoutMs
      })
      this.agents.set(origin, agent)
    }
    return agent
  }

  override dispatch(
    opts: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler
  ): boolean {
    return this.agentFor(new URL(String(opts.origin)).origin).dispatch(opts, handler)
  }

  /** Later requests to origin get a new Agent; the old one finishes what it carries, then closes. */
  fresh(origin: string): void {
    const agent = this.agents.get(origin)
    if (!agent) return
    this.agents.delete(origin)
    void agent.close().catch(() => undefined)
  }

  override async close(): Promise<void> {
    const all = [...this.agents.values()]
    this.agents.clear()
    await Promise.all(all.map(a => a.close()))
  }

  override async destroy(): Promise<void> {
    const all = [...this.agents.values()]
    this.agents.clear()
    await Promise.all(all.map(a => a.destroy()))
  }
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
 * (undici's body timeout, which counts silence between chunks). One attempt: retries are the caller's, under
 * the policy (src/http/retry.ts).
 */
export function httpTransport(o: TransportOptions): HttpFetch {
  const router = new HostRouter(o)
  const fetch = async (
    input: string | URL | Request,
    init: RequestInit = {}
  ): Promise<Response> => {
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
      const res = await undiciFetch(
        input as string,
        {
          ...(init as object),
          headers,
          body,
          signal,
          dispatcher: router,
          ...(body instanceof ReadableStream ? { duplex: 'half' } : {})
        } as unknown as Parameters<typeof undiciFetch>[1]
      )
      return res as unknown as Response
    } catch (e) {
      // The watchdog aborts with its SilenceError as the reason; say which phase went silent.
      if (watchdog.signal.aborted && !init.signal?.aborted) throw watchdog.signal.reason as Error
      throw e
    } finally {
      clearTimeout(timer)
    }
  }
  return Object.assign(fetch as Fetch, {
    timeoutMs: o.timeoutMs,
    fresh: (url: string | URL) => router.fresh(new URL(String(url)).origin),
    close: () => router.close()
  })
}
