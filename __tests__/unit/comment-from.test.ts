// comment-from treats its file as another job's, maybe a fork's: the schema, the pull request GitHub confirms, and a
// marker the report cannot choose, through the real Octokit client against the local API stand-in (github-server.ts).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import MarkdownIt from 'markdown-it'
import { commentFrom } from '../../src/comment/post.js'
import { readGitHubContext } from '../../src/github-context.js'
import { commentMarker } from '../../src/comment/escape.js'
import { InputError } from '../../src/ports.js'
import type { Report } from '../../src/report/report.js'
import { leveledLogger } from './helpers.js'
import { startGitHubServer, type GitHubServer } from '../github-server.js'
import { compared, report, BASE_MODULES, BASE_PACKAGES } from '../report-samples.js'

const TOKEN = 'ghs_notARealTokenButSecret0123456789'
const BUILT = 'a'.repeat(40) // the commit the workflow_run built: pull request 7's head
const OTHER = 'b'.repeat(40) // pull request 9's head

let server: GitHubServer
let dir: string
let env: Record<string, string>
let logger: ReturnType<typeof leveledLogger>
let lines: { level: string; text: string }[]
const warnings = (): string[] => lines.filter(l => l.level === 'warning').map(l => l.text)
const writes = (): string[] =>
  server.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.url}`)

/** A workflow_run payload as GitHub writes it for a fork's run: head_sha, and no pull request listed. */
async function workflowRun(run: object = { head_sha: BUILT, pull_requests: [] }): Promise<void> {
  await writeFile(
    env.GITHUB_EVENT_PATH!,
    JSON.stringify({ action: 'completed', workflow_run: run })
  )
}

async function reportFile(r: object | string, name = 'report.json'): Promise<string> {
  const file = path.join(dir, name)
  await writeFile(file, typeof r === 'string' ? r : JSON.stringify(r))
  return file
}

const good = (): Report => ({
  ...compared(report(2_700_000, 6_400_000, BASE_PACKAGES, BASE_MODULES)),
  pullRequest: 7
})

beforeEach(async () => {
  server = await startGitHubServer('acme/app', { 7: 2, 9: 1 })
  server.pulls.set(7, { headSha: BUILT })
  server.pulls.set(9, { headSha: OTHER })
  dir = await mkdtemp(path.join(os.tmpdir(), 'gsi-comment-from-'))
  env = {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: server.url
  }
  await workflowRun()
  logger = leveledLogger()
  lines = logger.lines
})

afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const post = async (file: string, image = ''): ReturnType<typeof commentFrom> =>
  commentFrom(file, { token: TOKEN, github: await readGitHubContext(env), logger, image })

describe('comment-from: the pull request GitHub confirms', () => {
  it("posts on the report's pull request when GitHub says its head is the commit the workflow_run built", async () => {
    const posted = await post(await reportFile(good()))
    expect(posted?.action).toBe('created')
    expect(server.requests[0]!.url).toBe('/repos/acme/app/pulls/7')
    const mine = server.comments.get(7)!.filter(c => c.body.startsWith(commentMarker('acme/app')))
    expect(mine).toHaveLength(1)
    expect(mine[0]!.body).toContain('[the run](https://github.com/acme/app/actions/runs/42)')
    expect(warnings()).toEqual([])
  })

  it('a report naming another pull request than the one at the head: nothing posted, a warning saying why', async () => {
    const posted = await post(await reportFile({ ...good(), pullRequest: 9 }))
    expect(posted).toBeUndefined()
    expect(writes()).toEqual([])
    expect(server.comments.get(9)).toHaveLength(1)
    expect(warnings()).toEqual([
      `comment: not written on acme/app#9: the report names pull request #9, whose head is ${OTHER}, but this ` +
        `workflow_run built ${BUILT}. Either the pull request moved on since (its newer run comments), or the ` +
        `report names a pull request it was not built for.`
    ])
  })

  it('a pull request GitHub does not know (404): nothing posted, a warning with the status', async () => {
    expect(await post(await reportFile({ ...good(), pullRequest: 12 }))).toBeUndefined()
    expect(writes()).toEqual([])
    expect(warnings()[0]).toMatch(
      /^comment: not written on acme\/app#12: GitHub could not confirm pull request #12 \(HTTP 404\) for the commit this workflow_run built, a{40}\.$/
    )
  })

  it('without a pull request in the report, the one GitHub lists at the head (a same-repository branch)', async () => {
    await workflowRun({ head_sha: BUILT, pull_requests: [{ number: 7, head: { sha: BUILT } }] })
    const none: Partial<Report> = good()
    delete none.pullRequest
    expect((await post(await reportFile(none)))?.action).toBe('created')
    expect(server.requests[0]!.url).toBe('/repos/acme/app/pulls/7')
  })

  it('a workflow_run payload without head_sha, or with none of it at all: a warning, no request', async () => {
    await workflowRun({ pull_requests: [] })
    expect(await post(await reportFile(good()))).toBeUndefined()
    expect(warnings()[0]).toMatch(
      /event payload .* is malformed: workflow_run\.head_sha is missing; no comment/
    )
    await writeFile(env.GITHUB_EVENT_PATH!, '{}')
    expect(await post(await reportFile(good()))).toBeUndefined()
    expect(warnings()[1]).toContain('has no workflow_run.head_sha; no comment is written.')
    expect(server.requests).toEqual([])
  })
})

