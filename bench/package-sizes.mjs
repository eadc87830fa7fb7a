#!/usr/bin/env node
// Benchmark of the package-size report: what measurePackages (relink with a symbol table + go tool nm) adds to a
// warm `go build` with the action's flags. Needs Go only (no test environment); uses its own GOCACHE.
// Usage: node bench/package-sizes.mjs [runs=5] [dir ...]   (GO=/path/to/go to pick another Go than the one on PATH)
// The dirs (main packages' module folders, e.g. bench/fixtures/httpbin) replace the default programs.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 5)
const exec = promisify(execFile)

/** src/ transpiled as is (no bundle, no type check) into a temp dir, so the bench runs the module itself. */
async function loadSrc() {
  const out = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-src-'))
  const walk = async dir => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) await walk(p)
      else if (e.name.endsWith('.ts')) {
        const js = ts.transpileModule(await readFile(p, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
        }).outputText
        const dest = path
          .join(out, path.relative(path.join(root, 'src'), p))
          .replace(/\.ts$/, '.js')
        await mkdir(path.dirname(dest), { recursive: true })
        await writeFile(dest, js)
      }
    }
  }
  await walk(path.join(root, 'src'))
  await writeFile(path.join(out, 'package.json'), '{"type":"module"}')
  const command = await import(path.join(out, 'compile', 'command.js'))
  const packages = await import(path.join(out, 'report', 'packages.js'))
  return { ...command, ...packages, srcDir: out }
}

const { buildArgs, buildEnv, goEnv, measurePackages, relinkArgs, srcDir } = await loadSrc()

/** A Runner over child_process that also records how long each command took. */
const timings = []
const runner = {
  async run(command, args, options = {}) {
    const start = process.hrtime.bigint()
    try {
      const { stdout, stderr } = await exec(command, args, {
        cwd: options.cwd,
        env: options.env,
        maxBuffer: 1 << 28
      })
      return { exitCode: 0, stdout, stderr }
    } catch (e) {
      return {
        exitCode: typeof e.code === 'number' ? e.code : 1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? ''
      }
    } finally {
      timings.push({ what: args[0], s: Number(process.hrtime.bigint() - start) / 1e9 })
    }
  }
}

const goCmd = process.env.GO ?? 'go'
const goroot = (await exec(goCmd, ['env', 'GOROOT'])).stdout.trim()
const goBin = path.join(goroot, 'bin', 'go')
const goVersion = (await exec(goBin, ['env', 'GOVERSION'])).stdout.trim()
const tmp = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-pkg-'))
const base = { ...goEnv(process.env, goroot), GOCACHE: path.join(tmp, 'gocache') }
const platform = { os: 'linux', architecture: 'amd64' }
const settings = { pkg: '.', ldflags: '', buildTags: '', buildFlags: [], buildEnv: {} }
const env = buildEnv(base, platform, settings)

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const seconds = async fn => {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

async function goBuild(workdir, pkg, out) {
  // A fresh output path each time, as in the action: go build skips the link when -o already holds this build.
  await rm(out, { force: true })
  const res = await runner.run(goBin, buildArgs({ ...settings, pkg }, out), { cwd: workdir, env })
  if (res.exitCode !== 0) throw new Error(res.stderr)
}

async function scenario(label, workdir, pkg) {
  const out = path.join(tmp, 'bin', label.replace(/\W+/g, '-'))
  await mkdir(path.dirname(out), { recursive: true })
  const args = buildArgs({ ...settings, pkg }, out)
  // -ldflags=-s alone: what the relink would be if it also dropped -w (DWARF generated and written).
  const argsNoW = args.map(a => (a.startsWith('-ldflags=') ? '-ldflags=-s' : a))
  const cold = await seconds(() => goBuild(workdir, pkg, out))
  const size = (await stat(out)).size
  const build = []
  const measure = []
  const link = []
  const nm = []
  const measureNoW = []
  let sizes
  for (let i = 0; i < runs; i++) {
    const b = () => seconds(() => goBuild(workdir, pkg, out))
    const m = async () => {
      timings.length = 0
      const s = await seconds(async () => {
        ;({ sizes } = await measurePackages({ runner, goBin, env, workdir, args, tempDir: tmp }))
      })
      link.push(timings.find(t => t.what === 'build').s)
      nm.push(timings.find(t => t.what === 'tool').s)
      return s
    }
    const w = () =>
      seconds(() => measurePackages({ runner, goBin, env, workdir, args: argsNoW, tempDir: tmp }))
    // Alternate the order, so neither side always runs right after the other (page cache, CPU boost).
    if (i % 2 === 0) {
      build.push(await b())
      measure.push(await m())
      measureNoW.push(await w())
    } else {
      measureNoW.push(await w())
      measure.push(await m())
      build.push(await b())
    }
  }
  // The claim that makes it cheap, checked: with -x, go build prints each tool it runs; after the real build the
  // relink runs the linker and no compiler or assembler.
  const copy = path.join(tmp, 'x-check')
  const x = await runner.run(goBin, ['build', '-x', ...relinkArgs(args, copy).slice(1)], {
    cwd: workdir,
    env
  })
  await rm(copy, { force: true })
  const tools = { compile: 0, asm: 0, link: 0 }
  for (const m of x.stderr.matchAll(/\/pkg\/tool\/[^/\s]+\/(compile|asm|link) /g)) tools[m[1]]++
  return {
    label,
    size,
    tools,
    // Every entry, "other" included, is every byte nm attributes; the rest of the file is pclntab, type
    // descriptors and strings, which the linker lists under no package.
    attributed: sizes.reduce((n, p) => n + p.bytes, 0),
    cold,
    build: median(build),
    measure: median(measure),
    link: median(link),
    nm: median(nm),
    measureNoW: median(measureNoW),
    top: sizes.slice(0, 5),
    raw: { build, measure, link, nm, measureNoW }
  }
}

const dirs = process.argv.slice(3)
const rows = []
if (dirs.length) {
  for (const dir of dirs) rows.push(await scenario(dir, path.resolve(dir), '.'))
} else {
  rows.push(await scenario('examples/hello', path.join(root, 'examples', 'hello'), '.'))
  rows.push(await scenario('examples/fileserver', path.join(root, 'examples', 'fileserver'), '.'))
  rows.push(await scenario('cmd/go (from GOROOT)', tmp, 'cmd/go'))
}
await rm(tmp, { recursive: true, force: true })
await rm(srcDir, { recursive: true, force: true })

const f = x => x.toFixed(2)
const mb = n => (n / 1e6).toFixed(1)
console.log(
  `runs per cell: ${runs} (median, alternating); ${goVersion}; linux/amd64; ${os.cpus().length} CPUs`
)
console.log(
  '| program | stripped binary MB | warm go build s | measurePackages s (relink + nm) | extra / build | relink dropping -w too s |'
)
console.log('|---|---|---|---|---|---|')
for (const r of rows) {
  console.log(
    `| ${r.label} | ${mb(r.size)} | ${f(r.build)} | ${f(r.measure)} (${f(r.link)} + ${f(r.nm)}) | ${f(r.measure / r.build)} | ${f(r.measureNoW)} |`
  )
}
for (const r of rows) {
  const t = r.tools
  console.log(
    `${r.label}: cold build ${f(r.cold)} s; relink ran compile ${t.compile}x, asm ${t.asm}x, link ${t.link}x; symbols attribute ${r.attributed} B (${f((100 * r.attributed) / r.size)}% of the stripped file); top ${JSON.stringify(r.top)}`
  )
}
console.log(`raw: ${JSON.stringify(rows.map(r => ({ label: r.label, ...r.raw })))}`)
