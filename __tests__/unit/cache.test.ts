import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  cacheKeys,
  modulesHash,
  restoreGoCache,
  saveGoCache,
  type CacheKeyInput,
  type CacheState
} from '../../src/go/cache.js'
import type { BuildCache, CommandResult, Logger, RunOptions, Runner } from '../../src/ports.js'
import { fakeLogger, tempDir } from './helpers.js'

interface FakeCache extends BuildCache {
  restores: { paths: string[]; key: string; restoreKeys: string[] }[]
  saves: { paths: string[]; key: string }[]
}

/** A cache service: its restore answers (or throws) as told, and both calls are recorded. */
function fakeCache(
  o: {
    available?: boolean
    restore?: (key: string, restoreKeys: string[]) => string | undefined
    save?: () => void
  } = {}
): FakeCache {
  const restores: FakeCache['restores'] = []
  const saves: FakeCache['saves'] = []
  return {
    restores,
    saves,
    isAvailable: () => o.available ?? true,
    restore: async (paths, key, restoreKeys) => {
      restores.push({ paths, key, restoreKeys })
      return o.restore ? o.restore(key, restoreKeys) : undefined
    },
    save: async (paths, key) => {
      saves.push({ paths, key })
      o.save?.()
    }
  }
}

function fakeRunner(result: Partial<CommandResult>): {
  runner: Runner
  calls: { command: string; args: string[]; options?: RunOptions }[]
} {
  const calls: { command: string; args: string[]; options?: RunOptions }[] = []
  return {
    calls,
    runner: {
      run: async (command, args, options) => {
        calls.push({ command, args, options })
        return { exitCode: 0, stdout: '', stderr: '', ...result }
      }
    }
  }
}

const KEYS: CacheKeyInput = {
  os: 'linux',
  arch: 'x64',
  goVersion: '1.22.5',
  platforms: ['linux/amd64', 'linux/arm64'],
  modulesHash: 'abcdef0123456789abcdef0123456789'
}

describe('cacheKeys', () => {
  it('keys on OS, arch, Go version and platforms, then the modules hash', () => {
    const { key, restoreKeys } = cacheKeys(KEYS)
    expect(key).toMatch(
      /^go-scratch-image-linux-x64-go1\.22\.5-[0-9a-f]{12}-abcdef0123456789abcdef0123456789$/
    )
    expect(restoreKeys).toHaveLength(1)
    // The restore key is the key without the modules hash: a changed go.sum still starts warm.
    expect(key.startsWith(restoreKeys[0] as string)).toBe(true)
    expect(key.slice((restoreKeys[0] as string).length)).toBe(KEYS.modulesHash)
  })

  it('does not depend on the order of the platforms, nor change the input', () => {
    const platforms = ['linux/arm64', 'linux/amd64']
    expect(cacheKeys({ ...KEYS, platforms })).toEqual(cacheKeys(KEYS))
    expect(platforms).toEqual(['linux/arm64', 'linux/amd64'])
  })

  it.each<[string, Partial<CacheKeyInput>]>([
    ['os', { os: 'darwin' }],
    ['arch', { arch: 'arm64' }],
    ['Go version', { goVersion: '1.22.6' }],
    ['Go version that extends this one', { goVersion: '1.22.50' }],
    ['platforms', { platforms: ['linux/amd64'] }],
    ['platform variant', { platforms: ['linux/amd64/v3', 'linux/arm64'] }]
  ])('a different %s gives a key the restore keys cannot reach', (_what, change) => {
    const mine = cacheKeys(KEYS)
    const theirs = cacheKeys({ ...KEYS, ...change })
    expect(theirs.key).not.toBe(mine.key)
    for (const prefix of mine.restoreKeys) expect(theirs.key.startsWith(prefix)).toBe(false)
    for (const prefix of theirs.restoreKeys) expect(mine.key.startsWith(prefix)).toBe(false)
  })

  it('a different modules hash changes the key but keeps the restore keys', () => {
    const other = cacheKeys({ ...KEYS, modulesHash: 'ffff' })
    expect(other.key).not.toBe(cacheKeys(KEYS).key)
    expect(other.restoreKeys).toEqual(cacheKeys(KEYS).restoreKeys)
  })

  it('keeps keys valid for the cache service: no commas, at most 512 characters', () => {
    const many = ['amd64', 'arm64', 'arm/v6', 'arm/v7', '386', 'ppc64le', 's390x', 'riscv64']
    const { key, restoreKeys } = cacheKeys({
      ...KEYS,
      platforms: many.map(a => `linux/${a}`),
      goVersion: '1.23.0-rc.1'
    })
    for (const k of [key, ...restoreKeys]) {
      expect(k).not.toContain(',')
      expect(k.length).toBeLessThanOrEqual(512)
    }
  })
})

