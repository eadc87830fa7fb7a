// Matches a binary's modules against the database's entries as govulncheck -mode=binary does: by version range, then by the vulnerable symbols its function table holds.
import type { BuildInfo } from '../compile/buildinfo.js'
import type { AllowEntry } from './inputs.js'
import type { OsvAffected, OsvEntry } from './schema.js'
import type { FunctionTable } from './symbols.js'
import { affects, earliestFix, goTagToSemver, semverToGoTag } from './version.js'

/** The module path the Go database files standard library entries under. */
export const STDLIB = 'stdlib'

/** A version as people know it: the standard library's as Go's tag (go1.19.8), any other module's as it is. */
export const displayVersion = (module: string, v: string): string =>
  module === STDLIB ? semverToGoTag(v) : v

/** A module of the binary, as it is looked up and matched. */
export interface CheckedModule {
  /** As compiled: the replacement's path when there is one; `stdlib` for the standard library. */
  path: string
  /** The replacement's version when there is one; the standard library's is the toolchain's, v1.19.8 for go1.19.8. */
  version: string
  /** The path the code imports it by (the replaced module's), which the binary's package paths start with. */
  importPath: string
  /** The module the go.mod required, when a replace directive swapped it for this one. */
  replaces?: { path: string; version: string }
}

/**
 * Every module compiled into the binary, the standard library included, as govulncheck checks them: a replaced
 * module as its replacement (path and version; a directory replacement has no version, so nothing matches it,
 * as govulncheck's affected() says of an unknown version), the main module at its version ((devel) matches
 * nothing either).
 */
export function binaryModules(info: BuildInfo): CheckedModule[] {
  const out: CheckedModule[] = [
    { path: STDLIB, version: goTagToSemver(info.goVersion), importPath: '' }
  ]
  if (info.main) {
    out.push({ path: info.main.path, version: info.main.version, importPath: info.main.path })
  }
  for (const m of info.deps) {
    const r = m.replace
    out.push(
      r
        ? {
            path: r.path,
            version: r.version,
            importPath: m.path,
            replaces: { path: m.path, version: m.version }
          }
        : { path: m.path, version: m.version, importPath: m.path }
    )
  }
  return out
}

/** One entry that affects one module of the binary. */
export interface VulnFinding {
  id: string
  aliases: string[]
  summary: string
  /** The module as compiled (see CheckedModule.path). */
  module: string
  /** The version found (v-prefixed; the standard library's as v1.19.8). */
  version: string
  /** The earliest version that fixes it and that no range reopens; absent when there is none. */
  fixed?: string
  /** Vulnerable packages of the entry that are in the binary. */
  packages: string[]
  /** Vulnerable symbols of the entry that are in the binary's function table, as pkg.Func or pkg.Type.Method. */
  symbols: string[]
  /** reachable: a vulnerable symbol (or package, for an entry that lists none) is in the binary. */
  reachability: 'reachable' | 'module-only'
  /** Present when vuln-allow lists the ID or an alias of it. */
  allowed?: { id: string; reason?: string }
}

/** A standard library package: its first path element has no dot (govulncheck's IsStdPackage). */
export const isStdPackage = (pkg: string): boolean => !(pkg.split('/')[0] ?? '').includes('.')

