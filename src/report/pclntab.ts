// Reads a Go binary's runtime tables that no symbol names (the pclntab, the funcdata in go.func.*) and says which function each of their bytes serves, so package sizes can cover them.

import { readElfLayout, readElfSections, type ElfSection } from '../build/elf.js'

export { SHT_NOBITS, type ElfSection } from '../build/elf.js'

export interface Elf {
  /** e_machine: EM_X86_64 (62), EM_AARCH64 (183), … */
  machine: number
  littleEndian: boolean
  ptrSize: 4 | 8
  sections: ElfSection[]
}

export const EM_X86_64 = 62

/** The section headers of an ELF file (32 or 64-bit, either byte order), or undefined when it is no ELF file. */
export function readElf(bytes: Uint8Array): Elf | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let layout
  try {
    layout = readElfLayout(buf)
  } catch {
    return undefined
  }
  return {
    machine: layout.machine,
    littleEndian: layout.littleEndian,
    ptrSize: layout.bits === 64 ? 8 : 4,
    sections: readElfSections(buf, layout)
  }
}

/** Bytes of the tables, per function name (or, for names and files, per the name that owns them). */
export interface PclntabShares {
  /** Function (or symbol) name → bytes; packages come from the names. */
  byName: Map<string, number>
  /** The header and bytes no function refers to. */
  unowned: number
  /** Funcdata start offsets (from go.func.*) → the function that refers to it first. */
  funcdata: Map<number, string>
}

/**
 * Splits a Go 1.19+ pclntab (the bytes of .gopclntab, or runtime.pclntab…epclntab) among functions: each one's
 * name in funcnametab, its entry in functab and its _func with pcdata and funcdata offsets, its pc-value tables in
 * pctab (sp, file, line, each pcdata; a table shared by several functions goes to the first), and its compilation
 * unit's cutab entries and file names. Returns undefined for a layout it does not know (Go 1.18 and older).
 */
export function pclntabShares(tab: Uint8Array, littleEndian: boolean): PclntabShares | undefined {
  if (tab.length < 8) return undefined
  const view = new DataView(tab.buffer, tab.byteOffset, tab.byteLength)
  const u32 = (o: number): number => view.getUint32(o, littleEndian)
  const magic = u32(0)
  // 0xfffffff0: Go 1.18 and 1.19 (a _func of 10 words); 0xfffffff1: Go 1.20 and later (startLine added).
  if (magic !== 0xfffffff0 && magic !== 0xfffffff1) return undefined
  const funcSize = magic === 0xfffffff1 ? 44 : 40
  const ptrSize = tab[7]!
  if (ptrSize !== 4 && ptrSize !== 8) return undefined
  const word = (o: number): number =>
    ptrSize === 8 ? Number(view.getBigUint64(o, littleEndian)) : u32(o)
  const headerSize = 8 + 8 * ptrSize
  const nfunc = word(8)
  const [funcnameOff, cuOff, filetabOff, pctabOff, pclnOff] = [3, 4, 5, 6, 7].map(i =>
    word(8 + i * ptrSize)
  ) as [number, number, number, number, number]
  if (!(headerSize <= funcnameOff && funcnameOff <= cuOff && cuOff <= filetabOff)) return undefined
  if (!(filetabOff <= pctabOff && pctabOff <= pclnOff && pclnOff <= tab.length)) return undefined

  const byName = new Map<string, number>()
  const give = (name: string, n: number): void => {
    if (n > 0) byName.set(name, (byName.get(name) ?? 0) + n)
  }
  let owned = 0
  const charge = (name: string, n: number): void => {
    give(name, n)
    owned += n
  }
  const str = (at: number): string => {
    let end = at
    while (end < tab.length && tab[end] !== 0) end++
    return Buffer.from(tab.buffer, tab.byteOffset + at, end - at).toString('latin1')
  }

  // funcnametab: every NUL-terminated name (inlined callees' too) belongs to the function it names.
  for (let at = funcnameOff; at < cuOff;) {
    const name = str(at)
    const end = Math.min(at + name.length + 1, cuOff)
    charge(name, end - at)
    at = end
  }

  const funcs: { name: string; cu: number }[] = []
  const pcOwner = new Map<number, string>()
  const funcdata = new Map<number, string>()
  const functabSize = nfunc * 8 + 4
  for (let i = 0; i < nfunc; i++) {
    const funcOff = u32(pclnOff + i * 8 + 4)
    const f = pclnOff + funcOff
    if (f + funcSize > tab.length) return undefined
    const name = str(funcnameOff + u32(f + 4))
    const npcdata = u32(f + 28)
    const cu = u32(f + 32)
    const nfuncdata = tab[f + funcSize - 1]!
    const pcdataAt = f + funcSize
    const funcdataAt = pcdataAt + npcdata * 4
    const end = funcdataAt + nfuncdata * 4
    // Its functab entry, the _func, its pcdata and funcdata offsets, and the alignment up to the next _func.
    const next = i + 1 < nfunc ? pclnOff + u32(pclnOff + (i + 1) * 8 + 4) : end
    charge(name, 8 + Math.max(end, next) - f)
    for (const off of [u32(f + 16), u32(f + 20), u32(f + 24)]) {
      if (off !== 0 && !pcOwner.has(off)) pcOwner.set(off, name)
    }
    for (let j = 0; j < npcdata; j++) {
      const off = u32(pcdataAt + j * 4)
      if (off !== 0 && !pcOwner.has(off)) pcOwner.set(off, name)
    }
    for (let j = 0; j < nfuncdata; j++) {
      const off = u32(funcdataAt + j * 4)
      if (off !== 0xffffffff && !funcdata.has(off)) funcdata.set(off, name)
    }
    funcs.push({ name, cu })
  }

  // pctab: each table's bytes, up to its terminator, go to its first function; the bytes up to the next table
  // (none, the linker packs them) to the same one.
  const starts = [...pcOwner.keys()].sort((a, b) => a - b)
  const pctabSize = pclnOff - pctabOff
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!
    if (start >= pctabSize) continue
    const len = pcTableLength(tab, pctabOff + start, pclnOff)
    const nextStart = Math.min(starts[k + 1] ?? pctabSize, pctabSize)
    charge(pcOwner.get(start)!, Math.max(len, nextStart - start))
  }

  // cutab: a compilation unit's file indices (from its offset to the next unit's), and filetab: the names they
  // point at, both to the first function of the unit.
  const cuOwner = new Map<number, string>()
  for (const f of funcs) if (f.cu !== 0xffffffff && !cuOwner.has(f.cu)) cuOwner.set(f.cu, f.name)
  const cus = [...cuOwner.keys()].sort((a, b) => a - b)
  const cutabLen = (filetabOff - cuOff) / 4
  const fileOwner = new Map<number, string>()
  for (let k = 0; k < cus.length; k++) {
    const first = cus[k]!
    const last = Math.min(cus[k + 1] ?? cutabLen, cutabLen)
    const owner = cuOwner.get(first)!
    for (let e = first; e < last; e++) {
      const fileOff = u32(cuOff + e * 4)
      if (fileOff !== 0xffffffff && !fileOwner.has(fileOff)) fileOwner.set(fileOff, owner)
    }
    charge(owner, Math.max(0, last - first) * 4)
  }
  const files = [...fileOwner.keys()].sort((a, b) => a - b)
  const filetabSize = pctabOff - filetabOff
  for (let k = 0; k < files.length; k++) {
    const start = files[k]!
    if (start >= filetabSize) continue
    const nextStart = Math.min(files[k + 1] ?? filetabSize, filetabSize)
    charge(fileOwner.get(start)!, nextStart - start)
  }
  // The functab's end marker is the last function's.
  if (funcs.length > 0) charge(funcs[funcs.length - 1]!.name, functabSize - nfunc * 8)
  return { byName, unowned: tab.length - owned, funcdata }
}

