// What a go-download-base-url means to the installer: its form for logs, its credentials, and its tool-cache name.
import { createHash } from 'node:crypto'
import type { Logger } from '../ports.js'

/** Go's own download sites: their releases share the tool cache with the runner's stock Go under "go". */
const OFFICIAL = new Set(['https://go.dev/dl', 'https://golang.org/dl'])

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)/i

/**
 * The URL as it may be shown: `user:token@` becomes `***@`. Works on any text that starts with a URL, parsable
 * or not, so a malformed input is redacted too.
 */
export function redactUrl(url: string): string {
  return url.replace(USERINFO, '$1***@')
}

/**
 * The URL without its userinfo, and the Basic authorization that userinfo stands for (fetch refuses URLs with
 * credentials, and would echo them in its error).
 */
export function splitCredentials(url: string): { url: string; headers: Record<string, string> } {
  const m = USERINFO.exec(url)
  if (!m) return { url, headers: {} }
  const info = m[2]!.slice(0, -1)
  const [user = '', password = ''] = info.split(/:(.*)/s)
  const plain = `${safeDecode(user)}:${safeDecode(password)}`
  return {
    url: url.replace(USERINFO, '$1'),
    headers: { authorization: `Basic ${Buffer.from(plain).toString('base64')}` }
  }
}

/** Registers the userinfo of the URL (raw and decoded, and the password alone) as secrets. */
export function maskCredentials(url: string, logger: Logger): void {
  const m = USERINFO.exec(url)
  if (!m) return
  const info = m[2]!.slice(0, -1)
  const [, password = ''] = info.split(/:(.*)/s)
  for (const secret of new Set([info, safeDecode(info), password, safeDecode(password)])) {
    if (secret) logger.mask(secret)
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** The base URL compared as a location: no userinfo, no trailing slash, scheme and host in lower case. */
function canonical(baseUrl: string): string {
  const bare = splitCredentials(baseUrl.trim()).url.replace(/\/+$/, '')
  try {
    const u = new URL(bare)
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`
  } catch {
    return bare
  }
}

/**
 * The tool-cache name for Go from this mirror. The cache is keyed by tool, version and arch only, so a mirror
 * that serves its own builds (FIPS, patched) must not share "go" with go.dev's releases, or the runner's stock
 * Go 1.22.5 would satisfy a request meant for the mirror's 1.22.5 (setup-go keeps such builds apart too). The
 * credentials are left out of the key, so rotating a token keeps the cache.
 */
export function goToolName(baseUrl: string): string {
  const c = canonical(baseUrl)
  if (OFFICIAL.has(c)) return 'go'
  return `go-custom-${createHash('sha256').update(c).digest('hex').slice(0, 12)}`
}
