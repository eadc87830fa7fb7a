// The test environment's two registries (open, and htpasswd with testuser/testpassword), names no other run can take in them, and what skopeo reads there.
import { randomBytes } from 'node:crypto'
import { skopeo, type Result } from './commands.js'

export const REGISTRY = process.env.GSI_REGISTRY ?? '127.0.0.1:5000'
export const AUTH_REGISTRY = process.env.GSI_AUTH_REGISTRY ?? '127.0.0.1:5001'
export const AUTH = { username: 'testuser', password: 'testpassword' }

/** The registries' host:port as they stand in a regular expression, for messages that name them. */
export const REGISTRY_RE = REGISTRY.replace(/\./g, '\\.')
export const AUTH_REGISTRY_RE = AUTH_REGISTRY.replace(/\./g, '\\.')

/**
 * This test file's run: the process and random bits, since process ids repeat across machines' fresh
 * containers that share a Docker Engine or a registry.
 */
const RUN = `${process.pid}-${randomBytes(4).toString('hex')}`
let named = 0

/**
 * A name no other call, test file or concurrent run can give: for images loaded into Docker, repositories,
 * containerd namespaces. Two builds loaded under one name:tag once made a test run the other build's image.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${RUN}-${++named}`
}

/** A repository name unique to this test run, so runs never see each other's tags. */
export function uniqueRepo(name: string): string {
  return `it/${uniqueName(name)}`
}

/** skopeo's --creds for a reference into the htpasswd registry; none for the open one. */
export function credsFor(ref: string): string[] {
  return ref.startsWith(AUTH_REGISTRY) ? ['--creds', `${AUTH.username}:${AUTH.password}`] : []
}

/** skopeo inspect (--raw: the manifest as stored) of an image in a loopback registry, logged in where needed. */
export async function inspectImage(ref: string, raw = false): Promise<Result> {
  return skopeo([
    'inspect',
    // --no-tags: a repository pushed by digest alone has no tag list to read.
    ...(raw ? ['--raw'] : ['--no-tags']),
    '--tls-verify=false',
    ...credsFor(ref),
    `docker://${ref}`
  ])
}

/** The digest ref points to, as skopeo reads it from the registry; undefined when it points to nothing. */
export async function digestOf(ref: string): Promise<string | undefined> {
  const r = await inspectImage(ref)
  return r.code === 0 ? (JSON.parse(r.stdout) as { Digest: string }).Digest : undefined
}
