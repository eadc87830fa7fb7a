// The vulnerability check of one binary, and what a run does with its result or its database's failure: the seams the pipeline calls (see each function's options).
import { readBuildInfo, type BuildInfo } from '../compile/buildinfo.js'
import type { VulnDb } from './database.js'
import type { AllowEntry, VulnMode } from './inputs.js'
import { binaryModules, matchFindings, type VulnFinding } from './match.js'
import { VulnDbError } from './source.js'
import { functionNames, tableFromNames } from './symbols.js'

export interface VulnCheckOptions {
  /** The binary's bytes (the stripped one the image holds: its pclntab is all this reads). */
  binary: Uint8Array
  /** Its build information, when the caller has read it already (the SBOM stage does). */
  buildInfo?: BuildInfo
  /** One VulnDb for the whole run (openVulnDb), shared by every platform and image. */
  db: VulnDb
  /** vuln-allow. */
  allow?: AllowEntry[]
  /** For withdrawn entries; now by default. */
  now?: Date
}

export interface VulnCheckResult {
  /** The database and its modified time, so a report says what it was checked against. */
  database: { url: string; modified: string }
  /** The toolchain, e.g. go1.19.8. */
  goVersion: string
  /** os/arch of the binary, from its build settings. */
  platform?: string
  findings: VulnFinding[]
  /** Why the function table could not be read: then every affecting entry counts as reachable. */
  symbolsMissing?: string
}

/** Looks up the binary's modules (the standard library included) and says which entries are reachable in it. */
export async function checkBinary(o: VulnCheckOptions): Promise<VulnCheckResult> {
  const info =
    o.buildInfo ??
    readBuildInfo(Buffer.from(o.binary.buffer, o.binary.byteOffset, o.binary.byteLength))
  const modules = binaryModules(info)
  const setting = (key: string): string | undefined =>
    info.settings.find(s => s.key === key)?.value || undefined
  const goos = setting('GOOS')
  const goarch = setting('GOARCH')
  const entries = await o.db.entriesFor(modules)
  const names = functionNames(o.binary)
  const findings = matchFindings({
    modules,
    entries,
    symbols: typeof names === 'string' ? undefined : tableFromNames(names, info.path),
    ...(goos ? { goos } : {}),
    ...(goarch ? { goarch } : {}),
    allow: o.allow ?? [],
    now: o.now ?? new Date()
  })
  return {
    database: { url: o.db.url, modified: o.db.modified },
    goVersion: info.goVersion,
    ...(goos && goarch ? { platform: `${goos}/${goarch}` } : {}),
    findings,
    ...(typeof names === 'string' ? { symbolsMissing: names } : {})
  }
}

/** The findings that fail the step with vulnerabilities: fail, and what output vulnerability-count counts. */
export const blocking = (findings: VulnFinding[]): VulnFinding[] =>
  findings.filter(f => f.reachability === 'reachable' && !f.allowed)

/**
 * What a database that could not be used means for the run: with report, a warning (the check is skipped); with
 * fail, the step fails with the database's own message, which names vuln-db. With report the check never fails
 * the step, whatever went wrong: an error that is no VulnDbError (a binary it cannot read, a bug) is a warning
 * too, naming the check; with fail it is thrown as it is. Returns the warning.
 */
export function onDatabaseError(
  mode: Exclude<VulnMode, 'off'>,
  error: unknown,
  warn: (message: string) => void
): string {
  if (!(error instanceof VulnDbError)) {
    if (mode === 'fail') throw error
    const message =
      `vulnerabilities: the check against vuln-db failed (${typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error)}). ` +
      `The vulnerability check was skipped.`
    warn(message)
    return message
  }
  if (mode === 'fail') {
    throw new VulnDbError(
      `${error.message} vulnerabilities: fail needs the database; set vulnerabilities: report to only warn ` +
        `when it cannot be used.`,
      error.kind
    )
  }
  const message = `${error.message} The vulnerability check was skipped.`
  warn(message)
  return message
}

/**
 * The message that fails the step with vulnerabilities: fail when a reachable finding is not allowed, before
 * anything is pushed; undefined when none is.
 */
export function failureMessage(findings: VulnFinding[]): string | undefined {
  const bad = blocking(findings)
  if (bad.length === 0) return undefined
  const ids = [...new Set(bad.map(f => f.id))]
  const list = bad.map(
    f => `${f.id} (${f.module}@${f.version}${f.fixed ? `, fixed in ${f.fixed}` : ''})`
  )
  return (
    `vulnerabilities: ${ids.length} reachable known ${ids.length === 1 ? 'vulnerability' : 'vulnerabilities'} ` +
    `in the binary: ${[...new Set(list)].join(', ')}. Upgrade the modules (or Go) to the fixed versions, or list ` +
    `the IDs in vuln-allow with the reason they are accepted.`
  )
}
