// Reads what the GitHub context says is being built: the tag, pull request or branch that GITHUB_REF names.

export interface GitRef {
  /** The tag name as pushed, e.g. v1.2.3. */
  tag?: string
  /** The pull request number. */
  pr?: string
  branch?: string
}

export function gitRef(env: Record<string, string | undefined>): GitRef {
  const ref = env.GITHUB_REF ?? ''
  const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1]
  const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1]
  const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1]
  return { ...(tag ? { tag } : {}), ...(pr ? { pr } : {}), ...(branch ? { branch } : {}) }
}
