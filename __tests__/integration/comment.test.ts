// The size report end to end: a baseline pushed by the action to the real registry carries its report as a referrer; a
// change that imports encoding/xml and one that bumps a vendored module are diffed against it per Go package and
// module, in package-deltas and in the pull request comment, which goes to a local stand-in of GitHub's REST API
// (__tests__/github-server.ts: list with Link pagination, create, update, delete, pulls) through the real Octokit
// client.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { PackageDeltas, Report } from '../../src/report/report.js'
import { startGitHubServer, type GitHubServer } from '../github-server.js'
import { skopeo } from './commands.js'
import { copyFixture, FIXTURES, runAction, tempDir, type Run } from './harness.js'
import { REGISTRY } from './registries.js'

const TOKEN = 'ghs_integrationTokenNeverLogged0123456789'
const PR = 7
const repo = `gsi-comment-${process.pid}`
const image = `${REGISTRY}/${repo}`
const REPORT_TYPE = 'application/vnd.go-scratch-image.report.v1+json'

let github: GitHubServer
let eventFile: string
let baseline: Run

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  image,
  platforms: 'linux/amd64',
  zoneinfo: 'false',
  cache: 'false',
  'source-date-epoch': '1700000000',
  ...extra
})

/** The runner's variables of a pull_request run of acme/app, with the API at the local stand-in. */
const prEnv = (): Record<string, string> => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: eventFile,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_API_URL: github.url,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242'
})

/** The pkgdiff fixture, as the baseline has it or changed by `change`. */
async function source(change?: (dir: string) => Promise<void>): Promise<string> {
  const dir = await copyFixture('pkgdiff')
  if (change) await change(dir)
  return dir
}

/** The pull request's run: the source changed by change, compared with main's image, commenting with TOKEN. */
async function prRun(
  change: (dir: string) => Promise<void>,
  extra: Record<string, string>
): Promise<Run> {
  return runAction(
    inputs({ 'compare-to': `${image}:main`, comment: 'true', 'github-token': TOKEN, ...extra }),
    { workdir: await source(change), env: prEnv() }
  )
}

/** A new standard-library package in the program. */
async function importXml(dir: string): Promise<void> {
  await writeFile(
    path.join(dir, 'xml.go'),
    [
      'package main',
      '',
      'import (',
      '\t"encoding/xml"',
      '\t"os"',
      ')',
      '',
      'func init() {',
      '\tif len(os.Args) > 2 {',
      '\t\tb, _ := xml.Marshal(struct{ Name string }{os.Args[2]})',
      '\t\tos.Stdout.Write(b)',
      '\t}',
      '}',
      ''
    ].join('\n')
  )
}

/** example.com/fixturemod v1.0.0 → v1.1.0 in go.mod, vendor/modules.txt and the vendored source. */
async function bumpModule(dir: string): Promise<void> {
  const vendored = path.join(dir, 'vendor', 'example.com', 'fixturemod')
  await rm(vendored, { recursive: true })
  await cp(path.join(FIXTURES, 'fixturemod', 'v1.1.0'), vendored, { recursive: true })
  await rm(path.join(vendored, 'go.mod'))
  for (const f of ['go.mod', path.join('vendor', 'modules.txt')]) {
    const file = path.join(dir, f)
    await writeFile(file, (await readFile(file, 'utf8')).replace('v1.0.0', 'v1.1.0'))
  }
}

const binaryTar = (r: Run): number => {
  const sizes = JSON.parse(r.outputs.sizes!) as Record<
    string,
    { layers: { name: string; uncompressedSize: number }[] }
  >
  return sizes['linux/amd64']!.layers.find(l => l.name === 'binary')!.uncompressedSize
}

const deltaOf = (d: PackageDeltas, name: string): number | undefined =>
  d.packages.find(p => p.name === name)?.delta

/**
 * How the deltas add up, against the binary layer's uncompressed delta. Package bytes cover the binary's sections
 * (functions with their padding, each function's pclntab share and funcdata, and the variables, type data,
 * strings and static data, split by who refers to them); what is left, `unattributed`, is the file's
 * framing outside its sections: ELF headers and the page alignment of each segment, which moves in 4 KiB steps.
 * Measured with go1.19.8, read in place: encoding/xml 187,622 of 188,416 B (99.6%, within the 1%; the
 * relink gave 187,592); the module bump
 * 21,723 B for a 20,480 B layer delta (106.1%: the text segment's end padding shrank by 1,243 B, which no package
 * owns). `maxOff` is that bound with a margin: the change in page padding, up to one page, rounded by the tar.
 */
