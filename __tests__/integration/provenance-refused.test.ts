// Provenance that cannot be signed, end to end: the bundled action pushes to the real registry while the Actions OIDC token service answers 403; with provenance: true nothing is tagged and the error names provenance, the status and the fix, with provenance: auto it is a warning and the image is tagged. Fulcio, Rekor and the issuer are @sigstore/mock's (__tests__/sigstore-services.ts); the token service is a server of its own here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sigstoreServicesForFile } from '../sigstore-services.js'
import { skopeo } from './commands.js'
import { copyFixture, EXAMPLES, runAction } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const svc = sigstoreServicesForFile()
let refusing: http.Server
let tokenURL: string
const asked: string[] = []

beforeAll(async () => {
  // The Actions token service refusing the job's request token: GET ACTIONS_ID_TOKEN_REQUEST_URL&audience=…
  // answered 403 with a JSON message, as the runtime answers a request it does not allow.
  refusing = http.createServer((req, res) => {
    asked.push(req.url ?? '')
    res.writeHead(403, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ message: 'Forbidden' }))
  })
  await new Promise<void>(r => refusing.listen(0, '127.0.0.1', r))
  tokenURL = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/oidc/token?api-version=2.0`
})

afterAll(async () => {
  await new Promise(r => refusing?.close(r))
})

/** The repository's tags as skopeo lists them; none for a repository with no tag at all. */
async function tagsOf(name: string): Promise<string[]> {
  const r = await skopeo(['list-tags', '--tls-verify=false', `docker://${REGISTRY}/${name}`])
  if (r.code !== 0) {
    // distribution answers NAME_UNKNOWN for a repository that holds no tag (only manifests by digest, or nothing).
    expect(r.stderr).toMatch(/name unknown|NAME_UNKNOWN|not found/i)
    return []
  }
  return (JSON.parse(r.stdout) as { Tags: string[] | null }).Tags ?? []
}

/** A release in a job whose token request is refused, signing (if it could) against the local Sigstore. */
async function release(name: string, provenance: string) {
  return runAction(
    {
      image: `${REGISTRY}/${name}`,
      tags: 'v1\nlatest',
      provenance
    },
    {
      workdir: await copyFixture('clock', EXAMPLES),
      env: svc.actionEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: tokenURL })
    }
  )
}

describe('an OIDC token service that answers 403', () => {
  it('with provenance: true tags nothing and says provenance, HTTP 403 and id-token: write', async () => {
    const before = asked.length
    const name = uniqueRepo('provenance-403')
    const run = await release(name, 'true')
    expect(run.code).not.toBe(0)
    expect(asked.length).toBeGreaterThan(before)
    const error = /^::error::(.*)$/m.exec(run.log)?.[1] ?? ''
    expect(error).toMatch(
      /^provenance: true, but the signed provenance could not be made \(the Actions OIDC token service answered HTTP 403\), so nothing was tagged\. To fix it, give the job `permissions: id-token: write`/
    )
    expect(run.log).not.toMatch(/^tagged /m)
    expect(run.log).not.toMatch(/::group::Tag /)
    expect(await tagsOf(name)).toEqual([])
  }, 600_000)

  it('with provenance: auto warns and tags the image', async () => {
    const name = uniqueRepo('provenance-403-auto')
    const run = await release(name, 'auto')
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toMatch(
      /::warning::provenance: the signed provenance could not be made \(the Actions OIDC token service answered HTTP 403\); the image is tagged without it \(provenance: auto;/
    )
    expect((await tagsOf(name)).filter(t => !t.startsWith('sha256-')).sort()).toEqual([
      'latest',
      'v1'
    ])
    const top = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${REGISTRY}/${name}:v1`
    ])
    expect(top.code).toBe(0)
    expect(run.outputs.tags?.split('\n')).toEqual(['v1', 'latest'])
  }, 600_000)
})
