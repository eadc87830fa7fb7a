// Finds the Go packages that take the most bytes in a binary, from the stripped binary itself or a relink's symbol table, for the job summary and the size report.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Runner } from '../ports.js'
import {
  eachRipReference,
  EM_X86_64,
  funcdataShares,
  moduleData,
  pclntabShares,
  readElf,
  SHT_NOBITS,
  sourceFunction,
  type Elf,
  type PclntabShares
} from './pclntab.js'

export interface PackageSize {
  name: string
  bytes: number
}

/** Where symbols go that no Go package owns: linker tables, compiler-made helpers, file-local assembly. */
export const LINKER_BUCKET = '(runtime and linker)'

export const DEFAULT_TOP = 10

/**
 * runtime.* names the linker itself defines: section bounds and tables (pclntab, typelinks, GC masks). They say
 * nothing about the runtime package's own code, so they are kept out of its total.
 */
const LINKER_RUNTIME = new Set(
  [
    'text',
    'etext',
    'rodata',
    'erodata',
    'types',
    'etypes',
    'noptrdata',
    'enoptrdata',
    'data',
    'edata',
    'bss',
    'ebss',
    'noptrbss',
    'enoptrbss',
    'end',
    'gcdata',
    'gcbss',
    'findfunctab',
    'typelink',
    'itablink',
    'symtab',
    'esymtab',
    'pclntab',
    'epclntab',
    'pcheader',
    'funcnametab',
    'cutab',
    'filetab',
    'pctab',
    'functab',
    'textsectionmap',
    'firstmoduledata',
    'covctrs',
    'ecovctrs'
  ].map(n => `runtime.${n}`)
)

