// The mains stage of a run of several images: go list names the main packages package's lines and patterns
// hold, each an image of its own, checked before any package compiles.
import type { GoTool } from '../go/setup.js'
import type { Logger, Runner, StageBody } from '../ports.js'
import { checkBinaryName, imageTopLevel, type ImagePaths } from '../rootfs/binary-name.js'
import { checkImageNames, findMainPackages, type MainTarget } from './targets.js'

export function mainsStage(
  o: {
    workingDirectory: string
    packages: string[]
    binaryName: string
    imageLines: string[]
    compareToLine: string
  },
  paths: ImagePaths,
  ports: { runner: Runner; logger: Logger }
): StageBody<{ go: GoTool }, MainTarget[]> {
  return {
    title: 'Find main packages',
    run: async ({ go }) => {
      const mains = await findMainPackages({
        runner: ports.runner,
        goBin: go.goBin,
        env: go.env,
        cwd: o.workingDirectory,
        packages: o.packages,
        binaryName: o.binaryName
      })
      checkImageNames(o.imageLines, mains, o.compareToLine)
      // Before any package compiles: one named after a path the image needs would ship a broken image.
      if (!o.binaryName)
        for (const m of mains)
          checkBinaryName(m.name, imageTopLevel(paths), {
            pkg: m.importPath,
            several: mains.length > 1
          })
      for (const m of mains) ports.logger.info(`${m.name}: ${m.importPath} (${m.pkg})`)
      return mains
    }
  }
}
