// Each platform's C toolchain for cgo: whether the cross compiler and the static C library are there (before the
// build: a missing one is an input error, not a failed link), and the build settings a cgo build adds.
import { access } from 'node:fs/promises'
import path from 'node:path'
import type { GoTool } from '../go/setup.js'
import { runnerGoArch } from '../go/install.js'
import { platformString } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import type { BuildOptions, CgoBuilds } from './build-options.js'
import { cgoBuild, type CgoBuild, type CgoProbe } from './cgo.js'
import type { BuildSettings } from './command.js'

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

/** The C toolchain of every platform (cgo: static or dynamic); the stage is left out with cgo: off. */
export function cgoStage(
  o: Pick<BuildOptions, 'cgo' | 'platforms' | 'cc' | 'cgoSysroot'>,
  ports: { runner: Runner; nodeArch: string; logger: Logger }
): StageBody<{ go: GoTool }, CgoBuilds> {
  const runnerArch = runnerGoArch(ports.nodeArch)
  return {
    title: o.cgo === 'off' ? undefined : `Choose the C toolchain (cgo: ${o.cgo})`,
    run: async ({ go }) => {
      const out = new Map<string, CgoBuild>()
      if (o.cgo === 'off') return out
      const probe = cgoProbe(ports.runner, go.env)
      for (const platform of o.platforms) {
        const b = await cgoBuild({
          mode: o.cgo,
          platform,
          runnerArch,
          cc: o.cc,
          sysroot: o.cgoSysroot,
          probe
        })
        if (!b) continue
        for (const n of b.notes) ports.logger.info(`${platformString(platform)}: ${n}`)
        out.set(platformString(platform), b)
      }
      return out
    }
  }
}
