// Finds the shared libraries a dynamically linked binary loads, as the dynamic loader would, from the ELF files alone (no ldd, which runs the binary).
import path from 'node:path/posix'
import { ElfError, dynamicSymbols, machineMismatch, machineName, readElf } from './elf.js'
import type { ElfInfo } from './elf.js'

/** The target's root file system (the runner's /, or a sysroot), read by absolute paths inside it. */
export interface LibraryFs {
  /** Undefined when nothing is there. */
  lstat(
    p: string
  ): Promise<
    { kind: 'file' | 'directory' | 'symlink' | 'other'; mode: number; size: number } | undefined
  >
  readlink(p: string): Promise<string>
  readFile(p: string): Promise<Buffer>
  readdir(p: string): Promise<string[]>
}

export interface ClosureInput {
  fs: LibraryFs
  /** The binary's bytes and where it lives in the image (its $ORIGIN). */
  binary: { name: string; imagePath: string; elf: Buffer }
  /** The GOARCH the libraries must be built for. */
  architecture: string
  /** Searched after DT_RPATH/DT_RUNPATH and ld.so.conf, in order (see defaultLibraryDirs). */
  defaultDirs: string[]
  /** Also search the directories /etc/ld.so.conf (and what it includes) lists, as ld.so.cache does. */
  ldSoConf?: boolean
}

export interface Library {
  /** The name asked for (DT_NEEDED, or the loader's path). */
  name: string
  /** Where the loader finds it, and the file that path resolves to. */
  path: string
  realPath: string
  /** Who needs it: the binary's name or another library's name. */
  neededBy: string[]
}

export interface Closure {
  interpreter?: string
  libraries: Library[]
  /** Regular files to stage (absolute paths in the target root), with their modes and sizes. */
  files: { path: string; mode: number; size: number }[]
  /** Every symbolic link crossed on the way to them, target as written. */
  symlinks: { path: string; target: string }[]
  /** Dependency cycles met (each as names, the first repeated at the end); the loader handles them, so they are notes. */
  cycles: string[][]
  /** /etc/nsswitch.conf for the C library's lookups the binary makes; absent when it makes none. */
  nsswitch?: string
}

export class LibraryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LibraryError'
  }
}

/** Debian's multiarch directory names (the runner's /lib/<triplet>) by GOARCH. */
export const MULTIARCH: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  '386': 'i386-linux-gnu',
  ppc64le: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu'
}

/** Where glibc's loader looks last on Debian and most distributions: the multiarch, then the class, then the plain directories. */
export function defaultLibraryDirs(architecture: string, bits: 32 | 64): string[] {
  const triplet = MULTIARCH[architecture]
  return [
    ...(triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : []),
    ...(bits === 64 ? ['/lib64', '/usr/lib64'] : ['/lib32', '/usr/lib32']),
    '/lib',
    '/usr/lib'
  ]
}

/** C library functions that read the user or group database: glibc answers them through NSS. */
const USER_LOOKUPS = new Set([
  'getpwuid',
  'getpwuid_r',
  'getpwnam',
  'getpwnam_r',
  'getpwent',
  'getpwent_r',
  'getgrgid',
  'getgrgid_r',
  'getgrnam',
  'getgrnam_r',
  'getgrent',
  'getgrent_r',
  'getgrouplist',
  'initgroups'
])
/** C library functions that resolve host names or addresses: glibc answers them through NSS too. */
const HOST_LOOKUPS = new Set([
  'getaddrinfo',
  'getnameinfo',
  'gethostbyname',
  'gethostbyname2',
  'gethostbyname_r',
  'gethostbyname2_r',
  'gethostbyaddr',
  'gethostbyaddr_r',
  'gethostent'
])

/** Which NSS databases the imported symbols (name@VERSION or plain) use. */
export function nssUse(imported: string[]): { users: boolean; hosts: boolean } {
  const names = imported.map(s => s.replace(/@.*$/, ''))
  return {
    users: names.some(n => USER_LOOKUPS.has(n)),
    hosts: names.some(n => HOST_LOOKUPS.has(n))
  }
}

interface Loaded {
  name: string
  path: string
  realPath: string
  info: ElfInfo
  symbols: () => { name: string; defined: boolean }[]
}

/** Replaces $ORIGIN (and ${ORIGIN}); undefined for a token this resolver cannot expand ($LIB, $PLATFORM). */
function expand(dir: string, origin: string): string | undefined {
  const out = dir.replace(/\$(\{ORIGIN\}|ORIGIN(?![A-Za-z0-9_]))/g, origin)
  return out.includes('$') ? undefined : path.normalize(out)
}

