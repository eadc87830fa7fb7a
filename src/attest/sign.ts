// Signs an in-toto statement keyless with Sigstore (@sigstore/sign's bundle builder, as @actions/attest does): a Fulcio certificate for the job's OIDC identity, a DSSE envelope, and a Rekor entry or an RFC 3161 timestamp.
import type { SerializedBundle } from '@sigstore/bundle'
import type { Witness } from '@sigstore/sign'
import { GaveUp, serviceFetch } from '../http/retry.js'
import type { Fetch } from '../ports.js'
import type { SigstoreEndpoints } from './endpoints.js'
import { redact, type IdentityProvider } from './oidc.js'
import { fulcioSigner, rekorWitness, tsaWitness } from './sigstore-clients.js'

export const INTOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1'
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

export interface Subject {
  name: string
  digest: Record<string, string>
}

export interface Statement {
  _type: typeof INTOTO_STATEMENT_V1
  subject: Subject[]
  predicateType: string
  predicate: unknown
}

export function statement(
  subject: Subject[],
  predicateType: string,
  predicate: unknown
): Statement {
  return { _type: INTOTO_STATEMENT_V1, subject, predicateType, predicate }
}

export interface SignOptions {
  endpoints: SigstoreEndpoints
  identity: IdentityProvider
  /** The HTTP layer's one-attempt fetch; each service's requests get the policy and a budget on top of it. */
  fetch: Fetch
}

/**
 * The Sigstore bundle (v0.3, one certificate) for a statement, as @actions/attest's attest() builds it, but with
 * the endpoints given rather than chosen inside (@actions/attest takes only 'public-good' or 'github'), and
 * Fulcio, Rekor and the TSA reached through the action's HTTP layer (src/attest/sigstore-clients.ts), so that
 * each of them is bounded like every other request.
 */
export async function signStatement(s: Statement, o: SignOptions): Promise<SerializedBundle> {
  // Loaded on use: only runs that sign need Sigstore's bundle code, and parsing it would slow every start-up.
  const [{ bundleToJSON }, { DSSEBundleBuilder }] = await Promise.all([
    import('@sigstore/bundle'),
    import('@sigstore/sign')
  ])
  const on = (service: string): Fetch =>
    serviceFetch(o.fetch, { service, timeoutInput: 'registry-timeout' })
  const signer = fulcioSigner({
    fetch: on('Fulcio'),
    fulcioURL: o.endpoints.fulcioURL,
    identity: o.identity
  })
  const witnesses: Witness[] = []
  if (o.endpoints.rekorURL) {
    witnesses.push(rekorWitness({ fetch: on('Rekor'), rekorURL: o.endpoints.rekorURL }))
  }
  if (o.endpoints.tsaServerURL) {
    witnesses.push(
      tsaWitness({ fetch: on('The timestamp authority'), tsaURL: o.endpoints.tsaServerURL })
    )
  }
  try {
    const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
      data: Buffer.from(JSON.stringify(s)),
      type: INTOTO_PAYLOAD_TYPE
    })
    return bundleToJSON(bundle)
  } catch (e) {
    // A service may echo what it was sent, the token included; the token must not reach the log.
    const token = await o.identity.getToken().catch(() => '')
    throw new Error(`signing failed: ${redact(describe(e), [token])}`)
  }
}

/** An error and its causes in one line; a GaveUp's message already says what its cause was. */
function describe(e: unknown): string {
  const parts: string[] = []
  for (let c: unknown = e, i = 0; c !== undefined && i < 4; i++) {
    parts.push(c instanceof Error ? c.message : String(c))
    c = c instanceof Error && !(c instanceof GaveUp) ? c.cause : undefined
  }
  return parts.join(': ')
}
