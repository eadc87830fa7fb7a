// Writes the sticky comment through GitHub's REST API (Octokit), on the pull request GitHub confirms, never failing the step.
import type { Logger } from '../ports.js'
import { InputError } from '../ports.js'
import type { GitHubContext } from '../github-context.js'
import { commentTarget, type CommentTarget } from './event.js'
import { upsertComment, whoAmI, type Octokit, type Posted } from './sticky.js'
import { githubOctokit } from '../http/github.js'

export { commentTarget, eventPullRequest, type CommentTarget } from './event.js'
export type { Posted } from './sticky.js'

/** The error for a missing token: names the input and the permission. */
export function missingTokenError(): InputError {
  return new InputError(
    'github-token: empty, so the pull request comment cannot be written. Pass github-token: ${{ github.token }} ' +
      '(the default) or another token, and give the job permissions: pull-requests: write.'
  )
}

/** The Octokit client for the API the runner names (GitHub Enterprise Server serves it elsewhere). */
async function octokitFor(token: string, github: GitHubContext): Promise<Octokit> {
  // GitHub Enterprise Server serves the API elsewhere; the runner says where (apiUrl). Bounded, and loaded on use:
  // see githubOctokit.
  return githubOctokit(token, { baseUrl: github.apiUrl })
}

/**
 * Why the pull request may not get this comment, or undefined when GitHub says its head is the commit the
 * workflow_run built (see workflowRunTarget in event.ts for where the number came from).
 */
async function untrusted(
  octokit: Octokit,
  { owner, repo, number, headSha }: CommentTarget
): Promise<string | undefined> {
  if (!headSha) return undefined
  let head: string
  try {
    head = (await octokit.rest.pulls.get({ owner, repo, pull_number: number })).data.head.sha
  } catch (e) {
    const status = (e as { status?: number }).status
    return `GitHub could not confirm pull request #${number} (${status ? `HTTP ${status}` : (e as Error).message}) for the commit this workflow_run built, ${headSha}.`
  }
  if (head === headSha) return undefined
  return (
    `the report names pull request #${number}, whose head is ${head}, but this workflow_run built ${headSha}. ` +
    `Either the pull request moved on since (its newer run comments), or the report names a pull request it was not built for.`
  )
}

/**
 * Writes the comment on the run's pull request. Not a pull request: a notice, nothing else. A pull request
 * GitHub does not confirm, a refused write (403: a fork's read-only token, or missing permissions) or any other
 * API failure is a warning, never a failure: the job summary has the same report. The token goes to Octokit
 * only, never into a log line.
 */
export async function postComment(o: {
  token: string
  github: GitHubContext
  marker: string
  body: string
  logger: Logger
  /** comment-from: the pull request the report recorded, a hint checked against GitHub. */
  fromReport?: { pullRequest?: number }
}): Promise<Posted | undefined> {
  const where = commentTarget(o.github, o.fromReport)
  if ('skip' in where) {
    if (where.warn) o.logger.warning(where.skip)
    else o.logger.info(where.skip)
    return undefined
  }
  if (!o.token) throw missingTokenError()
  o.logger.mask(o.token)
  const { owner, repo, number } = where.target
  const octokit = await octokitFor(o.token, o.github)
  try {
    const refused = await untrusted(octokit, where.target)
    if (refused) {
      o.logger.warning(`comment: not written on ${owner}/${repo}#${number}: ${refused}`)
      return undefined
    }
    const posted = await upsertComment(octokit, where.target, o.marker, o.body, () =>
      whoAmI(octokit)
    )
    const folded = posted.folded
      ? ` (and removed ${posted.folded} duplicate${posted.folded > 1 ? 's' : ''} a concurrent run wrote)`
      : ''
    o.logger.info(`comment: ${posted.action} ${posted.url} on ${owner}/${repo}#${number}${folded}`)
    return posted
  } catch (e) {
    // Octokit gives a request that got no answer status 500 too; only a response says what GitHub answered.
    const answered = (e as { response?: unknown }).response !== undefined
    const status = answered ? (e as { status?: number }).status : undefined
    const message = (e as Error).message.replace(/\.?\s*$/, '.')
    const why =
      status === 403
        ? 'GitHub refused the write (403). A pull request from a fork gets a read-only token: use the fork-safe ' +
          'pattern (write the report, post it from a workflow_run job with comment-from), or give the job ' +
          'permissions: pull-requests: write.'
        : `${status ? `HTTP ${status}: ` : ''}${message}`
    o.logger.warning(
      `comment: not written on ${owner}/${repo}#${number}. ${why} The job summary has the same report.`
    )
    return undefined
  }
}
