// Keeps one comment per image on the pull request (found by its hidden marker) through GitHub's REST API with Octokit.
import type { getOctokit } from '@actions/github'
import { readFile } from 'node:fs/promises'
import type { Logger } from '../ports.js'
import { InputError } from '../ports.js'
import { githubOctokit } from '../http/github.js'

/** Where the comment goes. */
export interface CommentTarget {
  owner: string
  repo: string
  /** The pull request's number (its issue number). */
  number: number
}

export type Env = Record<string, string | undefined>

const PR_EVENTS = ['pull_request', 'pull_request_target']

interface EventPayload {
  number?: number
  pull_request?: { number?: number }
  workflow_run?: { pull_requests?: { number?: number }[] }
}

/**
 * The pull request to comment on, or why there is none. On pull_request and pull_request_target it is the
 * event's. On workflow_run (the fork-safe job that posts a report built elsewhere) it is the one the report
 * recorded, since GitHub lists no pull request in that payload when the head is a fork.
 */
export async function commentTarget(
  env: Env,
  reportPr?: number
): Promise<{ target: CommentTarget } | { skip: string }> {
  const event = env.GITHUB_EVENT_NAME ?? ''
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const posting = event === 'workflow_run' && reportPr !== undefined
  if (!PR_EVENTS.includes(event) && !posting) {
    return {
      skip:
        `comment: this run is a ${event || 'local'} event, not a pull request (pull_request or pull_request_target` +
        `${reportPr === undefined ? '' : ', or workflow_run with comment-from'}); no comment is written.`
    }
  }
  if (!owner || !repo)
    return { skip: 'comment: GITHUB_REPOSITORY is not set; no comment is written.' }
  let number = posting ? reportPr : undefined
  if (number === undefined) {
    const file = env.GITHUB_EVENT_PATH
    const payload = file
      ? (JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as EventPayload)
      : {}
    number = payload.pull_request?.number ?? payload.number
  }
  if (!Number.isInteger(number) || number! <= 0) {
    return {
      skip: `comment: the ${event} event payload (GITHUB_EVENT_PATH) names no pull request number; no comment is written.`
    }
  }
  return { target: { owner, repo, number: number! } }
}

/** The pull request number of this run's event, recorded in the report for a later comment-from. */
export async function eventPullRequest(env: Env): Promise<number | undefined> {
  if (!PR_EVENTS.includes(env.GITHUB_EVENT_NAME ?? '')) return undefined
  const t = await commentTarget(env)
  return 'target' in t ? t.target.number : undefined
}

/** The error for a missing token: names the input and the permission. */
export function missingTokenError(): InputError {
  return new InputError(
    'github-token: empty, so the pull request comment cannot be written. Pass github-token: ${{ github.token }} ' +
      '(the default) or another token, and give the job permissions: pull-requests: write.'
  )
}

export interface Posted {
  action: 'created' | 'updated'
  id: number
  url: string
}

/**
 * Updates this image's comment (the first whose body holds the marker) or creates it. The list is read page by
 * page to the end: a busy pull request has more than the 100 comments one page holds.
 */
export async function upsertComment(
  octokit: ReturnType<typeof getOctokit>,
  target: CommentTarget,
  marker: string,
  body: string
): Promise<Posted> {
  const { owner, repo, number } = target
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: number,
    per_page: 100
  })
  const mine = comments.find(c => c.body?.includes(marker))
  if (mine) {
    const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body })
    return { action: 'updated', id: res.data.id, url: res.data.html_url }
  }
  const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body })
  return { action: 'created', id: res.data.id, url: res.data.html_url }
}

/**
 * Writes the comment on the run's pull request. Not a pull request: a notice, nothing else. A refused write
 * (403: a fork's read-only token, or missing permissions) or any other API failure is a warning, never a
 * failure: the job summary has the same report. The token goes to Octokit only, never into a log line.
 */
export async function postComment(o: {
  token: string
  env: Env
  marker: string
  body: string
  logger: Logger
  /** The pull request a report built elsewhere recorded (comment-from). */
  reportPr?: number
}): Promise<Posted | undefined> {
  const where = await commentTarget(o.env, o.reportPr)
  if ('skip' in where) {
    o.logger.info(where.skip)
    return undefined
  }
  if (!o.token) throw missingTokenError()
  o.logger.mask(o.token)
  const { owner, repo, number } = where.target
  // GitHub Enterprise Server serves the API elsewhere; the runner says where.
  const baseUrl = (o.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  // Bounded, and loaded on use: see githubOctokit.
  const octokit = await githubOctokit(o.token, { baseUrl })
  try {
    const posted = await upsertComment(octokit, where.target, o.marker, o.body)
    o.logger.info(`comment: ${posted.action} ${posted.url} on ${owner}/${repo}#${number}`)
    return posted
  } catch (e) {
    const status = (e as { status?: number }).status
    const why =
      status === 403
        ? 'GitHub refused the write (403). A pull request from a fork gets a read-only token: use the fork-safe ' +
          'pattern (write the report, post it from a workflow_run job with comment-from), or give the job ' +
          'permissions: pull-requests: write.'
        : `${status ? `HTTP ${status}: ` : ''}${(e as Error).message}`
    o.logger.warning(
      `comment: not written on ${owner}/${repo}#${number}. ${why} The job summary has the same report.`
    )
    return undefined
  }
}
