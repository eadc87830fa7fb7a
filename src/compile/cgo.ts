// Decides how a cgo build is compiled and linked per platform (the C compiler, its C library, flags), and refuses what cannot work before the build.
import path from 'node:path'
import { InputError } from '../ports.js'
import { parsePlatforms, platformKey, platformString, type Platform } from '../platform.js'

export type CgoMode = 'off' | 'static' | 'dynamic'

/** A per-platform input (cc, cgo-sysroot): one value for every platform, or PLATFORM=VALUE lines. */
export interface PerPlatform {
  all?: string
  /** By platformKey. */
  byPlatform: Record<string, string>
}

export function parseCgoMode(raw: string): CgoMode {
  const v = raw.trim().toLowerCase()
  if (v === '' || v === 'off' || v === 'false') return 'off'
  if (v === 'static' || v === 'dynamic') return v
  throw new InputError(
    `cgo: '${raw.trim()}' is not a cgo mode. Use off (the default: CGO_ENABLED=0), static (link the C library into ` +
      `the binary, musl preferred) or dynamic (ship the binary's shared libraries in a libraries layer).`
  )
}

/** Reads cc or cgo-sysroot; every platform named must be one the build has. */
export function parsePerPlatform(raw: string, name: string, platforms: Platform[]): PerPlatform {
  const lines = raw
    .split('\n')
    .map(s => s.trim())
    .filter(s => s && !s.startsWith('#'))
  const out: PerPlatform = { byPlatform: {} }
  const example =
    name === 'cc' ? 'linux/arm64=aarch64-linux-gnu-gcc' : 'linux/arm64=/srv/sysroot-arm64'
  // A lone value with no platform in front is for every platform (a compiler path may hold '=' only after a '/').
  if (lines.length === 1 && !/^linux\/[^=]+=/.test(lines[0]!)) {
    out.all = lines[0]
    return out
  }
  const known = new Set(platforms.map(platformKey))
  for (const line of lines) {
    const eq = line.indexOf('=')
    const value = eq > 0 ? line.slice(eq + 1).trim() : ''
    if (eq <= 0 || !value) {
      throw new InputError(
        `${name}: '${line}' is not PLATFORM=VALUE. Write one value for every platform, or one PLATFORM=VALUE a line, e.g. ${example}.`
      )
    }
    const key = platformKey(parsePlatforms(line.slice(0, eq).trim())[0]!)
    if (!known.has(key)) {
      throw new InputError(
        `${name}: '${line}' names ${key}, which is not in platforms (${[...known].join(', ')}). Name a platform the build has.`
      )
    }
    if (out.byPlatform[key] !== undefined)
      throw new InputError(`${name}: ${key} is given twice; give each platform one value.`)
    out.byPlatform[key] = value
  }
  return out
}

export function forPlatform(p: PerPlatform, platform: Platform): string | undefined {
  return p.byPlatform[platformKey(platform)] ?? p.all
}

/** GNU triplets of Debian's cross compilers (gcc-TRIPLET) and Debian's architecture names (libc6-dev-ARCH-cross). */
const CROSS: Record<string, { triplet: string; debArch: string }> = {
  amd64: { triplet: 'x86_64-linux-gnu', debArch: 'amd64' },
  arm64: { triplet: 'aarch64-linux-gnu', debArch: 'arm64' },
  arm: { triplet: 'arm-linux-gnueabihf', debArch: 'armhf' },
  '386': { triplet: 'i686-linux-gnu', debArch: 'i386' },
  ppc64le: { triplet: 'powerpc64le-linux-gnu', debArch: 'ppc64el' },
  s390x: { triplet: 's390x-linux-gnu', debArch: 's390x' },
  riscv64: { triplet: 'riscv64-linux-gnu', debArch: 'riscv64' }
}

/** What a cgo build of one platform needs, besides GOOS/GOARCH. */
export interface CgoBuild {
  mode: 'static' | 'dynamic'
  cc: string
  libc: 'musl' | 'glibc'
  /** CGO_ENABLED=1 and CC. */
  env: Record<string, string>
  /** Appended to ldflags. */
  ldflags: string
  /** Added to build-tags. */
  tags: string[]
  /** Where the shared libraries are looked up (dynamic): / for the runner's own platform, else cgo-sysroot. */
  root?: string
  /** Said in the build's log. */
  notes: string[]
}

