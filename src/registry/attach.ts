// The attach stage: hands what other stages made (SBOM, provenance, size report) to the referrer writer, for the
// registry when the image was pushed and for the OCI layout when one is written; never inside the image's index.
import type { Logger, StageBody } from '../ports.js'
import type { Attached, Attachment, Descriptor, ReferrerStore } from '../oci/artifact.js'
import type { Blob } from '../oci/image.js'
import { layoutReferrers } from '../oci/layout.js'
import { rfc3339 } from '../source-date-epoch.js'
import type { RegistryClient } from './client.js'
import { AttachError, describeFailure, registryReferrers, type NotAttached } from './referrers.js'

export interface AttachInput {
  attachments: Attachment[]
  /**
   * A store per registry the image was pushed to (name: registry/repository); none when nothing was pushed
   * (gate failure, push: false).
   */
  registries: { name: string; store: ReferrerStore }[]
  /** The layout's store, when oci-layout is set. */
  layout?: ReferrerStore
  /** What was pushed, for the message when an artifact is refused: its digest, and the tags it is to get. */
  image: { digest: string; tags: string[] }
  logger: Logger
}

export interface AttachOutput {
  registries: { name: string; attached: Attached[] }[]
  layout: Attached[]
}

/** One attach per subject: the tag schema is then read and written once for all of a subject's artifacts. */
export function bySubject(attachments: Attachment[]): Attachment[] {
  const out = new Map<string, { subject: Descriptor; artifacts: Attachment['artifacts'] }>()
  for (const a of attachments) {
    if (!a.artifacts.length) continue
    const got = out.get(a.subject.digest)
    if (got) got.artifacts.push(...a.artifacts)
    else out.set(a.subject.digest, { subject: a.subject, artifacts: [...a.artifacts] })
  }
  return [...out.values()]
}

/**
 * Attaches everything to the layout, then to every registry. A registry that refuses some fails the step before
 * any tag is written, with a message that says the image itself was pushed (by digest), which artifacts are
 * missing and why.
 */
export async function attachArtifacts(input: AttachInput): Promise<AttachOutput> {
  const groups = bySubject(input.attachments)
  const out: AttachOutput = { registries: [], layout: [] }
  if (!groups.length) return out
  if (input.layout) {
    for (const g of groups) out.layout.push(...(await input.layout.attach(g.subject, g.artifacts)))
    input.logger.info(`OCI layout: ${out.layout.length} artifact(s) attached`)
    if (!input.image.tags.length) {
      // skopeo and containers/image pick an untagged layout's image only when it is index.json's one entry.
      input.logger.info(
        'OCI layout: index.json lists the artifacts beside the untagged image, so a bare oci:DIR is ambiguous ' +
          'to skopeo: give the image a tag (tags) to read it as oci:DIR:TAG.'
      )
    }
  }
  if (!input.registries.length) {
    const n = groups.reduce((sum, g) => sum + g.artifacts.length, 0)
    input.logger.info(`Not attached to a registry: nothing was pushed (${n} artifact(s) made).`)
    return out
  }
  const messages: string[] = []
  for (const { name, store } of input.registries) {
    const { attached, failed } = await attachTo(store, groups)
    out.registries.push({ name, attached })
    if (failed.length) messages.push(notAttachedMessage({ ...input.image, name }, attached, failed))
  }
  if (messages.length) throw new Error(messages.join('\n'))
  return out
}

/** Every subject's artifacts to one registry, subjects at once; what went up and what did not. */
async function attachTo(
  store: ReferrerStore,
  groups: Attachment[]
): Promise<{ attached: Attached[]; failed: NotAttached[] }> {
  const attached: Attached[] = []
  const failed: NotAttached[] = []
  const results = await Promise.allSettled(groups.map(g => store.attach(g.subject, g.artifacts)))
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return void attached.push(...r.value)
    if (r.reason instanceof AttachError) {
      attached.push(...r.reason.attached)
      failed.push(...r.reason.failed)
      return
    }
    // Anything else broke the whole subject: none of its artifacts is known to be attached.
    const g = groups[i]!
    for (const a of g.artifacts) {
      failed.push({
        subject: g.subject.digest,
        artifactType: a.artifactType,
        reason: r.reason instanceof Error ? r.reason.message : String(r.reason)
      })
    }
  })
  return { attached, failed }
}

/** The image is complete but untagged; only what describes it is missing: say both, and what the registry said. */
export function notAttachedMessage(
  image: AttachInput['image'] & { name: string },
  attached: Attached[],
  failed: NotAttached[]
): string {
  // The tags come after every referrer: none was written.
  const tags = image.tags.length
    ? `, so none of its tags (${image.tags.join(', ')}) was written`
    : ''
  const lines = [
    `The image was pushed by digest (${image.name}@${image.digest}), but ${failed.length} artifact(s) were not attached to it${tags}:`,
    ...failed.map(f => `  - ${describeFailure(f).replace(/\.$/, '')}`)
  ]
  if (attached.length) {
    lines.push(`Attached: ${attached.map(a => `${a.artifactType} (${a.digest})`).join(', ')}.`)
  }
  // A refusal is the same on every run; anything else (a timeout, a 5xx that outlasted the retries) may pass.
  const refused = failed.some(f =>
    /HTTP (400|405|415)\b|MANIFEST_INVALID|UNSUPPORTED/.test(f.reason)
  )
  lines.push(
    refused
      ? 'This registry refuses OCI 1.1 artifact manifests (image manifests with a subject): turn off what makes ' +
          'them for it (sbom: none, provenance: false), or push to a registry that accepts them.'
      : 'Run the step again: the same source gives the same digest, and what is attached already is not listed twice.'
  )
  return lines.join('\n')
}

/** What the stages that make artifacts hand on (each absent when the run has no such stage). */
interface Made {
  sbom?: Attachment[] | undefined
  provenance?: Attachment[] | undefined
  report?: Attachment[] | undefined
}

/**
 * After the push: each artifact names its manifest as subject, in every registry pushed to and in the OCI layout
 * (ociLayout, when set). tags are the tags the image is to get, for the message when an artifact is refused.
 */
export function attachStage(
  ociLayout: string,
  tags: string[],
  ports: { logger: Logger; sleep?: (ms: number) => Promise<void> }
): StageBody<
  Made & {
    push: boolean
    login: RegistryClient | undefined
    mirrors: RegistryClient[]
    images: { top: Blob }
    source: { epoch: number }
  },
  AttachOutput
> {
  const { logger } = ports
  const attachments = (got: Made): Attachment[] =>
    [got.sbom, got.provenance, got.report].flatMap(a => a ?? [])
  return {
    title: got =>
      attachments(got).length && (got.push || ociLayout)
        ? `Attach ${[...new Set(attachments(got).flatMap(a => a.artifacts.map(x => x.artifactType)))].join(', ')}`
        : undefined,
    run: async got => {
      const created = rfc3339(got.source.epoch)
      const clients = got.push && got.login ? [got.login, ...got.mirrors] : []
      return attachArtifacts({
        attachments: attachments(got),
        registries: clients.map(c => ({
          name: `${c.ref.registry}/${c.ref.repository}`,
          store: registryReferrers(c, logger, { created }, { sleep: ports.sleep })
        })),
        layout: ociLayout ? layoutReferrers(ociLayout, { created }) : undefined,
        image: { digest: got.images.top.digest, tags },
        logger
      })
    }
  }
}
