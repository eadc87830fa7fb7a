#!/usr/bin/env node
// The timeline of one warm step: when each log line of the action reached the pipe, for a changed source after two
// warm-ups (Go installed, build cache warm), with each bundle GSI_DIST lists, one after another. Prints the lines
// that mark the phases (group starts and ends, the compile, the push, the referrers, the tags) with their times.
// Usage: GSI_DIST=old,new node bench/timeline.mjs [program=httpbin] [input=value …]   (start scripts/test-env.sh first)
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { benchDists, benchScratch, commitEachChange, registry, root, runnerEnv } from './action.mjs'

const name = process.argv[2] ?? 'httpbin'
const extra = Object.fromEntries(
  process.argv.slice(3).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
)
const scratch = await benchScratch('gsi-bench-timeline-')
const dists = benchDists().map((d, i) => ({ dir: i ? `dist-${i + 1}` : 'dist', label: d }))

/** Runs the bundle as the runner does, stamping each stdout line with the seconds since the start. */
async function timed(dist, work, toolCache, gocache, tag) {
  const { env } = await runnerEnv({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: { image: `${registry}/bench/timeline`, tags: tag, platforms: 'linux/amd64', ...extra }
  })
  const start = process.hrtime.bigint()
  const lines = []
  const child = spawn(process.execPath, [path.join(scratch, dist, 'index.js')], { cwd: work, env })
  let rest = ''
  child.stdout.on('data', chunk => {
    const t = Number(process.hrtime.bigint() - start) / 1e9
    const parts = (rest + chunk).split('\n')
    rest = parts.pop()
    for (const l of parts) lines.push([t, l])
  })
  await new Promise(resolve => child.on('close', resolve))
  lines.push([Number(process.hrtime.bigint() - start) / 1e9, '(exit)'])
  return lines
}

const MARKS =
  /^(::group::|== |.*: done in |.*building .* for |.*linked|attached |.*: read back|tagged|.*tag(ged)? |\(exit\))/i
for (const d of dists) {
  const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
  const gocache = await mkdtemp(path.join(scratch, 'gocache-'))
  const work = path.join(await mkdtemp(path.join(scratch, 'work-')), name)
  let from = path.join(root, 'examples', name)
  if (!(await readFile(path.join(from, 'main.go')).catch(() => undefined)))
    from = path.join(root, 'bench', 'fixtures', name)
  await cp(from, work, { recursive: true })
  const commit = await commitEachChange(work)
  const mainGo = path.join(work, 'main.go')
  const original = await readFile(mainGo, 'utf8')
  let lines
  for (let n = 1; n <= 3; n++) {
    await writeFile(mainGo, original.replace(/log\.Printf\("/, `log.Printf("${Date.now()}-${n} `))
    await commit(n)
    lines = await timed(d.dir, work, toolCache, gocache, `t${Date.now().toString(36)}-${n}`)
  }
  console.log(`\n${d.label}: the third step`)
  const first = lines[0]
  console.log(`${first[0].toFixed(2)}  (first line) ${first[1].slice(0, 100)}`)
  for (const [t, l] of lines) if (MARKS.test(l)) console.log(`${t.toFixed(2)}  ${l.slice(0, 110)}`)
}
