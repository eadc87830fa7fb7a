// Package sizes against the real Go: examples/fileserver built as the action builds it, then measured by relinking,
// and read from the binary the build wrote.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { buildArgs, buildEnv, type BuildSettings } from '../../src/compile/command.js'
import { goEnv } from '../../src/go/setup.js'
import type { Platform } from '../../src/platform.js'
import { execRunner } from '../../src/exec.js'
import { measurePackages, type PackageSize } from '../../src/report/packages.js'
import { LINKER_BUCKET } from '../../src/report/symbol-package.js'
import { sh } from './commands.js'
import { EXAMPLES, tempDir } from './harness.js'

const workdir = path.join(EXAMPLES, 'fileserver')
const settings: BuildSettings = {
  pkg: '.',
  ldflags: '-X main.version=1.2.3',
  buildTags: '',
  buildFlags: [],
  buildEnv: {}
}
let goBin: string
let base: Record<string, string>
/** The Go cache and build dirs, removed at the end: a GOCACHE with two platforms' std is a few hundred MB. */
const made: string[] = []

beforeAll(async () => {
  const goroot = (await sh('/usr/bin/go', ['env', 'GOROOT'])).stdout.trim()
  goBin = path.join(goroot, 'bin', 'go')
  const gocache = await tempDir('gsi-gocache-')
  made.push(gocache)
  base = { ...goEnv(process.env, goroot), GOCACHE: gocache }
})

afterAll(async () => {
  await Promise.all(made.map(d => rm(d, { recursive: true, force: true })))
})

interface Section {
  name: string
  type: number
  addr: number
  size: number
}

/** The section headers of a 64-bit little-endian ELF file (amd64, arm64), enough to find .text and .bss. */
function sections(buf: Buffer): Section[] {
  const shoff = Number(buf.readBigUInt64LE(0x28))
  const size = buf.readUInt16LE(0x3a)
  const count = buf.readUInt16LE(0x3c)
  const strndx = buf.readUInt16LE(0x3e)
  const raw = Array.from({ length: count }, (_, i) => {
    const o = shoff + i * size
    return {
      nameOff: buf.readUInt32LE(o),
      type: buf.readUInt32LE(o + 4),
      addr: Number(buf.readBigUInt64LE(o + 16)),
      offset: Number(buf.readBigUInt64LE(o + 24)),
      size: Number(buf.readBigUInt64LE(o + 32))
    }
  })
  const strtab = raw[strndx]!
  return raw.map(s => {
    const start = strtab.offset + s.nameOff
    return {
      name: buf.toString('latin1', start, buf.indexOf(0, start)),
      type: s.type,
      addr: s.addr,
      size: s.size
    }
  })
}

const SHT_NOBITS = 8

/** Builds as the action does (into a fresh path, so the link really runs), then measures the same build. */
async function buildAndMeasure(
  platform: Platform,
  top: number
): Promise<{ sizes: PackageSize[]; binary: string; env: Record<string, string>; seconds: number }> {
  const dir = await tempDir('gsi-packages-')
  made.push(dir)
  const env = buildEnv(base, platform, settings)
  const binary = path.join(dir, 'fileserver')
  const args = buildArgs(settings, binary)
  const build = await execRunner.run(goBin, args, { cwd: workdir, env, silent: true })
  expect(build).toMatchObject({ exitCode: 0 })
  const start = process.hrtime.bigint()
  const { sizes, method } = await measurePackages({
    runner: execRunner,
    goBin,
    env,
    workdir,
    args,
    tempDir: dir,
    top
  })
  // Without the binary to read in place, the sizes come from the relink, and it says so.
  expect(method).toBe('relink')
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  // The copy is gone; the real binary is where it was, untouched.
  expect(await readdir(dir)).toEqual(['fileserver'])
  return { sizes, binary, env, seconds }
}

