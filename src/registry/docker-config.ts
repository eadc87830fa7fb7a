// Reads the Docker CLI's config.json: where it is, its shape (checked field by field; errors name the field, never a value), and which of its keys stands for a registry.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../ports.js'

/** Docker Hub answers to several names; its config key is the v1 index URL. */
const HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io']
const HUB_KEY = 'https://index.docker.io/v1/'

function isHub(registry: string): boolean {
  return HUB_HOSTS.includes(registry.toLowerCase())
}

/**
 * The keys under which `auths` and `credHelpers` may hold a registry, most specific first: `docker login`
 * writes https://index.docker.io/v1/ for Docker Hub and the bare host[:port] for everything else, while older
 * tools wrote URLs. Keys with another path (https://ghcr.io/v1/) are matched by {@link configKeyHost} as well.
 */
export function configKeys(registry: string): string[] {
  if (isHub(registry)) {
    return [
      HUB_KEY,
      'index.docker.io',
      'docker.io',
      'registry-1.docker.io',
      'https://index.docker.io',
      'https://docker.io',
      'https://registry-1.docker.io'
    ]
  }
  const host = registry.toLowerCase()
  return [host, `https://${host}`, `http://${host}`]
}

/** The host[:port] of a config key, as Docker reduces it: no scheme, nothing from the first '/'. */
export function configKeyHost(key: string): string {
  return key
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')[0]!
    .toLowerCase()
}

/** The key of obj that holds registry: an exact key first, else one whose host matches (any scheme or path). */
export function findConfigKey(keys: string[], registry: string): string | undefined {
  for (const k of configKeys(registry)) if (keys.includes(k)) return k
  const hosts = isHub(registry) ? HUB_HOSTS : [registry.toLowerCase()]
  return keys.find(k => hosts.includes(configKeyHost(k)))
}

/** What a credential helper is asked for: the Hub's index URL, else the registry host, as `docker login` stores them. */
export function helperServerUrl(registry: string): string {
  return isHub(registry) ? HUB_KEY : registry.toLowerCase()
}

/** Where the Docker CLI reads its config: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function dockerConfigPath(env: Record<string, string | undefined>, homedir: string): string {
  const dir = env.DOCKER_CONFIG?.trim()
  return dir ? path.join(dir, 'config.json') : path.join(homedir, '.docker', 'config.json')
}

export interface AuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
}

export interface DockerConfig {
  auths: Record<string, AuthEntry>
  credHelpers: Record<string, string>
  credsStore?: string
}

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks the shape of a parsed config.json. Errors name the file and the field, never a value: the file holds
 * secrets.
 */
export function parseDockerConfig(value: unknown, file: string): DockerConfig {
  const bad = (what: string): InputError =>
    new InputError(
      `The Docker config ${file} is not valid: ${what}. Fix it (docker login rewrites it), point DOCKER_CONFIG ` +
        `at a directory with a valid config.json, or set registry-username and registry-password.`
    )
  if (!isObject(value)) throw bad('it is not a JSON object')
  const auths: Record<string, AuthEntry> = {}
  if (value.auths !== undefined && value.auths !== null) {
    if (!isObject(value.auths)) throw bad('"auths" is not an object')
    for (const [key, entry] of Object.entries(value.auths)) {
      if (entry === null) continue
      if (!isObject(entry)) throw bad(`auths["${key}"] is not an object`)
      const out: AuthEntry = {}
      for (const field of ['auth', 'username', 'password', 'identitytoken'] as const) {
        const v = entry[field]
        if (v === undefined || v === null) continue
        if (typeof v !== 'string') throw bad(`auths["${key}"].${field} is not a string`)
        out[field] = v
      }
      auths[key] = out
    }
  }
  const credHelpers: Record<string, string> = {}
  if (value.credHelpers !== undefined && value.credHelpers !== null) {
    if (!isObject(value.credHelpers)) throw bad('"credHelpers" is not an object')
    for (const [key, name] of Object.entries(value.credHelpers)) {
      if (typeof name !== 'string' || !HELPER_NAME.test(name)) {
        throw bad(
          `credHelpers["${key}"] is not a helper name (the NAME of a docker-credential-NAME program)`
        )
      }
      credHelpers[key] = name
    }
  }
  let credsStore: string | undefined
  if (value.credsStore !== undefined && value.credsStore !== null && value.credsStore !== '') {
    if (typeof value.credsStore !== 'string' || !HELPER_NAME.test(value.credsStore)) {
      throw bad('"credsStore" is not a helper name (the NAME of a docker-credential-NAME program)')
    }
    credsStore = value.credsStore
  }
  return { auths, credHelpers, credsStore }
}

/** Reads the Docker config; undefined when there is none. Errors name the path and the fix, never the content. */
export async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    const why =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOTDIR'
            ? 'DOCKER_CONFIG is not a directory'
            : (code ?? 'unknown error')
    throw new InputError(
      `The Docker config ${file} cannot be read (${why}). Make it a readable file (or remove it), point ` +
        `DOCKER_CONFIG at a directory with a valid config.json, or set registry-username and registry-password.`
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    // JSON.parse's message quotes the text around the error, which may be a secret.
    throw new InputError(
      `The Docker config ${file} is not valid JSON. Fix it (docker login rewrites it), point DOCKER_CONFIG at a ` +
        `directory with a valid config.json, or set registry-username and registry-password.`
    )
  }
  return parseDockerConfig(value, file)
}
