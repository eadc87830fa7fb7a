import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { execRunner } from '../../src/exec.js'
import { hostPackages } from '../../src/sbom/contents.js'
import { DPKG_DIR, DpkgDatabase } from '../../src/sbom/dpkg.js'
import { tempDir } from './helpers.js'

const hasDpkg = existsSync(path.join(DPKG_DIR, 'status'))
const onDebian = hasDpkg ? describe : describe.skip

/** dpkg's own answers, as the SBOM asked them before the database was read. */
const dpkgS = (file: string): string | undefined => {
  try {
    return execFileSync('dpkg', ['-S', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
      .split('\n')[0]
      ?.split(':')[0]
      ?.trim()
  } catch {
    return undefined
  }
}
const dpkgQuery = (pkg: string): { version: string; arch: string } | undefined => {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Version}\t${Architecture}', pkg], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    const [version, arch] = out.trim().split('\t')
    return version && arch ? { version, arch } : undefined
  } catch {
    return undefined
  }
}

onDebian("the runner's dpkg database", () => {
  const db = new DpkgDatabase()
  const packages = ['tzdata', 'ca-certificates', 'libc6', 'libc6:amd64', 'coreutils', 'bash']

  it('gives the versions dpkg-query gives, or leaves them to it', () => {
    for (const pkg of packages) {
      const read = db.version(pkg)
      if (read) expect([pkg, read]).toEqual([pkg, dpkgQuery(pkg)])
    }
    // The two the SBOM asks about on every run are answered from the file.
    expect(db.version('tzdata')).toBeDefined()
    expect(db.version('ca-certificates')).toBeDefined()
    expect(db.version('no-such-package-here')).toBeUndefined()
  })

  it('names the owner dpkg -S names for files of the candidates, and for nothing else', () => {
    const files = ['tzdata', 'ca-certificates'].flatMap(pkg =>
      readFileSync(path.join(DPKG_DIR, 'info', `${pkg}.list`), 'utf8')
        .split('\n')
        .filter(f => f.includes('.'))
        .slice(0, 15)
    )
    files.push('/usr/share/zoneinfo/tzdata.zi', '/usr/share/zoneinfo', '/bin/sh', '/etc/hostname')
    let answered = 0
    for (const file of files) {
      const read = db.owner(file, ['tzdata', 'ca-certificates'])
      if (read === undefined) continue
      answered++
      expect([file, read]).toEqual([file, dpkgS(file)])
    }
    expect(answered).toBeGreaterThan(10)
    expect(db.owner('/usr/share/zoneinfo/tzdata.zi', ['tzdata'])).toBe('tzdata')
    // A directory is many packages' (dpkg -S lists them all): dpkg is asked.
    expect(db.owner('/usr/share/zoneinfo', ['tzdata'])).toBeUndefined()
  })

  it('makes hostPackages answer as dpkg and dpkg-query alone do', async () => {
    const asked = {
      runner: execRunner,
      caSource: '/etc/ssl/certs/ca-certificates.crt',
      caSystem: true,
      zoneinfoRoot: '/usr/share/zoneinfo'
    }
    const calls: string[] = []
    const counting = {
      run: (...a: Parameters<typeof execRunner.run>) => {
        calls.push(a[0])
        return execRunner.run(...a)
      }
    }
    const fromFiles = await hostPackages({ ...asked, runner: counting, dpkgDir: DPKG_DIR })
    expect(fromFiles).toEqual(await hostPackages(asked))
    expect(fromFiles.tzdata).toBeDefined()
    expect(calls).toEqual([])
  })
})

describe('DpkgDatabase', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let file: string
  beforeAll(async () => {
    const t = await tempDir()
    ;({ dir, cleanup } = t)
    file = path.join(dir, 'data.txt')
    await writeFile(file, 'x')
    await mkdir(path.join(dir, 'db', 'info'), { recursive: true })
    const stanza = (pkg: string, arch: string, status = 'install ok installed'): string =>
      `Package: ${pkg}\nStatus: ${status}\nArchitecture: ${arch}\nVersion: 1.0-1\nDescription: x\n more\n`
    await writeFile(
      path.join(dir, 'db', 'status'),
      [
        stanza('first', 'all'),
        stanza('libfoo', 'amd64'),
        stanza('libfoo', 'i386'),
        stanza('gone', 'all', 'deinstall ok config-files'),
        stanza('held', 'amd64', 'hold ok installed')
      ].join('\n')
    )
    await writeFile(path.join(dir, 'db', 'diversions'), '')
    await writeFile(path.join(dir, 'db', 'info', 'first.list'), `/.\n${dir}\n${file}\n`)
  })
  afterAll(() => cleanup())

  it('reads the one stanza of a package, and leaves two or a removed one to dpkg-query', () => {
    const db = new DpkgDatabase(path.join(dir, 'db'))
    expect(db.version('first')).toEqual({ version: '1.0-1', arch: 'all' })
    expect(db.version('held')).toEqual({ version: '1.0-1', arch: 'amd64' })
    expect(db.version('libfoo')).toBeUndefined()
    expect(db.version('libfoo:i386')).toEqual({ version: '1.0-1', arch: 'i386' })
    expect(db.version('gone')).toBeUndefined()
    expect(db.version('fir')).toBeUndefined()
  })

  it('names the owner from a candidate list, but not for a directory, a diversion or without the files', async () => {
    const db = new DpkgDatabase(path.join(dir, 'db'))
    expect(db.owner(file, ['other', 'first'])).toBe('first')
    expect(db.owner(file, ['other'])).toBeUndefined()
    expect(db.owner(dir, ['first'])).toBeUndefined()
    expect(db.owner(file, ['../first'])).toBeUndefined()
    await writeFile(path.join(dir, 'db', 'diversions'), `${file}\n${file}.distrib\nother\n`)
    expect(new DpkgDatabase(path.join(dir, 'db')).owner(file, ['first'])).toBeUndefined()
    expect(new DpkgDatabase(path.join(dir, 'nowhere')).owner(file, ['first'])).toBeUndefined()
    expect(new DpkgDatabase(path.join(dir, 'nowhere')).version('first')).toBeUndefined()
  })
})
