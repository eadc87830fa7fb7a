// Package sizes from `go tool nm`: the symbol-to-package rule, bss left out, and the relink itself (its args are
// tested in command.test.ts, the stripped binary's own measurement on real binaries in pclntab.test.ts).
import { describe, expect, it } from '@jest/globals'
import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CommandResult, RunOptions, Runner } from '../../src/ports.js'
import { measurePackages, packageSizes } from '../../src/report/packages.js'
import { LINKER_BUCKET, symbolPackage } from '../../src/report/symbol-package.js'
import { withTempDir } from './helpers.js'

/*
 * `go tool nm -size -sort size` of real go1.19 binaries (Debian's /usr/bin/go, -trimpath -ldflags=-w), trimmed:
 * __tests__/fixtures/probe (most lines, with its bss bounds), examples/fileserver (type..eq.[2]interface {} and
 * go.struct …), and a module with a generic package and a package named lib.v3 (go.example.org/esc/…). The block
 * after it has the names Go 1.20 and later write (type:, go:), real modules and a U line, written by hand.
 */
const NM = `  63a880      92672 D runtime.mheap_
  62a780      65784 D runtime.trace
  468560      15321 T unicode.init
  652ae0      13512 D runtime.memstats
  494160      11340 T time.parse
  615a40      11136 D strconv.detailedPowersOfTen
  4914a0       9173 T time.Time.AppendFormat
  4aaac0       8304 T fmt.(*pp).printValue
  573380       5200 r runtime.findfunctab
  4ffa60       5054 T crypto/x509.parseCertificate
  612e40       4856 D math/rand.rngCooked
  51eba0       4096 D go.example.org/esc/lib%2ev3.Table
  4ed360       3920 T vendor/golang.org/x/net/dns/dnsmessage.init
  40c380       2287 T runtime.mallocgc
  5748a0       2208 r runtime.typelink
  570381       1986 r runtime.gcbss
  504820       1848 T main.main
  4e7320       1774 T vendor/golang.org/x/crypto/cryptobyte.(*String).ReadASN1Integer
  45ce00       1370 t aeshashbody
  5026a0       1098 T crypto/x509.init
  503980       1087 T os/user.readColonFile
  503f20        944 T os/user.matchUserIndexValue.func1
  435aa0        825 T runtime.main
  49d960        785 T time.init
  4026e0        557 t cmpbody
  60a880        552 D runtime.firstmoduledata
  4f4540        517 T type..eq.net/url.URL
  573180        512 r K256
  603000        384 D go.buildinfo
  4814e0        377 T go.example.org/esc/gen.Map[go.shape.int_0,go.shape.string_1]
  5046e0        300 T type..eq.os/user.User
  572f00        272 R go.itab.*reflect.rtype,reflect.Type
  401f00        230 T type..eq.[5]internal/cpu.option
  6195c0        198 T go.struct { io.Reader; io.WriterTo }.Read
  4e9220        197 T vendor/golang.org/x/crypto/cryptobyte.init
  4c1220        170 T type..eq.[2]interface {}
  605d80         64 D main..inittask
  4b83e0         40 R go.example.org/esc/gen..dict.Map[int,string]
  618e30         16 D main.version
  4b7e80         16 R go.example.org/esc/gen..dict.(*Box[*go.example.org/esc/lib%2ev3.T]).Get
  4812a0         11 T go.example.org/esc/lib%2ev3.(*T).Sum
  570d8c          6 R main.version.str
  4814c0          4 T go.example.org/esc/gen.(*Box[go.shape.*uint8_0]).Get
  620de0          0 d runtime.bss
  651280          0 d runtime.ebss
  651280          0 d runtime.noptrbss
  655fa8          0 d runtime.enoptrbss
  655fa8          0 d runtime.end
  505000          0 R type.*
  52cfb8          0 r go.string.*
  401000          0 t runtime.text
  5a2000       1200 T github.com/foo/bar.(*T[github.com/x/y.Z]).Method
  5a5000       1500 T go.uber.org/zap.(*Logger).Info
  5a6000        700 T gopkg.in/yaml%2ev3.yaml_emitter_emit
  5a0000        296 T type:.eq.github.com/foo/bar.Config
  5a1000        272 R go:itab.*github.com/foo/bar.T,io.Writer
  5a4000        100 R go:buildid
  5a3000         80 R type:*github.com/x.T
                  0 U fmt.Println
                 24 U github.com/never/linked.Sym
`

