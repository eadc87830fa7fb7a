// What the GitHub context says about this run, read once at the edge: the event and its payload, the ref being
// built (tag, pull request or branch), the commit, the repository and the run's URL.
import { readFile } from 'node:fs/promises'

export interface GitRef {
  /** The tag name as pushed, e.g. v1.2.3. */
  tag?: string
  /** The pull request number. */
  pr?: string
  branch?: string
}

/** The event payload the runner wrote (GITHUB_EVENT_PATH), unvalidated: each reader checks the part it reads. */
export interface EventFile {
  path?: string
  payload?: unknown
  /** Why the file could not be read as JSON: its error code, or the parser's message. */
  error?: string
}

export interface GitHubContext {
  /** GITHUB_EVENT_NAME; empty outside a workflow. */
  eventName: string
  event: EventFile
  /** GITHUB_REF as the runner set it, and what it names. */
  ref: string
  git: GitRef
  /** GITHUB_SHA as set (a commit id, or anything a caller put there). */
  sha: string
  /** owner/repo (GITHUB_REPOSITORY). */
  repository: string
  /** GITHUB_SERVER_URL as set; empty outside a runner. */
  serverUrl: string
  /** The same without a trailing slash, else https://github.com: where repositories and runs are shown. */
  webUrl: string
  /** GITHUB_API_URL (GitHub Enterprise Server serves the API elsewhere), else https://api.github.com. */
  apiUrl: string
  /** This run's page, when the runner names the server, the repository and the run. */
  runUrl?: string
  /** The prefix of this repository's run pages (…/actions/runs/): the only run links a comment shows. */
  runsUrl?: string
}

type Env = Record<string, string | undefined>

/** What GITHUB_REF names: refs/tags/X, refs/pull/N/…, or refs/heads/X. */
export function gitRef(ref: string): GitRef {
  const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1]
  const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1]
  const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1]
  return { ...(tag ? { tag } : {}), ...(pr ? { pr } : {}), ...(branch ? { branch } : {}) }
}

/** The payload as JSON, or why it is not there; never an exception (a payload is optional outside a runner). */
async function readEvent(file: string | undefined): Promise<EventFile> {
  if (!file) return {}
  try {
    return { path: file, payload: JSON.parse(await readFile(file, 'utf8')) as unknown }
  } catch (e) {
    return { path: file, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message }
  }
}

/** The context without the payload: what the runner's variables say. */
export function contextOf(env: Env, event: EventFile = {}): GitHubContext {
  const ref = env.GITHUB_REF ?? ''
  const repository = env.GITHUB_REPOSITORY ?? ''
  const serverUrl = env.GITHUB_SERVER_URL ?? ''
  const webUrl = (serverUrl || 'https://github.com').replace(/\/+$/, '')
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    ref,
    git: gitRef(ref),
    sha: env.GITHUB_SHA ?? '',
    repository,
    serverUrl,
    webUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    ...(serverUrl && repository && env.GITHUB_RUN_ID
      ? { runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` }
      : {}),
    ...(repository ? { runsUrl: `${webUrl}/${repository}/actions/runs/` } : {})
  }
}

/** The context of this run, with the event payload read once. */
export async function readGitHubContext(env: Env): Promise<GitHubContext> {
  return contextOf(env, await readEvent(env.GITHUB_EVENT_PATH))
}
