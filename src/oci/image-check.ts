// The image check at the pipeline's edge: each built image's layers read (each distinct one once) and unpacked, its config validated, and every finding of src/oci/unpack-check.ts turned into one error before any push.
import { z } from 'zod'
import { platformString } from '../platform.js'
import { InputError } from '../ports.js'
import type { BuiltImage } from './image.js'
import { storedLayerEntries } from './layer-headers.js'
import { unpack, type LayerEntries, type LayerEntry } from './unpack.js'
import { checkUnpacked, type RunConfig } from './unpack-check.js'

/** The part of an image config a runtime starts the process from; Docker writes null for what is unset. */
const ImageConfig = z.object({
  config: z
    .object({
      User: z.string().nullish(),
      Env: z.array(z.string()).nullish(),
      Entrypoint: z.array(z.string()).nullish(),
      Cmd: z.array(z.string()).nullish(),
      WorkingDir: z.string().nullish()
    })
    .nullish()
})

export function runConfig(json: Buffer | string, platform: string): RunConfig {
  let parsed: unknown
  try {
    parsed = JSON.parse(json.toString())
  } catch {
    parsed = undefined
  }
  const result = ImageConfig.safeParse(parsed)
  if (!result.success) {
    throw new Error(
      `The image config for ${platform} is not the JSON an image config is: ${z.prettifyError(result.error)}`
    )
  }
  const c = result.data.config ?? {}
  return {
    user: c.User ?? '',
    env: c.Env ?? [],
    argv: [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])],
    workdir: c.WorkingDir || '/'
  }
}

export interface ImageToCheck {
  platform: string
  layers: { name: string; data: Buffer; key?: string }[]
  config: Buffer
}

export const imageToCheck = (i: BuiltImage): ImageToCheck => ({
  platform: platformString(i.platform),
  layers: i.layers.map(l => ({ name: l.name, data: l.blob.data, key: l.diffId })),
  config: i.config.data
})

/**
 * Unpacks each image's layers (each distinct layer read once) and checks them; throws an InputError naming
 * every finding and its fix, platforms with the same findings together. Returns a line per platform for the log.
 */
export async function checkImages(images: ImageToCheck[]): Promise<string[]> {
  const memo = new Map<string, Promise<LayerEntry[]>>()
  const read = (l: ImageToCheck['layers'][number]): Promise<LayerEntry[]> => {
    const go = (): Promise<LayerEntry[]> => storedLayerEntries(l.data, l.name)
    if (l.key === undefined) return go()
    if (!memo.has(l.key)) memo.set(l.key, go())
    return memo.get(l.key)!
  }
  const failed = new Map<string, string[]>()
  const lines: string[] = []
  for (const image of images) {
    const layers: LayerEntries[] = await Promise.all(
      image.layers.map(async l => ({ name: l.name, entries: await read(l) }))
    )
    const run = runConfig(image.config, image.platform)
    const findings = checkUnpacked(unpack(layers), run)
    const paths = layers.reduce((n, l) => n + l.entries.length, 0)
    if (!findings.length) {
      lines.push(
        `${image.platform}: unpacked as a runtime does (${layers.length} layers, ${paths} entries): ` +
          `entrypoint ${run.argv[0]}, user ${run.user || '0'}, /tmp 1777, workdir ${run.workdir}`
      )
      continue
    }
    const text = [
      ...findings.map(f => `- ${f.message}`),
      ...[...new Set(findings.map(f => f.fix))]
    ].join('\n')
    failed.set(text, [...(failed.get(text) ?? []), image.platform])
  }
  if (failed.size) {
    throw new InputError(
      [...failed]
        .map(
          ([text, platforms]) =>
            `The image for ${platforms.join(', ')} would break as a runtime unpacks it, so nothing was pushed:\n${text}`
        )
        .join('\n\n')
    )
  }
  return lines
}
