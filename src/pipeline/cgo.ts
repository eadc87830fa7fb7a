// The cgo and debug stages: each platform's C toolchain before the build, the libraries layer after it, and the -debug images beside the push.
import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { cgoBuild, type CgoBuild, type CgoProbe } from '../compile/cgo.js'
import { defaultLibraryDirs, libraryClosure } from '../compile/closure.js'
import type { BuildSettings } from '../compile/command.js'
import { readElf } from '../compile/elf.js'
import { rootFs } from '../compile/library-fs.js'
import { platformString } from '../platform.js'
import type { PipelineOptions } from './options.js'
import { runnerGoArch } from '../go/install.js'
import { buildImage, topLevel, withManifest, type Blob, type BuiltImage } from '../oci/image.js'
import type { LayerCompressor } from '../oci/layer-compressor.js'
import type { Deps } from './deps.js'
import type { Runner } from '../ports.js'
import { pushImages } from '../registry/push.js'
import { platformSize, sizeTable, formatBytes } from '../report/size.js'
import { busyboxApplets, chooseBusybox, debugLayer, debugSettings } from '../rootfs/debug.js'
import { debianOwners, librariesLayer } from '../rootfs/libraries.js'
import { orderLayers, type Layer } from '../rootfs/plan.js'
import { stageOf, type Stage } from './graph.js'
import type { Outputs } from './stages.js'

export interface CgoOutputs {
  /** Each platform's cgo build (by platform string); empty with cgo: off. */
  cgo: Map<string, CgoBuild>
  /** cgo: dynamic: each platform's libraries layer (by platform string). */
  libraries: Map<string, Layer>
  /** debug: true: each platform's busybox (by platform string), checked static and for its machine, and its applets. */
  busybox: Map<string, { path: string; bytes: Buffer; applets: string[] }> | undefined
  /** debug: true: the TAG-debug images (the image plus busybox), with their sizes. */
  debugImages: { images: BuiltImage[]; top: Blob } | undefined
  /** Whether the -debug images were pushed (by digest: the tag stage writes the TAG-debug tags). */
  debugPush: boolean
}

/** The build settings of a cgo build: its flags after the user's ldflags, its tags beside the user's (its env goes to buildEnv). */
export function cgoSettings(settings: BuildSettings, cgo: CgoBuild | undefined): BuildSettings {
  if (!cgo) return settings
  const tags = [
    ...settings.buildTags.split(/[\s,]+/).filter(Boolean),
    ...cgo.tags.filter(t => !settings.buildTags.split(/[\s,]+/).includes(t))
  ]
  return {
    ...settings,
    ldflags: [settings.ldflags.trim(), cgo.ldflags].filter(Boolean).join(' '),
    buildTags: tags.join(',')
  }
}

/** Looks commands up on PATH and asks a compiler for a file, through the runner. */
export function cgoProbe(runner: Runner, env: Record<string, string | undefined>): CgoProbe {
  const dirs = (env.PATH ?? '').split(':').filter(Boolean)
  return {
    which: async command => {
      if (command.includes('/'))
        return access(command).then(
          () => true,
          () => false
        )
      for (const d of dirs)
        if (
          await access(path.join(d, command)).then(
            () => true,
            () => false
          )
        )
          return true
      return false
    },
    printFileName: async (cc, file) => {
      const [cmd, ...args] = cc.split(/\s+/)
      const res = await runner
        .run(cmd!, [...args, `-print-file-name=${file}`], { silent: true })
        .catch(() => undefined)
      const out = res?.exitCode === 0 ? res.stdout.trim() : ''
      // A compiler that has no such file prints the bare name back.
      return path.isAbsolute(out) ? out : undefined
    }
  }
}

