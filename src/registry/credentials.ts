// Finds registry credentials: the inputs, else the Docker config (credHelpers, credsStore, auths), else GITHUB_TOKEN for ghcr.io.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger, Runner } from '../ports.js'
import { InputError } from '../ports.js'

export interface Credentials {
  username: string
  password: string
  /** An OAuth2 refresh token from `docker login` (identitytoken), traded at the Bearer token server. */
  identityToken?: string
  /** Where they came from, for the log (never the secret itself). */
  source?: string
}

export interface ResolveOptions {
  /** ImageRef.registry as written: docker.io for short names, ghcr.io, 127.0.0.1:5001 … */
  registry: string
  /** registry-username/registry-password, when both are set. */
  inputs?: Credentials
  env: Record<string, string | undefined>
  runner: Runner
  logger: Logger
  homedir: string
}

/** The user name a credential helper (and `docker login`) writes when the secret is an identity token. */
export const TOKEN_USERNAME = '<token>'

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

interface AuthEntry {
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

function isObject(v: unknown): v is Record<string, unknown> {
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

/** Turns one auths entry into credentials (undefined when it holds none, as with a credsStore). */
export function authEntryCredentials(
  entry: AuthEntry,
  describe: string,
  mask: (secret: string) => void
): Credentials | undefined {
  if (entry.auth) mask(entry.auth)
  if (entry.password) mask(entry.password)
  if (entry.identitytoken) mask(entry.identitytoken)
  let username = entry.username ?? ''
  let password = entry.password ?? ''
  if (entry.auth) {
    const compact = entry.auth.replace(/\s+/g, '')
    const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(compact)
      ? Buffer.from(compact, 'base64').toString('utf8')
      : ''
    const colon = decoded.indexOf(':')
    if (colon < 0) {
      throw new InputError(
        `${describe}.auth is not base64 of user:password. Log in again (docker login) or fix the entry, ` +
          `or set registry-username and registry-password.`
      )
    }
    username = decoded.slice(0, colon)
    password = decoded.slice(colon + 1)
    if (password) mask(password)
  }
  if (entry.identitytoken) {
    return { username: username || TOKEN_USERNAME, password, identityToken: entry.identitytoken }
  }
  if (!username && !password) return undefined
  return { username, password }
}

interface HelperAnswer {
  ServerURL?: unknown
  Username?: unknown
  Secret?: unknown
}

function notInstalled(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException
  return (
    err?.code === 'ENOENT' || /Unable to locate executable file|ENOENT/.test(err?.message ?? '')
  )
}

/**
 * Asks `docker-credential-NAME get` for the registry, the credential helper protocol: the server URL on stdin,
 * {ServerURL, Username, Secret} on stdout. Undefined when the helper is not installed or has nothing for it.
 */
export async function helperCredentials(
  name: string,
  registry: string,
  o: Pick<ResolveOptions, 'runner' | 'logger'>
): Promise<Credentials | undefined> {
  const program = `docker-credential-${name}`
  const server = helperServerUrl(registry)
  let result
  try {
    result = await o.runner.run(program, ['get'], { input: server, silent: true })
  } catch (e) {
    if (notInstalled(e)) {
      o.logger.warning(
        `The Docker config names the credential helper ${program} for ${registry}, but it is not on PATH; ` +
          `looking further.`
      )
      return undefined
    }
    throw new InputError(
      `The credential helper ${program} could not be run for ${registry} (${(e as Error).message}). ` +
        `Install it or fix the Docker config, or set registry-username and registry-password.`
    )
  }
  if (result.exitCode !== 0) {
    // Helpers print their error to stdout; "credentials not found in native keychain" is the normal miss.
    if (/credentials not found/i.test(`${result.stdout}\n${result.stderr}`)) return undefined
    throw new InputError(
      `The credential helper ${program} failed (exit code ${result.exitCode}) for ${registry}. ` +
        `Check it with: echo ${server} | ${program} get (its output is not shown here, as it may hold ` +
        `secrets); or set registry-username and registry-password.`
    )
  }
  let answer: HelperAnswer
  try {
    answer = JSON.parse(result.stdout) as HelperAnswer
    if (!isObject(answer)) throw new Error('not an object')
  } catch {
    throw new InputError(
      `The credential helper ${program} answered ${registry} with something other than ` +
        `{"ServerURL", "Username", "Secret"} JSON (not shown, as it may hold secrets). Check it with: ` +
        `echo ${server} | ${program} get`
    )
  }
  const secret = typeof answer.Secret === 'string' ? answer.Secret : ''
  const username = typeof answer.Username === 'string' ? answer.Username : ''
  if (secret) o.logger.mask(secret)
  if (!secret) return undefined
  if (username === TOKEN_USERNAME) {
    return { username: TOKEN_USERNAME, password: '', identityToken: secret }
  }
  return { username, password: secret }
}

/**
 * The credentials a Docker config holds for registry, in the Docker CLI's order: credHelpers[host], then
 * credsStore, then auths. The CLI reads auths only without a store; we also fall back to it when a helper is
 * missing or has nothing for the registry, since a config copied to CI often names a store it lacks.
 */
async function fromDockerConfig(o: ResolveOptions, file: string): Promise<Credentials | undefined> {
  const config = await readDockerConfig(file)
  if (!config) return undefined

  const helperKey = findConfigKey(Object.keys(config.credHelpers), o.registry)
  const helpers: [string, string][] = []
  if (helperKey !== undefined) helpers.push([config.credHelpers[helperKey]!, 'credHelpers'])
  if (config.credsStore) helpers.push([config.credsStore, 'credsStore'])
  for (const [name, field] of helpers) {
    const creds = await helperCredentials(name, o.registry, o)
    if (creds)
      return {
        ...creds,
        source: `credential helper docker-credential-${name} (${field} in ${file})`
      }
  }

  const authKey = findConfigKey(Object.keys(config.auths), o.registry)
  if (authKey !== undefined) {
    const creds = authEntryCredentials(
      config.auths[authKey]!,
      `The Docker config ${file}: auths["${authKey}"]`,
      s => o.logger.mask(s)
    )
    if (creds) return { ...creds, source: `Docker config ${file} (auths: ${authKey})` }
  }
  return undefined
}

async function lookup(o: ResolveOptions): Promise<Credentials | undefined> {
  if (o.inputs) {
    if (o.inputs.password) o.logger.mask(o.inputs.password)
    if (o.inputs.identityToken) o.logger.mask(o.inputs.identityToken)
    return { ...o.inputs, source: 'registry-username/registry-password' }
  }
  const fromConfig = await fromDockerConfig(o, dockerConfigPath(o.env, o.homedir))
  if (fromConfig) return fromConfig
  const token = o.env.GITHUB_TOKEN
  if (token && o.registry.toLowerCase() === 'ghcr.io') {
    o.logger.mask(token)
    return {
      username: o.env.GITHUB_ACTOR?.trim() || 'x-access-token',
      password: token,
      source: 'GITHUB_TOKEN'
    }
  }
  return undefined
}

/**
 * The credentials for a registry: registry-username/registry-password, else the Docker config, else GITHUB_TOKEN
 * for ghcr.io, else none (anonymous). Every secret is masked as soon as it is read, before anything is logged.
 */
export async function resolveCredentials(o: ResolveOptions): Promise<Credentials | undefined> {
  const creds = await lookup(o)
  o.logger.info(`Registry credentials for ${o.registry}: ${creds?.source ?? 'anonymous'}`)
  return creds
}
