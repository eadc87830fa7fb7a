// The referrer writer against real registries: distribution 2.8 (no referrers API: the sha256-<hex> tag schema),
// a loopback server that answers as a distribution-spec 1.1 registry with the referrers API, a registry that
// refuses artifact manifests, and the OCI layout read back by skopeo.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { referrersTag, type Artifact, type Descriptor } from '../../src/oci/artifact.js'
import { jsonBlob, MEDIA, type BuiltImage } from '../../src/oci/image.js'
import { rfc3339 } from '../../src/source-date-epoch.js'
import { layoutReferrers, writeOciLayout } from '../../src/oci/layout.js'
import { attachArtifacts } from '../../src/registry/attach.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { pushImages } from '../../src/registry/push.js'
import { registryReferrers } from '../../src/registry/referrers.js'
import { registryFetch } from '../../src/registry/transport.js'
import { MemoryRegistry } from '../oci-registry.js'
import { registryClient } from '../registry-client.js'
import { appImage, fakeLogger } from '../unit/helpers.js'
import { skopeo } from './commands.js'
import { tempDir } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'
import { hasTag, layoutEntries, rawManifest, refusingProxy } from './referrers-harness.js'

const created = rfc3339(1_700_000_000)

function client(host: string, repo: string): RegistryClient {
  return registryClient(`${host}/${repo}`, { fetch: registryFetch({ timeoutMs: 60_000 }) }).client
}

async function pushed(host: string, repo: string, img: BuiltImage, tags: string[]) {
  const c = client(host, repo)
  await c.login()
  await pushImages(c, [img], img.manifest, tags, fakeLogger())
  return c
}

const subjectOf = (img: BuiltImage): Descriptor => ({
  mediaType: img.manifest.mediaType,
  digest: img.manifest.digest,
  size: img.manifest.size
})

const artifact = (artifactType: string, text: string, annotations?: Record<string, string>) =>
  ({
    artifactType,
    mediaType: artifactType,
    data: Buffer.from(text),
    ...(annotations ? { annotations } : {})
  }) satisfies Artifact

const SPDX = artifact('application/spdx+json', '{"spdxVersion":"SPDX-2.3","name":"app"}')
const REPORT = artifact('application/vnd.go-scratch-image.report.v1+json', '{"version":1}')
const BUNDLE = artifact(
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}',
  { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }
)

