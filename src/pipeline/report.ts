// The size report's stages: read the baseline's report, write this build's, hand it to the referrer writer, comment on the pull request.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { PipelineOptions } from './options.js'
import { eventPullRequest } from '../comment/github.js'
import { commentOnReport } from '../comment/post.js'
import type { Attachment, Descriptor } from '../oci/artifact.js'
import type { Deps } from './deps.js'
import { inputsFor, openRegistry } from '../registry/open.js'
import { registryReferrers } from '../registry/referrers.js'
import { moduleSection, packageSection } from '../report/summary.js'
import { platformSize } from '../report/size.js'
import {
  attachedReport,
  diffReports,
  REPORT_ARTIFACT_TYPE,
  REPORT_SCHEMA_VERSION,
  reportModules,
  type Report,
  type ReportBinary
} from '../report/report.js'
import { parseReport } from '../report/schema.js'
import { readBuildInfo } from '../sbom/buildinfo.js'
import { stageOf, type Stage } from './graph.js'
import type { Outputs } from './stages.js'

/** What was found of the baseline's report: the report, or why there is none. */
export interface BaselineReport {
  reference: string
  report?: Report
  why?: string
}

/**
 * Whether package-sizes: auto measures whatever the binary's size: when the report will carry the breakdown
 * somewhere it is read (attached to a pushed image for later comparisons, compared now, or commented).
 */
export function reportWantsPackages(o: PipelineOptions): boolean {
  return o.report.comment || !!o.report.compareTo || (o.publish.push && !!o.publish.image)
}

/**
 * The report attached to compare-to, if any. Reading it never fails the build: without it the comparison keeps
 * its layer deltas, and `why` says why packages and modules are missing.
 */
export async function readBaselineReport(o: PipelineOptions, deps: Deps): Promise<BaselineReport> {
  const ref = o.report.compareTo!
  const reference = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`
  try {
    const inputs = inputsFor(o.registry, o.publish.image, ref)
    const client = await openRegistry(o.registry, deps, ref, inputs, { access: 'pull' })
    await client.login()
    const top = await client.getManifest(ref.digest ?? ref.tag ?? 'latest')
    if (!top) return { reference, why: `${reference} does not exist yet.` }
    const store = registryReferrers(client, deps.logger)
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
    deps.logger.info(`compare-to: read the size report ${last.digest} attached to ${top.digest}`)
    return { reference, report }
  } catch (e) {
    const why = `the report of ${reference} could not be read: ${(e as Error).message}`
    deps.logger.warning(`compare-to: ${why}`)
    return { reference, why: `${why}.` }
  }
}

/** The binary's part of the report: its build information and, when measured, its packages. */
async function reportBinary(
  out: Pick<Outputs, 'binaries' | 'packages' | 'main'>,
  o: PipelineOptions,
  deps: Deps
): Promise<ReportBinary | undefined> {
  const [platform, bin] = out.packages
    ? [out.packages.platform, out.binaries.get(out.packages.platform)!]
    : [...out.binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a))
  let info
  try {
    info = readBuildInfo(await readFile(bin.path))
  } catch (e) {
    deps.logger.info(`report: ${(e as Error).message} Modules are not recorded.`)
    return undefined
  }
  const why =
    o.report.packageSizes === 'false'
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

/** The stages of the report, to run after the push and before the attach stage, which takes 'report'. */
export function reportStages(o: PipelineOptions, deps: Deps, tags: string[]): Stage<Outputs>[] {
  const stage = stageOf<Outputs>()
  const { logger } = deps
  return [
    // After the baseline's sizes, beside the push: it is read only for the report, and a stage that ran beside the
    // build would keep the Go install and the compile from streaming their logs live (see cutPoints).
    stage('baselineReport', ['comparisons'], {
      title: () => (o.report.compareTo ? "Read the baseline's size report" : undefined),
      run: async () => (o.report.compareTo ? readBaselineReport(o, deps) : undefined)
    }),

    stage(
      'sizeReport',
      [
        'images',
        'gate',
        'comparisons',
        'packages',
        'binaries',
        'main',
        'go',
        'push',
        'baselineReport'
      ],
      {
        title: () =>
          o.report.compareTo ? 'Go packages and modules against the baseline' : undefined,
        run: async out => {
          const binary = await reportBinary(out, o, deps)
          const report: Report = {
            schemaVersion: REPORT_SCHEMA_VERSION,
            mediaType: REPORT_ARTIFACT_TYPE,
            image: o.publish.image
              ? `${o.publish.image.registry}/${o.publish.image.repository}`
              : '',
            digest: out.images.top.digest,
            goVersion: out.go.version,
            platforms: out.images.images.map(platformSize),
            ...(binary ? { binary } : {})
          }
          const base = out.baselineReport
          const pr = eventPullRequest(o.github)
          const run = o.github.runUrl
          const file: Report = {
            ...report,
            tags: out.push ? tags : [],
            pushed: out.push,
            budget: {
              ...(o.report.maxSize ? { maxSize: o.report.maxSize } : {}),
              ...(o.report.maxSizeIncrease
                ? { maxSizeIncrease: o.report.maxSizeIncrease.raw }
                : {}),
              failures: out.gate.failures
            },
            ...(base
              ? {
                  comparison: {
                    baseline: base.reference,
                    platforms: out.comparisons,
                    packages: diffReports(base.reference, base.report, report, base.why)
                  }
                }
              : {}),
            ...(pr === undefined ? {} : { pullRequest: pr }),
            ...(run ? { run } : {})
          }
          const d = file.comparison?.packages
          if (d) {
            for (const line of [...moduleSection(d, false), ...packageSection(d, false)]) {
              if (line) logger.info(line)
            }
          }
          const where = path.join(deps.tempDir, 'report.json')
          await writeFile(where, JSON.stringify(file, null, 2) + '\n')
          return { report: file, file: where }
        }
      }
    ),

    // The referrer writer (the attach stage) puts it on the pushed image, and in the OCI layout.
    stage('report', ['sizeReport', 'images', 'push'], {
      run: async ({ sizeReport, images, push }): Promise<Attachment[] | undefined> => {
        if (!push && !o.publish.ociLayout) return undefined
        const top = images.top
        const subject: Descriptor = { mediaType: top.mediaType, digest: top.digest, size: top.size }
        const data = Buffer.from(JSON.stringify(attachedReport(sizeReport.report)))
        return [
          {
            subject,
            artifacts: [
              { artifactType: REPORT_ARTIFACT_TYPE, mediaType: REPORT_ARTIFACT_TYPE, data }
            ]
          }
        ]
      }
    }),

    // Written before the step fails on the size gate (main.ts fails it after the graph), so a reviewer sees why.
    stage('comment', ['sizeReport'], {
      title: () => (o.report.comment ? 'Comment on the pull request' : undefined),
      run: async ({ sizeReport }) => {
        if (!o.report.comment) return
        await commentOnReport(sizeReport.report, {
          token: o.report.githubToken,
          github: o.github,
          logger
        })
      }
    })
  ]
}
