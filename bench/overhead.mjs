#!/usr/bin/env node
// Benchmark of the action's overhead over the compile it wraps: a warm one-platform step (a changed source, warm
// Go caches, a push to the loopback registry) against a bare `go build -trimpath -ldflags "-s -w"` of the same
// kind of change, in alternating order, with the step's own phase durations. Runs a copy of dist/ (or GSI_DIST)
// taken at the start through bench/action.mjs, as the runner does; talks to 127.0.0.1 only.
// Usage: node bench/overhead.mjs [rounds=5] [example=hello] [input=value …]   (start scripts/test-env.sh first)
// e.g. node bench/overhead.mjs 7 hello compression=zstd compression-level=3
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  benchScratch,
  cpuSeconds,
  median,
  mirror,
  registry,
  root,
  runAction,
  timedCommand
} from './action.mjs'

const rounds = Number(process.argv[2] ?? 5)
const example = process.argv[3] ?? 'hello'
/** More inputs for the step, as input=value. */
const extra = Object.fromEntries(
  process.argv.slice(4).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
)
const run = promisify(execFile)
const scratch = await benchScratch('gsi-bench-overhead-')
const work = path.join(await mkdtemp(path.join(scratch, 'work-')), example)
await cp(path.join(root, 'examples', example), work, { recursive: true })
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
const stamp = Date.now().toString(36)
const image = `${registry}/bench/overhead`

/**
 * A change of one string in main.go, new every time: both sides then recompile the main package and relink, as
 * after a commit, while everything else comes from the warm build cache.
 */
const mainGo = path.join(work, 'main.go')
const original = await readFile(mainGo, 'utf8')
const anchor = /log\.Printf\("([^"%]*)/
if (!anchor.test(original)) throw new Error(`${example}/main.go has no log.Printf("…") to change`)
let changes = 0
async function change() {
  const text = original.replace(anchor, (_, s) => `log.Printf("${s}[${stamp}-${++changes}] `)
  await writeFile(mainGo, text)
}

async function step(tag) {
  await change()
  return runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: { image, tags: tag, platforms: 'linux/amd64', ...extra }
  })
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

async function bare(go, out) {
  await change()
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOCACHE: gocache,
    GOMODCACHE: path.join(gocache, 'mod'),
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
    GOOS: 'linux',
    GOARCH: 'amd64'
  }
  const cpuFile = `${out}.cpu`
  const [command, args] = await timedCommand(
    go,
    ['build', '-trimpath', '-ldflags', '-s -w', '-o', out, '.'],
    cpuFile
  )
  const start = process.hrtime.bigint()
  await run(command, args, { cwd: work, env })
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  return { wall, cpu: await cpuSeconds(cpuFile) }
}

// Warm-up: installs Go into the tool cache and fills the build cache; then one bare build warms its own output.
const warm = await step(`${stamp}-warmup`)
const go = await goBin()
await bare(go, path.join(scratch, 'bare-warmup'))

const steps = []
const bares = []
const ratios = []
const cpu = { step: [], bare: [], ratios: [] }
const phases = {}
for (let i = 1; i <= rounds; i++) {
  let s
  let b
  // Alternating order, so neither side always runs on a cache the other has just touched.
  if (i % 2) {
    s = await step(`${stamp}-${i}`)
    b = await bare(go, path.join(scratch, `bare-${i}`))
  } else {
    b = await bare(go, path.join(scratch, `bare-${i}`))
    s = await step(`${stamp}-${i}`)
  }
  steps.push(s.wall)
  bares.push(b.wall)
  ratios.push(s.wall / b.wall)
  if (s.cpu !== undefined && b.cpu !== undefined) {
    cpu.step.push(s.cpu)
    cpu.bare.push(b.cpu)
    cpu.ratios.push(s.cpu / b.cpu)
  }
  for (const [name, secs] of Object.entries(s.groups)) (phases[name] ??= []).push(secs)
  console.error(
    `round ${i}: step ${s.wall.toFixed(2)} s (cpu ${s.cpu?.toFixed(2)}), ` +
      `bare go build ${b.wall.toFixed(2)} s (cpu ${b.cpu?.toFixed(2)})`
  )
}
await rm(scratch, { recursive: true, force: true })

const f = x => (x === undefined ? '-' : x.toFixed(2))
const m = xs => (xs.length ? median(xs) : undefined)
const wall = median(steps)
console.log(
  `rounds: ${rounds} (median); example: examples/${example}, binary ${warm.outputs['binary-size']} B; ` +
    `Go ${warm.outputs['go-version']} from ${mirror}; pushed to ${image}` +
    (process.argv.length > 4 ? `; inputs ${process.argv.slice(4).join(' ')}` : '')
)
console.log(`| run | wall s | wall / bare | CPU s (user + sys) | CPU / bare |`)
console.log(`|---|---|---|---|---|`)
console.log(
  `| bare \`go build -trimpath -ldflags "-s -w"\` | ${f(median(bares))} | 1.00 | ${f(m(cpu.bare))} | 1.00 |`
)
console.log(
  `| action step | ${f(wall)} | ${f(median(ratios))} | ${f(m(cpu.step))} | ${f(m(cpu.ratios))} |`
)
console.log()
console.log(`| phase (the step's own log) | median s | of the step's wall |`)
console.log(`|---|---|---|`)
for (const [name, xs] of Object.entries(phases)) {
  console.log(`| ${name} | ${f(median(xs))} | ${((100 * median(xs)) / wall).toFixed(0)}% |`)
}
console.log(`raw: ${JSON.stringify({ steps, bares, ratios, cpu, phases })}`)
