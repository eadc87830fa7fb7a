// The SBOM stages: one SBOM per platform, from the file plan and the built manifests, written under RUNNER_TEMP
// and handed to the attach stage as a referrer of its platform manifest; the runner's packages behind the
// certificates and zoneinfo layers are asked for while Go compiles.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { cgoSettings } from '../compile/c-toolchain.js'
import type { CgoBuilds } from '../compile/build-options.js'
import { buildArgs } from '../compile/command.js'
import type { Source } from '../compile/source.js'
import type { Attachment } from '../oci/artifact.js'
import type { BuiltImage } from '../oci/image.js'
import { platformString, type Platform } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import type { ImageRef } from '../registry/reference.js'
import type { FilePlan, Layer } from '../rootfs/plan.js'
import { rfc3339 } from '../source-date-epoch.js'
import { hostPackages, imageContents, type HostPackages, type ImageContents } from './contents.js'
import { DPKG_DIR } from './dpkg.js'
import { CYCLONEDX_MEDIA_TYPE, SPDX_MEDIA_TYPE, type SbomFormat } from './formats.js'
import { spdxJson } from './spdx.js'
import type { VulnFinding } from '../vuln/match.js'

/** One platform's SBOM: the attachment for its manifest, and the file it was written to (output sbom). */
export interface SbomAttachment extends Attachment {
  platform: string
  file: string
}

const FORMATS = {
  spdx: {
    mediaType: SPDX_MEDIA_TYPE,
    extension: 'spdx.json',
    // The note's module loads the CycloneDX library: only when there is something to note.
    write: async (c: ImageContents, findings: VulnFinding[]) =>
      spdxJson(
        c,
        findings.length ? (await import('../vuln/sbom.js')).spdxVulnerabilityNote(findings) : ''
      )
  },
  cyclonedx: {
    mediaType: CYCLONEDX_MEDIA_TYPE,
    extension: 'cdx.json',
    // Loaded on use: the CycloneDX library is a large part of the bundle, which every run would parse at start-up.
    write: async (c: ImageContents, findings: VulnFinding[]) =>
      (await import('./cyclonedx.js')).cyclonedxJson(c, findings)
  }
} as const

/** The packages behind the certificates and zoneinfo layers: they depend on the staged layers alone. */
export function hostPackagesStage(
  o: { caCertificates: string; zoneinfo: unknown },
  ports: { runner: Runner; zoneinfoRoot?: string }
): StageBody<{ staged: { layers: Layer[] } }, HostPackages> {
  return {
    run: async ({ staged }) => {
      // As the certificates layer was staged: the bundle (the runner's or the input's), then the extras.
      const caSources = staged.layers.find(l => l.name === 'certificates')?.sources ?? []
      return hostPackages({
        runner: ports.runner,
        caSource: caSources[0],
        caSystem: o.caCertificates === 'system',
        zoneinfoRoot:
          o.zoneinfo === false ? undefined : (ports.zoneinfoRoot ?? '/usr/share/zoneinfo'),
        dpkgDir: DPKG_DIR
      })
    }
  }
}

/**
 * Beside the gate and the push: it needs the built manifests (the SBOM's subject) and reads only what the run
 * already has (the plan's files, the binaries' build information) plus the runner's packages.
 */
export function sbomStage(
  o: { sbom: Exclude<SbomFormat, 'none'>; image?: ImageRef },
  ports: { runner: Runner; tempDir: string; logger: Logger; zoneinfoRoot?: string }
): StageBody<
  {
    images: { images: BuiltImage[] }
    plans: { platform: Platform; plan: FilePlan }[]
    source: Source
    main: { binaryName: string }
    cgo: CgoBuilds | undefined
    hostPackages: HostPackages
    /** The known vulnerabilities of each platform's binary, when the run checked. */
    vulns: { results: Map<string, { findings: VulnFinding[] }> } | undefined
  },
  SbomAttachment[]
> {
  const format = FORMATS[o.sbom]
  const { logger } = ports
  const zoneinfoRoot = ports.zoneinfoRoot ?? '/usr/share/zoneinfo'
  return {
    title: `SBOM (${o.sbom})`,
    run: async ({ images, plans, source, main, cgo, hostPackages: staticHost, vulns }) => {
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
              runner: ports.runner,
              caSystem: false,
              libraryPackages,
              dpkgDir: DPKG_DIR
            })
          : {})
      }
      const name = o.image ? `${o.image.registry}/${o.image.repository}` : main.binaryName
      const dir = path.join(ports.tempDir, 'sbom')
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
          ldflags: buildArgs(cgoSettings(source.settings, cgo?.get(platform)), '')
            .find(a => a.startsWith('-ldflags='))
            ?.slice('-ldflags='.length),
          zoneinfoSource: zoneinfoRoot,
          host
        })
        const text = await format.write(contents, vulns?.results.get(platform)?.findings ?? [])
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
  }
}
