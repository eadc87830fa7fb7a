// What the run attests and how it is attached: SLSA v1 build provenance for the pushed digest and each platform manifest, an SBOM attestation per platform, and the Sigstore bundles as OCI referrers.
import type { SerializedBundle } from '@sigstore/bundle'
import type { Blob } from '../oci/image.js'
import type { Fetch, Logger } from '../ports.js'
import { sharedFetch } from '../http/shared.js'
import type { Artifact, Attachment, Descriptor } from '../oci/artifact.js'
import type { SigstoreEndpoints } from './endpoints.js'
import type { IdentityProvider } from './oidc.js'
import { slsaPredicate } from './predicate.js'
import { signStatement, statement, type Subject } from './sign.js'

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
/** The predicate types actions/attest-sbom gives SPDX and CycloneDX documents. */
export const SBOM_PREDICATE_TYPES = {
  spdx: 'https://spdx.dev/Document/v2.3',
  cyclonedx: 'https://cyclonedx.org/bom'
} as const
/** Sigstore bundle v0.3, as cosign and gh attach and look for it (cosign's specs/BUNDLE_SPEC.md). */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

/** One signed statement: what it is about, its predicate type, and the bundle that proves it. */
export interface Attestation {
  predicateType: string
  subjects: Subject[]
  bundle: SerializedBundle
}

/** An SBOM to attest, by the platform manifest it describes. */
export interface SbomDocument {
  manifest: Descriptor
  format: keyof typeof SBOM_PREDICATE_TYPES
  /** The SBOM JSON itself: the statement's predicate. */
  document: unknown
}

export interface SignedImage {
  provenance: Attestation
  sboms: Attestation[]
  attachments: Attachment[]
}

const subject = (name: string, digest: string): Subject => ({
  name,
  digest: { [digest.split(':')[0]!]: digest.split(':')[1]! }
})

/**
 * The provenance's subjects: the pushed (top) digest first, then each platform manifest, named as
 * actions/attest-build-provenance names an image (registry/repository, no tag), each digest once.
 */
export function imageSubjects(name: string, top: Descriptor, manifests: Descriptor[]): Subject[] {
  const digests = [...new Set([top.digest, ...manifests.map(m => m.digest)])]
  return digests.map(d => subject(name, d))
}

/** A bundle as a referrer, with the annotations cosign writes so tools can tell bundles apart in the list. */
export function bundleArtifact(a: Attestation): Artifact {
  return {
    artifactType: BUNDLE_MEDIA_TYPE,
    mediaType: BUNDLE_MEDIA_TYPE,
    data: Buffer.from(JSON.stringify(a.bundle)),
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': a.predicateType
    }
  }
}

/**
 * What goes where: the provenance to the top digest and to every platform manifest (the same bundle names them
 * all), each SBOM attestation to its platform's manifest. Never into the image index itself.
 */
export function attachmentsFor(
  top: Descriptor,
  manifests: Descriptor[],
  provenance: Attestation,
  sboms: { manifest: Descriptor; attestation: Attestation }[]
): Attachment[] {
  const bySubject = new Map<string, Attachment>()
  const add = (d: Descriptor, a: Attestation): void => {
    const at = bySubject.get(d.digest) ?? { subject: d, artifacts: [] }
    at.artifacts.push(bundleArtifact(a))
    bySubject.set(d.digest, at)
  }
  for (const d of [top, ...manifests]) if (!bySubject.has(d.digest)) add(d, provenance)
  for (const s of sboms) add(s.manifest, s.attestation)
  return [...bySubject.values()]
}

export const descriptorOf = (b: Blob): Descriptor => ({
  mediaType: b.mediaType,
  digest: b.digest,
  size: b.size
})

export interface AttestOptions {
  /** registry/repository, the subjects' name. */
  name: string
  top: Descriptor
  manifests: Descriptor[]
  sboms: SbomDocument[]
  endpoints: SigstoreEndpoints
  identity: IdentityProvider
  logger: Logger
  /** The HTTP layer's one-attempt fetch for Fulcio, Rekor and the TSA; the process's shared transport if absent. */
  fetch?: Fetch
  /** The runner's variables (the OIDC token request, GITHUB_SERVER_URL); process.env when absent. */
  env?: Record<string, string | undefined>
  /** The SLSA predicate; slsaPredicate's (as @actions/attest builds it) unless a test gives its own. */
  predicate?: () => Promise<{ type: string; params: object }>
}

/**
 * Signs the provenance and every SBOM at once (each signature is a Fulcio certificate and a log entry or
 * timestamp: round trips, not CPU).
 */
export async function signImage(o: AttestOptions): Promise<SignedImage> {
  const fetch = o.fetch ?? sharedFetch()
  const predicate = await (
    o.predicate ??
    (() =>
      slsaPredicate({
        env: o.env ?? process.env,
        fetch,
        logger: o.logger,
        issuer: o.endpoints.oidcIssuer
      }))
  )()
  const sign = async (subjects: Subject[], type: string, body: unknown): Promise<Attestation> => ({
    predicateType: type,
    subjects,
    bundle: await signStatement(statement(subjects, type, body), {
      endpoints: o.endpoints,
      identity: o.identity,
      fetch
    })
  })
  const [provenance, ...sboms] = await Promise.all([
    sign(imageSubjects(o.name, o.top, o.manifests), predicate.type, predicate.params),
    ...o.sboms.map(s =>
      sign([subject(o.name, s.manifest.digest)], SBOM_PREDICATE_TYPES[s.format], s.document)
    )
  ])
  const signed = { provenance: provenance!, sboms }
  o.logger.info(describeSigned(provenance!, predicate.params))
  for (const s of sboms) {
    o.logger.info(`Signed the SBOM of ${digestOf(s.subjects[0]!)} (${s.predicateType})`)
  }
  return {
    ...signed,
    attachments: attachmentsFor(
      o.top,
      o.manifests,
      provenance!,
      o.sboms.map((s, i) => ({ manifest: s.manifest, attestation: sboms[i]! }))
    )
  }
}

const digestOf = (s: Subject): string =>
  Object.entries(s.digest).map(([alg, hex]) => `${alg}:${hex}`)[0]!

/** One line on what was signed, by whom and where it was logged; nothing from the token but its public claims. */
function describeSigned(a: Attestation, params: object): string {
  const p = params as { runDetails?: { builder?: { id?: string } } }
  const tlog = a.bundle.verificationMaterial.tlogEntries?.[0]
  const witness = tlog
    ? `Rekor log index ${tlog.logIndex}`
    : a.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps?.length
      ? 'an RFC 3161 timestamp'
      : 'no log entry'
  return [
    `Signed SLSA v1 provenance for ${a.subjects.map(digestOf).join(', ')}`,
    `  builder ${p.runDetails?.builder?.id ?? '?'}; ${witness}`
  ].join('\n')
}