/** The directories /etc/ld.so.conf lists, following `include` lines (with a * in their last element). */
export async function ldSoConfDirs(
  fs: LibraryFs,
  file = '/etc/ld.so.conf',
  depth = 0
): Promise<string[]> {
  if (depth > 8) return []
  const text = await fs.readFile(file).then(
    b => b.toString('utf8'),
    () => ''
  )
  const dirs: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) continue
    const inc = /^include\s+(.+)$/.exec(line)
    if (!inc) {
      if (line.startsWith('/')) dirs.push(path.normalize(line))
      continue
    }
    for (const pattern of inc[1]!.split(/\s+/)) {
      const abs = pattern.startsWith('/') ? pattern : path.join(path.dirname(file), pattern)
      const base = path.basename(abs)
      const names = base.includes('*')
        ? (await fs.readdir(path.dirname(abs)).catch(() => [] as string[]))
            .filter(n => new RegExp(`^${base.split('*').map(escape).join('.*')}$`).test(n))
            .sort()
            .map(n => path.join(path.dirname(abs), n))
        : [abs]
      for (const f of names) dirs.push(...(await ldSoConfDirs(fs, f, depth + 1)))
    }
  }
  return dirs
}

const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

/**
 * Resolves p inside the target root component by component, as the kernel does, recording each symbolic link
 * it crosses; undefined when a component is missing. A link loop fails.
 */
export async function follow(
  fs: LibraryFs,
  p: string,
  links: { path: string; target: string }[] = []
): Promise<
  { real: string; kind: 'file' | 'directory' | 'other'; mode: number; size: number } | undefined
> {
  let parts = p.split('/').filter(Boolean)
  let cur = '/'
  let hops = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (part === '.') continue
    if (part === '..') {
      cur = path.dirname(cur)
      continue
    }
    const next = path.join(cur, part)
    const st = await fs.lstat(next)
    if (!st) return undefined
    if (st.kind === 'symlink') {
      if (++hops > 40) throw new LibraryError(`${p}: too many levels of symbolic links`)
      const target = await fs.readlink(next)
      if (!links.some(l => l.path === next)) links.push({ path: next, target })
      // A relative target starts from the link's own directory (cur); an absolute one from the root.
      parts = [...target.split('/'), ...parts.slice(i + 1)].filter(Boolean)
      if (target.startsWith('/')) cur = '/'
      i = -1
      continue
    }
    if (i < parts.length - 1 && st.kind !== 'directory') return undefined
    cur = next
    if (i === parts.length - 1) return { real: cur, kind: st.kind, mode: st.mode, size: st.size }
  }
  const st = await fs.lstat(cur)
  return st && st.kind !== 'symlink'
    ? { real: cur, kind: st.kind, mode: st.mode, size: st.size }
    : undefined
}

/**
 * The binary's shared-library closure: the loader (PT_INTERP), every DT_NEEDED library found as glibc's loader
 * searches (DT_RPATH unless DT_RUNPATH, DT_RUNPATH, ld.so.conf, the default directories; $ORIGIN expanded),
 * recursively, each checked to be for the binary's machine; and for glibc, what NSS needs for the user and host
 * lookups the binary makes.
 */
