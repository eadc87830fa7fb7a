// Reads a Go binary's runtime tables that no symbol names (the pclntab, the funcdata in go.func.*) and says which function each of their bytes serves, so package sizes can cover them and the vulnerability check can find the functions a binary holds.

import { readElfLayout, readElfSections, wordReader, type ElfSection } from './elf.js'

export { SHT_NOBITS, type ElfSection } from './elf.js'

export interface Elf {
  /** e_machine: EM_X86_64 (62), EM_AARCH64 (183), … */
  machine: number
  littleEndian: boolean
  ptrSize: 4 | 8
  sections: ElfSection[]
  /** The pointer-sized word at a file offset. */
  word: (offset: number) => number
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
    sections: readElfSections(buf, layout),
    word: layout.word
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
  /** Every function's name and entry address (the header's textStart plus its entry offset), in functab order. */
  funcs: PclnFunc[]
  /** The header's textStart: the address function entries count from. */
  textStart: number
}

export interface PclnFunc {
  name: string
  entry: number
  /** Its inlining, when it inlined anything: the pctab offset of PCDATA_InlTreeIndex, the go.func.* one of FUNCDATA_InlTree. */
  inline?: { pcdata: number; tree: number }
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
  const word = wordReader(tab, ptrSize, littleEndian)
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

  const textStart = word(8 + 2 * ptrSize)
  const funcs: { name: string; cu: number; entry: number; inline?: PclnFunc['inline'] }[] = []
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
    // PCDATA_InlTreeIndex is pcdata 2, FUNCDATA_InlTree funcdata 3 (runtime/symtab.go).
    const inlPc = npcdata > 2 ? u32(pcdataAt + 8) : 0
    const inlTree = nfuncdata > 3 ? u32(funcdataAt + 12) : 0xffffffff
    const inline =
      inlPc !== 0 && inlTree !== 0xffffffff ? { pcdata: inlPc, tree: inlTree } : undefined
    funcs.push({ name, cu, entry: textStart + u32(pclnOff + i * 8), ...(inline ? { inline } : {}) })
  }

  // Each table of a packed region, from its start up to the next one's (the linker packs them, so that is where
  // its terminator is), to its owner.
  const chargeFromStarts = (owners: Map<number, string>, size: number): void => {
    // A typed array sorts numbers natively: a comparator over some 10^5 offsets was this table's biggest cost.
    const starts = Float64Array.from(owners.keys()).sort()
    starts.forEach((start, k) => {
      if (start < size) charge(owners.get(start)!, Math.min(starts[k + 1] ?? size, size) - start)
    })
  }

  // pctab: each table goes to its first function.
  chargeFromStarts(pcOwner, pclnOff - pctabOff)

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
  chargeFromStarts(fileOwner, pctabOff - filetabOff)
  // The functab's end marker is the last function's.
  if (funcs.length > 0) charge(funcs[funcs.length - 1]!.name, functabSize - nfunc * 8)
  return {
    byName,
    unowned: tab.length - owned,
    funcdata,
    funcs: funcs.map(({ name, entry, inline }) => ({ name, entry, ...(inline ? { inline } : {}) })),
    textStart
  }
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
 * The function whose source an instruction comes from: for code the compiler inlined, the innermost inlined
 * callee (the inline tree in funcdata, indexed by PCDATA_InlTreeIndex at that pc, as the runtime's tracebacks
 * read it), else the function itself. `gofunc` is the bytes of go.func.* onwards. A small accessor inlined into
 * another package's code so still points at its own package's data.
 */
export function sourceFunction(
  tab: Uint8Array,
  littleEndian: boolean,
  gofunc: Uint8Array
): (f: PclnFunc, pc: number) => string {
  const view = new DataView(tab.buffer, tab.byteOffset, tab.byteLength)
  const fview = new DataView(gofunc.buffer, gofunc.byteOffset, gofunc.byteLength)
  const go120 = view.getUint32(0, littleEndian) === 0xfffffff1
  const ptrSize = tab[7]!
  const minLC = tab[6]!
  const word = wordReader(tab, ptrSize, littleEndian)
  const funcnameOff = word(8 + 3 * ptrSize)
  const pctabOff = word(8 + 6 * ptrSize)
  const names = new Map<number, string>()
  const nameAt = (off: number): string => {
    let name = names.get(off)
    if (name === undefined) {
      let end = funcnameOff + off
      while (end < tab.length && tab[end] !== 0) end++
      name = Buffer.from(
        tab.buffer,
        tab.byteOffset + funcnameOff + off,
        end - funcnameOff - off
      ).toString('latin1')
      names.set(off, name)
    }
    return name
  }
  // Go 1.19: parent int16, funcID, pad, file, line, func_ (name offset), parentPc; 1.20: funcID, pad 3, nameOff, parentPc, startLine.
  const [size, nameField] = go120 ? [16, 4] : [20, 12]
  // Each function's table decoded once: the pcs where a value ends, and the values.
  const tables = new Map<PclnFunc, { ends: number[]; vals: number[] }>()
  const decode = (f: PclnFunc, pcdata: number): { ends: number[]; vals: number[] } => {
    const ends: number[] = []
    const vals: number[] = []
    let p = pctabOff + pcdata
    const varint = (): number => {
      let v = 0
      for (let shift = 0; p < tab.length; shift += 7) {
        const b = tab[p++]!
        v += (b & 0x7f) * 2 ** shift
        if ((b & 0x80) === 0) break
      }
      return v
    }
    let val = -1
    let at = f.entry
    for (let first = true; p < tab.length; first = false) {
      if (tab[p] === 0 && !first) break
      const uv = varint()
      val += uv % 2 === 1 ? -((uv + 1) / 2) : uv / 2
      at += varint() * minLC
      ends.push(at)
      vals.push(val)
    }
    return { ends, vals }
  }
  return (f, pc) => {
    if (!f.inline) return f.name
    let t = tables.get(f)
    if (!t) tables.set(f, (t = decode(f, f.inline.pcdata)))
    let l = 0
    let h = t.ends.length
    while (l < h) {
      const mid = (l + h) >> 1
      if (pc < t.ends[mid]!) h = mid
      else l = mid + 1
    }
    const val = t.vals[l] ?? -1
    const rec = f.inline.tree + val * size
    if (val < 0 || rec + size > gofunc.length) return f.name
    return nameAt(fview.getInt32(rec + nameField, littleEndian))
  }
}
