import { describe, expect, it } from '@jest/globals'
import { buildImage, type BuiltImage } from '../../src/oci/image.js'
import { formatBytes } from '../../src/bytes.js'
import {
  largest,
  platformSize,
  sizeRows,
  sizeTable,
  type PlatformSize
} from '../../src/report/size.js'
import {
  file,
  orderLayers,
  systemLayer,
  withParents,
  type FilePlan
} from '../../src/rootfs/plan.js'
import { imageSettings } from './helpers.js'

const plan = (binary: Buffer): FilePlan => ({
  layers: orderLayers([
    { name: 'binary', entries: [file('app', binary, binary.length, 0o755)] },
    {
      name: 'files',
      entries: withParents([
        file('srv/data.txt', Buffer.from('data'), 4),
        file('srv/b', Buffer.alloc(10), 10)
      ])
    },
    systemLayer()
  ]),
  image: imageSettings()
})

const build = (binary = Buffer.alloc(5000, 1)): Promise<BuiltImage> =>
  buildImage(plan(binary), { os: 'linux', architecture: 'arm64' }, 0)

describe('platformSize', () => {
  it('reads the sizes from the manifest: config plus layers', async () => {
    const img = await build()
    const manifest = JSON.parse(img.manifest.data.toString()) as {
      config: { size: number }
      layers: { size: number; digest: string }[]
    }
    const s = platformSize(img)
    expect(s.platform).toBe('linux/arm64')
    expect(s.configSize).toBe(manifest.config.size)
    expect(s.configSize).toBe(img.config.data.length)
    expect(s.size).toBe(manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0))
    expect(s.size).toBe(
      img.config.data.length + img.layers.reduce((n, l) => n + l.blob.data.length, 0)
    )
    expect(s.layers).toEqual([
      {
        name: 'system',
        digest: manifest.layers[0]!.digest,
        size: manifest.layers[0]!.size,
        uncompressedSize: img.layers[0]!.contentSize
      },
      {
        name: 'files',
        digest: manifest.layers[1]!.digest,
        size: manifest.layers[1]!.size,
        uncompressedSize: 14
      },
      {
        name: 'binary',
        digest: manifest.layers[2]!.digest,
        size: manifest.layers[2]!.size,
        uncompressedSize: 5000
      }
    ])
    expect(s.uncompressedSize).toBe(img.layers[0]!.contentSize + 14 + 5000)
    expect(s.binarySize).toBe(5000)
  })

  it('reports no binary size for an image without a binary layer', async () => {
    const img = await buildImage(
      { ...plan(Buffer.from('x')), layers: [systemLayer()] },
      { os: 'linux', architecture: 'amd64' },
      0
    )
    expect(platformSize(img).binarySize).toBe(0)
  })

  it('fails when the manifest does not describe the built layers', async () => {
    const img = await build()
    const swapped: BuiltImage = { ...img, layers: [img.layers[1]!, img.layers[0]!, img.layers[2]!] }
    expect(() => platformSize(swapped)).toThrow(
      'Manifest layer 0 does not match the built files layer.'
    )
  })
})

describe('largest', () => {
  it('picks the platform with the most compressed bytes', () => {
    const s = (platform: string, size: number): PlatformSize => ({
      platform,
      size,
      uncompressedSize: 0,
      configSize: 0,
      binarySize: 0,
      layers: []
    })
    expect(
      largest([s('linux/amd64', 10), s('linux/arm64', 30), s('linux/arm/v7', 20)]).platform
    ).toBe('linux/arm64')
    expect(largest([s('a', 5), s('b', 5)]).platform).toBe('a')
  })
})

describe('formatBytes', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024, '10.0 KiB'],
    [1000 * 1024, '1000.0 KiB'],
    [1024 ** 2 - 1, '1.00 MiB'],
    [1024 ** 2, '1.00 MiB'],
    [5.25 * 1024 ** 2, '5.25 MiB'],
    [123.45 * 1024 ** 2, '123.5 MiB'],
    [1024 ** 3, '1.00 GiB'],
    [2048 * 1024 ** 3, '2048.0 GiB']
  ])('%i -> %s', (n, text) => expect(formatBytes(n)).toBe(text))
})

describe('sizeTable', () => {
  it('has a row for each layer, the config and the total', async () => {
    const s = platformSize(await build())
    const table = sizeTable(s)
    const lines = table.split('\n')
    expect(lines[0]).toBe(`linux/arm64: ${formatBytes(s.size)} (${s.size} bytes) compressed`)
    expect(lines[1]).toMatch(/^layer +compressed +uncompressed +share$/)
    expect(lines.slice(2).map(l => l.split(/ {2,}/)[0])).toEqual([
      'system',
      'files',
      'binary',
      'config',
      'total'
    ])
    for (const name of ['system', 'files', 'binary']) expect(table).toContain(name)
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(`^total +${formatBytes(s.size)} +${formatBytes(s.uncompressedSize)} +100%$`)
    )
    // Every line has the same width: columns are padded.
    expect(new Set(lines.slice(1).map(l => l.length)).size).toBe(1)
  })

  it('sizeRows gives shares of the total', () => {
    const s: PlatformSize = {
      platform: 'linux/amd64',
      size: 2000,
      uncompressedSize: 4096,
      configSize: 500,
      binarySize: 4096,
      layers: [{ name: 'binary', digest: 'sha256:x', size: 1500, uncompressedSize: 4096 }]
    }
    expect(sizeRows(s)).toEqual([
      ['layer', 'compressed', 'uncompressed', 'share'],
      ['binary', '1.46 KiB', '4.00 KiB', '75.0%'],
      ['config', '500 B', '-', '25.0%'],
      ['total', '1.95 KiB', '4.00 KiB', '100%']
    ])
    expect(sizeTable(s)).toBe(
      [
        'linux/amd64: 1.95 KiB (2000 bytes) compressed',
        'layer   compressed  uncompressed  share',
        'binary    1.46 KiB      4.00 KiB  75.0%',
        'config       500 B             -  25.0%',
        'total     1.95 KiB      4.00 KiB   100%'
      ].join('\n')
    )
  })
})
