// Says what went wrong with a registry in sentences that name the host, the request and the fix: refused credentials, error bodies and their codes (GHCR's packages: write, ECR's missing repository, OCI media types), silences, TLS and protocol mistakes.
import { InputError } from '../ports.js'
import { errorText, seconds, timeoutKind, tlsFailure } from '../http/errors.js'
import { retryableStatus } from '../http/policy.js'
import type { Credentials } from './credentials.js'
import type { ImageRef } from './reference.js'

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'RegistryError'
  }
}

/** The client a message speaks for: its repository, who it acts as, and the limit and TLS inputs in effect. */
export interface ClientContext {
  ref: ImageRef
  credentials?: Credentials
  /** registry-timeout, in ms. */
  timeoutMs: number
  tls?: { caFile?: string; insecure?: boolean }
}

/** How many attempts an answer took and how long: a failure that kept coming says so. */
export interface Tries {
  attempts: number
  ms: number
}

const tries = new WeakMap<Response, Tries>()

/** Notes the attempts the retry loop made for the answer it returns. */
export function noteTries(res: Response, t: Tries): void {
  tries.set(res, t)
}

export function triesOf(res: Response): Tries | undefined {
  return tries.get(res)
}

/** Who the client acts as, for a refusal: the inputs are not what to fix when the credentials came from elsewhere. */
export function describeUser(c: Credentials | undefined): string {
  if (!c) return 'anonymous access'
  const from = c.source && !c.source.startsWith('registry-username') ? ` (from ${c.source})` : ''
  return `user '${c.username}'${from}`
}

/** The registry (or its token server) refused the credentials outright. */
export function refused(ctx: ClientContext, status: number): InputError {
  return new InputError(
    `registry-username/registry-password: ${ctx.ref.registry} refused ${describeUser(ctx.credentials)} (HTTP ${status}). ` +
      `Check the username and the password or token, and that it may push to ${ctx.ref.repository}.`
  )
}

/** An answer that is not the one `what` wanted: its status, the registry's error codes, and the fix when one is known. */
export async function failure(ctx: ClientContext, res: Response, what: string): Promise<Error> {
  const { ref } = ctx
  const text = await res.text().catch(() => '')
  let codes = ''
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] }
    codes = (body.errors ?? []).map(e => `${e.code ?? ''}: ${e.message ?? ''}`).join('; ')
  } catch {
    codes = text.slice(0, 200)
  }
  if (res.status === 401 && !ctx.credentials) {
    return new InputError(
      `registry-username/registry-password: ${ref.registry} requires credentials for ${what} in ` +
        `${ref.repository} (HTTP 401${codes ? `, ${codes}` : ''}). Set both inputs (or log in with a Docker config).`
    )
  }
  if (res.status === 401 || res.status === 403) {
    const ghcr =
      ref.registry === 'ghcr.io'
        ? ' On ghcr.io with GITHUB_TOKEN, give the job `permissions: packages: write`, and if the package already exists, grant this repository write access in its settings.'
        : ''
    return new InputError(
      `registry-username/registry-password: ${ref.registry} denied ${what} in ${ref.repository} to ${describeUser(ctx.credentials)} ` +
        `(HTTP ${res.status}${codes ? `, ${codes}` : ''}). Use credentials that may push to this repository.${ghcr}`
    )
  }
  const t = tries.get(res)
  const kept =
    retryableStatus(res.status) && t && t.attempts > 1
      ? ` after ${t.attempts} attempts in ${seconds(t.ms)}; the registry kept failing, so nothing was tagged. Try again later`
      : ''
  return new RegistryError(
    `${ref.registry}: ${what} failed with HTTP ${res.status}${codes ? ` (${codes})` : ''}${kept}.${hint(ref.registry, what, codes)}`,
    res.status
  )
}

/** What the user can do about the registry errors that have one known cause. */
function hint(registry: string, what: string, codes: string): string {
  if (
    /MANIFEST_INVALID|unsupported media type|MANIFEST_UNKNOWN.*media/i.test(codes) &&
    what.includes('manifest')
  ) {
    return ' This registry may not accept OCI media types: set media-types: docker.'
  }
  if (/NAME_UNKNOWN/.test(codes) && /\.dkr\.ecr\./.test(registry)) {
    return ' Amazon ECR does not create repositories on push: create it first (aws ecr create-repository).'
  }
  return ''
}

/** A request that got no answer: names the host, the request and the limit or the reason, and the fix. */
export function unreachable(
  ctx: ClientContext,
  method: string,
  url: string,
  e: unknown,
  attempts: number,
  ms: number
): RegistryError {
  const u = new URL(url)
  const request = `${method} ${u.pathname}`
  const times = `${attempts} attempt${attempts === 1 ? '' : 's'} in ${seconds(ms)}`
  const limit = `${seconds(ctx.timeoutMs)} (registry-timeout)`
  const kind = timeoutKind(e)
  if (kind) {
    const what =
      kind === 'connect'
        ? `could not be connected to within ${limit}`
        : kind === 'send'
          ? `stopped reading ${request} for ${limit}`
          : `did not answer ${request} within ${limit}`
    return new RegistryError(
      `${u.host} ${what}; gave up after ${times}. Check that ${u.host} is up and reachable from this ` +
        `machine, or raise registry-timeout for a slow registry.`,
      undefined,
      { cause: e }
    )
  }
  const tlsKind = tlsFailure(e)
  if (tlsKind === 'certificate') {
    // Node 24 appends advice to try --use-system-ca; the step reads its own CA files, so the advice that
    // helps is the sentence below. OpenSSL's reasons hold no ';', so the reason is what comes before one.
    const reason = ((e as { cause?: { message?: string } }).cause?.message ?? errorText(e)).split(
      ';'
    )[0]
    const set = ctx.tls?.caFile
      ? `registry-ca-file (${ctx.tls.caFile}) does not hold the CA that signed it: point registry-ca-file at that CA's PEM, or set insecure-registry: true`
      : `Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true`
    return new RegistryError(
      `${u.host} presented a TLS certificate this machine does not trust (${reason}) for ${request}. ` +
        `${set} to accept it unverified.`,
      undefined,
      { cause: e }
    )
  }
  if (tlsKind === 'protocol') {
    return new RegistryError(
      `${u.host} does not speak https: the TLS handshake for ${request} got a plain answer. If it serves ` +
        `plain http, set insecure-registry: true and leave registry-ca-file empty.`,
      undefined,
      { cause: e }
    )
  }
  return new RegistryError(
    `${method} ${redact(url)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${errorText(e)}`,
    undefined,
    { cause: e }
  )
}

/** Reads an answer's body; a body that goes silent fails with the host, the request and the limit. */
export async function readBody<T>(
  ctx: ClientContext,
  res: Response,
  method: string,
  url: string,
  read: () => Promise<T>
): Promise<T> {
  try {
    return await read()
  } catch (e) {
    if (timeoutKind(e) !== 'body') throw e
    const u = new URL(url)
    throw new RegistryError(
      `${u.host} stopped sending its answer to ${method} ${u.pathname} (HTTP ${res.status}) for ` +
        `${seconds(ctx.timeoutMs)} (registry-timeout). Try again, or raise registry-timeout for a slow registry.`,
      undefined,
      { cause: e }
    )
  }
}

/** Upload URLs carry session state in the query; keep it out of logs. */
export function redact(url: string): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}
