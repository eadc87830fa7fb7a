// Go's version rules as golang.org/x/mod/semver and govulncheck's internal/semver state them (their own test vectors where they have them).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  affects,
  compareGo,
  containsSemver,
  earliestFix,
  goCanonical,
  goTagToSemver,
  isGoSemver,
  less,
  semverToGoTag,
  type Range
} from '../../src/vuln/version.js'

const semverRange = (...events: Range['events']): Range => ({ type: 'SEMVER', events })

describe('Go semantic versions', () => {
  it.each([
    ['v1.2.3', '1.2.3'],
    ['v1', '1.0.0'],
    ['v1.2', '1.2.0'],
    ['v1.2.3+incompatible', '1.2.3'],
    ['v0.0.0-20200101000000-abcdef123456', '0.0.0-20200101000000-abcdef123456'],
    ['v1.2.4-0.20200101000000-abcdef123456', '1.2.4-0.20200101000000-abcdef123456'],
    ['v2.0.0-rc.1+incompatible', '2.0.0-rc.1']
  ])('%s is valid, %s for the semver package', (v, canonical) => {
    expect(goCanonical(v)).toBe(canonical)
  })

  it.each([
    '1.2.3', // no v
    'v1.2-pre', // a prerelease needs all three numbers
    'v1.2+meta',
    'v01.2.3',
    'v1.2.3-01', // a numeric identifier with a leading zero
    'v1.2.3-',
    'v1.2.3-a..b',
    'v1.2.3+',
    '=v1.2.3', // the semver package would take these
    ' v1.2.3',
    'v1.2.3.4',
    'v1234567890123456.0.0', // past what the semver package holds exactly
    `v1.0.0-${'a'.repeat(300)}` // past what it holds at all
  ])('%s is not', v => {
    expect(isGoSemver(v)).toBe(false)
  })

  it('orders as x/mod/semver: prereleases and pseudo-versions below the release, +incompatible ignored', () => {
    const ordered = [
      'v0.0.0-20190101000000-aaaaaaaaaaaa',
      'v0.0.0-20200101000000-abcdef123456',
      'v0.1.0',
      'v1.2.3-alpha',
      'v1.2.3-alpha.1',
      'v1.2.3-alpha.beta',
      'v1.2.3-beta.2',
      'v1.2.3-beta.11',
      'v1.2.3-rc.1',
      'v1.2.3',
      'v1.2.4-0.20200101000000-abcdef123456',
      'v1.2.4',
      'v1.10.0',
      'v2.0.0+incompatible'
    ]
    for (let i = 0; i < ordered.length; i++)
      for (let j = 0; j < ordered.length; j++)
        expect([ordered[i], ordered[j], Math.sign(compareGo(ordered[i]!, ordered[j]!))]).toEqual([
          ordered[i],
          ordered[j],
          Math.sign(i - j)
        ])
    expect(compareGo('v2.0.0+incompatible', 'v2.0.0')).toBe(0)
    expect(compareGo('v1', 'v1.0.0')).toBe(0)
  })

  it('puts an invalid version below every valid one, and equal to another invalid one', () => {
    expect(compareGo('bogus', 'v0.0.0')).toBe(-1)
    expect(compareGo('v0.0.0', '')).toBe(1)
    expect(compareGo('bogus', '')).toBe(0)
  })

  it('is a total order (property)', () => {
    const version = fc
      .tuple(
        fc.nat(30),
        fc.nat(30),
        fc.nat(30),
        fc.option(fc.constantFrom('alpha', 'beta.2', 'rc.1', '0.20200101000000-abcdef123456'))
      )
      .map(([a, b, c, pre]) => `v${a}.${b}.${c}${pre ? `-${pre}` : ''}`)
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareGo(a, b))).toBe(-Math.sign(compareGo(b, a)))
        if (compareGo(a, b) <= 0 && compareGo(b, c) <= 0)
          expect(compareGo(a, c)).toBeLessThanOrEqual(0)
      })
    )
  })

  // govulncheck's TestLess, TestCanonicalize: versions with v, go or no prefix.
  it.each([
    ['go1.19', 'go1.19', false],
    ['go1.19.1', 'go1.19', false],
    ['v0.2.1', 'v0.3.0', true],
    ['go1.12.2', 'go1.18', true],
    ['v1.20.0-pre4', 'v1.20.0-pre.4', false],
    ['v1.20.0-pre4', 'v1.20.0-pre4.4', true],
    ['1.2.3', 'v1.2.4', true],
    ['', '0.0.1', true]
  ])('less(%s, %s) is %s', (a, b, want) => {
    expect(less(a, b)).toBe(want)
  })
})

describe('toolchain tags', () => {
  it.each([
    ['go1.19.8', 'v1.19.8'],
    ['go1.19', 'v1.19.0'],
    ['go1.20-pre4', 'v1.20.0-pre.4'],
    ['go1.21rc2', 'v1.21.0-rc.2'],
    ['go1.22beta1', 'v1.22.0-beta.1'],
    ['go1', 'v1.0.0'],
    ['go1.0', ''],
    ['go1.22.5 X:boringcrypto', 'v1.22.5'],
    ['devel go1.23-abcdef', '']
  ])('goTagToSemver(%s) is %s', (tag, v) => {
    expect(goTagToSemver(tag)).toBe(v)
  })

  it.each([
    ['v1.19.0', 'go1.19'],
    ['v1.19.8', 'go1.19.8'],
    ['v1.21.0', 'go1.21.0'],
    ['v1.20.0-pre.4', 'go1.20-pre4'],
    ['v1.0.0', 'go1'],
    ['v1.20.0-rc.1', 'go1.20-rc1'],
    ['v1.20.0-alpha.1+incompatible', 'go1.20-alpha1'],
    ['v1.20.0-alpha.1-0.20220101230456-1234abcd', 'go1.20-alpha.1-0.20220101230456-1234abcd']
  ])('semverToGoTag(%s) is %s', (v, tag) => {
    expect(semverToGoTag(v)).toBe(tag)
  })
})

