// Stores a Sigstore bundle with GitHub's artifact attestations API, where `gh attestation verify` looks first.
import type { Fetch } from '../ports.js'

export interface StoreOptions {
  fetch: Fetch
  /** GITHUB_API_URL (https://api.github.com, or a GHE server's /api/v3). */
  apiUrl: string
  /** owner/repo (GITHUB_REPOSITORY). */
  repository: string
  token: string
  sleep?: (ms: number) => Promise<void>
  /** Attempts for 5xx, 429 and dropped connections; @actions/attest retries 5 times. */
  attempts?: number
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

const wait = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/**
 * POST /repos/{owner}/{repo}/attestations with {"bundle": ...}; GitHub answers 201 {"id": N}. Returns the id.
 * https://docs.github.com/rest/repos/repos#create-an-attestation
 */
export async function storeAttestation(bundle: unknown, o: StoreOptions): Promise<string> {
  const url = `${o.apiUrl.replace(/\/+$/, '')}/repos/${o.repository}/attestations`
  const attempts = o.attempts ?? 4
  const sleep = o.sleep ?? wait
  let last = ''
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(1000 * 2 ** (i - 1))
    let res: Response
    try {
      res = await o.fetch(url, {
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
      last = (e as Error).message
      continue
    }
    const text = await res.text()
    if (res.ok) {
      const id = (JSON.parse(text) as { id?: unknown }).id
      if (id === undefined || id === null)
        throw new Error(`${url} answered ${res.status} without an id`)
      return String(id)
    }
    const message = githubMessage(text) || res.statusText
    if (res.status === 429 || res.status >= 500) {
      last = `${res.status} ${message}`
      continue
    }
    throw new AttestationRefused(refusal(res.status, message, o.repository), res.status)
  }
  throw new Error(`storing the attestation with GitHub failed after ${attempts} attempts: ${last}`)
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