describe('modulesHash', () => {
  let dir = ''
  let cleanup: () => Promise<void> = async () => undefined
  beforeEach(async () => ({ dir, cleanup } = await tempDir('gsi-cache-')))
  afterEach(() => cleanup())

  const GO_MOD = 'module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n'
  const GO_SUM = 'golang.org/x/text v0.14.0 h1:abc=\ngolang.org/x/text v0.14.0/go.mod h1:def=\n'

  it('is 32 hex characters and the same for the same files', async () => {
    await writeFile(path.join(dir, 'go.mod'), GO_MOD)
    await writeFile(path.join(dir, 'go.sum'), GO_SUM)
    const h = await modulesHash(dir)
    expect(h).toMatch(/^[0-9a-f]{32}$/)
    expect(await modulesHash(dir)).toBe(h)
  })

  it('changes when go.sum changes, and when go.mod changes', async () => {
    await writeFile(path.join(dir, 'go.mod'), GO_MOD)
    await writeFile(path.join(dir, 'go.sum'), GO_SUM)
    const before = await modulesHash(dir)
    await writeFile(path.join(dir, 'go.sum'), `${GO_SUM}golang.org/x/net v0.1.0 h1:x=\n`)
    const afterSum = await modulesHash(dir)
    expect(afterSum).not.toBe(before)
    await writeFile(path.join(dir, 'go.mod'), GO_MOD.replace('go 1.22', 'go 1.23'))
    expect(await modulesHash(dir)).not.toBe(afterSum)
  })

  it('works without go.sum (a module with no dependencies)', async () => {
    await writeFile(path.join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.22\n')
    const h = await modulesHash(dir)
    expect(h).toMatch(/^[0-9a-f]{32}$/)
    await writeFile(path.join(dir, 'go.sum'), GO_SUM)
    expect(await modulesHash(dir)).not.toBe(h)
  })

  it('works with neither file (a single-file main), and ignores other files', async () => {
    const h = await modulesHash(dir)
    expect(h).toMatch(/^[0-9a-f]{32}$/)
    await writeFile(path.join(dir, 'main.go'), 'package main\nfunc main() {}\n')
    expect(await modulesHash(dir)).toBe(h)
  })

  it('tells go.sum and go.mod apart', async () => {
    await writeFile(path.join(dir, 'go.mod'), 'same text\n')
    const inMod = await modulesHash(dir)
    const { dir: other, cleanup: cleanOther } = await tempDir('gsi-cache-')
    try {
      await writeFile(path.join(other, 'go.sum'), 'same text\n')
      expect(await modulesHash(other)).not.toBe(inMod)
    } finally {
      await cleanOther()
    }
  })

  it('is the same for a missing directory as for an empty one', async () => {
    expect(await modulesHash(path.join(dir, 'nope'))).toBe(await modulesHash(dir))
  })
})

describe('restoreGoCache', () => {
  const GOBIN = '/tc/go/1.22.5/x64/bin/go'
  const ENV = { PATH: '/usr/bin', GOTOOLCHAIN: 'local' }
  const PATHS = ['/home/runner/.cache/go-build', '/home/runner/go/pkg/mod']
  const opts = (runner: Runner, logger: Logger) => ({
    runner,
    goBin: GOBIN,
    env: ENV,
    workdir: '/src/app',
    keys: KEYS,
    logger
  })

  it('asks go env for the two cache paths and restores them under the keys', async () => {
    const { runner, calls } = fakeRunner({ stdout: `${PATHS[0]}\n${PATHS[1]}\n` })
    const cache = fakeCache({ restore: (_k, rk) => `${rk[0]}older` })
    const logger = fakeLogger()
    const state = await restoreGoCache(cache, opts(runner, logger))

    expect(calls).toEqual([
      {
        command: GOBIN,
        args: ['env', 'GOCACHE', 'GOMODCACHE'],
        options: { cwd: '/src/app', env: ENV, silent: true }
      }
    ])
    const { key, restoreKeys } = cacheKeys(KEYS)
    expect(cache.restores).toEqual([{ paths: PATHS, key, restoreKeys }])
    expect(state).toEqual({ key, paths: PATHS, matchedKey: `${restoreKeys[0]}older` })
    expect(logger.infos.join('\n')).toContain(`Go caches restored from ${restoreKeys[0]}older`)
    expect(logger.warnings).toEqual([])
  })

  it('reports a miss and still returns the key to save under', async () => {
    const { runner } = fakeRunner({ stdout: PATHS.join('\n') })
    const logger = fakeLogger()
    const state = await restoreGoCache(fakeCache(), opts(runner, logger))
    const { key } = cacheKeys(KEYS)
    expect(state).toEqual({ key, paths: PATHS, matchedKey: undefined })
    expect(logger.infos).toContain(`No Go cache for ${key} yet`)
    expect(logger.warnings).toEqual([])
  })

  it('warns and skips everything when the cache service is not available', async () => {
    const { runner, calls } = fakeRunner({ stdout: PATHS.join('\n') })
    const cache = fakeCache({ available: false })
    const logger = fakeLogger()
    await expect(restoreGoCache(cache, opts(runner, logger))).resolves.toBeUndefined()
    expect(calls).toEqual([])
    expect(cache.restores).toEqual([])
    expect(logger.warnings).toEqual([
      'cache: the Actions cache service is not available to this job; Go builds without a restored cache.'
    ])
  })

  it.each<[string, Partial<CommandResult>]>([
    ['go env fails', { exitCode: 1, stdout: '', stderr: 'go: cannot find GOROOT directory\n' }],
    ['go env names one path', { stdout: `${PATHS[0]}\n\n` }],
    ['go env names three paths', { stdout: `${PATHS.join('\n')}\n/extra\n` }]
  ])('warns and does not cache when %s', async (_what, result) => {
    const { runner } = fakeRunner(result)
    const cache = fakeCache()
    const logger = fakeLogger()
    await expect(restoreGoCache(cache, opts(runner, logger))).resolves.toBeUndefined()
    expect(cache.restores).toEqual([])
    expect(logger.warnings).toHaveLength(1)
    expect(logger.warnings[0]).toMatch(/^cache: go env did not name GOCACHE and GOMODCACHE \(/)
    expect(logger.warnings[0]).toContain('not caching')
    if (result.stderr) expect(logger.warnings[0]).toContain('go: cannot find GOROOT directory')
  })

  it('turns a failing cache service into a warning and builds on', async () => {
    const { runner } = fakeRunner({ stdout: PATHS.join('\n') })
    const cache = fakeCache({
      restore: () => {
        throw new Error('Cache service responded with 503')
      }
    })
    const logger = fakeLogger()
    const state = await restoreGoCache(cache, opts(runner, logger))
    // Still worth saving afterwards: nothing was restored.
    expect(state).toEqual({ key: cacheKeys(KEYS).key, paths: PATHS })
    expect(logger.warnings).toEqual([
      'cache: restoring Go caches failed (Cache service responded with 503); building without them.'
    ])
  })
})

describe('saveGoCache', () => {
  const state: CacheState = { key: 'k-new', paths: ['/c', '/m'] }

  it('saves the paths under the key after a miss', async () => {
    const cache = fakeCache()
    const logger = fakeLogger()
    await saveGoCache(cache, state, logger)
    expect(cache.saves).toEqual([{ paths: ['/c', '/m'], key: 'k-new' }])
    expect(logger.infos).toContain('Go caches saved as k-new')
    expect(logger.warnings).toEqual([])
  })

  it('saves after a partial match on a restore key', async () => {
    const cache = fakeCache()
    await saveGoCache(cache, { ...state, matchedKey: 'k-old' }, fakeLogger())
    expect(cache.saves).toEqual([{ paths: ['/c', '/m'], key: 'k-new' }])
  })

  it('does not save what was restored by the exact key', async () => {
    const cache = fakeCache()
    const logger = fakeLogger()
    await saveGoCache(cache, { ...state, matchedKey: 'k-new' }, logger)
    expect(cache.saves).toEqual([])
    expect(logger.infos.join('\n')).toContain('nothing new to save')
  })

  it('turns a failing save into a warning', async () => {
    const cache = fakeCache({
      save: () => {
        throw new Error('Unable to reserve cache with key k-new')
      }
    })
    const logger = fakeLogger()
    await expect(saveGoCache(cache, state, logger)).resolves.toBeUndefined()
    expect(logger.warnings).toEqual([
      'cache: saving Go caches failed (Unable to reserve cache with key k-new); the next run starts cold.'
    ])
    expect(logger.infos.join('\n')).not.toContain('saved as')
  })
})

describe('cache-dependency-path (modulesHash with globs)', () => {
  let dir = ''
  let cleanup: () => Promise<void> = async () => undefined
  beforeEach(async () => ({ dir, cleanup } = await tempDir('gsi-cache-globs-')))
  afterEach(() => cleanup())

  const write = async (rel: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true })
    await writeFile(path.join(dir, rel), text)
  }

  it('keys on every go.sum a glob matches: a change in any of them changes the key', async () => {
    await write('svc/a/go.sum', 'a v1 h1:x=\n')
    await write('svc/b/go.sum', 'b v1 h1:y=\n')
    const h = await modulesHash(dir, [path.join(dir, '**/go.sum')])
    expect(h).toMatch(/^[0-9a-f]{32}$/)
    expect(await modulesHash(dir, [path.join(dir, '**/go.sum')])).toBe(h)
    await write('svc/b/go.sum', 'b v2 h1:z=\n')
    const changed = await modulesHash(dir, [path.join(dir, '**/go.sum')])
    expect(changed).not.toBe(h)
    // Only svc/a's file is in this key, so svc/b's change does not reach it.
    const onlyA = await modulesHash(dir, [path.join(dir, 'svc/a/go.sum')])
    await write('svc/b/go.sum', 'b v3 h1:w=\n')
    expect(await modulesHash(dir, [path.join(dir, 'svc/a/go.sum')])).toBe(onlyA)
  })

  it('differs from the default key (the working directory go.sum and go.mod)', async () => {
    await write('go.sum', 'a v1 h1:x=\n')
    expect(await modulesHash(dir, [path.join(dir, 'go.sum')])).not.toBe(await modulesHash(dir))
  })

  it('a file moved to another folder changes the key', async () => {
    await write('x/go.sum', 'same\n')
    const before = await modulesHash(dir, [path.join(dir, '*/go.sum')])
    await rm(path.join(dir, 'x'), { recursive: true })
    await write('y/go.sum', 'same\n')
    expect(await modulesHash(dir, [path.join(dir, '*/go.sum')])).not.toBe(before)
  })

  it('refuses a glob that matches nothing, naming the input and the glob', async () => {
    const pattern = path.join(dir, 'nothing/**/go.sum')
    await expect(modulesHash(dir, [pattern])).rejects.toThrow(
      `cache-dependency-path: '${pattern}' matches no file.`
    )
  })
})

