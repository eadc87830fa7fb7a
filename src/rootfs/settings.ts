// Parses the image-config inputs (user, workdir, env, expose, entrypoint, args, labels) and derives OCI labels from the GitHub context.
import path from 'node:path'
import { z } from 'zod'
import type { GitHubContext } from '../github-context.js'
import { InputError } from '../ports.js'
import type { FileMapping } from './files.js'
import { NONROOT } from './plan.js'

// The accounts written to /etc/passwd; names resolve to numbers so runAsNonRoot checks can see the uid.
/** What goes into the image beside the binary (system files, certificates, zoneinfo, files, busybox), and its settings. */
export interface ImageOptions {
  zoneinfo: true | false | string[]
  caCertificates: 'system' | 'none' | string
  /** PEM files appended to the bundle, relative to working-directory. */
  extraCaCertificates: string[]
  files: FileMapping[]
  /** Numeric uid:gid. */
  user: string
  workdir: string
  env: string[]
  expose: string[]
  /** Undefined means ["/<binary-name>"], known once the package is inspected. */
  entrypoint?: string[]
  args: string[]
  labels: Record<string, string>
  /** Also push TAG-debug with a static busybox; debugBusybox: its path (resolved) for other platforms. */
  debug: boolean
  debugBusybox?: string
}

const NAMED_USERS: Record<string, string> = {
  root: '0:0',
  nobody: '65534:65534',
  [NONROOT.name]: `${NONROOT.uid}:${NONROOT.gid}`
}

/**
 * The PATH Docker (classic and BuildKit) gives a FROM scratch image; the native image sets the same, so both
 * builders' configs agree and exec.LookPath behaves as in distroless.
 */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

export function parseUser(raw: string): string {
  const v = raw.trim()
  if (v === '') return `${NONROOT.uid}:${NONROOT.gid}`
  // hasOwn: user text such as __proto__ must not find what every object has.
  const named = Object.hasOwn(NAMED_USERS, v) ? NAMED_USERS[v] : undefined
  if (named) return named
  const m = /^(\d+):(\d+)$/.exec(v)
  if (m && Number(m[1]) <= 2 ** 31 - 1 && Number(m[2]) <= 2 ** 31 - 1) return `${m[1]}:${m[2]}`
  throw new InputError(
    `user: '${v}' is not a user of the image. Use nonroot (65532:65532, the default), root, nobody, or a numeric uid:gid such as 1000:1000.`
  )
}

export function parseWorkdir(raw: string): string {
  const v = raw.trim() || '/'
  if (!v.startsWith('/') || v.split('/').includes('..')) {
    throw new InputError(
      `workdir: '${v}' must be an absolute path in the image without '..', e.g. /app.`
    )
  }
  return path.posix.normalize(v).replace(/(.)\/$/, '$1')
}

/** `8080`, `8080/tcp`, `53/udp`: as Docker's ExposedPorts keys, protocol defaulting to tcp. */
export function parseExpose(items: string[]): string[] {
  const out = items.map(item => {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(item)
    const port = Number(m?.[1])
    if (!m || port < 1 || port > 65535) {
      throw new InputError(
        `expose: '${item}' is not a port. Use a number from 1 to 65535, optionally with /tcp, /udp or /sctp (e.g. 8080 or 53/udp).`
      )
    }
    return `${port}/${(m[2] ?? 'tcp').toLowerCase()}`
  })
  return [...new Set(out)]
}

/**
 * A command as JSON array (`["/app", "serve"]`) or as words with shell-style quotes; the exec form is what the
 * image stores, since scratch has no shell to run a string.
 */
export function parseCommand(
  raw: string,
  name: string,
  split: (s: string) => string[]
): string[] | undefined {
  const v = raw.trim()
  if (v === '') return undefined
  if (v.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(v)
    } catch {
      parsed = undefined
    }
    if (!Array.isArray(parsed) || !parsed.every(x => typeof x === 'string')) {
      throw new InputError(
        `${name}: '${v}' is not a JSON array of strings. Write ["/app", "--flag"] or plain words (/app --flag).`
      )
    }
    return parsed as string[]
  }
  return split(v)
}

