// The stages that use the Docker Engine: builder: docker builds the written Dockerfile, and load: true loads the
// image into the Engine, tagged as it would be pushed, so a later step can docker run it.
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { dockerArchive } from '../oci/docker-archive.js'
import type { BuiltImage } from '../oci/image.js'
import type { LayerCompressor } from '../oci/layer-compressor.js'
import { platformString, type Platform } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import type { ImageRef } from '../registry/reference.js'
import type { FilePlan } from '../rootfs/plan.js'
import { detectBuildx, dockerBuild } from './builder.js'

/** builder: docker: the Dockerfile built by Docker and read back; the stage is left out for the native builder. */
export function dockerBuiltStage(
  ports: { runner: Runner; logger: Logger },
  compressor: LayerCompressor
): StageBody<
  {
    plans: { platform: Platform; plan: FilePlan }[]
    context: { context: string; dockerfile: string }
    source: { epoch: number }
  },
  BuiltImage[]
> {
  return {
    title: 'Build the Dockerfile with Docker',
    run: async ({ plans, context, source }) =>
      dockerBuild({
        runner: ports.runner,
        logger: ports.logger,
        context: context.context,
        dockerfile: context.dockerfile,
        plans,
        buildx: await detectBuildx(ports.runner),
        epoch: source.epoch,
        compressor
      })
  }
}

/**
 * docker load of the runner's platform (Docker keeps one platform per tag), tagged as it would be pushed. The
 * stage is left out without load or image.
 */
export function loadStage(
  image: ImageRef,
  tags: string[],
  ports: { runner: Runner; logger: Logger; tempDir: string; runnerArch: string }
): StageBody<{ images: { images: BuiltImage[] } }, void> {
  const { logger } = ports
  return {
    title: 'Load into Docker',
    run: async ({ images: { images } }) => {
      const arch = ports.runnerArch
      const archive = path.join(ports.tempDir, 'image.tar')
      const chosen = images.find(i => i.platform.architecture === arch) ?? images[0]!
      if (chosen.platform.architecture !== arch) {
        logger.warning(
          `load: no ${arch} image was built; loading ${platformString(chosen.platform)}, which this runner runs only with emulation.`
        )
      }
      const name =
        image.registry === 'docker.io' ? image.repository : `${image.registry}/${image.repository}`
      const refs = tags.map(t => `${name}:${t}`)
      await writeFile(archive, await dockerArchive(chosen, refs))
      const res = await ports.runner.run('docker', ['load', '-i', archive], { silent: true })
      await rm(archive, { force: true })
      if (res.exitCode !== 0) {
        throw new Error(
          `load: docker load failed (exit ${res.exitCode}): ${res.stderr.trim() || res.stdout.trim()}. Is the Docker Engine running on the runner?`
        )
      }
      logger.info(`Loaded ${platformString(chosen.platform)} into Docker as ${refs.join(', ')}`)
    }
  }
}