/** What ends the import path that starts a symbol: generic brackets, receivers, struct types, itab pairs. */
const PATH_END = /[\s()[\]{}*,;"]/

/**
 * Package of a type expression (`*T`, `[5]T`, `map[K]V`, `func(T)`): that of the first named type in it. `go` is
 * no import path: go.shape.* stands for a type argument in generic code.
 */
function typePackage(expr: string): string | undefined {
  for (const piece of expr.split(new RegExp(PATH_END, 'g'))) {
    const pkg = pathPackage(piece)
    if (pkg && pkg !== 'go') return pkg
  }
  return undefined
}

/** "the text up to the first '.' after the last '/'" of the leading import path, with Go's %xx escapes undone. */
function pathPackage(name: string): string | undefined {
  const end = name.search(PATH_END)
  const lead = end < 0 ? name : name.slice(0, end)
  const dot = lead.indexOf('.', lead.lastIndexOf('/') + 1)
  if (dot <= 0) return undefined
  // The compiler escapes '.' (and '%', '"', control bytes) in an import path's last element: yaml.v3 is yaml%2ev3.
  return lead
    .slice(0, dot)
    .replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

/**
 * The package a symbol belongs to, or LINKER_BUCKET. Go up to 1.19 marks compiler and linker symbols with `type.`
 * and `go.`, Go 1.20 and later with `type:` and `go:`; `go.` is also how real import paths such as
 * go.uber.org/zap begin, which is told apart by the '/' such a path always has.
 */
export function symbolPackage(name: string): string {
  if (LINKER_RUNTIME.has(name)) return LINKER_BUCKET
  let pkg: string | undefined
  const itab = /^go[.:]itab\./.exec(name)
  const helper = /^type(?:\.\.|:\.)[a-z]+\./.exec(name)
  if (itab) {
    // go.itab.*net/http.conn,io.Writer: an interface table is counted to the concrete type's package.
    pkg = typePackage(name.slice(itab[0].length))
  } else if (helper) {
    // type..eq.T, type..hash.T, type..importpath.P.: compiler-made helpers for a type, counted to its package.
    pkg = typePackage(name.slice(helper[0].length))
  } else if (/^type[.:]/.test(name)) {
    // A type descriptor (listed only when the linker does not fold them into type.*), counted to its package.
    pkg = typePackage(name.slice('type.'.length))
  } else if (name.startsWith('go:')) {
    pkg = undefined
  } else if (name.startsWith('go.')) {
    const end = name.search(PATH_END)
    pkg = (end < 0 ? name : name.slice(0, end)).includes('/') ? pathPackage(name) : undefined
  } else {
    pkg = pathPackage(name)
  }
  // Unqualified names (aeshashbody, interface {} helpers) are file-local assembly or compiler-made code.
  return pkg ?? LINKER_BUCKET
}

interface NmSymbol {
  address?: number
  size: number
  code: string
  name: string
}

/** One `go tool nm -size` line: `ADDR SIZE CODE NAME`, with ADDR blank for U; the name may hold spaces. */
function parseLine(line: string): NmSymbol | undefined {
  const m = /^\s*(?:([0-9a-fA-F]+)\s+)?(\d+)\s([A-Za-z_?])\s(.*)$/.exec(line)
  if (!m) return undefined
  return {
    address: m[1] === undefined ? undefined : parseInt(m[1], 16),
    size: Number(m[2]),
    code: m[3]!,
    name: m[4]!.trim()
  }
}

/**
 * Parses `go tool nm -size` output into per-package totals, biggest first (top N, plus an "other" remainder).
 * With the binary's bytes (an ELF file) the totals cover more than the symbols: see binaryTotals.
 */
export function packageSizes(
  nmOutput: string,
  top = DEFAULT_TOP,
  binary?: Uint8Array
): PackageSize[] {
  const symbols = nmOutput
    .split('\n')
    .map(parseLine)
    .filter((s): s is NmSymbol => s !== undefined && s.code !== 'U' && s.address !== undefined)
  // nm marks .bss like .data (D): the linker's bounds tell them apart. Zeroed memory takes no bytes in the file,
  // so it is left out, or runtime would be charged ~200 KB of heap bookkeeping that no image carries.
  const at = (n: string): number | undefined => symbols.find(s => s.name === n)?.address
  const ranges = [
    ['runtime.bss', 'runtime.ebss'],
    ['runtime.noptrbss', 'runtime.enoptrbss']
  ]
    .map(([a, b]) => [at(a!), at(b!)] as const)
    .filter((r): r is readonly [number, number] => r[0] !== undefined && r[1] !== undefined)
  const inBss = (a: number): boolean => ranges.some(([lo, hi]) => a >= lo && a < hi)
  const kept = symbols.filter(s => !inBss(s.address!))

  return ranked((binary && binaryTotals(kept, binary)) ?? symbolTotals(kept), top)
}

function addTo(totals: Map<string, number>, pkg: string, n: number): void {
  if (n > 0) totals.set(pkg, (totals.get(pkg) ?? 0) + n)
}

/** Each package's symbol sizes, and nothing else. */
function symbolTotals(symbols: NmSymbol[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const s of symbols) addTo(totals, symbolPackage(s.name), s.size)
  return totals
}

/** A gap after a symbol up to this size is the next symbol's alignment (functions align to 32 bytes at most). */
const MAX_PADDING = 64

/** Symbols that stand for a run of unnamed ones: their extent is up to the next symbol. */
const GOFUNC = new Set(['go.func.*', 'go:func.*'])

/**
 * Every file byte of the binary that some package can be held responsible for: its symbols; the padding after
 * each one (the next symbol's alignment); its functions' shares of the pclntab (see pclntabShares); the funcdata
 * in go.func.* they refer to; and, where the symbol table names nothing (type descriptors, strings and GC masks
 * the linker folds into type.*, go.string.* and runtime.gcbits.*, file-local static data), each piece from one
 * referenced address to the next, to the first function or variable that refers to it (see referenceShares).
 * What is left (ELF headers, page alignment between segments, unreferenced bytes) is not counted. Undefined when
 * the binary is no ELF file or has no pclntab this can read.
 */
function binaryTotals(symbols: NmSymbol[], binary: Uint8Array): Map<string, number> | undefined {
  const elf = readElf(binary)
  const pcln = elf?.sections.find(s => s.name === '.gopclntab')
  if (!elf || !pcln) return undefined
  const shares = pclntabShares(
    binary.subarray(pcln.offset, pcln.offset + pcln.size),
    elf.littleEndian
  )
  if (!shares) return undefined
  const totals = pclntabTotals(shares, pcln.size)

  const sorted = [...symbols].sort((a, b) => a.address! - b.address! || b.size - a.size)
  const unnamed: Span[] = []
  for (const sec of elf.sections) {
    if (sec.addr === 0 || sec.type === SHT_NOBITS || sec.size === 0 || sec === pcln) continue
    const end = sec.addr + sec.size
    const inside = sorted.filter(s => s.address! >= sec.addr && s.address! < end)
    let cursor = sec.addr
    for (let i = 0; i < inside.length; i++) {
      const s = inside[i]!
      let j = i + 1
      while (j < inside.length && inside[j]!.address! <= s.address!) j++
      const next = j < inside.length ? inside[j]!.address! : end
      if (s.size === 0) {
        if (GOFUNC.has(s.name) && s.address! >= cursor) {
          const fd = funcdataShares(shares.funcdata, next - s.address!)
          for (const [name, n] of fd.byName) addTo(totals, symbolPackage(name), n)
        } else if (next > Math.max(cursor, s.address!)) {
          unnamed.push({ lo: Math.max(cursor, s.address!), hi: next })
        }
        cursor = Math.max(cursor, next)
        continue
      }
      const from = Math.max(s.address!, cursor)
      let to = s.address! + s.size
      if (next > to && next - to < MAX_PADDING) to = next
      if (to > from) addTo(totals, symbolPackage(s.name), to - from)
      if (next > to) unnamed.push({ lo: to, hi: next })
      cursor = Math.max(cursor, to)
    }
  }
  const named = sorted.filter(s => s.size > 0)
  const namedOwner = (a: number): string | undefined => {
    const i = findIn(
      named,
      a,
      s => s.address!,
      s => s.address! + s.size
    )
    return i < 0 ? undefined : named[i]!.name
  }
  for (const [name, n] of referenceShares(elf, binary, namedOwner, unnamed))
    addTo(totals, symbolPackage(name), n)
  return totals
}

/** Each function's share of the pclntab to its package, and what no function owns to LINKER_BUCKET. */
function pclntabTotals(shares: PclntabShares, size: number): Map<string, number> {
  const totals = new Map<string, number>()
  for (const [name, n] of shares.byName) addTo(totals, symbolPackage(name), n)
  addTo(totals, LINKER_BUCKET, size - [...shares.byName.values()].reduce((a, b) => a + b, 0))
  return totals
}

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

/** The index of the item of a sorted, non-overlapping list whose [lo, hi) holds a, or -1. */
function findIn<T>(list: T[], a: number, lo: (t: T) => number, hi: (t: T) => number): number {
  let l = 0
  let h = list.length - 1
  while (l <= h) {
    const mid = (l + h) >> 1
    if (a < lo(list[mid]!)) h = mid - 1
    else if (a >= hi(list[mid]!)) l = mid + 1
    else return mid
  }
  return -1
}

interface Span {
  lo: number
  hi: number
}

/**
 * Splits the unnamed spans by who refers into them: the code's RIP-relative LEA and MOV (amd64 only: other
 * architectures build addresses from instruction pairs this does not decode) and pointer-sized words of data.
 * Each piece, from a referenced address to the next, goes to the first function or variable that refers to it
 * (`ownerAt` of the referring address), or, for a piece only unnamed data refers to (a static table behind a
 * static struct), to the referring piece's owner. `seeds` are pieces whose owner is known beforehand (the linker's
 * tables); so are `funcdata` pieces, which the pclntab refers to, and whose bytes (stack maps, inline trees) are
 * no pointers even where they look like one. Bytes before a span's first reference, or only referred to by what
 * has no owner, stay unattributed.
 */
function referenceShares(
  elf: Elf,
  binary: Uint8Array,
  ownerAt: (a: number, target: number) => string | undefined,
  spans: Span[],
  seeds: Map<number, string> = new Map(),
  funcdata: Map<number, string> = new Map()
): Map<string, number> {
  const out = new Map<string, number>()
  if (spans.length === 0) return out
  spans.sort((a, b) => a.lo - b.lo)
  const spanOf = (a: number): number =>
    findIn(
      spans,
      a,
      s => s.lo,
      s => s.hi
    )
  // Every reference into a span, code first, then data, each in address order.
  const froms: number[] = []
  const tos: number[] = []
  const text = elf.sections.find(s => s.name === '.text')
  if (elf.machine === EM_X86_64 && text) {
    const code = binary.subarray(text.offset, text.offset + text.size)
    eachRipReference(code, text.addr, (from, to) => {
      if (spanOf(to) < 0) return
      froms.push(from)
      tos.push(to)
    })
  }
  const view = new DataView(binary.buffer, binary.byteOffset, binary.byteLength)
  const w = elf.ptrSize
  for (const sec of elf.sections) {
    if (sec.addr === 0 || sec.type === SHT_NOBITS || sec === text || sec.name === '.gopclntab')
      continue
    for (let a = Math.ceil(sec.addr / w) * w; a + w <= sec.addr + sec.size; a += w) {
      const at = sec.offset + (a - sec.addr)
      // Two 32-bit reads: getBigUint64 and a BigInt per word took most of the time.
      const lo = view.getUint32(w === 8 && !elf.littleEndian ? at + 4 : at, elf.littleEndian)
      const hi = w === 8 ? view.getUint32(elf.littleEndian ? at + 4 : at, elf.littleEndian) : 0
      const word = hi * 2 ** 32 + lo
      if (word !== 0 && spanOf(word) >= 0) {
        froms.push(a)
        tos.push(word)
      }
    }
  }
  const known = new Map([...seeds, ...funcdata].filter(([t]) => spanOf(t) >= 0))
  // Typed arrays: a binary has some 10^5 pieces, and objects for them kept the collector busy.
  const targets = Float64Array.from(new Set([...tos, ...known.keys()])).sort()
  const ends = targets.map((t, k) => Math.min(targets[k + 1] ?? Infinity, spans[spanOf(t)]!.hi))
  const pieceOf = (a: number): number => {
    let l = 0
    let h = targets.length - 1
    while (l <= h) {
      const mid = (l + h) >> 1
      if (a < targets[mid]!) h = mid - 1
      else if (a >= ends[mid]!) l = mid + 1
      else return mid
    }
    return -1
  }
  const owners = new Array<string | undefined>(targets.length).fill(undefined)
  for (const [t, name] of known) owners[pieceOf(t)] = name
  const inert = new Set([...funcdata.keys()].filter(t => spanOf(t) >= 0).map(pieceOf))
  // Each reference's pieces, and the owner of a referrer outside every piece, looked up once for all rounds.
  const n = froms.length
  const toPiece = new Int32Array(n)
  const fromPiece = new Int32Array(n)
  const fromOwner: (string | undefined)[] = new Array<string | undefined>(n)
  for (let i = 0; i < n; i++) {
    toPiece[i] = pieceOf(tos[i]!)
    fromPiece[i] = pieceOf(froms[i]!)
    if (fromPiece[i]! < 0) fromOwner[i] = ownerAt(froms[i]!, tos[i]!)
  }
  // A few rounds reach static data behind static data; each round only adds owners.
  for (let changed = true, round = 0; changed && round < 8; round++) {
    changed = false
    for (let i = 0; i < n; i++) {
      const k = toPiece[i]!
      if (owners[k] !== undefined) continue
      const j = fromPiece[i]!
      if (inert.has(j)) continue
      const name = j >= 0 ? owners[j] : fromOwner[i]
      if (name !== undefined) {
        owners[k] = name
        changed = true
      }
    }
  }
  owners.forEach((name, k) => {
    if (name !== undefined) out.set(name, (out.get(name) ?? 0) + ends[k]! - targets[k]!)
  })
  return out
}

/** The top N of a list sorted biggest first, and the rest as one "other" entry. */
export function foldPackages(sorted: PackageSize[], top = DEFAULT_TOP): PackageSize[] {
  const n = Number.isNaN(top) ? DEFAULT_TOP : Math.max(0, Math.floor(top))
  if (sorted.length <= n) return sorted
  const rest = sorted.slice(n)
  const other = {
    name: `(${rest.length} other package${rest.length === 1 ? '' : 's'})`,
    bytes: rest.reduce((sum, p) => sum + p.bytes, 0)
  }
  return [...sorted.slice(0, n), other]
}

/** go build flags whose value may come as the next argument; the rewrite must not read a value as a flag. */
const BUILD_VALUE_FLAGS = new Set(
  [
    'C',
    'o',
    'p',
    'ldflags',
    'gcflags',
    'asmflags',
    'gccgoflags',
    'tags',
    'mod',
    'modfile',
    'pkgdir',
    'overlay',
    'pgo',
    'buildmode',
    'compiler',
    'installsuffix',
    'toolexec',
    'covermode',
    'coverpkg'
  ].flatMap(f => [`-${f}`, `--${f}`])
)

/** Linker flags that take a value; after one of these, a `-s` is that value (`-X -s` would be odd, but legal). */
const LINK_VALUE_FLAGS = new Set(
  [
    'B',
    'E',
    'H',
    'I',
    'L',
    'R',
    'T',
    'X',
    'k',
    'r',
    'o',
    'buildid',
    'buildmode',
    'extar',
    'extld',
    'extldflags',
    'importcfg',
    'installsuffix',
    'libgcc',
    'linkmode',
    'pluginpath',
    'tmpdir',
    'cpuprofile',
    'memprofile',
    'memprofilerate',
    'benchmark',
    'benchmarkprofile',
    'strictdups',
    'debugtextsize',
    'debugtramp',
    'capturehostobjs'
  ].flatMap(f => [`-${f}`, `--${f}`])
)

/**
 * The -ldflags value without -s, split as Go splits it (cmd/internal/quoted: fields by whitespace, a field may be
 * wholly '…' or "…"), and each kept field rejoined as written, so `-X 'main.msg=a b'` survives.
 */
export function withoutStrip(value: string): string {
  let prefix = ''
  let flags = value.trim()
  // -ldflags=PATTERN=FLAGS (e.g. all=-s -w): the pattern stays, only its flags change.
  if (flags && !flags.startsWith('-')) {
    const eq = flags.indexOf('=')
    if (eq > 0) {
      prefix = flags.slice(0, eq + 1)
      flags = flags.slice(eq + 1)
    }
  }
  const fields = flags.match(/"[^"]*"|'[^']*'|[^\s]+/g) ?? []
  const kept: string[] = []
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i]!
    const text = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw
    if (LINK_VALUE_FLAGS.has(text) && i + 1 < fields.length) {
      kept.push(raw, fields[++i]!)
      continue
    }
    if (/^--?s(=.*)?$/.test(text)) continue
    kept.push(raw)
  }
  return prefix + kept.join(' ')
}

