// The symbols a Go binary holds, per package, as govulncheck reads them: every function of its pclntab and every function inlined into one, named as the database names symbols (Func, Type.Method).
import {
  inlinedNames,
  moduleData,
  pclntabShares,
  readElf,
  type PclnFunc
} from '../report/pclntab.js'

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
  if (/^(?:go|type):/.test(bare) || bare.startsWith('type.')) return undefined
  const slash = bare.lastIndexOf('/')
  // go.uber.org/zap.New is a package, told by the '/' of its path; go.buildid and go.itab.*T,I are the linker's.
  if (bare.startsWith('go.') && !/^[^\s()[\]{}*,;"]*\//.test(bare)) return undefined
  const dot = bare.indexOf('.', slash + 1)
  if (dot <= 0 || dot === bare.length - 1) return undefined
  let pkg = bare.slice(0, dot)
  try {
    pkg = decodeURIComponent(pkg)
  } catch {
    // A malformed escape stays as it is: it can only fail to match.
  }
  const symbol = bare.slice(dot + 1).replace(/^\(\*([^)]*)\)/, '$1')
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
 * Every function name of a Go ELF binary: its pclntab's functions and, when the runtime's module data shows where
 * go.func.* is (it does in a stripped binary too), the functions inlined into each. Returns why not instead, for
 * a file with no pclntab this reads (not ELF, Go 1.17 or older): then nothing can be said about symbols.
 */
export function functionNames(binary: Uint8Array): string[] | string {
  const elf = readElf(binary)
  if (!elf) return 'not an ELF file'
  const pcln = elf.sections.find(s => s.name === '.gopclntab')
  if (!pcln) return 'no .gopclntab section'
  const tab = binary.subarray(pcln.offset, pcln.offset + pcln.size)
  const shares = pclntabShares(tab, elf.littleEndian)
  if (!shares) return 'a pclntab layout this does not read (Go 1.18 or later is)'
  const names = shares.funcs.map(f => f.name)
  const inlined = inlinedOf(binary, elf, pcln.addr, shares.textStart, tab)
  if (inlined) for (const f of shares.funcs) names.push(...inlined(f))
  return names
}

function inlinedOf(
  binary: Uint8Array,
  elf: NonNullable<ReturnType<typeof readElf>>,
  pclntabAddr: number,
  textStart: number,
  tab: Uint8Array
): ((f: PclnFunc) => string[]) | undefined {
  const module = moduleData(elf, pclntabAddr, textStart)
  const rodata = elf.sections.find(s => s.name === '.rodata')
  if (!module || !rodata) return undefined
  const gofunc = binary.subarray(
    rodata.offset + module.gofunc - rodata.addr,
    rodata.offset + rodata.size
  )
  return inlinedNames(tab, elf.littleEndian, gofunc)
}
