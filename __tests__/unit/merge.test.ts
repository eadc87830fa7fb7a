// Matrix legs and their merge: the merge-digests input, digest files, the checks on legs, their index and sizes,
// and the inputs that cannot go together.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseConfig } from '../../src/config.js'
import { parseCacheMode } from '../../src/config-matrix.js'
import { parseMergeDigests, readLegReports, writeDigestFile } from '../../src/merge/digests.js'
import { checkLegs, legSize, mergedIndex, type Leg } from '../../src/merge/legs.js'
import { jsonBlob, MEDIA, DOCKER_MEDIA, sha256 } from '../../src/oci/image.js'
import { InputError } from '../../src/ports.js'
import type { PlatformSize } from '../../src/report/size.js'
import { tempDir } from './helpers.js'

const hex = (c: string): string => c.repeat(64)
const D1 = `sha256:${hex('a')}`
const D2 = `sha256:${hex('b')}`

let dir = ''
let cleanup: () => Promise<void> = async () => undefined
beforeEach(async () => ({ dir, cleanup } = await tempDir('gsi-merge-')))
afterEach(() => cleanup())

describe('parseMergeDigests', () => {
  it('takes digests as lines or commas, with or without sha256:', () => {
    expect(parseMergeDigests(`${D1}\n# leg two\n${hex('b')}\n`, dir)).toEqual({ digests: [D1, D2] })
    expect(parseMergeDigests(`${D1}, ${D2}`, dir)).toEqual({ digests: [D1, D2] })
    expect(parseMergeDigests('  \n', dir)).toEqual({ digests: [] })
  })

  it('reads a folder of digest files (relative to the workspace), as download-artifact leaves them', async () => {
    await mkdir(path.join(dir, 'digests'))
    await writeFile(path.join(dir, 'digests', hex('b')), '')
    await writeFile(path.join(dir, 'digests', hex('a')), '')
    expect(parseMergeDigests('digests', dir)).toEqual({
      digests: [D1, D2],
      dir: path.join(dir, 'digests')
    })
  })

  it.each<[string, string]>([
    [
      'sha256:abc',
      "merge-digests: 'sha256:abc' is not a digest. Give sha256: followed by 64 lowercase hex digits"
    ],
    [`sha512:${hex('a')}`, `merge-digests: 'sha512:${hex('a')}' is not a digest.`],
    [`sha256:${hex('A')}`, 'is not a digest'],
    ['no/such/folder', "merge-digests: 'no/such/folder' is not a digest."],
    [`${D1}\n${hex('a')}`, `merge-digests: ${D1} is listed twice.`]
  ])('refuses %j', (raw, message) => {
    expect(() => parseMergeDigests(raw, dir)).toThrow(InputError)
    expect(() => parseMergeDigests(raw, dir)).toThrow(message)
  })

  it('refuses an empty folder and a file in it that is not a digest, naming the folder', async () => {
    await mkdir(path.join(dir, 'empty'))
    expect(() => parseMergeDigests('empty', dir)).toThrow(
      `merge-digests: the folder ${path.join(dir, 'empty')} holds no digest files.`
    )
    await writeFile(path.join(dir, 'empty', 'notes.txt'), '')
    expect(() => parseMergeDigests('empty', dir)).toThrow(
      `merge-digests (a file in ${path.join(dir, 'empty')}): 'notes.txt' is not a digest.`
    )
  })
})

describe('digest files', () => {
  const sizes: PlatformSize[] = [
    {
      platform: 'linux/arm64',
      size: 1200,
      uncompressedSize: 3000,
      configSize: 200,
      binarySize: 2500,
      layers: [{ name: 'binary', digest: D2, size: 1000, uncompressedSize: 2500 }]
    }
  ]

  it("writes RUNNER_TEMP/digests/<hex> holding the leg's sizes, which the merge reads back", async () => {
    const file = await writeDigestFile(dir, D1, sizes)
    expect(file).toBe(path.join(dir, 'digests', hex('a')))
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ digest: D1, sizes })
    // Docker's recipe touches empty files; those are digests without reports.
    await writeFile(path.join(dir, 'digests', hex('c')), '')
    expect(parseMergeDigests(path.join(dir, 'digests'), '/elsewhere').digests).toEqual([
      D1,
      `sha256:${hex('c')}`
    ])
    expect(await readLegReports(path.join(dir, 'digests'))).toEqual(sizes)
    expect(await readLegReports(undefined)).toEqual([])
  })
})

