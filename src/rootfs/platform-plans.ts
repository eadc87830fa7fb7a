// Each platform's file plan and image settings: the staged layers, the platform's libraries and its binary, in
// the order that changes least first, with the config (user, env, entrypoint, labels) every builder writes.
import type { GitHubContext } from '../github-context.js'
import { platformString, type Platform } from '../platform.js'
import type { StageBody } from '../ports.js'
import { rfc3339 } from '../source-date-epoch.js'
import {
  binaryLayer,
  CA_BUNDLE_PATH,
  orderLayers,
  type FilePlan,
  type ImageSettings,
  type Layer
} from './plan.js'
import { DEFAULT_PATH, ociLabels, type ImageOptions } from './settings.js'
import { mergeEnv, type Staged } from './stage.js'

export interface PlatformPlan {
  platform: Platform
  plan: FilePlan
}

export function plansStage(
  o: Pick<
    ImageOptions,
    'labels' | 'user' | 'workdir' | 'env' | 'entrypoint' | 'args' | 'expose'
  > & {
    platforms: Platform[]
  },
  github: GitHubContext
): StageBody<
  {
    staged: Staged
    binaries: Map<string, { path: string; size: number }>
    source: { epoch: number }
    main: { binaryName: string }
    libraries: Map<string, Layer> | undefined
  },
  PlatformPlan[]
> {
  return {
    run: async ({ staged, binaries, source, main, libraries }) => {
      const labels = { ...ociLabels(github, rfc3339(source.epoch)), ...o.labels }
      const imageSettings: ImageSettings = {
        user: o.user,
        workdir: o.workdir,
        env: mergeEnv(
          [DEFAULT_PATH],
          staged.layers.some(l => l.name === 'certificates')
            ? [`SSL_CERT_FILE=/${CA_BUNDLE_PATH}`]
            : [],
          staged.env,
          o.env
        ),
        entrypoint: o.entrypoint ?? [`/${main.binaryName}`],
        cmd: o.args,
        exposedPorts: o.expose,
        labels,
        // The OCI keys also go on the manifest, where registries show them without reading the config.
        annotations: Object.fromEntries(
          Object.entries(labels).filter(([k]) => k.startsWith('org.opencontainers.image.'))
        )
      }
      return o.platforms.map(p => {
        const bin = binaries.get(platformString(p))!
        const libs = libraries?.get(platformString(p))
        const layers = [
          ...staged.layers,
          ...(libs ? [libs] : []),
          binaryLayer(bin.path, main.binaryName, bin.size)
        ]
        return { platform: p, plan: { layers: orderLayers(layers), image: imageSettings } }
      })
    }
  }
}
