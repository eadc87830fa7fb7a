import { describe, expect, it } from '@jest/globals'
import {
  cgoBuild,
  parseCgoConfig,
  parseCgoMode,
  parsePerPlatform,
  type CgoInputs,
  type CgoProbe
} from '../../src/compile/cgo.js'
import type { Platform } from '../../src/platform.js'
import { InputError } from '../../src/ports.js'
import { rejectionOf, thrownBy } from './helpers.js'

const amd64: Platform = { os: 'linux', architecture: 'amd64' }
const arm64: Platform = { os: 'linux', architecture: 'arm64' }

/** A runner with these commands installed, whose compilers find libc.a when listed in staticLibc. */
function probe(
  installed: string[],
  staticLibc: string[] = installed
): CgoProbe & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    which: async c => installed.includes(c),
    printFileName: async (cc, file) => {
      asked.push(`${cc} ${file}`)
      return staticLibc.includes(cc) ? `/usr/lib/x86_64-linux-gnu/${file}` : undefined
    }
  }
}

const none = { byPlatform: {} }

const inputError = (fn: () => unknown): string => thrownBy(fn, InputError).message

const rejection = async (p: Promise<unknown>): Promise<string> =>
  (await rejectionOf(p, InputError)).message

describe('cgo inputs', () => {
  const raw = (o: Partial<CgoInputs>): CgoInputs => ({
    cgo: '',
    cc: '',
    cgoSysroot: '',
    debug: '',
    debugBusybox: '',
    ...o
  })

  it('reads the modes, off by default', () => {
    expect(parseCgoMode('')).toBe('off')
    expect(parseCgoMode('false')).toBe('off')
    expect(parseCgoMode(' Static ')).toBe('static')
    expect(parseCgoMode('dynamic')).toBe('dynamic')
    expect(inputError(() => parseCgoMode('musl'))).toMatch(
      /^cgo: 'musl' is not a cgo mode\. Use off .*static .*dynamic/
    )
  })

  it('takes one compiler for all platforms, or one per platform, normalised', () => {
    expect(parsePerPlatform('musl-gcc', 'cc', [amd64])).toEqual({ all: 'musl-gcc', byPlatform: {} })
    expect(
      parsePerPlatform('linux/arm64/v8=aarch64-linux-gnu-gcc\nlinux/amd64 = gcc', 'cc', [
        amd64,
        arm64
      ])
    ).toEqual({ byPlatform: { 'linux/arm64': 'aarch64-linux-gnu-gcc', 'linux/amd64': 'gcc' } })
  })

  it('refuses a platform the build does not have, a line without a value, or a platform given twice', () => {
    expect(inputError(() => parsePerPlatform('linux/arm64=x', 'cc', [amd64]))).toBe(
      "cc: 'linux/arm64=x' names linux/arm64, which is not in platforms (linux/amd64). Name a platform the build has."
    )
    expect(
      inputError(() => parsePerPlatform('linux/amd64=\nlinux/arm64=y', 'cc', [amd64, arm64]))
    ).toContain("cc: 'linux/amd64=' is not PLATFORM=VALUE")
    expect(
      inputError(() => parsePerPlatform('linux/arm64=a\nlinux/arm64/v8=b', 'cgo-sysroot', [arm64]))
    ).toBe('cgo-sysroot: linux/arm64 is given twice; give each platform one value.')
  })

  it('refuses cc or cgo-sysroot without cgo, a sysroot with static, debug-busybox without debug', () => {
    expect(inputError(() => parseCgoConfig(raw({ cc: 'gcc' }), '/w', [amd64]))).toBe(
      "cc: 'gcc' is set but cgo is off. Set cgo: static or cgo: dynamic, or remove cc."
    )
    expect(
      inputError(() =>
        parseCgoConfig(raw({ cgo: 'static', cgoSysroot: '/srv/root' }), '/w', [amd64])
      )
    ).toMatch(/^cgo-sysroot: '\/srv\/root' is for cgo: dynamic/)
    expect(inputError(() => parseCgoConfig(raw({ debugBusybox: 'bb' }), '/w', [amd64]))).toMatch(
      /^debug-busybox: 'bb' is set but debug is false\. Set debug: true/
    )
    expect(inputError(() => parseCgoConfig(raw({ debug: 'yes' }), '/w', [amd64]))).toBe(
      "debug: 'yes' is not a boolean. Use true or false."
    )
  })

  it('resolves the sysroot and the busybox against the workspace', () => {
    const c = parseCgoConfig(
      raw({
        cgo: 'dynamic',
        cgoSysroot: 'linux/arm64=roots/arm64',
        debug: 'true',
        debugBusybox: 'bb/busybox'
      }),
      '/w',
      [amd64, arm64]
    )
    expect(c).toEqual({
      cgo: 'dynamic',
      cc: { byPlatform: {} },
      cgoSysroot: { all: undefined, byPlatform: { 'linux/arm64': '/w/roots/arm64' } },
      debug: true,
      debugBusybox: '/w/bb/busybox'
    })
  })
})