/** Every bucket of NM, worked out by hand from the rule (bss, U and zero sizes left out). */
const ALL = [
  { name: 'time', bytes: 11340 + 9173 + 785 },
  { name: 'unicode', bytes: 15321 },
  // findfunctab, typelink, gcbss, aeshashbody, cmpbody, firstmoduledata, K256, go.buildinfo,
  // go.struct {…}.Read, type..eq.[2]interface {}, go:buildid
  {
    name: LINKER_BUCKET,
    bytes: 5200 + 2208 + 1986 + 1370 + 557 + 552 + 512 + 384 + 198 + 170 + 100
  },
  { name: 'strconv', bytes: 11136 },
  { name: 'fmt', bytes: 8304 },
  { name: 'crypto/x509', bytes: 5054 + 1098 },
  { name: 'math/rand', bytes: 4856 },
  { name: 'go.example.org/esc/lib.v3', bytes: 4096 + 11 },
  { name: 'vendor/golang.org/x/net/dns/dnsmessage', bytes: 3920 },
  { name: 'runtime', bytes: 2287 + 825 },
  { name: 'os/user', bytes: 1087 + 944 + 300 },
  { name: 'vendor/golang.org/x/crypto/cryptobyte', bytes: 1774 + 197 },
  { name: 'main', bytes: 1848 + 64 + 16 + 6 },
  { name: 'github.com/foo/bar', bytes: 1200 + 296 + 272 },
  { name: 'go.uber.org/zap', bytes: 1500 },
  { name: 'gopkg.in/yaml.v3', bytes: 700 },
  { name: 'net/url', bytes: 517 },
  { name: 'go.example.org/esc/gen', bytes: 377 + 40 + 16 + 4 },
  { name: 'reflect', bytes: 272 },
  { name: 'internal/cpu', bytes: 230 },
  { name: 'github.com/x', bytes: 80 }
]

describe('symbolPackage', () => {
  it.each<[string, string]>([
    ['net/http.(*Server).Serve', 'net/http'],
    ['net/http.(*Server).Serve.func1', 'net/http'],
    ['github.com/foo/bar.(*T).Method', 'github.com/foo/bar'],
    ['github.com/foo/bar.Func[go.shape.*github.com/x/y.Z]', 'github.com/foo/bar'],
    ['github.com/foo/bar..dict.F[github.com/a/b.C]', 'github.com/foo/bar'],
    ['vendor/golang.org/x/net/idna.idnaValues', 'vendor/golang.org/x/net/idna'],
    ['crypto/sha256.block.abi0', 'crypto/sha256'],
    ['gopkg.in/yaml%2ev3.Unmarshal', 'gopkg.in/yaml.v3'],
    ['go.uber.org/zap.New', 'go.uber.org/zap'],
    ['go.etcd.io/bbolt.(*DB).Update', 'go.etcd.io/bbolt'],
    ['main.main', 'main'],
    // Type descriptors and the compiler's helpers for a type, Go 1.19 and Go 1.20+ spellings.
    ['type.*net/http.Request', 'net/http'],
    ['type:*github.com/x.T', 'github.com/x'],
    ['type:[]github.com/x/y.T', 'github.com/x/y'],
    ['type:map[string]github.com/x/y.T', 'github.com/x/y'],
    ['type:func(net/http.ResponseWriter, *net/http.Request)', 'net/http'],
    ['type:.eq.go.shape.struct { F github.com/x/y.T }', 'github.com/x/y'],
    ['type..eq.net/url.URL', 'net/url'],
    ['type:.eq.[5]internal/cpu.option', 'internal/cpu'],
    ['type..hash.github.com/x/y.T', 'github.com/x/y'],
    ['type..importpath.net/http.', 'net/http'],
    ['go.itab.*reflect.rtype,reflect.Type', 'reflect'],
    ['go:itab.net/http.http2noDialH2RoundTripper,net/http.RoundTripper', 'net/http'],
    // What no package owns.
    ['go.buildid', LINKER_BUCKET],
    ['go:buildid', LINKER_BUCKET],
    ['go.buildinfo', LINKER_BUCKET],
    ['go:string.*', LINKER_BUCKET],
    ['go.func.*', LINKER_BUCKET],
    ['go.struct { io.Reader; io.WriterTo }.Read', LINKER_BUCKET],
    ['type.*', LINKER_BUCKET],
    ['type.int', LINKER_BUCKET],
    ['type..eq.[2]interface {}', LINKER_BUCKET],
    ['runtime.text', LINKER_BUCKET],
    ['runtime.pclntab', LINKER_BUCKET],
    ['runtime.findfunctab', LINKER_BUCKET],
    ['aeshashbody', LINKER_BUCKET],
    ['_rt0_amd64_linux', LINKER_BUCKET],
    ['runtime.mallocgc', 'runtime'],
    ['runtime.textOff', 'runtime']
  ])('%s -> %s', (name, pkg) => expect(symbolPackage(name)).toBe(pkg))
})

