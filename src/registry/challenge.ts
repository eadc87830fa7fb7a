// Reads what a registry asks for in WWW-Authenticate: each challenge's scheme and parameters, and the one to answer.

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/**
 * Every challenge of a WWW-Authenticate value (several may share one header, comma-separated, as the joined
 * value of several headers does): `Basic realm="x", Bearer realm="https://h/token",service="h"`.
 */
export function parseChallenges(header: string | null): Challenge[] {
  const out: Challenge[] = []
  for (const m of (header ?? '').matchAll(
    /([\w!#$%&'*+.^`|~-]+)(?:[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|[^,\s]*))?/g
  )) {
    const [, name = '', value] = m
    if (value === undefined) {
      out.push({ scheme: name.toLowerCase(), params: {} })
    } else if (out.length) {
      out[out.length - 1]!.params[name.toLowerCase()] = value.startsWith('"')
        ? value.slice(1, -1).replace(/\\(.)/g, '$1')
        : value
    }
  }
  return out
}

/** The challenge to answer among those offered: Bearer (with a realm) first, else Basic, else the first. */
export function parseChallenge(header: string | null): Challenge | undefined {
  const all = parseChallenges(header)
  return (
    all.find(c => c.scheme === 'bearer' && c.params.realm) ??
    all.find(c => c.scheme === 'basic') ??
    all[0]
  )
}
