// What a run reports: the outputs of its stage graph gathered into the result the edges turn into outputs, the
// job summary and the command line's lines; one entry per image.
import type { PipelineOptions } from './options.js'
import type { Comparison } from '../report/gate.js'
import { largest, platformSize, type PlatformSize } from '../report/size.js'
import { foldPackages, type PackageSize } from '../report/packages.js'
import type { PackageDeltas } from '../report/report.js'
import { imageEntry, type ImageEntry } from '../images/entries.js'
import type { BuildOutputs } from './bodies.js'
import type { MergeOutputs } from '../merge/index-push.js'
import type { VulnSection } from '../vuln/report.js'

export interface Result {
  goVersion: string
  digest: string
  imageRef: string
  tags: string[]
  pushed: boolean
  sizes: PlatformSize[]
  /** One per platform the baseline has, when compare-to is set. */
  comparisons: Comparison[]
  /** The comparison of the platform the single-value outputs report. */
  comparison?: Comparison
  /** Why the build breaks its budgets; the step fails after outputs and summary are written. */
  gateFailures: string[]
  /** The biggest Go packages of the largest binary, when package-sizes asked for them. */
  packages?: { platform: string; sizes: PackageSize[] }
  size: number
  uncompressedSize: number
  binarySize: number
  /** debug: true: compressed bytes of the largest platform's TAG-debug image (the image plus busybox). */
  debugSize?: number
  dockerfile: string
  context: string
  ociLayout: string
  /** How tools name the layout's image, oci:DIR:TAG (see layoutReference); empty without oci-layout. */
  ociReference: string
  /** The size report written for this run (output report). */
  reportFile?: string
  /** Go packages and modules against compare-to's report (output package-deltas). */
  packageDeltas?: PackageDeltas
  /** Whether Go's caches were restored by their exact key (the cache-hit output). */
  cacheHit?: boolean
  /** push-by-digest: the leg's digest file, RUNNER_TEMP/digests/<hex> (the digest-file output). */
  digestFile?: string
  /** Every image of the run, one per main package (the single-value outputs above are the first's). */
  images?: ImageEntry[]
  /** The provenance attestation as GitHub stored it (attestation-id, attestation-url), when it was. */
  attestation?: { id: string; url: string }
  /** The SBOM file of each platform, by os/arch[/variant] (output sbom); absent with sbom: none. */
  sbom?: Record<string, string>
  /** The known vulnerabilities (outputs vulnerabilities and vulnerability-count), unless vulnerabilities is off. */
  vulnerabilities?: VulnSection
  /** vulnerabilities: fail's verdict of each image with a reachable finding not allowed (also in gateFailures). */
  vulnFailures?: string[]
}

/** The entry of the images output for one image's result. */
export function imageOf(o: PipelineOptions, name: string, r: Result): ImageEntry {
  const refs = o.publish.image ? [o.publish.image, ...o.publish.mirrors] : []
  return imageEntry({ name, refs, digest: r.digest, tags: r.tags, size: r.size, pushed: r.pushed })
}

/** The sizes part of a result, from the gate and the comparisons: the single values are the largest platform's. */
function sized(
  gate: { sizes: PlatformSize[]; failures: string[] },
  comparisons: Comparison[]
): Pick<
  Result,
  | 'sizes'
  | 'comparisons'
  | 'comparison'
  | 'gateFailures'
  | 'size'
  | 'uncompressedSize'
  | 'binarySize'
> {
  const big = largest(gate.sizes)
  return {
    sizes: gate.sizes,
    comparisons,
    comparison: comparisons.find(c => c.platform === big.platform),
    gateFailures: gate.failures,
    size: big.size,
    uncompressedSize: big.uncompressedSize,
    binarySize: Math.max(...gate.sizes.map(s => s.binarySize))
  }
}

/** What one image's stage graph reports. */
export function pipelineResult(o: PipelineOptions, out: BuildOutputs): Result {
  const top = out.images.top
  const repo = o.publish.image ? `${o.publish.image.registry}/${o.publish.image.repository}` : ''
  return {
    ...sized(out.gate, out.comparisons ?? []),
    goVersion: out.go.version,
    digest: top.digest,
    imageRef: repo ? `${repo}@${top.digest}` : '',
    // What the tag stage left pointing at the image: a floating tag a newer release holds is not among them.
    tags: out.tag,
    pushed: out.push,
    // The summary shows the biggest; the report keeps every package.
    packages: out.packages && { ...out.packages, sizes: foldPackages(out.packages.sizes) },
    reportFile: out.sizeReport.file,
    packageDeltas: out.sizeReport.report.comparison?.packages,
    debugSize: out.debugImages && largest(out.debugImages.images.map(platformSize)).size,
    dockerfile: out.context.dockerfile,
    context: out.context.context,
    ociLayout: o.publish.ociLayout,
    ociReference: out.layout ?? '',
    cacheHit: !!out.goCache && out.goCache.matchedKey === out.goCache.key,
    attestation: out.attestation,
    sbom: out.sbom && Object.fromEntries(out.sbom.map(s => [s.platform, s.file])),
    ...(out.vulns
      ? {
          vulnerabilities: out.vulns.section,
          ...(out.vulns.failure ? { vulnFailures: [out.vulns.failure] } : {})
        }
      : {})
  }
}

/** What the merge graph reports: the same outputs and summary as a build, without Go or a Dockerfile. */
export function mergeResult(o: PipelineOptions, out: MergeOutputs): Result {
  const repo = o.publish.image ? `${o.publish.image.registry}/${o.publish.image.repository}` : ''
  return {
    ...sized(out.gate, out.comparisons ?? []),
    goVersion: '',
    digest: out.index.digest,
    imageRef: `${repo}@${out.index.digest}`,
    tags: out.tag,
    pushed: out.push,
    dockerfile: '',
    context: '',
    ociLayout: '',
    ociReference: ''
  }
}
