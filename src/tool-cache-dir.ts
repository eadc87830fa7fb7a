// Where the action keeps what outlives a run (Go, the layer cache, the compile cache): a module of its own, so the
// entry point finds it before loading the rest of the bundle.
import os from 'node:os'
import path from 'node:path'

/** RUNNER_TOOL_CACHE on a runner; elsewhere a folder of ours, so a second run finds Go installed. */
export function toolCacheDir(env: Record<string, string | undefined>): string {
  return (
    env.RUNNER_TOOL_CACHE || path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache')
  )
}
