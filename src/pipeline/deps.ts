// The side effects one run of the pipeline reaches the outside world through, passed in by the edge (src/edge.ts)
// or by a test: command runner, HTTP, tool cache, Actions cache, logger, scratch folders.
import type { CacheState } from '../go/cache.js'
import type { BuildCache, Fetch, Logger, Runner, ToolCache } from '../ports.js'
import type { TransportOptions } from '../registry/transport.js'
import type { SigstoreEndpoints } from '../attest/endpoints.js'

export interface Deps {
  runner: Runner
  fetch: Fetch
  toolCache: ToolCache
  /** RUNNER_TOOL_CACHE. */
  toolCacheDir: string
  /** The Actions cache for Go's caches; absent means caching is off. */
  buildCache?: BuildCache
  logger: Logger
  env: Record<string, string | undefined>
  nodeArch: string
  /** A private scratch directory for this run (binaries, Dockerfile context). */
  tempDir: string
  /** Where the runner keeps zoneinfo and CA bundles; tests may point elsewhere. */
  zoneinfoRoot?: string
  caBundleCandidates?: string[]
  sleep?: (ms: number) => Promise<void>
  /**
   * The fetch registries are reached with, given registry-timeout and the TLS inputs; absent, fetch is used
   * (tests pass fakes).
   */
  registryFetch?: (o: TransportOptions) => Fetch
  /** Where ~/.docker/config.json is looked for when DOCKER_CONFIG is unset. */
  homedir?: string
  /**
   * Called once every platform has compiled, with what the post step should save: from then on Go's caches are
   * worth keeping, whatever fails later (the size gate, the push).
   */
  compiled?: (goCache: CacheState) => void
  /** How many platforms compile at once; os.availableParallelism() unless a test says otherwise. */
  parallelism?: number
  /**
   * Sigstore's services (Fulcio, Rekor or a TSA, the OIDC issuer) for provenance; absent, the instance
   * @actions/attest would choose by the repository's visibility. Tests point them at local servers.
   */
  sigstore?: SigstoreEndpoints
}
