// The pclntab split among functions: synthetic tables of both layouts (Go 1.18-1.19 and 1.20+) with known byte
// counts, and a real binary built here with go, whose whole pclntab and funcdata must be shared out, and whose
// stripped copy, measured in place, must give the relink's package sizes.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Runner } from '../../src/ports.js'
import { measurePackages, packageSizes } from '../../src/report/packages.js'
import { moduleData, strippedTotals } from '../../src/report/stripped.js'
import { LINKER_BUCKET } from '../../src/report/symbol-package.js'
import {
  funcdataShares,
  pclntabShares,
  readElf,
  SHT_NOBITS,
  sourceFunction
} from '../../src/compile/pclntab.js'
import { eachRipReference } from '../../src/report/references.js'
import { goBuild, goMainDir } from './helpers.js'

const run = promisify(execFile)

interface Fn {
  name: number
  pcsp: number
  pcfile: number
  pcln: number
  pcdata: number[]
  cu: number
  funcdata: number[]
}

/** The text start the synthetic header gives: function entries count from it. */
const TEXT = 0x401000

/**
 * A pclntab as cmd/link/internal/ld/pcln.go writes it (64-bit, little-endian): header, funcnametab, cutab,
 * filetab, pctab, then functab (entry and _func offsets, an end marker) and each _func with its pcdata and
 * funcdata offsets, aligned to 8.
 */
function pclntab(
  go120: boolean,
  names: string[],
  cutab: number[],
  files: string[],
  pctab: number[],
  funcs: Fn[]
): Buffer {
  const funcnametab = Buffer.from(names.map(n => `${n}\0`).join(''), 'latin1')
  const cu = Buffer.alloc(cutab.length * 4)
  cutab.forEach((v, i) => cu.writeUInt32LE(v >>> 0, i * 4))
  const filetab = Buffer.from(files.map(f => `${f}\0`).join(''), 'latin1')
  const pc = Buffer.from(pctab)
  const funcSize = go120 ? 44 : 40
  const starts: number[] = []
  let size = funcs.length * 8 + 4
  for (const f of funcs) {
    size = Math.ceil(size / 8) * 8
    starts.push(size)
    size += funcSize + 4 * f.pcdata.length + 4 * f.funcdata.length
  }
  const functab = Buffer.alloc(size)
  funcs.forEach((f, i) => {
    functab.writeUInt32LE(i * 16, i * 8)
    functab.writeUInt32LE(starts[i]!, i * 8 + 4)
    const at = starts[i]!
    functab.writeUInt32LE(i * 16, at)
    functab.writeUInt32LE(f.name, at + 4)
    functab.writeUInt32LE(f.pcsp, at + 16)
    functab.writeUInt32LE(f.pcfile, at + 20)
    functab.writeUInt32LE(f.pcln, at + 24)
    functab.writeUInt32LE(f.pcdata.length, at + 28)
    functab.writeUInt32LE(f.cu, at + 32)
    functab.writeUInt8(f.funcdata.length, at + funcSize - 1)
    f.pcdata.forEach((p, j) => functab.writeUInt32LE(p, at + funcSize + 4 * j))
    f.funcdata.forEach((d, j) =>
      functab.writeUInt32LE(d >>> 0, at + funcSize + 4 * f.pcdata.length + 4 * j)
    )
  })
  functab.writeUInt32LE(funcs.length * 16, funcs.length * 8)
  const header = Buffer.alloc(72)
  header.writeUInt32LE(go120 ? 0xfffffff1 : 0xfffffff0, 0)
  header.writeUInt8(1, 6)
  header.writeUInt8(8, 7)
  header.writeBigUInt64LE(BigInt(funcs.length), 8)
  header.writeBigUInt64LE(BigInt(files.length), 16)
  header.writeBigUInt64LE(BigInt(TEXT), 24)
  let off = 72
  ;[funcnametab, cu, filetab, pc].forEach((part, i) => {
    header.writeBigUInt64LE(BigInt(off), 32 + i * 8)
    off += part.length
  })
  header.writeBigUInt64LE(BigInt(off), 64)
  return Buffer.concat([header, funcnametab, cu, filetab, pc, functab])
}