describe('comment-from: a hostile report', () => {
  const md = new MarkdownIt({ html: true, linkify: true })
  md.linkify.set({ fuzzyLink: false })

  it('a hostile image name leaves the marker intact, and the body holds no raw HTML, link or mention from it', async () => {
    const hostile =
      'x --> <img src=x onerror=alert(1)> <script>alert(1)</script> [link](https://evil.example) ' +
      '![img](https://evil.example/i.png) @admin #1 https://evil.example <!-- | a | b |\n# heading'
    const r = good()
    r.image = hostile
    r.platforms[0]!.platform = hostile
    r.comparison!.packages.packages = [{ name: hostile, new: 10, delta: 10 }]
    r.comparison!.packages.modules = [
      { path: hostile, change: 'changed', old: 'v1.0.0', new: 'v1.0.1 --><b>x</b>' }
    ]
    r.budget!.failures = [hostile]
    await post(await reportFile(r), 'ghcr.io/acme/app')
    const [c] = server.comments.get(7)!.filter(x => x.body.startsWith('<!--'))
    const marker = commentMarker('ghcr.io/acme/app')
    expect(c!.body.split('\n')[0]).toBe(marker)
    expect(c!.body.split('-->')).toHaveLength(2) // the marker's end, and no other
    const html = md.render(c!.body)
    // The only element not ours is none; the only link is the run's, which the report cannot choose.
    expect(html.match(/<(img|script|a|b|h1)\b[^>]*>/g)).toEqual([
      '<a href="https://github.com/acme/app/actions/runs/42">'
    ])
    expect(html).not.toContain('<!-- |')
    const text = html.replace(/<[^>]+>/g, '')
    expect(text).toContain('@\u200badmin')
    expect(text).toContain('#\u200b1')
    expect(text).toContain('https:/\u200b/evil.example')
  })

  it("the report's run link is shown only when it is a run of this repository", async () => {
    await post(await reportFile({ ...good(), run: 'https://evil.example/acme/app/actions/runs/1' }))
    const body = server.comments.get(7)!.at(-1)!.body
    expect(body).not.toContain('evil')
    expect(body).not.toContain('[the run]')
  })

  const base = good()
  const cases: [string, string | object, RegExp][] = [
    ['a missing field', { ...base, digest: undefined }, /: digest is missing\./],
    [
      'a string for an object',
      { ...base, budget: 'x' },
      /: budget is the string "x", not an object\./
    ],
    [
      'an empty comparison',
      { ...base, comparison: {} },
      /: comparison\.baseline is missing; comparison\.platforms is missing; comparison\.packages is missing\./
    ],
    [
      'a string for a number, deep in a list',
      {
        ...base,
        binary: {
          ...base.binary,
          packages: base.binary!.packages!.map((p, i) => (i === 3 ? { ...p, bytes: '12' } : p))
        }
      },
      /: binary\.packages\[3\]\.bytes is the string "12", not a number\./
    ],
    [
      'extra nesting',
      { ...base, platforms: [base.platforms] },
      /: platforms\[0\] is a list, not an object\./
    ],
    [
      'a negative size',
      { ...base, platforms: [{ ...base.platforms[0], size: -1 }] },
      /: platforms\[0\]\.size is number -1, below 0\./
    ],
    [
      'a fraction of a byte',
      { ...base, platforms: [{ ...base.platforms[0], configSize: 1.5 }] },
      /: platforms\[0\]\.configSize is number 1\.5, not a whole number\./
    ],
    [
      'an unknown module change',
      {
        ...base,
        comparison: {
          ...base.comparison,
          packages: { ...base.comparison!.packages, modules: [{ path: 'x', change: 'upgraded' }] }
        }
      },
      /: comparison\.packages\.modules\[0\]\.change is the string "upgraded", not one of "added", "removed", "changed"\./
    ],
    ['null for an object', { ...base, binary: null }, /: binary is null, not an object\./],
    [
      'a pull request of 0',
      { ...base, pullRequest: 0 },
      /: pullRequest is number 0, not above 0\./
    ],
    [
      'an image name of 5,000 characters',
      { ...base, image: 'a'.repeat(5000) },
      /: image is too long or too large \(at most 1024\)\./
    ],
    [
      'deep nesting (100,000 lists)',
      `{"mediaType":"${base.mediaType}","schemaVersion":1,"image":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      /: image is a list, not a string; digest is missing; goVersion is missing \(and 1 more\)\./
    ],
    [
      '10 MB of text',
      'x'.repeat(10 * 1024 * 1024),
      / is 10485760 bytes, more than the 4194304 a size report can be\./
    ],
    ['not JSON', '{"mediaType": ', / is not JSON: /],
    ['a list, not a report', '[]', / is not a go-scratch-image report \(its mediaType is not /],
    [
      'another schema version',
      { ...base, schemaVersion: 2 },
      / is a report of schema version 2; this version of the action reads 1\./
    ]
  ]

  it.each(cases)(
    '%s: an input error naming comment-from, the file and the field',
    async (_, doc, message) => {
      const file = await reportFile(doc)
      const error = await post(file).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InputError)
      const text = (error as Error).message
      expect(text.startsWith(`comment-from: ${file}`)).toBe(true)
      expect(text).toMatch(message)
      expect(text).not.toMatch(/\n|Cannot read|undefined \(reading/)
      expect(server.requests).toEqual([])
    }
  )
})