describe('cache: read', () => {
  const PATHS = ['/c', '/m']
  const restoreReadOnly = (cache: FakeCache, logger = fakeLogger()) =>
    restoreGoCache(cache, {
      runner: fakeRunner({ stdout: PATHS.join('\n') }).runner,
      goBin: 'go',
      env: {},
      workdir: '/w',
      keys: KEYS,
      logger,
      readOnly: true
    })

  it('restores under the same keys, and the post step never saves', async () => {
    const cache = fakeCache({ restore: (_k, rk) => `${rk[0]}older` })
    const logger = fakeLogger()
    const state = await restoreReadOnly(cache, logger)
    const { key, restoreKeys } = cacheKeys(KEYS)
    expect(cache.restores).toEqual([{ paths: PATHS, key, restoreKeys }])
    expect(state).toEqual({
      key,
      paths: PATHS,
      matchedKey: `${restoreKeys[0]}older`,
      readOnly: true
    })
    // A partial match would be saved with cache: true (see saveGoCache); read-only, it is not.
    await saveGoCache(cache, state!, logger)
    expect(cache.saves).toEqual([])
    expect(logger.infos).toContain(
      `cache: read: Go caches are not saved (the key would be ${key}).`
    )
  })

  it('stays read-only when the restore fails', async () => {
    const cache = fakeCache({
      restore: () => {
        throw new Error('503')
      }
    })
    const state = await restoreReadOnly(cache)
    await saveGoCache(cache, state!, fakeLogger())
    expect(cache.saves).toEqual([])
  })
})
