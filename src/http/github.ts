// Octokit for GitHub's REST API on the action's HTTP layer: every request bounded, retried under the one policy, and the whole client within one budget.
import type { getOctokit } from '@actions/github'
import type { Fetch } from '../ports.js'
import { serviceBudget, serviceFetch } from './retry.js'
import { sharedFetch } from './shared.js'
import { silenceOf } from './transport.js'

export type GitHubClient = ReturnType<typeof getOctokit>

/**
 * getOctokit with its requests on fetch (the shared transport unless given): each request waits at most the
 * transport's idle timeout per attempt, and all of the client's requests together at most serviceBudget of it
 * (150 s with the default 60 s), so a GitHub API that never answers ends in an error the caller can turn into
 * a warning. @actions/github is loaded on use: only the runs that talk to GitHub need it.
 */
export async function githubOctokit(
  token: string,
  o: { baseUrl: string; fetch?: Fetch }
): Promise<GitHubClient> {
  const { getOctokit: octokitFor } = await import('@actions/github')
  const transport = o.fetch ?? sharedFetch()
  const fetch = serviceFetch(transport, {
    service: "GitHub's API",
    timeoutInput: 'registry-timeout',
    overallMs: serviceBudget(silenceOf(transport))
  })
  return octokitFor(token, { baseUrl: o.baseUrl, request: { fetch } })
}
