// The sbom stage: one SBOM per platform, from the file plan and the built manifests, written under RUNNER_TEMP and handed to the attach stage as a referrer of its platform manifest.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildArgs } from '../compile/command.js'
import { platformString } from '../platform.js'
import type { PipelineOptions } from './options.js'
import { rfc3339 } from '../oci/image.js'
import type { Attachment } from '../oci/artifact.js'
import type { Deps } from './deps.js'
import { hostPackages, imageContents, type ImageContents } from '../sbom/contents.js'
import { DPKG_DIR } from '../sbom/dpkg.js'
import { CYCLONEDX_MEDIA_TYPE, SPDX_MEDIA_TYPE } from '../sbom/formats.js'
import { spdxJson } from '../sbom/spdx.js'
import { cgoSettings } from './cgo.js'
import { stageOf, type Stage } from './graph.js'
import type { Outputs } from './stages.js'

/** One platform's SBOM: the attachment for its manifest, and the file it was written to (output sbom). */
export interface SbomAttachment extends Attachment {
  platform: string
  file: string
}

const FORMATS = {
  spdx: { mediaType: SPDX_MEDIA_TYPE, extension: 'spdx.json', write: spdxJson },
  cyclonedx: {
    mediaType: CYCLONEDX_MEDIA_TYPE,
    extension: 'cdx.json',
    // Loaded on use: the CycloneDX library is a large part of the bundle, which every run would parse at start-up.
    write: async (c: ImageContents) => (await import('../sbom/cyclonedx.js')).cyclonedxJson(c)
  }
} as const

/**
 * Beside the gate and the push: it needs the built manifests (the SBOM's subject) and reads only what the run
 * already has (the plan's files, the binaries' build information) plus the runner's packages, which are asked
 * for while Go compiles.
 */
export function sbomStages(o: PipelineOptions, deps: Deps): Stage<Outputs>[] {
  const stage = stageOf<Outputs>()
  const { logger } = deps
  const format = o.supplyChain.sbom === 'none' ? undefined : FORMATS[o.supplyChain.sbom]
  const zoneinfoRoot = deps.zoneinfoRoot ?? '/usr/share/zoneinfo'
  return [
    // The packages behind the certificates and zoneinfo layers depend on the staged layers alone.
    stage('hostPackages', ['staged'], {
      run: async ({ staged }) => {
        if (!format) return undefined
        // As the certificates layer was staged: the bundle (the runner's or the input's), then the extras.
        const caSources = staged.layers.find(l => l.name === 'certificates')?.sources ?? []
        return hostPackages({
          runner: deps.runner,
          caSource: caSources[0],
          caSystem: o.image.caCertificates === 'system',
          zoneinfoRoot: o.image.zoneinfo === false ? undefined : zoneinfoRoot,
          dpkgDir: DPKG_DIR
        })
      }
    }),

    stage('sbom', ['images', 'plans', 'source', 'main', 'cgo', 'hostPackages'], {
      title: () => (format ? `SBOM (${o.supplyChain.sbom})` : undefined),
      run: async ({
        images,
        plans,
        source,
        main,
        cgo,
        hostPackages: staticHost
      }): Promise<SbomAttachment[] | undefined> => {
        if (!format) return undefined
        const caSources = plans[0]?.plan.layers.find(l => l.name === 'certificates')?.sources ?? []
        const libraryPackages = plans
          .flatMap(({ plan }) =>
            plan.layers.flatMap(l => (l.name === 'libraries' ? (l.packages ?? []) : []))
          )
          .map(p => p.name)
        // cgo: dynamic: the libraries layer's packages are known only once the binaries are linked.
        const host = {
          ...staticHost,
          ...(libraryPackages.length
            ? await hostPackages({
                runner: deps.runner,
                caSystem: false,
                libraryPackages,
                dpkgDir: DPKG_DIR
              })
            : {})
        }
        const name = o.publish.image
          ? `${o.publish.image.registry}/${o.publish.image.repository}`
          : main.binaryName
        const dir = path.join(deps.tempDir, 'sbom')
        await mkdir(dir, { recursive: true })
        const out: SbomAttachment[] = []
        for (const image of images.images) {
          const platform = platformString(image.platform)
          const plan = plans.find(p => platformString(p.platform) === platform)!.plan
          const contents = await imageContents({
            platform: image.platform,
            plan,
            manifest: image.manifest,
            name,
            created: rfc3339(source.epoch),
            caSources,
            // The command's own -ldflags: the build information leaves it out under -trimpath.
            ldflags: buildArgs(cgoSettings(source.settings, cgo.get(platform)), '')
              .find(a => a.startsWith('-ldflags='))
              ?.slice('-ldflags='.length),
            zoneinfoSource: zoneinfoRoot,
            host
          })
          const text = await format.write(contents)
          const file = path.join(dir, `${platform.replace(/\//g, '-')}.${format.extension}`)
          await writeFile(file, text)
          const { mediaType, digest, size } = image.manifest
          logger.info(
            `${platform}: ${contents.go.deps.length} Go modules, ${contents.go.toolchain}` +
              `${contents.caBundle?.package ? `, ca-certificates ${contents.caBundle.package.version}` : ''}` +
              `${contents.zoneinfo?.tzdata ? `, tzdata ${contents.zoneinfo.tzdata}` : ''}` +
              `, ${contents.files.length} system and user files -> ${file}`
          )
          out.push({
            platform,
            file,
            subject: { mediaType, digest, size },
            artifacts: [
              {
                artifactType: format.mediaType,
                mediaType: format.mediaType,
                data: Buffer.from(text)
              }
            ]
          })
        }
        return out
      }
    })
  ]
}
