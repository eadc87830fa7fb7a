// Runs commands nobody waits for (the package measurement's relink) at a lower CPU priority, so on a busy runner
// they take the time the image's compression leaves rather than half of it.
import type { Runner } from '../ports.js'

/** nice(1)'s scale: 10 gives the command about a tenth of a core's share against normal-priority work. */
export const BACKGROUND_NICENESS = 10

/**
 * runner, with every command started through `nice -n 10` (coreutils on Linux, BSD nice on macOS; the niceness
 * passes on to go's compile and link children). Where nice is missing (Windows, a bare container) the command runs
 * as it is: exec cannot find nice, or nice answers 127, and the plain command is started instead.
 */
export function backgroundRunner(runner: Runner, platform: string = process.platform): Runner {
  if (platform === 'win32') return runner
  return {
    async run(command, args, options) {
      const niced = await runner
        .run('nice', ['-n', String(BACKGROUND_NICENESS), command, ...args], options)
        .catch(() => undefined)
      return niced && niced.exitCode !== 127 ? niced : runner.run(command, args, options)
    }
  }
}
