// Expands {{.Version}}, {{.Commit}} and {{.Date}} in the ldflags input, so `-X main.version={{.Version}}` works.
import type { GitHubContext } from '../github-context.js'
import { InputError } from '../ports.js'

export interface LdflagsVars {
  Version: string
  Commit: string
  Date: string
}

export function expandLdflags(raw: string, vars: LdflagsVars): string {
  const out = raw.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (all, name: string) => {
    if (!Object.hasOwn(vars, name)) {
      throw new InputError(
        `ldflags: '${all}' is not a known variable. Use {{.Version}}, {{.Commit}} or {{.Date}}.`
      )
    }
    return vars[name as keyof LdflagsVars]
  })
  if (out.includes('{{')) {
    throw new InputError(
      `ldflags: '${raw}' has a template that is not {{.Version}}, {{.Commit}} or {{.Date}}.`
    )
  }
  return out
}

/**
 * Checks ldflags the way `go build` splits them (cmd/internal/quoted): a quote opens an argument only at its
 * start and must be closed; a quote inside a word is kept literally, which splits `-X main.v='a b'` into two
 * broken arguments. Both are refused here, before a build, rather than as the linker's raw flag error after it.
 */
export function checkLdflags(raw: string): string {
  const fix =
    "Quote a whole argument, e.g. -X 'main.version=1.0 beta' (or with \" when the value holds a ')."
  let s = raw
  for (;;) {
    s = s.replace(/^[ \t\n\r]+/, '')
    if (s === '') return raw
    const q = s[0]!
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, 1)
      if (end < 0)
        throw new InputError(`ldflags: '${raw}' has an unterminated ${q} quote (at ${s}). ${fix}`)
      s = s.slice(end + 1)
      continue
    }
    const word = /^[^ \t\n\r]*/.exec(s)![0]
    if (/["']/.test(word))
      throw new InputError(
        `ldflags: '${raw}' has a quote inside the word ${word}, which go build passes on literally. ${fix}`
      )
    s = s.slice(word.length)
  }
}

/** Version is the Git tag being built, else the short commit, else "dev"; Date is the source date epoch. */
export function ldflagsVars(
  github: Pick<GitHubContext, 'sha' | 'git'>,
  gitCommit: string,
  date: string
): LdflagsVars {
  const commit = github.sha || gitCommit || 'unknown'
  const { tag } = github.git
  const version = tag ?? (/^[0-9a-f]{7,}$/.test(commit) ? commit.slice(0, 7) : 'dev')
  return { Version: version, Commit: commit, Date: date }
}
