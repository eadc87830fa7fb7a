// Parses the vulnerabilities, vuln-db and vuln-allow inputs into typed values, refusing bad ones with an InputError that names the input, quotes the value and says what works.
import { InputError } from '../ports.js'

/** report: look up and report, never fail; fail: fail before any push on a reachable finding not allowed; off. */
export type VulnMode = 'report' | 'fail' | 'off'

export const DEFAULT_VULN_DB = 'https://vuln.go.dev'

/** The vulnerability check's inputs, parsed: the option object its stages take. */
export interface VulnOptions {
  vulnerabilities: VulnMode
  /** vuln-db, as parseVulnDb returns it. */
  vulnDb: string
  vulnAllow: AllowEntry[]
}

/** vulnerabilities: report (the default), fail or off, in any case. */
export function parseVulnerabilities(raw: string): VulnMode {
  const value = raw.trim().toLowerCase() || 'report'
  if (value === 'report' || value === 'fail' || value === 'off') return value
  throw new InputError(
    `vulnerabilities: '${shown(raw)}' is not report, fail or off. Use report (list the known vulnerabilities ` +
      `of the binary, the default), fail (also fail the step before anything is pushed when one is reachable ` +
      `and not in vuln-allow) or off.`
  )
}

/**
 * vuln-db: the Go vulnerability database's base URL, https://vuln.go.dev when empty: an http(s) URL, or a file:
 * URL of a directory in the database's layout. Returned without a trailing slash, credentials kept (the client
 * sends them as Basic authorization and never logs them).
 */
export function parseVulnDb(raw: string): string {
  const value = raw.trim()
  if (value === '') return DEFAULT_VULN_DB
  const refuse = (why: string): InputError =>
    new InputError(
      `vuln-db: '${shown(value)}' ${why}. Use the Go vulnerability database's base URL (https://vuln.go.dev, ` +
        `the default), a mirror's http(s) URL, or a file: URL of a directory in its layout (file:///srv/vulndb).`
    )
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw refuse('is not a URL')
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!url.hostname) throw refuse('has no host')
  } else if (url.protocol === 'file:') {
    if (url.hostname && url.hostname !== 'localhost')
      throw refuse('names a host; a file: URL is local')
  } else {
    throw refuse(`is a ${url.protocol.replace(/:$/, '')}: URL, not http, https or file`)
  }
  if (url.search || url.hash)
    throw refuse('has a query or fragment, which the protocol has no use for')
  return value.replace(/\/+$/, '')
}

/** One vuln-allow line: a vulnerability ID and why it is accepted. */
export interface AllowEntry {
  /** GO-YYYY-NNNN, CVE-YYYY-NNNN or GHSA-xxxx-xxxx-xxxx, in its canonical case. */
  id: string
  reason?: string
}

const GO_ID = /^GO-\d{4}-\d{4,}$/i
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i
const GHSA_ID = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/i

/** The ID in its canonical case (GHSA's groups are lower case), or undefined when it is none of the three kinds. */
export function canonicalId(raw: string): string | undefined {
  if (GO_ID.test(raw) || CVE_ID.test(raw)) return raw.toUpperCase()
  if (GHSA_ID.test(raw)) return `GHSA${raw.slice(4).toLowerCase()}`
  return undefined
}

/**
 * vuln-allow: one ID a line (the Go database's GO-YYYY-NNNN, or a CVE or GHSA alias of it), then optionally its
 * reason, after a space or a colon: `GO-2024-1234 not reachable with our config` or `CVE-2023-45288: fixed by
 * the proxy`. Blank lines and # comments are skipped; an ID listed twice is refused (which reason would count?).
 */
export function parseVulnAllow(raw: string): AllowEntry[] {
  const out: AllowEntry[] = []
  const seen = new Set<string>()
  for (const line of raw.split(/\r?\n/)) {
    const text = line.trim()
    if (text === '' || text.startsWith('#')) continue
    const m = /^([^\s:]+)(?::|\s|$)\s*(.*)$/s.exec(text)
    const id = m && canonicalId(m[1]!)
    if (!m || !id) {
      throw new InputError(
        `vuln-allow: '${shown(text)}' does not start with a vulnerability ID. Write one a line, GO-YYYY-NNNN ` +
          `(or its CVE-YYYY-NNNN or GHSA-xxxx-xxxx-xxxx alias), then optionally why: GO-2024-1234: not ` +
          `reachable with our configuration.`
      )
    }
    if (seen.has(id)) {
      throw new InputError(
        `vuln-allow: ${id} is listed twice. Keep one line for it, with the reason that applies.`
      )
    }
    seen.add(id)
    const reason = m[2]!.trim()
    out.push(reason ? { id, reason } : { id })
  }
  return out
}

/** vuln-allow text that parses back to the same entries. */
export function formatVulnAllow(entries: AllowEntry[]): string {
  return entries.map(e => (e.reason ? `${e.id}: ${e.reason}` : e.id)).join('\n')
}

/** A value as an error quotes it: one line, at most 200 characters. */
function shown(raw: string): string {
  const one = raw.trim().replace(/\s+/g, ' ')
  return one.length > 200 ? `${one.slice(0, 197)}...` : one
}
