// Finds registry credentials: the inputs, else the Docker config (credHelpers, credsStore, auths), else GITHUB_TOKEN for ghcr.io.
import type { Logger, Runner } from '../ports.js'
import { InputError } from '../ports.js'
import { helperSecret } from './credential-helper.js'
import {
  dockerConfigPath,
  findConfigKey,
  readDockerConfig,
  type AuthEntry
} from './docker-config.js'

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
    const answer = await helperSecret(name, o.registry, o)
    if (!answer) continue
    const source = `credential helper docker-credential-${name} (${field} in ${file})`
    // The user name a helper gives with an identity token, as docker login stores one.
    if (answer.username === TOKEN_USERNAME) {
      return { username: TOKEN_USERNAME, password: '', identityToken: answer.secret, source }
    }
    return { username: answer.username, password: answer.secret, source }
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
