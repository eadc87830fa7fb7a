#!/usr/bin/env node
// Benchmark of the cold path against what users run today: the action's step with an empty Go build cache, a bare
// cold `go build -trimpath -ldflags "-s -w"`, and the usual multi-stage Dockerfile (a golang stage made from the
// runner's own Go, its binary copied into scratch) built by the local Docker Engine with --no-cache and
// --network none, then pushed. Rounds rotate the order; talks to 127.0.0.1 only.
// Usage: node bench/cold-path.mjs [rounds=3] [program=httpbin]   (start scripts/test-env.sh first)
// The program is a folder of examples/ or bench/fixtures/ whose imports are the standard library's alone (the
// Docker build has no network and no module cache). Reported, not tuned: docs/benchmarks.md, "Fixed cost".
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  bareGoEnv,
  benchScratch,
  cpuSeconds,
  median,
  peakMiB,
  registry,
  root,
  runAction,
  timedCommand
} from './action.mjs'

const rounds = Number(process.argv[2] ?? 3)
const name = process.argv[3] ?? 'httpbin'
const run = promisify(execFile)
const scratch = await benchScratch('gsi-bench-cold-')
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const stamp = Date.now().toString(36)
let from = path.join(root, 'examples', name)
if (!(await stat(from).catch(() => undefined))) from = path.join(root, 'bench', 'fixtures', name)
const work = path.join(scratch, name)
await cp(from, work, { recursive: true })

/** A fresh, empty Go build cache (and module cache) for one run. */
const freshCache = () => mkdtemp(path.join(scratch, 'gocache-'))

/** The tool cache with Go alone: the action's layer, zoneinfo and compile caches go, as on a new runner. */
async function onlyGo() {
  for (const entry of await readdir(toolCache)) {
    if (!entry.startsWith('go') || entry.startsWith('go-scratch-image')) {
      await rm(path.join(toolCache, entry), { recursive: true, force: true })
    }
  }
}

async function step(i) {
  await onlyGo()
  const r = await runAction({
    scratch,
    work,
    toolCache,
    gocache: await freshCache(),
    inputs: { image: `${registry}/bench/cold`, tags: `${stamp}-${i}`, platforms: 'linux/amd64' }
  })
  return { wall: r.wall, cpu: r.cpu, peak: r.peak }
}

/** The Go the warm-up installed into the tool cache. */
async function goroot() {
  for (const tool of (await readdir(toolCache)).filter(
    t => t.startsWith('go-custom') || t === 'go'
  )) {
    for (const version of await readdir(path.join(toolCache, tool))) {
      for (const arch of await readdir(path.join(toolCache, tool, version))) {
        const dir = path.join(toolCache, tool, version, arch)
        if (await stat(path.join(dir, 'bin', 'go')).catch(() => undefined)) return dir
      }
    }
  }
  throw new Error(`no Go in ${toolCache}`)
}

async function timed(command, args, opts, tag) {
  const cpuFile = path.join(scratch, `${tag}.cpu`)
  const [c, a] = await timedCommand(command, args, cpuFile)
  const start = process.hrtime.bigint()
  await run(c, a, { maxBuffer: 1 << 26, ...opts })
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  return { wall, cpu: await cpuSeconds(cpuFile), peak: await peakMiB(cpuFile) }
}

async function bare(go, i) {
  const gocache = await freshCache()
  const env = bareGoEnv(gocache)
  const out = path.join(scratch, `bare-${i}`)
  return timed(
    go,
    ['build', '-trimpath', '-ldflags', '-s -w', '-o', out, '.'],
    { cwd: work, env },
    `bare-${i}`
  )
}

/**
 * The golang stage's image, made once and untimed from the runner's own Go (a hosted runner pulls golang:<v>
 * instead): GOROOT at /usr/local/go with the shared libraries its go command links, imported into the Engine.
 */
