// The one referrer writer: attaches artifacts (SBOM, provenance, size report) to pushed manifests as OCI 1.1 referrers, through the registry's referrers API or else the referrers tag schema, and finds them again.
import type { Logger } from '../ports.js'
import {
  artifactLayer,
  artifactManifest,
  EMPTY_CONFIG,
  mergeReferrers,
  parseIndex,
  referrerDescriptor,
  referrersIndex,
  referrersTag,
  type Artifact,
  type Attached,
  type Descriptor,
  type ReferrerOptions,
  type ReferrerStore
} from '../oci/artifact.js'
import type { RegistryClient } from './client.js'
import { RegistryError } from './errors.js'

export type {
  Artifact,
  Attached,
  Attachment,
  Descriptor,
  ReferrerOptions,
  ReferrerStore
} from '../oci/artifact.js'
export { layoutReferrers } from '../oci/layout.js'

/** One artifact that could not be attached, and the registry's answer. */
export interface NotAttached {
  subject: string
  artifactType: string
  /** The artifact manifest's digest, when it was built. */
  digest?: string
  reason: string
}

/**
 * Some artifacts were not attached. attached lists those that were, so the caller can say both; the message
 * names each artifact that was not, with the registry's answer.
 */
export class AttachError extends Error {
  constructor(
    readonly attached: Attached[],
    readonly failed: NotAttached[]
  ) {
    super(failed.map(describeFailure).join('; '))
    this.name = 'AttachError'
  }
}

export function describeFailure(f: NotAttached): string {
  return `${f.artifactType}${f.digest ? ` (${f.digest})` : ''} for ${f.subject}: ${f.reason}`
}

/**
 * How the tag schema's list is kept against other writers (see addToTagSchema): how long it may take, and the
 * clock, sleep and randomness, which tests fake.
 */
export interface SettleOptions {
  /** How long this run's entries may take to stay in the list: 60 s. */
  budgetMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

const SETTLE_BUDGET_MS = 60_000
/**
 * The least wait before a write is read back: a timer's granularity, so the loop moves on any clock. The wait is
 * otherwise this run's own read-and-write time (see addToTagSchema); a fixed 250 ms floor cost every loopback or
 * same-region push a quarter of a second for nothing the guarantee needs (docs/benchmarks.md, "Fixed cost").
 */
const SETTLE_MIN_MS = 10
/** The most a write refused with 412 waits before reading again, jittered, so two writers part. */
const RETRY_JITTER_MS = 250

/**
 * Referrers in a registry. Whether it has the referrers API is learnt from the first artifact PUT (the
 * OCI-Subject header of distribution-spec 1.1) or, for list, from the API's own answer (404: none).
 */
export function registryReferrers(
  client: RegistryClient,
  logger: Logger,
  options: ReferrerOptions = {},
  settle: SettleOptions = {}
): ReferrerStore {
  return new RegistryReferrers(client, logger, options, settle)
}

class RegistryReferrers implements ReferrerStore {
  /** undefined until a PUT or a GET has shown which. */
  private api?: boolean
  /** Per subject, the attach in progress: the tag schema's read-modify-write must not race itself. */
  private readonly queues = new Map<string, Promise<unknown>>()
  private emptyConfig?: Promise<unknown>

  constructor(
    private readonly client: RegistryClient,
    private readonly logger: Logger,
    private readonly options: ReferrerOptions,
    private readonly settle: SettleOptions
  ) {}

  private get name(): string {
    return `${this.client.ref.registry}/${this.client.ref.repository}`
  }

  attach(subject: Descriptor, artifacts: Artifact[]): Promise<Attached[]> {
    const before = this.queues.get(subject.digest) ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(() => this.attachNow(subject, artifacts))
    this.queues.set(subject.digest, mine)
    return mine
  }

  private async attachNow(subject: Descriptor, artifacts: Artifact[]): Promise<Attached[]> {
    const attached: Attached[] = []
    const listed: Descriptor[] = []
    const failed: NotAttached[] = []
    if (!artifacts.length) return attached
    for (const artifact of artifacts) {
      let digest: string | undefined
      try {
        const { manifest, layer } = artifactManifest(subject, artifact, this.options)
        digest = manifest.digest
        // The empty config once per store: every artifact shares it.
        this.emptyConfig ??= this.client.uploadBlob(EMPTY_CONFIG)
        await this.emptyConfig.catch((e: unknown) => {
          this.emptyConfig = undefined
          throw e
        })
        await this.client.uploadBlob(layer)
        const headers = await this.client.putManifest(manifest.digest, manifest, {
          what: 'PUT of the artifact'
        })
        // A registry with the referrers API says so on every PUT of a manifest with a subject.
        const api = headers.has('oci-subject')
        if (this.api !== api) {
          this.logger.info(
            api
              ? `${this.client.ref.registry} has the referrers API (OCI-Subject ${headers.get('oci-subject')}): it lists the artifacts itself.`
              : `${this.client.ref.registry} has no referrers API (no OCI-Subject header): the artifacts are listed in the tag ${referrersTag(subject.digest)}.`
          )
        }
        this.api = api
        attached.push({
          subject: subject.digest,
          digest: manifest.digest,
          artifactType: artifact.artifactType,
          size: manifest.size
        })
        listed.push(referrerDescriptor(manifest, artifact, this.options))
        this.logger.info(
          `attached ${artifact.artifactType} ${manifest.digest} (${layer.size} bytes) to ${subject.digest}`
        )
      } catch (e) {
        failed.push({
          subject: subject.digest,
          artifactType: artifact.artifactType,
          digest,
          reason: (e as Error).message
        })
      }
    }
    if (listed.length && this.api === false) {
      try {
        await this.addToTagSchema(subject.digest, listed)
      } catch (e) {
        // Pushed but not discoverable is not attached: say so for each of them.
        for (const a of attached.splice(0)) {
          failed.push({
            subject: a.subject,
            artifactType: a.artifactType,
            digest: a.digest,
            reason: `pushed, but the referrers tag ${referrersTag(subject.digest)} could not be updated: ${(e as Error).message}`
          })
        }
      }
    }
    if (failed.length) throw new AttachError(attached, failed)
    return attached
  }

