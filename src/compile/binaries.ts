// Compiles the main package for every platform, several at once, and checks each binary before anything packs it.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { CacheState } from '../go/cache.js'
import type { GoTool } from '../go/setup.js'
import { platformString } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import type { Binaries, Binary, BuildOptions, CgoBuilds } from './build-options.js'
import { buildArgs, buildEnv } from './command.js'
import { compile } from './compile.js'
import { cgoSettings } from './c-toolchain.js'
import { verifyBinary } from './elf.js'
import type { Source } from './source.js'

/**
 * What the assembly asks of the build as it goes (see compressorHooks in src/oci/assemble.ts): to start the
 * compression threads when the compile starts, and each binary as soon as it is linked.
 */
export interface BinaryHooks {
  warm(count: number): void
  built(binary: Binary & { name: string }, epoch: number): void
}

/**
 * Runs fn on every item, at most limit at a time, and resolves to the results in the items' order. After a
 * failure nothing new starts; the running calls are waited for, and the first error is thrown.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i]!, i)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure) throw failure.error
  return results
}

/**
 * Platforms compile at once, up to parallelism (one per core: each link is mostly one thread), each in a log group
 * of its own. Go's caches are worth keeping from then on, whatever fails later: compiled says so.
 */
export function binariesStage(
  o: Pick<BuildOptions, 'platforms' | 'workingDirectory' | 'package' | 'buildTags' | 'cgo'>,
  ports: {
    runner: Runner
    logger: Logger
    tempDir: string
    parallelism: number
    compiled?: (goCache: CacheState) => void
  },
  hooks?: BinaryHooks
): StageBody<
  {
    go: GoTool
    source: Source
    main: { importPath: string; binaryName: string }
    goCache: CacheState | undefined
    cgo: CgoBuilds | undefined
  },
  Binaries
> {
  const { logger } = ports
  return {
    run: async ({ go, source, main, goCache, cgo }) => {
      // The compression threads start while Go compiles, not when the first binary is ready: one per binary.
      hooks?.warm(o.platforms.length)
      const buildDir = path.join(ports.tempDir, 'build')
      const built = await mapConcurrent(o.platforms, ports.parallelism, async platform => {
        const name = platformString(platform)
        return logger.group(`Build ${main.importPath} for ${name}`, async () => {
          const out = path.join(buildDir, ...name.split('/'), main.binaryName)
          const c = cgo?.get(name)
          await compile(
            ports.runner,
            go.goBin,
            buildEnv(go.env, platform, source.settings, c?.env),
            o.workingDirectory,
            buildArgs(cgoSettings(source.settings, c), out),
            { pkg: o.package, tags: o.buildTags }
          )
          const elf = verifyBinary(await readFile(out), platform, main.binaryName, { cgo: o.cgo })
          const size = (await stat(out)).size
          const linked = elf.interpreter ? `dynamic (loader ${elf.interpreter})` : 'static'
          logger.info(
            `${main.binaryName}: ${linked} ${elf.bits}-bit ELF for ${name}, ${size} bytes`
          )
          hooks?.built({ path: out, size, name: main.binaryName }, source.epoch)
          return [name, { path: out, size }] as const
        })
      })
      // From here Go's caches are worth keeping, whatever fails later (the size gate, the push).
      if (goCache) ports.compiled?.(goCache)
      return new Map(built)
    }
  }
}
