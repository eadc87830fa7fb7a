// Opens the conversation with a registry: GET /v2/ over its protocol (or the other one, when the answer shows the registry speaks that), then the authentication its answer asks for, so refused credentials fail the step before the build.
import { otherProtocol, seconds, timeoutKind, tlsFailure } from '../http/errors.js'
import { retryableStatus } from '../http/policy.js'
import { parseChallenge } from './challenge.js'
import type { Authenticator } from './auth.js'
import { refused, RegistryError, triesOf } from './errors.js'
import type { Sender } from './retry.js'

export interface PingOptions {
  sender: Sender
  auth: Authenticator
  /**
   * The same registry over the other protocol, tried when the ping shows baseUrl speaks the wrong one: a
   * loopback port that serves https, or an insecure registry that serves plain http.
   */
  fallbackBaseUrl?: string
}

/**
 * Pings /v2/ and authenticates, so refused credentials fail the step before the build, not mid-push. A
 * registry whose ping is open may still guard its repositories: then the first 401 authenticates (see retry.ts).
 */
export async function login(o: PingOptions): Promise<void> {
  const { sender, auth } = o
  const { ref } = sender.ctx
  const res = await ping(o)
  if (res.status === 200) {
    await res.body?.cancel()
    auth.sendBasicAhead()
    return
  }
  if (res.status !== 401) {
    await res.body?.cancel()
    const t = triesOf(res)
    if (retryableStatus(res.status) && t && t.attempts > 1) {
      throw new RegistryError(
        `${ref.registry} answered HTTP ${res.status} to GET /v2/ ${t.attempts} times in ${seconds(t.ms)}; ` +
          `the registry is unavailable. Try again later, or check the registry's status.`,
        res.status
      )
    }
    throw new RegistryError(
      `${ref.registry} answered ${res.status} to GET /v2/; is it an OCI registry?`,
      res.status
    )
  }
  await res.body?.cancel()
  await auth.answer(parseChallenge(res.headers.get('www-authenticate')))
  const check = await sender.send('GET', `${sender.endpoint.baseUrl}/v2/`, {})
  await check.body?.cancel()
  if (check.status === 401 || check.status === 403) throw refused(sender.ctx, check.status)
  if (!check.ok) {
    throw new RegistryError(`${ref.registry} answered ${check.status} to GET /v2/.`, check.status)
  }
}

/**
 * GET /v2/ on baseUrl, else on the fallback when the answer shows the other protocol: https to a plain-http
 * port fails the handshake, and plain http to a TLS port gets a 400 or a closed connection.
 */
async function ping(o: PingOptions): Promise<Response> {
  const { sender } = o
  const { endpoint } = sender
  const first = await sender
    .send('GET', `${endpoint.baseUrl}/v2/`, { auth: false })
    .catch((e: unknown) => e as Error)
  const fallback = o.fallbackBaseUrl
  // Go and nginx answer plain http on a TLS port with 400; other servers close the connection.
  const looksWrong =
    first instanceof Error
      ? otherProtocol((first as RegistryError).cause)
      : first.status === 400 && endpoint.baseUrl.startsWith('http:')
  if (!fallback || !looksWrong) {
    if (first instanceof Error) throw unreachableHint(sender, first)
    warnInsecure(sender)
    return first
  }
  if (!(first instanceof Error)) await first.body?.cancel()
  const second = await sender
    .send('GET', `${fallback}/v2/`, { auth: false })
    .catch((e: unknown) => e as Error)
  // The fallback's error speaks when it says more: a certificate the runner does not trust, or a silence.
  if (second instanceof Error) {
    const cause = (second as RegistryError).cause
    if (tlsFailure(cause) === 'certificate' || timeoutKind(cause)) throw second
    if (first instanceof Error) throw unreachableHint(sender, first)
    return first
  }
  const from = new URL(endpoint.baseUrl).protocol.slice(0, -1)
  endpoint.baseUrl = fallback
  const to = new URL(fallback).protocol.slice(0, -1)
  sender.logger.info(`${endpoint.ref.registry} does not speak ${from}; using ${to}.`)
  warnInsecure(sender)
  return second
}

function warnInsecure(sender: Sender): void {
  if (!sender.ctx.tls?.insecure) return
  const how = sender.endpoint.baseUrl.startsWith('https:')
    ? 'its TLS certificate is not verified'
    : 'it is reached over plain http'
  sender.logger.warning(
    `insecure-registry: true: ${how}, so anyone on the network path to ${sender.ctx.ref.registry} can read and ` +
      `change what is pushed. Prefer registry-ca-file with the registry's CA certificate.`
  )
}

/** A ping that never reached the registry: say so, and what to set when it was the protocol or the TLS. */
function unreachableHint(sender: Sender, e: Error): Error {
  if (tlsFailure((e as RegistryError).cause) || timeoutKind((e as RegistryError).cause)) return e
  const http =
    sender.endpoint.baseUrl.startsWith('https:') && !sender.ctx.tls?.caFile
      ? ' If this registry serves plain http, set insecure-registry: true.'
      : ''
  return new RegistryError(`${e.message.replace(/\.$/, '')}.${http}`, undefined, {
    cause: (e as RegistryError).cause
  })
}
