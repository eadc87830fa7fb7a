// Signed provenance end to end: the bundled action builds and pushes to the real registry (distribution 2.8, no referrers API), signs against @sigstore/mock's services on a local HTTP server with a token from an emulated Actions OIDC service, stores the bundle through a local GitHub attestations API, and attaches it as a referrer found through the referrers tag schema; provenance: true without a token fails before anything is pushed.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { SBOM_PREDICATE_TYPES, SLSA_PROVENANCE_V1 } from '../../src/attest/provenance.js'
import { sigstoreServicesForFile, verifyAttestation } from '../sigstore-services.js'
import { skopeo } from './commands.js'
import { copyFixture, EXAMPLES, runAction, type Run } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const GITHUB_TOKEN = 'ghs_integrationtoken0123456789'

/** A job with id-token: write (its runner's variables, svc.actionEnv()) signs against these. */
const svc = sigstoreServicesForFile()

interface Manifest {
  mediaType: string
  artifactType?: string
  manifests?: {
    digest: string
    artifactType?: string
    annotations?: Record<string, string>
    platform?: { os: string; architecture: string }
  }[]
  layers?: { digest: string; mediaType: string }[]
  subject?: { digest: string }
}

/** GET from the registry's own API (distribution-spec), independent of the action's client. */
async function registryGet(repo: string, what: string, accept?: string): Promise<Response> {
  const headers: Record<string, string> = accept ? { Accept: accept } : {}
  return fetch(`http://${REGISTRY}/v2/${repo}/${what}`, { headers })
}

async function manifest(repo: string, ref: string): Promise<Manifest> {
  const res = await registryGet(
    repo,
    `manifests/${ref}`,
    'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json'
  )
  expect(res.status).toBe(200)
  return (await res.json()) as Manifest
}

/** The referrers tag schema's list for a digest: the tag sha256-<hex> (distribution-spec 1.1). */
async function referrersOf(repo: string, digest: string): Promise<Manifest['manifests']> {
  return (await manifest(repo, digest.replace(':', '-'))).manifests
}

/** The bundle an artifact manifest holds: its one layer, read as a blob. */
async function bundleIn(repo: string, artifact: string): Promise<unknown> {
  const m = await manifest(repo, artifact)
  expect(m.artifactType).toBe(BUNDLE)
  expect(m.layers).toHaveLength(1)
  expect(m.layers![0]!.mediaType).toBe(BUNDLE)
  const res = await registryGet(repo, `blobs/${m.layers![0]!.digest}`)
  expect(res.status).toBe(200)
  return JSON.parse(await res.text()) as unknown
}