/** The side effects the choice needs: is a command installed, and does a compiler find a file (cc -print-file-name). */
export interface CgoProbe {
  which(command: string): Promise<boolean>
  /** The absolute path the compiler would link, or undefined when it has none. */
  printFileName(cc: string, file: string): Promise<string | undefined>
}

const STATIC_LDFLAGS = '-linkmode=external -extldflags=-static'

/**
 * The compiler, flags and tags of a cgo build for one platform; undefined without cgo. cgo: static prefers musl-gcc
 * (musl links statically without caveats), else gcc with glibc's static libraries; another platform than the
 * runner's needs a cc for it, and dynamic also a sysroot to find its libraries in.
 */
export async function cgoBuild(o: {
  mode: CgoMode
  platform: Platform
  runnerArch: string
  cc: PerPlatform
  sysroot: PerPlatform
  probe: CgoProbe
}): Promise<CgoBuild | undefined> {
  if (o.mode === 'off') return undefined
  const name = platformString(o.platform)
  const native = o.platform.architecture === o.runnerArch
  const cross = CROSS[o.platform.architecture]
  const explicit = forPlatform(o.cc, o.platform)
  const sysroot = forPlatform(o.sysroot, o.platform)
  if (!explicit && !native) {
    throw new InputError(
      `cc: cgo: ${o.mode} for ${name} needs a C compiler for ${name}, and this runner is ${o.runnerArch}. Install a cross ` +
        `compiler (Debian/Ubuntu: sudo apt-get install gcc-${cross?.triplet ?? '<triplet>'}` +
        (o.mode === 'static' ? ` libc6-dev-${cross?.debArch ?? '<arch>'}-cross` : '') +
        `) and set cc: ${name}=${cross?.triplet ?? '<triplet>'}-gcc` +
        (o.mode === 'dynamic'
          ? `, and cgo-sysroot: ${name}=<a root with its shared libraries, e.g. /usr/${cross?.triplet ?? '<triplet>'}>`
          : '') +
        `; or build ${name} on a runner of that architecture.`
    )
  }
  if (o.mode === 'dynamic' && !native && !sysroot) {
    throw new InputError(
      `cgo-sysroot: cgo: dynamic for ${name} needs the ${name} shared libraries to stage, and this runner is ${o.runnerArch}. ` +
        `Set cgo-sysroot: ${name}=DIR, a root holding them (Debian/Ubuntu: sudo apt-get install libc6-dev-${cross?.debArch ?? '<arch>'}-cross ` +
        `gives /usr/${cross?.triplet ?? '<triplet>'}), or use cgo: static.`
    )
  }
  const musl = explicit
    ? /musl/.test(explicit)
    : o.mode === 'static' && (await o.probe.which('musl-gcc'))
  const cc = explicit ?? (musl ? 'musl-gcc' : 'gcc')
  const command = cc.split(/\s+/)[0]!
  if (!(await o.probe.which(command))) {
    throw new InputError(
      explicit
        ? `cc: '${explicit}' for ${name} is not installed (not found on PATH). Install it (e.g. sudo apt-get install ` +
            `gcc-${cross?.triplet ?? '<triplet>'}) or correct cc.`
        : `cgo: ${o.mode} needs a C compiler and this runner has none. Install one: sudo apt-get install ` +
            `${o.mode === 'static' ? 'musl-tools (for musl-gcc) or gcc libc6-dev' : 'gcc libc6-dev'}.`
    )
  }
  const base = { CGO_ENABLED: '1', CC: cc }
  if (o.mode === 'dynamic') {
    return {
      mode: 'dynamic',
      cc,
      libc: musl ? 'musl' : 'glibc',
      env: base,
      ldflags: '',
      tags: [],
      root: native && !sysroot ? '/' : sysroot,
      notes: [`cgo: dynamic with ${cc}; the shared libraries it loads go into the libraries layer.`]
    }
  }
  if (!(await o.probe.printFileName(cc, 'libc.a'))) {
    const pkg = musl
      ? 'musl-dev (with musl-tools)'
      : native
        ? 'libc6-dev'
        : `libc6-dev-${cross?.debArch ?? '<arch>'}-cross`
    throw new InputError(
      `cgo: static for ${name}: ${cc} finds no static C library (libc.a), so it cannot link a static binary. ` +
        `Install ${pkg} (sudo apt-get install ${pkg.split(' ')[0]}), or use cgo: dynamic.`
    )
  }
  return {
    mode: 'static',
    cc,
    libc: musl ? 'musl' : 'glibc',
    env: base,
    ldflags: STATIC_LDFLAGS,
    // glibc: Go's own resolver and user lookups, so the Go side never goes through NSS.
    tags: musl ? [] : ['netgo', 'osusergo'],
    notes: musl
      ? [`cgo: static with musl (${cc}): the C library is linked into the binary.`]
      : [
          `cgo: static with glibc (${cc}, tags netgo,osusergo): musl-gcc was not found (sudo apt-get install musl-tools ` +
            `to prefer it). glibc's NSS caveat: C code that looks up users, groups or hosts (getpwuid, getaddrinfo) ` +
            `still loads NSS modules at run time, which a static binary in a scratch image does not have; the Go side ` +
            `uses Go's own lookups (netgo, osusergo), and glibc 2.34 and later answer 'files' lookups ` +
            `(/etc/passwd, /etc/hosts) without a module.`
        ]
  }
}

