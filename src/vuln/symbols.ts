// The symbols a Go binary holds, per package, as govulncheck reads them: every function of its pclntab and every function inlined into one, named as the database names symbols (Func, Type.Method).
import { wordReader } from '../compile/elf.js'
import { readElf } from '../compile/pclntab.js'

/** Package import path → the symbols of it in the binary. */
export type FunctionTable = Map<string, Set<string>>

/**
 * The package and symbol of a pclntab function name, or undefined for what no package owns (compiler and linker
 * functions: go:…, type:…, go.…, type.…). Like govulncheck's parseName (debug/gosym's PackageName, ReceiverName
 * and BaseName): generic instantiations are dropped first (pkg.F[...] is F; pkg.(*T[...]).M is T.M, which
 * govulncheck leaves as T[...].M and so never matches), a pointer receiver loses its (* ) (pkg.(*T).M is T.M,
 * like pkg.T.M), closures keep their suffix (pkg.F.func1), and the package's %xx escapes (yaml%2ev3) are undone.
 */
export function symbolOf(name: string): { pkg: string; symbol: string } | undefined {
  const open = name.indexOf('[')
  const close = name.lastIndexOf(']')
  const bare = open >= 0 && close > open ? name.slice(0, open) + name.slice(close + 1) : name
  // (The plain string tests first: a binary has some 10,000 names, and this is most of the table's time.)
  if (bare.startsWith('type') && /^type[:.]/.test(bare)) return undefined
  if (bare.startsWith('go:')) return undefined
  // go.uber.org/zap.New is a package, told by the '/' of its path; go.buildid and go.itab.*T,I are the linker's.
  if (bare.startsWith('go.') && !/^[^\s()[\]{}*,;"]*\//.test(bare)) return undefined
  const dot = bare.indexOf('.', bare.lastIndexOf('/') + 1)
  if (dot <= 0 || dot === bare.length - 1) return undefined
  let pkg = bare.slice(0, dot)
  if (pkg.includes('%')) {
    try {
      pkg = decodeURIComponent(pkg)
    } catch {
      // A malformed escape stays as it is: it can only fail to match.
    }
  }
  let symbol = bare.slice(dot + 1)
  if (symbol.startsWith('(*')) symbol = symbol.replace(/^\(\*([^)]*)\)/, '$1')
  return { pkg, symbol }
}

/** The table of a list of function names; `main` is the main package's import path, as the database names it. */
export function tableFromNames(names: Iterable<string>, mainPath?: string): FunctionTable {
  const table: FunctionTable = new Map()
  for (const name of names) {
    const s = symbolOf(name)
    if (!s) continue
    const pkg = s.pkg === 'main' && mainPath ? mainPath : s.pkg
    let set = table.get(pkg)
    if (!set) table.set(pkg, (set = new Set()))
    set.add(s.symbol)
  }
  return table
}

/**
 * Every function name of a Go ELF binary: the pclntab's funcnametab, which the linker fills with the name of each
 * function of the function table and of each function inlined into one (its inline trees refer to names there),
 * so it is the set govulncheck gathers by walking the functions and their inline trees, read in one pass
 * (go-httpbin: 9,439 names, 3 ms instead of 120 ms). Returns why not instead, for a file with no pclntab this
 * reads (not ELF, or Go 1.17 and older): then nothing can be said about symbols.
 */
export function functionNames(binary: Uint8Array): string[] | string {
  const elf = readElf(binary)
  if (!elf) return 'not an ELF file'
  const pcln = elf.sections.find(s => s.name === '.gopclntab')
  if (!pcln) return 'no .gopclntab section'
  const tab = binary.subarray(pcln.offset, pcln.offset + pcln.size)
  if (tab.length < 8) return 'a truncated pclntab'
  const magic = new DataView(tab.buffer, tab.byteOffset, 4).getUint32(0, elf.littleEndian)
  const ptrSize = tab[7]!
  // 0xfffffff0: Go 1.18 and 1.19; 0xfffffff1: Go 1.20 and later. Both: magic, pad, minLC, ptrSize, then nfunc,
  // nfiles, textStart, funcnameOffset, cuOffset, … as words.
  if ((magic !== 0xfffffff0 && magic !== 0xfffffff1) || (ptrSize !== 4 && ptrSize !== 8))
    return 'a pclntab layout this does not read (Go 1.18 or later is)'
  if (tab.length < 8 + 5 * ptrSize) return 'a truncated pclntab'
  const word = wordReader(tab, ptrSize, elf.littleEndian)
  const from = word(8 + 3 * ptrSize)
  const to = word(8 + 4 * ptrSize)
  if (!(8 + 8 * ptrSize <= from && from <= to && to <= tab.length))
    return 'a damaged pclntab header'
  const names = Buffer.from(tab.buffer, tab.byteOffset + from, to - from)
    .toString('utf8')
    .split('\0')
  return names.filter(n => n !== '')
}