/** A leg as the registry would serve it: a manifest over a config and layers. */
function leg(
  architecture: string,
  o: {
    variant?: string
    layers?: { digest: string; size: number }[]
    docker?: boolean
    annotations?: Record<string, string>
  } = {}
): Leg {
  const config = {
    architecture,
    ...(o.variant ? { variant: o.variant } : {}),
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    history: [
      { created_by: 'COPY certificates/ / # go-scratch-image' },
      { created_by: 'COPY binary/ / # go-scratch-image' }
    ]
  }
  const configBlob = jsonBlob(MEDIA.config, config)
  const layers = o.layers ?? [
    { digest: sha256(`certs-${architecture}`), size: 100 },
    { digest: sha256(`bin-${architecture}`), size: 5000 }
  ]
  const type = o.docker ? DOCKER_MEDIA.manifest : MEDIA.manifest
  const doc = {
    schemaVersion: 2,
    mediaType: type,
    config: { mediaType: MEDIA.config, digest: configBlob.digest, size: configBlob.size },
    layers: layers.map(l => ({ mediaType: MEDIA.layer, ...l })),
    ...(o.annotations ? { annotations: o.annotations } : {})
  }
  const manifest = jsonBlob(type, doc)
  return {
    from: manifest.digest,
    manifest,
    doc,
    config,
    platform: { os: 'linux', architecture, ...(o.variant ? { variant: o.variant } : {}) }
  }
}

describe('checkLegs', () => {
  it('accepts different platforms, arm variants included', () => {
    expect(() =>
      checkLegs([
        leg('amd64'),
        leg('arm64'),
        leg('arm', { variant: 'v6' }),
        leg('arm', { variant: 'v7' })
      ])
    ).not.toThrow()
  })

  it('refuses a platform that appears twice, naming both digests', () => {
    const a = leg('arm64')
    const b = leg('arm64', { layers: [{ digest: sha256('other'), size: 1 }] })
    expect(() => checkLegs([leg('amd64'), a, b])).toThrow(
      `merge-digests: linux/arm64 appears twice (${a.from} and ${b.from}).`
    )
    // arm64 and arm64/v8 are one platform.
    expect(() => checkLegs([a, leg('arm64', { variant: 'v8' })])).toThrow('appears twice')
  })

  it('refuses OCI and Docker manifests together', () => {
    expect(() => checkLegs([leg('amd64'), leg('arm64', { docker: true })])).toThrow(
      "merge-digests: the legs' manifests are of different media types"
    )
  })
})

describe('mergedIndex', () => {
  it('lists each leg with its platform, and carries the OCI annotations', () => {
    const annotations = { 'org.opencontainers.image.revision': 'abc' }
    const legs = [leg('amd64', { annotations }), leg('arm', { variant: 'v7', annotations })]
    const index = mergedIndex(legs, { 'org.opencontainers.image.source': 'unused' })
    expect(index.mediaType).toBe(MEDIA.index)
    expect(JSON.parse(index.data.toString())).toEqual({
      schemaVersion: 2,
      mediaType: MEDIA.index,
      manifests: legs.map(l => ({
        mediaType: MEDIA.manifest,
        digest: l.manifest.digest,
        size: l.manifest.size,
        platform: l.platform
      })),
      annotations
    })
    expect(index.digest).toBe(sha256(index.data))
  })

  it("uses the run's OCI labels when the legs have no annotations", () => {
    const fallback = { 'org.opencontainers.image.source': 'https://github.com/acme/app' }
    const index = JSON.parse(mergedIndex([leg('amd64')], fallback).data.toString()) as {
      annotations: unknown
    }
    expect(index.annotations).toEqual(fallback)
  })

  it('makes a Docker manifest list of Docker manifests', () => {
    const index = mergedIndex([leg('amd64', { docker: true }), leg('arm64', { docker: true })], {})
    expect(index.mediaType).toBe(DOCKER_MEDIA.index)
    expect(JSON.parse(index.data.toString())).not.toHaveProperty('annotations')
  })
})

