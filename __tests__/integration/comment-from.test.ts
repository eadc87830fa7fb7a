// comment-from through the bundled action (dist/index.js, as the runner starts it), against a local stand-in of
// GitHub's REST API (__tests__/github-server.ts: pulls, comment list/create/update/delete, users): malformed
// reports fail with one clear line and no stack trace, a report naming another pull request posts nothing, and a
// hostile image name cannot break the marker. Nothing is built: comment-from only posts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startGitHubServer, type GitHubServer } from '../github-server.js'
import { BASE_MODULES, BASE_PACKAGES, compared, report } from '../report-samples.js'
import { runAction, tempDir, type Run } from './harness.js'

const TOKEN = 'ghs_integrationTokenNeverLogged0123456789'
const BUILT = 'c'.repeat(40)
const MARKER = '<!-- go-scratch-image: ghcr.io/acme/app -->'

let github: GitHubServer

const good = (): ReturnType<typeof compared> => ({
  ...compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)),
  pullRequest: 7
})

/** The posting job of the fork-safe pattern: a workflow_run at BUILT, the report downloaded as report.json. */
async function postReport(doc: object | string, inputs: Record<string, string> = {}): Promise<Run> {
  const workdir = await tempDir('gsi-comment-from-')
  const event = path.join(workdir, 'event.json')
  await writeFile(event, JSON.stringify({ workflow_run: { head_sha: BUILT, pull_requests: [] } }))
  await writeFile(
    path.join(workdir, 'report.json'),
    typeof doc === 'string' ? doc : JSON.stringify(doc)
  )
  return runAction(
    { 'comment-from': 'report.json', 'github-token': TOKEN, ...inputs },
    {
      workdir,
      env: {
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_API_URL: github.url,
        GITHUB_SERVER_URL: 'https://github.com'
      }
    }
  )
}

const writes = (): string[] =>
  github.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.url}`)

beforeAll(async () => {
  github = await startGitHubServer('acme/app', { 7: 1, 9: 1 })
  github.pulls.set(7, { headSha: BUILT })
  github.pulls.set(9, { headSha: 'd'.repeat(40) })
})

afterAll(async () => {
  await github.close()
})

describe('comment-from through the action', () => {
  const base = good()
  it.each([
    [
      '10 MB of text',
      'x'.repeat(10 * 1024 * 1024),
      /is 10485760 bytes, more than the 4194304 a size report can be/
    ],
    [
      'an empty comparison',
      { ...base, comparison: {} },
      /: comparison\.baseline is missing; comparison\.platforms is missing; comparison\.packages is missing\./
    ],
    ['a string budget', { ...base, budget: 'x' }, /: budget is the string "x", not an object\./],
    [
      'deep nesting',
      `{"mediaType":"${base.mediaType}","schemaVersion":1,"platforms":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      /: image is missing; digest is missing; goVersion is missing \(and 1 more\)\./
    ]
  ])(
    '%s: one error line naming comment-from, the file and the field, and no stack trace',
    async (_, doc, message) => {
      const before = github.requests.length
      const r = await postReport(doc)
      expect(r.code).toBe(1)
      const errors = r.stdout.split('\n').filter(l => l.startsWith('::error::'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/^::error::comment-from: \/.*\/report\.json/)
      expect(errors[0]).toMatch(message)
      expect(r.log).not.toMatch(/^\s+at .+(:\d+:\d+\)?|native\)?)$/m)
      expect(r.log).not.toMatch(/TypeError|RangeError|Cannot read|node:internal/)
      expect(github.requests.length).toBe(before)
    }
  )

  it('a report naming another pull request than the workflow_run built: nothing posted, a warning saying why', async () => {
    const r = await postReport({ ...good(), pullRequest: 9 })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^::warning::comment: not written on acme\/app#9: the report names pull request #9, whose head is d{40}, but this workflow_run built c{40}\./m
    )
    expect(writes()).toEqual([])
    expect(github.comments.get(9)).toHaveLength(1)
  })

  it('a hostile image name: the marker stays intact and the body holds no raw HTML from it', async () => {
    const r = await postReport(
      { ...good(), image: 'x --> <img src=x onerror=alert(1)> @admin' },
      { image: 'ghcr.io/acme/app' }
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^comment: created https:\/\/github\.com\/acme\/app\/pull\/7#issuecomment-\d+/m
    )
    const [c] = github.comments.get(7)!.filter(x => x.body.startsWith(MARKER))
    expect(c!.body.split('\n')[0]).toBe(MARKER)
    expect(c!.body.split('-->')).toHaveLength(2)
    expect(c!.body).not.toContain('<img')
    expect(c!.body).toContain(
      '### Image size: <code>x --&gt; &lt;img src=x onerror=alert(1)&gt; @&#8203;admin</code>'
    )
  })
})