describe('cgoBuild', () => {
  const build = (o: Partial<Parameters<typeof cgoBuild>[0]>) =>
    cgoBuild({
      mode: 'static',
      platform: amd64,
      runnerArch: 'amd64',
      cc: none,
      sysroot: none,
      probe: probe(['gcc', 'musl-gcc']),
      ...o
    })

  it('is nothing without cgo', async () => {
    expect(await build({ mode: 'off' })).toBeUndefined()
  })

  it('static prefers musl-gcc and links statically through the external linker', async () => {
    const b = await build({})
    expect(b).toMatchObject({
      cc: 'musl-gcc',
      libc: 'musl',
      env: { CGO_ENABLED: '1', CC: 'musl-gcc' },
      ldflags: '-linkmode=external -extldflags=-static',
      tags: []
    })
  })

  it('static falls back to glibc with netgo,osusergo and explains the NSS caveat', async () => {
    const b = await build({ probe: probe(['gcc']) })
    expect(b).toMatchObject({ cc: 'gcc', libc: 'glibc', tags: ['netgo', 'osusergo'] })
    expect(b?.notes.join(' ')).toContain("glibc's NSS caveat")
  })

  it('static without a static C library names the package to install', async () => {
    expect(await rejection(build({ probe: probe(['gcc'], []) }))).toBe(
      'cgo: static for linux/amd64: gcc finds no static C library (libc.a), so it cannot link a static binary. ' +
        'Install libc6-dev (sudo apt-get install libc6-dev), or use cgo: dynamic.'
    )
    expect(await rejection(build({ probe: probe(['gcc', 'musl-gcc'], ['gcc']) }))).toContain(
      'Install musl-dev (with musl-tools)'
    )
  })

  it('another platform without a cc for it fails naming the platform and the Debian cross compiler', async () => {
    const msg = await rejection(build({ platform: arm64 }))
    expect(msg).toContain('cc: cgo: static for linux/arm64 needs a C compiler for linux/arm64')
    expect(msg).toContain('sudo apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross')
    expect(msg).toContain('cc: linux/arm64=aarch64-linux-gnu-gcc')
  })

  it('dynamic on another platform needs a sysroot as well as a compiler', async () => {
    const cc = { byPlatform: { 'linux/arm64': 'aarch64-linux-gnu-gcc' } }
    const p = probe(['aarch64-linux-gnu-gcc'])
    const msg = await rejection(build({ mode: 'dynamic', platform: arm64, cc, probe: p }))
    expect(msg).toMatch(
      /^cgo-sysroot: cgo: dynamic for linux\/arm64 needs the linux\/arm64 shared libraries/
    )
    expect(msg).toContain('libc6-dev-arm64-cross')
    const ok = await build({
      mode: 'dynamic',
      platform: arm64,
      cc,
      probe: p,
      sysroot: { all: '/srv/arm64', byPlatform: {} }
    })
    expect(ok).toMatchObject({
      cc: 'aarch64-linux-gnu-gcc',
      root: '/srv/arm64',
      ldflags: '',
      tags: []
    })
  })

  it('dynamic on the runner reads the runner root with gcc', async () => {
    expect(await build({ mode: 'dynamic' })).toMatchObject({
      cc: 'gcc',
      libc: 'glibc',
      root: '/',
      env: { CGO_ENABLED: '1', CC: 'gcc' }
    })
  })

  it('a cc that is not installed is named', async () => {
    const msg = await rejection(build({ cc: { all: 'clang --target=x', byPlatform: {} } }))
    expect(msg).toMatch(/^cc: 'clang --target=x' for linux\/amd64 is not installed/)
  })
})