/**
 * The args of the real build, rewritten to link a copy with a symbol table into `output`: -s leaves every
 * -ldflags (it is what strips the table), -o points at `output`, and nothing else changes, so every compiled
 * package is the same action as before and comes from Go's build cache. -w stays: nm needs no DWARF, and
 * generating it made the relink 20-50% slower for the same symbols and sizes (see docs/benchmarks.md).
 */
export function relinkArgs(args: string[], output: string): string[] {
  const out = [...args]
  let sawOutput = false
  let i = 1
  for (; i < out.length; i++) {
    const arg = out[i]!
    if (arg === '--' || !arg.startsWith('-')) break // the packages: go build reads no flags after them
    const eq = arg.indexOf('=')
    const flag = eq < 0 ? arg : arg.slice(0, eq)
    const isLd = flag === '-ldflags' || flag === '--ldflags'
    const isOut = flag === '-o' || flag === '--o'
    if (eq >= 0) {
      if (isLd) out[i] = `${flag}=${withoutStrip(arg.slice(eq + 1))}`
      if (isOut) out[i] = `${flag}=${output}`
      sawOutput ||= isOut
    } else if (BUILD_VALUE_FLAGS.has(flag) && i + 1 < out.length) {
      i++
      if (isLd) out[i] = withoutStrip(out[i]!)
      if (isOut) out[i] = output
      sawOutput ||= isOut
    }
  }
  // After the other flags, not first: go build wants -C, when given, before any other flag.
  if (!sawOutput) out.splice(i, 0, '-o', output)
  return out
}

