// A loopback proxy in front of a test registry that injects chosen faults, rewrites upload Locations and can play a Bearer token server.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FaultRule {
  method: string
  /** Tested against path+query, so a rule can name one blob by its `digest=` parameter. */
  path: RegExp
  /** Fault only the nth matching request (1-based), or the first `first` of them; neither: every one. */
  nth?: number
  first?: number
  /** A status answered without forwarding, or 'drop' to destroy the socket (a reset connection). */
  reply: number | 'drop'
  /** Sent with 429 (default '1'). */
  retryAfter?: string
  body?: string
}

export interface Exchange {
  method: string
  /** Path and query as the client sent them. */
  path: string
  /** The status the client got; 0 for a dropped connection. */
  status: number
  /** Whether the proxy answered itself (a fault rule or a Bearer 401), without the registry. */
  injected: boolean
  location?: string
}

export interface BearerOptions {
  /** Required as Basic on GET /token when set; anything else gets 401. */
  basic?: { username: string; password: string }
  /** The JSON field the token is issued in. */
  field?: 'token' | 'access_token'
  /** How long a token is accepted; expires_in always says 1 (second). */
  ttlMs?: number
  /**
   * Answer GET /v2/ from the registry, without a challenge: the distribution spec lets the version check succeed
   * for anyone, so a client learns that a repository needs a token only from that repository's own 401.
   */
  openPing?: boolean
  /** Offer a Basic challenge before the Bearer one in the same WWW-Authenticate header. */
  offerBasic?: boolean
}

export interface ProxyOptions {
  /** host:port of the registry, e.g. 127.0.0.1:5000. */
  target: string
  /** How upload responses' Location reaches the client: absolute (http://127.0.0.1:<port>/v2/...) or relative. */
  location?: 'absolute' | 'relative'
  bearer?: BearerOptions
  /** Added before every request, to stretch a push over a token's lifetime. */
  delayMs?: number
}

export class FaultProxy {
  readonly requests: Exchange[] = []
  rules: (FaultRule & { seen: number })[] = []
  /** Every token the token server issued, in order. */
  readonly issued: string[] = []
  /** The scope parameters the token server was asked for. */
  readonly scopes: string[] = []
  private readonly tokens = new Map<string, number>()
  private readonly server = http.createServer((req, res) => void this.handle(req, res))
  port = 0

  constructor(readonly o: ProxyOptions) {}

  get tokensIssued(): number {
    return this.issued.length
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<this> {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(r => this.server.close(r))
  }

  fault(...rules: FaultRule[]): this {
    this.rules.push(...rules.map(r => ({ ...r, seen: 0 })))
    return this
  }

  /** Forgets the log and the rules (not the tokens), so a test can count one push at a time. */
  reset(): void {
    this.requests.length = 0
    this.rules = []
  }

  count(method: string, path: RegExp): number {
    return this.requests.filter(r => r.method === method && path.test(r.path)).length
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const log = (status: number, injected: boolean, location?: string): void =>
      void this.requests.push({ method, path, status, injected, location })
    if (this.o.delayMs) await new Promise(r => setTimeout(r, this.o.delayMs))

    // Every matching rule counts the request (filter, not find), so overlapping rules keep their own counts.
    const rule = this.rules.filter(r => r.method === method && r.path.test(path) && this.hit(r))[0]
    if (rule?.reply === 'drop') {
      log(0, true)
      req.socket.destroy()
      return
    }
    if (rule) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (rule.reply === 429) headers['retry-after'] = rule.retryAfter ?? '1'
      const body =
        rule.body ??
        JSON.stringify({ errors: [{ code: 'INJECTED', message: `fault ${rule.reply}` }] })
      return this.answer(req, res, rule.reply, headers, body, log)
    }

    const bearer = this.o.bearer
    if (bearer && method === 'GET' && path.startsWith('/token'))
      return this.token(req, res, bearer, log)
    const open = bearer?.openPing && path === '/v2/'
    if (bearer && path.startsWith('/v2/') && !open) {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
      const expires = token ? this.tokens.get(token) : undefined
      if (!expires || expires < Date.now()) {
        const name = /^\/v2\/(.+?)\/(?:blobs|manifests|tags)\//.exec(path)?.[1]
        const scope = name ? `,scope="repository:${name}:push,pull"` : ''
        const basic = bearer.offerBasic ? 'Basic realm="gsi-test-basic", ' : ''
        const challenge = `${basic}Bearer realm="${this.url}/token",service="gsi-test"${scope}`
        return this.answer(req, res, 401, { 'www-authenticate': challenge }, '', log)
      }
      // The target is the open registry, which must not see (or judge) our tokens.
      delete req.headers.authorization
    }
    this.forward(req, res, log)
  }

  private hit(r: FaultRule & { seen: number }): boolean {
    r.seen++
    if (r.nth !== undefined) return r.seen === r.nth
    if (r.first !== undefined) return r.seen <= r.first
    return true
  }

  /** Reads the request body first, so the client is never cut off mid-upload by an early answer. */
  private answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
    log: (status: number, injected: boolean) => void
  ): void {
    req.resume()
    req.on('end', () => {
      log(status, true)
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) })
      res.end(body)
    })
  }

  private token(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    b: BearerOptions,
    log: (status: number, injected: boolean) => void
  ): void {
    const expected =
      b.basic &&
      `Basic ${Buffer.from(`${b.basic.username}:${b.basic.password}`).toString('base64')}`
    if (expected && req.headers.authorization !== expected) {
      return this.answer(req, res, 401, { 'www-authenticate': 'Basic realm="gsi-test"' }, '', log)
    }
    this.scopes.push(...new URL(req.url ?? '/', this.url).searchParams.getAll('scope'))
    const token = randomBytes(16).toString('hex')
    this.tokens.set(token, Date.now() + (b.ttlMs ?? 1000))
    this.issued.push(token)
    const body = JSON.stringify({ [b.field ?? 'token']: token, expires_in: 1 })
    this.answer(req, res, 200, { 'content-type': 'application/json' }, body, log)
  }

  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    log: (status: number, injected: boolean, location?: string) => void
  ): void {
    const [host, port] = this.o.target.split(':')
    // The client's Host header goes through unchanged: the registry builds its Location URLs from it.
    const up = http.request(
      { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      upRes => {
        const headers = { ...upRes.headers }
        const loc = headers.location
        if (loc && this.o.location && /\/blobs\/uploads\//.test(req.url ?? '')) {
          const rel = loc.replace(/^https?:\/\/[^/]+/, '')
          headers.location = this.o.location === 'relative' ? rel : `${this.url}${rel}`
        }
        log(upRes.statusCode ?? 0, false, headers.location)
        res.writeHead(upRes.statusCode ?? 502, headers)
        upRes.pipe(res)
      }
    )
    up.on('error', e => {
      log(502, true)
      if (!res.headersSent) res.writeHead(502).end(String(e))
      else res.destroy()
    })
    req.pipe(up)
  }
}
