// Restores and saves Go's build and module caches with the Actions cache, keyed so a changed go.sum still starts warm.
import { createHash } from 'node:crypto'
import { glob, readFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError, type BuildCache, type Logger, type Runner } from '../ports.js'

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
  /** cache: read: restored, never saved (pull requests must not fill the cache). */
  readOnly?: boolean
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The primary key and the restore keys, most specific first. */
export function cacheKeys(i: CacheKeyInput): { key: string; restoreKeys: string[] } {
  const platforms = sha([...i.platforms].sort().join(',')).slice(0, 12)
  const prefix = `go-scratch-image-${i.os}-${i.arch}-go${i.goVersion}-${platforms}-`
  return { key: `${prefix}${i.modulesHash}`, restoreKeys: [prefix] }
}

/**
 * Hash of go.sum and go.mod; either may be missing (no dependencies, or a single-file main). With
 * cache-dependency-path, the hash of every file its globs match instead (a monorepo's several go.sum), each
 * named by its path, so moving a file changes the key too.
 */
export async function modulesHash(workdir: string, globs: string[] = []): Promise<string> {
  if (!globs.length) {
    const read = (name: string): Promise<string> =>
      readFile(path.join(workdir, name), 'utf8').catch(() => '')
    return sha(`go.sum\n${await read('go.sum')}\ngo.mod\n${await read('go.mod')}`).slice(0, 32)
  }
  const files = new Set<string>()
  for (const pattern of globs) {
    const before = files.size
    for await (const f of glob(pattern)) files.add(path.resolve(f))
    if (files.size === before) {
      throw new InputError(
        `cache-dependency-path: '${pattern}' matches no file. Give globs of go.sum files relative to the workspace, e.g. **/go.sum.`
      )
    }
  }
  const hash = createHash('sha256')
  for (const f of [...files].sort()) {
    const text = await readFile(f, 'utf8').catch(() => undefined)
    // A glob that matches a folder names no dependencies of its own.
    // Named relative to the module, so runners with other workspace paths share the key.
    if (text !== undefined) hash.update(`${path.relative(workdir, f)}\n${text.length}\n${text}`)
  }
  return hash.digest('hex').slice(0, 32)
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
    /** cache: read. */
    readOnly?: boolean
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
    return { key, paths, matchedKey, ...(o.readOnly ? { readOnly: true } : {}) }
  } catch (e) {
    o.logger.warning(
      `cache: restoring Go caches failed (${(e as Error).message}); building without them.`
    )
    return { key, paths, ...(o.readOnly ? { readOnly: true } : {}) }
  }
}

export async function saveGoCache(
  cache: BuildCache,
  state: CacheState,
  logger: Logger
): Promise<void> {
  if (state.readOnly) {
    logger.info(`cache: read: Go caches are not saved (the key would be ${state.key}).`)
    return
  }
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
