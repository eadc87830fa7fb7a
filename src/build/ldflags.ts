// Expands {{.Version}}, {{.Commit}} and {{.Date}} in the ldflags input, so `-X main.version={{.Version}}` works.
import { gitRef } from '../github.js'
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

/** Version is the Git tag being built, else the short commit, else "dev"; Date is the source date epoch. */
export function ldflagsVars(
  env: Record<string, string | undefined>,
  gitCommit: string,
  date: string
): LdflagsVars {
  const commit = env.GITHUB_SHA || gitCommit || 'unknown'
  const { tag } = gitRef(env)
  const version = tag ?? (/^[0-9a-f]{7,}$/.test(commit) ? commit.slice(0, 7) : 'dev')
  return { Version: version, Commit: commit, Date: date }
}