/**
 * The length of the pc-value table at `at`, terminator included: pairs of varints (value delta, zig-zag; pc
 * delta), ended by a value delta of 0 anywhere but first (runtime/symtab.go step).
 */
export function pcTableLength(tab: Uint8Array, at: number, limit = tab.length): number {
  let p = at
  const varint = (): number => {
    let v = 0
    for (let shift = 0; p < limit; shift += 7) {
      const b = tab[p++]!
      v += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) break
    }
    return v
  }
  for (let first = true; p < limit; first = false) {
    if (tab[p] === 0 && !first) return p + 1 - at
    varint()
    varint()
  }
  return p - at
}

/**
 * Splits go.func.* (funcdata: stack maps, inline trees, argument info, open-coded defers) among functions: each
 * piece from its start to the next piece's, to the first function whose _func refers to it. `size` is the
 * carrier's extent; bytes before the first piece are returned as unowned.
 */
export function funcdataShares(
  starts: Map<number, string>,
  size: number
): { byName: Map<string, number>; unowned: number } {
  const byName = new Map<string, number>()
  const offs = [...starts.keys()].filter(o => o < size).sort((a, b) => a - b)
  for (let k = 0; k < offs.length; k++) {
    const name = starts.get(offs[k]!)!
    const n = (offs[k + 1] ?? size) - offs[k]!
    byName.set(name, (byName.get(name) ?? 0) + n)
  }
  return { byName, unowned: offs.length ? offs[0]! : size }
}

/**
 * The addresses amd64 code refers to RIP-relatively with a 64-bit LEA or MOV load (REX.W 8D/8B, ModRM mod 00
 * r/m 101, disp32), as [instruction address, target] pairs, in address order. It scans bytes, not decoded
 * instructions, so a few pairs may be bytes that only look like one; the caller keeps targets that fall where it
 * looks for references (`keep`).
 */
export function ripReferences(
  text: Uint8Array,
  addr: number,
  keep: (target: number) => boolean = () => true
): [number, number][] {
  const out: [number, number][] = []
  const view = new DataView(text.buffer, text.byteOffset, text.byteLength)
  for (let i = 0; i + 7 <= text.length; i++) {
    const rex = text[i]!
    if ((rex & 0xf8) !== 0x48) continue
    const op = text[i + 1]
    if (op !== 0x8d && op !== 0x8b) continue
    if ((text[i + 2]! & 0xc7) !== 0x05) continue
    const target = addr + i + 7 + view.getInt32(i + 3, true)
    if (keep(target)) out.push([addr + i, target])
  }
  return out
}
