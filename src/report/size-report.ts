// This build's size report: what it holds (sizes, the binary's modules and packages, the budget, the comparison
// with compare-to's report), the file it is written to, and the referrer it is attached as; and compare-to's own
// report, read from its registry.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { GitHubContext } from '../github-context.js'
import type { Attachment, Descriptor } from '../oci/artifact.js'
import type { Blob, BuiltImage } from '../oci/image.js'
import type { Logger, StageBody } from '../ports.js'
import {
  inputsFor,
  openRegistry,
  type RegistryOptions,
  type RegistryPorts
} from '../registry/open.js'
import type { ImageRef, Reference } from '../registry/reference.js'
import { registryReferrers } from '../registry/referrers.js'
import { readBuildInfo } from '../compile/buildinfo.js'
import type { Comparison, Gate, Increase } from './gate.js'
import type { MeasuredPackages } from './package-sizes.js'
import {
  attachedReport,
  diffReports,
  REPORT_ARTIFACT_TYPE,
  REPORT_SCHEMA_VERSION,
  reportModules,
  type Report,
  type ReportBinary
} from './report.js'
import { parseReport } from './schema.js'
import { platformSize } from './size.js'
import { moduleSection, packageSection } from './summary.js'
import { readVulnSection, type VulnSection } from '../vuln/report.js'

/** The size inputs: the budgets, compare-to, package-sizes and the pull request comment. */
export interface ReportOptions {
  /** Budget for every platform's compressed size. */
  maxSize?: { bytes: number; raw: string }
  /** The baseline image whose sizes this build is compared with. */
  compareTo?: Reference
  /** compare-to as written: with {{.Name}}, each image of a monorepo run has a baseline of its own. */
  compareToLine: string
  maxSizeIncrease?: { rule: Increase; raw: string }
  /** The biggest Go packages in the summary: always, never, or for large binaries. */
  packageSizes: 'auto' | 'true' | 'false'
  /** comment: keep a size comment on the pull request (src/comment/). */
  comment: boolean
  /** github-token, for the comment. */
  githubToken: string
}

/** What was found of the baseline's report: the report, or why there is none. */
export interface BaselineReport {
  reference: string
  report?: Report
  why?: string
}

/** This build's size report and the file it is written to (output report). */
export interface SizeReport {
  report: Report
  file: string
}

type Binaries = Map<string, { path: string; size: number }>

/**
 * The report attached to compare-to, if any. Reading it never fails the build: without it the comparison keeps
 * its layer deltas, and `why` says why packages and modules are missing. The stage is left out without
 * compare-to; it is read only for the report, beside whatever else runs.
 */
