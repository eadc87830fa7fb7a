// The action's edge over @actions/cache and the post step's own entry, as @github/local-action runs them: its
// stand-in for @actions/cache exports restoreCache and saveCache but no isFeatureAvailable, and it imports the
// post step's module and calls its exported run().
import { describe, expect, it } from '@jest/globals'
import { buildCacheOf, type ActionsCacheModule } from '../../src/main.js'
import { restoreGoCache } from '../../src/go/cache.js'
import type { Logger, Runner } from '../../src/ports.js'

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: m => void lines.push(`info ${m}`),
    warning: m => void lines.push(`warning ${m}`),
    debug: m => void lines.push(`debug ${m}`),
    group: (_n, fn) => fn(),
    mask: () => undefined
  }
}

/** local-action 7's cache stub: the two calls an action makes, and nothing else. */
function stubWithoutFeatureCheck(calls: string[]): ActionsCacheModule {
  return {
    restoreCache: async (_paths: string[], key: string) => void calls.push(`restore ${key}`),
    saveCache: async (_paths: string[], key: string) => (calls.push(`save ${key}`), 1)
  } as unknown as ActionsCacheModule
}

const goEnvRunner: Runner = {
  run: async () => ({ exitCode: 0, stdout: '/c/go-build\n/c/mod\n', stderr: '' })
}

describe('the Go cache over @actions/cache', () => {
  it('treats a cache module without isFeatureAvailable as unavailable, with a debug line, and restores nothing', async () => {
    const log = recordingLogger()
    const calls: string[] = []
    const cache = buildCacheOf(stubWithoutFeatureCheck(calls), log)
    expect(cache.isAvailable()).toBe(false)
    const state = await restoreGoCache(cache, {
      runner: goEnvRunner,
      goBin: 'go',
      env: {},
      workdir: '/w',
      keys: {
        os: 'Linux',
        arch: 'x64',
        goVersion: '1.22.5',
        platforms: ['linux/amd64'],
        modulesHash: 'h'
      },
      logger: log
    })
    expect(state).toBeUndefined()
    expect(calls).toEqual([])
    expect(log.lines).toContain(
      'debug cache: this @actions/cache has no isFeatureAvailable(); treating the cache as unavailable.'
    )
    expect(log.lines.filter(l => l.startsWith('warning'))).toEqual([
      'warning cache: the Actions cache service is not available to this job; Go builds without a restored cache.'
    ])
  })

  it('asks isFeatureAvailable when the module has it, and restores through restoreCache', async () => {
    const log = recordingLogger()
    const calls: string[] = []
    const cache = buildCacheOf(
      { ...stubWithoutFeatureCheck(calls), isFeatureAvailable: () => true },
      log
    )
    expect(cache.isAvailable()).toBe(true)
    await cache.restore(['/c/mod'], 'k', ['k-'])
    await cache.save(['/c/mod'], 'k2')
    expect(calls).toEqual(['restore k', 'save k2'])
    expect(log.lines).toEqual([])
  })
})

describe('src/post.ts', () => {
  it('exports run(), the post step, which does nothing without the main step state', async () => {
    const { run } = await import('../../src/post.js')
    expect(typeof run).toBe('function')
    delete process.env.STATE_goCache
    await expect(run()).resolves.toBeUndefined()
  })
})
