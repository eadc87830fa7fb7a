// Which pull request a run may comment on, from the event payload GitHub wrote (GITHUB_EVENT_PATH), checked with zod.
import { z } from 'zod'
import type { GitHubContext } from '../github-context.js'
import { describeIssue } from '../report/schema.js'

/** Where the comment goes. */
export interface CommentTarget {
  owner: string
  repo: string
  /** The pull request's number (its issue number). */
  number: number
  /**
   * The commit the pull request's head must be at for the comment to go there (workflow_run): the number
   * is a claim until GitHub's pulls endpoint confirms it.
   */
  headSha?: string
}

/** No comment: `message` says why; a warning when something was refused, else a notice. */
export interface Skip {
  skip: string
  warn?: boolean
}

export const PR_EVENTS = ['pull_request', 'pull_request_target']

const number = z.number().int().positive()
const sha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/)

// Only the fields read here; the rest of GitHub's payload is left alone (zod drops it).
const payloadSchema = z.object({
  number: number.optional(),
  pull_request: z.object({ number }).optional(),
  workflow_run: z
    .object({
      head_sha: sha,
      pull_requests: z
        .array(z.object({ number, head: z.object({ sha: z.string() }).optional() }))
        .optional()
    })
    .optional()
})
type Payload = z.infer<typeof payloadSchema>

function readPayload(github: GitHubContext): Payload | Skip {
  const { path: file, payload, error } = github.event
  const bad = (why: string): Skip => ({
    skip: `comment: the event payload (GITHUB_EVENT_PATH ${file ?? 'unset'}) ${why}; no comment is written.`,
    warn: true
  })
  if (!file) return bad('is not there')
  if (error !== undefined) return bad(`cannot be read as JSON (${error})`)
  const parsed = payloadSchema.safeParse(payload, { reportInput: true })
  return parsed.success
    ? parsed.data
    : bad(`is malformed: ${describeIssue(parsed.error.issues[0]!)}`)
}

/**
 * The pull request of a workflow_run that posts a report built elsewhere (comment-from). The number may come from
 * two places, neither of which proves anything alone:
 * - `workflow_run.pull_requests`, which GitHub fills for pull requests whose head branch is in this repository
 *   and leaves empty when the head is a fork (the case comment-from exists for);
 * - the report's pullRequest, which the build job recorded from its own event, but which a fork's job can set
 *   to anything: a hint.
 * The hint is taken first (it tells apart two pull requests with the same head branch), else the only listed
 * pull request at this head. Either way the target carries `workflow_run.head_sha`, and postComment comments
 * only when GitHub's `GET /repos/{owner}/{repo}/pulls/{number}` answers with that same `head.sha`: a report
 * naming another pull request (or an outdated one) is then refused with a warning.
 */
function workflowRunTarget(
  payload: Payload,
  hint: number | undefined
): { number: number; headSha: string } | Skip {
  const run = payload.workflow_run
  if (!run) {
    return {
      skip: 'comment: the workflow_run event payload has no workflow_run.head_sha; no comment is written.',
      warn: true
    }
  }
  const listed = (run.pull_requests ?? []).filter(p => !p.head || p.head.sha === run.head_sha)
  const number = hint ?? (listed.length === 1 ? listed[0]!.number : undefined)
  if (number === undefined) {
    return {
      skip:
        listed.length > 1
          ? `comment: the report names no pull request and ${listed.length} are at ${run.head_sha} (${listed.map(p => `#${p.number}`).join(', ')}); no comment is written.`
          : `comment: the report names no pull request and the workflow_run lists none at ${run.head_sha} (the build did not run for a pull request); no comment is written.`
    }
  }
  return { number, headSha: run.head_sha }
}

/**
 * The pull request to comment on, or why there is none. On pull_request and pull_request_target it is the
 * event's own. On workflow_run it is only for comment-from (`fromReport`), with the head check above.
 */
export function commentTarget(
  github: GitHubContext,
  fromReport?: { pullRequest?: number }
): { target: CommentTarget } | Skip {
  const event = github.eventName
  const [owner, repo] = github.repository.split('/')
  const posting = event === 'workflow_run' && fromReport !== undefined
  if (!PR_EVENTS.includes(event) && !posting) {
    return {
      skip:
        `comment: this run is a ${event || 'local'} event, not a pull request (pull_request or pull_request_target` +
        `${fromReport === undefined ? '' : ', or workflow_run with comment-from'}); no comment is written.`
    }
  }
  if (!owner || !repo)
    return { skip: 'comment: GITHUB_REPOSITORY is not set; no comment is written.' }
  const payload = readPayload(github)
  if ('skip' in payload) return payload
  if (posting) {
    const where = workflowRunTarget(payload, fromReport.pullRequest)
    return 'skip' in where ? where : { target: { owner, repo, ...where } }
  }
  const number = payload.pull_request?.number ?? payload.number
  if (number === undefined) {
    return {
      skip: `comment: the ${event} event payload (GITHUB_EVENT_PATH) names no pull request number; no comment is written.`
    }
  }
  return { target: { owner, repo, number } }
}

/** The pull request number of this run's event, recorded in the report for a later comment-from. */
export function eventPullRequest(github: GitHubContext): number | undefined {
  if (!PR_EVENTS.includes(github.eventName)) return undefined
  const t = commentTarget(github)
  return 'target' in t ? t.target.number : undefined
}
