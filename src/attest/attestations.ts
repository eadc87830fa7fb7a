// The provenance stages: sign SLSA provenance (and the SBOMs) beside the push, hand the bundles to the referrer
// writer, and store them with GitHub once the image is pushed; and what a failure to do so says.
import type { GitHubContext } from '../github-context.js'
import type { Attachment } from '../oci/artifact.js'
import type { Blob, BuiltImage } from '../oci/image.js'
import type { Fetch, Logger, StageBody } from '../ports.js'
import { CYCLONEDX_MEDIA_TYPE, SPDX_MEDIA_TYPE } from '../sbom/formats.js'
import { provenanceOn, type ProvenanceMode } from './config.js'
import { repositoryVisibility, signingEndpoints, type SigstoreEndpoints } from './endpoints.js'
import { actionsIdentity } from './oidc.js'
import { descriptorOf, signImage, type SbomDocument, type SignedImage } from './provenance.js'
import { AttestationRefused, storeAttestation } from './store.js'

/** The provenance inputs: provenance, and github-token for GitHub's attestations API. */
export interface ProvenanceOptions {
  provenance: ProvenanceMode
  githubToken: string
}

/** What signing reaches: Sigstore (the endpoints a test names, else the repository's instance), the OIDC token. */
export interface SigningPorts {
  fetch: Fetch
  env: Record<string, string | undefined>
  logger: Logger
  sleep?: (ms: number) => Promise<void>
  sigstore?: SigstoreEndpoints
}

/** The provenance attestation as GitHub stored it (attestation-id, attestation-url). */
export interface Attestation {
  id: string
  url: string
}

/** The SBOM stage's artifact types, by the format's name in SBOM_PREDICATE_TYPES. */
const SBOM_ARTIFACT_TYPES: Record<string, SbomDocument['format']> = {
  [SPDX_MEDIA_TYPE]: 'spdx',
  [CYCLONEDX_MEDIA_TYPE]: 'cyclonedx'
}

/** The SBOMs the sbom stage attaches, as documents to attest: each is the predicate of its platform's statement. */
export function sbomDocuments(attachments: Attachment[] | undefined): SbomDocument[] {
  return (attachments ?? []).flatMap(a =>
    a.artifacts.flatMap(x => {
      const format = SBOM_ARTIFACT_TYPES[x.artifactType]
      if (!format) return []
      return [
        {
          manifest: a.subject,
          format,
          document: JSON.parse(Buffer.from(x.data).toString()) as unknown
        }
      ]
    })
  )
}

const AUTO_OFF =
  'provenance: auto, and this job cannot mint an OIDC token (no ACTIONS_ID_TOKEN_REQUEST_URL), so no signed ' +
  'provenance is attached. To sign it, give the job `permissions: id-token: write` and `attestations: write`.'

/** Whether the image will be pushed: logged in, within its budget. */
const pushing = (got: { login: unknown; gate: { failures: string[] } }): boolean =>
  !!got.login && !got.gate.failures.length

/**
 * Beside the push: the digests are known once the images are built, and signing is round trips to Sigstore
 * rather than work for the CPU. Only an image that will be pushed is signed; the SBOMs (sbom, when the run makes
 * them) are attested too. The stages are left out with provenance: false.
 */
export function signedStage(
  o: ProvenanceOptions,
  github: GitHubContext,
  ports: SigningPorts
): StageBody<
  {
    images: { images: BuiltImage[]; top: Blob }
    gate: { failures: string[] }
    login: { ref: { registry: string; repository: string } } | undefined
    sbom?: Attachment[] | undefined
  },
  SignedImage | undefined
> {
  const { logger } = ports
  const on = provenanceOn(o.provenance, ports.env)
  return {
    title: got => (on && pushing(got) ? 'Sign SLSA provenance' : undefined),
    run: async got => {
      if (!on) {
        if (o.provenance === 'auto' && pushing(got)) logger.info(AUTO_OFF)
        return undefined
      }
      if (!pushing(got)) return undefined
      const endpoints =
        ports.sigstore ??
        signingEndpoints(repositoryVisibility(github.event), github.serverUrl || undefined)
      const { images, top } = got.images
      const ref = got.login!.ref
      try {
        return await signImage({
          name: `${ref.registry}/${ref.repository}`,
          top: descriptorOf(top),
          manifests: images.map(i => descriptorOf(i.manifest)),
          sboms: sbomDocuments(got.sbom),
          endpoints,
          identity: actionsIdentity(ports.env, ports.fetch, logger),
          fetch: ports.fetch,
          env: ports.env,
          logger
        })
      } catch (e) {
        // Under auto nobody asked for provenance (id-token: write may be there for a cloud login): a Sigstore
        // outage must not fail their release. provenance: true fails the step, and the tag stage never runs.
        if (o.provenance !== 'auto') throw new Error(failureMessage(e, 'sign', true))
        logger.warning(failureMessage(e, 'sign', false))
        return undefined
      }
    }
  }
}

/** What the attach stage takes: the bundles as referrers of the pushed manifests. */
export function provenanceStage(): StageBody<
  { signed: SignedImage | undefined },
  Attachment[] | undefined
> {
  return { run: async ({ signed }) => signed?.attachments }
}

