import { describe, expect, it } from '@jest/globals'
import { ElfError, readElf, verifyBinary } from '../../src/compile/elf.js'
import type { Platform } from '../../src/platform.js'
import { elf, EM } from './elf-fixture.js'
import { thrownBy } from './helpers.js'

const platform = (architecture: string, variant?: string): Platform =>
  variant ? { os: 'linux', architecture, variant } : { os: 'linux', architecture }

/** The error verifyBinary throws, so several facts about one message can be checked. */
const failure = (fn: () => unknown): ElfError => thrownBy(fn, ElfError)

// What each Go architecture produces: [GOARCH, e_machine, bits, little-endian].
const GOARCHES: [string, number, 32 | 64, boolean][] = [
  ['amd64', EM.X86_64, 64, true],
  ['arm64', EM.AARCH64, 64, true],
  ['arm', EM.ARM, 32, true],
  ['386', EM.I386, 32, true],
  ['ppc64le', EM.PPC64, 64, true],
  ['s390x', EM.S390, 64, false],
  ['riscv64', EM.RISCV, 64, true]
]

describe('readElf', () => {
  it.each<[32 | 64, boolean]>([
    [64, true],
    [64, false],
    [32, true],
    [32, false]
  ])('reads a static %i-bit binary, little-endian %s', (bits, littleEndian) => {
    const info = readElf(elf({ bits, littleEndian, machine: 0x1234 }))
    expect(info).toEqual({ bits, littleEndian, machine: 0x1234, needed: [] })
    expect(info).not.toHaveProperty('interpreter')
  })

  it.each<[32 | 64, boolean]>([
    [64, true],
    [64, false],
    [32, true],
    [32, false]
  ])(
    'reads the interpreter and needed libraries of a %i-bit binary, little-endian %s',
    (bits, littleEndian) => {
      const info = readElf(
        elf({
          bits,
          littleEndian,
          machine: EM.X86_64,
          interpreter: '/lib64/ld-linux-x86-64.so.2',
          needed: ['libc.so.6', 'libpthread.so.0', 'libresolv.so.2']
        })
      )
      expect(info.interpreter).toBe('/lib64/ld-linux-x86-64.so.2')
      expect(info.needed).toEqual(['libc.so.6', 'libpthread.so.0', 'libresolv.so.2'])
      expect(info.bits).toBe(bits)
      expect(info.littleEndian).toBe(littleEndian)
    }
  )

  it('reads the interpreter alone, and needed libraries alone', () => {
    const interpOnly = readElf(
      elf({
        bits: 32,
        littleEndian: true,
        machine: EM.ARM,
        interpreter: '/lib/ld-linux-armhf.so.3'
      })
    )
    expect(interpOnly.interpreter).toBe('/lib/ld-linux-armhf.so.3')
    expect(interpOnly.needed).toEqual([])

    const neededOnly = readElf(
      elf({ bits: 64, littleEndian: false, machine: EM.S390, needed: ['libc.so.6'] })
    )
    expect(neededOnly.interpreter).toBeUndefined()
    expect(neededOnly.needed).toEqual(['libc.so.6'])
  })

  it('finds no needed libraries in a dynamic section without DT_NEEDED (a static PIE)', () => {
    const info = readElf(elf({ bits: 64, littleEndian: true, machine: EM.X86_64, dynamic: true }))
    expect(info.needed).toEqual([])
    expect(info.interpreter).toBeUndefined()
  })

  it('stops at DT_NULL', () => {
    const info = readElf(
      elf({
        bits: 64,
        littleEndian: true,
        machine: EM.X86_64,
        needed: ['libc.so.6'],
        junkAfterNull: true
      })
    )
    expect(info.needed).toEqual(['libc.so.6'])
  })

  it('still counts needed libraries whose names cannot be found (no DT_STRTAB)', () => {
    const info = readElf(
      elf({
        bits: 32,
        littleEndian: true,
        machine: EM.I386,
        needed: ['libc.so.6', 'libm.so.6'],
        noStrtab: true
      })
    )
    expect(info.needed).toHaveLength(2)
  })

  it.each([
    ['an empty file', Buffer.alloc(0)],
    [
      'a shell script',
      Buffer.from('#!/bin/sh\necho hello from a script that is long enough\n'.repeat(3))
    ],
    ['a Mach-O binary', Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(200)])],
    ['a PE binary', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
    ['a short ELF magic', Buffer.from('\x7fELF\x02\x01\x01', 'latin1')]
  ])('rejects %s as not ELF', (_name, buf) => {
    expect(() => readElf(buf)).toThrow(new ElfError('it is not an ELF file'))
  })

  it.each([
    ['class', 4, 3],
    ['class', 4, 0],
    ['byte order', 5, 0],
    ['byte order', 5, 7]
  ])('rejects an unknown %s byte (%i = %i)', (_what, offset, value) => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64 })
    b[offset] = value
    expect(() => readElf(b)).toThrow(new ElfError('its ELF header is malformed'))
  })

  it('rejects program headers that run past the end of the file', () => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64, interpreter: '/lib/ld.so' })
    const cut = b.subarray(0, 64 + 56 * 2 + 10)
    expect(() => readElf(cut)).toThrow(new ElfError('its program headers are truncated'))
  })

  it('rejects a 64-bit file cut inside its header with an ElfError', () => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64 })
    for (const length of [52, 55, 57, 63]) {
      expect(() => readElf(b.subarray(0, length))).toThrow(
        new ElfError('its ELF header is truncated')
      )
    }
  })

  it('rejects a file cut inside its dynamic section with an ElfError', () => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64, needed: ['libc.so.6'] })
    expect(() => readElf(b.subarray(0, b.length - 20))).toThrow(
      new ElfError('its dynamic section is truncated')
    )
  })
})

