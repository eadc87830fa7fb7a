// Reads the ELF facts that decide whether a binary runs in a scratch image: machine, interpreter, needed libraries.
import type { Platform } from '../platform.js'
import { platformString } from '../platform.js'

export interface ElfInfo {
  bits: 32 | 64
  littleEndian: boolean
  machine: number
  /** PT_INTERP: the dynamic loader the kernel would look for, absent in a static binary. */
  interpreter?: string
  /** DT_NEEDED entries: shared libraries the loader would have to find. */
  needed: string[]
  /** DT_SONAME, DT_RPATH and DT_RUNPATH (split on ':'), present only when the file has them. */
  soname?: string
  rpath?: string[]
  runpath?: string[]
}

const PT_DYNAMIC = 2
const PT_INTERP = 3
const DT_NEEDED = 1
const DT_STRTAB = 5
const DT_SONAME = 14
const DT_RPATH = 15
const DT_RUNPATH = 29

/** e_machine, bits and byte order each platform needs. */
const TARGET: Record<
  string,
  { machine: number; bits: 32 | 64; littleEndian: boolean; name: string }
> = {
  amd64: { machine: 62, bits: 64, littleEndian: true, name: 'x86-64' },
  arm64: { machine: 183, bits: 64, littleEndian: true, name: 'AArch64' },
  arm: { machine: 40, bits: 32, littleEndian: true, name: 'ARM' },
  '386': { machine: 3, bits: 32, littleEndian: true, name: 'Intel 80386' },
  ppc64le: { machine: 21, bits: 64, littleEndian: true, name: 'PowerPC64 little-endian' },
  s390x: { machine: 22, bits: 64, littleEndian: false, name: 'IBM S/390' },
  riscv64: { machine: 243, bits: 64, littleEndian: true, name: 'RISC-V' }
}

export class ElfError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ElfError'
  }
}

/** A program header: what the kernel (and Go's build-info reader) load from the file, and where. */
export interface Segment {
  type: number
  flags: number
  offset: number
  vaddr: number
  filesz: number
}

/** The ELF header's facts, its program headers (bounds checked) and readers in the file's byte order. */
export interface ElfLayout {
  bits: 32 | 64
  littleEndian: boolean
  machine: number
  segments: Segment[]
  u16(offset: number): number
  u32(offset: number): number
  /** A 32- or 64-bit word, as the file's class has it. */
  word(offset: number): number
}

/** Reads pointer-sized words (4 or 8 bytes, in the given byte order) at byte offsets of bytes. */
export function wordReader(
  bytes: Uint8Array,
  size: number,
  littleEndian: boolean
): (offset: number) => number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return size === 8
    ? o => Number(view.getBigUint64(o, littleEndian))
    : o => view.getUint32(o, littleEndian)
}

export function readElfLayout(buf: Buffer): ElfLayout {
  if (buf.length < 52 || buf.readUInt32BE(0) !== 0x7f454c46)
    throw new ElfError('it is not an ELF file')
  const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : undefined
  const littleEndian = buf[5] === 1 ? true : buf[5] === 2 ? false : undefined
  if (!bits || littleEndian === undefined) throw new ElfError('its ELF header is malformed')
  if (bits === 64 && buf.length < 64) throw new ElfError('its ELF header is truncated')
  const u16 = (o: number): number => (littleEndian ? buf.readUInt16LE(o) : buf.readUInt16BE(o))
  const u32 = (o: number): number => (littleEndian ? buf.readUInt32LE(o) : buf.readUInt32BE(o))
  const word = wordReader(buf, bits === 64 ? 8 : 4, littleEndian)
  const phoff = word(bits === 64 ? 32 : 28)
  const phentsize = u16(bits === 64 ? 54 : 42)
  const phnum = u16(bits === 64 ? 56 : 44)

  const segments: Segment[] = []
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize
    if (p + phentsize > buf.length) throw new ElfError('its program headers are truncated')
    segments.push(
      bits === 64
        ? {
            type: u32(p),
            flags: u32(p + 4),
            offset: word(p + 8),
            vaddr: word(p + 16),
            filesz: word(p + 32)
          }
        : {
            type: u32(p),
            offset: u32(p + 4),
            vaddr: u32(p + 8),
            filesz: u32(p + 16),
            flags: u32(p + 24)
          }
    )
  }
  return { bits, littleEndian, machine: u16(18), segments, u16, u32, word }
}