export function validateEnv(env: Record<string, string>): string[] {
  return Object.entries(env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      throw new InputError(
        `env: '${k}' is not a variable name. Use letters, digits and _ (not starting with a digit).`
      )
    }
    checkValue('env', k, v)
    return `${k}=${v}`
  })
}

/**
 * A line break or other control character cannot be written as one Dockerfile ENV or LABEL line, so the two
 * builders would disagree; an input line holds one value, so such a character is a pasting mistake.
 */
function checkValue(input: string, key: string, value: string): void {
  const bad = [...value].find(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (bad) {
    throw new InputError(
      `${input}: the value of ${key} (${JSON.stringify(value)}) holds the control character ` +
        `${JSON.stringify(bad)}. Give each ${input === 'env' ? 'variable' : 'label'} one single-line value, one KEY=VALUE a line.`
    )
  }
}

export function validateLabels(labels: Record<string, string>): Record<string, string> {
  for (const k of Object.keys(labels)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(k)) {
      throw new InputError(
        `labels: '${k}' is not a label key. Use reverse-DNS keys such as org.example.team (letters, digits, '.', '-', '_', '/').`
      )
    }
    checkValue('labels', k, labels[k]!)
  }
  return labels
}

// The repository object of the event payload (GITHUB_EVENT_PATH), as far as labels read it; GitHub writes it for
// every event that has a repository. A field of another shape is left out, never an error.
const text = z.string().catch('')
const payloadSchema = z.object({
  repository: z
    .object({
      name: text,
      description: z.string().nullable().catch(null),
      license: z
        .object({ spdx_id: z.string().nullable().catch(null) })
        .nullable()
        .catch(null)
    })
    .optional()
    .catch(undefined)
})

/** One line of label text: a payload's control characters (a newline) would break the Dockerfile's LABEL. */
const oneLine = (s: string): string => s.replace(/\p{Cc}+/gu, ' ').trim()

/**
 * title, description and licenses, as docker/metadata-action sets them from the repository, here from the event
 * payload the runner already wrote (no API call that could fail the step): the title is the repository's name,
 * the licence its SPDX id (GitHub's NOASSERTION, a licence it could not identify, is left out).
 */
export function repositoryLabels(
  github: Pick<GitHubContext, 'event' | 'repository'>
): Record<string, string> {
  const repository = payloadSchema
    .catch({ repository: undefined })
    .parse(github.event.payload ?? {}).repository
  const out: Record<string, string> = {}
  const title = oneLine(repository?.name || github.repository.split('/')[1] || '')
  if (title) out['org.opencontainers.image.title'] = title
  const description = oneLine(repository?.description ?? '')
  if (description) out['org.opencontainers.image.description'] = description
  const license = oneLine(repository?.license?.spdx_id ?? '')
  if (license && license !== 'NOASSERTION') out['org.opencontainers.image.licenses'] = license
  return out
}

/**
 * The org.opencontainers.image.* labels the GitHub context can fill: source, revision, created and version
 * (the tag without a leading v for a semver tag, else the tag or branch name, or pr-N), and repositoryLabels.
 */
export function ociLabels(github: GitHubContext, created: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (github.repository)
    out['org.opencontainers.image.source'] = `${github.webUrl}/${github.repository}`
  if (github.sha) out['org.opencontainers.image.revision'] = github.sha
  out['org.opencontainers.image.created'] = created
  const { tag, pr, branch } = github.git
  const version =
    (tag === undefined ? undefined : (/^v?(\d+\.\d+\.\d+\S*)$/.exec(tag)?.[1] ?? tag)) ??
    (pr ? `pr-${pr}` : undefined) ??
    branch
  if (version) out['org.opencontainers.image.version'] = version
  return { ...out, ...repositoryLabels(github) }
}