describe('packageSizes', () => {
  it('totals every package exactly, biggest first, without bss, U or zero-sized symbols', () => {
    expect(packageSizes(NM, Infinity)).toEqual(ALL)
  })

  it('keeps the top N and sums the rest into one "other" entry', () => {
    const top5 = packageSizes(NM, 5)
    expect(top5.slice(0, 5)).toEqual(ALL.slice(0, 5))
    expect(top5[5]).toEqual({
      name: `(${ALL.length - 5} other packages)`,
      bytes: ALL.slice(5).reduce((n, p) => n + p.bytes, 0)
    })
    expect(top5).toHaveLength(6)
    // Nothing is lost: the entries add up to every counted byte.
    const all = ALL.reduce((n, p) => n + p.bytes, 0)
    expect(top5.reduce((n, p) => n + p.bytes, 0)).toBe(all)
  })

  it('defaults to the top 10, and says "package" for one left over', () => {
    expect(packageSizes(NM)).toHaveLength(11)
    expect(packageSizes(NM, ALL.length - 1).at(-1)).toEqual({
      name: '(1 other package)',
      bytes: 80
    })
    expect(packageSizes(NM, ALL.length)).toEqual(ALL)
  })

  it('counts everything when the bss bounds are missing, and ignores lines that are not symbols', () => {
    const text = [
      '  63a880      92672 D runtime.mheap_',
      '  4aaac0       8304 T fmt.(*pp).printValue',
      'go tool nm: some warning',
      ''
    ].join('\n')
    expect(packageSizes(text)).toEqual([
      { name: 'runtime', bytes: 92672 },
      { name: 'fmt', bytes: 8304 }
    ])
    expect(packageSizes('')).toEqual([])
  })

  it('orders equal sizes by name, so the summary does not change from run to run', () => {
    const text = '  1 10 T b.x\n  2 10 T a.x\n  3 10 T c.x\n'
    expect(packageSizes(text, 2)).toEqual([
      { name: 'a', bytes: 10 },
      { name: 'b', bytes: 10 },
      { name: '(1 other package)', bytes: 10 }
    ])
  })
})

interface Call {
  command: string
  args: string[]
  options?: RunOptions
}

function fakeRunner(results: CommandResult[]): { runner: Runner; calls: Call[] } {
  const calls: Call[] = []
  return {
    calls,
    runner: {
      async run(command, args, options) {
        calls.push({ command, args, options })
        const r = results.shift()
        if (!r) throw new Error(`unexpected command: ${command} ${args.join(' ')}`)
        // A relink leaves a file nm reads; this one is no ELF file, so sizes come from the symbols alone.
        if (args[0] === 'build' && r.exitCode === 0)
          await writeFile(args[args.indexOf('-o') + 1]!, 'no ELF')
        return r
      }
    }
  }
}

