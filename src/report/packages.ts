// Finds the Go packages that take the most bytes in a binary, from the stripped binary itself or a relink's symbol table, for the job summary and the size report.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Runner } from '../ports.js'
import { relinkArgs } from '../compile/command.js'
import { addTo, binaryTotals, type NmSymbol } from './binary-totals.js'
import { strippedTotals } from './stripped.js'
import { symbolPackage } from './symbol-package.js'

export interface PackageSize {
  name: string
  bytes: number
}

export const DEFAULT_TOP = 10

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

/** Each package's symbol sizes, and nothing else. */
function symbolTotals(symbols: NmSymbol[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const s of symbols) addTo(totals, symbolPackage(s.name), s.size)
  return totals
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
