import { beforeAll, describe, expect, it } from '@jest/globals'
import type { BuiltImage } from '../../src/oci/image.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { FanOutError, pushEverywhere, tagEverywhere } from '../../src/registry/fanout.js'
import { appImage, fakeLogger, rejectionOf } from './helpers.js'

let image: BuiltImage

beforeAll(async () => {
  image = await appImage(Buffer.from('binary bytes'))
})

/** A registry client that records what it is asked, in one log shared by every registry, and fails when told. */
function registry(
  host: string,
  log: string[],
  fail: { upload?: boolean; tag?: string } = {}
): RegistryClient {
  return {
    ref: { registry: host, apiHost: host, repository: 'acme/app' },
    uploadBlob: async (blob: { digest: string }, mountFrom?: string) => {
      log.push(`${host} blob ${blob.digest.slice(7, 15)}${mountFrom ? ` from ${mountFrom}` : ''}`)
      if (fail.upload) throw new Error(`${host} answered 403 denied.`)
      return 'uploaded'
    },
    putManifest: async (reference: string) => {
      log.push(`${host} manifest ${reference.startsWith('sha256:') ? 'by digest' : reference}`)
      if (reference === fail.tag) throw new Error(`${host} answered 500.`)
    }
  } as unknown as RegistryClient
}

const blobs = (host: string): string[] =>
  [...image.layers.map(l => l.blob), image.config].map(b => `${host} blob ${b.digest.slice(7, 15)}`)

const failure = async (p: Promise<unknown>): Promise<string> =>
  (await rejectionOf(p, FanOutError)).message

describe('pushEverywhere', () => {
  it('pushes one registry by digest: blobs, then the manifest, and no tag', async () => {
    const log: string[] = []
    await pushEverywhere([{ client: registry('a.io', log) }], [image], image.manifest, fakeLogger())
    expect(log.slice(0, -1).sort()).toEqual(blobs('a.io').sort())
    expect(log.at(-1)).toBe('a.io manifest by digest')
  })

  it('puts the image in every registry, untagged', async () => {
    const log: string[] = []
    const targets = [
      { client: registry('a.io', log), mountFrom: 'acme/other' },
      { client: registry('b.io', log) }
    ]
    await pushEverywhere(targets, [image], image.manifest, fakeLogger())
    expect(log.sort()).toEqual(
      [
        ...blobs('a.io').map(l => `${l} from acme/other`),
        'a.io manifest by digest',
        ...blobs('b.io'),
        'b.io manifest by digest'
      ].sort()
    )
  })

  it('says what the first registry holds when the second refuses the image, and tags nothing', async () => {
    const log: string[] = []
    const targets = [
      { client: registry('a.io', log) },
      { client: registry('b.io', log, { upload: true }) }
    ]
    const message = await failure(pushEverywhere(targets, [image], image.manifest, fakeLogger()))
    expect(message).toBe(
      `push to b.io/acme/app failed: b.io answered 403 denied. Already pushed, untagged: ` +
        `a.io/acme/app@${image.manifest.digest}. Nothing was tagged in any registry.`
    )
    expect(log.filter(l => !l.endsWith('by digest') && l.includes('manifest'))).toEqual([])
  })
})

describe('tagEverywhere', () => {
  it('writes each job’s tags in order, one registry after another', async () => {
    const log: string[] = []
    const plan = { tags: ['v1', 'latest'] }
    const held = await tagEverywhere(
      [
        { client: registry('a.io', log), top: image.manifest, plan },
        { client: registry('b.io', log), top: image.manifest, plan }
      ],
      fakeLogger()
    )
    expect(log).toEqual([
      'a.io manifest v1',
      'a.io manifest latest',
      'b.io manifest v1',
      'b.io manifest latest'
    ])
    expect(held).toEqual([
      ['v1', 'latest'],
      ['v1', 'latest']
    ])
  })

  it('lists what is tagged and what is not when a tag fails half-way', async () => {
    const log: string[] = []
    const plan = { tags: ['v1', 'latest'] }
    const message = await failure(
      tagEverywhere(
        [
          { client: registry('a.io', log), top: image.manifest, plan },
          { client: registry('b.io', log, { tag: 'latest' }), top: image.manifest, plan }
        ],
        fakeLogger()
      )
    )
    const d = image.manifest.digest
    expect(message).toBe(
      `tagging b.io/acme/app failed: b.io answered 500. Everything but the tags is in place ` +
        `(a.io/acme/app@${d}, b.io/acme/app@${d}); tagged: a.io/acme/app:v1, a.io/acme/app:latest, ` +
        `b.io/acme/app:v1; not tagged: b.io/acme/app:latest.`
    )
  })
})
