// Restores and saves Go's build and module caches with the Actions cache, keyed so a changed go.sum still starts warm.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BuildCache, Logger, Runner } from '../ports.js'

export interface CacheKeyInput {
  os: string
  arch: string
  goVersion: string
  platforms: string[]
  /** Hash of go.sum and go.mod. */
  modulesHash: string
}

export interface CacheState {
  key: string
  paths: string[]
  /** The key a restore matched, if any; equal to key means nothing new to save. */
  matchedKey?: string
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The primary key and the restore keys, most specific first. */
export function cacheKeys(i: CacheKeyInput): { key: string; restoreKeys: string[] } {
  const platforms = sha([...i.platforms].sort().join(',')).slice(0, 12)
  const prefix = `go-scratch-image-${i.os}-${i.arch}-go${i.goVersion}-${platforms}-`
  return { key: `${prefix}${i.modulesHash}`, restoreKeys: [prefix] }
}

/** Hash of go.sum and go.mod; either may be missing (no dependencies, or a single-file main). */
export async function modulesHash(workdir: string): Promise<string> {
  const read = (name: string): Promise<string> =>
    readFile(path.join(workdir, name), 'utf8').catch(() => '')
  return sha(`go.sum\n${await read('go.sum')}\ngo.mod\n${await read('go.mod')}`).slice(0, 32)
}

export async function restoreGoCache(
  cache: BuildCache,
  o: {
    runner: Runner
    goBin: string
    env: Record<string, string>
    workdir: string
    keys: CacheKeyInput
    logger: Logger
  }
): Promise<CacheState | undefined> {
  if (!cache.isAvailable()) {
    o.logger.warning(
      'cache: the Actions cache service is not available to this job; Go builds without a restored cache.'
    )
    return undefined
  }
  const res = await o.runner.run(o.goBin, ['env', 'GOCACHE', 'GOMODCACHE'], {
    cwd: o.workdir,
    env: o.env,
    silent: true
  })
  const paths = res.stdout
    .split('\n')
    .map(s => s.trim())
    .filter(Boolean)
  if (res.exitCode !== 0 || paths.length !== 2) {
    o.logger.warning(
      `cache: go env did not name GOCACHE and GOMODCACHE (${res.stderr.trim()}); not caching.`
    )
    return undefined
  }
  const { key, restoreKeys } = cacheKeys(o.keys)
  try {
    const matchedKey = await cache.restore(paths, key, restoreKeys)
    o.logger.info(
      matchedKey ? `Go caches restored from ${matchedKey}` : `No Go cache for ${key} yet`
    )
    return { key, paths, matchedKey }
  } catch (e) {
    o.logger.warning(
      `cache: restoring Go caches failed (${(e as Error).message}); building without them.`
    )
    return { key, paths }
  }
}

export async function saveGoCache(
  cache: BuildCache,
  state: CacheState,
  logger: Logger
): Promise<void> {
  if (state.matchedKey === state.key) {
    logger.info(`Go caches were restored from ${state.key}; nothing new to save.`)
    return
  }
  try {
    await cache.save(state.paths, state.key)
    logger.info(`Go caches saved as ${state.key}`)
  } catch (e) {
    logger.warning(
      `cache: saving Go caches failed (${(e as Error).message}); the next run starts cold.`
    )
  }
}
