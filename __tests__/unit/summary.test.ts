// The job summary's Markdown: the image, exact bytes beside human units, the comparison, the gate and packages.
import { describe, expect, it } from '@jest/globals'
import { compare } from '../../src/report/gate.js'
import { bytesCell, type PlatformSize } from '../../src/report/size.js'
import { renderSummary, type SummaryInput } from '../../src/report/summary.js'

const amd: PlatformSize = {
  platform: 'linux/amd64',
  size: 2_000_100,
  uncompressedSize: 5_000_000,
  configSize: 100,
  binarySize: 4_000_000,
  layers: [
    { name: 'zoneinfo', digest: 'sha256:z', size: 150_000, uncompressedSize: 470_000 },
    { name: 'binary', digest: 'sha256:b', size: 1_850_000, uncompressedSize: 4_530_000 }
  ]
}

const input: SummaryInput = {
  imageRef: 'localhost:5000/app@sha256:abc',
  digest: 'sha256:abc',
  tags: ['v1', 'latest'],
  pushed: true,
  goVersion: '1.22.5',
  binarySize: 4_000_000,
  sizes: [amd],
  comparisons: [],
  gateFailures: []
}

describe('renderSummary', () => {
  it('names the pushed image and tags and gives a table per platform with exact bytes', () => {
    const md = renderSummary(input)
    expect(md).toContain('Pushed `localhost:5000/app@sha256:abc` as `v1`, `latest`.')
    expect(md).toContain('### linux/amd64: 1.91 MiB (2,000,100 B) compressed')
    expect(md).toContain(
      '| layer | compressed | uncompressed | share |\n| --- | ---: | ---: | ---: |'
    )
    expect(md).toContain('| zoneinfo | 146.5 KiB (150,000 B) | 459.0 KiB (470,000 B) | 7.5% |')
    expect(md).toContain(
      '| **total** | **1.91 MiB (2,000,100 B)** | 4.77 MiB (5,000,000 B) | 100% |'
    )
    expect(md).not.toContain('Size budget')
  })

  it('says when a matrix leg pushed by digest, and leaves out the Go line of a merge, which ran no Go', () => {
    const leg = renderSummary({ ...input, tags: [] })
    expect(leg).toContain(
      'Pushed `localhost:5000/app@sha256:abc` by digest, without a tag (push-by-digest).'
    )
    expect(leg).toContain('Go 1.22.5; binary')
    const merge = renderSummary({ ...input, goVersion: '' })
    expect(merge).toContain('Pushed `localhost:5000/app@sha256:abc` as `v1`, `latest`.')
    expect(merge).not.toMatch(/^Go /m)
    expect(merge).toContain('### linux/amd64: 1.91 MiB (2,000,100 B) compressed')
  })

  it('says when nothing was pushed, and shows the baseline comparison and the failed gate', () => {
    const c = compare(amd, {
      reference: 'localhost:5000/app:main',
      digest: 'sha256:m',
      platform: 'linux/amd64',
      size: 1_850_090,
      configSize: 90,
      layers: [{ name: 'binary', digest: 'sha256:b', size: 1_850_000 }]
    })
    const md = renderSummary({
      ...input,
      pushed: false,
      comparisons: [c],
      maxSize: { bytes: 2_000_000, raw: '2MB' },
      gateFailures: ['max-size: linux/amd64 is over.']
    })
    expect(md).toContain('Built `sha256:abc` (not pushed).')
    expect(md).toContain(
      '### linux/amd64 against `localhost:5000/app:main`: +150,010 bytes (+8.11%)'
    )
    expect(md).toContain('| zoneinfo | - | 146.5 KiB (150,000 B) | +150000 | new |')
    expect(md).toContain('| binary | 1.76 MiB (1,850,000 B) | 1.76 MiB (1,850,000 B) | 0 | 0.0% |')
    expect(md).toContain('- :x: max-size: linux/amd64 is over.')
  })

  it('confirms a kept budget and lists the biggest packages', () => {
    const md = renderSummary({
      ...input,
      maxSize: { bytes: 3_000_000, raw: '3MB' },
      packages: {
        platform: 'linux/amd64',
        sizes: [
          { name: 'net/http', bytes: 3000 },
          { name: 'runtime', bytes: 1000 }
        ]
      }
    })
    expect(md).toContain(
      ':white_check_mark: every platform is within max-size 3MB (3,000,000 bytes).'
    )
    expect(md).toContain('| net/http | 2.93 KiB (3,000 B) | 75.0% |')
  })

  it('escapes a pipe in a cell and formats small counts', () => {
    expect(bytesCell(12)).toBe('12 B (12 B)')
    const md = renderSummary({
      ...input,
      packages: { platform: 'linux/amd64', sizes: [{ name: 'a|b', bytes: 1 }] }
    })
    expect(md).toContain('| a\\|b |')
  })
})
