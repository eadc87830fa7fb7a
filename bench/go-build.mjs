#!/usr/bin/env node
// Benchmark of the Go half: a second run on the same source (tool cache and Go build cache warm) against the
// first, and N platforms against one. Runs dist/index.js as the runner does, against the local Go mirror only.
// Usage: node bench/go-build.mjs [runs=3]   (start scripts/test-env.sh first)
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const mirror = process.env.GSI_MIRROR_URL ?? 'http://127.0.0.1:5080'
const runs = Number(process.argv[2] ?? 3)
const ALL = 'linux/amd64,linux/arm64,linux/arm/v7,linux/386,linux/ppc64le,linux/s390x,linux/riscv64'
const run = promisify(execFile)

async function action(toolCache, gocache, platforms) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-'))
  const work = path.join(tmp, 'hello')
  await cp(path.join(root, 'examples', 'hello'), work, { recursive: true })
  await mkdir(path.join(tmp, 'temp'))
  await writeFile(path.join(tmp, 'out'), '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOCACHE: gocache,
    GOMODCACHE: path.join(gocache, 'mod'),
    RUNNER_TEMP: path.join(tmp, 'temp'),
    RUNNER_TOOL_CACHE: toolCache,
    GITHUB_OUTPUT: path.join(tmp, 'out'),
    GITHUB_WORKSPACE: work,
    'INPUT_GO-DOWNLOAD-BASE-URL': mirror,
    INPUT_PUSH: 'false',
    INPUT_PLATFORMS: platforms,
    INPUT_CACHE: 'false'
  }
  const start = process.hrtime.bigint()
  await run(process.execPath, [path.join(root, 'dist', 'index.js')], { env, maxBuffer: 1 << 26 })
  return Number(process.hrtime.bigint() - start) / 1e9
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function scenario(platforms) {
  const cold = []
  const warm = []
  for (let i = 0; i < runs; i++) {
    // Fresh tool cache and Go build cache: the first run on a new runner.
    const toolCache = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-tc-'))
    const gocache = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-gocache-'))
    cold.push(await action(toolCache, gocache, platforms))
    warm.push(await action(toolCache, gocache, platforms))
  }
  return { cold: median(cold), warm: median(warm), coldAll: cold, warmAll: warm }
}

const one = await scenario('linux/amd64')
const many = await scenario(ALL)
const f = x => x.toFixed(2)
console.log(`runs per cell: ${runs} (median); example: examples/hello; Go from ${mirror}`)
console.log(`| platforms | first run (cold) s | second run (warm) s | warm/cold |`)
console.log(`|---|---|---|---|`)
console.log(`| 1 (linux/amd64) | ${f(one.cold)} | ${f(one.warm)} | ${f(one.warm / one.cold)} |`)
console.log(`| 7 | ${f(many.cold)} | ${f(many.warm)} | ${f(many.warm / many.cold)} |`)
console.log(`| 7 / 1 | ${f(many.cold / one.cold)} | ${f(many.warm / one.warm)} | |`)
console.log(`raw: ${JSON.stringify({ one, many })}`)
