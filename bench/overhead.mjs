#!/usr/bin/env node
// Benchmark of the action's overhead over the compile it wraps: a warm one-platform step (a changed source, warm
// Go caches, a push to the loopback registry) against a bare `go build -trimpath -ldflags "-s -w"` of the same
// kind of change, in alternating order, with the step's own phase durations. Runs a copy of dist/ (or GSI_DIST)
// taken at the start through bench/action.mjs, as the runner does; talks to 127.0.0.1 only.
// Usage: node bench/overhead.mjs [rounds=5] [programs=hello,httpbin] [input=value …]   (start scripts/test-env.sh first)
// A program is a folder of examples/ or of bench/fixtures/ (httpbin: a service of go-httpbin's size on the
// standard library alone); several, comma separated, are measured one after another, each with its own table.
// GSI_DIST may list several bundles (comma separated): each round then runs a step of each, in rotating order
// with the bare build, and each bundle gets its row, its ratios taken against the same rounds' bare builds.
// e.g. node bench/overhead.mjs 7 hello compression=zstd compression-level=3
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  bareGoEnv,
  benchDists,
  benchScratch,
  commitEachChange,
  cpuSeconds,
  median,
  mirror,
  peakMiB,
  registry,
  root,
  runAction,
  timedCommand
} from './action.mjs'

const rounds = Number(process.argv[2] ?? 5)
const programs = (process.argv[3] ?? 'hello,httpbin').split(',').filter(Boolean)
/** More inputs for the step, as input=value. */
const extra = Object.fromEntries(
  process.argv.slice(4).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
)
const run = promisify(execFile)
const scratch = await benchScratch('gsi-bench-overhead-')
/** Each bundle's folder in scratch and its name in the tables. */
const bundles = benchDists().map((d, i) => ({ dir: i ? `dist-${i + 1}` : 'dist', label: d }))
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const stamp = Date.now().toString(36)
const image = `${registry}/bench/overhead`

/** examples/NAME, else bench/fixtures/NAME, else NAME as a path (e.g. bench/big-program.mjs's output). */
async function sourceOf(name) {
  for (const dir of [
    path.join(root, 'examples', name),
    path.join(root, 'bench', 'fixtures', name),
    path.resolve(name)
  ]) {
    if (await stat(path.join(dir, 'main.go')).catch(() => undefined)) return dir
  }
  throw new Error(`no program ${name} in examples/ or bench/fixtures/, nor a folder of that name`)
}

/**
 * The Go the action installed into the tool cache (as go, or go-custom-<hash> from a mirror): the same toolchain
 * for the bare build.
 */
async function goBin() {
  for (const tool of await readdir(toolCache)) {
    if (!tool.startsWith('go')) continue
    for (const version of await readdir(path.join(toolCache, tool))) {
      for (const arch of await readdir(path.join(toolCache, tool, version))) {
        const bin = path.join(toolCache, tool, version, arch, 'bin', 'go')
        if (await stat(bin).catch(() => undefined)) return bin
      }
    }
  }
  throw new Error(`no Go in ${toolCache}`)
}