/** The cgo and debug inputs, validated together: each names the input, the value and the fix. */
export interface CgoConfig {
  /** cgo: off (CGO_ENABLED=0), static, or dynamic with the shared-library closure. */
  cgo: CgoMode
  /** cc and cgo-sysroot (resolved against the workspace): one value for all platforms or one per platform. */
  cc: PerPlatform
  cgoSysroot: PerPlatform
  /** Also push TAG-debug with a static busybox at /busybox; debug-busybox: its path (resolved) for other platforms. */
  debug: boolean
  debugBusybox?: string
}

/** The inputs as written. */
export interface CgoInputs {
  cgo: string
  cc: string
  cgoSysroot: string
  debug: string
  debugBusybox: string
}

export function parseCgoConfig(
  raw: CgoInputs,
  workspace: string,
  platforms: Platform[]
): CgoConfig {
  const cgo = parseCgoMode(raw.cgo)
  const cc = parsePerPlatform(raw.cc, 'cc', platforms)
  const sysroot = parsePerPlatform(raw.cgoSysroot, 'cgo-sysroot', platforms)
  const given = (p: PerPlatform): boolean => !!p.all || Object.keys(p.byPlatform).length > 0
  for (const [name, value, text] of [
    ['cc', cc, raw.cc],
    ['cgo-sysroot', sysroot, raw.cgoSysroot]
  ] as const) {
    if (cgo === 'off' && given(value)) {
      throw new InputError(
        `${name}: '${text.trim()}' is set but cgo is off. Set cgo: static or cgo: dynamic, or remove ${name}.`
      )
    }
  }
  if (cgo === 'static' && given(sysroot)) {
    throw new InputError(
      `cgo-sysroot: '${raw.cgoSysroot.trim()}' is for cgo: dynamic (where the shared libraries are found); cgo: static ` +
        `links the C library into the binary. Remove cgo-sysroot, or set cgo: dynamic.`
    )
  }
  const resolve = (v: string): string => path.resolve(workspace, v)
  const cgoSysroot: PerPlatform = {
    all: sysroot.all === undefined ? undefined : resolve(sysroot.all),
    byPlatform: Object.fromEntries(
      Object.entries(sysroot.byPlatform).map(([k, v]) => [k, resolve(v)])
    )
  }
  const debugRaw = raw.debug.trim().toLowerCase()
  if (debugRaw !== '' && debugRaw !== 'true' && debugRaw !== 'false') {
    throw new InputError(`debug: '${raw.debug.trim()}' is not a boolean. Use true or false.`)
  }
  const debug = debugRaw === 'true'
  const busybox = raw.debugBusybox.trim()
  if (busybox && !debug) {
    throw new InputError(
      `debug-busybox: '${busybox}' is set but debug is false. Set debug: true to push TAG-debug images, or remove debug-busybox.`
    )
  }
  return { cgo, cc, cgoSysroot, debug, debugBusybox: busybox ? resolve(busybox) : undefined }
}
