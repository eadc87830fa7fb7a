import { describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  artifactManifest,
  EMPTY_CONFIG,
  mergeReferrers,
  referrersTag,
  type Artifact,
  type Descriptor
} from '../../src/oci/artifact.js'
import { jsonBlob, MEDIA, sha256 } from '../../src/oci/image.js'
import { rfc3339 } from '../../src/source-date-epoch.js'
import { layoutReferrers } from '../../src/oci/layout.js'
import { attachArtifacts } from '../../src/registry/attach.js'
import { nextLink } from '../../src/registry/lists.js'
import { AttachError, registryReferrers } from '../../src/registry/referrers.js'
import { MemoryRegistry, type MemoryRegistryOptions } from '../oci-registry.js'
import { noWait, registryClient } from '../registry-client.js'
import { fakeLogger, withTempDir } from './helpers.js'

const REPO = 'acme/app'
const image = jsonBlob(MEDIA.manifest, {
  schemaVersion: 2,
  mediaType: MEDIA.manifest,
  config: { mediaType: MEDIA.config, digest: sha256('c'), size: 1 },
  layers: []
})
const subject: Descriptor = {
  mediaType: image.mediaType,
  digest: image.digest,
  size: image.size,
  platform: { architecture: 'amd64', os: 'linux' }
}
const sbom: Artifact = {
  artifactType: 'application/spdx+json',
  mediaType: 'application/spdx+json',
  data: Buffer.from('{"spdxVersion":"SPDX-2.3"}')
}
const bundle: Artifact = {
  artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  data: Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}'),
  annotations: { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }
}
const created = rfc3339(1_700_000_000)

function registry(options: MemoryRegistryOptions) {
  const reg = new MemoryRegistry(options)
  // The subject image's config, so that the image itself can be pushed where a test needs it.
  reg.blobs.set(sha256('c'), Buffer.from('c'))
  const { client, logger } = registryClient(`127.0.0.1:5000/${REPO}`, {
    fetch: reg.fetch,
    sleep: noWait
  })
  return { reg, client, logger, store: registryReferrers(client, logger, { created }) }
}

describe('artifactManifest', () => {
  it('is an OCI 1.1 image manifest with artifactType, the empty config, one layer and the subject', () => {
    const { manifest, layer } = artifactManifest(subject, bundle, { created })
    expect(JSON.parse(manifest.data.toString())).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
        size: 2,
        data: 'e30='
      },
      layers: [
        {
          mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          digest: sha256(Buffer.from(bundle.data)),
          size: bundle.data.length
        }
      ],
      // The subject's platform stays out: only what identifies the manifest.
      subject: { mediaType: MEDIA.manifest, digest: image.digest, size: image.size },
      annotations: {
        'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
        'org.opencontainers.image.created': '2023-11-14T22:13:20Z'
      }
    })
    expect(manifest.mediaType).toBe(MEDIA.manifest)
    expect(layer.data.equals(Buffer.from(bundle.data))).toBe(true)
    expect(EMPTY_CONFIG.data.toString()).toBe('{}')
  })

  it('gives the same digest for the same SOURCE_DATE_EPOCH, another for another, none from the clock', () => {
    const a = artifactManifest(subject, sbom, { created }).manifest.digest
    expect(artifactManifest(subject, { ...sbom }, { created }).manifest.digest).toBe(a)
    expect(artifactManifest(subject, sbom, { created: rfc3339(0) }).manifest.digest).not.toBe(a)
    const timeless = artifactManifest(subject, sbom).manifest
    expect(JSON.parse(timeless.data.toString())).not.toHaveProperty('annotations')
    expect(artifactManifest(subject, sbom).manifest.digest).toBe(timeless.digest)
  })
})

describe('referrersTag', () => {
  it('is <alg>-<hex> of the subject digest', () => {
    expect(referrersTag(`sha256:${'a'.repeat(64)}`)).toBe(`sha256-${'a'.repeat(64)}`)
    expect(referrersTag(`sha512:${'b'.repeat(128)}`)).toBe(`sha512-${'b'.repeat(64)}`)
  })
})

describe('nextLink', () => {
  it.each([
    ['</v2/a/referrers/sha256:1?n=1&last=x>; rel="next"', '/v2/a/referrers/sha256:1?n=1&last=x'],
    ['<https://r/v2/a/tags/list?last=b>; rel=next', 'https://r/v2/a/tags/list?last=b'],
    ['<https://r/prev>; rel="prev", <https://r/next>; rel="next"', 'https://r/next'],
    ['<https://r/x>; rel="prev"', undefined],
    [null, undefined]
  ])('%s', (header, next) => expect(nextLink(header)).toBe(next))
})

