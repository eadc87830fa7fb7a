// The push order and its bounded parallelism, over a recording stand-in for the registry client.
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import type { Platform } from '../../src/platform.js'
import {
  allBlobs,
  MEDIA,
  toBlob,
  topLevel,
  type Blob,
  type BuiltImage
} from '../../src/oci/image.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { parseImage } from '../../src/registry/reference.js'
import { pushImages } from '../../src/registry/push.js'
import { fakeLogger } from './helpers.js'

function image(platform: Platform, layers: number): BuiltImage {
  const built = Array.from({ length: layers }, () => ({
    name: 'binary' as const,
    blob: toBlob(MEDIA.layer, randomBytes(16)),
    diffId: 'sha256:x',
    contentSize: 16
  }))
  const config = toBlob(MEDIA.config, randomBytes(8))
  return {
    platform,
    layers: built,
    config,
    manifest: toBlob(MEDIA.manifest, randomBytes(8)),
    annotations: {}
  }
}

function recorder(fail?: string) {
  const events: string[] = []
  const cancelled: string[] = []
  let inFlight = 0
  let most = 0
  const client = {
    ref: parseImage('localhost:5000/acme/app'),
    async uploadBlob(b: Blob, mountFrom?: string, signal?: AbortSignal) {
      inFlight++
      most = Math.max(most, inFlight)
      try {
        // The failing blob fails at once; the others take long enough to be in flight when it does.
        await new Promise<void>((resolve, reject) => {
          const onAbort = (): void => {
            clearTimeout(timer)
            cancelled.push(b.digest)
            reject(signal!.reason as Error)
          }
          const timer = setTimeout(
            () => {
              signal?.removeEventListener('abort', onAbort)
              resolve()
            },
            b.digest === fail ? 1 : 50
          )
          signal?.addEventListener('abort', onAbort)
        })
      } finally {
        inFlight--
      }
      events.push(`blob ${b.digest}${mountFrom ? ` from ${mountFrom}` : ''}`)
      if (b.digest === fail) throw new Error('upload failed')
      return 'uploaded' as const
    },
    async putManifest(ref: string) {
      events.push(`manifest ${ref}`)
      return Promise.resolve()
    }
  }
  return {
    client: client as unknown as RegistryClient,
    events,
    cancelled,
    most: () => most,
    inFlight: () => inFlight
  }
}

describe('pushImages', () => {
  const images = [
    image({ os: 'linux', architecture: 'amd64' }, 5),
    image({ os: 'linux', architecture: 'arm64' }, 5)
  ]
  const top = topLevel(images)

  it('sends every blob, at most four at once, then the manifests, the index and the tags', async () => {
    const r = recorder()
    const result = await pushImages(
      r.client,
      images,
      top,
      ['v1', 'latest'],
      fakeLogger(),
      'acme/base'
    )
    const blobs = allBlobs(images).length
    expect(result).toEqual({ uploaded: blobs, mounted: 0, skipped: 0 })
    expect(r.most()).toBe(4)
    expect(
      r.events.slice(0, blobs).every(e => e.startsWith('blob ') && e.endsWith(' from acme/base'))
    ).toBe(true)
    expect(r.events.slice(blobs)).toEqual([
      `manifest ${images[0]!.manifest.digest}`,
      `manifest ${images[1]!.manifest.digest}`,
      'manifest v1',
      'manifest latest'
    ])
  })

  it('pushes an untagged image by its digest', async () => {
    const r = recorder()
    await pushImages(r.client, images, top, [], fakeLogger())
    expect(r.events.at(-1)).toBe(`manifest ${top.digest}`)
  })

  it('cancels the uploads in flight after a failure, takes no more blobs and writes no manifest or tag', async () => {
    const blobs = allBlobs(images)
    const r = recorder(blobs[1]!.digest)
    await expect(pushImages(r.client, images, top, ['v1'], fakeLogger())).rejects.toThrow(
      'upload failed'
    )
    // Nothing of this push is still running once it has failed.
    expect(r.inFlight()).toBe(0)
    // The three others that were in flight with it were cancelled, not left to finish.
    expect(r.cancelled.sort()).toEqual([blobs[0]!, blobs[2]!, blobs[3]!].map(b => b.digest).sort())
    await new Promise(res => setTimeout(res, 80))
    expect(r.events).toEqual([`blob ${blobs[1]!.digest}`])
  })
})
