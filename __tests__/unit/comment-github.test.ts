// The sticky comment through the real Octokit client (@actions/github) against a local server that answers as
// GitHub's REST API documents its issue-comment, pull request and user endpoints (see __tests__/github-server.ts).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { postComment } from '../../src/comment/github.js'
import { parseComment } from '../../src/config.js'
import { commentOnReport } from '../../src/comment/post.js'
import { readGitHubContext } from '../../src/github-context.js'
import { commentMarker } from '../../src/comment/escape.js'
import { leveledLogger } from './helpers.js'
import {
  ACTIONS_BOT,
  REVIEWER,
  startGitHubServer,
  TOKEN_USER,
  type Comment,
  type GitHubServer
} from '../github-server.js'
import { BASELINE, compared, report, BASE_MODULES, BASE_PACKAGES } from '../report-samples.js'

const TOKEN = 'ghs_notARealTokenButSecret0123456789'
const PAT = 'github_pat_notARealTokenEither0123456789'
const PR = 7
const MARKER = commentMarker(BASELINE.image)

let server: GitHubServer
let dir: string
let env: Record<string, string>
let logger: ReturnType<typeof leveledLogger>
let lines: { level: string; text: string }[]

beforeEach(async () => {
  // A busy pull request: 105 comments already, so this image's comment lands on the second page.
  server = await startGitHubServer('acme/app', { [PR]: 105, 8: 3 })
  dir = await mkdtemp(path.join(os.tmpdir(), 'gsi-comment-'))
  const event = path.join(dir, 'event.json')
  await writeFile(
    event,
    JSON.stringify({ action: 'synchronize', number: PR, pull_request: { number: PR } })
  )
  env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: server.url
  }
  logger = leveledLogger()
  lines = logger.lines
})

afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const mine = (issue: number): Comment[] =>
  (server.comments.get(issue) ?? []).filter(c => c.body.startsWith(MARKER))
const sample = (binary: number): ReturnType<typeof compared> =>
  compared(report(binary, 6_400_000, BASE_PACKAGES, BASE_MODULES))
const route = (r: { method: string; url: string }): string => {
  const u = new URL(r.url, server.url)
  const page = u.searchParams.get('page')
  return `${r.method} ${u.pathname.replace(/^\/repos\/acme\/app/, '')}${page ? ` page ${page}` : ''}`
}