describe('verifyBinary', () => {
  it.each(GOARCHES)(
    'accepts a static binary for linux/%s (e_machine %i, %i-bit, little-endian %s)',
    (arch, machine, bits, littleEndian) => {
      const info = verifyBinary(elf({ bits, littleEndian, machine }), platform(arch), 'app')
      expect(info).toEqual({ bits, littleEndian, machine, needed: [] })
    }
  )

  it('accepts a static PIE (a dynamic section without loader or libraries)', () => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64, dynamic: true })
    expect(verifyBinary(b, platform('amd64', 'v3'), 'app').needed).toEqual([])
  })

  it('says "exec format error" for a binary of another architecture, and how to fix it', () => {
    const e = failure(() =>
      verifyBinary(
        elf({ bits: 64, littleEndian: true, machine: EM.X86_64 }),
        platform('arm64'),
        'server'
      )
    )
    expect(e.message).toContain('The binary server built for linux/arm64')
    expect(e.message).toContain('64-bit x86-64 binary, not AArch64')
    expect(e.message).toContain('"exec format error"')
    expect(e.message).toMatch(/GOOS\/GOARCH.*build-env or build-flags.*platforms input/)
  })

  it.each<[string, string | undefined, Parameters<typeof elf>[0], RegExp]>([
    [
      'arm',
      'v7',
      { bits: 64, littleEndian: true, machine: EM.AARCH64 },
      /linux\/arm\/v7 is a 64-bit AArch64 binary, not ARM/
    ],
    [
      'amd64',
      undefined,
      { bits: 32, littleEndian: true, machine: EM.I386 },
      /32-bit Intel 80386 binary, not x86-64/
    ],
    [
      '386',
      undefined,
      { bits: 64, littleEndian: true, machine: EM.X86_64 },
      /64-bit x86-64 binary, not Intel 80386/
    ],
    // Right machine, wrong width or byte order: still not runnable.
    [
      'arm',
      'v6',
      { bits: 64, littleEndian: true, machine: EM.ARM },
      /is a 64-bit ARM binary, not ARM/
    ],
    ['s390x', undefined, { bits: 64, littleEndian: true, machine: EM.S390 }, /not IBM S\/390/],
    [
      'ppc64le',
      undefined,
      { bits: 64, littleEndian: false, machine: EM.PPC64 },
      /not PowerPC64 little-endian/
    ],
    // A machine the action does not build for is named by its number.
    [
      'riscv64',
      undefined,
      { bits: 32, littleEndian: false, machine: EM.PPC },
      /32-bit machine 20 binary, not RISC-V/
    ]
  ])('rejects for linux/%s/%s: %j', (arch, variant, spec, message) => {
    const e = failure(() => verifyBinary(elf(spec), platform(arch, variant), 'app'))
    expect(e.message).toMatch(message)
    expect(e.message).toContain('exec format error')
  })

  it('checks the architecture before the linking', () => {
    const b = elf({
      bits: 64,
      littleEndian: true,
      machine: EM.AARCH64,
      interpreter: '/lib/ld-linux-aarch64.so.1',
      needed: ['libc.so.6']
    })
    const e = failure(() => verifyBinary(b, platform('amd64'), 'app'))
    expect(e.message).toContain('exec format error')
    expect(e.message).not.toContain('no such file or directory')
  })

  it('skips the architecture check for an architecture it has no table entry for', () => {
    const b = elf({ bits: 64, littleEndian: false, machine: 9999 })
    expect(verifyBinary(b, platform('mips64'), 'app').machine).toBe(9999)
  })

  it('says "no such file or directory" for a binary that asks for a loader and libraries', () => {
    const b = elf({
      bits: 64,
      littleEndian: true,
      machine: EM.X86_64,
      interpreter: '/lib64/ld-linux-x86-64.so.2',
      needed: ['libc.so.6', 'libresolv.so.2']
    })
    const e = failure(() => verifyBinary(b, platform('amd64'), 'api'))
    expect(e.message).toContain('The binary api built for linux/amd64 is dynamically linked')
    expect(e.message).toContain(
      'asks for the loader /lib64/ld-linux-x86-64.so.2 and needs the shared libraries libc.so.6, libresolv.so.2'
    )
    expect(e.message).toContain('"no such file or directory"')
    expect(e.message).toContain('CGO_ENABLED=0')
    expect(e.message).toMatch(/-buildmode=pie.*-linkshared.*-linkmode=external/)
  })

  it('names only the loader when there are no needed libraries', () => {
    const b = elf({
      bits: 32,
      littleEndian: true,
      machine: EM.ARM,
      interpreter: '/lib/ld-linux.so.3'
    })
    const e = failure(() => verifyBinary(b, platform('arm', 'v7'), 'app'))
    expect(e.message).toContain('(it asks for the loader /lib/ld-linux.so.3)')
    expect(e.message).not.toContain('shared libraries')
    expect(e.message).toContain('no such file or directory')
  })

  it('names only the libraries when there is no loader', () => {
    const b = elf({ bits: 64, littleEndian: false, machine: EM.S390, needed: ['libgo.so.21'] })
    const e = failure(() => verifyBinary(b, platform('s390x'), 'app'))
    expect(e.message).toContain('(it needs the shared libraries libgo.so.21)')
    expect(e.message).not.toContain('loader')
    expect(e.message).toContain('no such file or directory')
  })

  it('refuses needed libraries even when their names cannot be read', () => {
    const b = elf({
      bits: 64,
      littleEndian: true,
      machine: EM.X86_64,
      needed: ['libc.so.6'],
      noStrtab: true
    })
    expect(failure(() => verifyBinary(b, platform('amd64'), 'app')).message).toContain(
      'no such file or directory'
    )
  })

  it('explains a file that is not ELF at all', () => {
    const e = failure(() =>
      verifyBinary(Buffer.from('#!/bin/sh\nexec /app "$@"\n'.repeat(4)), platform('amd64'), 'app')
    )
    expect(e.message).toBe(
      'The binary app built for linux/amd64 cannot run in a scratch image: it is not an ELF file.'
    )
  })

  it('explains a truncated binary as an ELF problem, not a range error', () => {
    const b = elf({ bits: 64, littleEndian: true, machine: EM.X86_64 })
    const e = failure(() => verifyBinary(b.subarray(0, 56), platform('amd64'), 'app'))
    expect(e.message).toBe(
      'The binary app built for linux/amd64 cannot run in a scratch image: its ELF header is truncated.'
    )
  })
})
