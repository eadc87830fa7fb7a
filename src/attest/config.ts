// The provenance input: whether this run signs SLSA provenance, decided before anything is built or pushed.
import { InputError } from '../ports.js'
import { canMintIdToken } from './oidc.js'

export type ProvenanceMode = 'auto' | 'true' | 'false'

/**
 * Validates provenance: auto (sign when the job can mint an OIDC token), true or false. true in a job that
 * cannot mint one fails here, before anything is pushed: the attestation would otherwise be missing from a
 * release that asked for it.
 */
export function parseProvenance(
  raw: string,
  env: Record<string, string | undefined>
): ProvenanceMode {
  const value = raw.trim().toLowerCase() || 'auto'
  if (value !== 'auto' && value !== 'true' && value !== 'false') {
    throw new InputError(
      `provenance: '${raw.trim()}' is not auto, true or false. auto signs SLSA provenance when the job can mint an OIDC token (permissions: id-token: write).`
    )
  }
  if (value === 'true' && !canMintIdToken(env)) {
    throw new InputError(
      'provenance: true, but this job cannot mint an OIDC token to sign with (ACTIONS_ID_TOKEN_REQUEST_URL is not set). ' +
        'Add `permissions: id-token: write` (and `attestations: write`) to the job; pull requests from forks never get one, ' +
        'so use provenance: auto there, which signs only when a token is available.'
    )
  }
  return value
}

/** Whether to sign: explicitly, or under auto when the runner offers a token. */
export function provenanceOn(
  mode: ProvenanceMode,
  env: Record<string, string | undefined>
): boolean {
  return mode === 'true' || (mode === 'auto' && canMintIdToken(env))
}
