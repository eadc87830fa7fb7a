// Splits a relinked binary's bytes among Go packages: its symbols with their padding, its functions' pclntab shares and funcdata, and the unnamed bytes by who refers to them.
import {
  funcdataShares,
  pclntabShares,
  readElf,
  SHT_NOBITS,
  type PclntabShares
} from '../compile/pclntab.js'
import { findIn, referenceShares, type Span } from './references.js'
import { LINKER_BUCKET, symbolPackage } from './symbol-package.js'

/** One symbol of `go tool nm -size`; ADDR is blank for U (undefined). */
export interface NmSymbol {
  address?: number
  size: number
  code: string
  name: string
}

/** Adds n bytes to pkg's total; nothing when n is not positive. */
export function addTo(totals: Map<string, number>, pkg: string, n: number): void {
  if (n > 0) totals.set(pkg, (totals.get(pkg) ?? 0) + n)
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
export function binaryTotals(
  symbols: NmSymbol[],
  binary: Uint8Array
): Map<string, number> | undefined {
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
export function pclntabTotals(shares: PclntabShares, size: number): Map<string, number> {
  const totals = new Map<string, number>()
  for (const [name, n] of shares.byName) addTo(totals, symbolPackage(name), n)
  addTo(totals, LINKER_BUCKET, size - [...shares.byName.values()].reduce((a, b) => a + b, 0))
  return totals
}
