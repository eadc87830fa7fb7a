// A GitHub API and an Actions OIDC token service that accept connections and never answer (__tests__/silent-server.ts,
// on 127.0.0.1), met by the bundled action: the pull request comment and the attestations store are best-effort
// and end in a warning with the image pushed; the OIDC token that provenance: true requires ends in an error that
// names the service, the bound and the fix. registry-timeout: 2 makes the bounds short: one silence is 2 s and
// every request to these services has 2.5 of them (5 s) for all its attempts; at the default 60 s it is 150 s.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { sigstoreServicesForFile } from '../sigstore-services.js'
import { startSilentServer, type SilentServer } from '../silent-server.js'
import { skopeo } from './commands.js'
import { copyFixture, runAction, tempDir } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const TOKEN = 'ghs_boundsTokenNeverLogged0123456789'
/** One silence of 2 s, a budget of 5 s for all the attempts of one request. */
const SILENCE = 'within 2 s \\(registry-timeout\\); gave up after \\d attempts? in [\\d.]+ s'

let silent: SilentServer
const svc = sigstoreServicesForFile()

beforeAll(async () => {
  silent = await startSilentServer()
})

afterAll(async () => {
  await silent?.close()
})

const inputs = (repo: string, extra: Record<string, string> = {}): Record<string, string> => ({
  image: `${REGISTRY}/${repo}`,
  tags: 'v1',
  zoneinfo: 'false',
  cache: 'false',
  'registry-timeout': '2',
  'github-token': TOKEN,
  ...extra
})

/** The digest v1 points to, read back with skopeo: the image was pushed and tagged. */
async function pushed(repo: string): Promise<string | undefined> {
  const r = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${REGISTRY}/${repo}:v1`
  ])
  return r.code === 0 ? r.stdout : undefined
}

describe('the pull request comment, with a GitHub API that never answers', () => {
  it('is a warning within the bound, and the image is pushed', async () => {
    const repo = uniqueRepo('bounds-comment')
    const event = path.join(await tempDir(), 'event.json')
    await writeFile(event, JSON.stringify({ number: 7, pull_request: { number: 7 } }))
    const before = silent.requests.length
    const run = await runAction(inputs(repo, { comment: 'true' }), {
      workdir: await copyFixture('probe'),
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_API_URL: silent.url
      }
    })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toMatch(
      new RegExp(
        `::warning::comment: not written on acme/app#7\\. .*GitHub's API \\(${silent.host}\\) did not answer ` +
          `GET /repos/acme/app/issues/7/comments ${SILENCE}`
      )
    )
    // Listing the comments went unanswered; nothing was written after it.
    const asked = silent.requests.slice(before)
    expect(asked.length).toBeGreaterThan(0)
    expect(new Set(asked)).toEqual(
      new Set(['GET /repos/acme/app/issues/7/comments?per_page=100 HTTP/1.1'])
    )
    expect(run.log).not.toContain(TOKEN)
    expect(await pushed(repo)).toBeDefined()
  }, 600_000)
})

describe('the attestations store, with a GitHub API that never answers', () => {
  it('under provenance: auto is a warning within the bound; the image is pushed with its signed provenance', async () => {
    const repo = uniqueRepo('bounds-attest')
    const run = await runAction(inputs(repo), {
      workdir: await copyFixture('probe'),
      env: svc.actionEnv({ GITHUB_API_URL: silent.url })
    })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toMatch(
      new RegExp(
        `::warning::provenance: the signed provenance could not be stored with GitHub \\(GitHub's attestations ` +
          `API did not answer in time\\); the image is tagged with it attached in the registry only .*` +
          `The error: storing the attestation with GitHub failed: GitHub's attestations API ` +
          `\\(${silent.host}\\) did not answer POST /repos/acme/app/attestations ${SILENCE}\\.`
      )
    )
    const manifest = await pushed(repo)
    expect(manifest).toBeDefined()
    // The bundle is in the registry all the same: the referrers tag schema's index names it.
    const digest = run.outputs.digest!
    const referrers = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${REGISTRY}/${repo}:${digest.replace(':', '-')}`
    ])
    expect(referrers.stdout).toContain('application/vnd.dev.sigstore.bundle.v0.3+json')
  }, 600_000)
})

describe('the OIDC token, with a token service that never answers', () => {
  it('under provenance: true fails the step within the bound, naming the service, the limit and the fix', async () => {
    const repo = uniqueRepo('bounds-oidc')
    const run = await runAction(inputs(repo, { provenance: 'true' }), {
      workdir: await copyFixture('probe'),
      env: svc.actionEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: `${silent.url}/token?api-version=2.0` })
    })
    expect(run.code).toBe(1)
    expect(run.log).toMatch(
      new RegExp(
        `::error::provenance: true, but the signed provenance could not be made \\(the Actions OIDC token ` +
          `service did not answer in time\\), so nothing was tagged\\. To fix it, run the job again \\(or raise ` +
          `registry-timeout if the service is only slow\\)\\. The error: Failed to get ID token: the Actions OIDC ` +
          `token service \\(${silent.host}\\) did not answer GET /token ${SILENCE}\\. It is GitHub's service, not this step's: re-run the job, raise ` +
          'registry-timeout if it is only slow, or use provenance: auto to push without signed provenance ' +
          'while it is down\\.'
      )
    )
    expect(run.log).not.toContain(svc.requestToken)
    // Tag last: the image went up by digest, and no tag points at an image without its required provenance.
    expect(await pushed(repo)).toBeUndefined()
  }, 600_000)
})
