import { describe, expect, it } from '@jest/globals'
import {
  defaultLibraryDirs,
  follow,
  ldSoConfDirs,
  libraryClosure,
  LibraryError,
  nssUse,
  type LibraryFs
} from '../../src/compile/closure.js'
import { dynamicSymbols, readElf } from '../../src/compile/elf.js'
import { elf, EM, type ElfOptions } from './elf-fixture.js'
import { rejectionOf } from './helpers.js'

type Node = { file: Buffer; mode?: number } | { link: string } | { dir: true }

/** An in-memory target root: files, symbolic links and directories by absolute path (parents implied). */
function memFs(nodes: Record<string, Node>): LibraryFs & { reads: string[] } {
  const reads: string[] = []
  const dirs = new Set<string>(['/'])
  for (const p of Object.keys(nodes)) {
    const parts = p.split('/').filter(Boolean)
    for (let i = 1; i < parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`)
  }
  return {
    reads,
    lstat: async p => {
      const n = nodes[p]
      if (!n) return dirs.has(p) ? { kind: 'directory', mode: 0o755, size: 0 } : undefined
      if ('file' in n) return { kind: 'file', mode: n.mode ?? 0o644, size: n.file.length }
      if ('link' in n) return { kind: 'symlink', mode: 0o777, size: 0 }
      return { kind: 'directory', mode: 0o755, size: 0 }
    },
    readlink: async p => {
      const n = nodes[p]
      if (!n || !('link' in n)) throw new Error(`EINVAL ${p}`)
      return n.link
    },
    readFile: async p => {
      const n = nodes[p]
      if (!n || !('file' in n)) throw new Error(`ENOENT ${p}`)
      reads.push(p)
      return n.file
    },
    readdir: async p =>
      Object.keys(nodes)
        .filter(k => k.startsWith(`${p}/`) && !k.slice(p.length + 1).includes('/'))
        .map(k => k.slice(p.length + 1))
  }
}

const x64 = (o: Partial<ElfOptions> = {}): Buffer =>
  elf({ bits: 64, littleEndian: true, machine: EM.X86_64, ...o })
const LOADER = '/lib64/ld-linux-x86-64.so.2'
const DIRS = defaultLibraryDirs('amd64', 64)

async function closureOf(nodes: Record<string, Node>, exe: Buffer) {
  return libraryClosure({
    fs: memFs(nodes),
    binary: { name: 'app', imagePath: '/app', elf: exe },
    architecture: 'amd64',
    defaultDirs: DIRS
  })
}

/** The error the closure fails with. */
const failure = (p: Promise<unknown>): Promise<LibraryError> => rejectionOf(p, LibraryError)

/** A glibc-like root: the loader behind a /lib64 link, libc and libm in the multiarch directory. */
function glibcRoot(libcSymbols: { name: string; defined: boolean }[] = []): Record<string, Node> {
  return {
    '/lib64': { link: 'usr/lib64' },
    '/usr/lib64/ld-linux-x86-64.so.2': { link: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
    '/lib': { link: 'usr/lib' },
    '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2': {
      file: x64({ soname: 'ld-linux-x86-64.so.2', dynamic: true }),
      mode: 0o755
    },
    '/usr/lib/x86_64-linux-gnu/libc.so.6': {
      file: x64({
        soname: 'libc.so.6',
        needed: ['ld-linux-x86-64.so.2'],
        symbols: libcSymbols
      }),
      mode: 0o755
    },
    '/usr/lib/x86_64-linux-gnu/libm.so.6': {
      file: x64({ soname: 'libm.so.6', needed: ['libc.so.6', 'ld-linux-x86-64.so.2'] })
    },
    // Present on the runner, needed by nobody: must stay out.
    '/usr/lib/x86_64-linux-gnu/libz.so.1': { file: x64({ soname: 'libz.so.1', dynamic: true }) }
  }
}

describe('readElf: the dynamic section strings the loader reads', () => {
  it.each<[32 | 64, boolean]>([
    [64, true],
    [32, false]
  ])('reads DT_SONAME, DT_RPATH and DT_RUNPATH (%i-bit, little-endian %s)', (bits, le) => {
    const info = readElf(
      elf({
        bits,
        littleEndian: le,
        machine: EM.ARM,
        needed: ['libfoo.so.1'],
        soname: 'libbar.so.2',
        rpath: '/opt/a:$ORIGIN/../lib',
        runpath: '/opt/b'
      })
    )
    expect(info.needed).toEqual(['libfoo.so.1'])
    expect(info.soname).toBe('libbar.so.2')
    expect(info.rpath).toEqual(['/opt/a', '$ORIGIN/../lib'])
    expect(info.runpath).toEqual(['/opt/b'])
  })

  it.each<[32 | 64, boolean]>([
    [64, true],
    [64, false],
    [32, true]
  ])('lists imported and defined dynamic symbols (%i-bit, little-endian %s)', (bits, le) => {
    const symbols = [
      { name: 'getpwuid_r@GLIBC_2.2.5', defined: false },
      { name: 'crosscall2', defined: true }
    ]
    expect(dynamicSymbols(elf({ bits, littleEndian: le, machine: EM.X86_64, symbols }))).toEqual(
      symbols
    )
    expect(dynamicSymbols(elf({ bits, littleEndian: le, machine: EM.X86_64 }))).toEqual([])
  })
})

describe('follow', () => {
  it('records every link crossed, relative and absolute, and ends at the real file', async () => {
    const fs = memFs(glibcRoot())
    const links: { path: string; target: string }[] = []
    const got = await follow(fs, LOADER, links)
    expect(got?.real).toBe('/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')
    expect(links).toEqual([
      { path: '/lib64', target: 'usr/lib64' },
      {
        path: '/usr/lib64/ld-linux-x86-64.so.2',
        target: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'
      },
      { path: '/lib', target: 'usr/lib' }
    ])
  })

  it('fails on a link loop and answers undefined for a missing path', async () => {
    const fs = memFs({ '/a': { link: 'b' }, '/b': { link: 'a' } })
    await expect(follow(fs, '/a/x')).rejects.toThrow('too many levels of symbolic links')
    expect(await follow(fs, '/nothing/here')).toBeUndefined()
  })
})

describe('libraryClosure', () => {
  it('stages exactly the loader, libm and libc with their links, and nothing the binary does not need', async () => {
    const c = await closureOf(
      glibcRoot(),
      x64({ interpreter: LOADER, needed: ['libm.so.6', 'libc.so.6'] })
    )
    expect(c.interpreter).toBe(LOADER)
    expect(c.files.map(f => [f.path, f.mode])).toEqual([
      ['/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', 0o755],
      ['/usr/lib/x86_64-linux-gnu/libc.so.6', 0o755],
      ['/usr/lib/x86_64-linux-gnu/libm.so.6', 0o644]
    ])
    expect(c.symlinks.map(l => l.path)).toEqual([
      '/lib',
      '/lib64',
      '/usr/lib64/ld-linux-x86-64.so.2'
    ])
    expect(c.libraries.find(l => l.name === 'libc.so.6')?.neededBy.sort()).toEqual([
      'app',
      'libm.so.6'
    ])
    expect(c.nsswitch).toBeUndefined()
    expect(c.cycles).toEqual([])
  })

  it('names a missing library together with the binary that needs it, through the chain', async () => {
    const nodes = glibcRoot()
    nodes['/usr/lib/x86_64-linux-gnu/libsqlite3.so.0'] = {
      file: x64({ soname: 'libsqlite3.so.0', needed: ['libz.so.9', 'libc.so.6'] })
    }
    const direct = await failure(
      closureOf(nodes, x64({ interpreter: LOADER, needed: ['libpcap.so.0.8', 'libc.so.6'] }))
    )
    expect(direct.message).toMatch(
      /^libpcap\.so\.0\.8, needed by app, was not found in \/lib\/x86_64-linux-gnu, /
    )
    const nested = await failure(
      closureOf(nodes, x64({ interpreter: LOADER, needed: ['libsqlite3.so.0'] }))
    )
    expect(nested.message).toContain(
      'libz.so.9, needed by libsqlite3.so.0 (which app needs), was not found'
    )
  })

  it('a missing loader is named with the binary that asks for it', async () => {
    const e = await failure(
      closureOf({}, x64({ interpreter: '/lib/ld-musl-x86_64.so.1', needed: [] }))
    )
    expect(e.message).toContain(
      'The loader /lib/ld-musl-x86_64.so.1, which app asks for (PT_INTERP), was not found'
    )
  })

  it('resolves a cycle once and reports it', async () => {
    const nodes: Record<string, Node> = {
      '/usr/lib/liba.so.1': { file: x64({ soname: 'liba.so.1', needed: ['libb.so.1'] }) },
      '/usr/lib/libb.so.1': { file: x64({ soname: 'libb.so.1', needed: ['liba.so.1'] }) }
    }
    const c = await closureOf(nodes, x64({ needed: ['liba.so.1'] }))
    expect(c.files.map(f => f.path)).toEqual(['/usr/lib/liba.so.1', '/usr/lib/libb.so.1'])
    expect(c.cycles).toEqual([['liba.so.1', 'libb.so.1', 'liba.so.1']])
  })

  it('expands $ORIGIN to the directory of the object that holds the rpath', async () => {
    const nodes: Record<string, Node> = {
      // Found through the binary's RUNPATH relative to /app's directory (/), then libfoo's own $ORIGIN.
      '/opt/app/lib/libfoo.so.1': {
        file: x64({ soname: 'libfoo.so.1', needed: ['libbar.so.1'], runpath: '$ORIGIN/../deps' })
      },
      '/opt/app/deps/libbar.so.1': { file: x64({ soname: 'libbar.so.1', dynamic: true }) },
      // The same name in a default directory must lose to the RUNPATH.
      '/usr/lib/libbar.so.1': { file: x64({ soname: 'libbar.so.1', dynamic: true }) }
    }
    const c = await closureOf(
      nodes,
      x64({ needed: ['libfoo.so.1'], runpath: '${ORIGIN}/opt/app/lib' })
    )
    expect(c.libraries.map(l => l.path)).toEqual([
      '/opt/app/lib/libfoo.so.1',
      '/opt/app/deps/libbar.so.1'
    ])
  })

  it('uses DT_RPATH only without DT_RUNPATH', async () => {
    const nodes: Record<string, Node> = {
      '/r/libx.so': { file: x64({ soname: 'libx.so', dynamic: true }) },
      '/u/libx.so': { file: x64({ soname: 'libx.so', dynamic: true }) }
    }
    expect((await closureOf(nodes, x64({ needed: ['libx.so'], rpath: '/r' }))).files[0]?.path).toBe(
      '/r/libx.so'
    )
    const both = await closureOf(nodes, x64({ needed: ['libx.so'], rpath: '/r', runpath: '/u' }))
    expect(both.files.map(f => f.path)).toEqual(['/u/libx.so'])
  })

  it('skips a library for another machine, as the loader does, and says so when no other is found', async () => {
    const arm = elf({
      bits: 32,
      littleEndian: true,
      machine: EM.ARM,
      soname: 'libc.so.6',
      dynamic: true
    })
    const nodes: Record<string, Node> = {
      '/lib/x86_64-linux-gnu/libc.so.6': { file: arm },
      '/usr/lib/libc.so.6': { file: x64({ soname: 'libc.so.6', dynamic: true }) }
    }
    const c = await closureOf(nodes, x64({ needed: ['libc.so.6'] }))
    expect(c.files.map(f => f.path)).toEqual(['/usr/lib/libc.so.6'])
    delete nodes['/usr/lib/libc.so.6']
    const e = await failure(closureOf(nodes, x64({ needed: ['libc.so.6'] })))
    expect(e.message).toContain(
      'skipped /lib/x86_64-linux-gnu/libc.so.6 (a 32-bit ARM library, not x86-64)'
    )
  })

  it('stages nsswitch.conf for user lookups, and NSS modules only when libc lacks them built in', async () => {
    const exe = x64({
      interpreter: LOADER,
      needed: ['libc.so.6'],
      symbols: [{ name: 'getpwuid_r@GLIBC_2.2.5', defined: false }]
    })
    // glibc 2.34 and later: nss_files is inside libc.
    const modern = glibcRoot([{ name: '_nss_files_getpwnam_r@@GLIBC_PRIVATE', defined: true }])
    modern['/usr/lib/x86_64-linux-gnu/libnss_files.so.2'] = { file: x64({ needed: ['libc.so.6'] }) }
    const c = await closureOf(modern, exe)
    expect(c.nsswitch).toBe('passwd: files\ngroup: files\n')
    expect(c.files.map(f => f.path)).not.toContain('/usr/lib/x86_64-linux-gnu/libnss_files.so.2')
    // An older glibc loads libnss_files.so.2.
    const old = glibcRoot()
    old['/usr/lib/x86_64-linux-gnu/libnss_files.so.2'] = { file: x64({ needed: ['libc.so.6'] }) }
    const o = await closureOf(old, exe)
    expect(o.files.map(f => f.path)).toContain('/usr/lib/x86_64-linux-gnu/libnss_files.so.2')
    // No lookups: no NSS at all.
    const none = await closureOf(old, x64({ interpreter: LOADER, needed: ['libc.so.6'] }))
    expect(none.nsswitch).toBeUndefined()
    expect(none.files).toHaveLength(2)
  })

  it('host lookups ask for the dns module too', () => {
    expect(nssUse(['getaddrinfo@GLIBC_2.2.5', 'cbrt'])).toEqual({ users: false, hosts: true })
    expect(nssUse(['getgrouplist'])).toEqual({ users: true, hosts: false })
  })
})

describe('ldSoConfDirs', () => {
  it('follows include globs in name order and drops comments', async () => {
    const text = (s: string): Node => ({ file: Buffer.from(s) })
    const fs = memFs({
      '/etc/ld.so.conf': text('include /etc/ld.so.conf.d/*.conf\n/opt/extra # a comment\n'),
      '/etc/ld.so.conf.d/b.conf': text('/usr/local/lib/b\n'),
      '/etc/ld.so.conf.d/a.conf': text('# multiarch\n/usr/local/lib/a\n'),
      '/etc/ld.so.conf.d/skip.txt': text('/nope\n')
    })
    expect(await ldSoConfDirs(fs)).toEqual(['/usr/local/lib/a', '/usr/local/lib/b', '/opt/extra'])
  })
})
