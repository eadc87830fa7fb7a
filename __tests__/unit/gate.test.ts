// Table tests for budgets, the layer-by-layer comparison with a baseline, and the gate's sentences.
import { describe, expect, it } from '@jest/globals'
import type { Baseline } from '../../src/registry/baseline.js'
import {
  compare,
  comparisonRows,
  gateFailures,
  parseByteSize,
  parseIncrease
} from '../../src/report/gate.js'
import type { PlatformSize } from '../../src/report/size.js'

describe('parseByteSize', () => {
  it.each<[string, number]>([
    ['123', 123],
    ['0', 0],
    ['900KB', 900_000],
    ['900kB', 900_000],
    ['900kb', 900_000],
    ['10MB', 10_000_000],
    ['1.5 MB', 1_500_000],
    ['12MiB', 12 * 1024 * 1024],
    ['64KiB', 65_536],
    ['2GB', 2_000_000_000],
    ['1GiB', 2 ** 30],
    ['512B', 512],
    [' 7 mib ', 7 * 2 ** 20]
  ])('%j is %i bytes', (raw, bytes) => expect(parseByteSize(raw, 'max-size')).toBe(bytes))

  it.each(['', 'ten', '10 MBs', '-5MB', '10TB', '1e6', 'MB'])(
    'refuses %j naming the input and both conventions',
    raw => {
      expect(() => parseByteSize(raw, 'max-size')).toThrow(
        /^max-size: .* is not a size\. .*10MB \(MB = 10\^6 bytes\) or 12MiB \(MiB = 2\^20 bytes\)/
      )
    }
  )
})

describe('parseIncrease', () => {
  it('reads percentages and sizes', () => {
    expect(parseIncrease('5%')).toEqual({ kind: 'percent', value: 5 })
    expect(parseIncrease('0.5 %')).toEqual({ kind: 'percent', value: 0.5 })
    expect(parseIncrease('200KB')).toEqual({ kind: 'bytes', value: 200_000 })
    expect(parseIncrease('  ')).toBeUndefined()
  })

  it('refuses a malformed percentage, naming max-size-increase', () => {
    expect(() => parseIncrease('5%%')).toThrow(/^max-size-increase: '5%%' is not a percentage/)
    expect(() => parseIncrease('lots')).toThrow(/^max-size-increase: 'lots' is not a size/)
  })
})

const current: PlatformSize = {
  platform: 'linux/amd64',
  size: 1000 + 300 + 200 + 50 + 100,
  uncompressedSize: 5000,
  configSize: 100,
  binarySize: 3000,
  layers: [
    { name: 'certificates', digest: 'sha256:c', size: 300, uncompressedSize: 900 },
    { name: 'zoneinfo', digest: 'sha256:z', size: 200, uncompressedSize: 700 },
    { name: 'system', digest: 'sha256:s', size: 50, uncompressedSize: 400 },
    { name: 'binary', digest: 'sha256:b', size: 1000, uncompressedSize: 3000 }
  ]
}

const baseline: Baseline = {
  reference: 'localhost:5000/app:main',
  digest: 'sha256:m',
  platform: 'linux/amd64',
  size: 300 + 50 + 900 + 90,
  configSize: 90,
  layers: [
    { name: 'certificates', digest: 'sha256:c', size: 300 },
    { name: 'system', digest: 'sha256:s', size: 50 },
    { name: 'binary', digest: 'sha256:b0', size: 900 }
  ]
}

describe('compare', () => {
  it('matches layers by role, so a new zoneinfo layer is attributed to zoneinfo', () => {
    const c = compare(current, baseline)
    expect(c.delta).toBe(1650 - 1340)
    expect(c.deltaPercent).toBe(23.13)
    expect(c.layers).toEqual([
      { name: 'certificates', old: 300, new: 300, delta: 0 },
      { name: 'zoneinfo', old: undefined, new: 200, delta: 200 },
      { name: 'system', old: 50, new: 50, delta: 0 },
      { name: 'binary', old: 900, new: 1000, delta: 100 },
      { name: 'config', old: 90, new: 100, delta: 10 }
    ])
    // The layer deltas add up to the total.
    expect(c.layers.reduce((n, l) => n + l.delta, 0)).toBe(c.delta)
  })

  it('shows a removed layer with a negative delta', () => {
    const c = compare(
      { ...current, layers: current.layers.filter(l => l.name !== 'certificates'), size: 1350 },
      baseline
    )
    expect(c.layers.find(l => l.name === 'certificates')).toEqual({
      name: 'certificates',
      old: 300,
      new: undefined,
      delta: -300
    })
  })

  it('renders rows with signs and percentages', () => {
    const rows = comparisonRows(compare(current, baseline))
    expect(rows[0]).toEqual(['layer', 'baseline', 'this build', 'delta', 'delta %'])
    expect(rows[2]).toEqual(['zoneinfo', '-', '200 B', '+200', 'new'])
    expect(rows[4]).toEqual(['binary', '900 B', '1000 B', '+100', '+11.1%'])
    expect(rows.at(-1)).toEqual(['total', '1.31 KiB', '1.61 KiB', '+310', '+23.1%'])
  })
})

describe('gateFailures', () => {
  const sizes = [current, { ...current, platform: 'linux/arm64', size: 1400 }]

  it('passes a budget just over the size and fails one just under, per platform', () => {
    expect(gateFailures(sizes, [], { bytes: 1650, raw: '1650' }, undefined)).toEqual([])
    expect(gateFailures(sizes, [], { bytes: 1649, raw: '1649' }, undefined)).toEqual([
      'max-size: linux/amd64 is 1.61 KiB (1650 bytes), over the budget of 1649 = 1649 bytes by 1 bytes.'
    ])
  })

  it('fails growth over a percentage or a size, naming max-size-increase and the biggest layer', () => {
    const c = compare(current, baseline)
    expect(
      gateFailures([current], [c], undefined, {
        rule: { kind: 'percent', value: 23.2 },
        raw: '23.2%'
      })
    ).toEqual([])
    const [f] = gateFailures([current], [c], undefined, {
      rule: { kind: 'percent', value: 23 },
      raw: '23%'
    })
    expect(f).toBe(
      'max-size-increase: linux/amd64 grew by 310 B (310 bytes) (23.13%) over localhost:5000/app:main, more than the 23% allowed (308 bytes); most of it in the zoneinfo layer (+200 bytes).'
    )
    expect(
      gateFailures([current], [c], undefined, { rule: { kind: 'bytes', value: 310 }, raw: '310' })
    ).toEqual([])
    expect(
      gateFailures([current], [c], undefined, { rule: { kind: 'bytes', value: 309 }, raw: '309' })
    ).toHaveLength(1)
  })
})
