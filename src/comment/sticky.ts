// Keeps exactly one comment per marker on a pull request, even when two runs write at once: write, read back, fold.
import type { getOctokit } from '@actions/github'
import type { CommentTarget } from './event.js'

export type Octokit = ReturnType<typeof getOctokit>

export interface Posted {
  action: 'created' | 'updated'
  id: number
  url: string
  /** Comments of the same marker that this run folded into the kept one (deleted). */
  folded: number
}

/**
 * Who writes the comments: the account of a personal access token, or undefined for an app installation token
 * (github.token), whose comments show as a bot (github-actions[bot]).
 */
export type Author = { id: number } | undefined

interface Listed {
  id: number
  body?: string
  html_url: string
  created_at: string
  user: { id: number; type?: string } | null
}

/**
 * GET /user names a token's account; an installation token is refused it (403, "Resource not accessible by
 * integration"), which means our comments are a bot's. Any failure counts as that: a personal token's first
 * comment then tells who we are, and the fold below repairs the one extra comment this can cost.
 */
export async function whoAmI(octokit: Octokit): Promise<Author> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return { id: data.id }
  } catch {
    return undefined
  }
}

/**
 * Ours: it starts with the marker and we wrote it. A person's comment that quotes the marker is never updated
 * or deleted; nor is another account's.
 */
function ours(c: Listed, marker: string, me: Author): boolean {
  if (!c.body?.startsWith(marker)) return false
  return me ? c.user?.id === me.id : c.user?.type === 'Bot'
}

/** Oldest first: by creation time, then id (GitHub's ids grow with creation). */
const byAge = (a: Listed, b: Listed): number =>
  Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id

/**
 * Every comment of ours with this marker, oldest first. The list is read to its last page (100 a page). Who we
 * are is asked only when some comment carries the marker: a first run costs no GET /user, and a GitHub API that
 * does not answer spends the comment's budget on the request that matters.
 */
async function listOurs(
  octokit: Octokit,
  { owner, repo, number }: CommentTarget,
  marker: string,
  me: () => Promise<Author>
): Promise<Listed[]> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: number,
    per_page: 100
  })
  const marked = (all as Listed[]).filter(c => c.body?.startsWith(marker))
  if (!marked.length) return []
  const author = await me()
  return marked.filter(c => ours(c, marker, author)).sort(byAge)
}

const status = (e: unknown): number | undefined => (e as { status?: number }).status

/**
 * Updates this marker's comment or creates it, then folds duplicates. Two runs that list at once both find
 * nothing and both create; so after its write each run lists again, keeps the oldest of ours, writes this run's
 * body into it and deletes the others. Every run agrees on which is oldest, so whatever the interleaving, the
 * last run to create sees every comment left and leaves one. Deleting our own comment needs no permission
 * beyond writing it (pull-requests: write).
 */
export async function upsertComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  body: string,
  identify: () => Promise<Author>
): Promise<Posted> {
  const { owner, repo, number } = target
  let me: Promise<Author> | undefined
  const who = (): Promise<Author> => (me ??= identify())
  const found = await listOurs(octokit, target, marker, who)
  let written: { id: number; html_url: string; user?: Listed['user'] } | undefined
  let action: Posted['action'] = 'updated'
  if (found[0]) {
    written = await octokit.rest.issues
      .updateComment({ owner, repo, comment_id: found[0].id, body })
      .then(r => r.data)
      // Deleted meanwhile (another run folded it, or a person): create one instead.
      .catch((e: unknown) => (status(e) === 404 ? undefined : Promise.reject(e)))
  }
  if (!written) {
    action = 'created'
    written = (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }))
      .data
    // Our own comment says who we are, for certain: the fold then looks at our comments only.
    if (written.user) me = Promise.resolve({ id: written.user.id })
  }
  const mine = await listOurs(octokit, target, marker, who)
  const keep = mine[0]
  if (!keep) return { action, id: written.id, url: written.html_url, folded: 0 }
  if (keep.id !== written.id) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body })
  }
  for (const extra of mine.slice(1)) {
    await octokit.rest.issues
      .deleteComment({ owner, repo, comment_id: extra.id })
      // Another run folding at the same time deleted it first.
      .catch((e: unknown) => (status(e) === 404 ? undefined : Promise.reject(e)))
  }
  const kept = keep.id === written.id ? action : 'updated'
  return { action: kept, id: keep.id, url: keep.html_url, folded: mine.length - 1 }
}
