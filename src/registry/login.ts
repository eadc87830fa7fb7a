// The login stages: credentials are checked before anything costly (a refused password should not cost a
// compile), for image's registry and for each further line of image, each registry with its own credentials.
import type { StageBody } from '../ports.js'
import type { RegistryClient } from './client.js'
import { inputsFor, openRegistry, type RegistryOptions, type RegistryPorts } from './open.js'
import { mountSources, type PublishOptions } from './publish.js'
import type { ImageRef } from './reference.js'

type LoginOptions = Pick<PublishOptions, 'push' | 'image' | 'mirrors' | 'mountFrom'> & {
  registry: RegistryOptions
  /** compare-to: a push may mount its blobs, which needs pull access to it in the same token. */
  compareTo?: ImageRef
}

/** The registry client of image's registry, logged in; undefined when nothing is pushed. */
export function loginStage(
  o: LoginOptions,
  ports: RegistryPorts
): StageBody<unknown, RegistryClient | undefined> {
  const image = o.push ? o.image : undefined
  return {
    title: image ? `Log in to ${image.registry}` : undefined,
    run: async () => {
      if (!image) return undefined
      const client = await openRegistry(o.registry, ports, image, o.registry.credentials, {
        // Mounting from another repository needs pull access to it in the same token.
        pullScopes: mountSources(o, o.compareTo, image.registry)
      })
      await client.login()
      return client
    }
  }
}

/**
 * Clients of image's further lines (other registries), logged in; empty when there are none or no push. The
 * inputs are the first registry's; the Docker config and GITHUB_TOKEN serve all.
 */
export function mirrorsStage(
  o: LoginOptions,
  ports: RegistryPorts
): StageBody<unknown, RegistryClient[]> {
  const mirrors = o.push ? o.mirrors : []
  return {
    title: mirrors.length ? `Log in to ${mirrors.map(m => m.registry).join(', ')}` : undefined,
    run: async () => {
      const clients: RegistryClient[] = []
      for (const ref of mirrors) {
        const client = await openRegistry(
          o.registry,
          ports,
          ref,
          inputsFor(o.registry, o.image, ref),
          {
            pullScopes: mountSources(o, o.compareTo, ref.registry)
          }
        )
        await client.login()
        clients.push(client)
      }
      return clients
    }
  }
}