export function readElf(buf: Buffer): ElfInfo {
  const { bits, littleEndian, machine, segments, word: addr } = readElfLayout(buf)
  const info: ElfInfo = { bits, littleEndian, machine, needed: [] }
  const interp = segments.find(s => s.type === PT_INTERP)
  if (interp)
    info.interpreter = buf
      .toString('latin1', interp.offset, interp.offset + interp.filesz)
      .replace(/\0.*$/s, '')

  const dyn = segments.find(s => s.type === PT_DYNAMIC)
  if (dyn) {
    const size = bits === 64 ? 16 : 8
    if (dyn.offset + dyn.filesz > buf.length) throw new ElfError('its dynamic section is truncated')
    const entries: { tag: number; val: number }[] = []
    for (let o = dyn.offset; o + size <= dyn.offset + dyn.filesz; o += size) {
      const tag = addr(o)
      if (tag === 0) break
      entries.push({ tag, val: addr(o + size / 2) })
    }
    // DT_STRTAB holds a virtual address; map it to a file offset through the segment that loads it.
    const strtab = entries.find(e => e.tag === DT_STRTAB)?.val
    const seg =
      strtab === undefined
        ? undefined
        : segments.find(s => s.type === 1 && strtab >= s.vaddr && strtab < s.vaddr + s.filesz)
    const str = (at: number): string => {
      if (strtab === undefined || !seg) return '?'
      const start = seg.offset + (strtab - seg.vaddr) + at
      const end = buf.indexOf(0, start)
      return buf.toString('latin1', start, end < 0 ? undefined : end)
    }
    for (const e of entries) {
      if (e.tag === DT_NEEDED) info.needed.push(str(e.val))
      else if (e.tag === DT_SONAME) info.soname = str(e.val)
      else if (e.tag === DT_RPATH) info.rpath = str(e.val).split(':').filter(Boolean)
      else if (e.tag === DT_RUNPATH) info.runpath = str(e.val).split(':').filter(Boolean)
    }
  }
  return info
}

/** A dynamic symbol: its name and whether this file defines it (else it imports it). */
export interface DynamicSymbol {
  name: string
  defined: boolean
}

const SHT_DYNSYM = 11
/** SHT_NOBITS: a section (.bss) that takes no bytes in the file. */
export const SHT_NOBITS = 8

/** A section header: its name (from the e_shstrndx table; '' where that cannot be read), kind and place. */
export interface ElfSection {
  name: string
  type: number
  addr: number
  offset: number
  size: number
  /** sh_link: the index of a related section (a symbol table's strings). */
  link: number
  entsize: number
}

/**
 * The section headers, in index order (sh_link refers to them by index). Empty when the file has none or the table
 * lies outside it: section headers are optional (the program headers are what runs), so readers fall back on those.
 */
export function readElfSections(buf: Buffer, elf: ElfLayout = readElfLayout(buf)): ElfSection[] {
  const { bits, u16, u32, word } = elf
  const is64 = bits === 64
  const shoff = word(is64 ? 40 : 32)
  const shentsize = u16(is64 ? 58 : 46)
  const shnum = u16(is64 ? 60 : 48)
  const shstrndx = u16(is64 ? 62 : 50)
  if (!shoff || !shnum || shentsize < (is64 ? 64 : 40) || shoff + shnum * shentsize > buf.length)
    return []
  const raw = Array.from({ length: shnum }, (_, i) => {
    const h = shoff + i * shentsize
    return is64
      ? {
          nameOff: u32(h),
          type: u32(h + 4),
          addr: word(h + 16),
          offset: word(h + 24),
          size: word(h + 32),
          link: u32(h + 40),
          entsize: word(h + 56)
        }
      : {
          nameOff: u32(h),
          type: u32(h + 4),
          addr: u32(h + 12),
          offset: u32(h + 16),
          size: u32(h + 20),
          link: u32(h + 24),
          entsize: u32(h + 36)
        }
  })
  const strtab = raw[shstrndx]
  const names =
    strtab && strtab.type !== SHT_NOBITS && strtab.offset + strtab.size <= buf.length
      ? strtab
      : undefined
  return raw.map(({ nameOff, ...section }) => {
    let name = ''
    if (names && nameOff < names.size) {
      const start = names.offset + nameOff
      const end = names.offset + names.size
      const nul = buf.indexOf(0, start)
      name = buf.toString('latin1', start, nul < 0 || nul > end ? end : nul)
    }
    return { name, ...section }
  })
}