export function baselineReportStage(
  o: { compareTo: Reference; image?: ImageRef; registry: RegistryOptions },
  ports: RegistryPorts
): StageBody<unknown, BaselineReport> {
  const { logger } = ports
  return {
    title: "Read the baseline's size report",
    run: async () => {
      const ref = o.compareTo
      const reference = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`
      try {
        const inputs = inputsFor(o.registry, o.image, ref)
        const client = await openRegistry(o.registry, ports, ref, inputs, { access: 'pull' })
        await client.login()
        const top = await client.getManifest(ref.digest ?? ref.tag ?? 'latest')
        if (!top) return { reference, why: `${reference} does not exist yet.` }
        const store = registryReferrers(client, logger)
        const found = await store.list(top.digest, REPORT_ARTIFACT_TYPE)
        const last = found[found.length - 1]
        if (!last) {
          return {
            reference,
            why:
              `${reference} (${top.digest}) has no go-scratch-image report attached (it was built by another tool, ` +
              `by an older version of this action, or not pushed by it).`
          }
        }
        const data = await store.fetch(last.digest)
        const report = parseReport(Buffer.from(data).toString('utf8'), `the report of ${reference}`)
        logger.info(`compare-to: read the size report ${last.digest} attached to ${top.digest}`)
        return { reference, report }
      } catch (e) {
        const why = `the report of ${reference} could not be read: ${(e as Error).message}`
        logger.warning(`compare-to: ${why}`)
        return { reference, why: `${why}.` }
      }
    }
  }
}

/** The binary's part of the report: its build information and, when measured, its packages. */
async function reportBinary(
  out: { binaries: Binaries; packages: MeasuredPackages | undefined; main: { importPath: string } },
  packageSizes: ReportOptions['packageSizes'],
  logger: Logger
): Promise<ReportBinary | undefined> {
  const [platform, bin] = out.packages
    ? [out.packages.platform, out.binaries.get(out.packages.platform)!]
    : [...out.binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a))
  let info
  try {
    info = readBuildInfo(await readFile(bin.path))
  } catch (e) {
    logger.info(`report: ${(e as Error).message} Modules are not recorded.`)
    return undefined
  }
  const why =
    packageSizes === 'false'
      ? 'package-sizes is false'
      : 'the package measurement did not run or failed (see its warning)'
  return {
    platform,
    path: info.path || out.main.importPath,
    goVersion: info.goVersion,
    size: bin.size,
    modules: reportModules(info),
    ...(out.packages
      ? { packages: out.packages.sizes, packagesMethod: out.packages.method }
      : { packagesMissing: why })
  }
}

/**
 * Writes this build's report (output report): its sizes, binary, budget, the comparison with compare-to's report
 * (whose package and module deltas the log shows), the pull request it was built for (pullRequest, for a later
 * comment-from) and the run.
 */
export function sizeReportStage(
  o: Pick<ReportOptions, 'compareTo' | 'maxSize' | 'maxSizeIncrease' | 'packageSizes'> & {
    image?: ImageRef
  },
  tags: string[],
  run: { pullRequest?: number; github: Pick<GitHubContext, 'runUrl'> },
  ports: { tempDir: string; logger: Logger }
): StageBody<
  {
    images: { images: BuiltImage[]; top: Blob }
    gate: Gate
    comparisons: Comparison[] | undefined
    packages: MeasuredPackages | undefined
    binaries: Binaries
    main: { importPath: string }
    go: { version: string }
    push: boolean
    baselineReport: BaselineReport | undefined
    vulns: { section: VulnSection; failure?: string } | undefined
  },
  SizeReport
> {
  const { logger } = ports
  return {
    title: o.compareTo ? 'Go packages and modules against the baseline' : undefined,
    run: async out => {
      const binary = await reportBinary(out, o.packageSizes, logger)
      const report: Report = {
        schemaVersion: REPORT_SCHEMA_VERSION,
        mediaType: REPORT_ARTIFACT_TYPE,
        image: o.image ? `${o.image.registry}/${o.image.repository}` : '',
        digest: out.images.top.digest,
        goVersion: out.go.version,
        platforms: out.images.images.map(platformSize),
        ...(binary ? { binary } : {}),
        ...(out.vulns ? { vulnerabilities: out.vulns.section } : {})
      }
      const base = out.baselineReport
      const baseVulns = base?.report && readVulnSection(base.report.vulnerabilities)
      const url = run.github.runUrl
      const file: Report = {
        ...report,
        tags: out.push ? tags : [],
        pushed: out.push,
        budget: {
          ...(o.maxSize ? { maxSize: o.maxSize } : {}),
          ...(o.maxSizeIncrease ? { maxSizeIncrease: o.maxSizeIncrease.raw } : {}),
          // vulnerabilities: fail's verdict stops the push through the gate, but it is no size budget.
          failures: out.gate.failures.filter(f => f !== out.vulns?.failure)
        },
        ...(base
          ? {
              comparison: {
                baseline: base.reference,
                platforms: out.comparisons ?? [],
                packages: diffReports(base.reference, base.report, report, base.why),
                ...(out.vulns && baseVulns && !('missing' in baseVulns)
                  ? { vulnerabilities: baseVulns }
                  : {})
              }
            }
          : {}),
        ...(run.pullRequest === undefined ? {} : { pullRequest: run.pullRequest }),
        ...(url ? { run: url } : {})
      }
      const d = file.comparison?.packages
      if (d) {
        for (const line of [...moduleSection(d, false), ...packageSection(d, false)]) {
          if (line) logger.info(line)
        }
      }
      const where = path.join(ports.tempDir, 'report.json')
      await writeFile(where, JSON.stringify(file, null, 2) + '\n')
      return { report: file, file: where }
    }
  }
}

/** The report as a referrer, for the attach stage: on the pushed image, and in the OCI layout when one is written. */
export function reportStage(
  ociLayout: string
): StageBody<
  { sizeReport: SizeReport; images: { top: Blob }; push: boolean },
  Attachment[] | undefined
> {
  return {
    run: async ({ sizeReport, images, push }) => {
      if (!push && !ociLayout) return undefined
      const top = images.top
      const subject: Descriptor = { mediaType: top.mediaType, digest: top.digest, size: top.size }
      const data = Buffer.from(JSON.stringify(attachedReport(sizeReport.report)))
      return [
        {
          subject,
          artifacts: [{ artifactType: REPORT_ARTIFACT_TYPE, mediaType: REPORT_ARTIFACT_TYPE, data }]
        }
      ]
    }
  }
}
