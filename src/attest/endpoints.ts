// Which Sigstore instance signs a run's attestations: public-good for public repositories, GitHub's own otherwise (as @actions/attest chooses), or local services a test names.
import type { EventFile } from '../github-context.js'

/** Where a signature's certificate, log entry and timestamp come from, and whose keys vouch for the job's token. */
export interface SigstoreEndpoints {
  /** Fulcio: issues the short-lived signing certificate for the job's OIDC identity. */
  fulcioURL: string
  /** Rekor: the transparency log (public-good only). */
  rekorURL?: string
  /** The RFC 3161 timestamp authority (GitHub's instance, which keeps no public log). */
  tsaServerURL?: string
  /**
   * The issuer whose published keys verify the job's OIDC token before its claims go into the predicate; absent,
   * GitHub's (token.actions.githubusercontent.com, or the GHE.com tenant's), as @actions/attest derives it.
   */
  oidcIssuer?: string
}

export const PUBLIC_GOOD: SigstoreEndpoints = {
  fulcioURL: 'https://fulcio.sigstore.dev',
  rekorURL: 'https://rekor.sigstore.dev'
}

/**
 * The instance @actions/attest picks (its signingEndpoints, which it does not export): a public repository signs
 * with the public-good instance and its public log, a private or internal one with GitHub's, whose timestamp
 * authority stands in for the log so that nothing about the repository becomes public.
 */
export function signingEndpoints(
  visibility: string | undefined,
  serverUrl = 'https://github.com'
): SigstoreEndpoints {
  if (visibility === 'public') return PUBLIC_GOOD
  let host = new URL(serverUrl).hostname
  if (host === 'github.com') host = 'githubapp.com'
  return { fulcioURL: `https://fulcio.${host}`, tsaServerURL: `https://timestamp.${host}` }
}

/** The repository's visibility, from the event payload the runner writes for every job (GITHUB_EVENT_PATH). */
export function repositoryVisibility(event: EventFile): string | undefined {
  const payload = event.payload as {
    repository?: { visibility?: unknown; private?: unknown }
  } | null
  if (!payload || typeof payload !== 'object') return undefined
  const v = payload.repository?.visibility
  if (typeof v === 'string') return v
  return payload.repository?.private === false ? 'public' : undefined
}

/**
 * TEST ONLY, never documented for users: JSON SigstoreEndpoints pointing the bundled action at local stand-ins
 * for Fulcio, Rekor, the TSA and the OIDC issuer (the real services cannot be reached from the test machine).
 * The pipeline itself takes its endpoints from Deps.sigstore; only the action's edge reads this variable.
 */
export const TEST_ENDPOINTS_ENV = 'GSI_TEST_ONLY_SIGSTORE_ENDPOINTS'

export function testEndpoints(
  env: Record<string, string | undefined>
): SigstoreEndpoints | undefined {
  const raw = env[TEST_ENDPOINTS_ENV]
  if (!raw) return undefined
  const e = JSON.parse(raw) as SigstoreEndpoints
  if (typeof e.fulcioURL !== 'string') throw new Error(`${TEST_ENDPOINTS_ENV}: no fulcioURL`)
  return e
}
