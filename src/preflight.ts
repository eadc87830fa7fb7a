// Checks every input the disk alone can refute (working-directory, package, ca-certificates, zoneinfo, files) before anything is logged in to, downloaded or compiled.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { defaultBinaryName } from './compile/compile.js'
import type { BuildOptions } from './compile/build-options.js'
import type { ImageOptions } from './rootfs/settings.js'
import { InputError, type Logger, type StageBody } from './ports.js'
import { homeLayer, systemLayer, type Layer } from './rootfs/plan.js'
import { checkBinaryName, imageTopLevel } from './rootfs/binary-name.js'
import { caBundle, filesLayer } from './rootfs/stage.js'
import { scanZoneinfo, selectZoneinfo } from './rootfs/zoneinfo.js'

/** The inputs preflight checks on disk (the build's and the image's). */
export type PreflightInputs = Pick<BuildOptions, 'workingDirectory' | 'package' | 'binaryName'> &
  Pick<
    ImageOptions,
    'caCertificates' | 'extraCaCertificates' | 'zoneinfo' | 'workdir' | 'files' | 'debug'
  >

export interface PreflightOptions {
  logger: Logger
  /** Where the runner's CA bundle is looked for (see caBundle). */
  caBundleCandidates?: string[]
  /** The runner's zoneinfo tree (see zoneinfo). */
  zoneinfoRoot?: string
}

async function kindOf(p: string): Promise<'directory' | 'file' | 'other' | undefined> {
  const st = await stat(p).catch(() => undefined)
  if (!st) return undefined
  return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other'
}

/**
 * A package given as a path on disk (., ./cmd/app, ../tool, main.go); import paths and patterns are Go's to
 * resolve, so they are left to go list.
 */
function localPackage(pkg: string): boolean {
  if (pkg.includes('...') || /\s/.test(pkg)) return false
  return pkg === '.' || pkg === '..' || /^\.\.?\//.test(pkg) || pkg.endsWith('.go')
}

/**
 * The binary name when it is known without go list: binary-name, a .go file's name, or a package path's last
 * element (unless it looks like a major-version suffix, which Go names after the element before it, and that
 * element may be outside the path given).
 */
export function knownBinaryName(
  config: Pick<BuildOptions, 'binaryName' | 'package'>
): string | undefined {
  if (config.binaryName) return config.binaryName
  const pkg = config.package
  if (!localPackage(pkg)) return undefined
  if (pkg.endsWith('.go')) return defaultBinaryName(pkg, pkg)
  const elements = path.posix.normalize(pkg).replace(/\/+$/, '').split('/')
  const last = elements[elements.length - 1] ?? ''
  if (last === '.' || last === '..' || /^v\d+$/.test(last)) return undefined
  return last
}

export async function preflight(config: PreflightInputs, opts: PreflightOptions): Promise<void> {
  const wd = config.workingDirectory
  const wdKind = await kindOf(wd)
  if (wdKind !== 'directory') {
    throw new InputError(
      `working-directory: ${wd} ${wdKind ? 'is not a directory' : 'does not exist'}. Set working-directory to ` +
        `the folder of the Go module, relative to the repository root (e.g. services/api).`
    )
  }

  const pkg = config.package
  if (localPackage(pkg)) {
    const want = pkg.endsWith('.go') ? 'file' : 'directory'
    const have = await kindOf(path.resolve(wd, pkg))
    if (have !== want) {
      throw new InputError(
        `package: '${pkg}' ${have ? `is not a ${want}` : 'does not exist'} in working-directory ${wd}. ` +
          `Set package to the main package's folder relative to working-directory (e.g. ./cmd/app), or to one .go file.`
      )
    }
  }

  // The CA files are read now only to be checked (staging reads them again): a missing PEM should not cost a build.
  const quiet: Logger = { ...opts.logger, info: m => opts.logger.debug(m) }
  const certs = await caBundle({
    caCertificates: config.caCertificates,
    extraCaCertificates: config.extraCaCertificates,
    workingDirectory: wd,
    candidates: opts.caBundleCandidates,
    logger: quiet
  })
  // The zones listed must exist; the layer itself waits for the toolchain, whose zoneinfo.zip may be the
  // smaller choice, so files are checked against zoneinfo after the build (as is the binary's path when only
  // go list knows the name).
  if (config.zoneinfo !== false) {
    const root = opts.zoneinfoRoot ?? '/usr/share/zoneinfo'
    if ((await kindOf(root)) !== 'directory') {
      throw new InputError(
        `zoneinfo: the runner has no ${root}. Install tzdata, or set zoneinfo: false.`
      )
    }
    if (Array.isArray(config.zoneinfo))
      selectZoneinfo(await scanZoneinfo(root), root, config.zoneinfo)
  }
  // A name the package path already gives is refused before Go is installed (go list checks the others).
  const known = knownBinaryName(config)
  if (known && !config.binaryName) checkBinaryName(known, imageTopLevel(config), { pkg })
  const earlier = [certs, systemLayer(config.workdir), homeLayer(config.workdir)].filter(
    (l): l is Layer => !!l
  )
  await filesLayer(config.files, wd, earlier, knownBinaryName(config))
}

/**
 * The first stage: every input the disk can refute is checked before anything is logged in to, downloaded or
 * compiled, for each of package's lines (a run of several images has one per main package).
 */
export function preflightStage(
  o: PreflightInputs & Pick<BuildOptions, 'packages'>,
  opts: PreflightOptions
): StageBody<unknown, void> {
  return {
    run: async () => {
      for (const line of o.packages) await preflight({ ...o, package: line }, opts)
    }
  }
}
