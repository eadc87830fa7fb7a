// Minimal well-formed ELF executables for the tests that read or verify binaries, built from the specification.

// e_machine values from the ELF specification (and the psABI supplements), independent of the code under test.
export const EM = {
  I386: 3,
  ARM: 40,
  PPC: 20,
  PPC64: 21,
  S390: 22,
  X86_64: 62,
  AARCH64: 183,
  RISCV: 243
}

const PT_LOAD = 1
const PT_DYNAMIC = 2
const PT_INTERP = 3
const PT_PHDR = 6
const PT_GNU_STACK = 0x6474e551
const DT_NULL = 0
const DT_NEEDED = 1
const DT_STRTAB = 5
const DT_STRSZ = 10
const DT_SONAME = 14
const DT_RPATH = 15
const DT_RUNPATH = 29
const SHT_STRTAB = 3
const SHT_DYNSYM = 11

export interface ElfOptions {
  bits: 32 | 64
  littleEndian: boolean
  machine: number
  /** PT_INTERP contents (written NUL-terminated). */
  interpreter?: string
  /** DT_NEEDED names; any implies a PT_DYNAMIC segment. */
  needed?: string[]
  /** A PT_DYNAMIC segment even without needed libraries, as a static PIE has. */
  dynamic?: boolean
  /** Leave DT_STRTAB out of the dynamic section. */
  noStrtab?: boolean
  /** Put a bogus DT_NEEDED after DT_NULL, which a reader must not see. */
  junkAfterNull?: boolean
  /** DT_SONAME, DT_RPATH and DT_RUNPATH strings (a path list joined with ':'); any implies PT_DYNAMIC. */
  soname?: string
  rpath?: string
  runpath?: string
  /** A .dynsym (with its .dynstr) reached through section headers: imported (undefined) or defined symbols. */
  symbols?: { name: string; defined: boolean }[]
}

/** One program header as the fixtures write it (file size = memory size). */
export interface Phdr {
  type: number
  flags: number
  offset: number
  vaddr: number
  filesz: number
  align: number
}

/**
 * Writes an ELF file's identification, header and program headers into b in the class and byte order asked
 * for; u16, u32 and word (32 or 64 bits by class) write anything else.
 */
export function elfWriter(b: Buffer, is64: boolean, le: boolean) {
  const u16 = (off: number, v: number): number =>
    le ? b.writeUInt16LE(v, off) : b.writeUInt16BE(v, off)
  const u32 = (off: number, v: number): number =>
    le ? b.writeUInt32LE(v, off) : b.writeUInt32BE(v, off)
  const word = (off: number, v: number): number =>
    is64
      ? le
        ? b.writeBigUInt64LE(BigInt(v), off)
        : b.writeBigUInt64BE(BigInt(v), off)
      : u32(off, v)
  const ehsize = is64 ? 64 : 52
  const phentsize = is64 ? 56 : 32
  const header = (h: {
    machine: number
    phnum: number
    shoff?: number
    shentsize?: number
    shnum?: number
    shstrndx?: number
  }): void => {
    b.write('\x7fELF', 0, 'latin1')
    b[4] = is64 ? 2 : 1
    b[5] = le ? 1 : 2
    b[6] = 1
    u16(16, 2) // ET_EXEC
    u16(18, h.machine)
    u32(20, 1)
    word(24, 0x401000) // e_entry
    word(is64 ? 32 : 28, ehsize) // e_phoff
    word(is64 ? 40 : 32, h.shoff ?? 0)
    u16(is64 ? 52 : 40, ehsize)
    u16(is64 ? 54 : 42, phentsize)
    u16(is64 ? 56 : 44, h.phnum)
    u16(is64 ? 58 : 46, h.shentsize ?? 0)
    u16(is64 ? 60 : 48, h.shnum ?? 0)
    u16(is64 ? 62 : 50, h.shstrndx ?? 0)
  }
  const phdr = (i: number, p: Phdr): void => {
    const at = ehsize + i * phentsize
    u32(at, p.type)
    if (is64) {
      u32(at + 4, p.flags)
      word(at + 8, p.offset)
      word(at + 16, p.vaddr)
      word(at + 24, p.vaddr)
      word(at + 32, p.filesz)
      word(at + 40, p.filesz)
      word(at + 48, p.align)
    } else {
      u32(at + 4, p.offset)
      u32(at + 8, p.vaddr)
      u32(at + 12, p.vaddr)
      u32(at + 16, p.filesz)
      u32(at + 20, p.filesz)
      u32(at + 24, p.flags)
      u32(at + 28, p.align)
    }
  }
  return { u16, u32, word, header, phdr }
}

/**
 * A minimal but well-formed ELF executable: header, program headers (PHDR, INTERP, two LOADs, DYNAMIC,
 * GNU_STACK, as a linker lays them out), the interpreter string, a string table and a dynamic section.
 * The second LOAD maps the data at a virtual address unrelated to its file offset, so DT_STRTAB (an
 * address) only resolves to the right bytes through that segment.
 */
