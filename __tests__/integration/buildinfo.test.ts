// readBuildInfo against the real Go: binaries built for three architectures, compared with what `go version -m` prints.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import type { BuildInfo, Module } from '../../src/compile/buildinfo.js'
import { readBuildInfo } from '../../src/compile/buildinfo.js'
import { sh } from './commands.js'
import { tempDir } from './harness.js'

/** A zip archive with stored (uncompressed) entries, which is all a module proxy's .zip needs to be. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const n = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x21, 12) // 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(n.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(0x21, 14)
    entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(data.length, 20)
    entry.writeUInt32LE(data.length, 24)
    entry.writeUInt16LE(n.length, 28)
    entry.writeUInt32LE(offset, 42)
    locals.push(local, n, data)
    central.push(entry, n)
    offset += local.length + n.length + data.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/**
 * Parses `go version -m FILE` text on its own, independently of the code under test. Go 1.19 has no
 * `go version -m -json`; the text form prints the same data (debug.BuildInfo.String(), values re-quoted
 * with strconv.Quote, which for the ASCII values here is also a JSON string).
 */
function parseGoVersionM(text: string): BuildInfo {
  const [first, ...rest] = text.trimEnd().split('\n')
  const info: BuildInfo = {
    goVersion: (first ?? '').replace(/^.*: /, ''),
    path: '',
    deps: [],
    settings: []
  }
  const mod = ([path, version, sum]: string[]): Module => ({
    path: path ?? '',
    version: version ?? '',
    ...(sum ? { sum } : {})
  })
  let last: Module | undefined
  for (const line of rest) {
    const [kind, ...fields] = line.replace(/^\t/, '').split('\t')
    if (kind === 'path') info.path = fields[0] ?? ''
    else if (kind === 'mod') last = info.main = mod(fields)
    else if (kind === 'dep') info.deps.push((last = mod(fields)))
    else if (kind === '=>' && last) last.replace = mod(fields)
    else if (kind === 'build') {
      const kv = fields.join('\t')
      const eq = kv.indexOf('=')
      const raw = kv.slice(eq + 1)
      info.settings.push({
        key: kv.slice(0, eq),
        value: raw.startsWith('"') ? (JSON.parse(raw) as string) : raw
      })
    }
  }
  return info
}

let work: string
let env: Record<string, string>

beforeAll(async () => {
  work = await tempDir('gsi-buildinfo-')
  // A module proxy on disk (no network) serving one module, so a dependency comes with its h1: hash.
  const proxy = path.join(work, 'proxy', 'example.com', 'greet', '@v')
  await mkdir(proxy, { recursive: true })
  const greetMod = 'module example.com/greet\n\ngo 1.19\n'
  await writeFile(path.join(proxy, 'list'), 'v1.4.0\n')
  await writeFile(
    path.join(proxy, 'v1.4.0.info'),
    '{"Version":"v1.4.0","Time":"2024-01-02T03:04:05Z"}'
  )
  await writeFile(path.join(proxy, 'v1.4.0.mod'), greetMod)
  await writeFile(
    path.join(proxy, 'v1.4.0.zip'),
    zip({
      'example.com/greet@v1.4.0/go.mod': greetMod,
      'example.com/greet@v1.4.0/greet.go':
        'package greet\n\nfunc Greet() string { return "hello" }\n'
    })
  )
  // A module replaced by a local directory.
  await mkdir(path.join(work, 'lib'))
  await writeFile(path.join(work, 'lib', 'go.mod'), 'module example.com/lib\n\ngo 1.19\n')
  await writeFile(
    path.join(work, 'lib', 'lib.go'),
    'package lib\n\nfunc Name() string { return "lib" }\n'
  )
  await mkdir(path.join(work, 'app', 'cmd', 'app'), { recursive: true })
  await writeFile(
    path.join(work, 'app', 'go.mod'),
    'module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/greet v1.4.0\n\texample.com/lib v1.2.3\n)\n\n' +
      'replace example.com/lib => ../lib\n'
  )
  await writeFile(
    path.join(work, 'app', 'cmd', 'app', 'main.go'),
    'package main\n\nimport (\n\t"example.com/greet"\n\t"example.com/lib"\n)\n\n' +
      'func main() { println(greet.Greet(), lib.Name()) }\n'
  )
  env = {
    ...(process.env as Record<string, string>),
    CGO_ENABLED: '0',
    GOOS: 'linux',
    GOPROXY: `file://${path.join(work, 'proxy')}`,
    GOSUMDB: 'off',
    GOMODCACHE: path.join(work, 'modcache'),
    // -modcacherw: the module cache can be removed with the temp dir.
    GOFLAGS: '-mod=mod -modcacherw',
    GOTOOLCHAIN: 'local'
  }
}, 60_000)

describe('readBuildInfo on real Go binaries', () => {
  it.each(['amd64', 'arm64', '386'])(
    'reads what go version -m prints, for linux/%s built with -trimpath -ldflags "-s -w"',
    async goarch => {
      const out = path.join(work, `app-${goarch}`)
      const build = await sh(
        'go',
        [
          'build',
          '-trimpath',
          '-ldflags',
          '-s -w',
          // A build setting with a space in it, which Go records quoted.
          '-gcflags',
          'example.com/app/cmd/app=-N -l',
          '-o',
          out,
          './cmd/app'
        ],
        { cwd: path.join(work, 'app'), env: { ...env, GOARCH: goarch } }
      )
      if (build.code !== 0) throw new Error(`go build failed: ${build.stderr}`)
      const printed = await sh('go', ['version', '-m', out], { env })
      expect(printed.code).toBe(0)
      const want = parseGoVersionM(printed.stdout)

      const bin = await readFile(out)
      const got = readBuildInfo(bin)
      expect(got).toEqual(want)
      // The same, found by scanning the data segment, once the section header table is gone.
      const noSections = Buffer.from(bin)
      const is64 = noSections[4] === 2
      noSections.fill(0, is64 ? 40 : 32, is64 ? 48 : 36) // e_shoff
      noSections.fill(0, is64 ? 60 : 48, is64 ? 64 : 52) // e_shnum, e_shstrndx
      expect(readBuildInfo(noSections)).toEqual(want)
      // What the comparison covers, so that it cannot pass on two empty results.
      expect(got.goVersion).toBe((await sh('go', ['env', 'GOVERSION'])).stdout.trim())
      expect(got.path).toBe('example.com/app/cmd/app')
      expect(got.main).toEqual({ path: 'example.com/app', version: '(devel)' })
      expect(got.deps).toEqual([
        { path: 'example.com/greet', version: 'v1.4.0', sum: expect.stringMatching(/^h1:.{44}$/) },
        {
          path: 'example.com/lib',
          version: 'v1.2.3',
          replace: { path: '../lib', version: '(devel)' }
        }
      ])
      expect(got.settings).toEqual(
        expect.arrayContaining([
          { key: '-gcflags', value: 'example.com/app/cmd/app=-N -l' },
          { key: '-trimpath', value: 'true' },
          { key: 'CGO_ENABLED', value: '0' },
          { key: 'GOARCH', value: goarch },
          { key: 'GOOS', value: 'linux' }
        ])
      )
    },
    120_000
  )
})