describe('the sticky comment', () => {
  it('two runs give one comment: created, then found on page 2 of the list and updated in place', async () => {
    const start = server.requests.length
    const first = await commentOnReport(sample(2_700_000), {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    expect(first).toMatchObject({ action: 'created', folded: 0 })
    // No comment carried the marker yet: the created comment says who we are, and GET /user is never asked.
    expect(server.requests.slice(start).map(route)).not.toContain('GET /user')
    const before = server.requests.length
    const second = await commentOnReport(sample(2_710_000), {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    expect(second).toMatchObject({ action: 'updated', id: first!.id, folded: 0 })
    expect(server.comments.get(PR)).toHaveLength(106)
    expect(mine(PR)).toHaveLength(1)
    expect(mine(PR)[0]!.body).toContain('+60,000 B') // the second run's delta: 2,710,000 - 2,650,000
    // The list is read to its end (Link: rel="next"); a comment carries the marker, so who we are is asked: github.token
    // is an installation token, GET /user is refused (403), so ours are the bot's comments. Then the comment is
    // patched, and the list read again to fold duplicates.
    const list = ['GET /issues/7/comments', 'GET /issues/7/comments page 2']
    expect(server.requests.slice(before).map(route)).toEqual([
      ...list,
      'GET /user',
      `PATCH /issues/comments/${first!.id}`,
      ...list
    ])
    expect(server.requests[before]!.url).toContain('per_page=100')
    expect(server.requests.every(r => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(lines.map(l => l.text).join('\n')).not.toContain(TOKEN)
  })

  it('two images in one pull request give two comments', async () => {
    const other = { ...sample(2_700_000), image: '127.0.0.1:5000/acme/worker' }
    for (let i = 0; i < 2; i++) {
      await commentOnReport(sample(2_700_000), {
        token: TOKEN,
        github: await readGitHubContext(env),
        logger
      })
      await commentOnReport(other, { token: TOKEN, github: await readGitHubContext(env), logger })
    }
    expect(server.comments.get(PR)).toHaveLength(107)
    expect(mine(PR)).toHaveLength(1)
    const worker = commentMarker('127.0.0.1:5000/acme/worker')
    expect(server.comments.get(PR)!.filter(c => c.body.startsWith(worker))).toHaveLength(1)
  })

  it('two size checks at once on one pull request, 20 rounds: exactly one comment remains each time', async () => {
    for (let round = 0; round < 20; round++) {
      const issue = 100 + round
      await writeFile(env.GITHUB_EVENT_PATH!, JSON.stringify({ number: issue }))
      // Both runs list before either creates: the interleaving that left two comments before the fold.
      server.holdLists(2)
      const [a, b] = await Promise.all([
        commentOnReport(sample(2_700_000), {
          token: TOKEN,
          github: await readGitHubContext(env),
          logger
        }),
        commentOnReport(sample(2_800_000), {
          token: TOKEN,
          github: await readGitHubContext(env),
          logger
        })
      ])
      const left = mine(issue)
      expect(left).toHaveLength(1)
      // The oldest is kept: both runs created one, and the first id survives, holding one of the two bodies.
      expect(left[0]!.id).toBe(Math.min(a!.id, b!.id))
      expect(a!.id).toBe(b!.id)
      expect(left[0]!.body).toMatch(/\+(50,000|150,000) B/)
    }
    const deletes = server.requests.filter(r => r.method === 'DELETE')
    expect(deletes.length).toBeGreaterThanOrEqual(20)
    expect(lines.filter(l => l.level === 'warning')).toEqual([])
  })

  it('an update folds duplicates too: the oldest is kept with this run’s body, the others deleted', async () => {
    const old = server.addComment(PR, `${MARKER}\nan old body`, ACTIONS_BOT)
    server.addComment(PR, `${MARKER}\na duplicate`, ACTIONS_BOT)
    server.addComment(PR, `${MARKER}\nanother duplicate`, ACTIONS_BOT)
    const posted = await commentOnReport(sample(2_700_000), {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    expect(posted).toMatchObject({ action: 'updated', id: old.id, folded: 2 })
    expect(mine(PR).map(c => c.id)).toEqual([old.id])
    expect(mine(PR)[0]!.body).toContain('+50,000 B')
    expect(lines.map(l => l.text)).toContainEqual(
      expect.stringContaining('removed 2 duplicates a concurrent run wrote')
    )
  })

  it("a person's comment that quotes the marker is never updated or deleted", async () => {
    const quote = `${MARKER}\nI copied the bot's comment to discuss it`
    const human = server.addComment(PR, quote, REVIEWER)
    const first = await commentOnReport(sample(2_700_000), {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    await commentOnReport(sample(2_710_000), {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    expect(first!.id).not.toBe(human.id)
    expect(server.comments.get(PR)!.find(c => c.id === human.id)!.body).toBe(quote)
    expect(mine(PR).map(c => c.user.login)).toEqual(['reviewer', 'github-actions[bot]'])
  })

  it('a personal access token: GET /user names the account, whose comment is found and updated', async () => {
    const first = await commentOnReport(sample(2_700_000), {
      token: PAT,
      github: await readGitHubContext(env),
      logger
    })
    const second = await commentOnReport(sample(2_710_000), {
      token: PAT,
      github: await readGitHubContext(env),
      logger
    })
    expect(second).toMatchObject({ action: 'updated', id: first!.id, folded: 0 })
    expect(mine(PR).map(c => c.user)).toEqual([TOKEN_USER])
    expect(server.requests.filter(r => r.method === 'POST')).toHaveLength(1)
  })

  it("a 403 (a fork's read-only token) is a warning, not a failure", async () => {
    server.readOnly = true
    const posted = await commentOnReport(BASELINE, {
      token: TOKEN,
      github: await readGitHubContext(env),
      logger
    })
    expect(posted).toBeUndefined()
    const warnings = lines.filter(l => l.level === 'warning').map(l => l.text)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('GitHub refused the write (403)')
    expect(warnings[0]).toContain('comment-from')
    expect(warnings[0]).toContain('pull-requests: write')
    expect(warnings[0]).not.toContain(TOKEN)
    expect(server.requests.some(r => r.method === 'POST')).toBe(true)
    expect(server.comments.get(PR)).toHaveLength(105)
  })

  it('outside a pull request: a notice, and no request at all', async () => {
    const posted = await postComment({
      token: TOKEN,
      github: await readGitHubContext({ ...env, GITHUB_EVENT_NAME: 'push' }),
      marker: 'm',
      body: 'b',
      logger
    })
    expect(posted).toBeUndefined()
    expect(lines.map(l => l.text)).toEqual([
      expect.stringContaining('this run is a push event, not a pull request')
    ])
    expect(server.requests).toHaveLength(0)
  })

  it('a missing token is an error naming github-token and the permission', async () => {
    await expect(
      postComment({
        token: '',
        github: await readGitHubContext(env),
        marker: 'm',
        body: 'b',
        logger
      })
    ).rejects.toThrow(/github-token: empty.*permissions: pull-requests: write/)
  })
})

describe('parseComment (inputs comment, comment-from, github-token)', () => {
  const get =
    (inputs: Record<string, string>) =>
    (name: string): string =>
      inputs[name] ?? ''
  it('fails before anything is built when a pull request run has no token, naming the input and the permission', () => {
    expect(() =>
      parseComment(get({ comment: 'true' }), { GITHUB_EVENT_NAME: 'pull_request' }, '/w')
    ).toThrow(/github-token: empty.*permissions: pull-requests: write/)
  })
  it('needs no token off pull request events (comment is a notice there), and resolves comment-from', () => {
    expect(parseComment(get({ comment: 'true' }), { GITHUB_EVENT_NAME: 'push' }, '/w')).toEqual({
      comment: true,
      commentFrom: ''
    })
    expect(
      parseComment(get({ 'comment-from': 'r/report.json', 'github-token': 't' }), {}, '/w')
    ).toEqual({ comment: false, commentFrom: '/w/r/report.json' })
    expect(() => parseComment(get({ comment: 'yes' }), {}, '/w')).toThrow(
      "comment: 'yes' is not a boolean. Use true or false."
    )
  })
})
