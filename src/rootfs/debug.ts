// The debug layer of the TAG-debug images: a static busybox at /busybox with its applets as links, like distroless :debug.
import { readFile } from 'node:fs/promises'
import { machineMismatch, machineName, readElf } from '../compile/elf.js'
import { platformString, type Platform } from '../platform.js'
import { InputError, type Runner, type StageBody } from '../ports.js'
import { DEFAULT_PATH } from './settings.js'
import { dir, file, symlink, withParents, type ImageSettings, type Layer } from './plan.js'

export const DEBUG_DIR = 'busybox'

/** Refuses a busybox that would not run in a scratch image of this platform: dynamic, or for another machine. */
export function checkBusybox(buf: Buffer, where: string, platform: Platform): void {
  let info
  try {
    info = readElf(buf)
  } catch (e) {
    throw new InputError(
      `debug-busybox: ${where} is not a busybox binary: ${(e as Error).message}.`
    )
  }
  const wrong = machineMismatch(info, platform.architecture)
  if (wrong) {
    throw new InputError(
      `debug-busybox: ${where} is a ${wrong} binary, but the ${platformString(platform)} image needs ` +
        `${machineName(platform.architecture)}. Point debug-busybox at a static busybox for ${platformString(platform)} ` +
        `(e.g. from Debian's busybox-static package of that architecture).`
    )
  }
  if (info.interpreter || info.needed.length) {
    throw new InputError(
      `debug-busybox: ${where} is dynamically linked (${[info.interpreter, ...info.needed].filter(Boolean).join(', ')}), ` +
        `and the image has no C library for it. Use a static busybox (Debian: busybox-static, /bin/busybox).`
    )
  }
}

/**
 * The busybox to use for a platform: debug-busybox when given, else the runner's /bin/busybox for the runner's
 * own architecture; its bytes, checked.
 */
export async function chooseBusybox(o: {
  platform: Platform
  runnerArch: string
  input?: string
  runnerBusybox?: string
}): Promise<{ path: string; bytes: Buffer }> {
  const name = platformString(o.platform)
  const p =
    o.input ??
    (o.platform.architecture === o.runnerArch ? (o.runnerBusybox ?? '/bin/busybox') : undefined)
  if (!p) {
    throw new InputError(
      `debug-busybox: debug: true for ${name} needs a static busybox for ${name}, and this runner is ${o.runnerArch}. ` +
        `Set debug-busybox to one (e.g. /bin/busybox from Debian's busybox-static:${name.split('/')[1]} package).`
    )
  }
  const bytes = await readFile(p).catch(() => undefined)
  if (!bytes) {
    throw new InputError(
      `debug-busybox: ${p} cannot be read. ${o.input ? 'Correct debug-busybox' : 'Install busybox-static (sudo apt-get install busybox-static)'}, ` +
        `which provides a static /bin/busybox.`
    )
  }
  checkBusybox(bytes, p, o.platform)
  return { path: p, bytes }
}

/** The applets busybox was built with (busybox --list), when it runs here; else just sh. */
export async function busyboxApplets(
  runner: Runner,
  busybox: string,
  runs: boolean
): Promise<string[]> {
  if (!runs) return ['sh']
  const res = await runner.run(busybox, ['--list'], { silent: true }).catch(() => undefined)
  const names = (res?.exitCode === 0 ? res.stdout : '')
    .split('\n')
    .map(s => s.trim())
    .filter(s => /^[A-Za-z0-9._[-]+$/.test(s) && s !== 'busybox')
  return names.length ? [...new Set(names)].sort() : ['sh']
}

/** /busybox/busybox and a link per applet; busybox picks the applet from the name it is called by. */
export function debugLayer(busybox: { path: string; bytes: Buffer }, applets: string[]): Layer {
  const entries = [
    dir(DEBUG_DIR),
    file(`${DEBUG_DIR}/busybox`, busybox.path, busybox.bytes.length, 0o755),
    ...applets.map(a => symlink(`${DEBUG_DIR}/${a}`, 'busybox'))
  ]
  return { name: 'debug', entries: withParents(entries) }
}

/** The image's PATH with /busybox after its own directories, so the image's programs win. */
export function debugSettings(settings: ImageSettings): ImageSettings {
  const env = [...settings.env]
  const at = env.findIndex(e => e.startsWith('PATH='))
  const current = at >= 0 ? env[at]! : DEFAULT_PATH
  const value = `${current}${current === 'PATH=' ? '' : ':'}/${DEBUG_DIR}`
  if (at >= 0) env[at] = value
  else env.unshift(value)
  return { ...settings, env }
}

/** debug: true: each platform's busybox (by platform string), checked static and for its machine, and its applets. */
export type Busyboxes = Map<string, { path: string; bytes: Buffer; applets: string[] }>

/**
 * Chooses every platform's busybox before Go is installed (goVersion waits for it): a busybox that cannot run in
 * the image is an input error, not a late failure. The stage is left out without debug.
 */
export function busyboxStage(
  o: { platforms: Platform[]; debugBusybox?: string },
  ports: { runner: Runner; runnerArch: string }
): StageBody<unknown, Busyboxes> {
  return {
    run: async () => {
      const out: Busyboxes = new Map()
      for (const platform of o.platforms) {
        const busybox = await chooseBusybox({
          platform,
          runnerArch: ports.runnerArch,
          input: o.debugBusybox
        })
        const applets = await busyboxApplets(
          ports.runner,
          busybox.path,
          platform.architecture === ports.runnerArch
        )
        out.set(platformString(platform), { ...busybox, applets })
      }
      return out
    }
  }
}