/** The variables that pick the target platform: nm runs on the runner, whatever the binary was built for. */
const TARGET_VARS = [
  'GOOS',
  'GOARCH',
  'GOARM',
  'GOARM64',
  'GO386',
  'GOAMD64',
  'GOPPC64',
  'GORISCV64',
  'GOMIPS',
  'GOMIPS64',
  'GOWASM'
]

/** How a breakdown was measured: from the stripped binary the build wrote, or from an unstripped relink. */
export type PackagesMethod = 'in place' | 'relink'

/** Per-package totals, biggest first, folded to the top N (see foldPackages). */
function ranked(totals: Map<string, number>, top: number | undefined): PackageSize[] {
  const sorted = [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return foldPackages(sorted, top)
}

/**
 * Measures the binary the build wrote (`binary`) where strippedTotals can: an amd64 binary of Go's own linker,
 * without a second link. Otherwise, or without `binary`, links an unstripped copy of the same build (same env,
 * flags and ldflags minus -s, output to a temp path), runs `go tool nm -size -sort size` on it, and returns
 * packageSizes(); deletes the copy. Throws when either command fails: the caller decides whether a missing table
 * is worth more than a warning. `info` hears which way it went and, for a relink, why.
 */
export async function measurePackages(opts: {
  runner: Runner
  goBin: string
  env: Record<string, string>
  workdir: string
  /** The exact go build args used for the real binary. */
  args: string[]
  tempDir: string
  top?: number
  /** The binary those args wrote, read in place. */
  binary?: string
  info?: (message: string) => void
}): Promise<{ sizes: PackageSize[]; method: PackagesMethod }> {
  if (opts.binary) {
    const totals = strippedTotals(await readFile(opts.binary))
    if (typeof totals !== 'string') {
      opts.info?.("Measured from the binary's pclntab and the references in its code and data")
      return { sizes: ranked(totals, opts.top), method: 'in place' }
    }
    opts.info?.(`Relinking with a symbol table (${totals})`)
  }
  const dir = await mkdtemp(path.join(opts.tempDir, 'packages-'))
  try {
    const copy = path.join(dir, 'unstripped')
    const build = await opts.runner.run(opts.goBin, relinkArgs(opts.args, copy), {
      cwd: opts.workdir,
      env: opts.env,
      silent: true
    })
    if (build.exitCode !== 0) {
      throw new Error(
        `package sizes: relinking with a symbol table failed (exit code ${build.exitCode}): ${build.stderr.trim()}`
      )
    }
    // Go 1.25 and later may build nm on first use; with GOOS/GOARCH of the target it would build it for that.
    const env = { ...opts.env }
    for (const v of TARGET_VARS) delete env[v]
    const nm = await opts.runner.run(opts.goBin, ['tool', 'nm', '-size', '-sort', 'size', copy], {
      cwd: opts.workdir,
      env,
      silent: true
    })
    if (nm.exitCode !== 0) {
      throw new Error(
        `package sizes: go tool nm failed (exit code ${nm.exitCode}): ${nm.stderr.trim()}`
      )
    }
    return { sizes: packageSizes(nm.stdout, opts.top, await readFile(copy)), method: 'relink' }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
