// Parses and validates image repositories and tags by the distribution spec's grammar, before anything is built.
import { InputError } from '../ports.js'

export interface ImageRef {
  /** The registry as written (docker.io for short names), used for credentials. */
  registry: string
  /** The host the API is served from (registry-1.docker.io for docker.io). */
  apiHost: string
  /** The repository path inside the registry, e.g. acme/app. */
  repository: string
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d+)?$/

export function parseImage(input: string, name = 'image'): ImageRef {
  const value = input.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new InputError(
      `${name}: '${value}' includes a URL scheme. Write the repository without it, e.g. ghcr.io/acme/app ` +
        `(plain http is tried for loopback registries, and insecure-registry allows it elsewhere).`
    )
  }
  if (value.includes('@')) {
    throw new InputError(
      `${name}: '${value}' includes a digest. Give the repository only, e.g. ghcr.io/acme/app.`
    )
  }
  const parts = value.split('/')
  const first = parts[0] ?? ''
  const hasHost =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  const registry = hasHost ? first : 'docker.io'
  let repoParts = hasHost ? parts.slice(1) : parts
  const last = repoParts[repoParts.length - 1] ?? ''
  if (last.includes(':')) {
    const [repo, tag] = last.split(':')
    throw new InputError(
      `${name}: '${value}' includes the tag '${tag}'. Give the repository only (${[registry, ...repoParts.slice(0, -1), repo].join('/')}) and put the tag in tags.`
    )
  }
  if (hasHost && !HOST.test(registry)) {
    throw new InputError(
      `${name}: '${registry}' in '${value}' is not a valid registry host[:port].`
    )
  }
  if (registry === 'docker.io' && repoParts.length === 1) repoParts = ['library', ...repoParts]
  const repository = repoParts.join('/')
  if (repository !== repository.toLowerCase()) {
    throw new InputError(
      `${name}: the repository '${repository}' in '${value}' has uppercase letters, which registries refuse. ` +
        `Use '${[hasHost ? registry : '', repository.toLowerCase()].filter(Boolean).join('/')}' (for GitHub, lowercase the owner: \${{ github.repository_owner }} is not lowercased for you).`
    )
  }
  if (!value || repoParts.some(p => !COMPONENT.test(p)) || repository.length > 255) {
    throw new InputError(
      `${name}: '${value}' is not a valid repository. Each path component must be lowercase letters and digits, ` +
        `separated by '.', '_', '__' or '-', e.g. ghcr.io/acme/my-app.`
    )
  }
  return {
    registry,
    apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
    repository
  }
}

export interface Reference extends ImageRef {
  tag?: string
  digest?: string
}

const DIGEST = /^sha256:[0-9a-f]{64}$/

/** A full image reference, `[registry/]repository[:tag][@sha256:…]`, as compare-to takes it. */
export function parseReference(input: string, name: string): Reference {
  const value = input.trim()
  const at = value.indexOf('@')
  const digest = at >= 0 ? value.slice(at + 1) : undefined
  let rest = at >= 0 ? value.slice(0, at) : value
  if (digest !== undefined && !DIGEST.test(digest)) {
    throw new InputError(
      `${name}: the digest '${digest}' in '${value}' is not sha256: followed by 64 lowercase hex digits.`
    )
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    validateTags([tag], name)
  }
  return { ...parseImage(rest, name), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}

export function validateTags(tags: string[], name = 'tags'): string[] {
  for (const tag of tags) {
    if (!TAG.test(tag)) {
      throw new InputError(
        `${name}: '${tag}' is not a valid tag. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', ` +
          `not starting with '.' or '-' (so no '+', '/' or ':'); e.g. 1.2.3, main, sha-0123abc.`
      )
    }
  }
  return tags
}

export function isLoopback(host: string): boolean {
  // A bare IPv6 address has colons of its own; only host:port and [v6]:port carry a port.
  const h = host.startsWith('[')
    ? host.replace(/^\[(.*)\](:\d+)?$/, '$1')
    : host.split(':').length > 2
      ? host
      : host.replace(/:\d+$/, '')
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

/**
 * Where the registry is asked first, and where next when the ping shows the other protocol: https alone for a
 * registry-ca-file (it is there for TLS) and for the rest of the world; https, then plain http, for an insecure
 * registry, as Docker tries them; plain http, then https, on this machine, where test registries speak http.
 */
export function registryBaseUrls(
  ref: ImageRef,
  o: { insecure: boolean; caFile?: string }
): { baseUrl: string; fallbackBaseUrl?: string } {
  const https = `https://${ref.apiHost}`
  const http = `http://${ref.apiHost}`
  if (o.caFile) return { baseUrl: https }
  if (o.insecure) return { baseUrl: https, fallbackBaseUrl: http }
  if (isLoopback(ref.apiHost)) return { baseUrl: http, fallbackBaseUrl: https }
  return { baseUrl: https }
}