function accounting(what: string, r: Run, d: PackageDeltas, maxOff: number): void {
  const layerDelta = binaryTar(r) - binaryTar(baseline)
  const binaryDelta = Number(r.outputs['binary-size']) - Number(baseline.outputs['binary-size'])
  const whole = d.total + d.unattributed!.delta
  const off = Math.abs(d.total - layerDelta) / layerDelta
  console.log(
    `${what}: package deltas sum ${d.total} B (${((100 * d.total) / layerDelta).toFixed(1)}% of the binary layer's ` +
      `uncompressed delta ${layerDelta} B, ${(100 * off).toFixed(2)}% off); unattributed ${d.unattributed!.delta} B; ` +
      `together ${whole} B = binary delta ${binaryDelta} B`
  )
  expect(whole).toBe(binaryDelta)
  expect(Math.abs(whole - layerDelta)).toBeLessThan(512)
  expect(off).toBeLessThan(maxOff)
  // Only framing is left: less than a page of alignment and headers either way.
  expect(Math.abs(d.unattributed!.delta)).toBeLessThan(4096)
}

const comments = (): string[] =>
  (github.comments.get(PR) ?? [])
    .map(c => c.body)
    .filter(b => b.includes(`<!-- go-scratch-image: ${image} -->`))

beforeAll(async () => {
  github = await startGitHubServer('acme/app', { [PR]: 105 })
  eventFile = path.join(await tempDir(), 'event.json')
  await writeFile(eventFile, JSON.stringify({ number: PR, pull_request: { number: PR } }))
  baseline = await runAction(inputs({ tags: 'main' }), {
    workdir: await source(),
    env: { GITHUB_EVENT_NAME: 'push' }
  })
})

afterAll(async () => {
  await github.close()
})

