// Stores a Sigstore bundle with GitHub's artifact attestations API, where `gh attestation verify` looks first.
import { retryableStatus } from '../http/policy.js'
import { GaveUp, serviceFetch } from '../http/retry.js'
import type { Fetch } from '../ports.js'

export interface StoreOptions {
  /** The HTTP layer's one-attempt fetch: the policy and the budget go on top of it here. */
  fetch: Fetch
  /** GITHUB_API_URL (https://api.github.com, or a GHE server's /api/v3). */
  apiUrl: string
  /** owner/repo (GITHUB_REPOSITORY). */
  repository: string
  token: string
  /** Waits between attempts; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>
}

/** Thrown when GitHub refuses the attestation (permissions, plan): the caller decides whether the step fails. */
export class AttestationRefused extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'AttestationRefused'
  }
}

/**
 * POST /repos/{owner}/{repo}/attestations with {"bundle": ...}; GitHub answers 201 {"id": N}. Returns the id.
 * 5xx, 429 and silences are retried under the HTTP layer's policy, within its budget (2.5 × registry-timeout,
 * at most 150 s). https://docs.github.com/rest/repos/repos#create-an-attestation
 */
export async function storeAttestation(bundle: unknown, o: StoreOptions): Promise<string> {
  const url = `${o.apiUrl.replace(/\/+$/, '')}/repos/${o.repository}/attestations`
  const fetch = serviceFetch(o.fetch, {
    service: "GitHub's attestations API",
    timeoutInput: 'registry-timeout',
    sleep: o.sleep
  })
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${o.token}`,
        'Content-Type': 'application/json',
        'X-GitHub-Api-Version': '2022-11-28'
      },
      body: JSON.stringify({ bundle })
    })
  } catch (e) {
    if (!(e instanceof GaveUp)) throw e
    throw new Error(`storing the attestation with GitHub failed: ${e.message}.`, { cause: e })
  }
  const text = await res.text()
  if (res.ok) {
    const id = (JSON.parse(text) as { id?: unknown }).id
    if (id === undefined || id === null)
      throw new Error(`${url} answered ${res.status} without an id`)
    return String(id)
  }
  const message = githubMessage(text) || res.statusText
  if (retryableStatus(res.status)) {
    throw new Error(
      `storing the attestation with GitHub failed: it answered ${res.status} ${message} until the retries were spent.`
    )
  }
  throw new AttestationRefused(refusal(res.status, message, o.repository), res.status)
}

function githubMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message
    return typeof m === 'string' ? m : ''
  } catch {
    return ''
  }
}

function refusal(status: number, message: string, repository: string): string {
  const fix =
    status === 401 || status === 403
      ? ' Grant the job `permissions: attestations: write` (and id-token: write), and keep github-token at its default (github.token).'
      : status === 404
        ? ` Artifact attestations need a public repository, or GitHub Enterprise Cloud for private and internal ones (${repository}).`
        : ''
  return `GitHub refused the attestation (${status} ${message}).${fix}`
}