/** Warm-up and rounds of one program, each program with its own Go build cache. */
async function measure(program) {
  const from = await sourceOf(program)
  const name = path.basename(program)
  const work = path.join(await mkdtemp(path.join(scratch, 'work-')), name)
  await cp(from, work, { recursive: true })
  const gocache = await mkdtemp(path.join(scratch, 'gocache-'))

  /**
   * A change of one string in main.go, new every time: both sides then recompile the main package and relink, as
   * after a commit, while everything else comes from the warm build cache.
   */
  const mainGo = path.join(work, 'main.go')
  const original = await readFile(mainGo, 'utf8')
  const commit = await commitEachChange(work)
  const anchor = /log\.Printf\("([^"%]*)/
  if (!anchor.test(original)) throw new Error(`${name}/main.go has no log.Printf("…") to change`)
  let changes = 0
  const change = async () => {
    await writeFile(
      mainGo,
      original.replace(anchor, (_, s) => `log.Printf("${s}[${stamp}-${++changes}] `)
    )
    await commit(changes)
  }

  const step = async (tag, dist = 'dist') => {
    await change()
    return runAction({
      scratch,
      work,
      toolCache,
      gocache,
      dist,
      inputs: { image, tags: tag, platforms: 'linux/amd64', ...extra }
    })
  }

  const bare = async (go, out) => {
    await change()
    const env = bareGoEnv(gocache)
    const cpuFile = `${out}.cpu`
    const [command, args] = await timedCommand(
      go,
      ['build', '-trimpath', '-ldflags', '-s -w', '-o', out, '.'],
      cpuFile
    )
    const start = process.hrtime.bigint()
    await run(command, args, { cwd: work, env })
    const wall = Number(process.hrtime.bigint() - start) / 1e9
    return { wall, cpu: await cpuSeconds(cpuFile), peak: await peakMiB(cpuFile) }
  }

  // Warm-up: installs Go into the tool cache and fills the build cache (each bundle once, so each has its layer
  // cache); then one bare build warms its own output.
  let warm
  for (const b of bundles) warm = await step(`${stamp}-${name}-warmup`, b.dir)
  const go = await goBin()
  await bare(go, path.join(scratch, `${name}-bare-warmup`))

  const bares = []
  const barePeaks = []
  const per = bundles.map(() => ({
    steps: [],
    ratios: [],
    cpu: { step: [], bare: [], ratios: [] },
    peaks: [],
    phases: {}
  }))
  for (let i = 1; i <= rounds; i++) {
    // Rotating order (the bare build first, then last, …), so no side always runs on a cache another has just
    // touched, or first after a pause.
    const order = [-1, ...bundles.keys()]
    for (let r = 0; r < (i - 1) % order.length; r++) order.push(order.shift())
    const s = []
    let b
    for (const k of order) {
      if (k < 0) b = await bare(go, path.join(scratch, `${name}-bare-${i}`))
      else s[k] = await step(`${stamp}-${name}-${i}-${k}`, bundles[k].dir)
    }
    bares.push(b.wall)
    if (b.peak !== undefined) barePeaks.push(b.peak)
    for (const [k, r] of per.entries()) {
      r.steps.push(s[k].wall)
      r.ratios.push(s[k].wall / b.wall)
      if (s[k].peak !== undefined) r.peaks.push(s[k].peak)
      if (s[k].cpu !== undefined && b.cpu !== undefined) {
        r.cpu.step.push(s[k].cpu)
        r.cpu.bare.push(b.cpu)
        r.cpu.ratios.push(s[k].cpu / b.cpu)
      }
      for (const [phase, secs] of Object.entries(s[k].groups)) (r.phases[phase] ??= []).push(secs)
    }
    console.error(
      `${name} round ${i}: ` +
        per
          .map((_, k) => `step ${s[k].wall.toFixed(2)} s (cpu ${s[k].cpu?.toFixed(2)})`)
          .join(', ') +
        `; bare go build ${b.wall.toFixed(2)} s (cpu ${b.cpu?.toFixed(2)})`
    )
  }
  return { name, from, warm, bares, barePeaks, per }
}

const results = []
for (const name of programs) results.push(await measure(name))
await rm(scratch, { recursive: true, force: true })

const f = x => (x === undefined ? '-' : x.toFixed(2))
const m = xs => (xs.length ? median(xs) : undefined)
const mib = x => (x === undefined ? '-' : x.toFixed(0))
for (const { name, from, warm, bares, barePeaks, per } of results) {
  console.log()
  console.log(
    `rounds: ${rounds} (median); program: ${path.relative(root, from)}, binary ${warm.outputs['binary-size']} B; ` +
      `Go ${warm.outputs['go-version']} from ${mirror}; pushed to ${image}` +
      (process.argv.length > 4 ? `; inputs ${process.argv.slice(4).join(' ')}` : '')
  )
  console.log(
    `| run | wall s | wall / bare | fixed cost s (wall - bare) | CPU s (user + sys) | CPU / bare | peak MiB |`
  )
  console.log(`|---|---|---|---|---|---|---|`)
  console.log(
    `| bare \`go build -trimpath -ldflags "-s -w"\` | ${f(median(bares))} | 1.00 | - | ${f(m(per[0].cpu.bare))} | 1.00 | ${mib(m(barePeaks))} |`
  )
  for (const [k, r] of per.entries()) {
    const label = bundles.length > 1 ? `action step (${bundles[k].label})` : 'action step'
    console.log(
      `| ${label} | ${f(median(r.steps))} | ${f(median(r.ratios))} | ${f(median(r.steps.map((x, i) => x - bares[i])))} | ${f(m(r.cpu.step))} | ${f(m(r.cpu.ratios))} | ${mib(m(r.peaks))} |`
    )
  }
  for (const [k, r] of per.entries()) {
    const wall = median(r.steps)
    console.log()
    console.log(
      `| phase (the step's own log${bundles.length > 1 ? `, ${bundles[k].label}` : ''}) | median s | of the step's wall |`
    )
    console.log(`|---|---|---|`)
    for (const [phase, xs] of Object.entries(r.phases)) {
      console.log(`| ${phase} | ${f(median(xs))} | ${((100 * median(xs)) / wall).toFixed(0)}% |`)
    }
  }
  console.log(`raw ${name}: ${JSON.stringify({ bares, per })}`)
}