describe('the size report and the pull request comment', () => {
  it('the baseline carries its report as a referrer: every package and the module list', async () => {
    expect(baseline.stderr + baseline.log).not.toMatch(/::error::/)
    expect(baseline.code).toBe(0)
    const file = JSON.parse(await readFile(baseline.outputs.report!, 'utf8')) as Report
    expect(file.binary?.modules).toEqual([
      { path: 'example.com/pkgdiff', version: '(devel)' },
      { path: 'example.com/fixturemod', version: 'v1.0.0' }
    ])
    expect(
      file.binary?.packages?.find(p => p.name === 'example.com/fixturemod')?.bytes
    ).toBeGreaterThan(0)
    // distribution 2.8 has no referrers API: the report is listed in the sha256-<hex> tag.
    const hex = baseline.outputs.digest!.slice('sha256:'.length)
    const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/sha256-${hex}`, {
      headers: { accept: 'application/vnd.oci.image.index.v1+json' }
    })
    expect(res.status).toBe(200)
    const index = (await res.json()) as { manifests: { artifactType?: string; digest: string }[] }
    const entry = index.manifests.find(m => m.artifactType === REPORT_TYPE)
    expect(entry).toBeDefined()
    // The attached report is this build, without the run's part (comparison, run link, pull request).
    const manifest = (await (
      await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${entry!.digest}`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
      })
    ).json()) as { subject: { digest: string }; layers: { digest: string }[] }
    expect(manifest.subject.digest).toBe(baseline.outputs.digest)
    const attached = JSON.parse(
      await (
        await fetch(`http://${REGISTRY}/v2/${repo}/blobs/${manifest.layers[0]!.digest}`)
      ).text()
    ) as Report
    expect(attached.binary).toEqual(file.binary)
    expect(attached).not.toHaveProperty('run')
  })

  it('encoding/xml: a new package with a positive delta, in package-deltas and the comment; the deltas sum to within 1% of the binary layer delta', async () => {
    const r = await prRun(importXml, { tags: 'pr-7', 'max-size': '20MB' })
    expect(r.code).toBe(0)
    const d = JSON.parse(r.outputs['package-deltas']!) as PackageDeltas
    expect(d.missing).toBeUndefined()
    expect(d.modules).toEqual([])
    const xml = d.packages.find(p => p.name === 'encoding/xml')!
    expect(xml.old).toBeUndefined()
    expect(xml.delta).toBeGreaterThan(60_000)
    expect(d.packages[0]!.delta).toBeGreaterThan(0)
    accounting('encoding/xml', r, d, 0.01)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]!
    expect(body).toContain(':white_check_mark: **Within budget**: max-size 20MB')
    expect(body).toMatch(
      /\| <code>encoding\/xml<\/code> \| new \| [\d,]+ \| \+[\d.]+ KiB \(\+[\d,]+ B\) \|/
    )
    expect(body).toContain('[the run](https://github.com/acme/app/actions/runs/4242)')
    expect(r.summary).toContain(`### Go packages and modules against \`${image}:main\``)
    expect(r.summary).toContain('<code>encoding/xml</code>')
    expect(r.log).not.toContain(TOKEN)
  })

  it('a module bump: the version change and the grown package, and the same comment updated in place', async () => {
    const r = await prRun(bumpModule, { tags: 'pr-7' })
    expect(r.code).toBe(0)
    const d = JSON.parse(r.outputs['package-deltas']!) as PackageDeltas
    expect(d.modules).toEqual([
      { path: 'example.com/fixturemod', change: 'changed', old: 'v1.0.0', new: 'v1.1.0' }
    ])
    expect(deltaOf(d, 'example.com/fixturemod')).toBeGreaterThan(15_000)
    // The bump is the module's alone: every other package moves by a few bytes at most (go1.19.8: 62 B in all).
    const others = d.packages.filter(p => p.name !== 'example.com/fixturemod')
    expect(others.reduce((n, p) => n + Math.abs(p.delta), 0)).toBeLessThan(200)
    accounting('module bump', r, d, 0.1)
    expect(comments()).toHaveLength(1)
    expect(github.comments.get(PR)).toHaveLength(106)
    const body = comments()[0]!
    expect(body).toContain('- <code>example.com/fixturemod v1.0.0 → v1.1.0</code>')
    expect(body).toMatch(/\| <code>example.com\/fixturemod<\/code> \| [\d,]+ \| [\d,]+ \| \+/)
    expect(body).not.toContain('encoding/xml')

    // The fork-safe pattern's second job: the report file posted from a workflow_run, without building. GitHub
    // lists no pull request for a fork's run; the report's is confirmed by its head (GET pulls/7).
    const posted = await tempDir()
    const event = path.join(posted, 'event.json')
    const head = 'e'.repeat(40)
    github.pulls.set(PR, { headSha: head })
    await writeFile(event, JSON.stringify({ workflow_run: { head_sha: head, pull_requests: [] } }))
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8')) as Report
    await writeFile(
      path.join(posted, 'report.json'),
      JSON.stringify({
        ...report,
        budget: { maxSizeIncrease: '1%', failures: ['max-size-increase: over'] }
      })
    )
    // The posting step names the image, so its comment is the build step's one (the marker's key).
    const from = await runAction(
      { 'comment-from': 'report.json', 'github-token': TOKEN, image },
      {
        workdir: posted,
        env: { ...prEnv(), GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: event }
      }
    )
    expect(from.code).toBe(0)
    expect(from.log).not.toContain('Install Go')
    expect(comments()).toHaveLength(1)
    expect(comments()[0]).toContain(':x: **Over budget**\n\n- max-size-increase: over')
  })

  it('over max-size: the comment says so first, then the step fails and nothing is pushed', async () => {
    const r = await prRun(importXml, { tags: 'pr-7-over', 'max-size': '100KB' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^::error::max-size: linux\/amd64 is /m)
    expect(r.outputs.tags).toBe('')
    expect(comments()).toHaveLength(1)
    expect(comments()[0]).toMatch(/^:x: \*\*Over budget\*\*\n\n- max-size: linux\/amd64 is /m)
    // The comment went out before the failure was reported.
    expect(r.stdout.indexOf('comment: updated')).toBeLessThan(r.stdout.indexOf('::error::'))
  })

  it("a 403 (a fork's read-only token) is a warning: the step passes and the summary has everything", async () => {
    github.readOnly = true
    try {
      const r = await prRun(bumpModule, { push: 'false' })
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(
        /^::warning::comment: not written on acme\/app#7\. GitHub refused the write \(403\)/m
      )
      expect(r.summary).toContain('- <code>example.com/fixturemod v1.0.0 → v1.1.0</code>')
      expect(r.log).not.toContain(TOKEN)
    } finally {
      github.readOnly = false
    }
  })

  it('a baseline without a report still gets layer deltas, and says why packages are missing', async () => {
    // The same image pushed under another name by skopeo: the referrers are not copied with it.
    const other = `${REGISTRY}/${repo}-noreport`
    const copied = await skopeo([
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${image}:main`,
      `docker://${other}:main`
    ])
    expect(copied.code).toBe(0)
    const r = await runAction(inputs({ push: 'false', 'compare-to': `${other}:main` }), {
      workdir: await source(importXml),
      env: { GITHUB_EVENT_NAME: 'push' }
    })
    expect(r.code).toBe(0)
    expect(Number(r.outputs['size-delta'])).toBeGreaterThan(0)
    const d = JSON.parse(r.outputs['package-deltas']!) as PackageDeltas
    expect(d.missing).toMatch(/has no go-scratch-image report attached/)
    expect(d.packages).toEqual([])
    expect(r.summary).toContain('Go packages: not compared,')
  })
})
