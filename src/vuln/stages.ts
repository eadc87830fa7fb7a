// The vulnerability check's two stages: the database, opened once per run through the run's HTTP layer, and the
// check of each platform's binary, whose failure (with vulnerabilities: fail) the size gate adds to its own. The
// client and the matcher are loaded when a stage runs: a run with vulnerabilities: off never parses them.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { serviceBudget, serviceFetch } from '../http/retry.js'
import { silenceOf } from '../http/transport.js'
import { InputError, type Fetch, type StageBody } from '../ports.js'
import type { VulnCheckResult } from './check.js'
import type { VulnDb } from './database.js'
import type { VulnOptions } from './inputs.js'
import { skippedSection, vulnSection, type VulnSection } from './report.js'

/** The database of the run, or the warning that stands for it (vulnerabilities: report). */
export type VulnDbState = { db: VulnDb } | { skipped: string }

/** What the check of one image's binaries gives the size report, the SBOM, the gate and the outputs. */
export interface VulnRun {
  section: VulnSection
  /** Per platform (os/arch[/variant] as the build names it). */
  results: Map<string, VulnCheckResult>
  /** vulnerabilities: fail, with a reachable finding vuln-allow does not list: why the gate stops the push. */
  failure?: string
}

/** The tool cache's folder for the database's index and entries, kept under its db.json modified time. */
export const VULN_CACHE = 'go-scratch-image-vulndb'

/**
 * The database, fetched once per run (a monorepo's images share it): db.json is the one request of a warm run.
 * Each request goes through the run's HTTP layer with its retry policy, registry-timeout as the silence limit.
 */
export function vulnDbStage(
  o: VulnOptions,
  ports: { fetch: Fetch; toolCacheDir: string }
): StageBody<unknown, VulnDbState> {
  const mode = o.vulnerabilities === 'fail' ? 'fail' : 'report'
  return {
    // Silent (its line or warning waits in the queue): a titled stage here would stop Go's install from streaming.
    run: async (_got, log) => {
      const [{ openVulnDb }, { onDatabaseError }] = await Promise.all([
        import('./database.js'),
        import('./check.js')
      ])
      const silence = silenceOf(ports.fetch)
      const fetch = serviceFetch(ports.fetch, {
        service: 'the Go vulnerability database',
        timeoutInput: 'registry-timeout'
      })
      try {
        const db = await openVulnDb({
          url: o.vulnDb,
          fetch,
          cacheDir: path.join(ports.toolCacheDir, VULN_CACHE),
          // A backstop behind the HTTP layer's own limits, whose message says more.
          timeoutMs: serviceBudget(silence) + silence
        })
        log.info(`${db.url}: modified ${db.modified}`)
        return { db }
      } catch (e) {
        return { skipped: onDatabaseError(mode, e, m => log.warning(m)) }
      }
    }
  }
}

/**
 * Looks up each platform's binary (after the build, before the gate): with report it never fails, whatever goes
 * wrong; with fail, a database that cannot be used fails the step, and a reachable finding becomes the gate's.
 */
export function vulnsStage(
  o: VulnOptions
): StageBody<
  { binaries: Map<string, { path: string }>; vulnDb: VulnDbState | undefined },
  VulnRun
> {
  const mode = o.vulnerabilities === 'fail' ? 'fail' : 'report'
  return {
    title: 'Known vulnerabilities',
    run: async ({ binaries, vulnDb }, log) => {
      const { checkBinary, failureMessage, onDatabaseError } = await import('./check.js')
      const skipped = (why: string): VulnRun => ({
        section: skippedSection(why),
        results: new Map()
      })
      if (!vulnDb) return skipped('vulnerabilities is off')
      if ('skipped' in vulnDb) {
        if (mode === 'fail') throw new InputError(vulnDb.skipped)
        return skipped(vulnDb.skipped)
      }
      const results = new Map<string, VulnCheckResult>()
      try {
        for (const [platform, bin] of binaries) {
          const result = await checkBinary({
            binary: await readFile(bin.path),
            db: vulnDb.db,
            allow: o.vulnAllow
          })
          results.set(platform, result)
          log.info(findingsLine(platform, result))
        }
      } catch (e) {
        return skipped(onDatabaseError(mode, e, m => log.warning(m)))
      }
      const section = vulnSection([...results.values()])
      const failure = mode === 'fail' ? failureMessage(section.findings) : undefined
      return { section, results, ...(failure ? { failure } : {}) }
    }
  }
}

/** One log line per binary: what was found, by class. */
function findingsLine(platform: string, r: VulnCheckResult): string {
  const of = (want: (f: VulnCheckResult['findings'][number]) => boolean): string =>
    r.findings
      .filter(want)
      .map(f => f.id)
      .join(', ') || 'none'
  return (
    `${platform}: reachable ${of(f => f.reachability === 'reachable' && !f.allowed)}; ` +
    `allowed ${of(f => !!f.allowed)}; module only ${of(f => f.reachability === 'module-only')}` +
    (r.symbolsMissing ? ` (function table unreadable: ${r.symbolsMissing})` : '')
  )
}
