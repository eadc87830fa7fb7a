// Splits a binary's unnamed bytes (type descriptors, strings, static data) among the functions and variables that refer to them, from amd64 code's RIP-relative loads and the pointers in data.
import { EM_X86_64, SHT_NOBITS, type Elf } from '../compile/pclntab.js'

/**
 * The addresses amd64 code refers to RIP-relatively with a 64-bit LEA or MOV load (REX.W 8D/8B, ModRM mod 00
 * r/m 101, disp32): `fn` hears each instruction address and target, in address order (a binary has some 10^5, so
 * no pairs are made). It scans bytes, not decoded instructions, so a few may be bytes that only look like one;
 * the caller keeps targets that fall where it looks for references.
 */
export function eachRipReference(
  text: Uint8Array,
  addr: number,
  fn: (from: number, target: number) => void
): void {
  const view = new DataView(text.buffer, text.byteOffset, text.byteLength)
  for (let i = 0; i + 7 <= text.length; i++) {
    const rex = text[i]!
    if ((rex & 0xf8) !== 0x48) continue
    const op = text[i + 1]
    if (op !== 0x8d && op !== 0x8b) continue
    if ((text[i + 2]! & 0xc7) !== 0x05) continue
    fn(addr + i, addr + i + 7 + view.getInt32(i + 3, true))
  }
}

/** The index of the item of a sorted, non-overlapping list whose [lo, hi) holds a, or -1. */
export function findIn<T>(
  list: T[],
  a: number,
  lo: (t: T) => number,
  hi: (t: T) => number
): number {
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

export interface Span {
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
export function referenceShares(
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
  // Most words of data and most displacements point outside every span: two compares rule them out before the
  // binary search.
  const first = spans[0]!.lo
  const last = Math.max(...spans.map(s => s.hi))
  const spanOf = (a: number): number =>
    a < first || a >= last
      ? -1
      : findIn(
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
