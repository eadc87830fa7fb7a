// Reads a registry's paged lists whole: a repository's tags and a manifest's referrers, every page by Link rel="next" on the registry's own host, within a page limit.
import { MEDIA } from '../oci/image.js'
import { failure, readBody, RegistryError } from './errors.js'
import { sameHost, type Sender } from './retry.js'

/** The most pages of tags read (1000 tags each, as asked with n=1000). */
export const TAG_PAGES = 1000

/** The target of a Link header's rel="next" (RFC 8288), as registries page tag and referrers lists. */
export function nextLink(header: string | null): string | undefined {
  for (const m of (header ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

/**
 * The repository's tags (GET /v2/<name>/tags/list, every page by Link rel="next"); empty for a repository the
 * registry does not know yet (404 NAME_UNKNOWN). A list that still goes on after TAG_PAGES pages is an error,
 * not a truncated answer: tag decisions (floating tags, the fallback index) read it whole.
 */
export async function listTags(sender: Sender): Promise<string[]> {
  const { ctx, endpoint } = sender
  const { ref } = ctx
  const tags: string[] = []
  let url: string | undefined = `${endpoint.repoUrl}/tags/list?n=1000`
  for (let page = 0; url; page++) {
    if (page >= TAG_PAGES) {
      throw new RegistryError(
        `${ref.registry} listed more than ${TAG_PAGES} pages of tags for ${ref.repository} ` +
          `(${tags.length} tags, and a Link to more); the list was not read to its end. Delete old tags, ` +
          `or check that the registry's Link rel="next" does not lead back to a page already read.`
      )
    }
    const res = await sender.send('GET', url, {})
    if (res.status === 404 && page === 0) {
      await res.body?.cancel()
      return []
    }
    if (res.status !== 200) throw await failure(ctx, res, 'GET tags/list')
    const at: string = url
    const body = JSON.parse(await readBody(ctx, res, 'GET', at, () => res.text())) as {
      tags?: string[] | null
    }
    tags.push(...(body.tags ?? []))
    const next = nextLink(res.headers.get('link'))
    url =
      next && sameHost(new URL(next, at).toString(), endpoint.baseUrl)
        ? new URL(next, at).toString()
        : undefined
  }
  return tags
}

/**
 * The referrers API (distribution-spec 1.1, GET /v2/<name>/referrers/<digest>): the descriptors of subject's
 * referrers, every page of them (Link rel="next"), and whether the registry applied the artifactType filter
 * (OCI-Filters-Applied). Undefined when the registry answers 404 (or 405): it has no referrers API.
 */
export async function listReferrers(
  sender: Sender,
  subject: string,
  artifactType?: string
): Promise<{ manifests: Record<string, unknown>[]; filtered: boolean } | undefined> {
  const { ctx, endpoint } = sender
  const { registry } = ctx.ref
  const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : ''
  let url: string | undefined = `${endpoint.repoUrl}/referrers/${subject}${query}`
  const manifests: Record<string, unknown>[] = []
  let filtered = true
  for (let page = 0; url; page++) {
    const res = await sender.send('GET', url, { headers: { accept: MEDIA.index } })
    // The spec's answer of a registry without the API is 404; some answer that they do not know the route.
    if ((res.status === 404 || res.status === 405) && page === 0) {
      await res.body?.cancel()
      return undefined
    }
    if (res.status !== 200) throw await failure(ctx, res, `GET referrers of ${subject}`)
    const at: string = url
    const text = await readBody(ctx, res, 'GET', at, () => res.text())
    let body: { manifests?: unknown }
    try {
      body = JSON.parse(text) as { manifests?: unknown }
    } catch {
      throw new RegistryError(
        `${registry} answered GET referrers of ${subject} with something that is not JSON.`
      )
    }
    if (!Array.isArray(body.manifests)) {
      throw new RegistryError(
        `${registry} answered GET referrers of ${subject} without an image index's manifests.`
      )
    }
    manifests.push(...(body.manifests as Record<string, unknown>[]))
    const applied = (res.headers.get('oci-filters-applied') ?? '').split(',').map(s => s.trim())
    if (!applied.includes('artifactType')) filtered = false
    const next = nextLink(res.headers.get('link'))
    url = next ? new URL(next, at).toString() : undefined
    if (url && !sameHost(url, endpoint.baseUrl)) {
      throw new RegistryError(
        `${registry} sent the next page of referrers to another host (${new URL(url).host}).`
      )
    }
    if (page >= 1000) throw new RegistryError(`${registry} sent over 1000 pages of referrers.`)
  }
  return { manifests, filtered: artifactType ? filtered : false }
}
