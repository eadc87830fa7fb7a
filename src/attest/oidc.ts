// The job's OIDC identity token from the Actions runtime, the identity Fulcio binds a signing certificate to.
import { GaveUp, serviceFetch } from '../http/retry.js'
import type { Fetch, Logger } from '../ports.js'

/** Whether the job can mint an OIDC token: the runner sets both only under `permissions: id-token: write`. */
export function canMintIdToken(env: Record<string, string | undefined>): boolean {
  return !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
}

/** What to do when the token service is down or silent: it is GitHub's, not the step's. */
const DOWN =
  "It is GitHub's service, not this step's: re-run the job, raise registry-timeout if it is only slow, or use " +
  'provenance: auto to push without signed provenance while it is down.'

/** The shape @sigstore/sign's FulcioSigner asks for (its IdentityProvider). */
export interface IdentityProvider {
  getToken(): Promise<string>
}

/**
 * Asks the Actions token service for a token with the given audience (GET ACTIONS_ID_TOKEN_REQUEST_URL with
 * &audience=, Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, answer {"value": JWT}), once per run: every signature of the
 * run uses the same token. The request goes through the HTTP layer's policy and budget (fetch is its one-attempt
 * transport), so a token service that never answers fails within registry-timeout's bounds. Both the request
 * token and the answer are masked before anything could log them.
 */
export function actionsIdentity(
  env: Record<string, string | undefined>,
  fetch: Fetch,
  logger: Logger,
  audience = 'sigstore'
): IdentityProvider {
  let token: Promise<string> | undefined
  const service = 'the Actions OIDC token service'
  const bounded = serviceFetch(fetch, { service, timeoutInput: 'registry-timeout' })
  const mint = async (): Promise<string> => {
    const base = env.ACTIONS_ID_TOKEN_REQUEST_URL
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    if (!base || !bearer) {
      throw new Error(
        'this job cannot mint an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): add `permissions: id-token: write` to the job.'
      )
    }
    logger.mask(bearer)
    const url = new URL(base)
    url.searchParams.set('audience', audience)
    const res = await bounded(url, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` }
    }).catch((e: unknown) => {
      if (!(e instanceof GaveUp)) throw e
      throw new Error(`${e.message}. ${DOWN}`, { cause: e })
    })
    if (!res.ok) {
      // The body may echo what was sent; only the status is worth saying.
      await res.body?.cancel()
      const fix =
        res.status === 401 || res.status === 403
          ? 'Does the job have `permissions: id-token: write`?'
          : DOWN
      throw new Error(`${service} answered ${res.status} ${res.statusText}. ${fix}`)
    }
    const body = (await res.json().catch(() => undefined)) as { value?: unknown } | undefined
    if (typeof body?.value !== 'string' || !body.value) {
      throw new Error(`${service} answered without a token (no "value").`)
    }
    logger.mask(body.value)
    return body.value
  }
  return {
    getToken: () => {
      token ??= mint()
      return token
    }
  }
}

/** Removes the given secrets from a message, for errors that quote what they were sent (FulcioSigner quotes the token). */
export function redact(message: string, secrets: string[]): string {
  let out = message
  for (const s of secrets) if (s) out = out.split(s).join('***')
  return out
}
