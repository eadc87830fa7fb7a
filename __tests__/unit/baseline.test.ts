// Reading a baseline from manifests and configs: platform matching in an index, layer roles, a missing tag.
import { describe, expect, it } from '@jest/globals'
import { platformKey, type Platform } from '../../src/platform.js'
import { jsonBlob, MEDIA, sha256, type Blob } from '../../src/oci/image.js'
import { layerNames, readBaseline } from '../../src/registry/baseline.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { parseReference } from '../../src/registry/reference.js'
import { fakeLogger } from './helpers.js'

const ROLES = ['certificates', 'zoneinfo', 'system', 'binary']
const history = (roles: string[]) => [
  { created_by: 'ARG X', empty_layer: true },
  ...roles.map(r => ({ created_by: `COPY ${r}/ / # go-scratch-image` }))
]

function image(arch: string, roles: string[], sizes: number[], variant?: string) {
  const config = jsonBlob(MEDIA.config, {
    os: 'linux',
    architecture: arch,
    ...(variant ? { variant } : {}),
    history: history(roles)
  })
  const manifest = jsonBlob(MEDIA.manifest, {
    schemaVersion: 2,
    config: { mediaType: MEDIA.config, digest: config.digest, size: config.size },
    layers: sizes.map((size, i) => ({
      mediaType: MEDIA.layer,
      digest: sha256(`${arch}${i}`),
      size
    }))
  })
  return { config, manifest }
}

function registry(blobs: Blob[], tags: Record<string, Blob>) {
  const byDigest = new Map(blobs.map(b => [b.digest, b]))
  const reads: string[] = []
  const client = {
    async getManifest(ref: string) {
      reads.push(`manifest ${ref}`)
      return Promise.resolve(tags[ref] ?? byDigest.get(ref))
    },
    async getBlob(digest: string) {
      reads.push(`blob ${digest}`)
      const b = byDigest.get(digest)
      if (!b) throw new Error(`no blob ${digest}`)
      return Promise.resolve(b.data)
    }
  }
  return { client: client as unknown as RegistryClient, reads }
}

describe('layerNames', () => {
  it('reads roles from our COPY history, skipping empty layers', () => {
    expect(layerNames({ history: history(ROLES) }, 4, [])).toEqual(ROLES)
  })

  it('takes the current roles in order for a foreign image with the same layer count', () => {
    expect(
      layerNames({ history: [{ created_by: 'COPY dir:abc in /' }] }, 2, ['system', 'binary'])
    ).toEqual(['system', 'binary'])
  })

  it('numbers the layers otherwise', () => {
    expect(layerNames({}, 2, ['binary'])).toEqual(['layer 1', 'layer 2'])
  })
})

describe('readBaseline', () => {
  it("reads the same platform's manifest and config from an index, and no layer", async () => {
    const amd = image('amd64', ROLES, [10, 20, 3, 400])
    const arm = image('arm64', ROLES, [10, 20, 3, 500])
    const index = jsonBlob(MEDIA.index, {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: MEDIA.manifest,
          digest: amd.manifest.digest,
          size: amd.manifest.size,
          platform: { os: 'linux', architecture: 'amd64' }
        },
        {
          mediaType: MEDIA.manifest,
          digest: arm.manifest.digest,
          size: arm.manifest.size,
          platform: { os: 'linux', architecture: 'arm64' }
        }
      ]
    })
    const { client, reads } = registry([amd.config, amd.manifest, arm.config, arm.manifest], {
      main: index
    })
    const logger = fakeLogger()
    const b = await readBaseline(
      client,
      parseReference('localhost:5000/app:main', 'compare-to'),
      [{ os: 'linux', architecture: 'arm64' }],
      ROLES,
      logger
    )
    expect([...b!.keys()]).toEqual(['linux/arm64'])
    expect(b!.get('linux/arm64')).toEqual({
      reference: 'localhost:5000/app:main',
      digest: arm.manifest.digest,
      platform: 'linux/arm64',
      size: arm.config.size + 533,
      configSize: arm.config.size,
      layers: ROLES.map((name, i) => ({
        name,
        digest: sha256(`arm64${i}`),
        size: [10, 20, 3, 500][i]
      }))
    })
    expect(reads).toEqual([
      'manifest main',
      `manifest ${arm.manifest.digest}`,
      `blob ${arm.config.digest}`
    ])
  })

  // Registries and builders spell the same machine differently; ko's matcher and containerd's take them as one.
  it.each<[string, { architecture: string; variant?: string }, Platform]>([
    [
      'an index listing arm64/v8 for an arm64 build',
      { architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64' }
    ],
    [
      'an index listing arm64 for an arm64/v8 build',
      { architecture: 'arm64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    [
      'an index listing amd64/v1 for an amd64 build',
      { architecture: 'amd64', variant: 'v1' },
      { os: 'linux', architecture: 'amd64' }
    ],
    [
      'an index listing arm for an arm/v7 build',
      { architecture: 'arm' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ]
  ])('matches %s', async (_what, listed, built) => {
    const img = image(listed.architecture, ROLES, [1, 2, 3, 4], listed.variant)
    const index = jsonBlob(MEDIA.index, {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: MEDIA.manifest,
          digest: img.manifest.digest,
          size: img.manifest.size,
          platform: { os: 'linux', ...listed }
        }
      ]
    })
    const { client } = registry([img.config, img.manifest], { main: index })
    const logger = fakeLogger()
    const b = await readBaseline(
      client,
      parseReference('localhost:5000/app:main', 'compare-to'),
      [built],
      ROLES,
      logger
    )
    // Keyed as the build names its platform, so the gate finds it.
    expect([...b!.keys()]).toEqual([platformKey(built)])
    expect(b!.get(platformKey(built))?.digest).toBe(img.manifest.digest)
    expect(logger.lines.join('\n')).not.toContain('has no image for')
  })

  it('matches a single manifest whose config says arm64/v8 with an arm64 build', async () => {
    const arm = image('arm64', ['system', 'binary'], [3, 400], 'v8')
    const { client } = registry([arm.config, arm.manifest], {})
    const b = await readBaseline(
      client,
      parseReference(`localhost:5000/app@${arm.manifest.digest}`, 'compare-to'),
      [{ os: 'linux', architecture: 'arm64' }],
      ['system', 'binary'],
      fakeLogger()
    )
    expect(b!.get('linux/arm64')?.size).toBe(arm.config.size + 403)
  })

  it('takes a single manifest for the platform its config names, and warns about the others', async () => {
    const amd = image('amd64', ['system', 'binary'], [3, 400])
    const digest = amd.manifest.digest
    const { client } = registry([amd.config, amd.manifest], {})
    const logger = fakeLogger()
    const b = await readBaseline(
      client,
      parseReference(`localhost:5000/app@${digest}`, 'compare-to'),
      [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' }
      ],
      ['system', 'binary'],
      logger
    )
    expect(b!.get('linux/amd64')?.size).toBe(amd.config.size + 403)
    expect(logger.lines.join('\n')).toContain(
      `compare-to: localhost:5000/app@${digest} has no image for linux/arm64`
    )
  })

  it('is undefined, with a warning, when the tag does not exist', async () => {
    const { client } = registry([], {})
    const logger = fakeLogger()
    expect(
      await readBaseline(
        client,
        parseReference('localhost:5000/app:new-branch', 'compare-to'),
        [],
        [],
        logger
      )
    ).toBeUndefined()
    expect(logger.lines).toEqual([
      'compare-to: localhost:5000/app:new-branch does not exist yet, so there is nothing to compare with (expected on the first build of a branch).'
    ])
  })
})
