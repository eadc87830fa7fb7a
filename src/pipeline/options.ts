// The option objects a run is made of, built once at the edge (runOptions in src/edge.ts) from the inputs: each
// stage takes the few it reads, never the whole configuration.
import type { ProvenanceMode } from '../attest/config.js'
import type { BuildOptions } from '../compile/build-options.js'
import type { GitHubContext } from '../github-context.js'
import type { GoOptions } from '../go/setup.js'
import type { PublishOptions } from '../registry/publish.js'
import type { RegistryOptions } from '../registry/open.js'
import type { ReportOptions } from '../report/size-report.js'
import type { AssembleOptions } from '../oci/assemble.js'
import type { ImageOptions } from '../rootfs/settings.js'
import type { SbomFormat } from '../sbom/formats.js'
import type { VulnOptions } from '../vuln/inputs.js'

/** The SBOM and the signed provenance attached to the image. */
export interface SupplyChainOptions {
  sbom: SbomFormat
  provenance: ProvenanceMode
  /** github-token, for GitHub's attestations API. */
  githubToken: string
}

export interface PipelineOptions {
  registry: RegistryOptions
  go: GoOptions
  build: BuildOptions
  /** What the image holds, and how it is assembled. */
  image: ImageOptions & AssembleOptions
  publish: PublishOptions
  report: ReportOptions
  supplyChain: SupplyChainOptions
  /** The vulnerability check: vulnerabilities, vuln-db, vuln-allow. */
  vuln: VulnOptions
  /** What the GitHub context says about the run (event, ref, commit, repository), read once. */
  github: GitHubContext
}
