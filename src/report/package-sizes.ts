// The packages stage: the Go packages of one binary by size (package-sizes), for the log, the summary and the
// size report, measured in place from the stripped binary or from an unstripped relink.
import type { BuildOptions, Binaries, Binary, CgoBuilds } from '../compile/build-options.js'
import { cgoSettings } from '../compile/c-toolchain.js'
import { buildArgs, buildEnv } from '../compile/command.js'
import type { GoTool } from '../go/setup.js'
import { platformString } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import type { ImageRef } from '../registry/reference.js'
import type { Source } from '../compile/source.js'
import { foldPackages, measurePackages, type PackageSize, type PackagesMethod } from './packages.js'
import type { Reference } from '../registry/reference.js'

/** Binaries from this size up get the package breakdown under package-sizes: auto. */
export const PACKAGE_SIZES_AUTO_BYTES = 4 * 2 ** 20

/** One binary's packages, every one of them (the summary and the log show the biggest). */
export interface MeasuredPackages {
  platform: string
  sizes: PackageSize[]
  method: PackagesMethod
}

/** package-sizes, what else decides it under auto (see reportWantsPackages), and the build. */
type PackagesOptions = Pick<BuildOptions, 'buildFlags' | 'platforms' | 'workingDirectory'> & {
  packageSizes: 'auto' | 'true' | 'false'
  comment: boolean
  compareTo?: Reference
  push: boolean
  image?: ImageRef
}

/**
 * Whether package-sizes: auto measures whatever the binary's size: when the report will carry the breakdown
 * somewhere it is read (attached to a pushed image for later comparisons, compared now, or commented).
 */
export function reportWantsPackages(
  o: Omit<PackagesOptions, 'packageSizes' | 'buildFlags' | 'platforms' | 'workingDirectory'>
): boolean {
  return o.comment || !!o.compareTo || (o.push && !!o.image)
}

/** With -a the relink would recompile everything, and -n writes no binary to read. */
const rebuildsAll = (buildFlags: string[]): boolean =>
  buildFlags.some(f => f === '-a' || f === '-n')

/**
 * The binary whose packages are measured, when package-sizes asks for a breakdown: linux/amd64's when it is built,
 * since only amd64 code references are decoded and its packages are read in place where another platform's take a
 * second link (a second of CPU for a 7 MB program); else the largest.
 */
function packagesWanted(
  o: PackagesOptions,
  binaries: Binaries
): { name: string; bin: Binary } | undefined {
  const amd64 = binaries.get('linux/amd64')
  const [name, bin] = amd64
    ? ['linux/amd64', amd64]
    : [...binaries.entries()].reduce((a, b) => (b[1].size > a[1].size ? b : a))
  const want =
    o.packageSizes === 'true' ||
    (o.packageSizes === 'auto' &&
      (bin.size >= PACKAGE_SIZES_AUTO_BYTES || reportWantsPackages(o)) &&
      !rebuildsAll(o.buildFlags))
  return want ? { name, bin } : undefined
}

/**
 * Off the critical path: only the report waits for it, while the image is assembled and pushed. Reads the binary
 * the build wrote; where it must relink instead (not amd64, cgo), it does not run beside the build: both would
 * compile the changed package at once (measured: a slower step, more CPU). Optional and never fatal: a failure is
 * a warning, since the image itself is fine.
 */
export function packagesStage(
  o: PackagesOptions,
  ports: { runner: Runner; tempDir: string; logger: Logger }
): StageBody<
  { go: GoTool; source: Source; binaries: Binaries; cgo: CgoBuilds | undefined },
  MeasuredPackages | undefined
> {
  const { logger } = ports
  return {
    title: ({ binaries }) => {
      const wanted = packagesWanted(o, binaries)
      return wanted && `Measure Go packages in ${wanted.name}`
    },
    run: async ({ go, source, binaries, cgo }) => {
      const wanted = packagesWanted(o, binaries)
      if (!wanted) return undefined
      const platform = o.platforms.find(p => platformString(p) === wanted.name)!
      const c = cgo?.get(wanted.name)
      try {
        const { sizes, method } = await measurePackages({
          runner: ports.runner,
          goBin: go.goBin,
          env: buildEnv(go.env, platform, source.settings, c?.env),
          workdir: o.workingDirectory,
          args: buildArgs(cgoSettings(source.settings, c), wanted.bin.path),
          tempDir: ports.tempDir,
          // Every package: the report diffs them one by one; the log and the summary show the biggest.
          top: Infinity,
          binary: wanted.bin.path,
          info: m => logger.info(m)
        })
        for (const p of foldPackages(sizes))
          logger.info(`${String(p.bytes).padStart(10)}  ${p.name}`)
        return { platform: wanted.name, sizes, method }
      } catch (e) {
        logger.warning(`package-sizes: ${(e as Error).message}`)
        return undefined
      }
    }
  }
}
