// A local stand-in for GitHub's REST API issue-comment, pull request and user endpoints, on 127.0.0.1, for the real
// Octokit client to talk to.
//
// It answers as GitHub documents (docs.github.com/rest/issues/comments, /rest/pulls/pulls, /rest/users/users):
// - "List issue comments": GET /repos/{owner}/{repo}/issues/{issue_number}/comments, `per_page` at most 100
//   (default 30), `page` from 1, in ascending id order (oldest first), and a `Link` header with rel="next"/"last"
//   (and "prev"/"first") URLs while more pages exist ("Using pagination in the REST API"). A comment is listed by
//   every request after the one that created it; ids grow with creation; created_at has whole seconds, so two
//   comments of one second are told apart by id only.
// - "Create an issue comment": POST .../issues/{issue_number}/comments with {"body"}, 201 and the comment, whose
//   `user` is the token's account: github-actions[bot] (type Bot) for an installation token (`ghs_` prefix, as
//   github.token), else the personal token's user.
// - "Update an issue comment": PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} with {"body"}, 200.
// - "Delete an issue comment": DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}, 204 with no body.
// - An unknown comment or pull request: 404 {"message":"Not Found"}.
// - "Get a pull request": GET /repos/{owner}/{repo}/pulls/{pull_number}, 200 with number, state, and head/base
//   (ref, sha, repo).
// - "Get the authenticated user": GET /user, 200 with the account for a personal token; an installation token
//   is refused with 403 "Resource not accessible by integration".
// - A token without write access (a pull request from a fork): writes answer 403 with
//   {"message":"Resource not accessible by integration"}, reads still succeed.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface User {
  login: string
  id: number
  type: 'Bot' | 'User'
}

export interface Comment {
  id: number
  body: string
  html_url: string
  user: User
  created_at: string
  updated_at: string
}

/** The account github.token (an installation token) writes as. */
export const ACTIONS_BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
/** The account of any other token (a personal access token). */
export const TOKEN_USER: User = { login: 'octo-maintainer', id: 7001, type: 'User' }
export const REVIEWER: User = { login: 'reviewer', id: 7002, type: 'User' }

export interface Request {
  method: string
  url: string
  authorization?: string
}

export interface GitHubServer {
  url: string
  /** Comments by issue number, oldest first. */
  comments: Map<number, Comment[]>
  /** Pull requests by number: the commit their head is at. */
  pulls: Map<number, { headSha: string }>
  requests: Request[]
  /** Writes answer 403, as for a read-only token. */
  readOnly: boolean
  /**
   * Holds the next `n` first-page comment lists until all `n` have arrived, then answers them together: two runs
   * that list at once, the interleaving that makes both create a comment.
   */
  holdLists(n: number): void
  /** Adds a comment as `user` would write it. */
  addComment(issue: number, body: string, user: User): Comment
  close(): Promise<void>
}

/** Starts the server; `owner/repo` is the only repository it knows, and `issues` are prefilled with comments. */
export async function startGitHubServer(
  repository: string,
  issues: Record<number, number> = {}
): Promise<GitHubServer> {
  let nextId = 1000
  const comments = new Map<number, Comment[]>()
  let held: { n: number; waiting: (() => void)[] } | undefined
  const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const make = (issue: number, body: string, user: User): Comment => {
    const id = nextId++
    return {
      id,
      body,
      html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${id}`,
      user,
      created_at: now(),
      updated_at: now()
    }
  }
  const state: GitHubServer = {
    url: '',
    comments,
    pulls: new Map(),
    requests: [],
    readOnly: false,
    holdLists: n => void (held = { n, waiting: [] }),
    addComment: (issue, body, user) => {
      const c = make(issue, body, user)
      comments.set(issue, [...(comments.get(issue) ?? []), c])
      return c
    },
    close: () => new Promise(r => server.close(() => r()))
  }
  for (const [issue, n] of Object.entries(issues)) {
    for (let i = 0; i < n; i++) state.addComment(Number(issue), `review remark ${i + 1}`, REVIEWER)
  }

  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      state.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization
      })
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        res.end(JSON.stringify(body))
      }
      const u = new URL(req.url ?? '/', state.url)
      const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
      const installation = token.startsWith('ghs_')
      const denied = (doc = 'issues/comments'): void =>
        send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: `https://docs.github.com/rest/${doc}`,
          status: '403'
        })
      if (u.pathname === '/user' && req.method === 'GET') {
        return installation
          ? denied('users/users#get-the-authenticated-user')
          : send(200, TOKEN_USER)
      }
      const pull = new RegExp(`^/repos/${repository}/pulls/(\\d+)$`).exec(u.pathname)
      if (pull && req.method === 'GET') {
        const number = Number(pull[1])
        const pr = state.pulls.get(number)
        if (!pr) return send(404, { message: 'Not Found' })
        const repo = { full_name: repository }
        return send(200, {
          number,
          state: 'open',
          head: { ref: `feature-${number}`, sha: pr.headSha, repo },
          base: { ref: 'main', sha: '0'.repeat(40), repo }
        })
      }
      const prefix = `/repos/${repository}/issues/`
      if (!u.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' })
      const rest = u.pathname.slice(prefix.length)
      const list = /^(\d+)\/comments$/.exec(rest)
      const one = /^comments\/(\d+)$/.exec(rest)
      const firstPage = (u.searchParams.get('page') ?? '1') === '1'
      if (list && req.method === 'GET' && held && firstPage) {
        const h = held
        h.waiting.push(() => answerList(list[1]!, u, send))
        if (h.waiting.length < h.n) return
        held = undefined
        return h.waiting.forEach(answer => answer())
      }
      if (list && req.method === 'GET') return answerList(list[1]!, u, send)
      if (list && req.method === 'POST') {
        if (state.readOnly) return denied()
        const body = (JSON.parse(raw) as { body: string }).body
        return send(
          201,
          state.addComment(Number(list[1]), body, installation ? ACTIONS_BOT : TOKEN_USER)
        )
      }
      const found = one && [...comments.values()].flat().find(x => x.id === Number(one[1]))
      if (one && req.method === 'PATCH') {
        if (state.readOnly) return denied()
        if (!found) return send(404, { message: 'Not Found' })
        found.body = (JSON.parse(raw) as { body: string }).body
        found.updated_at = now()
        return send(200, found)
      }
      if (one && req.method === 'DELETE') {
        if (state.readOnly) return denied()
        if (!found) return send(404, { message: 'Not Found' })
        for (const [issue, list] of comments)
          comments.set(
            issue,
            list.filter(c => c !== found)
          )
        res.writeHead(204)
        return res.end()
      }
      send(404, { message: 'Not Found' })
    })
  })

  type Send = (status: number, body: unknown, headers?: Record<string, string>) => void
  function answerList(issue: string, u: URL, send: Send): void {
    const all = comments.get(Number(issue)) ?? []
    const perPage = Math.min(100, Number(u.searchParams.get('per_page') ?? 30))
    const page = Number(u.searchParams.get('page') ?? 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = (p: number, rel: string): string => {
      const l = new URL(u)
      l.searchParams.set('per_page', String(perPage))
      l.searchParams.set('page', String(p))
      return `<${l.toString()}>; rel="${rel}"`
    }
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : [])
    ]
    send(
      200,
      all.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {}
    )
  }

  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}
