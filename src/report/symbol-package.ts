// Names the Go package a symbol or function belongs to, by the compiler's and linker's naming rules, or the bucket of what no package owns.

/** Where symbols go that no Go package owns: linker tables, compiler-made helpers, file-local assembly. */
export const LINKER_BUCKET = '(runtime and linker)'

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