export async function libraryClosure(input: ClosureInput): Promise<Closure> {
  const { fs, binary, architecture } = input
  const exe = readElf(binary.elf)
  const want = machineName(architecture)
  const links: { path: string; target: string }[] = []
  const files = new Map<string, { path: string; mode: number; size: number }>()
  const byReal = new Map<string, Library>()
  const cycles: string[][] = []
  const confDirs = input.ldSoConf ? await ldSoConfDirs(fs) : []

  /** Reads and checks one candidate file; a file for another machine is skipped, as the loader skips it. */
  const open = async (
    name: string,
    candidate: string,
    rejected: string[]
  ): Promise<Loaded | undefined> => {
    const chain: { path: string; target: string }[] = []
    const found = await follow(fs, candidate, chain)
    if (!found || found.kind !== 'file') return undefined
    const buf = await fs.readFile(found.real)
    let info: ElfInfo
    try {
      info = readElf(buf)
    } catch (e) {
      rejected.push(`${candidate} (${(e as ElfError).message})`)
      return undefined
    }
    const wrong = machineMismatch(info, architecture)
    if (wrong) {
      rejected.push(`${candidate} (a ${wrong} library, not ${want})`)
      return undefined
    }
    for (const l of chain) if (!links.some(k => k.path === l.path)) links.push(l)
    files.set(found.real, { path: found.real, mode: found.mode, size: found.size })
    return { name, path: candidate, realPath: found.real, info, symbols: () => dynamicSymbols(buf) }
  }

  const search = async (name: string, by: Loaded | undefined, chain: string[]): Promise<Loaded> => {
    const origin = by ? path.dirname(by.path) : path.dirname(binary.imagePath)
    const from = by?.info ?? exe
    const dirs: string[] = []
    if (name.includes('/')) dirs.push(path.dirname(name))
    else {
      // DT_RPATH counts only without DT_RUNPATH; the executable's DT_RPATH serves its libraries too.
      if (!from.runpath) dirs.push(...(from.rpath ?? []).map(d => expand(d, origin) ?? ''))
      if (by && !exe.runpath)
        dirs.push(...(exe.rpath ?? []).map(d => expand(d, path.dirname(binary.imagePath)) ?? ''))
      dirs.push(...(from.runpath ?? []).map(d => expand(d, origin) ?? ''))
      dirs.push(...confDirs, ...input.defaultDirs)
    }
    const base = path.basename(name)
    const rejected: string[] = []
    const tried = [...new Set(dirs.filter(Boolean))]
    for (const dir of tried) {
      const got = await open(name, path.join(dir, base), rejected)
      if (got) return got
    }
    const who =
      chain.length > 1
        ? `${chain[chain.length - 1]} (which ${chain.slice(0, -1).reverse().join(', which ')} needs)`
        : binary.name
    throw new LibraryError(
      `${name}, needed by ${who}, was not found in ${tried.join(', ')}` +
        (rejected.length ? `; skipped ${rejected.join(', ')}` : '') +
        `. Install the ${want} library that provides ${name} on the runner (or in cgo-sysroot for another platform), ` +
        `or link it statically with cgo: static.`
    )
  }

  const libraries: Library[] = []
  const add = (lib: Loaded, neededBy: string): boolean => {
    const known = byReal.get(lib.realPath)
    if (known) {
      if (!known.neededBy.includes(neededBy)) known.neededBy.push(neededBy)
      return false
    }
    const entry: Library = {
      name: lib.name,
      path: lib.path,
      realPath: lib.realPath,
      neededBy: [neededBy]
    }
    byReal.set(lib.realPath, entry)
    libraries.push(entry)
    return true
  }

  const loaded = new Map<string, Loaded>()
  const walk = async (obj: Loaded | undefined, stack: string[]): Promise<void> => {
    const info = obj?.info ?? exe
    const me = obj?.name ?? binary.name
    for (const name of info.needed) {
      const lib = await search(name, obj, stack)
      const known = byReal.get(lib.realPath)
      // Already loaded: the loader does not load it twice; if it is one of this library's own dependants, a cycle.
      if (known && stack.includes(known.name))
        cycles.push([...stack.slice(stack.indexOf(known.name)), known.name])
      if (add(lib, me)) {
        loaded.set(lib.realPath, lib)
        await walk(lib, [...stack, name])
      }
    }
  }

  let interpreter: string | undefined
  if (exe.interpreter) {
    interpreter = exe.interpreter
    const rejected: string[] = []
    const loader = await open(exe.interpreter, exe.interpreter, rejected)
    if (!loader) {
      throw new LibraryError(
        `The loader ${exe.interpreter}, which ${binary.name} asks for (PT_INTERP), was not found` +
          (rejected.length ? ` for ${want}: ${rejected.join(', ')}` : '') +
          `. Install the ${want} C library (libc6 on Debian) on the runner, or in cgo-sysroot for another platform.`
      )
    }
    add(loader, binary.name)
    loaded.set(loader.realPath, loader)
  }
  await walk(undefined, [binary.name])

  // NSS: glibc reads /etc/nsswitch.conf and loads the modules it names, unless (2.34 and later) libc has them built in.
  let nsswitch: string | undefined
  const libc = [...loaded.values()].find(
    l => l.info.soname === 'libc.so.6' || l.name === 'libc.so.6'
  )
  const use = nssUse(
    dynamicSymbols(binary.elf)
      .filter(s => !s.defined)
      .map(s => s.name)
  )
  if (libc && (use.users || use.hosts)) {
    const defined = new Set(
      libc
        .symbols()
        .filter(s => s.defined)
        .map(s => s.name.replace(/@.*$/, ''))
    )
    const modules: string[] = []
    if (use.users && !defined.has('_nss_files_getpwnam_r')) modules.push('libnss_files.so.2')
    if (
      use.hosts &&
      !defined.has('_nss_files_gethostbyname4_r') &&
      !modules.includes('libnss_files.so.2')
    )
      modules.push('libnss_files.so.2')
    if (use.hosts && !defined.has('_nss_dns_gethostbyname4_r')) modules.push('libnss_dns.so.2')
    for (const m of modules) {
      const lib = await search(m, libc, [binary.name, libc.name])
      if (add(lib, libc.name)) {
        loaded.set(lib.realPath, lib)
        await walk(lib, [binary.name, libc.name, m])
      }
    }
    nsswitch =
      [
        ...(use.users ? ['passwd: files', 'group: files'] : []),
        ...(use.hosts ? ['hosts: files dns'] : [])
      ].join('\n') + '\n'
  }

  return {
    interpreter,
    libraries,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    symlinks: links.sort((a, b) => (a.path < b.path ? -1 : 1)),
    cycles,
    nsswitch
  }
}
