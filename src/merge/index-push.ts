// The merge step of a matrix (merge-digests): a small stage graph that reads the legs' manifests from image's
// repository, checks them, gates their sizes, pushes one index by digest and then tags it; it builds nothing.
import { platformString } from '../platform.js'
import type { GitHubContext } from '../github-context.js'
import type { Blob } from '../oci/image.js'
import { openRegistry, type RegistryOptions, type RegistryPorts } from '../registry/open.js'
import type { PublishOptions } from '../registry/publish.js'
import { InputError, type StageBody } from '../ports.js'
import type { RegistryClient } from '../registry/client.js'
import { tagEverywhere } from '../registry/fanout.js'
import type { TagPlan } from '../registry/tags.js'
import {
  compareWithBaseline,
  comparisonTable,
  gateFailures,
  type Comparison,
  type Gate
} from '../report/gate.js'
import type { ReportOptions } from '../report/size-report.js'
import { sizeTable, type PlatformSize } from '../report/size.js'
import { ociLabels } from '../rootfs/settings.js'
import { readLegReports } from './digests.js'
import {
  checkLegs,
  configPlatform,
  isIndex,
  legSize,
  mergedIndex,
  type ImageConfigDoc,
  type Leg,
  type ManifestDoc
} from './legs.js'

/** What the merge graph's stages hand on, by stage name. */
export interface MergeOutputs {
  login: RegistryClient
  legs: Leg[]
  /** Absent without compare-to. */
  comparisons?: Comparison[]
  gate: Gate
  index: Blob
  push: boolean
  /** The tags that point at the index once written (a floating tag a newer release holds is not). */
  tag: string[]
}

/** A stage of the merge graph, given what it needs of MergeOutputs. */
type MergeBody<N extends keyof MergeOutputs, K extends keyof MergeOutputs> = StageBody<
  Pick<MergeOutputs, N>,
  MergeOutputs[K]
>

const parse = <T>(data: Buffer): T => JSON.parse(data.toString()) as T

/** The platform images one reported digest stands for: itself, or an index's manifests. */
async function readLeg(client: RegistryClient, digest: string, repo: string): Promise<Leg[]> {
  const top = await client.getManifest(digest)
  if (!top) {
    throw new InputError(
      `merge-digests: ${digest} is not in ${repo}. Merge in the repository the legs pushed to: set image to the ` +
        `legs' image, and check that every leg succeeded with push-by-digest: true.`
    )
  }
  const doc = parse<ManifestDoc>(top.data)
  const images: { manifest: Blob; doc: ManifestDoc }[] = []
  if (isIndex(doc, top.mediaType)) {
    for (const d of doc.manifests ?? []) {
      // An index may list attestations (unknown/unknown); only images with a platform are merged.
      if (!d.platform?.os || d.platform.os === 'unknown') continue
      const child = await client.getManifest(d.digest)
      if (!child)
        throw new InputError(`merge-digests: ${digest} lists ${d.digest}, which ${repo} lacks.`)
      images.push({ manifest: child, doc: parse<ManifestDoc>(child.data) })
    }
  } else images.push({ manifest: top, doc })
  const legs: Leg[] = []
  for (const { manifest, doc: m } of images) {
    if (!m.config)
      throw new InputError(`merge-digests: ${manifest.digest} in ${repo} is not an image manifest.`)
    const config = parse<ImageConfigDoc>(await client.getBlob(m.config.digest))
    legs.push({
      from: digest,
      manifest,
      doc: m,
      config,
      platform: configPlatform(config, manifest.digest)
    })
  }
  return legs
}

/**
 * The merge graph's stage bodies (the graph itself is the MERGE table in src/pipeline/stages.ts): it reads the
 * legs' manifests from image's repository, checks them, gates their sizes, pushes one index by digest and tags it.
 */
