import { describe, expect, it } from '@jest/globals'
import os from 'node:os'
import path from 'node:path'
import { compileCacheDir } from '../../src/compile-cache.js'

describe('compileCache', () => {
  it('keeps the cache in the tool cache, beside Go and the layer cache', () => {
    expect(compileCacheDir({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' })).toBe(
      '/opt/hostedtoolcache/go-scratch-image-compile-cache'
    )
    expect(compileCacheDir({})).toBe(
      path.join(
        os.homedir(),
        '.cache',
        'go-scratch-image',
        'tool-cache',
        'go-scratch-image-compile-cache'
      )
    )
  })
})
