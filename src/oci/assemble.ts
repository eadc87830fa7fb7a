// Assembles the OCI images of every platform from their file plans (and the -debug images beside them), checks
// them as a runtime would unpack them, and gives the run's layer compressor to the stages that start it early.
import path from 'node:path'
import type { BinaryHooks } from '../compile/binaries.js'
import { platformString, type Platform } from '../platform.js'
import type { Logger, StageBody } from '../ports.js'
import { debugLayer, debugSettings, type Busyboxes } from '../rootfs/debug.js'
import { binaryLayer, orderLayers, type FilePlan, type Layer } from '../rootfs/plan.js'
import { compressionName, type Compression } from './compress.js'
import { checkImages, imageToCheck } from './image-check.js'
import {
  buildImage,
  compressLayer,
  topLevel,
  withManifest,
  type Blob,
  type BuiltImage,
  type MediaTypes
} from './image.js'
import { layerCacheDir, LayerCompressor } from './layer-compressor.js'
import { zoneinfoMeasure } from './zoneinfo-choice.js'

/** How the image is assembled: by us or by Docker, with which manifest types and layer codec. */
export interface AssembleOptions {
  builder: 'native' | 'docker'
  mediaTypes: MediaTypes
  /** The layer codec and its level (compression, compression-level). */
  compression: Compression
}

/** The images of every platform, and what the tag points to: the one manifest, or the index of them. */
export interface Images {
  images: BuiltImage[]
  top: Blob
}

type Plans = { platform: Platform; plan: FilePlan }[]

/**
 * One per run: every platform's (and image's) identical layers are compressed once, and the tool cache keeps them
 * for the next run.
 */
export function layerCompressor(
  o: Pick<AssembleOptions, 'compression'>,
  toolCacheDir: string,
  logger: Logger
): LayerCompressor {
  return new LayerCompressor({
    compression: o.compression,
    cacheDir: layerCacheDir(toolCacheDir),
    debug: m => logger.debug(m)
  })
}

/**
 * What the stages before the assembly ask of the run's compressor: its threads start when the compile does, a
 * binary's layer goes to one as soon as it is linked (the native builder's; a failure is not kept: the assembly
 * compresses again and reports it), and zoneinfo's tree and zip are measured as this run compresses them (a cold
 * run measures both once and the image reuses the chosen layer's bytes; a warm run finds the sizes remembered).
 */
export function compressorHooks(
  compressor: LayerCompressor,
  o: Pick<AssembleOptions, 'builder'>,
  toolCacheDir: string
): { binaries: BinaryHooks; zoneinfo: ReturnType<typeof zoneinfoMeasure> } {
  return {
    binaries: {
      warm: count => compressor.warm(count),
      built: (b, epoch) => {
        if (o.builder === 'docker') return
        compressLayer(binaryLayer(b.path, b.name, b.size), epoch, compressor).catch(() => undefined)
      }
    },
    zoneinfo: zoneinfoMeasure(
      async (layer, epoch) => (await compressLayer(layer, epoch, compressor)).data.length,
      {
        dir: path.join(toolCacheDir, 'go-scratch-image-zoneinfo'),
        compression: compressor.key('zoneinfo-choice')
      }
    )
  }
}

/** The native builder's images; checked before anything downstream (layout, load, push) can ship them. */
export function assembledStage(
  o: Pick<AssembleOptions, 'compression'>,
  compressor: LayerCompressor,
  logger: Logger
): StageBody<{ plans: Plans; source: { epoch: number } }, BuiltImage[]> {
  return {
    title: 'Assemble OCI image',
    run: async ({ plans, source }) => {
      const images = await Promise.all(
        plans.map(({ platform, plan }) => buildImage(plan, platform, source.epoch, { compressor }))
      )
      const n = compressor.stats
      logger.info(
        `layers: ${compressionName(o.compression)}; ${n.compressed} compressed, ${n.memo} reused within the run, ${n.disk} from the layer cache`
      )
      for (const line of await checkImages(images.map(imageToCheck))) logger.info(line)
      return images
    }
  }
}

/** The images either builder made; Docker's media types change only the manifests (blobs and sizes stay). */
export function imagesStage(
  o: Pick<AssembleOptions, 'mediaTypes'>
): StageBody<{ assembled?: BuiltImage[]; dockerBuilt?: BuiltImage[] }, Images> {
  return {
    run: async ({ assembled, dockerBuilt }) => {
      const built = (assembled ?? dockerBuilt)!
      const images = o.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built
      return { images, top: topLevel(images) }
    }
  }
}

/**
 * The -debug images: every layer of the lean ones plus busybox, so their push uploads only busybox. sizes renders
 * an image's size table for the log (src/report/size.ts).
 */
export function debugImagesStage(
  o: Pick<AssembleOptions, 'mediaTypes'>,
  compressor: LayerCompressor,
  logger: Logger,
  sizes: (image: BuiltImage) => string
): StageBody<{ plans: Plans; source: { epoch: number }; busybox: Busyboxes }, Images> {
  return {
    title: 'Assemble the -debug images (busybox)',
    run: async ({ plans, source, busybox: chosen }) => {
      const built = await Promise.all(
        plans.map(async ({ platform, plan }) => {
          const busybox = chosen.get(platformString(platform))!
          const applets = busybox.applets
          const debugPlan = {
            layers: orderLayers([...plan.layers, debugLayer(busybox, applets)] as Layer[]),
            image: debugSettings(plan.image)
          }
          logger.info(
            `${platformString(platform)}: busybox from ${busybox.path} at /busybox with ${applets.length} applets`
          )
          return buildImage(debugPlan, platform, source.epoch, { compressor })
        })
      )
      const images = o.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built
      for (const i of images) logger.info(`With busybox (the -debug tags):\n${sizes(i)}`)
      return { images, top: topLevel(images) }
    }
  }
}
