// The size report's stages: read the baseline's report, write this build's, hand it to the referrer writer, comment on the pull request.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.js'
import { eventPullRequest } from '../comment/github.js'
import { commentOnReport } from '../comment/post.js'
import type { Attachment, Descriptor } from '../oci/artifact.js'
import type { Deps } from './deps.js'
import type { Credentials } from '../registry/client.js'
import type { RegistryClient, ClientOptions } from '../registry/client.js'
import type { ImageRef } from '../registry/reference.js'
import { registryReferrers } from '../registry/referrers.js'
import { moduleSection, packageSection } from '../report/summary.js'
import { platformSize } from '../report/size.js'
import {
  attachedReport,
  diffReports,
  REPORT_ARTIFACT_TYPE,
  REPORT_SCHEMA_VERSION,
  reportModules,
  runUrl,
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

type OpenRegistry = (
  config: Config,
  deps: Deps,
  ref: ImageRef,
  inputs: Credentials | undefined,
  options: Pick<ClientOptions, 'access' | 'pullScopes'>
) => Promise<RegistryClient>

/**
 * Whether package-sizes: auto measures whatever the binary's size: when the report will carry the breakdown
 * somewhere it is read (attached to a pushed image for later comparisons, compared now, or commented).
 */
export function reportWantsPackages(config: Config): boolean {
  return config.comment || !!config.compareTo || (config.push && !!config.image)
}

/**
 * The report attached to compare-to, if any. Reading it never fails the build: without it the comparison keeps
 * its layer deltas, and `why` says why packages and modules are missing.
 */
export async function readBaselineReport(
  config: Config,
  deps: Deps,
  openRegistry: OpenRegistry
): Promise<BaselineReport> {
  const ref = config.compareTo!
  const reference = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`
  try {
    // The inputs belong to image's registry; without an image they are there for the baseline.
    const inputs =
      !config.image || config.image.registry === ref.registry ? config.credentials : undefined
    const client = await openRegistry(config, deps, ref, inputs, { access: 'pull' })
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
  config: Config,
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
    config.packageSizes === 'false'
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
export function reportStages(
  config: Config,
  deps: Deps,
  tags: string[],
  openRegistry: OpenRegistry
): Stage<Outputs>[] {
  const stage = stageOf<Outputs>()
  const { logger } = deps
  return [
    // After the baseline's sizes, beside the push: it is read only for the report, and a stage that ran beside the
    // build would keep the Go install and the compile from streaming their logs live (see cutPoints).
    stage('baselineReport', ['comparisons'], {
      title: () => (config.compareTo ? "Read the baseline's size report" : undefined),
      run: async () =>
        config.compareTo ? readBaselineReport(config, deps, openRegistry) : undefined
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
          config.compareTo ? 'Go packages and modules against the baseline' : undefined,
        run: async out => {
          const binary = await reportBinary(out, config, deps)
          const report: Report = {
            schemaVersion: REPORT_SCHEMA_VERSION,
            mediaType: REPORT_ARTIFACT_TYPE,
            image: config.image ? `${config.image.registry}/${config.image.repository}` : '',
            digest: out.images.top.digest,
            goVersion: out.go.version,
            platforms: out.images.images.map(platformSize),
            ...(binary ? { binary } : {})
          }
          const base = out.baselineReport
          const pr = await eventPullRequest(deps.env).catch(() => undefined)
          const run = runUrl(deps.env)
          const file: Report = {
            ...report,
            tags: out.push ? tags : [],
            pushed: out.push,
            budget: {
              ...(config.maxSize ? { maxSize: config.maxSize } : {}),
              ...(config.maxSizeIncrease ? { maxSizeIncrease: config.maxSizeIncrease.raw } : {}),
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
        if (!push && !config.ociLayout) return undefined
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
      title: () => (config.comment ? 'Comment on the pull request' : undefined),
      run: async ({ sizeReport }) => {
        if (!config.comment) return
        await commentOnReport(sizeReport.report, {
          token: config.githubToken,
          env: deps.env,
          logger
        })
      }
    })
  ]
}