/**
 * POSTs every bundle to the repository's attestations, where `gh attestation verify` finds them. Under auto any
 * failure (a refusal: no attestations: write, a plan without attestations for private repositories; an outage;
 * an API that never answers, bounded by the HTTP layer) is a warning: the bundles are attached to the image in
 * the registry all the same. Under true it fails the step before the tag stage.
 */
export function attestationStage(
  o: ProvenanceOptions,
  github: GitHubContext,
  ports: SigningPorts
): StageBody<
  { signed: SignedImage | undefined; push: boolean; images: { top: Blob } },
  Attestation | undefined
> {
  const { logger } = ports
  const store = async (signed: SignedImage, digest: string): Promise<Attestation | undefined> => {
    const repository = github.repository
    if (!o.githubToken || !repository) {
      logger.warning(
        `provenance: not stored with GitHub (${!repository ? 'no GITHUB_REPOSITORY' : 'github-token is empty'}). ` +
          `The signed provenance is attached to the image (${digest}) in the registry.`
      )
      return undefined
    }
    logger.mask(o.githubToken)
    const all = [signed.provenance, ...signed.sboms]
    try {
      const ids = await Promise.all(
        all.map(a =>
          storeAttestation(a.bundle, {
            fetch: ports.fetch,
            apiUrl: github.apiUrl,
            repository,
            token: o.githubToken,
            sleep: ports.sleep
          })
        )
      )
      const url = (id: string): string => `${github.webUrl}/${repository}/attestations/${id}`
      all.forEach((a, i) =>
        logger.info(`${a.predicateType}: attestation ${ids[i]} ${url(ids[i]!)}`)
      )
      return { id: ids[0]!, url: url(ids[0]!) }
    } catch (e) {
      if (o.provenance !== 'auto') throw new Error(failureMessage(e, 'store', true))
      logger.warning(failureMessage(e, 'store', false))
      return undefined
    }
  }
  return {
    title: ({ signed, push }) =>
      signed && push ? 'Store the attestations with GitHub' : undefined,
    run: async ({ signed, push, images }) =>
      signed && push ? store(signed, images.top.digest) : undefined
  }
}

/** The HTTP status a failure names, in the words of each client: ours, @actions/core's, @sigstore/sign's. */
export function statusOf(e: unknown): number | undefined {
  if (e instanceof AttestationRefused) return e.status
  const m =
    /\banswered (\d{3})\b|Error Code : (\d{3})\b|\((\d{3})\)|\bHTTP (\d{3})\b|attempts: (\d{3})\b/.exec(
      e instanceof Error ? e.message : String(e)
    )
  const raw = m?.slice(1).find(Boolean)
  return raw ? Number(raw) : undefined
}

/**
 * Why a signature could not be made or stored, and what fixes it: the OIDC token (id-token: write), Sigstore
 * (Fulcio, Rekor, the TSA), or GitHub's attestations API (attestations: write).
 */
export function explainFailure(e: unknown, step: 'sign' | 'store'): { cause: string; fix: string } {
  const message = e instanceof Error ? e.message : String(e)
  const status = statusOf(e)
  // The HTTP layer's words for a service that took the request and never answered within registry-timeout.
  const silent = !status && /\bdid not (answer|finish)\b/.test(message)
  const http = status
    ? ` answered HTTP ${status}`
    : silent
      ? ' did not answer in time'
      : ' could not be reached'
  const again = silent
    ? 'run the job again (or raise registry-timeout if the service is only slow)'
    : 'run the job again'
  if (step === 'store') {
    return {
      cause: `GitHub's attestations API${http}`,
      fix:
        status === 401 || status === 403
          ? 'give the job `permissions: attestations: write` (with `id-token: write`), and keep github-token at its default (github.token)'
          : status === 404
            ? 'artifact attestations need a public repository, or GitHub Enterprise Cloud for private and internal ones'
            : again
    }
  }
  if (/\b(ID|OIDC|identity) token\b/i.test(message)) {
    return {
      cause: `the Actions OIDC token service${http}`,
      fix:
        (!status && !silent) || status === 401 || status === 403
          ? 'give the job `permissions: id-token: write` (and `attestations: write`); a pull request from a fork never gets a token, so use provenance: auto there'
          : again
    }
  }
  return {
    cause: `Sigstore (Fulcio, Rekor or the timestamp authority)${http}`,
    fix: `${again} once Sigstore answers (https://status.sigstore.dev)`
  }
}

/** The error (required: nothing is tagged) or the warning (auto: the image is tagged without it) of a failure. */
export function failureMessage(e: unknown, step: 'sign' | 'store', required: boolean): string {
  const { cause, fix } = explainFailure(e, step)
  const what = step === 'sign' ? 'made' : 'stored with GitHub'
  const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
  const shown = detail.length > 400 ? `${detail.slice(0, 400)}…` : detail
  return required
    ? `provenance: true, but the signed provenance could not be ${what} (${cause}), so nothing was tagged. ` +
        `To fix it, ${fix}. The error: ${shown}`
    : `provenance: the signed provenance could not be ${what} (${cause}); the image is tagged ` +
        `${step === 'sign' ? 'without it' : 'with it attached in the registry only'} (provenance: auto; set ` +
        `provenance: true to fail the step instead). To have it, ${fix}. The error: ${shown}`
}
