// The vulnerabilities of a run as data: every platform's findings merged, the size report's versioned `vulnerabilities` section (written, and read back from a baseline's report), and the step's outputs.
import { z } from 'zod'
import type { VulnCheckResult } from './check.js'
import type { VulnFinding } from './match.js'

/** A finding of the run: one entry in one module, on the platforms whose binaries it affects. */
export interface RunFinding extends VulnFinding {
  /** os/arch of each binary it affects; reachable when it is reachable in at least one of them. */
  platforms: string[]
}

/** Bumped on an incompatible change of the section; a reader ignores a section of a version it does not know. */
export const VULN_SECTION_VERSION = 1

/** The size report's `vulnerabilities` section. */
export interface VulnSection {
  schemaVersion: typeof VULN_SECTION_VERSION
  /** The database the binaries were checked against; absent when they were not checked (see skipped). */
  database?: { url: string; modified: string }
  findings: RunFinding[]
  /** Reachable findings, those of them vuln-allow does not list (output vulnerability-count), module-only ones. */
  reachable: number
  blocking: number
  moduleOnly: number
  /** Why the function table of a platform's binary could not be read (its findings all count as reachable). */
  symbolsMissing?: Record<string, string>
  /** Why nothing was checked: the database's error, with vulnerabilities: report. */
  skipped?: string
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])].sort(byName)

/** Adds a finding, on the given platforms, to merged: an entry in a module once, with the union of what was found. */
function addFinding(merged: Map<string, RunFinding>, f: VulnFinding, platforms: string[]): void {
  const key = `${f.id} ${f.module}`
  const seen = merged.get(key)
  merged.set(
    key,
    seen
      ? {
          ...seen,
          packages: union(seen.packages, f.packages),
          symbols: union(seen.symbols, f.symbols),
          reachability: seen.reachability === 'reachable' ? 'reachable' : f.reachability,
          platforms: union(seen.platforms, platforms)
        }
      : { ...f, platforms: [...platforms] }
  )
}

/** Reachable first, then by ID and module. */
function sorted(merged: Map<string, RunFinding>): RunFinding[] {
  return [...merged.values()].sort(
    (a, b) =>
      (a.reachability === b.reachability ? 0 : a.reachability === 'reachable' ? -1 : 1) ||
      byName(a.id, b.id) ||
      byName(a.module, b.module)
  )
}

/** The findings of every platform's binary as one list. */
export function mergeFindings(results: VulnCheckResult[]): RunFinding[] {
  const merged = new Map<string, RunFinding>()
  for (const r of results)
    for (const f of r.findings) addFinding(merged, f, [r.platform ?? 'unknown'])
  return sorted(merged)
}

/** The counts of a section's findings. */
function counted(
  findings: RunFinding[]
): Pick<VulnSection, 'reachable' | 'blocking' | 'moduleOnly'> {
  const reachable = findings.filter(f => f.reachability === 'reachable')
  return {
    reachable: reachable.length,
    blocking: reachable.filter(f => !f.allowed).length,
    moduleOnly: findings.length - reachable.length
  }
}

/** The section of a run whose binaries were checked. */
export function vulnSection(results: VulnCheckResult[]): VulnSection {
  const findings = mergeFindings(results)
  const missing = results.filter(r => r.symbolsMissing)
  return {
    schemaVersion: VULN_SECTION_VERSION,
    ...(results[0] ? { database: results[0].database } : {}),
    findings,
    ...counted(findings),
    ...(missing.length
      ? {
          symbolsMissing: Object.fromEntries(
            missing.map(r => [r.platform ?? 'unknown', r.symbolsMissing!])
          )
        }
      : {})
  }
}

/**
 * The sections of several images (a monorepo) as the run's one section: a finding once, on every image's
 * platforms, which are named `image: os/arch` when there are several images.
 */
export function combineSections(
  parts: { name: string; section: VulnSection }[],
  several: boolean
): VulnSection {
  const on = (name: string, platform: string): string =>
    several ? `${name}: ${platform}` : platform
  const merged = new Map<string, RunFinding>()
  for (const { name, section } of parts)
    for (const f of section.findings)
      addFinding(
        merged,
        f,
        f.platforms.map(p => on(name, p))
      )
  const findings = sorted(merged)
  const missing = parts.flatMap(({ name, section }) =>
    Object.entries(section.symbolsMissing ?? {}).map(([p, why]) => [on(name, p), why] as const)
  )
  const database = parts.find(p => p.section.database)?.section.database
  const skipped = parts.find(p => p.section.skipped)?.section.skipped
  return {
    schemaVersion: VULN_SECTION_VERSION,
    ...(database ? { database } : {}),
    findings,
    ...counted(findings),
    ...(missing.length ? { symbolsMissing: Object.fromEntries(missing) } : {}),
    ...(skipped ? { skipped } : {})
  }
}

/** The section of a run that could not check (the database's warning, with vulnerabilities: report). */
export function skippedSection(why: string): VulnSection {
  return {
    schemaVersion: VULN_SECTION_VERSION,
    findings: [],
    reachable: 0,
    blocking: 0,
    moduleOnly: 0,
    skipped: why
  }
}

/** The outputs: vulnerabilities (every finding, as JSON) and vulnerability-count (reachable and not allowed). */
export function vulnOutputs(section: VulnSection): Record<string, string> {
  return {
    vulnerabilities: JSON.stringify(section.findings),
    'vulnerability-count': String(section.blocking)
  }
}

const findingSchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  module: z.string(),
  version: z.string(),
  fixed: z.string().optional(),
  packages: z.array(z.string()),
  symbols: z.array(z.string()),
  reachability: z.enum(['reachable', 'module-only']),
  allowed: z.object({ id: z.string(), reason: z.string().optional() }).optional(),
  platforms: z.array(z.string())
})

/** The section as another job wrote it: a baseline's report is untrusted until it has passed this. */
export const vulnSectionSchema = z.object({
  schemaVersion: z.literal(VULN_SECTION_VERSION),
  database: z.object({ url: z.string(), modified: z.string() }).optional(),
  findings: z.array(findingSchema),
  reachable: z.number().int().nonnegative(),
  blocking: z.number().int().nonnegative(),
  moduleOnly: z.number().int().nonnegative(),
  symbolsMissing: z.record(z.string(), z.string()).optional(),
  skipped: z.string().optional()
})

/**
 * A report's `vulnerabilities` value read back: the section, or why it cannot be used (absent: a report from
 * before this feature or from a run with vulnerabilities: off; another version; not valid). Never throws.
 */
export function readVulnSection(value: unknown): VulnSection | { missing: string } {
  if (value === undefined) return { missing: 'the report has no vulnerabilities section' }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion
  if (version !== VULN_SECTION_VERSION)
    return {
      missing: `its vulnerabilities section is version ${typeof version === 'number' ? version : '(none)'}, not ${VULN_SECTION_VERSION}`
    }
  const r = vulnSectionSchema.safeParse(value)
  return r.success
    ? (r.data as VulnSection)
    : { missing: 'its vulnerabilities section is not valid' }
}
