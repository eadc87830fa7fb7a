// Turns on V8's compile cache for the bundle (module.enableCompileCache, Node 22.1+), in the tool cache, so a
// second step on the runner starts without compiling the bundle's 3 MB again.
import module from 'node:module'
import path from 'node:path'
import { toolCacheDir } from './tool-cache-dir.js'

/**
 * The cache's folder: beside the Go installs and the layer cache in the tool cache (RUNNER_TOOL_CACHE), which a
 * self-hosted runner keeps and a hosted one keeps for the job's later steps and the post step.
 */
export function compileCacheDir(env: Record<string, string | undefined>): string {
  return path.join(toolCacheDir(env), 'go-scratch-image-compile-cache')
}

/**
 * Turns the cache on, silently: a Node without it, NODE_DISABLE_COMPILE_CACHE, or a folder it cannot write leaves
 * the run as it was, only slower to start. V8 checks each entry against the source's hash, so a new bundle never
 * runs stale code.
 */
export function compileCache(env: Record<string, string | undefined>): void {
  try {
    const enable = (module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache
    enable?.(compileCacheDir(env))
  } catch {
    // Only a cache.
  }
}