describe('measurePackages on examples/fileserver', () => {
  it('ranks net/http and runtime among the biggest packages of a linux/amd64 build', async () => {
    const { sizes, seconds } = await buildAndMeasure({ os: 'linux', architecture: 'amd64' }, 10)
    expect(sizes).toHaveLength(11)
    const names = sizes.slice(0, 10).map(s => s.name)
    expect(names).toEqual(expect.arrayContaining(['net/http', 'runtime', 'crypto/tls']))
    expect(sizes[10]!.name).toMatch(/^\(\d+ other packages\)$/)
    for (let i = 1; i < 10; i++) expect(sizes[i]!.bytes).toBeLessThanOrEqual(sizes[i - 1]!.bytes)
    // Only the link and nm ran: the compile came from the cache the real build just filled.
    expect(seconds).toBeLessThan(15)
  })

  it('adds what nm cannot name to the symbols nm lists for an independent unstripped link: nearly all of the loaded sections', async () => {
    const platform: Platform = { os: 'linux', architecture: 'amd64' }
    const { sizes, binary, env } = await buildAndMeasure(platform, Infinity)
    const total = sizes.reduce((n, s) => n + s.bytes, 0)

    // An unstripped link of our own, and nm's numbers summed without the module's parser or its bss bounds:
    // the section headers say which addresses are NOBITS.
    const copy = `${binary}-full`
    const args = buildArgs({ ...settings, ldflags: `-s=false ${settings.ldflags}` }, copy)
    expect(await execRunner.run(goBin, args, { cwd: workdir, env, silent: true })).toMatchObject({
      exitCode: 0
    })
    const nm = await execRunner.run(goBin, ['tool', 'nm', '-size', copy], { env, silent: true })
    const secs = sections(await readFile(copy))
    const nobits = secs.filter(s => s.type === SHT_NOBITS)
    let symbols = 0
    for (const line of nm.stdout.split('\n')) {
      const f = line.trim().split(/\s+/)
      if (f.length < 4 || f[2] === 'U') continue
      const addr = parseInt(f[0]!, 16)
      if (nobits.some(s => addr >= s.addr && addr < s.addr + s.size)) continue
      symbols += Number(f[1])
    }
    // The symbols, and on top the pclntab, funcdata, padding, and the type data, strings and static data the
    // symbol table does not name (about as much again): all of the loaded sections but a few hundred bytes
    // nothing refers to, and less than the stripped file, whose ELF headers and page alignment stay out.
    const loaded = secs
      .filter(s => s.addr !== 0 && s.type !== SHT_NOBITS)
      .reduce((n, s) => n + s.size, 0)
    expect(total).toBeGreaterThan(1.5 * symbols)
    expect(total).toBeLessThanOrEqual(loaded)
    expect(total).toBeGreaterThan(0.995 * loaded)
    expect(total).toBeLessThan((await stat(binary)).size)
    const bucket = sizes.find(s => s.name === LINKER_BUCKET)
    expect(bucket?.bytes).toBeGreaterThan(0)
  })

  it('reads a linux/amd64 build in place, without relinking: within 0.1% of the relink in all, and 1% for each of the ten biggest packages', async () => {
    const platform: Platform = { os: 'linux', architecture: 'amd64' }
    const { sizes: relink, binary, env } = await buildAndMeasure(platform, Infinity)
    const said: string[] = []
    const tempDir = path.dirname(binary)
    const { sizes: inPlace, method } = await measurePackages({
      runner: {
        run: (command, args) => Promise.reject(new Error(`ran ${command} ${args.join(' ')}`))
      },
      goBin,
      env,
      workdir,
      args: buildArgs(settings, binary),
      tempDir,
      top: Infinity,
      binary,
      info: m => said.push(m)
    })
    expect(said).toEqual([
      "Measured from the binary's pclntab and the references in its code and data"
    ])
    expect(method).toBe('in place')
    expect(await readdir(tempDir)).toEqual(['fileserver'])
    const total = (ps: PackageSize[]): number => ps.reduce((n, p) => n + p.bytes, 0)
    expect(Math.abs(total(inPlace) - total(relink)) / total(relink)).toBeLessThan(0.001)
    const bytes = new Map(inPlace.map(p => [p.name, p.bytes]))
    const off = relink
      .slice(0, 10)
      .filter(p => p.name !== LINKER_BUCKET)
      .map(p => ({ name: p.name, off: Math.abs((bytes.get(p.name) ?? 0) - p.bytes) / p.bytes }))
    expect(off.filter(p => p.off >= 0.01)).toEqual([])
    expect(bytes.get('main')).toBeGreaterThan(0)
  })

  it('measures a cross-compiled linux/arm64 build with nm for the runner', async () => {
    const { sizes } = await buildAndMeasure({ os: 'linux', architecture: 'arm64' }, 10)
    expect(sizes.slice(0, 10).map(s => s.name)).toEqual(
      expect.arrayContaining(['net/http', 'runtime'])
    )
  })
})