/**
 * The dynamic symbol table, read through the section headers (which `-s` keeps): what a binary imports from its
 * libraries, or what a library exports. Empty when the file has no section headers.
 */
export function dynamicSymbols(buf: Buffer): DynamicSymbol[] {
  const layout = readElfLayout(buf)
  const { u16, u32 } = layout
  const is64 = layout.bits === 64
  const sections = readElfSections(buf, layout)
  const out: DynamicSymbol[] = []
  for (const sym of sections) {
    const strs = sections[sym.link]
    if (sym.type !== SHT_DYNSYM || !strs) continue
    const size = sym.entsize || (is64 ? 24 : 16)
    if (sym.offset + sym.size > buf.length || strs.offset + strs.size > buf.length) {
      throw new ElfError('its dynamic symbol table is truncated')
    }
    // Entry 0 is the null symbol. st_name is first in both classes; st_shndx at 6 (64-bit) or 14 (32-bit).
    for (let o = sym.offset + size; o + size <= sym.offset + sym.size; o += size) {
      const nameAt = strs.offset + u32(o)
      const end = buf.indexOf(0, nameAt)
      const name = buf.toString('latin1', nameAt, end < 0 ? strs.offset + strs.size : end)
      if (name) out.push({ name, defined: u16(o + (is64 ? 6 : 14)) !== 0 })
    }
  }
  return out
}

/** The machine's name when info is not for the platform's machine, class and byte order; undefined when it is. */
export function machineMismatch(
  info: Pick<ElfInfo, 'machine' | 'bits' | 'littleEndian'>,
  architecture: string
): string | undefined {
  const want = TARGET[architecture]
  if (!want) return undefined
  if (
    info.machine === want.machine &&
    info.bits === want.bits &&
    info.littleEndian === want.littleEndian
  )
    return undefined
  const got =
    Object.values(TARGET).find(t => t.machine === info.machine)?.name ?? `machine ${info.machine}`
  return `${info.bits}-bit ${got}`
}

/** The ELF machine name the platform's architecture needs, e.g. x86-64. */
export function machineName(architecture: string): string {
  return TARGET[architecture]?.name ?? architecture
}

/**
 * Fails with the runtime error the image would show, and the fix, unless the binary is a static ELF for
 * the platform: a scratch image has no loader and no libraries.
 */
export function verifyBinary(
  buf: Buffer,
  platform: Platform,
  binaryName: string,
  /** How the build links: without cgo, static; cgo: static must be static too; cgo: dynamic may ask for a loader. */
  linking: { cgo: 'off' | 'static' | 'dynamic' } = { cgo: 'off' }
): ElfInfo {
  const where = `The binary ${binaryName} built for ${platformString(platform)}`
  let info: ElfInfo
  try {
    info = readElf(buf)
  } catch (e) {
    throw new ElfError(`${where} cannot run in a scratch image: ${(e as Error).message}.`)
  }
  const got = machineMismatch(info, platform.architecture)
  if (got) {
    throw new ElfError(
      `${where} is a ${got} binary, not ${machineName(platform.architecture)}: the container would fail with "exec format error". ` +
        (linking.cgo === 'off'
          ? `Do not set GOOS/GOARCH in build-env or build-flags; the platforms input sets them.`
          : `Check the C compiler for ${platformString(platform)} in cc: it must target that platform.`)
    )
  }
  if (linking.cgo !== 'dynamic' && (info.interpreter || info.needed.length)) {
    const what = [
      info.interpreter ? `asks for the loader ${info.interpreter}` : '',
      info.needed.length ? `needs the shared libraries ${info.needed.join(', ')}` : ''
    ]
      .filter(Boolean)
      .join(' and ')
    throw new ElfError(
      `${where} is dynamically linked (it ${what}), which a scratch image does not have: the container would fail ` +
        `with "no such file or directory". ` +
        (linking.cgo === 'static'
          ? `cgo: static links with -extldflags=-static; remove -buildmode=pie or -linkshared from build-flags, ` +
            `or use cgo: dynamic to ship the shared libraries in a libraries layer.`
          : `Build it static: remove -buildmode=pie, -linkshared or -linkmode=external ` +
            `from build-flags and ldflags (the action already sets CGO_ENABLED=0).`)
    )
  }
  return info
}
