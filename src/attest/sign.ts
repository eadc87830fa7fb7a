// Signs an in-toto statement keyless with Sigstore (@sigstore/sign, the signer @actions/attest uses): a Fulcio certificate for the job's OIDC identity, a DSSE envelope, and a Rekor entry or an RFC 3161 timestamp.
import type { SerializedBundle } from '@sigstore/bundle'
import type { Witness } from '@sigstore/sign'
import type { SigstoreEndpoints } from './endpoints.js'
import { redact, type IdentityProvider } from './oidc.js'

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
  /** Per request, as @actions/attest sets it. */
  timeoutMs?: number
  retries?: number
}

/**
 * The Sigstore bundle (v0.3, one certificate) for a statement, as @actions/attest's attest() builds it, but with
 * the endpoints given rather than chosen inside: @actions/attest takes only 'public-good' or 'github'.
 */
export async function signStatement(s: Statement, o: SignOptions): Promise<SerializedBundle> {
  const timeout = o.timeoutMs ?? 10_000
  const retry = o.retries ?? 3
  // Loaded on use: only runs that sign need Sigstore's clients, and parsing them would slow every start-up.
  const [{ bundleToJSON }, { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness }] =
    await Promise.all([import('@sigstore/bundle'), import('@sigstore/sign')])
  const signer = new FulcioSigner({
    identityProvider: o.identity,
    fulcioBaseURL: o.endpoints.fulcioURL,
    timeout,
    retry
  })
  const witnesses: Witness[] = []
  if (o.endpoints.rekorURL) {
    witnesses.push(
      new RekorWitness({
        rekorBaseURL: o.endpoints.rekorURL,
        fetchOnConflict: true,
        timeout,
        retry
      })
    )
  }
  if (o.endpoints.tsaServerURL) {
    witnesses.push(new TSAWitness({ tsaBaseURL: o.endpoints.tsaServerURL, timeout, retry }))
  }
  try {
    const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
      data: Buffer.from(JSON.stringify(s)),
      type: INTOTO_PAYLOAD_TYPE
    })
    return bundleToJSON(bundle)
  } catch (e) {
    // FulcioSigner puts an unparsable token into its message; the token must not reach the log.
    const token = await o.identity.getToken().catch(() => '')
    throw new Error(`signing failed: ${redact(describe(e), [token])}`)
  }
}

/** An error and its causes in one line (@sigstore/sign wraps the service's answer in cause). */
function describe(e: unknown): string {
  const parts: string[] = []
  for (let c: unknown = e, i = 0; c !== undefined && i < 4; i++) {
    parts.push(c instanceof Error ? c.message : String(c))
    c = c instanceof Error ? c.cause : undefined
  }
  return parts.join(': ')
}
