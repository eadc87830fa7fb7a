// Builds the environment and arguments of the static `go build`, and those of a relink of the same build with a symbol table, as pure data.
import type { Platform } from '../platform.js'
import { platformGoEnv } from '../platform.js'

export interface BuildSettings {
  pkg: string
  ldflags: string
  buildTags: string
  buildFlags: string[]
  buildEnv: Record<string, string>
}

export function buildEnv(
  base: Record<string, string>,
  platform: Platform,
  settings: BuildSettings,
  /** The cgo input's CGO_ENABLED=1 and CC (src/compile/cgo.ts), when cgo is static or dynamic. */
  cgo?: Record<string, string>
): Record<string, string> {
  // CGO_ENABLED=0 is what makes the binary static; the user's build-env cannot turn it back on, only the cgo input.
  return { ...base, ...settings.buildEnv, ...platformGoEnv(platform), CGO_ENABLED: '0', ...cgo }
}

export function buildArgs(settings: BuildSettings, output: string): string[] {
  const ldflags = ['-s', '-w', settings.ldflags.trim()].filter(Boolean).join(' ')
  const args = ['build', '-trimpath', `-ldflags=${ldflags}`]
  if (settings.buildTags.trim()) args.push(`-tags=${settings.buildTags.trim()}`)
  args.push(...settings.buildFlags, '-o', output, settings.pkg)
  return args
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
