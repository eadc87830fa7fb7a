// Opens a client for one repository: the credentials that registry is known by and the transport the registry
// inputs ask for. What the login, the mirrors, the baseline's reads and the tag plan share.
import os from 'node:os'
import type { Fetch, Logger, Runner } from '../ports.js'
import { RegistryClient, type ClientOptions, type Credentials } from './client.js'
import { resolveCredentials } from './credentials.js'
import { registryBaseUrls, type ImageRef } from './reference.js'
import type { TransportOptions } from './transport.js'

/** The registry inputs: registry-timeout, registry-ca-file, insecure-registry and the credentials. */
export interface RegistryOptions {
  /** How long a registry request may stay silent, in ms. */
  timeoutMs: number
  /** registry-ca-file, resolved, and its certificates (PEM), trusted for the registries. */
  caFile?: string
  ca?: string
  insecure: boolean
  /** registry-username and registry-password: they belong to image's registry (see inputsFor). */
  credentials?: Credentials
}

/** What a client reaches the outside world through (the pipeline's Deps has them all). */
export interface RegistryPorts {
  fetch: Fetch
  /** The fetch registries are reached with, given the registry inputs; absent, fetch is used (tests pass fakes). */
  registryFetch?: (o: TransportOptions) => Fetch
  runner: Runner
  env: Record<string, string | undefined>
  logger: Logger
  /** Where ~/.docker/config.json is looked for when DOCKER_CONFIG is unset. */
  homedir?: string
  sleep?: (ms: number) => Promise<void>
}

/**
 * The credential inputs for a registry: image's registry has them (and any registry when there is no image, as
 * for a baseline read alone); other registries rely on the Docker config and GITHUB_TOKEN.
 */
export function inputsFor(
  o: Pick<RegistryOptions, 'credentials'>,
  image: ImageRef | undefined,
  ref: ImageRef
): Credentials | undefined {
  return !image || image.registry === ref.registry ? o.credentials : undefined
}

/** A client for one repository, with the credentials that registry is known by (see resolveCredentials). */
export async function openRegistry(
  o: RegistryOptions,
  ports: RegistryPorts,
  ref: ImageRef,
  inputs: Credentials | undefined,
  options: Pick<ClientOptions, 'access' | 'pullScopes'>
): Promise<RegistryClient> {
  const credentials = await resolveCredentials({
    registry: ref.registry,
    inputs,
    env: ports.env,
    runner: ports.runner,
    logger: ports.logger,
    homedir: ports.homedir ?? os.homedir()
  })
  const tls = { caFile: o.caFile, insecure: o.insecure }
  const fetch =
    ports.registryFetch?.({
      timeoutMs: o.timeoutMs,
      ca: o.ca,
      // The registry's own host only: its token server, blob storage, GitHub and Sigstore stay verified.
      insecureHosts: o.insecure ? [ref.apiHost] : []
    }) ?? ports.fetch
  return new RegistryClient(ref, {
    fetch,
    logger: ports.logger,
    ...registryBaseUrls(ref, tls),
    tls,
    timeoutMs: o.timeoutMs,
    credentials,
    sleep: ports.sleep,
    ...options
  })
}
