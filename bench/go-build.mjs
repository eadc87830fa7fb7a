#!/usr/bin/env node
// Benchmark of the Go half: a second run on the same source (tool cache and Go build cache warm) against the
// first, and N platforms against one. Runs a copy of dist/ taken at the start through bench/action.mjs (as the
// runner does), each run on a fresh copy of examples/hello with push: false, against the local Go mirror only.
// Usage: node bench/go-build.mjs [runs=3]   (start scripts/test-env.sh first)
import { cp, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { benchScratch, median, mirror, root, runAction } from './action.mjs'

const runs = Number(process.argv[2] ?? 3)
const ALL = 'linux/amd64,linux/arm64,linux/arm/v7,linux/386,linux/ppc64le,linux/s390x,linux/riscv64'
const scratch = await benchScratch('gsi-bench-go-')

/** One action run on a new checkout of examples/hello; returns its wall time and CPU seconds (with GNU time). */
async function action(toolCache, gocache, platforms) {
  const work = path.join(await mkdtemp(path.join(scratch, 'work-')), 'hello')
  await cp(path.join(root, 'examples', 'hello'), work, { recursive: true })
  const { wall, cpu } = await runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: { push: 'false', platforms }
  })
  return { wall, cpu }
}

async function scenario(platforms) {
  const cold = []
  const warm = []
  const warmCpu = []
  for (let i = 0; i < runs; i++) {
    // Fresh tool cache and Go build cache: the first run on a new runner.
    const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
    const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
    cold.push((await action(toolCache, gocache, platforms)).wall)
    const w = await action(toolCache, gocache, platforms)
    warm.push(w.wall)
    if (w.cpu !== undefined) warmCpu.push(w.cpu)
    await rm(toolCache, { recursive: true, force: true })
    await rm(gocache, { recursive: true, force: true })
  }
  return {
    cold: median(cold),
    warm: median(warm),
    warmCpu: warmCpu.length ? median(warmCpu) : undefined,
    coldAll: cold,
    warmAll: warm
  }
}

const one = await scenario('linux/amd64')
const many = await scenario(ALL)
await rm(scratch, { recursive: true, force: true })
const f = x => x.toFixed(2)
console.log(`runs per cell: ${runs} (median); example: examples/hello; Go from ${mirror}`)
console.log(`| platforms | first run (cold) s | second run (warm) s | warm/cold |`)
console.log(`|---|---|---|---|`)
console.log(`| 1 (linux/amd64) | ${f(one.cold)} | ${f(one.warm)} | ${f(one.warm / one.cold)} |`)
console.log(`| 7 | ${f(many.cold)} | ${f(many.warm)} | ${f(many.warm / many.cold)} |`)
console.log(`| 7 / 1 | ${f(many.cold / one.cold)} | ${f(many.warm / one.warm)} | |`)
if (one.warmCpu !== undefined && many.warmCpu !== undefined) {
  console.log(
    `warm CPU s (user + sys): 1 platform ${f(one.warmCpu)}, 7 platforms ${f(many.warmCpu)}, ` +
      `7 / 1 ${f(many.warmCpu / one.warmCpu)}`
  )
}
console.log(`raw: ${JSON.stringify({ one, many })}`)