export interface MatchOptions {
  modules: CheckedModule[]
  /** What VulnDb.entriesFor returned for them, by module path. */
  entries: Map<string, OsvEntry[]>
  /**
   * The binary's function table; undefined when it could not be read: then every affecting entry counts as
   * reachable, as govulncheck does for a binary without symbols.
   */
  symbols: FunctionTable | undefined
  /** The GOOS and GOARCH of the binary (its build settings): imports for other platforms do not apply. */
  goos?: string
  goarch?: string
  allow?: AllowEntry[]
  /** For withdrawn entries. */
  now: Date
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const platformMatches = (value: string | undefined, list: string[] | null | undefined): boolean =>
  !value || !list?.length || list.includes(value)

/** Every finding, reachable first, then by ID and module. */
export function matchFindings(o: MatchOptions): VulnFinding[] {
  const owner = moduleOwner(o.modules)
  const findings: VulnFinding[] = []
  for (const m of o.modules) {
    if (m.version === '' || m.version === '(devel)') continue
    for (const e of o.entries.get(m.path) ?? []) {
      if (e.withdrawn && Date.parse(e.withdrawn) < o.now.getTime()) continue
      const affecting = affectingOf(e, m, o)
      if (affecting.length === 0) continue
      const found = o.symbols ? presence(affecting, m, o.symbols, owner) : undefined
      const reachable = found ? found.packages.size > 0 : true
      const fixed = earliestFix(
        affecting.flatMap(a => a.ranges),
        m.version
      )
      const allowed = allowFor(e, o.allow)
      findings.push({
        id: e.id,
        aliases: e.aliases,
        summary: (e.summary || e.details?.split('\n')[0] || '').trim(),
        module: m.path,
        version: m.version,
        ...(fixed ? { fixed } : {}),
        packages: [...(found?.packages ?? [])].sort(byName),
        symbols: [...(found?.symbols ?? [])].sort(byName),
        reachability: reachable ? 'reachable' : 'module-only',
        ...(allowed ? { allowed } : {})
      })
    }
  }
  return findings.sort(
    (a, b) =>
      (a.reachability === b.reachability ? 0 : a.reachability === 'reachable' ? -1 : 1) ||
      byName(a.id, b.id) ||
      byName(a.module, b.module)
  )
}

/**
 * The entry's affected[] for this module (by its compiled path, so a replacement is checked as itself) whose
 * ranges hold its version, with the imports for other platforms dropped; an affected whose imports all were is
 * dropped too (govulncheck's affectingVulnerabilities).
 */
function affectingOf(e: OsvEntry, m: CheckedModule, o: MatchOptions): OsvAffected[] {
  const out: OsvAffected[] = []
  for (const a of e.affected) {
    if (a.package.name !== m.path || !affects(a.ranges, m.version)) continue
    const imports = a.ecosystem_specific.imports.filter(
      p => platformMatches(o.goos, p.goos) && platformMatches(o.goarch, p.goarch)
    )
    if (a.ecosystem_specific.imports.length && !imports.length) continue
    out.push({ ...a, ecosystem_specific: { imports } })
  }
  return out
}

/** Which module a binary package belongs to: the standard library, else the longest import path it starts with. */
function moduleOwner(modules: CheckedModule[]): (pkg: string) => CheckedModule | undefined {
  const std = modules.find(m => m.path === STDLIB)
  const sorted = modules
    .filter(m => m.path !== STDLIB && m.importPath)
    .sort((a, b) => b.importPath.length - a.importPath.length)
  return pkg =>
    isStdPackage(pkg)
      ? std
      : sorted.find(m => pkg === m.importPath || pkg.startsWith(`${m.importPath}/`))
}

/**
 * The vulnerable packages and symbols of the affecting ranges that the function table holds. An import with no
 * symbols is the whole package: present when any function of it is; an affected with no imports is the whole
 * module: present when any package of it is. The database names a replacement's packages by its own path; the
 * binary by the path the code imports, which replaces the prefix.
 */
function presence(
  affecting: OsvAffected[],
  m: CheckedModule,
  table: FunctionTable,
  owner: (pkg: string) => CheckedModule | undefined
): { packages: Set<string>; symbols: Set<string> } {
  const packages = new Set<string>()
  const symbols = new Set<string>()
  const inBinary = (dbPath: string): string =>
    m.path !== STDLIB && m.importPath !== m.path && dbPath.startsWith(m.path)
      ? m.importPath + dbPath.slice(m.path.length)
      : dbPath
  for (const a of affecting) {
    if (a.ecosystem_specific.imports.length === 0) {
      for (const pkg of table.keys()) if (owner(pkg) === m) packages.add(pkg)
      continue
    }
    for (const imp of a.ecosystem_specific.imports) {
      const pkg = inBinary(imp.path)
      const held = table.get(pkg)
      if (!held || owner(pkg) !== m) continue
      if (!imp.symbols?.length) {
        packages.add(pkg)
        continue
      }
      for (const s of imp.symbols) {
        if (!held.has(s)) continue
        packages.add(pkg)
        symbols.add(`${pkg}.${s}`)
      }
    }
  }
  return { packages, symbols }
}

/** The vuln-allow line for an entry: its ID or any alias, compared without regard to case. */
function allowFor(e: OsvEntry, allow: AllowEntry[] | undefined): VulnFinding['allowed'] {
  const names = new Set([e.id, ...e.aliases].map(n => n.toUpperCase()))
  const hit = allow?.find(a => names.has(a.id.toUpperCase()))
  return hit ? { id: hit.id, ...(hit.reason ? { reason: hit.reason } : {}) } : undefined
}