  /**
   * The referrers tag schema: reads the index tagged sha256-<hex>, adds what is new, writes it back. Entries
   * other tools put there stay. A registry that checks If-Match refuses a stale write with 412; distribution 2.8
   * and GHCR ignore it, so another writer that read the index before this write may write after it and drop this
   * run's entries. So each write is read back once such a writer has had the time to write too (twice the time
   * this read and write took, jittered), and written again, merged, until the index holds every entry of this
   * run, within a time budget. Each writer checks only its own entries, and the wait covers a writer as slow as
   * this one: one slower than twice that could still drop them unseen.
   */
  private async addToTagSchema(subject: string, added: Descriptor[]): Promise<void> {
    const tag = referrersTag(subject)
    const now = this.settle.now ?? Date.now
    const random = this.settle.random ?? Math.random
    const sleep = this.settle.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
    const budget = this.settle.budgetMs ?? SETTLE_BUDGET_MS
    const start = now()
    let writes = 0
    for (let attempt = 1; ; attempt++) {
      const began = now()
      const current = await this.client.getManifestEntry(tag)
      let manifests: Descriptor[] = []
      let fields: Record<string, unknown> = {}
      if (current) {
        const parsed = parseIndex(current.blob.data, current.blob.mediaType)
        // Overwriting what is not a referrers list would lose another tool's data: refuse, as the spec says.
        if (parsed instanceof Error) {
          throw new RegistryError(
            `the tag ${tag} of ${this.name} holds something other than a referrers list (${parsed.message}); remove it or rename it first`
          )
        }
        ;({ manifests, fields } = parsed)
      }
      const merged = mergeReferrers(manifests, added)
      if (!merged) {
        if (attempt > 1) this.logger.info(`${tag}: read back, it lists every artifact of this run`)
        return
      }
      const missing = added.filter(a => !manifests.some(m => m.digest === a.digest))
      if (writes && now() - start >= budget) {
        throw new RegistryError(
          `another writer kept replacing it: after ${writes} writes in ${Math.round((now() - start) / 1000)} s it ` +
            `still lacks ${missing.map(m => `${m.artifactType ?? m.mediaType} (${m.digest})`).join(', ')} for ${subject}`
        )
      }
      if (writes) {
        this.logger.info(
          `${tag}: another writer replaced it and ${missing.length} of this run's artifact(s) are missing; writing them again`
        )
      }
      const index = referrersIndex(merged, fields)
      try {
        await this.client.putManifest(tag, index, {
          what: `PUT referrers index ${tag}`,
          headers: current?.etag ? { 'if-match': current.etag } : {}
        })
      } catch (e) {
        if ((e as RegistryError).status !== 412 || now() - start >= budget) throw e
        this.logger.info(`${tag} changed while it was being updated; reading it again`)
        await sleep(Math.round(RETRY_JITTER_MS * random()))
        continue
      }
      writes++
      if (writes === 1) {
        this.logger.info(
          `${tag}: ${merged.length - manifests.length} added to the ${manifests.length} referrer(s) it listed`
        )
      }
      // A writer that read before this write has written by now unless it is over twice as slow as this one.
      await sleep(Math.round(Math.max(SETTLE_MIN_MS, 2 * (now() - began)) * (1 + random())))
    }
  }

  async list(subjectDigest: string, artifactType?: string): Promise<Descriptor[]> {
    const wanted = (d: Descriptor): boolean => !artifactType || d.artifactType === artifactType
    if (this.api !== false) {
      const found = await this.client.getReferrers(subjectDigest, artifactType)
      if (found) {
        this.api = true
        // A registry may ignore the filter (it says which it applied): filter here as well.
        return found.manifests.filter(isDescriptor).filter(wanted)
      }
      this.api = false
    }
    const tag = referrersTag(subjectDigest)
    const current = await this.client.getManifest(tag)
    if (!current) return []
    const parsed = parseIndex(current.data, current.mediaType)
    if (parsed instanceof Error) {
      throw new RegistryError(
        `the tag ${tag} of ${this.name} is not a referrers list: ${parsed.message}.`
      )
    }
    return parsed.manifests.filter(wanted)
  }

  async fetch(artifactDigest: string): Promise<Uint8Array> {
    const manifest = await this.client.getManifest(artifactDigest)
    if (!manifest) throw new RegistryError(`${this.name} has no manifest ${artifactDigest}.`)
    const layer = artifactLayer(manifest.data, artifactDigest)
    if (layer instanceof Error) throw new RegistryError(`${this.name}: ${layer.message}.`)
    return this.client.getBlob(layer.digest)
  }
}

function isDescriptor(d: Record<string, unknown>): d is Record<string, unknown> & Descriptor {
  return (
    typeof d.mediaType === 'string' && typeof d.digest === 'string' && typeof d.size === 'number'
  )
}