export function mergeBodies(
  o: {
    publish: Pick<PublishOptions, 'image' | 'mergeDigests' | 'mergeDigestsDir'>
    report: Pick<ReportOptions, 'compareTo' | 'maxSize' | 'maxSizeIncrease'>
    registry: RegistryOptions
    labels: Record<string, string>
    github: GitHubContext
  },
  ports: RegistryPorts,
  plan: TagPlan
) {
  const { logger } = ports
  const image = o.publish.image!
  const repo = `${image.registry}/${image.repository}`
  const sizesOf = async (legs: Leg[]): Promise<PlatformSize[]> => {
    const reports = await readLegReports(o.publish.mergeDigestsDir)
    return legs.map(l => legSize(l, reports))
  }
  const login: MergeBody<never, 'login'> = {
    title: `Log in to ${image.registry}`,
    run: async () => {
      const client = await openRegistry(o.registry, ports, image, o.registry.credentials, {})
      await client.login()
      return client
    }
  }
  const legs: MergeBody<'login', 'legs'> = {
    title: `Read ${o.publish.mergeDigests.length} leg(s) from ${repo}`,
    run: async ({ login }) => {
      // Read at once, but a failure is reported for the first digest in the input's order, not for whichever
      // answer came first: the same inputs give the same message.
      const read = await Promise.allSettled(
        o.publish.mergeDigests.map(d => readLeg(login, d, repo))
      )
      const failed = read.find(r => r.status === 'rejected')
      if (failed) throw failed.reason
      const legs = read.flatMap(r => (r.status === 'fulfilled' ? r.value : []))
      checkLegs(legs)
      for (const l of legs)
        logger.info(
          `${platformString(l.platform).padEnd(16)} ${l.manifest.digest} (from ${l.from})`
        )
      return legs
    }
  }
  const comparisons: MergeBody<'legs', 'comparisons'> = {
    title: 'Compare with the baseline',
    run: async ({ legs }) =>
      compareWithBaseline(
        {
          compareTo: o.report.compareTo,
          image: o.publish.image,
          platforms: legs.map(l => l.platform),
          registry: o.registry
        },
        ports,
        await sizesOf(legs)
      )
  }
  const gate: MergeBody<'legs' | 'comparisons', 'gate'> = {
    title: 'Image size',
    run: async ({ legs, comparisons = [] }) => {
      const sizes = await sizesOf(legs)
      for (const s of sizes) logger.info(sizeTable(s))
      for (const c of comparisons) logger.info(comparisonTable(c))
      return {
        sizes,
        failures: gateFailures(sizes, comparisons, o.report.maxSize, o.report.maxSizeIncrease)
      }
    }
  }
  const index: MergeBody<'legs', 'index'> = {
    run: async ({ legs }) => {
      const created = legs[0]?.config.created ?? new Date(0).toISOString()
      const labels = { ...ociLabels(o.github, created), ...o.labels }
      const oci = Object.fromEntries(
        Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.'))
      )
      return mergedIndex(legs, oci)
    }
  }
  // As a build's push: the index by digest, nothing over its budget.
  const push: MergeBody<'login' | 'gate' | 'index', 'push'> = {
    title: ({ gate }) => (gate.failures.length ? undefined : `Push the index to ${repo}`),
    run: async ({ login, gate, index }) => {
      if (gate.failures.length) {
        logger.info('Not pushed: a platform is over its size budget.')
        return false
      }
      await login.putManifest(index.digest, index)
      logger.info(`index ${index.digest} (${index.size} bytes), pushed untagged`)
      return true
    }
  }
  // Once the index is stored, in a stage of its own as in a build: the exact version, then the floating tags.
  const tag: MergeBody<'login' | 'push' | 'index', 'tag'> = {
    title: ({ push }) => (push && plan.tags.length ? `Tag ${repo}` : undefined),
    run: async ({ login, push, index }) =>
      push
        ? (
            await tagEverywhere([{ client: login, top: index, plan }], logger, {
              sleep: ports.sleep
            })
          )[0]!
        : []
  }
  return { login, legs, comparisons, gate, index, push, tag }
}