const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' })

describe('measurePackages', () => {
  const env = { PATH: '/go/bin', GOCACHE: '/c', CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'arm64' }
  const args = ['build', '-trimpath', '-ldflags=-s -w', '-o', '/t/build/app', '.']
  /** The top 3, with the stage's options, and `more`. */
  const measureTop3 = (
    runner: Runner,
    tempDir: string,
    more: Partial<Parameters<typeof measurePackages>[0]> = {}
  ): ReturnType<typeof measurePackages> =>
    measurePackages({
      runner,
      goBin: '/go/bin/go',
      env,
      workdir: '/src',
      args,
      tempDir,
      top: 3,
      ...more
    })

  it('relinks into a temp dir with the same env, runs nm on the copy, and removes the copy', async () => {
    await withTempDir(async tempDir => {
      const { runner, calls } = fakeRunner([ok(), ok(NM)])
      const { sizes, method } = await measureTop3(runner, tempDir)
      expect(sizes.slice(0, 3)).toEqual(ALL.slice(0, 3))
      expect(method).toBe('relink')
      expect(calls).toHaveLength(2)
      const [build, nm] = calls
      const copy = build!.args[4]!
      expect(copy.startsWith(`${tempDir}/packages-`)).toBe(true)
      expect(build).toEqual({
        command: '/go/bin/go',
        args: ['build', '-trimpath', '-ldflags=-w', '-o', copy, '.'],
        options: { cwd: '/src', env, silent: true }
      })
      // nm runs for the runner's platform, not the target's.
      expect(nm).toEqual({
        command: '/go/bin/go',
        args: ['tool', 'nm', '-size', '-sort', 'size', copy],
        options: {
          cwd: '/src',
          env: { PATH: '/go/bin', GOCACHE: '/c', CGO_ENABLED: '0' },
          silent: true
        }
      })
      expect(await readdir(tempDir)).toEqual([])
    })
  })

  it('relinks when the binary the build wrote cannot be measured in place, and says why', async () => {
    await withTempDir(async tempDir => {
      const binary = path.join(tempDir, 'app')
      await writeFile(binary, '#!/bin/sh\n')
      const { runner, calls } = fakeRunner([ok(), ok(NM)])
      const said: string[] = []
      const { sizes, method } = await measureTop3(runner, tempDir, {
        binary,
        info: m => said.push(m)
      })
      expect(sizes.slice(0, 3)).toEqual(ALL.slice(0, 3))
      expect(method).toBe('relink')
      expect(calls.map(c => c.args[0])).toEqual(['build', 'tool'])
      expect(said).toEqual(['Relinking with a symbol table (not an ELF file)'])
      expect(await readdir(tempDir)).toEqual(['app'])
    })
  })

  it('fails with go build stderr when the relink fails, and still cleans up', async () => {
    await withTempDir(async tempDir => {
      const { runner } = fakeRunner([{ exitCode: 1, stdout: '', stderr: 'link: out of memory\n' }])
      await expect(
        measurePackages({ runner, goBin: 'go', env, workdir: '/src', args, tempDir })
      ).rejects.toThrow(
        'package sizes: relinking with a symbol table failed (exit code 1): link: out of memory'
      )
      expect(await readdir(tempDir)).toEqual([])
    })
  })

  it('fails with nm stderr when nm fails', async () => {
    await withTempDir(async tempDir => {
      const { runner } = fakeRunner([ok(), { exitCode: 2, stdout: '', stderr: 'bad file' }])
      await expect(
        measurePackages({ runner, goBin: 'go', env, workdir: '/src', args, tempDir })
      ).rejects.toThrow('package sizes: go tool nm failed (exit code 2): bad file')
      expect(await readdir(tempDir)).toEqual([])
    })
  })
})