describe('provenance on (a job with id-token: write)', () => {
  const name = uniqueRepo('provenance')
  const repo = `${REGISTRY}/${name}`
  let run: Run

  beforeAll(async () => {
    run = await runAction(
      {
        image: repo,
        tags: 'v1',
        platforms: 'linux/amd64,linux/arm64',
        'github-token': GITHUB_TOKEN
      },
      { workdir: await copyFixture('clock', EXAMPLES), env: svc.actionEnv() }
    )
  }, 600_000)

  it('pushes, signs and stores the provenance with GitHub (outputs attestation-id and -url)', () => {
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    const id = run.outputs['attestation-id']!
    expect(id).toMatch(/^\d+$/)
    expect(run.outputs['attestation-url']).toBe(`https://github.com/acme/app/attestations/${id}`)
    const stored = svc.stored.get(id)!
    expect(stored.repository).toBe('acme/app')
    // What GitHub keeps is about the pushed digest, signed by the job's identity, with the job's commit.
    const { statement } = verifyAttestation(stored.bundle, svc.trustedRoot, run.outputs.digest!)
    expect(statement.predicateType).toBe(SLSA_PROVENANCE_V1)
    expect(statement.subject[0]).toEqual({
      name: repo,
      digest: { sha256: run.outputs.digest!.slice('sha256:'.length) }
    })
    const p = statement.predicate as {
      buildDefinition: { resolvedDependencies: { digest: { gitCommit: string } }[] }
      runDetails: { builder: { id: string } }
    }
    expect(p.buildDefinition.resolvedDependencies[0]!.digest.gitCommit).toBe(svc.env().GITHUB_SHA)
    expect(p.runDetails.builder.id).toBe(
      'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'
    )
    // The API was called with the github-token input.
    const post = svc.requests.find(r => r.path === '/api/repos/acme/app/attestations')!
    expect(post.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`)
  })

  it('attaches the bundle as a referrer of the index and of each platform manifest, found through the tag schema', async () => {
    const index = await manifest(name, run.outputs.digest!)
    // The index holds the two platforms and nothing else: no unknown/unknown attestation manifest.
    expect(index.manifests!.map(m => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
    const subjects = [run.outputs.digest!, ...index.manifests!.map(m => m.digest)]
    for (const subject of subjects) {
      const listed = (await referrersOf(name, subject))!.filter(d => d.artifactType === BUNDLE)
      const provenance = listed.filter(
        d => d.annotations?.['dev.sigstore.bundle.predicateType'] === SLSA_PROVENANCE_V1
      )
      expect(provenance).toHaveLength(1)
      const artifact = await manifest(name, provenance[0]!.digest)
      expect(artifact.subject!.digest).toBe(subject)
      // The bundle read back from the registry verifies, and is about this very manifest.
      verifyAttestation(await bundleIn(name, provenance[0]!.digest), svc.trustedRoot, subject)
    }
  })

  it('attests each platform SBOM (SPDX predicate = the SPDX document attached beside it)', async () => {
    const index = await manifest(name, run.outputs.digest!)
    for (const { digest } of index.manifests!) {
      const listed = (await referrersOf(name, digest))!
      const spdx = listed.filter(d => d.artifactType === 'application/spdx+json')
      const attested = listed.filter(
        d =>
          d.artifactType === BUNDLE &&
          d.annotations?.['dev.sigstore.bundle.predicateType'] === SBOM_PREDICATE_TYPES.spdx
      )
      expect(spdx).toHaveLength(1)
      expect(attested).toHaveLength(1)
      const sbom = await manifest(name, spdx[0]!.digest)
      const document = JSON.parse(
        await (await registryGet(name, `blobs/${sbom.layers![0]!.digest}`)).text()
      ) as unknown
      const { statement } = verifyAttestation(
        await bundleIn(name, attested[0]!.digest),
        svc.trustedRoot,
        digest
      )
      expect(statement.subject).toEqual([
        { name: repo, digest: { sha256: digest.slice('sha256:'.length) } }
      ])
      expect(statement.predicate).toEqual(document)
    }
    // GitHub got them too: the provenance and one SBOM attestation per platform.
    const predicateTypes = [...svc.stored.values()].map(
      s =>
        (
          JSON.parse(
            Buffer.from(
              (s.bundle as unknown as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload,
              'base64'
            ).toString()
          ) as { predicateType: string }
        ).predicateType
    )
    expect(predicateTypes.sort()).toEqual(
      [SLSA_PROVENANCE_V1, SBOM_PREDICATE_TYPES.spdx, SBOM_PREDICATE_TYPES.spdx].sort()
    )
  })

  it('logs the signature, and neither the OIDC token nor the GitHub token', () => {
    expect(run.log).toMatch(/Sign SLSA provenance/)
    expect(run.log).toMatch(/Signed SLSA v1 provenance for sha256:[0-9a-f]{64}, sha256:/)
    expect(run.log).toMatch(/Rekor log index \d+/)
    expect(svc.tokens.length).toBeGreaterThan(0)
    for (const t of svc.tokens) {
      expect(run.log).not.toContain(t)
      expect(run.log).not.toContain(t.split('.')[1]!)
    }
    expect(run.log).not.toContain(svc.requestToken)
    expect(run.log).not.toContain(GITHUB_TOKEN)
    // The tokens reach the runner only to be masked (::add-mask::, which the runner consumes and never shows).
    for (const t of svc.tokens) expect(run.stdout).toContain(`::add-mask::${t}`)
  })
})

describe('provenance: true in a job that cannot mint an OIDC token', () => {
  it('fails before anything is pushed, naming the permission', async () => {
    const name = uniqueRepo('provenance-no-token')
    const run = await runAction(
      {
        image: `${REGISTRY}/${name}`,
        tags: 'v1',
        provenance: 'true'
      },
      { workdir: await copyFixture('clock', EXAMPLES) }
    )
    expect(run.code).not.toBe(0)
    expect(run.log).toMatch(/::error::provenance: true, but this job cannot mint an OIDC token/)
    expect(run.log).toContain('permissions: id-token: write')
    // Nothing was built, let alone pushed: the repository has no tags at all.
    expect(run.log).not.toMatch(/Build .* for linux\/amd64/)
    const tags = await skopeo(['list-tags', '--tls-verify=false', `docker://${REGISTRY}/${name}`])
    expect(tags.code).not.toBe(0)
    expect(tags.stderr).toMatch(/name unknown|NAME_UNKNOWN|not found/i)
  }, 600_000)

  it('rejects an unknown value, naming the choices', async () => {
    const run = await runAction(
      {
        image: `${REGISTRY}/${uniqueRepo('p')}`,
        provenance: 'yes'
      },
      { workdir: await copyFixture('clock', EXAMPLES) }
    )
    expect(run.log).toContain("::error::provenance: 'yes' is not auto, true or false.")
  }, 600_000)
})

describe('provenance: auto without a token', () => {
  it('pushes the image with one notice and attaches no bundle', async () => {
    const name = uniqueRepo('provenance-auto')
    const run = await runAction(
      { image: `${REGISTRY}/${name}`, tags: 'v1' },
      { workdir: await copyFixture('clock', EXAMPLES) }
    )
    expect(run.code).toBe(0)
    expect(run.log.match(/provenance: auto, and this job cannot mint an OIDC token/g)).toHaveLength(
      1
    )
    expect(run.outputs['attestation-id'] ?? '').toBe('')
    const res = await registryGet(name, `manifests/${run.outputs.digest!.replace(':', '-')}`)
    const listed = res.status === 200 ? (((await res.json()) as Manifest).manifests ?? []) : []
    expect(listed.filter(d => d.artifactType === BUNDLE)).toEqual([])
  }, 600_000)
})