describe('OSV ranges', () => {
  // govulncheck's TestAffectsSemver.
  it.each<[Range[], string, boolean]>([
    [[], 'v0.0.0', true],
    [[semverRange()], 'v0.0.0', true],
    [[semverRange({ introduced: '0' })], 'v0.0.0', true],
    [[semverRange({ introduced: '0' }, { fixed: '2.0.0' })], 'v1.0.0', true],
    [[semverRange({ introduced: '0.0.1' })], 'v1.0.0', true],
    [[semverRange({ introduced: '1.0.0' })], 'v1.0.0', true],
    [[semverRange({ introduced: '1.0.0' }, { fixed: '2.0.0' })], 'v1.0.0', true],
    [[semverRange({ introduced: '1.0.0' }, { fixed: '2.0.0' })], 'v3.0.0', false],
    [
      [semverRange({ introduced: '1.0.0' }, { fixed: '2.0.0' }, { introduced: '3.0.0' })],
      'v3.0.0',
      true
    ],
    [
      [
        semverRange(
          { introduced: '0' },
          { fixed: '1.18.6' },
          { introduced: '1.19.0' },
          { fixed: '1.19.1' }
        )
      ],
      'v1.18.6',
      false
    ],
    [
      [semverRange({ introduced: '0' }, { introduced: '1.19.0' }, { fixed: '1.19.1' })],
      'v1.18.6',
      true
    ],
    [
      [
        semverRange(
          { introduced: '1.19.0' },
          { fixed: '1.19.1' },
          { introduced: '0' },
          { fixed: '1.18.6' }
        )
      ],
      'v1.18.1',
      true
    ],
    [[{ type: 'unspecified', events: [{ introduced: '3.0.0' }] }], 'v3.0.0', true],
    [
      [
        { type: 'unspecified', events: [{ introduced: '3.0.0' }] },
        semverRange({ introduced: '4.0.0' })
      ],
      'v3.0.0',
      false
    ],
    [[semverRange({ introduced: '3.0.0' })], 'go3.0.1', true],
    // A pseudo-version before the fix's release, and an +incompatible release after it.
    [
      [semverRange({ introduced: '0' }, { fixed: '1.2.4' })],
      'v1.2.4-0.20200101000000-abcdef123456',
      true
    ],
    [[semverRange({ introduced: '0' }, { fixed: '2.0.0' })], 'v2.0.1+incompatible', false],
    // Modules without tags (x/crypto before v0.1.0) are fixed at pseudo-versions below v0.0.0 itself: introduced
    // 0 still opens the range first.
    [
      [semverRange({ fixed: '0.0.0-20201216223049-8b5274cf687f' }, { introduced: '0' })],
      'v0.0.0-20210101000000-abcdef123456',
      false
    ],
    [
      [semverRange({ fixed: '0.0.0-20201216223049-8b5274cf687f' }, { introduced: '0' })],
      'v0.0.0-20200101000000-abcdef123456',
      true
    ]
  ])('affects(%j, %s) is %s', (ranges, v, want) => {
    expect(affects(ranges, v)).toBe(want)
  })

  it('a range of another type holds nothing', () => {
    expect(containsSemver({ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }, 'v1.0.0')).toBe(
      false
    )
  })

  // govulncheck's TestFixedVersion (the affected[] of one module: the caller keeps only those).
  it.each<[string, string, Range[], string | undefined]>([
    [
      'no semver',
      'v1.2.0',
      [{ type: 'unspecified', events: [{ introduced: 'v1.0.0' }, { fixed: 'v1.2.3' }] }],
      undefined
    ],
    ['one', 'v1.0.1', [semverRange({ introduced: 'v1.0.0' }, { fixed: 'v1.2.3' })], 'v1.2.3'],
    [
      'several',
      'v1.2.0',
      [
        semverRange(
          { introduced: 'v1.0.0' },
          { fixed: 'v1.2.3' },
          { introduced: 'v1.5.0' },
          { fixed: 'v1.5.6' }
        ),
        semverRange({ introduced: 'v1.3.0' }, { fixed: 'v1.4.1' })
      ],
      'v1.2.3'
    ],
    [
      'no v prefix',
      '1.18.1',
      [
        semverRange({ fixed: '1.17.2' }),
        semverRange({ introduced: '1.18.0' }, { fixed: '1.18.4' })
      ],
      'v1.18.4'
    ],
    [
      'overlapping',
      '',
      [
        semverRange({ introduced: 'v1.0.0' }, { fixed: 'v1.2.3' }, { introduced: 'v1.5.0' }),
        semverRange({ introduced: 'v1.2.0' }, { fixed: 'v1.4.1' })
      ],
      'v1.4.1'
    ],
    ['no fix', 'v1.0.0', [semverRange({ introduced: '0' })], undefined]
  ])(
    'the fix (%s) is the earliest above the version that no range reopens',
    (_, v, ranges, want) => {
      expect(earliestFix(ranges, v)).toBe(want)
    }
  )
})