describe('mergeReferrers', () => {
  const d = (n: string, extra: Partial<Descriptor> = {}): Descriptor => ({
    mediaType: MEDIA.manifest,
    digest: sha256(n),
    size: n.length,
    ...extra
  })
  it('keeps every entry in place, another tool’s included, and adds only what is new', () => {
    const foreign = d('cosign', { artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json' })
    expect(mergeReferrers([foreign, d('a')], [d('a'), d('b'), d('b')])).toEqual([
      foreign,
      d('a'),
      d('b')
    ])
  })
  it('says when nothing changes, so the index is not written again', () => {
    expect(mergeReferrers([d('a')], [d('a')])).toBeUndefined()
  })
})

describe('registryReferrers with the referrers API', () => {
  it('learns the API from OCI-Subject, writes no tag schema, lists through the API and fetches', async () => {
    const { reg, store, logger } = registry({ referrersApi: true, applyFilter: true })
    const attached = await store.attach(subject, [sbom, bundle])
    expect(attached.map(a => a.artifactType)).toEqual([sbom.artifactType, bundle.artifactType])
    expect([...reg.tagsOf(REPO).keys()]).toEqual([])
    expect(reg.requests.some(r => r.path.includes('/manifests/sha256-'))).toBe(false)
    expect(logger.lines.join('\n')).toMatch(/has the referrers API \(OCI-Subject sha256:/)

    const bundles = await store.list(subject.digest, bundle.artifactType)
    expect(bundles).toEqual([
      {
        mediaType: MEDIA.manifest,
        digest: attached[1]!.digest,
        size: attached[1]!.size,
        artifactType: bundle.artifactType,
        annotations: {
          'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
          'org.opencontainers.image.created': created
        }
      }
    ])
    const asked = reg.requests.filter(r => r.path.includes('/referrers/'))
    expect(asked.map(r => r.query.get('artifactType'))).toEqual([bundle.artifactType])
    expect(
      Buffer.from(await store.fetch(bundles[0]!.digest)).equals(Buffer.from(bundle.data))
    ).toBe(true)
  })

  it('filters itself when the registry ignores artifactType, and follows Link pages', async () => {
    const { reg, store } = registry({ referrersApi: true, applyFilter: false, pageSize: 1 })
    const other: Artifact = { ...sbom, artifactType: 'application/vnd.cyclonedx+json' }
    await store.attach(subject, [sbom, bundle, other])
    expect((await store.list(subject.digest)).length).toBe(3)
    // Three pages of one: the Link header's next page, with its query, each time.
    const pages = reg.requests.filter(r => r.path.includes('/referrers/'))
    expect(pages.length).toBe(3)
    expect(pages[1]!.query.get('last')).toBeTruthy()
    const only = await store.list(subject.digest, other.artifactType)
    expect(only.map(d => d.artifactType)).toEqual([other.artifactType])
  })
})

describe('registryReferrers without the referrers API (the tag schema)', () => {
  it('keeps another tool’s entry, adds once, and a second attach adds to the same index', async () => {
    const { reg, client, store } = registry({ referrersApi: false })
    const tag = referrersTag(subject.digest)
    const foreign: Descriptor = {
      mediaType: MEDIA.manifest,
      digest: sha256('a cosign signature'),
      size: 18,
      artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json'
    }
    await client.putManifest(
      tag,
      jsonBlob(MEDIA.index, {
        schemaVersion: 2,
        mediaType: MEDIA.index,
        manifests: [foreign],
        annotations: { 'com.example.tool': 'x' }
      })
    )
    const first = await store.attach(subject, [sbom])
    await store.attach(subject, [sbom]) // the same build again: nothing new
    const second = await store.attach(subject, [bundle])
    const index = JSON.parse(reg.manifest(REPO, tag)!.data.toString()) as {
      manifests: Descriptor[]
      annotations: Record<string, string>
    }
    expect(index.manifests.map(d => d.digest)).toEqual([
      foreign.digest,
      first[0]!.digest,
      second[0]!.digest
    ])
    expect(index.annotations).toEqual({ 'com.example.tool': 'x' })
    expect(index.manifests[2]).toMatchObject({
      artifactType: bundle.artifactType,
      annotations: { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }
    })
    // Each write of the index carries If-Match with the ETag it was read with.
    const writes = reg.requests.filter(r => r.method === 'PUT' && r.path.endsWith(`/${tag}`))
    expect(writes.slice(1).every(r => /^"sha256:/.test(r.headers['if-match'] ?? ''))).toBe(true)
    expect((await store.list(subject.digest, sbom.artifactType)).map(d => d.digest)).toEqual([
      first[0]!.digest
    ])
  })

  it('reads the index again when the registry refuses a stale write with 412', async () => {
    const { reg, store, client } = registry({ referrersApi: false })
    const tag = referrersTag(subject.digest)
    const sneaky: Descriptor = { mediaType: MEDIA.manifest, digest: sha256('late'), size: 4 }
    await client.putManifest(tag, jsonBlob(MEDIA.index, JSON.parse(referrersJson([]))))
    const handle = reg.handle.bind(reg)
    let raced = false
    // Another writer updates the tag between this client's read and its write, once.
    reg.handle = (method, url, headers, body) => {
      if (!raced && method === 'PUT' && url.pathname.endsWith(`/${tag}`)) {
        raced = true
        handle('PUT', url, {}, Buffer.from(referrersJson([sneaky])))
      }
      return handle(method, url, headers, body)
    }
    await store.attach(subject, [sbom])
    const index = JSON.parse(reg.manifest(REPO, tag)!.data.toString()) as {
      manifests: Descriptor[]
    }
    expect(index.manifests.map(d => d.digest)).toEqual([
      sneaky.digest,
      artifactManifest(subject, sbom, { created }).manifest.digest
    ])
  })

  it('reads its write back, and writes again when another writer replaced the index (If-Match ignored)', async () => {
    const { reg, client, logger } = registry({ referrersApi: false, ignoreIfMatch: true })
    const waits: number[] = []
    // A registry 40 ms away: each request moves the clock by that much, and nothing else does.
    let clock = 0
    const store = registryReferrers(
      client,
      logger,
      { created },
      { now: () => clock, sleep: async ms => void waits.push(ms), random: () => 0 }
    )
    const tag = referrersTag(subject.digest)
    const theirs: Descriptor = {
      mediaType: MEDIA.manifest,
      digest: sha256('their cyclonedx sbom'),
      size: 20,
      artifactType: 'application/vnd.cyclonedx+json'
    }
    const handle = reg.handle.bind(reg)
    let raced = false
    // Another step read the tag before this write (nothing there) and its write, of its own entry alone, lands
    // just after: as distribution 2.8 does, the registry takes it whatever If-Match says.
    reg.handle = (method, url, headers, body) => {
      clock += 40
      const answer = handle(method, url, headers, body)
      if (!raced && method === 'PUT' && url.pathname.endsWith(`/${tag}`)) {
        raced = true
        handle('PUT', url, { 'content-type': MEDIA.index }, Buffer.from(referrersJson([theirs])))
      }
      return answer
    }
    const attached = await store.attach(subject, [sbom])
    const index = JSON.parse(reg.manifest(REPO, tag)!.data.toString()) as {
      manifests: Descriptor[]
    }
    expect(index.manifests.map(d => d.digest)).toEqual([theirs.digest, attached[0]!.digest])
    const writes = reg.requests.filter(r => r.method === 'PUT' && r.path.endsWith(`/${tag}`))
    // This run's write, the other step's, and this run's again, merged.
    expect(writes).toHaveLength(3)
    expect(logger.lines.join('\n')).toContain(
      `${tag}: another writer replaced it and 1 of this run's artifact(s) are missing; writing them again`
    )
    // Each write was read back after twice its own read and write (two requests, 80 ms): a writer as slow as this
    // one has written by then. No fixed floor: a near registry is not made to wait a quarter of a second.
    expect(waits).toEqual([160, 160])
  })

  it('fails after its budget when another writer keeps replacing the index, naming what is missing', async () => {
    const reg = new MemoryRegistry({ referrersApi: false, ignoreIfMatch: true })
    const { client, logger } = registryClient(`127.0.0.1:5000/${REPO}`, {
      fetch: reg.fetch,
      sleep: noWait
    })
    let clock = 0
    const store = registryReferrers(
      client,
      logger,
      { created },
      { now: () => clock, sleep: async ms => void (clock += ms), random: () => 0, budgetMs: 2000 }
    )
    const tag = referrersTag(subject.digest)
    const handle = reg.handle.bind(reg)
    reg.handle = (method, url, headers, body) => {
      const answer = handle(method, url, headers, body)
      if (method === 'PUT' && url.pathname.endsWith(`/${tag}`))
        handle('PUT', url, { 'content-type': MEDIA.index }, Buffer.from(referrersJson([])))
      return answer
    }
    const err = (await store.attach(subject, [sbom, bundle]).catch(e => e)) as AttachError
    expect(err).toBeInstanceOf(AttachError)
    const [spdx, signed] = [sbom, bundle].map(
      a => artifactManifest(subject, a, { created }).manifest
    )
    expect(err.failed.map(f => f.digest)).toEqual([spdx!.digest, signed!.digest])
    expect(err.failed[0]!.reason).toBe(
      `pushed, but the referrers tag ${tag} could not be updated: another writer kept replacing it: after 200 ` +
        `writes in 2 s it still lacks ${sbom.artifactType} (${spdx!.digest}), ${bundle.artifactType} ` +
        `(${signed!.digest}) for ${subject.digest}`
    )
  })

  it('refuses to overwrite a tag that holds something other than a referrers list', async () => {
    const { client, store } = registry({ referrersApi: false })
    await client.putManifest(referrersTag(subject.digest), image)
    const err = (await store.attach(subject, [sbom]).catch(e => e)) as AttachError
    expect(err).toBeInstanceOf(AttachError)
    expect(err.failed[0]!.reason).toMatch(/holds something other than a referrers list/)
  })
})

function referrersJson(manifests: Descriptor[]): string {
  return JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests })
}

describe('attachArtifacts', () => {
  it('fails naming the pushed image and each artifact not attached, with the registry’s answer', async () => {
    const { store } = registry({ referrersApi: false, rejectSubject: true })
    const err = (await attachArtifacts({
      attachments: [{ subject, artifacts: [sbom, bundle] }],
      registries: [{ name: `127.0.0.1:5000/${REPO}`, store }],
      image: { digest: image.digest, tags: ['v1', 'latest'] },
      logger: fakeLogger()
    }).catch(e => e)) as Error
    expect(err.message).toContain(
      `The image was pushed by digest (127.0.0.1:5000/${REPO}@${image.digest}), but 2 artifact(s) were not attached to it, so none of its tags (v1, latest) was written:`
    )
    expect(err.message).toContain('application/spdx+json')
    expect(err.message).toContain('application/vnd.dev.sigstore.bundle.v0.3+json')
    expect(err.message).toContain(
      'HTTP 400 (MANIFEST_INVALID: manifest invalid: subject is not supported)'
    )
    expect(err.message).not.toMatch(/media-types: docker/)
    expect(err.message.split('\n').at(-1)).toMatch(
      /^This registry refuses OCI 1.1 artifact manifests/
    )
  })

  it('attaches nothing to a registry when nothing was pushed, but still to the layout', async () => {
    await withTempDir(async dir => {
      await writeLayout(dir)
      const out = await attachArtifacts({
        attachments: [{ subject, artifacts: [sbom] }],
        registries: [],
        layout: layoutReferrers(dir, { created }),
        image: { digest: image.digest, tags: [] },
        logger: fakeLogger()
      })
      expect(out.registries).toEqual([])
      expect(out.layout.map(a => a.artifactType)).toEqual([sbom.artifactType])
    })
  })
})

async function writeLayout(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true })
  await writeFile(path.join(dir, 'blobs', 'sha256', image.digest.slice(7)), image.data)
  await writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  const entry = {
    mediaType: image.mediaType,
    digest: image.digest,
    size: image.size,
    annotations: { 'org.opencontainers.image.ref.name': 'v1' }
  }
  await writeFile(path.join(dir, 'index.json'), referrersJson([entry]))
}

describe('layoutReferrers', () => {
  it('adds untagged index.json entries beside the tagged image, lists and fetches them', async () => {
    await withTempDir(async dir => {
      await writeLayout(dir)
      const store = layoutReferrers(dir, { created })
      const [a, b] = await Promise.all([
        store.attach(subject, [sbom]),
        store.attach(subject, [bundle])
      ])
      await store.attach(subject, [sbom])
      const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {
        manifests: Descriptor[]
      }
      expect(
        index.manifests.map(d => d.annotations?.['org.opencontainers.image.ref.name'])
      ).toEqual(['v1', undefined, undefined])
      expect(index.manifests.slice(1).map(d => d.digest)).toEqual([a![0]!.digest, b![0]!.digest])
      const listed = await store.list(subject.digest, bundle.artifactType)
      expect(listed.map(d => d.digest)).toEqual([b![0]!.digest])
      expect(await store.list(sha256('another image'))).toEqual([])
      expect(Buffer.from(await store.fetch(a![0]!.digest)).toString()).toBe(
        Buffer.from(sbom.data).toString()
      )
    })
  })
})
