// The size report: what one build is (sizes, Go packages, modules) as versioned JSON, and how it differs from a baseline's report.
import type { BuildInfo, Module } from '../compile/buildinfo.js'
import type { Comparison } from './gate.js'
import type { PackageSize, PackagesMethod } from './packages.js'
import type { PlatformSize } from './size.js'

/** The artifact type the report is attached with, and its media type. */
export const REPORT_ARTIFACT_TYPE = 'application/vnd.go-scratch-image.report.v1+json'
/** Bumped on an incompatible change; a reader refuses versions it does not know (parseReport in schema.ts). */
export const REPORT_SCHEMA_VERSION = 1

/** A module as the report keeps it: the version that was built, and its replacement, if any. */
export interface ReportModule {
  path: string
  version: string
  /** `=> path version`, or `=> ../dir` (no version) for a directory replacement. */
  replace?: { path: string; version?: string }
}

/** What is known about the Go binary of one platform: the one whose packages are measured (linux/amd64 when built, else the largest). */
export interface ReportBinary {
  platform: string
  /** The main package's import path. */
  path: string
  /** The toolchain from the build information, e.g. `go1.22.5`. */
  goVersion: string
  /** Bytes of the (stripped) binary in the image. */
  size?: number
  /** The main module first (when built in a module), then every dependency, as `go version -m` lists them. */
  modules: ReportModule[]
  /**
   * Every Go package's bytes of the binary (see measurePackages: its functions, pclntab shares, and the type
   * data, strings and static data they refer to), biggest first; absent when not measured.
   */
  packages?: PackageSize[]
  /** How packages were measured; absent in the reports of earlier versions, which always relinked. */
  packagesMethod?: PackagesMethod
  /** Why packages is absent. */
  packagesMissing?: string
}

export interface PackageDelta {
  name: string
  /** Bytes in the baseline; absent when the package is new. */
  old?: number
  /** Bytes now; absent when the package is gone. */
  new?: number
  delta: number
}

export interface ModuleChange {
  path: string
  change: 'added' | 'removed' | 'changed'
  old?: string
  new?: string
}

/** The per-package and per-module differences from the baseline's report (the output package-deltas). */
export interface PackageDeltas {
  baseline: string
  /** The digest whose report was read. */
  baselineDigest?: string
  /** The platform whose binaries were compared. */
  platform?: string
  /** Packages whose size changed, growth first, then shrinkage by size. */
  packages: PackageDelta[]
  /** The sum of every package delta, linker tables included. */
  total: number
  /**
   * The binary's bytes no package accounts for (ELF headers, the page alignment of each segment, bytes nothing
   * refers to): its size minus the packages' sum, before and after. With total it adds up to the binary's growth;
   * since the alignment moves in 4 KiB steps, it can be negative when the packages grew.
   */
  unattributed?: { old: number; new: number; delta: number }
  modules: ModuleChange[]
  goVersion?: { old: string; new: string }
  /** How this build's packages were measured. */
  method?: PackagesMethod
  /** The baseline's method, when it was another one: part of each delta may be the methods' difference. */
  baselineMethod?: PackagesMethod
  /** Why there are no package deltas (no report on the baseline, package sizes not measured, …). */
  missing?: string
}

/** The verdict of the size gate, with the limits it applied. */
export interface ReportBudget {
  maxSize?: { bytes: number; raw: string }
  maxSizeIncrease?: string
  failures: string[]
}

/** How a build compares with compare-to. */
export interface ReportComparison {
  baseline: string
  /** One per platform the baseline has. */
  platforms: Comparison[]
  packages: PackageDeltas
  /** The baseline report's vulnerabilities section, as validated (readVulnSection), for the comment's verdict. */
  vulnerabilities?: unknown
}

/**
 * The report. The part attached to the image (as a referrer) says only what the build is, so the same build
 * attaches the same bytes; the file written for the run adds budget, comparison, pull request and run link,
 * which is everything a comment needs (comment-from posts it without building).
 */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  mediaType: typeof REPORT_ARTIFACT_TYPE
  /** The repository (registry/name), or '' when the build names no image. */
  image: string
  digest: string
  /** The Go version the action built with, e.g. 1.22.5. */
  goVersion: string
  platforms: PlatformSize[]
  binary?: ReportBinary
  /**
   * The known vulnerabilities of the binaries (src/vuln/report.ts's VulnSection, versioned on its own): read back
   * with readVulnSection, which validates it, since a baseline's report is another job's file.
   */
  vulnerabilities?: unknown
  // The run's own part, never attached:
  tags?: string[]
  pushed?: boolean
  budget?: ReportBudget
  comparison?: ReportComparison
  /** The pull request the build ran for (from the event payload), so a workflow_run job can comment on it. */
  pullRequest?: number
  /** The run's URL. */
  run?: string
}