describe('distribution 2.8 (no referrers API): the referrers tag schema', () => {
  it('lists two artifacts in sha256-<hex>, keeps another tool’s entry, and a second build adds to it', async () => {
    const repo = uniqueRepo('referrers')
    const binary = randomBytes(2048)
    const img = await appImage(binary)
    const c = await pushed(REGISTRY, repo, img, ['v1'])
    const tag = referrersTag(img.manifest.digest)

    // Another tool was there first: its artifact manifest (distribution checks an index's manifests exist) and
    // its referrers index, with an annotation of its own.
    const other = artifact('application/vnd.example.other-tool+json', '{"other":true}')
    const otherStore = registryReferrers(c, fakeLogger())
    const [foreign] = await otherStore.attach(subjectOf(img), [other])
    const theirs = jsonBlob(MEDIA.index, {
      schemaVersion: 2,
      mediaType: MEDIA.index,
      manifests: [
        {
          mediaType: MEDIA.manifest,
          digest: foreign!.digest,
          size: foreign!.size,
          artifactType: other.artifactType,
          annotations: { 'com.example.tool': 'other' }
        }
      ],
      annotations: { 'com.example.written-by': 'another tool' }
    })
    await c.putManifest(tag, theirs)

    const logger = fakeLogger()
    const store = registryReferrers(c, logger, { created })
    const first = await store.attach(subjectOf(img), [SPDX, REPORT])
    expect(logger.lines.join('\n')).toContain('has no referrers API (no OCI-Subject header)')

    // skopeo, reading the registry directly, sees the referrers index under the tag schema.
    const index = (await rawManifest(`docker://${REGISTRY}/${repo}:${tag}`)) as {
      mediaType: string
      manifests: Descriptor[]
      annotations: Record<string, string>
    }
    expect(index.mediaType).toBe(MEDIA.index)
    expect(index.annotations).toEqual({ 'com.example.written-by': 'another tool' })
    expect(index.manifests.map(d => [d.digest, d.artifactType])).toEqual([
      [foreign!.digest, other.artifactType],
      [first[0]!.digest, SPDX.artifactType],
      [first[1]!.digest, REPORT.artifactType]
    ])
    expect(index.manifests[0]!.annotations).toEqual({ 'com.example.tool': 'other' })
    expect(index.manifests[1]!.annotations).toEqual({ 'org.opencontainers.image.created': created })

    // Each artifact is an image manifest whose subject is the pushed digest, its layer the bytes attached.
    const sbomManifest = (await rawManifest(
      `docker://${REGISTRY}/${repo}@${first[0]!.digest}`
    )) as {
      artifactType: string
      subject: Descriptor
      config: Descriptor
    }
    expect(sbomManifest.artifactType).toBe('application/spdx+json')
    expect(sbomManifest.subject.digest).toBe(img.manifest.digest)
    expect(sbomManifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json')
    expect(Buffer.from(await store.fetch(first[0]!.digest)).toString()).toBe(SPDX.data.toString())
    const reports = await registryReferrers(c, fakeLogger()).list(
      img.manifest.digest,
      REPORT.artifactType
    )
    expect(reports.map(d => d.digest)).toEqual([first[1]!.digest])

    // A second build of the same source: the same digest, pushed again, with the same SBOM and a new bundle.
    const again = await appImage(binary)
    expect(again.manifest.digest).toBe(img.manifest.digest)
    const c2 = await pushed(REGISTRY, repo, again, ['v2'])
    const second = await registryReferrers(c2, fakeLogger(), { created }).attach(subjectOf(again), [
      SPDX,
      BUNDLE
    ])
    expect(second[0]!.digest).toBe(first[0]!.digest)
    const after = (await rawManifest(`docker://${REGISTRY}/${repo}:${tag}`)) as {
      manifests: Descriptor[]
    }
    expect(after.manifests.map(d => d.digest)).toEqual([
      foreign!.digest,
      first[0]!.digest,
      first[1]!.digest,
      second[1]!.digest
    ])
    expect(after.manifests[3]!.annotations).toMatchObject(BUNDLE.annotations!)

    // The image is untouched: the tag is its manifest, not an index with the attestations as platforms.
    const top = await rawManifest(`docker://${REGISTRY}/${repo}:v2`)
    expect(top.mediaType).toBe(MEDIA.manifest)
    const inspected = await skopeo([
      'inspect',
      '--tls-verify=false',
      `docker://${REGISTRY}/${repo}:v1`
    ])
    expect(inspected.code).toBe(0)
    expect((JSON.parse(inspected.stdout) as { Digest: string }).Digest).toBe(img.manifest.digest)
  })
})

describe('a registry with the referrers API (distribution-spec 1.1, served on 127.0.0.1)', () => {
  let reg: MemoryRegistry
  let server: { host: string; close: () => Promise<void> }
  beforeAll(async () => {
    // Stands for the documented behaviour of spec.md "Pushing Manifests with Subject" (201 with an OCI-Subject
    // header) and "Listing Referrers" (GET /v2/<name>/referrers/<digest> answers an image index of descriptors
    // with artifactType and annotations; ?artifactType= filters, said by OCI-Filters-Applied: artifactType).
    reg = new MemoryRegistry({ referrersApi: true, applyFilter: true })
    server = await reg.listen()
  })
  afterAll(() => server.close())

  it('uses the API, never writes the sha256-<hex> tag, and lists by artifactType', async () => {
    const repo = 'acme/app'
    const img = await appImage(randomBytes(1024))
    const c = await pushed(server.host, repo, img, ['v1'])
    const logger = fakeLogger()
    const store = registryReferrers(c, logger, { created })
    const attached = await store.attach(subjectOf(img), [SPDX, BUNDLE])
    expect(logger.lines.join('\n')).toContain(
      `has the referrers API (OCI-Subject ${img.manifest.digest})`
    )
    expect([...reg.tagsOf(repo).keys()]).toEqual(['v1'])
    expect(reg.requests.filter(r => r.path.includes('/manifests/sha256-'))).toEqual([])

    const bundles = await registryReferrers(c, fakeLogger()).list(
      img.manifest.digest,
      BUNDLE.artifactType
    )
    expect(bundles).toEqual([
      {
        mediaType: MEDIA.manifest,
        digest: attached[1]!.digest,
        size: attached[1]!.size,
        artifactType: BUNDLE.artifactType,
        annotations: { ...BUNDLE.annotations, 'org.opencontainers.image.created': created }
      }
    ])
    const asked = reg.requests.filter(
      r => r.path === `/v2/${repo}/referrers/${img.manifest.digest}`
    )
    expect(asked.at(-1)!.query.get('artifactType')).toBe(BUNDLE.artifactType)
    expect(Buffer.from(await store.fetch(attached[1]!.digest)).toString()).toBe(
      BUNDLE.data.toString()
    )
  })

  it('filters itself when the registry ignores artifactType (no OCI-Filters-Applied), across pages', async () => {
    // "If the registry does not support filtering, it MUST NOT set OCI-Filters-Applied": the client filters.
    const loose = new MemoryRegistry({ referrersApi: true, applyFilter: false, pageSize: 1 })
    const s = await loose.listen()
    try {
      const img = await appImage(randomBytes(1024))
      const c = await pushed(s.host, 'acme/app', img, ['v1'])
      const attached = await registryReferrers(c, fakeLogger()).attach(subjectOf(img), [
        SPDX,
        REPORT,
        BUNDLE
      ])
      const reports = await registryReferrers(c, fakeLogger()).list(
        img.manifest.digest,
        REPORT.artifactType
      )
      expect(reports.map(d => d.digest)).toEqual([attached[1]!.digest])
      expect(loose.requests.filter(r => r.path.includes('/referrers/')).length).toBe(3)
      expect([...loose.tagsOf('acme/app').keys()]).toEqual(['v1'])
    } finally {
      await s.close()
    }
  })
})

describe('a registry that refuses artifact manifests', () => {
  it('fails saying the image was pushed (digest, tags) and which artifacts were not attached, and why', async () => {
    const proxy = await refusingProxy(REGISTRY)
    try {
      const repo = uniqueRepo('refused')
      const img = await appImage(randomBytes(1024))
      const c = await pushed(proxy.host, repo, img, ['v1', 'latest'])
      const err = (await attachArtifacts({
        attachments: [{ subject: subjectOf(img), artifacts: [SPDX, BUNDLE] }],
        registries: [{ name: `${proxy.host}/${repo}`, store: registryReferrers(c, fakeLogger()) }],
        image: { digest: img.manifest.digest, tags: ['v1', 'latest'] },
        logger: fakeLogger()
      }).catch((e: unknown) => e)) as Error
      expect(err).toBeInstanceOf(Error)
      expect(err.message).toContain(
        `The image was pushed by digest (${proxy.host}/${repo}@${img.manifest.digest}), but 2 artifact(s) were not attached to it, so none of its tags (v1, latest) was written:`
      )
      expect(err.message).toContain('application/spdx+json')
      expect(err.message).toContain('application/vnd.dev.sigstore.bundle.v0.3+json')
      expect(err.message).toContain('HTTP 400 (MANIFEST_INVALID: manifest invalid)')
      // The image itself is in the registry (tagged by this test's own push); no referrers tag was written.
      const direct = await skopeo([
        'inspect',
        '--tls-verify=false',
        `docker://${REGISTRY}/${repo}:latest`
      ])
      expect((JSON.parse(direct.stdout) as { Digest: string }).Digest).toBe(img.manifest.digest)
      const tag = referrersTag(img.manifest.digest)
      expect(await hasTag(repo, tag)).toBe(false)
    } finally {
      await proxy.close()
    }
  })
})

describe('the OCI layout', () => {
  it('keeps the artifacts beside the image: skopeo still reads the tag, no platform is added', async () => {
    const dir = path.join(await tempDir(), 'layout')
    const img = await appImage(randomBytes(1024))
    const ref = await writeOciLayout(dir, [img], img.manifest, ['v1'])
    const store = layoutReferrers(dir, { created })
    const attached = await store.attach(subjectOf(img), [SPDX, BUNDLE])
    expect((await layoutEntries(dir)).map(d => [d.digest, d.artifactType])).toEqual([
      [img.manifest.digest, undefined],
      [attached[0]!.digest, SPDX.artifactType],
      [attached[1]!.digest, BUNDLE.artifactType]
    ])
    const inspected = await skopeo(['inspect', ref])
    expect(inspected.code).toBe(0)
    expect((JSON.parse(inspected.stdout) as { Digest: string }).Digest).toBe(img.manifest.digest)
    expect((await rawManifest(ref)).mediaType).toBe(MEDIA.manifest)
    const blob = await readFile(path.join(dir, 'blobs', 'sha256', attached[0]!.digest.slice(7)))
    expect((JSON.parse(blob.toString()) as { subject: Descriptor }).subject.digest).toBe(
      img.manifest.digest
    )
    expect((await store.list(img.manifest.digest)).map(d => d.digest)).toEqual(
      attached.map(a => a.digest)
    )
  })
})