describe('legSize', () => {
  it('reads compressed sizes from the manifest and layer roles from the config history', () => {
    const l = leg('amd64')
    const s = legSize(l)
    expect(s).toEqual({
      platform: 'linux/amd64',
      size: l.doc.config!.size + 5100,
      uncompressedSize: 0,
      configSize: l.doc.config!.size,
      binarySize: 0,
      layers: [
        { name: 'certificates', digest: sha256('certs-amd64'), size: 100, uncompressedSize: 0 },
        { name: 'binary', digest: sha256('bin-amd64'), size: 5000, uncompressedSize: 0 }
      ]
    })
  })

  it("takes uncompressed and binary sizes from the leg's report when its layers are the manifest's", () => {
    const l = leg('amd64')
    const report: PlatformSize = {
      platform: 'linux/amd64',
      size: 0,
      uncompressedSize: 9000,
      configSize: 0,
      binarySize: 8000,
      layers: [
        { name: 'certificates', digest: sha256('certs-amd64'), size: 100, uncompressedSize: 1000 },
        { name: 'binary', digest: sha256('bin-amd64'), size: 5000, uncompressedSize: 8000 }
      ]
    }
    const stale = {
      ...report,
      binarySize: 1,
      layers: [{ ...report.layers[1]!, digest: sha256('old') }]
    }
    const s = legSize(l, [stale, report])
    expect(s.uncompressedSize).toBe(9000)
    expect(s.binarySize).toBe(8000)
    expect(s.size).toBe(l.doc.config!.size + 5100)
    // A report of other layers (an older build) is not used.
    expect(legSize(l, [stale]).binarySize).toBe(0)
  })
})

describe('inputs that do not go together', () => {
  const parse = (inputs: Record<string, string>) =>
    parseConfig(name => inputs[name] ?? '', { GITHUB_WORKSPACE: dir })

  it.each<[Record<string, string>, string]>([
    [
      { image: 'r.io/a/b', 'merge-digests': D1, platforms: 'linux/amd64,linux/arm64' },
      `merge-digests: '${D1}' cannot go with platforms: 'linux/amd64,linux/arm64': a merge builds nothing`
    ],
    [
      { image: 'r.io/a/b', 'merge-digests': D1, 'push-by-digest': 'true' },
      'cannot go with push-by-digest: true'
    ],
    [{ image: 'r.io/a/b', 'merge-digests': D1, push: 'false' }, 'cannot go with push: false'],
    [{ image: 'r.io/a/b', 'merge-digests': D1, load: 'true' }, 'cannot go with load: true'],
    [
      { image: 'r.io/a/b', 'merge-digests': 'sha256:123' },
      "merge-digests: 'sha256:123' is not a digest."
    ],
    [{ image: 'r.io/a/b', 'push-by-digest': 'yes' }, "push-by-digest: 'yes' is not a boolean."],
    [
      { image: 'r.io/a/b', push: 'false', 'push-by-digest': 'true' },
      'push-by-digest: true needs push: true'
    ],
    [{ image: 'r.io/a/b', cache: 'write' }, "cache: 'write' is not true, false or read."],
    [
      { image: 'r.io/a/b', 'tags-latest': 'always' },
      "tags-latest: 'always' is not auto, true or false."
    ],
    [{ image: 'r.io/a/b', tags: 'type=bogus' }, 'tags: unknown type=bogus'],
    [
      { image: 'r.io/a/b', tags: 'type=raw,value={{.Name}}' },
      'tags: unknown template key {{.Name}}'
    ]
  ])('%j', (inputs, message) => {
    expect(() => parse(inputs)).toThrow(InputError)
    expect(() => parse(inputs)).toThrow(message)
  })

  it('parses a merge step, a leg and the cache controls', () => {
    const merge = parse({
      image: 'r.io/a/b',
      'merge-digests': `${D1}\n${D2}`,
      tags: 'type=sha\nv1, latest'
    })
    expect(merge.mergeDigests).toEqual([D1, D2])
    expect(merge.tags).toEqual(['type=sha', 'v1', 'latest'])
    const legged = parse({
      image: 'r.io/a/b',
      'push-by-digest': 'true',
      'cache-dependency-path': 'a/go.sum\n**/go.sum'
    })
    expect(legged.pushByDigest).toBe(true)
    expect(legged.cacheDependencyPath).toEqual([
      path.join(dir, 'a/go.sum'),
      path.join(dir, '**/go.sum')
    ])
    expect(parse({ image: 'r.io/a/b', cache: 'read' })).toMatchObject({
      cache: true,
      cacheSave: false
    })
  })

  it('parseCacheMode', () => {
    const mode = (v: string) => parseCacheMode(() => v)
    expect(mode('')).toEqual({ restore: true, save: true })
    expect(mode('TRUE')).toEqual({ restore: true, save: true })
    expect(mode('false')).toEqual({ restore: false, save: false })
    expect(mode('read')).toEqual({ restore: true, save: false })
  })
})
