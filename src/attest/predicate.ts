// The SLSA v1 build provenance predicate of the job, from its verified OIDC claims, as @actions/attest's buildSLSAProvenancePredicate builds it, with its token and key requests on the action's HTTP layer.
import { serviceFetch } from '../http/retry.js'
import type { Fetch, Logger } from '../ports.js'
import { actionsIdentity } from './oidc.js'

const SLSA_PREDICATE_V1_TYPE = 'https://slsa.dev/provenance/v1'
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1'
/** The audience @actions/attest asks the claims token for: it is read here, never sent anywhere. */
const AUDIENCE = 'nobody'

const REQUIRED_CLAIMS = [
  'iss',
  'ref',
  'sha',
  'repository',
  'event_name',
  'job_workflow_ref',
  'workflow_ref',
  'repository_id',
  'repository_owner_id',
  'runner_environment',
  'run_id',
  'run_attempt'
] as const

type Claims = Record<(typeof REQUIRED_CLAIMS)[number], string>

/** GitHub's token issuer for a server: token.actions.githubusercontent.com, or a GHE.com tenant's. */
export function defaultIssuer(serverUrl = 'https://github.com'): string {
  if (serverUrl !== 'https://github.com' && !/^https:\/\/[a-z0-9-]+\.ghe\.com$/.test(serverUrl)) {
    throw new Error(`Invalid server URL: ${serverUrl}`)
  }
  let host = new URL(serverUrl).hostname
  if (host === 'github.com') host = 'githubusercontent.com'
  return `https://token.actions.${host}`
}

/** The issuer's published keys (OpenID Connect Discovery 1.0: the configuration names jwks_uri). */
async function issuerKeys(issuer: string, fetch: Fetch): Promise<unknown> {
  const get = async (url: string, what: string): Promise<Record<string, unknown>> => {
    const res = await fetch(url, { headers: { accept: 'application/json' } })
    if (!res.ok) {
      await res.body?.cancel()
      throw new Error(`the OIDC issuer answered ${res.status} for its ${what}`)
    }
    return (await res.json()) as Record<string, unknown>
  }
  const config = await get(`${issuer}/.well-known/openid-configuration`, 'configuration')
  if (typeof config.jwks_uri !== 'string') throw new Error('No OpenID configuration found')
  return get(config.jwks_uri, 'keys (jwks_uri)')
}

/**
 * The job's claims: a token for the audience "nobody", verified against the issuer's keys, whose iss starts with
 * the issuer (a GHE.com tenant's has a slug after it) and which holds every claim the predicate needs.
 */
async function jobClaims(o: PredicateOptions, issuer: string): Promise<Claims> {
  const { createLocalJWKSet, jwtVerify } = await import('jose')
  try {
    const token = await actionsIdentity(o.env, o.fetch, o.logger, AUDIENCE).getToken()
    const keys = await issuerKeys(issuer, serviceFetch(o.fetch, { service: 'the OIDC issuer' }))
    const jwks = createLocalJWKSet(keys as Parameters<typeof createLocalJWKSet>[0])
    const { payload } = await jwtVerify(token, jwks, { audience: AUDIENCE })
    if (!payload.iss) throw new Error('Missing "iss" claim')
    if (!payload.iss.startsWith(issuer)) throw new Error(`Unexpected "iss" claim: ${payload.iss}`)
    const missing = REQUIRED_CLAIMS.filter(c => !(c in payload))
    if (missing.length) throw new Error(`Missing claims: ${missing.join(', ')}`)
    return payload as unknown as Claims
  } catch (e) {
    throw new Error(`Failed to get ID token: ${(e as Error).message}`, { cause: e })
  }
}

export interface PredicateOptions {
  env: Record<string, string | undefined>
  fetch: Fetch
  logger: Logger
  /** The token issuer; GitHub's for GITHUB_SERVER_URL when absent. */
  issuer?: string
}

/**
 * The predicate for the GitHub Actions workflow build type (slsa.dev/spec/v1.0/provenance,
 * github-actions-buildtypes/workflow/v1), field for field what @actions/attest builds.
 */
export async function slsaPredicate(
  o: PredicateOptions
): Promise<{ type: string; params: object }> {
  const serverURL = o.env.GITHUB_SERVER_URL
  const claims = await jobClaims(o, o.issuer || defaultIssuer(serverURL || undefined))
  const [workflowPath] = claims.workflow_ref.replace(`${claims.repository}/`, '').split('@')
  return {
    type: SLSA_PREDICATE_V1_TYPE,
    params: {
      buildDefinition: {
        buildType: GITHUB_BUILD_TYPE,
        externalParameters: {
          workflow: {
            ref: claims.ref,
            repository: `${serverURL}/${claims.repository}`,
            path: workflowPath
          }
        },
        internalParameters: {
          github: {
            event_name: claims.event_name,
            repository_id: claims.repository_id,
            repository_owner_id: claims.repository_owner_id,
            runner_environment: claims.runner_environment
          }
        },
        resolvedDependencies: [
          {
            uri: `git+${serverURL}/${claims.repository}@${claims.ref}`,
            digest: { gitCommit: claims.sha }
          }
        ]
      },
      runDetails: {
        builder: { id: `${serverURL}/${claims.job_workflow_ref}` },
        metadata: {
          invocationId: `${serverURL}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`
        }
      }
    }
  }
}