// pctab: a leading 0; at 1 a table of one pair and its terminator (3 B); at 4 one of two pairs whose first value
// delta is a two-byte varint (6 B); at 10 one whose first value delta is 0, which is no terminator when first
// (3 B); at 13 another (3 B).
const PCTAB = [0, 0x02, 0x04, 0, 0x80, 0x01, 0x10, 0x06, 0x02, 0, 0x00, 0x08, 0, 0x04, 0x02, 0]
// main.a uses tables 1, 4 (twice) and 10, CU 0 (m.go) and funcdata 0; fmt.b table 1 (main.a's already) and 13,
// no pcfile, CU 1 (f.go, and m.go which CU 0 has) and funcdata 16. fmt.inl is only inlined: just its name.
const FUNCS: Fn[] = [
  { name: 0, pcsp: 1, pcfile: 4, pcln: 10, pcdata: [4], cu: 0, funcdata: [0, -1] },
  { name: 7, pcsp: 1, pcfile: 0, pcln: 13, pcdata: [], cu: 1, funcdata: [16] }
]
const table = (go120: boolean): Buffer =>
  pclntab(go120, ['main.a', 'fmt.b', 'fmt.inl'], [0, 5, 0], ['m.go', 'f.go'], PCTAB, FUNCS)

describe('pclntabShares (synthetic)', () => {
  it.each([
    ['Go 1.18-1.19 (_func of 40 bytes)', false, 92, 78],
    ['Go 1.20+ (_func of 44 bytes, with startLine)', true, 92, 82]
  ])('%s: every byte to its function or the header', (_, go120, a, b) => {
    const tab = table(go120)
    const shares = pclntabShares(tab, true)!
    // main.a: name 7, functab entry 8, _func+pcdata+funcdata+alignment 56, tables 3+6+3, its CU's entry 4, m.go 5.
    // fmt.b: name 6, entry 8, _func…, table 3, its CU's 2 entries 8, f.go 5, the functab's end marker 4.
    expect(Object.fromEntries(shares.byName)).toEqual({ 'main.a': a, 'fmt.b': b, 'fmt.inl': 8 })
    // The 72-byte header, pctab's leading 0, and the 4 bytes aligning the first _func.
    expect(shares.unowned).toBe(77)
    expect(a + b + 8 + shares.unowned).toBe(tab.length)
    expect([...shares.funcdata]).toEqual([
      [0, 'main.a'],
      [16, 'fmt.b']
    ])
    expect(shares.funcs).toEqual([
      { name: 'main.a', entry: TEXT },
      { name: 'fmt.b', entry: TEXT + 16 }
    ])
  })

  it('refuses a layout it does not know (Go 1.16 magic, garbage)', () => {
    const old = table(false)
    old.writeUInt32LE(0xfffffffa, 0)
    expect(pclntabShares(old, true)).toBeUndefined()
    expect(pclntabShares(Buffer.from('not a pclntab'), true)).toBeUndefined()
  })
})

describe('eachRipReference', () => {
  it('finds 64-bit LEA and MOV loads relative to the next instruction, and nothing else', () => {
    const code = Uint8Array.from([
      ...[0x48, 0x8d, 0x05, 0x10, 0x00, 0x00, 0x00], // LEAQ 0x10(IP), AX at 0x1000 → 0x1017
      ...[0x4c, 0x8b, 0x0d, 0xf0, 0xff, 0xff, 0xff], // MOVQ -0x10(IP), R9 at 0x1007 → 0x0ffe
      ...[0x48, 0x8d, 0x44, 0x24, 0x08, 0x90, 0x90], // LEAQ 8(SP), AX: no RIP-relative operand
      ...[0x48, 0x89, 0x05, 0x00, 0x00, 0x00, 0x00] // MOVQ AX, 0(IP): a store, not looked for
    ])
    const found: [number, number][] = []
    eachRipReference(code, 0x1000, (from, target) => found.push([from, target]))
    expect(found).toEqual([
      [0x1000, 0x1017],
      [0x1007, 0x0ffe]
    ])
  })
})

describe('funcdataShares', () => {
  it('gives each piece up to the next start to the function that refers to it first', () => {
    const shares = funcdataShares(
      new Map([
        [8, 'main.a'],
        [24, 'fmt.b'],
        [40, 'main.a'],
        [99, 'beyond']
      ]),
      64
    )
    expect(Object.fromEntries(shares.byName)).toEqual({ 'main.a': 16 + 24, 'fmt.b': 16 })
    expect(shares.unowned).toBe(8)
  })
})

/** A string constant no other package has. */
const LONG = 'pclntab test: '.repeat(200)