/** The toolchain stage, the libraries layer and the debug images; their outputs are part of Outputs. */
export function cgoStages(
  o: PipelineOptions,
  deps: Deps,
  compressor: LayerCompressor
): Stage<Outputs>[] {
  const stage = stageOf<Outputs>()
  const { logger } = deps
  const runnerArch = runnerGoArch(deps.nodeArch)
  return [
    // Before the build: a missing cross compiler or static C library is an input error, not a failed link.
    stage('cgo', ['go'], {
      title: () =>
        o.build.cgo === 'off' ? undefined : `Choose the C toolchain (cgo: ${o.build.cgo})`,
      run: async ({ go }) => {
        const out = new Map<string, CgoBuild>()
        if (o.build.cgo === 'off') return out
        const probe = cgoProbe(deps.runner, go.env)
        for (const platform of o.build.platforms) {
          const b = await cgoBuild({
            mode: o.build.cgo,
            platform,
            runnerArch,
            cc: o.build.cc,
            sysroot: o.build.cgoSysroot,
            probe
          })
          if (!b) continue
          for (const n of b.notes) logger.info(`${platformString(platform)}: ${n}`)
          out.set(platformString(platform), b)
        }
        return out
      }
    }),

    stage('libraries', ['binaries', 'cgo', 'main'], {
      title: () => (o.build.cgo === 'dynamic' ? 'Stage the shared libraries' : undefined),
      run: async ({ binaries, cgo, main }) => {
        const out = new Map<string, Layer>()
        for (const platform of o.build.platforms) {
          const name = platformString(platform)
          const build = cgo.get(name)
          if (build?.mode !== 'dynamic' || !build.root) continue
          const bin = binaries.get(name)!
          const elf = await readFile(bin.path)
          const closure = await libraryClosure({
            fs: rootFs(build.root),
            binary: { name: main.binaryName, imagePath: `/${main.binaryName}`, elf },
            architecture: platform.architecture,
            defaultDirs: defaultLibraryDirs(platform.architecture, readElf(elf).bits),
            ldSoConf: true
          })
          const layer = librariesLayer(closure, build.root)
          const sizes = new Map(closure.files.map(f => [f.path, f.size]))
          for (const l of closure.libraries) {
            const size = sizes.get(l.realPath) ?? 0
            const at = l.path === l.realPath ? l.path : `${l.path} -> ${l.realPath}`
            logger.info(
              `${name}: ${l.name.padEnd(28)} ${at} (${formatBytes(size)}), needed by ${l.neededBy.join(', ')}`
            )
          }
          for (const c of closure.cycles)
            logger.info(`${name}: a dependency cycle, loaded once: ${c.join(' -> ')}`)
          if (closure.nsswitch) {
            logger.info(
              `${name}: /etc/nsswitch.conf (${closure.nsswitch.trim().replace(/\n/g, '; ')}): ${main.binaryName} looks ` +
                `up users or hosts through the C library`
            )
          }
          // The runner's own packages: dpkg knows who owns each file. A sysroot has no dpkg database to ask.
          if (build.root === '/') {
            const packages = await debianOwners(deps.runner, closure.libraries)
            if (packages.length) {
              layer.packages = packages
              logger.info(
                `${name}: from the Debian packages ${packages.map(p => p.name).join(', ')}`
              )
            }
          }
          out.set(name, layer)
        }
        return out
      }
    }),

    // Checked before Go is installed (goVersion waits for it): a busybox that cannot run in the image is an input
    // error, not a late failure. After the logins, so that their groups still open the log.
    stage('busybox', ['login', 'mirrors'], {
      run: async () => {
        if (!o.image.debug) return undefined
        const out = new Map<string, { path: string; bytes: Buffer; applets: string[] }>()
        for (const platform of o.build.platforms) {
          const busybox = await chooseBusybox({ platform, runnerArch, input: o.image.debugBusybox })
          const applets = await busyboxApplets(
            deps.runner,
            busybox.path,
            platform.architecture === runnerArch
          )
          out.set(platformString(platform), { ...busybox, applets })
        }
        return out
      }
    }),

    // The debug images share every layer with the lean ones and add one: the push uploads only busybox.
    stage('debugImages', ['plans', 'source', 'busybox'], {
      title: () => (o.image.debug ? 'Assemble the -debug images (busybox)' : undefined),
      run: async ({ plans, source, busybox: chosen }) => {
        if (!chosen) return undefined
        const built = await Promise.all(
          plans.map(async ({ platform, plan }) => {
            const busybox = chosen.get(platformString(platform))!
            const applets = busybox.applets
            const debugPlan = {
              layers: orderLayers([...plan.layers, debugLayer(busybox, applets)]),
              image: debugSettings(plan.image)
            }
            logger.info(
              `${platformString(platform)}: busybox from ${busybox.path} at /busybox with ${applets.length} applets`
            )
            return buildImage(debugPlan, platform, source.epoch, { compressor })
          })
        )
        const images =
          o.image.mediaTypes === 'docker' ? built.map(i => withManifest(i, 'docker')) : built
        for (const i of images)
          logger.info(`With busybox (the -debug tags):\n${sizeTable(platformSize(i))}`)
        return { images, top: topLevel(images) }
      }
    }),

    // After the lean image, by digest: the tag stage writes TAG-debug after the lean tags.
    stage('debugPush', ['push', 'login', 'debugImages'], {
      title: ({ push, debugImages }) =>
        push && debugImages ? 'Push the -debug images' : undefined,
      run: async ({ push, login: client, debugImages }) => {
        if (!push || !client || !debugImages) return false
        const r = await pushImages(client, debugImages.images, debugImages.top, [], logger)
        logger.info(
          `${debugImages.top.digest} pushed untagged; blobs ${r.uploaded} uploaded, ${r.skipped} already present`
        )
        return true
      }
    })
  ]
}
