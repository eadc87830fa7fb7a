import { describe, expect, it } from '@jest/globals'
import { imageEntry, imagesOutput } from '../../src/images/entries.js'
import { parseImage } from '../../src/registry/reference.js'
import { imagesTable, renderSummary } from '../../src/report/summary.js'

const D1 = `sha256:${'1'.repeat(64)}`
const D2 = `sha256:${'2'.repeat(64)}`
const api = imageEntry({
  name: 'api',
  refs: [parseImage('ghcr.io/acme/api'), parseImage('acme/api')],
  digest: D1,
  tags: ['v1', 'latest'],
  size: 2_345_678,
  pushed: true
})
const worker = imageEntry({
  name: 'worker',
  refs: [parseImage('ghcr.io/acme/worker'), parseImage('acme/worker')],
  digest: D2,
  tags: [],
  size: 1234,
  pushed: false
})

describe('the images output', () => {
  it('is JSON keyed by name, with every registry’s reference', () => {
    expect(JSON.parse(imagesOutput([api, worker]))).toEqual({
      api: {
        digest: D1,
        'image-ref': `ghcr.io/acme/api@${D1}`,
        'image-refs': [`ghcr.io/acme/api@${D1}`, `docker.io/acme/api@${D1}`],
        tags: ['v1', 'latest'],
        size: 2_345_678
      },
      worker: {
        digest: D2,
        'image-ref': `ghcr.io/acme/worker@${D2}`,
        'image-refs': [`ghcr.io/acme/worker@${D2}`, `docker.io/acme/worker@${D2}`],
        tags: [],
        size: 1234
      }
    })
  })

  it('has an empty image-ref without image', () => {
    const local = imageEntry({ name: 'a', refs: [], digest: D1, tags: [], size: 1, pushed: false })
    expect(local).toMatchObject({ imageRef: '', imageRefs: [] })
  })
})

describe('the summary', () => {
  it('has one row per image when there are several', () => {
    expect(imagesTable([api, worker]).split('\n')).toEqual([
      '### 2 images',
      '',
      '| image | repository | digest | tags | size |',
      '| --- | --- | --- | --- | ---: |',
      `| api | \`ghcr.io/acme/api\`<br>\`docker.io/acme/api\` | \`${D1}\` | \`v1\`, \`latest\` | 2.24 MiB (2,345,678 B) |`,
      `| worker | \`ghcr.io/acme/worker\`<br>\`docker.io/acme/worker\` | \`${D2}\` | not pushed | 1.21 KiB (1,234 B) |`,
      ''
    ])
  })

  it('leaves the table out for one image, which the rest of the summary is about', () => {
    expect(imagesTable([api])).toBe('')
    const summary = renderSummary({
      imageRef: api.imageRef,
      digest: D1,
      tags: api.tags,
      pushed: true,
      goVersion: '1.22.5',
      binarySize: 1,
      sizes: [],
      comparisons: [],
      gateFailures: [],
      images: [api, worker]
    })
    expect(summary).toContain('| api | ')
    expect(summary).toContain('The rest is about api.')
  })
})
