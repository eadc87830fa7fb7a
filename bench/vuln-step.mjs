#!/usr/bin/env node
// Benchmark of what the vulnerability check adds to a whole warm step, as a user sees it: go-httpbin's step with
// vulnerabilities: off and with report against a database the size of vuln.go.dev's (bench/vuln.mjs generates it)
// served on 127.0.0.1 and already in the tool cache, in alternating pairs on the same kind of change (one string of
// main.go, a new commit), pushed to the loopback registry. The check runs beside the compile, so what it adds to
// the wall time can be less than its own time (bench/vuln.mjs). Target: at most 0.1 s.
// Usage: node bench/vuln-step.mjs [pairs=9]   (start scripts/test-env.sh first)
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { benchScratch, commitEachChange, median, registry, root, runAction } from './action.mjs'
import { syntheticEntries, transpiled } from './vuln.mjs'

const pairs = Number(process.argv[2] ?? 9)
const exec = promisify(execFile)
const scratch = await benchScratch('gsi-bench-vulnstep-')
const src = await transpiled()
const load = rel => import(pathToFileURL(path.join(src, rel)).href)
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
const work = path.join(await mkdtemp(path.join(scratch, 'work-')), 'httpbin')
await cp(path.join(root, 'bench', 'fixtures', 'httpbin'), work, { recursive: true })

// The database: entries on the functions of httpbin's own binary, as bench/vuln.mjs makes them.
const binary = path.join(scratch, 'httpbin-names')
await exec('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', binary, '.'], {
  cwd: work,
  env: { ...process.env, CGO_ENABLED: '0', GOCACHE: gocache, GOFLAGS: '' }
})
const { functionNames } = await load('src/vuln/symbols.js')
const { writeVulnDb, serveDir } = await load('__tests__/fixtures/vuln/database.js')
const entries = syntheticEntries(functionNames(await readFile(binary)))
await writeVulnDb(path.join(scratch, 'db'), entries)
const served = await serveDir(path.join(scratch, 'db'))

const mainGo = path.join(work, 'main.go')
const original = await readFile(mainGo, 'utf8')
const anchor = /log\.Printf\("([^"%]*)/
const commit = await commitEachChange(work)
const stamp = Date.now().toString(36)
let changes = 0
const step = async check => {
  await writeFile(
    mainGo,
    original.replace(anchor, (_, s) => `log.Printf("${s}[${stamp}-${++changes}] `)
  )
  await commit(changes)
  const inputs = {
    image: `${registry}/bench/vuln-step`,
    tags: `${stamp}-${changes}`,
    platforms: 'linux/amd64'
  }
  return runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: check ? { ...inputs, vulnerabilities: 'report', 'vuln-db': served.url } : inputs
  })
}

try {
  // Warm-up: Go into the tool cache, the build cache, and the database into the tool cache.
  await step(false)
  const first = await step(true)
  const off = []
  const on = []
  const diffs = []
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? [true, false] : [false, true]
    const r = {}
    for (const check of order) r[check] = await step(check)
    off.push(r.false.wall)
    on.push(r.true.wall)
    diffs.push(r.true.wall - r.false.wall)
    console.error(
      `pair ${i + 1}: off ${r.false.wall.toFixed(3)} s, report ${r.true.wall.toFixed(3)} s`
    )
  }
  const count = JSON.parse(first.outputs.vulnerabilities ?? '[]').length
  console.log(
    `go-httpbin, ${pairs} alternating pairs; database ${entries.length} entries on 127.0.0.1 (cached), ` +
      `${count} findings, ${first.outputs['vulnerability-count']} reachable`
  )
  console.log('| vulnerabilities | median wall s |')
  console.log('|---|---|')
  console.log(`| off | ${median(off).toFixed(3)} |`)
  console.log(`| report | ${median(on).toFixed(3)} |`)
  console.log(`median of the pairs' differences: ${(1000 * median(diffs)).toFixed(0)} ms`)
} finally {
  await served.close()
  await rm(scratch, { recursive: true, force: true })
  await rm(src, { recursive: true, force: true })
}