async function golangImage(dir) {
  const rootfs = path.join(scratch, 'golang-rootfs')
  await mkdir(path.join(rootfs, 'usr', 'local'), { recursive: true })
  await mkdir(path.join(rootfs, 'tmp'), { recursive: true })
  await cp(dir, path.join(rootfs, 'usr', 'local', 'go'), {
    recursive: true,
    verbatimSymlinks: true
  })
  const { stdout } = await run('ldd', [path.join(dir, 'bin', 'go')]).catch(() => ({ stdout: '' }))
  for (const lib of stdout.matchAll(/(\/\S+)/g)) {
    const dest = path.join(rootfs, lib[1])
    await mkdir(path.dirname(dest), { recursive: true })
    await cp(lib[1], dest, { dereference: true })
  }
  const tag = `gsi-bench-golang:${stamp}`
  await run('sh', ['-c', `tar -C '${rootfs}' -c . | docker import - ${tag}`])
  return tag
}

const DOCKERFILE = golang => `FROM ${golang} AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=-mod=mod GOPROXY=off GOCACHE=/tmp/gocache GOPATH=/tmp/gopath GOTOOLCHAIN=local
RUN ["/usr/local/go/bin/go", "build", "-trimpath", "-ldflags", "-s -w", "-o", "/out/app", "."]
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`

async function recipe(golang, i) {
  const ctx = path.join(scratch, `recipe-${i}`)
  await cp(work, ctx, { recursive: true, filter: s => !s.includes(`${path.sep}.git`) })
  await writeFile(path.join(ctx, 'Dockerfile'), DOCKERFILE(golang))
  const ref = `${registry}/bench/cold-recipe:${stamp}-${i}`
  const built = await timed(
    'docker',
    ['build', '--no-cache', '--network', 'none', '-q', '-t', ref, ctx],
    {},
    `recipe-build-${i}`
  )
  const pushed = await timed('docker', ['push', '-q', ref], {}, `recipe-push-${i}`)
  await run('docker', ['rmi', ref]).catch(() => undefined)
  return { wall: built.wall + pushed.wall, build: built.wall, push: pushed.wall }
}

// Warm-up: installs Go into the tool cache (from the local mirror) and makes the golang image.
await step('warmup')
const go = path.join(await goroot(), 'bin', 'go')
const golang = await golangImage(await goroot())
await recipe(golang, 'warmup')

const rows = { step: [], bare: [], recipe: [] }
for (let i = 1; i <= rounds; i++) {
  const order = ['step', 'bare', 'recipe']
  for (let r = 0; r < (i - 1) % 3; r++) order.push(order.shift())
  const got = {}
  for (const k of order) {
    got[k] =
      k === 'step' ? await step(i) : k === 'bare' ? await bare(go, i) : await recipe(golang, i)
    rows[k].push(got[k])
  }
  console.error(
    `round ${i}: step ${got.step.wall.toFixed(2)} s, bare ${got.bare.wall.toFixed(2)} s, ` +
      `recipe ${got.recipe.wall.toFixed(2)} s (build ${got.recipe.build.toFixed(2)}, push ${got.recipe.push.toFixed(2)})`
  )
}
await run('docker', ['rmi', golang]).catch(() => undefined)
await rm(scratch, { recursive: true, force: true })

const f = x => (x === undefined ? '-' : x.toFixed(2))
const med = (k, field) => {
  const xs = rows[k].map(r => r[field]).filter(x => x !== undefined)
  return xs.length ? median(xs) : undefined
}
const ratio = k => median(rows[k].map((r, i) => r.wall / rows.bare[i].wall))
console.log(
  `\nrounds: ${rounds} (median); program: ${path.relative(root, from)}; empty Go build cache each run; pushed to ${registry}`
)
console.log(`| run | wall s | / bare cold build | CPU s | peak MiB |`)
console.log(`|---|---|---|---|---|`)
console.log(
  `| bare cold \`go build -trimpath -ldflags "-s -w"\` | ${f(med('bare', 'wall'))} | 1.00 | ${f(med('bare', 'cpu'))} | ${f(med('bare', 'peak'))} |`
)
console.log(
  `| action step, cold | ${f(med('step', 'wall'))} | ${f(ratio('step'))} | ${f(med('step', 'cpu'))} | ${f(med('step', 'peak'))} |`
)
console.log(
  `| multi-stage Dockerfile, \`docker build --no-cache --network none\` + \`docker push\` | ${f(med('recipe', 'wall'))} | ${f(ratio('recipe'))} | - | - |`
)
console.log(`(recipe: build ${f(med('recipe', 'build'))} s, push ${f(med('recipe', 'push'))} s)`)
console.log(`raw: ${JSON.stringify(rows)}`)
