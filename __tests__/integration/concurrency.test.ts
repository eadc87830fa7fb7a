// Runs that overlap on one repository of the real registry (distribution 2.8: no referrers API, If-Match ignored): two steps attaching different SBOMs to one digest keep both entries of the sha256-<hex> list, and two releases at once (v1.2.0 and v1.3.0) leave latest and 1 on the newer one. Each 20 rounds driven through the action's own writers, and one round through the action itself.
import { describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { referrersTag, type Artifact, type Descriptor } from '../../src/oci/artifact.js'
import type { BuiltImage } from '../../src/oci/image.js'
import { rfc3339 } from '../../src/source-date-epoch.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { writeTags } from '../../src/registry/floating.js'
import { pushImages } from '../../src/registry/push.js'
import { registryReferrers } from '../../src/registry/referrers.js'
import { DEFAULT_FLAVOR } from '../../src/registry/tag-rules.js'
import { planTags, tagPlan, type TagPlan } from '../../src/registry/tags.js'
import { contextOf } from '../../src/github-context.js'
import { registryFetch } from '../../src/registry/transport.js'
import { registryClient } from '../registry-client.js'
import { appImage, fakeLogger } from '../unit/helpers.js'
import { skopeo } from './commands.js'
import { copyFixture, runAction, type Run } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const ROUNDS = 20
const SPDX = 'application/spdx+json'
const CYCLONEDX = 'application/vnd.cyclonedx+json'

/** The one-file main package of the single fixture (no go.mod: the mirror's newest Go). */
const SINGLE = {
  package: 'hello.go',
  provenance: 'false',
  cache: 'false'
}

interface Step {
  inputs?: Record<string, string>
  env?: Record<string, string>
}

/** Two steps at once, each the action building the single fixture and pushing it to repo; both must pass. */
async function stepsAtOnce(repo: string, a: Step, b: Step): Promise<[Run, Run]> {
  const step = async ({ inputs, env }: Step): Promise<Run> =>
    runAction(
      { ...SINGLE, image: `${REGISTRY}/${repo}`, ...inputs },
      { workdir: await copyFixture('single'), env }
    )
  const runs = await Promise.all([step(a), step(b)])
  for (const run of runs) {
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
  }
  return runs
}

/** A client of its own for each writer, as two steps have. */
async function client(repo: string): Promise<RegistryClient> {
  const { client: c } = registryClient(`${REGISTRY}/${repo}`, {
    fetch: registryFetch({ timeoutMs: 60_000 })
  })
  await c.login()
  return c
}

/** The image pushed by digest, untagged, as the push stage leaves it. */
async function pushedByDigest(repo: string, img: BuiltImage): Promise<void> {
  await pushImages(await client(repo), [img], img.manifest, [], fakeLogger())
}

/** The digest the registry holds under repo:ref, asked with skopeo. */
async function digestAt(repo: string, ref: string): Promise<string> {
  const r = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${REGISTRY}/${repo}:${ref}`
  ])
  if (r.code !== 0) throw new Error(`skopeo inspect ${repo}:${ref}: ${r.stderr}`)
  return `sha256:${createHash('sha256').update(r.stdout).digest('hex')}`
}

/** The entries of the referrers list sha256-<hex> of digest, read with skopeo. */
async function listed(repo: string, digest: string): Promise<Descriptor[]> {
  const r = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${REGISTRY}/${repo}:${referrersTag(digest)}`
  ])
  if (r.code !== 0) throw new Error(`skopeo inspect ${referrersTag(digest)}: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { manifests: Descriptor[] }).manifests
}

const sbom = (artifactType: string): Artifact => ({
  artifactType,
  mediaType: artifactType,
  data: Buffer.from(JSON.stringify({ format: artifactType, nonce: randomBytes(8).toString('hex') }))
})

describe('two steps attaching to one digest at once', () => {
  it(`keep both SBOMs in the sha256-<hex> list, ${ROUNDS} rounds of ${ROUNDS}`, async () => {
    const lost: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const repo = uniqueRepo(`attach-race-${round}`)
      const img = await appImage(randomBytes(512))
      await pushedByDigest(repo, img)
      const subject = {
        mediaType: img.manifest.mediaType,
        digest: img.manifest.digest,
        size: img.manifest.size
      }
      const created = { created: rfc3339(1_700_000_000) }
      const [spdx, cyclonedx] = [sbom(SPDX), sbom(CYCLONEDX)]
      // Each writer has all it attaches in the registry already (as after a push), so both read the list at once.
      const [a, b] = await Promise.all([client(repo), client(repo)])
      const [one, two] = await Promise.all([
        registryReferrers(a, fakeLogger(), created).attach(subject, [spdx]),
        registryReferrers(b, fakeLogger(), created).attach(subject, [cyclonedx])
      ])
      const entries = (await listed(repo, img.manifest.digest)).map(d => d.digest)
      for (const got of [...one!, ...two!])
        if (!entries.includes(got.digest)) lost.push(`round ${round + 1}: ${got.artifactType}`)
    }
    expect(lost).toEqual([])
  }, 600_000)

  it('through the action: an SPDX step and a CycloneDX step on one build', async () => {
    const repo = uniqueRepo('attach-race-action')
    const [spdx, cyclonedx] = await stepsAtOnce(
      repo,
      { inputs: { tags: 'v1', sbom: 'spdx' } },
      { inputs: { tags: 'v1', sbom: 'cyclonedx' } }
    )
    // The same source, so the same digest: both attached to it.
    const digest = spdx.outputs.digest!
    expect(cyclonedx.outputs.digest).toBe(digest)
    const types = (await listed(repo, digest)).map(d => d.artifactType)
    expect(types).toContain(SPDX)
    expect(types).toContain(CYCLONEDX)
    expect(await digestAt(repo, 'v1')).toBe(digest)
  }, 600_000)
})

/** The plan a tag push of version makes with the default rules: X.Y.Z, X.Y, X and latest. */
const releasePlan = (version: string): TagPlan =>
  tagPlan(
    planTags(
      [],
      DEFAULT_FLAVOR,
      contextOf({ GITHUB_REF: `refs/tags/v${version}`, GITHUB_EVENT_NAME: 'push' })
    )
  )

describe('two releases at once', () => {
  it(`leave latest and 1 on 1.3.0, ${ROUNDS} rounds of ${ROUNDS}`, async () => {
    const wrong: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const repo = uniqueRepo(`release-race-${round}`)
      const [older, newer] = await Promise.all([
        appImage(randomBytes(512)),
        appImage(randomBytes(512))
      ])
      // One after the other: the race under test is the tags'.
      await pushedByDigest(repo, older)
      await pushedByDigest(repo, newer)
      const [a, b] = await Promise.all([client(repo), client(repo)])
      // Each decided its tags before the other's existed, as two workflows started by one git push --tags.
      await Promise.all([
        writeTags(a, older.manifest, releasePlan('1.2.0'), { logger: fakeLogger() }),
        writeTags(b, newer.manifest, releasePlan('1.3.0'), { logger: fakeLogger() })
      ])
      const at = async (tag: string): Promise<string> =>
        (await digestAt(repo, tag)) === newer.manifest.digest ? '1.3.0' : '1.2.0'
      const got = {
        latest: await at('latest'),
        '1': await at('1'),
        '1.3': await at('1.3'),
        '1.2': await at('1.2')
      }
      const want = { latest: '1.3.0', '1': '1.3.0', '1.3': '1.3.0', '1.2': '1.2.0' }
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`round ${round + 1}: ${JSON.stringify(got)}`)
    }
    expect(wrong).toEqual([])
  }, 600_000)

  it('through the action: v1.2.0 and v1.3.0 pushed as tags together', async () => {
    const repo = uniqueRepo('release-race-action')
    const tagPush = (version: string): Step => ({
      env: { GITHUB_REF: `refs/tags/v${version}`, GITHUB_EVENT_NAME: 'push' }
    })
    const [older, newer] = await stepsAtOnce(repo, tagPush('1.2.0'), tagPush('1.3.0'))
    // The version label differs, so the digests do.
    expect(older.outputs.digest).not.toBe(newer.outputs.digest)
    for (const tag of ['latest', '1', '1.3', '1.3.0'])
      expect([tag, await digestAt(repo, tag)]).toEqual([tag, newer.outputs.digest])
    for (const tag of ['1.2', '1.2.0'])
      expect([tag, await digestAt(repo, tag)]).toEqual([tag, older.outputs.digest])
  }, 600_000)
})
