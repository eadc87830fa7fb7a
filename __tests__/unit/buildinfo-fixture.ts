// Synthetic Go ELF binaries carrying build information, laid out as Go's linker does, for the build-info and SBOM tests.
import { elfWriter, EM } from './elf-fixture.js'

// The sentinels Go's linker frames the module information with (cmd/go/internal/modload).
export const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex')
export const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex')
export const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')

export const framed = (modinfo: string): Buffer =>
  Buffer.concat([INFO_START, Buffer.from(modinfo, 'utf8'), INFO_END])

export function uvarint(n: number): Buffer {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return Buffer.from(out)
}

export interface Layout {
  bits: 32 | 64
  le: boolean
}

export const header = (ptrSize: number, flags: number): Buffer => {
  const h = Buffer.alloc(32)
  MAGIC.copy(h)
  h[14] = ptrSize
  h[15] = flags
  return h
}

/** Go ≥ 1.18: flag 0x2, then the two strings inline, each prefixed with its uvarint length. */
export const inline =
  (version: string, mod: Buffer) =>
  ({ bits }: Layout): Buffer => {
    const v = Buffer.from(version, 'utf8')
    return Buffer.concat([header(bits / 8, 0x2), uvarint(v.length), v, uvarint(mod.length), mod])
  }

/** Before Go 1.18: two pointers to Go string headers {data, len}, in the binary's byte order. */
export const pointers =
  (version: string, mod: Buffer) =>
  ({ bits, le }: Layout, vaddr: number): Buffer => {
    const ptr = bits / 8
    const v = Buffer.from(version, 'utf8')
    const hdrs = Buffer.alloc(4 * ptr)
    const body = Buffer.concat([header(ptr, le ? 0 : 1), hdrs, v, mod])
    const word = (off: number, value: number): number =>
      ptr === 8
        ? le
          ? body.writeBigUInt64LE(BigInt(value), off)
          : body.writeBigUInt64BE(BigInt(value), off)
        : le
          ? body.writeUInt32LE(value, off)
          : body.writeUInt32BE(value, off)
    const hdrAt = 32
    const vAt = hdrAt + 4 * ptr
    word(16, vaddr + hdrAt)
    word(16 + ptr, vaddr + hdrAt + 2 * ptr)
    word(hdrAt, vaddr + vAt)
    word(hdrAt + ptr, v.length)
    word(hdrAt + 2 * ptr, vaddr + vAt + v.length)
    word(hdrAt + 3 * ptr, mod.length)
    return body
  }

export interface GoElf extends Layout {
  /** The build information bytes, given the virtual address they load at. */
  payload: (layout: Layout, vaddr: number) => Buffer
  /** Write section headers (with .go.buildinfo); without them, a reader has to scan the data segment. */
  sections?: boolean
  /** Bytes in the data segment before the payload (Go aligns the header to 16). */
  before?: number
  /** e_machine; x86-64 or i386 by bits unless given. */
  machine?: number
}

export const DATA_VADDR = 0x6a0000

/**
 * An ELF executable as Go's linker lays one out, reduced to what reading build information needs: a text
 * segment, a writable data segment starting with the build information, and (optionally) section headers
 * naming .go.buildinfo and .shstrtab.
 */
export function goElf(o: GoElf): Buffer {
  const is64 = o.bits === 64
  const le = o.le
  const shentsize = is64 ? 64 : 40
  const dataOff = 0x100
  const vaddr = DATA_VADDR + dataOff
  const before = o.before ?? 0
  const payload = o.payload(o, vaddr + before)
  const data = Buffer.concat([Buffer.alloc(before, 0xee), payload])
  const shstrtab = Buffer.from('\0.go.buildinfo\0.shstrtab\0', 'latin1')
  const strOff = dataOff + data.length
  const shoff = Math.ceil((strOff + shstrtab.length) / 8) * 8
  const withSections = o.sections ?? true
  const total = withSections ? shoff + 3 * shentsize : strOff + shstrtab.length

  const b = Buffer.alloc(total)
  const { u32, word, header, phdr } = elfWriter(b, is64, le)
  header({
    machine: o.machine ?? (is64 ? EM.X86_64 : EM.I386),
    phnum: 2,
    shoff: withSections ? shoff : 0,
    shentsize,
    shnum: withSections ? 3 : 0,
    shstrndx: withSections ? 2 : 0
  })
  const load = { type: 1, align: 0x1000 } // PT_LOAD
  phdr(0, { ...load, flags: 5, offset: 0, vaddr: 0x400000, filesz: dataOff }) // R+X text
  phdr(1, { ...load, flags: 6, offset: dataOff, vaddr, filesz: data.length }) // R+W data
  data.copy(b, dataOff)
  shstrtab.copy(b, strOff)

  if (withSections) {
    const shdr = (
      i: number,
      name: number,
      type: number,
      addr: number,
      off: number,
      size: number
    ) => {
      const at = shoff + i * shentsize
      u32(at, name)
      u32(at + 4, type)
      if (is64) {
        word(at + 16, addr)
        word(at + 24, off)
        word(at + 32, size)
      } else {
        u32(at + 12, addr)
        u32(at + 16, off)
        u32(at + 20, size)
      }
    }
    shdr(1, 1, 1, vaddr + before, dataOff + before, payload.length) // .go.buildinfo, PROGBITS
    shdr(2, 15, 3, 0, strOff, shstrtab.length) // .shstrtab, STRTAB
  }
  return b
}

/** A Go binary of one module with no dependencies, as `go build` writes it for GOARCH (machine) with -trimpath. */
export function goBinary(machine: number, bits: 32 | 64, goarch: string): Buffer {
  const modinfo = [
    'path\texample.com/app',
    'mod\texample.com/app\t(devel)\t',
    'build\t-trimpath=true',
    'build\tCGO_ENABLED=0',
    `build\tGOARCH=${goarch}`,
    'build\tGOOS=linux',
    ''
  ].join('\n')
  return goElf({ bits, le: true, machine, payload: inline('go1.22.5', framed(modinfo)) })
}