export function elf(o: ElfOptions): Buffer {
  const is64 = o.bits === 64
  const le = o.littleEndian
  const ehsize = is64 ? 64 : 52
  const phentsize = is64 ? 56 : 32
  const dynent = is64 ? 16 : 8
  const needed = o.needed ?? []
  const tagged: [number, string | undefined][] = [
    [DT_SONAME, o.soname],
    [DT_RPATH, o.rpath],
    [DT_RUNPATH, o.runpath]
  ]
  const hasDynamic = o.dynamic || needed.length > 0 || tagged.some(([, v]) => v !== undefined)

  const phdrs: { type: number; offset: number; vaddr: number; filesz: number }[] = []
  const phnum = 4 + (o.interpreter !== undefined ? 1 : 0) + (hasDynamic ? 1 : 0)
  const dataStart = ehsize + phnum * phentsize

  // The data region: interpreter, string table, then the dynamic section (aligned).
  let cursor = dataStart
  const interpOff = cursor
  const interpBytes =
    o.interpreter !== undefined ? Buffer.from(`${o.interpreter}\0`, 'latin1') : null
  if (interpBytes) cursor += interpBytes.length
  const strtabOff = cursor
  const nameIndex: number[] = []
  const strParts: Buffer[] = [Buffer.from([0])]
  let strLen = 1
  const addString = (n: string): number => {
    const at = strLen
    const b = Buffer.from(`${n}\0`, 'latin1')
    strParts.push(b)
    strLen += b.length
    return at
  }
  for (const n of needed) nameIndex.push(addString(n))
  const taggedIndex = tagged.map(([tag, v]) =>
    v === undefined ? undefined : ([tag, addString(v)] as [number, number])
  )
  const symbolIndex = (o.symbols ?? []).map(sym => addString(sym.name))
  const strtab = Buffer.concat(strParts)
  cursor += strtab.length
  cursor = Math.ceil(cursor / 8) * 8
  const dynOff = cursor

  const DATA_VADDR = 0x7a0000
  const vaddrOf = (fileOffset: number): number => DATA_VADDR + (fileOffset - dataStart)

  const dyn: [number, number][] = needed.map((_, i) => [DT_NEEDED, nameIndex[i] as number])
  for (const t of taggedIndex) if (t) dyn.push(t)
  if (!o.noStrtab) dyn.push([DT_STRTAB, vaddrOf(strtabOff)])
  dyn.push([DT_STRSZ, strtab.length], [DT_NULL, 0])
  if (o.junkAfterNull) dyn.push([DT_NEEDED, nameIndex[0] ?? 0])
  const dynSize = hasDynamic ? dyn.length * dynent : 0
  // Symbols: the null symbol, then one entry each (st_name first; st_shndx 1 for a defined one); then three
  // section headers: null, the string table (.dynstr) and .dynsym linked to it.
  const symSize = is64 ? 24 : 16
  const shentsize = is64 ? 64 : 40
  const symOff = Math.ceil((dynOff + dynSize) / 8) * 8
  const symCount = o.symbols ? o.symbols.length + 1 : 0
  const shOff = symOff + symCount * symSize
  const total = o.symbols ? shOff + 3 * shentsize : dynOff + dynSize

  phdrs.push({ type: PT_PHDR, offset: ehsize, vaddr: 0x400000 + ehsize, filesz: phnum * phentsize })
  if (interpBytes)
    phdrs.push({
      type: PT_INTERP,
      offset: interpOff,
      vaddr: vaddrOf(interpOff),
      filesz: interpBytes.length
    })
  phdrs.push({ type: PT_LOAD, offset: 0, vaddr: 0x400000, filesz: dataStart })
  phdrs.push({ type: PT_LOAD, offset: dataStart, vaddr: DATA_VADDR, filesz: total - dataStart })
  if (hasDynamic)
    phdrs.push({ type: PT_DYNAMIC, offset: dynOff, vaddr: vaddrOf(dynOff), filesz: dynSize })
  phdrs.push({ type: PT_GNU_STACK, offset: 0, vaddr: 0, filesz: 0 })
  if (phdrs.length !== phnum)
    throw new Error(`elf fixture: ${phdrs.length} program headers, not ${phnum}`)

  const b = Buffer.alloc(total)
  const { u16, u32, word, header, phdr } = elfWriter(b, is64, le)
  header(
    o.symbols
      ? { machine: o.machine, phnum, shoff: shOff, shentsize, shnum: 3 }
      : { machine: o.machine, phnum }
  )
  if (o.symbols) {
    o.symbols.forEach((sym, i) => {
      const at = symOff + (i + 1) * symSize
      u32(at, symbolIndex[i] as number)
      u16(at + (is64 ? 6 : 14), sym.defined ? 1 : 0)
    })
    const section = (i: number, type: number, offset: number, size: number, link: number): void => {
      const h = shOff + i * shentsize
      u32(h + 4, type)
      word(h + (is64 ? 24 : 16), offset)
      word(h + (is64 ? 32 : 20), size)
      u32(h + (is64 ? 40 : 24), link)
      word(h + (is64 ? 56 : 36), type === SHT_DYNSYM ? symSize : 0)
    }
    section(1, SHT_STRTAB, strtabOff, strtab.length, 0)
    section(2, SHT_DYNSYM, symOff, symCount * symSize, 1)
  }
  phdrs.forEach((p, i) => phdr(i, { ...p, flags: 4, align: is64 ? 8 : 4 }))
  if (interpBytes) interpBytes.copy(b, interpOff)
  strtab.copy(b, strtabOff)
  if (hasDynamic)
    dyn.forEach(([tag, val], i) => {
      word(dynOff + i * dynent, tag)
      word(dynOff + i * dynent + dynent / 2, val)
    })
  return b
}
