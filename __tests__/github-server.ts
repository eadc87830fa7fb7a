// A local stand-in for GitHub's REST API issue-comment endpoints, on 127.0.0.1, for the real Octokit client to talk to.
//
// It answers as GitHub documents (docs.github.com/rest/issues/comments):
// - "List issue comments": GET /repos/{owner}/{repo}/issues/{issue_number}/comments, `per_page` at most 100
//   (default 30), `page` from 1, oldest first, and a `Link` header with rel="next"/"last" (and "prev"/"first")
//   URLs while more pages exist ("Using pagination in the REST API").
// - "Create an issue comment": POST .../issues/{issue_number}/comments with {"body"}, 201 and the comment.
// - "Update an issue comment": PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} with {"body"}, 200.
// - A token without write access (a pull request from a fork): writes answer 403 with
//   {"message":"Resource not accessible by integration"}, reads still succeed.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Comment {
  id: number
  body: string
  html_url: string
  user: { login: string }
}

export interface Request {
  method: string
  url: string
  authorization?: string
}

export interface GitHubServer {
  url: string
  /** Comments by issue number, oldest first. */
  comments: Map<number, Comment[]>
  requests: Request[]
  /** Writes answer 403, as for a read-only token. */
  readOnly: boolean
  close(): Promise<void>
}

/** Starts the server; `owner/repo` is the only repository it knows, and `issues` are prefilled with comments. */
export async function startGitHubServer(
  repository: string,
  issues: Record<number, number> = {}
): Promise<GitHubServer> {
  let nextId = 1000
  const comments = new Map<number, Comment[]>()
  const state: GitHubServer = {
    url: '',
    comments,
    requests: [],
    readOnly: false,
    close: () => new Promise(r => server.close(() => r()))
  }
  const make = (issue: number, body: string, login: string): Comment => {
    const id = nextId++
    return {
      id,
      body,
      html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${id}`,
      user: { login }
    }
  }
  for (const [issue, n] of Object.entries(issues)) {
    comments.set(
      Number(issue),
      Array.from({ length: n }, (_, i) => make(Number(issue), `review remark ${i + 1}`, 'reviewer'))
    )
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
      const prefix = `/repos/${repository}/issues/`
      if (!u.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' })
      const rest = u.pathname.slice(prefix.length)
      const list = /^(\d+)\/comments$/.exec(rest)
      const one = /^comments\/(\d+)$/.exec(rest)
      const denied = (): void =>
        send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments',
          status: '403'
        })
      if (list && req.method === 'GET') {
        const all = comments.get(Number(list[1])) ?? []
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
        return send(
          200,
          all.slice((page - 1) * perPage, page * perPage),
          links.length ? { link: links.join(', ') } : {}
        )
      }
      if (list && req.method === 'POST') {
        if (state.readOnly) return denied()
        const issue = Number(list[1])
        const c = make(issue, (JSON.parse(raw) as { body: string }).body, 'github-actions[bot]')
        comments.set(issue, [...(comments.get(issue) ?? []), c])
        return send(201, c)
      }
      if (one && req.method === 'PATCH') {
        if (state.readOnly) return denied()
        const c = [...comments.values()].flat().find(x => x.id === Number(one[1]))
        if (!c) return send(404, { message: 'Not Found' })
        c.body = (JSON.parse(raw) as { body: string }).body
        return send(200, c)
      }
      send(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}