describe('a real binary built with go', () => {
  let dir: string
  let bin: Buffer
  let stripped: Buffer
  let nm: string
  let fileSize: number

  beforeAll(async () => {
    dir = await goMainDir(
      'gsi-pclntab-',
      `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() {\n\tos.Stdout.WriteString("${LONG}")\n\tjson.NewEncoder(os.Stdout).Encode(os.Args)\n}\n`
    )
    const out = path.join(dir, 'app')
    bin = await goBuild(dir, 'app', '-w')
    stripped = await goBuild(dir, 'app.s', '-s -w')
    fileSize = (await stat(`${out}.s`)).size
    nm = (await run('go', ['tool', 'nm', '-size', '-sort', 'address', out], { maxBuffer: 1 << 26 }))
      .stdout
  }, 120_000)

  const symbolAt = (name: string): number => {
    const line = nm.split('\n').find(l => l.trim().endsWith(` ${name}`))!
    return parseInt(line.trim().split(/\s+/)[0]!, 16)
  }

  it('shares out the whole pclntab, and every function of the symbol table has a share', () => {
    const elf = readElf(bin)!
    const sec = elf.sections.find(s => s.name === '.gopclntab')!
    expect(sec.size).toBe(symbolAt('runtime.epclntab') - symbolAt('runtime.pclntab'))
    const shares = pclntabShares(bin.subarray(sec.offset, sec.offset + sec.size), elf.littleEndian)!
    const owned = [...shares.byName.values()].reduce((a, b) => a + b, 0)
    expect(owned + shares.unowned).toBe(sec.size)
    expect(shares.unowned / sec.size).toBeLessThan(0.001)
    const funcs = nm
      .split('\n')
      .map(l => /^\s*[0-9a-f]+\s+(\d+) [Tt] (.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) > 0)
      // The symbol table names assembly functions with their ABI (runtime.rt0_go.abi0), the pclntab does not; and
      // it writes what is inside the outermost brackets as ... (cmd/link/internal/ld/pcln.go nameParts).
      .map(m => m[2]!.replace(/\.abi0$/, '').replace(/\[.*\]/, '[...]'))
    expect(funcs.length).toBeGreaterThan(1000)
    expect(funcs.filter(f => !shares.byName.has(f))).toEqual([])
    expect(shares.byName.get('main.main')).toBeGreaterThan(40)
    // Funcdata offsets fall in go.func.*, which ends where runtime.gcbits.* begins.
    const gofunc = symbolAt('runtime.gcbits.*') - symbolAt('go.func.*')
    expect(Math.max(...shares.funcdata.keys())).toBeLessThan(gofunc)
  })

  it('package sizes with the binary cover every byte of its sections but a few hundred', () => {
    const symbols = packageSizes(nm, Infinity)
    const whole = packageSizes(nm, Infinity, bin)
    const sum = (ps: { bytes: number }[]): number => ps.reduce((a, p) => a + p.bytes, 0)
    const of = (ps: { name: string; bytes: number }[], name: string): number =>
      ps.find(p => p.name === name)!.bytes
    expect(of(whole, 'encoding/json')).toBeGreaterThan(of(symbols, 'encoding/json') * 1.5)
    // main's long string constant is in go.string.*, which no symbol names; main's code refers to it.
    expect(of(whole, 'main') - of(symbols, 'main')).toBeGreaterThan(LONG.length)
    const elf = readElf(bin)!
    const inSections = elf.sections
      .filter(s => s.addr !== 0 && s.type !== SHT_NOBITS)
      .reduce((a, s) => a + s.size, 0)
    expect(sum(whole)).toBeLessThanOrEqual(inSections)
    expect(inSections - sum(whole)).toBeLessThan(1024)
    // What the file has outside its sections (ELF headers, page alignment between segments) stays out.
    expect(sum(whole)).toBeLessThan(fileSize)
    expect(sum(symbols)).toBeLessThan(0.6 * sum(whole))
  })

  it("finds the runtime's module data in the stripped binary: go.func.* and the linker's tables where nm says", () => {
    const elf = readElf(stripped)!
    const sec = elf.sections.find(s => s.name === '.gopclntab')!
    const tab = stripped.subarray(sec.offset, sec.offset + sec.size)
    expect(moduleData(elf, sec.addr, symbolAt('runtime.text'))).toEqual({
      address: symbolAt('runtime.firstmoduledata'),
      gofunc: symbolAt('go.func.*'),
      findfunctab: symbolAt('runtime.findfunctab'),
      gcdata: symbolAt('runtime.gcdata'),
      gcbss: symbolAt('runtime.gcbss')
    })
    // Another text start is another module: nothing is found rather than the wrong thing.
    expect(moduleData(elf, sec.addr, symbolAt('runtime.text') + 32)).toBeUndefined()
    // Entries count from the header's text start, as the symbol table's addresses do.
    const funcs = pclntabShares(tab, elf.littleEndian)!.funcs
    for (const name of ['main.main', 'encoding/json.(*Encoder).Encode', 'os.(*File).Write'])
      expect(funcs.find(f => f.name === name)?.entry).toBe(symbolAt(name))
    // main.main's code is partly json.NewEncoder's, which the compiler inlined there.
    const rodata = elf.sections.find(s => s.name === '.rodata')!
    const gofunc = symbolAt('go.func.*')
    const source = sourceFunction(
      tab,
      elf.littleEndian,
      stripped.subarray(rodata.offset + gofunc - rodata.addr, rodata.offset + rodata.size)
    )
    const main = funcs.find(f => f.name === 'main.main')!
    // main.main is the last function in the text, or nearly: the section's end bounds it.
    const text = elf.sections.find(s => s.name === '.text')!
    const next = Math.min(
      text.addr + text.size,
      ...funcs.map(f => f.entry).filter(e => e > main.entry)
    )
    const sources = new Set<string>()
    for (let pc = main.entry; pc < next; pc++) sources.add(source(main, pc))
    expect(sources).toEqual(new Set(['main.main', 'encoding/json.NewEncoder']))
  })

  it("the stripped binary alone gives the relink's package sizes: in all within 0.1%, each of the ten biggest packages within 1%", () => {
    const relink = packageSizes(nm, Infinity, bin)
    const totals = strippedTotals(stripped)
    if (typeof totals === 'string') throw new Error(totals)
    const sum = (ns: Iterable<number>): number => [...ns].reduce((a, b) => a + b, 0)
    const all = sum(relink.map(p => p.bytes))
    expect(Math.abs(sum(totals.values()) - all) / all).toBeLessThan(0.001)
    const off = relink
      .slice(0, 10)
      .map(p => ({ name: p.name, off: ((totals.get(p.name) ?? 0) - p.bytes) / p.bytes }))
    expect(off.filter(p => p.name !== LINKER_BUCKET && Math.abs(p.off) >= 0.01)).toEqual([])
    // The linker's bucket holds what the symbol table names without a package (assembly data such as K256):
    // read from the stripped binary, those bytes go to the code that uses them.
    const bucket = relink.find(p => p.name === LINKER_BUCKET)!.bytes
    expect(Math.abs(totals.get(LINKER_BUCKET)! - bucket)).toBeLessThan(2048)
    // main's long string, which only its code refers to, is main's in both.
    expect(totals.get('main')).toBeGreaterThan(LONG.length)
    expect(sum(totals.values())).toBeLessThan(fileSize)
  })

  it('says why it cannot measure a binary without a relink: another architecture, a pclntab or module data it cannot read', () => {
    // The same file saying EM_AARCH64 (the integration tests relink a real arm64 build; building one here would
    // compile the standard library for arm64 first).
    const arm64 = Buffer.from(stripped)
    arm64.writeUInt16LE(183, 18)
    expect(strippedTotals(arm64)).toBe('code references are decoded for amd64 only')
    expect(strippedTotals(Buffer.from('#!/bin/sh\n'))).toBe('not an ELF file')
    const elf = readElf(stripped)!
    const sec = elf.sections.find(s => s.name === '.gopclntab')!
    const magic = Buffer.from(stripped)
    magic.writeUInt32LE(0xfffffffa, sec.offset)
    expect(strippedTotals(magic)).toBe('a pclntab layout this does not read (Go 1.18 or later is)')
    // firstmoduledata begins with the pclntab's address; without it, go.func.* cannot be placed.
    const module = Buffer.from(stripped)
    const at = module.indexOf(Buffer.from(new BigUint64Array([BigInt(sec.addr)]).buffer))
    expect(at).toBeGreaterThan(0)
    module.writeBigUInt64LE(0n, at)
    expect(strippedTotals(module)).toBe("the runtime's module data was not found")
  })

  it('leaves a cgo build to the relink: the C linker adds sections the pclntab does not describe', async () => {
    await writeFile(
      path.join(dir, 'cgo.go'),
      'package main\n\n// int answer(void) { return 42; }\nimport "C"\n\nfunc main() { println(C.answer()) }\n'
    )
    expect(
      strippedTotals(await goBuild(dir, 'cgo', '-s -w', { file: 'cgo.go', cgo: true }))
    ).toMatch(/^section \.\S+: not linked by Go's internal linker alone$/)
  }, 120_000)

  it('measurePackages reads the binary the build wrote, without running go', async () => {
    const runner: Runner = {
      run: () => Promise.reject(new Error('no command should run'))
    }
    const said: string[] = []
    const { sizes, method } = await measurePackages({
      runner,
      goBin: 'go',
      env: {},
      workdir: dir,
      args: ['build', '-o', path.join(dir, 'app.s'), 'main.go'],
      tempDir: dir,
      top: 3,
      binary: path.join(dir, 'app.s'),
      info: m => said.push(m)
    })
    const totals = strippedTotals(stripped) as Map<string, number>
    const biggest = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 3)
    expect(sizes.slice(0, 3)).toEqual(biggest.map(([name, bytes]) => ({ name, bytes })))
    expect(sizes[3]!.name).toMatch(/^\(\d+ other packages\)$/)
    expect(said).toEqual([
      "Measured from the binary's pclntab and the references in its code and data"
    ])
    expect(method).toBe('in place')
  })
})
