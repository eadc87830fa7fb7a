// Splits the stripped binary the build wrote among Go packages in place, without a relink: amd64 binaries of Go's own linker, from the pclntab, the runtime's module data and the references in code and data.
import { addTo, pclntabTotals } from './binary-totals.js'
import {
  EM_X86_64,
  pclntabShares,
  readElf,
  SHT_NOBITS,
  sourceFunction,
  type Elf
} from '../compile/pclntab.js'
import { referenceShares, type Span } from './references.js'
import { LINKER_BUCKET, symbolPackage } from './symbol-package.js'

/** Sections that are linker tables as a whole (type and itab lists, build info and ID): LINKER_BUCKET's. */
const LINKER_SECTIONS = new Set([
  '.typelink',
  '.itablink',
  '.gosymtab',
  '.go.buildinfo',
  '.note.go.buildid'
])

/**
 * The loaded sections of a binary Go's own linker wrote (static, not PIE). Any other (.plt, .got, .dynamic,
 * .init_array, .eh_frame, …) means an external link: C code the pclntab does not describe, or relocated data.
 */
const GO_SECTIONS = new Set([
  ...LINKER_SECTIONS,
  '.text',
  '.rodata',
  '.gopclntab',
  '.noptrdata',
  '.data',
  '.bss',
  '.noptrbss',
  '.tbss'
])

/**
 * Per-package totals of a stripped amd64 Go binary, the one the build wrote, without a relink or nm: functions
 * are the pclntab's (each from its entry to the next one's), with their pclntab shares and funcdata; everything
 * else a symbol table would name (variables, type descriptors, strings, itabs, static data) is split by who
 * refers to it (see referenceShares), which on amd64 covers nearly all of it: on four programs each of the ten
 * biggest packages came within 0.8% of the relink's number and the whole within 0.03% (docs/benchmarks.md).
 * Returns why not, instead, for other architectures (their code's references are not decoded), an external link,
 * a pclntab this cannot read, or runtime module data (where go.func.* is) it cannot find: the caller relinks.
 */
export function strippedTotals(binary: Uint8Array): Map<string, number> | string {
  const elf = readElf(binary)
  if (!elf) return 'not an ELF file'
  if (elf.machine !== EM_X86_64) return 'code references are decoded for amd64 only'
  const foreign = elf.sections.find(s => s.addr !== 0 && !GO_SECTIONS.has(s.name))
  if (foreign) return `section ${foreign.name}: not linked by Go's internal linker alone`
  const pcln = elf.sections.find(s => s.name === '.gopclntab')
  const text = elf.sections.find(s => s.name === '.text')
  if (!pcln || !text) return 'no .gopclntab or .text section'
  const tab = binary.subarray(pcln.offset, pcln.offset + pcln.size)
  const shares = pclntabShares(tab, elf.littleEndian)
  if (!shares) return 'a pclntab layout this does not read (Go 1.18 or later is)'
  const end = text.addr + text.size
  const funcs = shares.funcs
    .filter(f => f.entry >= text.addr && f.entry < end)
    .sort((a, b) => a.entry - b.entry)
  if (funcs.length === 0 || funcs.length < shares.funcs.length) {
    return 'pclntab functions outside .text'
  }
  const module = moduleData(elf, pcln.addr, shares.textStart)
  if (module === undefined) return "the runtime's module data was not found"

  const totals = pclntabTotals(shares, pcln.size)
  // Before the first function: go.buildid and the linker's alignment.
  addTo(totals, LINKER_BUCKET, funcs[0]!.entry - text.addr)
  funcs.forEach((f, i) =>
    addTo(totals, symbolPackage(f.name), (funcs[i + 1]?.entry ?? end) - f.entry)
  )
  const spans: Span[] = []
  for (const sec of elf.sections) {
    if (sec.addr === 0 || sec.type === SHT_NOBITS || sec.size === 0) continue
    if (sec === text || sec === pcln) continue
    if (LINKER_SECTIONS.has(sec.name)) addTo(totals, LINKER_BUCKET, sec.size)
    else spans.push({ lo: sec.addr, hi: sec.addr + sec.size })
  }
  // Funcdata goes to the function whose _func refers to it; the linker's own tables to LINKER_BUCKET, under the
  // names the symbol table gives them.
  const seeds = new Map<number, string>([
    [module.address, 'runtime.firstmoduledata'],
    [module.findfunctab, 'runtime.findfunctab'],
    [module.gcdata, 'runtime.gcdata'],
    [module.gcbss, 'runtime.gcbss']
  ])
  const funcdata = new Map([...shares.funcdata].map(([off, name]) => [module.gofunc + off, name]))
  const rodata = elf.sections.find(s => s.name === '.rodata')!
  const source = sourceFunction(
    tab,
    elf.littleEndian,
    binary.subarray(rodata.offset + module.gofunc - rodata.addr, rodata.offset + rodata.size)
  )
  // A variable referred to from inlined code is the callee's, as its name would say in a symbol table (a small
  // accessor, unicode.IsLetter's tables); read-only data (strings, types) the function's it was inlined into, as
  // the relink counts it.
  const writable = elf.sections.filter(s => s.name === '.data' || s.name === '.noptrdata')
  const ownerAt = (a: number, target: number): string | undefined => {
    if (a < funcs[0]!.entry || a >= end) return undefined
    let l = 0
    let h = funcs.length - 1
    while (l < h) {
      const mid = (l + h + 1) >> 1
      if (funcs[mid]!.entry <= a) l = mid
      else h = mid - 1
    }
    const variable = writable.some(s => target >= s.addr && target < s.addr + s.size)
    return variable ? source(funcs[l]!, a) : funcs[l]!.name
  }
  for (const [at, name] of codeTables(elf, funcs)) seeds.set(at, name)
  for (const [name, n] of referenceShares(elf, binary, ownerAt, spans, seeds, funcdata))
    addTo(totals, symbolPackage(name), n)
  return totals
}