export function reportModules(info: BuildInfo): ReportModule[] {
  const one = (m: Module): ReportModule => ({
    path: m.path,
    version: m.version,
    ...(m.replace
      ? {
          replace: {
            path: m.replace.path,
            ...(m.replace.version ? { version: m.replace.version } : {})
          }
        }
      : {})
  })
  return [...(info.main ? [one(info.main)] : []), ...info.deps.map(one)]
}

/** The version a module was really built from: its replacement's when replaced. */
export function moduleVersion(m: ReportModule): string {
  if (!m.replace) return m.version
  return `${m.version} => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}`
}

/** The part of a report that is attached to the image: what the build is, nothing about the run. */
export function attachedReport(r: Report): Report {
  return {
    schemaVersion: r.schemaVersion,
    mediaType: r.mediaType,
    image: r.image,
    digest: r.digest,
    goVersion: r.goVersion,
    platforms: r.platforms,
    ...(r.binary ? { binary: r.binary } : {}),
    ...(r.vulnerabilities === undefined ? {} : { vulnerabilities: r.vulnerabilities })
  }
}

function sortedDeltas(deltas: PackageDelta[]): PackageDelta[] {
  // Growth first (biggest first), then shrinkage (biggest first); names break ties so the order is stable.
  return deltas.sort(
    (a, b) =>
      Number(b.delta > 0) - Number(a.delta > 0) ||
      Math.abs(b.delta) - Math.abs(a.delta) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  )
}

export function packageDiff(
  old: PackageSize[],
  now: PackageSize[]
): { packages: PackageDelta[]; total: number } {
  const before = new Map(old.map(p => [p.name, p.bytes]))
  const after = new Map(now.map(p => [p.name, p.bytes]))
  const names = [...new Set([...before.keys(), ...after.keys()])]
  const all = names.map(name => {
    const o = before.get(name)
    const n = after.get(name)
    return {
      name,
      ...(o === undefined ? {} : { old: o }),
      ...(n === undefined ? {} : { new: n }),
      delta: (n ?? 0) - (o ?? 0)
    }
  })
  return {
    packages: sortedDeltas(all.filter(d => d.delta !== 0)),
    total: all.reduce((s, d) => s + d.delta, 0)
  }
}

export function moduleDiff(old: ReportModule[], now: ReportModule[]): ModuleChange[] {
  const before = new Map(old.map(m => [m.path, moduleVersion(m)]))
  const after = new Map(now.map(m => [m.path, moduleVersion(m)]))
  const out: ModuleChange[] = []
  for (const [path, version] of after) {
    const was = before.get(path)
    if (was === undefined) out.push({ path, change: 'added', new: version })
    else if (was !== version) out.push({ path, change: 'changed', old: was, new: version })
  }
  for (const [path, version] of before) {
    if (!after.has(path)) out.push({ path, change: 'removed', old: version })
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Differences from the baseline's report; `missing` says why a part could not be compared. */
export function diffReports(
  baselineRef: string,
  baseline: Report | undefined,
  current: Report,
  whyNoBaseline?: string
): PackageDeltas {
  const empty = { baseline: baselineRef, packages: [], total: 0, modules: [] }
  if (!baseline) {
    return { ...empty, missing: whyNoBaseline ?? `${baselineRef} has no go-scratch-image report.` }
  }
  const old = baseline.binary
  const now = current.binary
  const withDigest = { ...empty, baselineDigest: baseline.digest }
  if (!old || !now) {
    const which = !old ? `the report of ${baselineRef}` : 'this build'
    return { ...withDigest, missing: `${which} has no Go build information.` }
  }
  const base = {
    ...withDigest,
    platform: now.platform,
    modules: moduleDiff(old.modules, now.modules),
    ...(old.goVersion !== now.goVersion
      ? { goVersion: { old: old.goVersion, new: now.goVersion } }
      : {})
  }
  if (old.platform !== now.platform) {
    return {
      ...base,
      missing: `the baseline measured ${old.platform} and this build ${now.platform}; package sizes of different platforms are not compared.`
    }
  }
  if (!old.packages || !now.packages) {
    const why = !old.packages
      ? `the report of ${baselineRef} has no package sizes${old.packagesMissing ? ` (${old.packagesMissing})` : ''}`
      : `this build measured no package sizes${now.packagesMissing ? ` (${now.packagesMissing})` : ''}`
    return { ...base, missing: `${why}.` }
  }
  const sum = (ps: PackageSize[]): number => ps.reduce((n, p) => n + p.bytes, 0)
  const unattributed =
    old.size !== undefined && now.size !== undefined
      ? {
          unattributed: {
            old: old.size - sum(old.packages),
            new: now.size - sum(now.packages),
            delta: now.size - sum(now.packages) - (old.size - sum(old.packages))
          }
        }
      : {}
  const method = now.packagesMethod ?? 'relink'
  const baselineMethod = old.packagesMethod ?? 'relink'
  return {
    ...base,
    ...packageDiff(old.packages, now.packages),
    ...unattributed,
    method,
    ...(baselineMethod !== method ? { baselineMethod } : {})
  }
}
