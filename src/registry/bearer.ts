// Gets a Bearer token from the realm a registry's challenge names: scoped to this repository (and the ones it reads), a docker login refresh token traded by POST, `token` or `access_token`, and credentials sent only to an https realm or one on this machine.
import { InputError } from '../ports.js'
import { seconds } from '../http/errors.js'
import type { Challenge } from './challenge.js'
import type { Credentials } from './credentials.js'
import { readBody, refused, RegistryError, triesOf, type ClientContext } from './errors.js'
import { isLoopback } from './reference.js'
import type { Sender } from './retry.js'

export interface TokenOptions {
  /** Sends to the token server (without the registry's authorization) under the retry policy. */
  sender: Sender
  /** What the token is asked for: push (and pull) to publish, pull alone to read a baseline. */
  access?: 'push' | 'pull'
  /** Other repositories of this registry the token must read: cross-repo mount sources and the baseline. */
  pullScopes?: string[]
}

/** The scopes a token is asked for, space-separated: `repository:NAME:push,pull` and a pull scope per source. */
export function tokenScope(
  repository: string,
  access: 'push' | 'pull' | undefined,
  pullScopes: string[] = []
): string {
  const own = `repository:${repository}:${access === 'pull' ? 'pull' : 'push,pull'}`
  return own + pullScopes.map(r => ` repository:${r}:pull`).join('')
}

/** Credentials as Basic sends them, to the registry or to its token server. */
export function basicAuth(creds: Credentials): string {
  return Buffer.from(`${creds.username}:${creds.password}`).toString('base64')
}

/** A token from the challenge's realm, masked in the log. */
export async function fetchToken(o: TokenOptions, c: Challenge): Promise<string> {
  const { sender } = o
  const ctx = sender.ctx
  const url = new URL(c.params.realm ?? '')
  if (ctx.credentials) checkRealm(ctx, url)
  const scope = tokenScope(ctx.ref.repository, o.access, o.pullScopes)
  const creds = ctx.credentials
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
    res = await sender.send('POST', url.toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form.toString()),
      auth: false
    })
  } else {
    if (c.params.service) url.searchParams.set('service', c.params.service)
    for (const s of scope.split(' ')) url.searchParams.append('scope', s)
    const headers: Record<string, string> = {}
    if (creds) headers.authorization = `Basic ${basicAuth(creds)}`
    res = await sender.send('GET', url.toString(), { headers, auth: false })
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel()
    throw refused(ctx, res.status)
  }
  if (!res.ok) {
    await res.body?.cancel()
    const t = triesOf(res)
    const times = t && t.attempts > 1 ? ` ${t.attempts} times in ${seconds(t.ms)}` : ''
    throw new RegistryError(
      `The token server ${url.host} (named by the Bearer challenge of ${ctx.ref.registry}) answered HTTP ${res.status} to ` +
        `${method} ${url.pathname}${times}. It is failing, not refusing the credentials: try again later, or ` +
        `check the token server.`,
      res.status
    )
  }
  const body = await readBody(ctx, res, method, url.toString(), async () => {
    try {
      return JSON.parse(await res.text()) as { token?: string; access_token?: string }
    } catch (e) {
      if (e instanceof SyntaxError) return {}
      throw e
    }
  })
  const token = body.token ?? body.access_token
  if (!token) throw new RegistryError(`The token server ${url.host} returned no token.`)
  sender.logger.mask(token)
  return token
}

/**
 * Credentials go to a token realm over https only, or over plain http on this machine: a realm in plain http
 * elsewhere would carry the password (or the refresh token) readable to anyone on the path.
 */
function checkRealm(ctx: ClientContext, realm: URL): void {
  if (realm.protocol === 'https:') return
  if (realm.protocol === 'http:' && isLoopback(realm.host)) return
  throw new InputError(
    `registry-username/registry-password: ${ctx.ref.registry} names the token realm ${realm.origin}${realm.pathname} ` +
      `in its Bearer challenge, which is not https, so the credentials were not sent to it. Serve the token ` +
      `server over https (the registry's token realm setting), or push anonymously to a registry that needs no credentials.`
  )
}
