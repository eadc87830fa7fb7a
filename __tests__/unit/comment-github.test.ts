// The sticky comment through the real Octokit client (@actions/github) against a local server that answers as
// GitHub's REST API documents its issue-comment endpoints (see __tests__/github-server.ts for which behaviour).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { postComment } from '../../src/comment/github.js'
import { parseComment } from '../../src/config.js'
import { commentFrom, commentOnReport } from '../../src/comment/post.js'
import { commentMarker } from '../../src/comment/render.js'
import type { Logger } from '../../src/ports.js'
import { startGitHubServer, type GitHubServer } from '../github-server.js'
import { BASELINE, compared, report, BASE_MODULES, BASE_PACKAGES } from '../report-samples.js'

const TOKEN = 'ghs_notARealTokenButSecret0123456789'
const PR = 7

let server: GitHubServer
let dir: string
let env: Record<string, string>
let lines: { level: string; text: string }[]
const logger: Logger = {
  info: m => void lines.push({ level: 'info', text: m }),
  warning: m => void lines.push({ level: 'warning', text: m }),
  debug: m => void lines.push({ level: 'debug', text: m }),
  group: (_n, fn) => fn(),
  mask: () => undefined
}

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
  lines = []
})

afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const mine = (issue: number, image: string): { id: number; body: string }[] =>
  (server.comments.get(issue) ?? []).filter(c => c.body.includes(commentMarker(image)))

describe('the sticky comment', () => {
  it('two runs give one comment: created, then found on page 2 of the list and updated in place', async () => {
    const first = await commentOnReport(
      compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)),
      {
        token: TOKEN,
        env,
        logger
      }
    )
    expect(first?.action).toBe('created')
    const second = await commentOnReport(
      compared(report(2_710_000, 6_410_000, BASE_PACKAGES, BASE_MODULES)),
      {
        token: TOKEN,
        env,
        logger
      }
    )
    expect(second).toMatchObject({ action: 'updated', id: first!.id })
    expect(server.comments.get(PR)).toHaveLength(106)
    const [c] = mine(PR, BASELINE.image)
    expect(mine(PR, BASELINE.image)).toHaveLength(1)
    expect(c!.body).toContain('+60,000 B') // the second run's delta: 2,710,000 - 2,650,000
    // The second run read both pages by following Link: rel="next", then patched the comment it found.
    const second_ = server.requests.slice(server.requests.findIndex(r => r.method === 'POST') + 1)
    expect(
      second_.map(r => `${r.method} ${new URL(r.url, server.url).searchParams.get('page') ?? ''}`)
    ).toEqual(['GET ', 'GET 2', 'PATCH '])
    expect(second_[0]!.url).toContain('per_page=100')
    expect(second_[2]!.url).toBe(`/repos/acme/app/issues/comments/${first!.id}`)
    expect(server.requests.every(r => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(lines.map(l => l.text).join('\n')).not.toContain(TOKEN)
  })

  it('two images in one pull request give two comments', async () => {
    const other = {
      ...compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)),
      image: '127.0.0.1:5000/acme/worker'
    }
    for (let i = 0; i < 2; i++) {
      await commentOnReport(compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)), {
        token: TOKEN,
        env,
        logger
      })
      await commentOnReport(other, { token: TOKEN, env, logger })
    }
    expect(server.comments.get(PR)).toHaveLength(107)
    expect(mine(PR, '127.0.0.1:5000/acme/app')).toHaveLength(1)
    expect(mine(PR, '127.0.0.1:5000/acme/worker')).toHaveLength(1)
  })

  it("a 403 (a fork's read-only token) is a warning, not a failure", async () => {
    server.readOnly = true
    const posted = await commentOnReport(BASELINE, { token: TOKEN, env, logger })
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

  it('comment-from posts a report file built elsewhere on the pull request it names (workflow_run)', async () => {
    const file = path.join(dir, 'report.json')
    await writeFile(
      file,
      JSON.stringify({
        ...compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)),
        pullRequest: 8
      })
    )
    // The workflow_run payload of a fork's run lists no pull request: the report's own record is used.
    await writeFile(env.GITHUB_EVENT_PATH!, JSON.stringify({ workflow_run: { pull_requests: [] } }))
    const posted = await commentFrom(file, {
      token: TOKEN,
      env: { ...env, GITHUB_EVENT_NAME: 'workflow_run' },
      logger
    })
    expect(posted?.action).toBe('created')
    expect(mine(8, BASELINE.image)).toHaveLength(1)
    expect(mine(8, BASELINE.image)[0]!.body).toContain(
      '[the run](https://github.com/acme/app/actions/runs/42)'
    )
    expect(mine(PR, BASELINE.image)).toHaveLength(0)
  })

  it('comment-from refuses a file that is not a report, naming the input', async () => {
    const file = path.join(dir, 'x.json')
    await writeFile(file, '{"hello":1}')
    await expect(commentFrom(file, { token: TOKEN, env, logger })).rejects.toThrow(
      /^comment-from: .*x\.json is not a go-scratch-image report/
    )
  })

  it('outside a pull request: a notice, and no request at all', async () => {
    const posted = await postComment({
      token: TOKEN,
      env: { ...env, GITHUB_EVENT_NAME: 'push' },
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
    await expect(postComment({ token: '', env, marker: 'm', body: 'b', logger })).rejects.toThrow(
      /github-token: empty.*permissions: pull-requests: write/
    )
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
