// Reads the ELF facts that decide whether a binary runs in a scratch image: machine, interpreter, needed libraries.
import type { Platform } from './platform.js'
import { platformString } from './platform.js'

export interface ElfInfo {
  bits: 32 | 64
  littleEndian: boolean
  machine: number
  /** PT_INTERP: the dynamic loader the kernel would look for, absent in a static binary. */
  interpreter?: string
  /** DT_NEEDED entries: shared libraries the loader would have to find. */
  needed: string[]
}

const PT_DYNAMIC = 2
const PT_INTERP = 3
const DT_NEEDED = 1
const DT_STRTAB = 5

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

export function readElfLayout(buf: Buffer): ElfLayout {
  if (buf.length < 52 || buf.readUInt32BE(0) !== 0x7f454c46)
    throw new ElfError('it is not an ELF file')
  const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : undefined
  const littleEndian = buf[5] === 1 ? true : buf[5] === 2 ? false : undefined
  if (!bits || littleEndian === undefined) throw new ElfError('its ELF header is malformed')
  if (bits === 64 && buf.length < 64) throw new ElfError('its ELF header is truncated')
  const u16 = (o: number): number => (littleEndian ? buf.readUInt16LE(o) : buf.readUInt16BE(o))
  const u32 = (o: number): number => (littleEndian ? buf.readUInt32LE(o) : buf.readUInt32BE(o))
  const word = (o: number): number =>
    bits === 64 ? Number(littleEndian ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o)
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
    for (const e of entries.filter(e => e.tag === DT_NEEDED)) {
      if (strtab === undefined || !seg) {
        info.needed.push('?')
        continue
      }
      const start = seg.offset + (strtab - seg.vaddr) + e.val
      const end = buf.indexOf(0, start)
      info.needed.push(buf.toString('latin1', start, end < 0 ? undefined : end))
    }
  }
  return info
}

/**
 * Fails with the runtime error the image would show, and the fix, unless the binary is a static ELF for
 * the platform: a scratch image has no loader and no libraries.
 */
export function verifyBinary(buf: Buffer, platform: Platform, binaryName: string): ElfInfo {
  const where = `The binary ${binaryName} built for ${platformString(platform)}`
  let info: ElfInfo
  try {
    info = readElf(buf)
  } catch (e) {
    throw new ElfError(`${where} cannot run in a scratch image: ${(e as Error).message}.`)
  }
  const want = TARGET[platform.architecture]
  if (
    want &&
    (info.machine !== want.machine ||
      info.bits !== want.bits ||
      info.littleEndian !== want.littleEndian)
  ) {
    const got =
      Object.values(TARGET).find(t => t.machine === info.machine)?.name ?? `machine ${info.machine}`
    throw new ElfError(
      `${where} is a ${info.bits}-bit ${got} binary, not ${want.name}: the container would fail with "exec format error". ` +
        `Do not set GOOS/GOARCH in build-env or build-flags; the platforms input sets them.`
    )
  }
  if (info.interpreter || info.needed.length) {
    const what = [
      info.interpreter ? `asks for the loader ${info.interpreter}` : '',
      info.needed.length ? `needs the shared libraries ${info.needed.join(', ')}` : ''
    ]
      .filter(Boolean)
      .join(' and ')
    throw new ElfError(
      `${where} is dynamically linked (it ${what}), which a scratch image does not have: the container would fail ` +
        `with "no such file or directory". Build it static: remove -buildmode=pie, -linkshared or -linkmode=external ` +
        `from build-flags and ldflags (the action already sets CGO_ENABLED=0).`
    )
  }
  return info
}
