#!/usr/bin/env node
// CPU profile of one warm step (changed source, warm Go cache, push to the loopback registry): where the step's
// own CPU goes, thread by thread, to find what to cut before measuring ratios with bench/overhead.mjs.
// Usage: node bench/profile.mjs [program=httpbin] [input=value …]   (start scripts/test-env.sh first)
// The program is a folder of examples/ or bench/fixtures/. Two warm-ups install Go and fill the caches; the third
// run is profiled (node --cpu-prof, one file per thread, into PROFDIR or a temp folder) and each thread's busiest
// functions are printed by self time; INCL=N also prints the N largest inclusive times.
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { benchScratch, commitEachChange, registry, root, runAction } from './action.mjs'

const name = process.argv[2] ?? 'httpbin'
const extra = Object.fromEntries(
  process.argv.slice(3).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
)
const scratch = await benchScratch('gsi-bench-profile-')
const profiles = process.env.PROFDIR ?? (await mkdtemp(path.join(os.tmpdir(), 'gsi-profiles-')))
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
const work = path.join(scratch, name)
let from = path.join(root, 'examples', name)
if (!(await stat(from).catch(() => undefined))) from = path.join(root, 'bench', 'fixtures', name)
await cp(from, work, { recursive: true })
const commit = await commitEachChange(work)
const mainGo = path.join(work, 'main.go')
const original = await readFile(mainGo, 'utf8')
let n = 0

/** One step after a new string in main.go's log.Printf, so the main package recompiles and relinks. */
async function step(profile) {
  n++
  await writeFile(mainGo, original.replace(/log\.Printf\("/, `log.Printf("${Date.now()}-${n} `))
  await commit(n)
  return runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: {
      image: `${registry}/bench/profile`,
      tags: `p${Date.now()}-${n}`,
      platforms: 'linux/amd64',
      ...extra
    },
    env: profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` } : {}
  })
}

/** Self time by function (and, with INCL, inclusive time), in seconds, from one .cpuprofile. */
function summary(profile) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const key = f =>
    `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`
  const self = new Map()
  const incl = new Map()
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1e6
    const k = key(byId.get(id).callFrame)
    self.set(k, (self.get(k) ?? 0) + dt)
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const ki = key(byId.get(at).callFrame)
      if (!seen.has(ki)) incl.set(ki, (incl.get(ki) ?? 0) + dt)
      seen.add(ki)
    }
  })
  return { self, incl }
}

await step(false)
await step(false)
const r = await step(true)
await rm(scratch, { recursive: true, force: true })
console.log(
  `profiled step: wall ${r.wall.toFixed(2)} s, CPU ${r.cpu?.toFixed(2)} s (user + sys, with children)`
)
for (const line of r.stdout.split('\n').filter(l => /: done in /.test(l))) console.log(`  ${line}`)
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
for (const file of (await readdir(profiles)).filter(f => f.endsWith('.cpuprofile')).sort()) {
  const { self, incl } = summary(JSON.parse(await readFile(path.join(profiles, file), 'utf8')))
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0)
  console.log(`\n${file}: busy ${busy.toFixed(2)} s`)
  for (const [k, v] of top(self, 20)) console.log(`  self ${v.toFixed(3)}  ${k}`)
  if (process.env.INCL)
    for (const [k, v] of top(incl, Number(process.env.INCL)))
      console.log(`  incl ${v.toFixed(3)}  ${k}`)
}
console.log(`\nprofiles: ${profiles}`)