/**
 * Data whose owner the functions it points at tell, where a symbol table would have named it: each itab (listed
 * in .itablink) goes to the package of its first method, which is the concrete type's, as go.itab.* names are
 * counted; each package's init task (state 0, ndeps, nfns, the deps, then nfns init functions) to the package of
 * its init function, where reference order would give them all to runtime.main, which starts the chain.
 */
function codeTables(elf: Elf, funcs: { name: string; entry: number }[]): Map<number, string> {
  const out = new Map<number, string>()
  const entries = new Map(funcs.map(f => [f.entry, f.name]))
  const w = elf.ptrSize
  const { word } = elf
  const loaded = elf.sections.filter(s => s.addr !== 0 && s.type !== SHT_NOBITS)
  const fileAt = (a: number): number | undefined => {
    const sec = loaded.find(s => a >= s.addr && a + w <= s.addr + s.size)
    return sec && sec.offset + (a - sec.addr)
  }
  const itablink = elf.sections.find(s => s.name === '.itablink')
  for (let i = 0; itablink && i + w <= itablink.size; i += w) {
    const itab = word(itablink.offset + i)
    // inter, _type, hash (uint32) and 4 bytes of padding, then fun[].
    for (let a = itab + 2 * w + 8; ; a += w) {
      const at = fileAt(a)
      const name = at === undefined ? undefined : entries.get(word(at))
      if (name === undefined) break
      if (name === 'runtime.unreachableMethod') continue
      out.set(itab, name)
      break
    }
  }
  const isInit = (name: string | undefined): boolean => !!name && /\.init(\.\d+)?$/.test(name)
  for (const sec of loaded.filter(s => s.name === '.noptrdata' || s.name === '.data')) {
    for (let i = 0; i + 3 * w <= sec.size; i += w) {
      const at = sec.offset + i
      if (word(at) !== 0) continue
      const ndeps = word(at + w)
      const nfns = word(at + 2 * w)
      if (nfns === 0 || nfns > 64 || ndeps > 4096 || i + (3 + ndeps + nfns) * w > sec.size) continue
      const fns = at + (3 + ndeps) * w
      let ok = true
      for (let k = 0; ok && k < nfns; k++) ok = isInit(entries.get(word(fns + k * w)))
      if (ok) out.set(sec.addr + i, entries.get(word(fns))!)
    }
  }
  return out
}

/** What a stripped binary keeps of the runtime's firstmoduledata: where it is and the tables it points at. */
export interface ModuleData {
  /** runtime.firstmoduledata's own address. */
  address: number
  /** go.func.*, which funcdata offsets count from. */
  gofunc: number
  /** runtime.findfunctab, runtime.gcdata and runtime.gcbss: tables the linker makes. */
  findfunctab: number
  gcdata: number
  gcbss: number
}

/**
 * The runtime's firstmoduledata, the one place a stripped binary keeps where go.func.* is, found in the writable
 * data as its first word, the pclntab's address, with the text start where its `text` field is. Its `rodata`
 * field is 15 words after `text` up to Go 1.19 and 17 from Go 1.20 (covctrs and ecovctrs came in), gofunc the
 * next. Undefined when none of the layouts fits, so a Go this does not know falls back instead of splitting
 * funcdata wrong.
 */
export function moduleData(
  elf: Elf,
  pclntabAddr: number,
  textStart: number
): ModuleData | undefined {
  const w = elf.ptrSize
  const { word } = elf
  const rodata = elf.sections.find(s => s.name === '.rodata')
  if (!rodata) return undefined
  const inRodata = (a: number): boolean => a >= rodata.addr && a < rodata.addr + rodata.size
  // pcHeader, then six slices (funcnametab, cutab, filetab, pctab, pclntable, ftab), findfunctab, minpc, maxpc.
  const TEXT = 1 + 6 * 3 + 3
  for (const sec of elf.sections) {
    if (sec.name !== '.noptrdata' && sec.name !== '.data') continue
    for (let at = sec.offset; at + (TEXT + 19) * w <= sec.offset + sec.size; at += w) {
      if (word(at) !== pclntabAddr || word(at + TEXT * w) !== textStart) continue
      for (const cov of [0, 2]) {
        const field = (k: number): number => word(at + (TEXT + k + cov) * w)
        if (field(15) !== rodata.addr || !inRodata(field(16))) continue
        return {
          address: sec.addr + (at - sec.offset),
          gofunc: field(16),
          findfunctab: word(at + (TEXT - 3) * w),
          gcdata: field(11),
          gcbss: field(12)
        }
      }
    }
  }
  return undefined
}
