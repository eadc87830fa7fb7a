// binary-name, given or derived from the package: a file name at the image root that takes no top-level path the image or a runtime needs.
import { inspectMainPackage, type MainPackage } from '../compile/compile.js'
import type { GoTool } from '../go/setup.js'
import { InputError, type Runner, type StageBody } from '../ports.js'
import { DEBUG_DIR } from './debug.js'
import { CA_BUNDLE_PATH, homeLayer, systemLayer, ZONEINFO_PATH, ZONEINFO_ZIP_PATH } from './plan.js'

/** What runtimes put at the top of every container's filesystem, whatever the image holds. */
const RUNTIME_PATHS: Record<string, string> = {
  proc: 'runtimes mount procfs there',
  sys: 'runtimes mount sysfs there',
  dev: 'runtimes mount the device nodes there',
  run: 'Podman writes /run/.containerenv and mounts /run/secrets',
  var: 'Kubernetes mounts the service-account token at /var/run/secrets'
}

/** The inputs that decide the image's top-level paths (Config has them all). */
export interface ImagePaths {
  workdir: string
  zoneinfo: true | false | string[]
  caCertificates: string
  extraCaCertificates: string[]
  debug: boolean
}

/** OCI layers read a name starting with this as "delete the rest of the name from the layers below". */
const WHITEOUT = '.wh.'
/** NAME_MAX: the longest file name Linux file systems take, in bytes. */
const NAME_MAX = 255

/**
 * Each top-level path of the image the file plan makes, and why the image needs it. The files input is left to
 * its own check (src/rootfs/files.ts), whose message names the files line as well as the binary.
 */
export function imageTopLevel(o: ImagePaths): Map<string, string> {
  const out = new Map<string, string>()
  const claim = (top: string | undefined, why: string): void => {
    if (top && !out.has(top)) out.set(top, why)
  }
  const planned = [systemLayer(o.workdir), homeLayer(o.workdir)].flatMap(l => l.entries)
  for (const e of planned) {
    if (e.path.includes('/')) continue
    // The deepest path planned under it says best what the directory is for.
    const under = planned.filter(x => x.path.startsWith(`${e.path}/`)).pop()
    claim(e.path, under ? `the directory that holds /${under.path}` : `the directory /${e.path}`)
  }
  if (o.caCertificates !== 'none' || o.extraCaCertificates.length)
    claim(CA_BUNDLE_PATH.split('/')[0], `the CA bundle goes to /${CA_BUNDLE_PATH}`)
  if (o.zoneinfo !== false)
    claim(
      ZONEINFO_PATH.split('/')[0],
      `zoneinfo goes to /${ZONEINFO_PATH} or /${ZONEINFO_ZIP_PATH}`
    )
  if (o.debug) claim(DEBUG_DIR, `the busybox of the -debug image`)
  for (const [top, why] of Object.entries(RUNTIME_PATHS)) claim(top, why)
  return out
}

/** A free name close to the one refused, for the message: its plain last element, else that with -app. */
function suggestion(name: string, taken: ReadonlyMap<string, string>): string {
  const plain = (name.split('/').filter(Boolean).pop() ?? '')
    .replace(/^(\.wh\.)+/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
  const candidates = [plain === name ? '' : plain, plain && `${plain}-app`]
  return candidates.find(c => c && Buffer.byteLength(c) <= NAME_MAX && !taken.has(c)) ?? 'app'
}

/**
 * Refuses a binary name the image cannot hold at its root: `.`, `..`, a whiteout name, one too long, or a top-level
 * path the image or a runtime needs. from names the package a derived name comes from (several: one of the main
 * packages of a monorepo run, where binary-name cannot name just one); without it the name was given as
 * binary-name, which must also be a plain file name.
 */
export function checkBinaryName(
  name: string,
  taken: ReadonlyMap<string, string>,
  from?: { pkg: string; several?: boolean }
): void {
  const subject = from
    ? `the binary is named '${name}' after the package ${from.pkg}, and`
    : `'${name}'`
  const better = `binary-name: ${suggestion(name, taken)}`
  const fix = from?.several
    ? `Build that package in a step of its own with binary-name (e.g. ${better}), or rename its folder.`
    : `Set binary-name to another name, e.g. ${better}.`
  const refuse = (why: string): never => {
    throw new InputError(`binary-name: ${subject} ${why} ${fix}`)
  }
  if (!from && !/^[A-Za-z0-9._-]+$/.test(name))
    refuse(`is not a plain file name (letters, digits, '.', '_', '-').`)
  if (name === '.' || name === '..')
    refuse(`is not a file name: /${name} is the image root${name === '..' ? "'s parent" : ''}.`)
  if (name.startsWith(WHITEOUT))
    refuse(
      `starts with ${WHITEOUT}, which OCI layers read as deleting /${name.slice(WHITEOUT.length)}.`
    )
  if (Buffer.byteLength(name) > NAME_MAX)
    refuse(`is longer than the ${NAME_MAX} bytes a file name may have.`)
  const why = taken.get(name)
  if (why !== undefined)
    refuse(`would put the binary at /${name}, a path the image needs (${why}).`)
}

/** binary-name as given: empty (named after the package), or a plain file name that collides with nothing. */
export function parseBinaryName(raw: string, taken: ReadonlyMap<string, string>): string {
  const name = raw.trim()
  if (name) checkBinaryName(name, taken)
  return name
}

/**
 * The main package's import path and the binary's name: binary-name, else the package's, refused here (before
 * the compile) when the image needs that path.
 */
export function mainStage(
  o: { workingDirectory: string; package: string; binaryName: string },
  paths: ImagePaths,
  runner: Runner
): StageBody<{ go: GoTool }, MainPackage> {
  return {
    run: async ({ go }) => {
      const main = await inspectMainPackage(runner, go.goBin, go.env, o.workingDirectory, o.package)
      if (!o.binaryName)
        checkBinaryName(main.binaryName, imageTopLevel(paths), { pkg: main.importPath })
      return { importPath: main.importPath, binaryName: o.binaryName || main.binaryName }
    }
  }
}
