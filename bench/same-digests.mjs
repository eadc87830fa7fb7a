#!/usr/bin/env node
// Checks that two or more bundles make byte-identical images: each program (and a two-platform build) is built by
// every bundle GSI_DIST lists (comma separated), with the same source-date-epoch, pushed to the loopback registry,
// and the `digest` outputs compared. The invariant of every speed change (docs/benchmarks.md, "Fixed cost").
// Usage: GSI_DIST=old,new node bench/same-digests.mjs [programs=hello,httpbin]   (start scripts/test-env.sh first)
// Exits 1 when a digest differs.
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { benchDists, benchScratch, registry, root, runAction } from './action.mjs'

const programs = (process.argv[2] ?? 'hello,httpbin').split(',').filter(Boolean)
const scratch = await benchScratch('gsi-bench-digests-')
const dists = benchDists().map((d, i) => ({ dir: i ? `dist-${i + 1}` : 'dist', label: d }))
const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'))
const stamp = Date.now().toString(36)

const cases = [
  ...programs.map(name => ({ name, platforms: 'linux/amd64' })),
  { name: programs[0], platforms: 'linux/amd64,linux/arm64' }
]
let failed = false
for (const { name, platforms } of cases) {
  let from = path.join(root, 'examples', name)
  if (!(await stat(from).catch(() => undefined))) from = path.join(root, 'bench', 'fixtures', name)
  const digests = []
  for (const [k, d] of dists.entries()) {
    const work = path.join(await mkdtemp(path.join(scratch, 'work-')), name)
    await cp(from, work, { recursive: true })
    const r = await runAction({
      scratch,
      work,
      toolCache,
      gocache: await mkdtemp(path.join(scratch, 'gocache-')),
      dist: d.dir,
      inputs: {
        image: `${registry}/bench/same-digests`,
        tags: `${stamp}-${name}-${platforms.split(',').length}-${k}`,
        platforms,
        'source-date-epoch': '1700000000'
      }
    })
    digests.push(r.outputs.digest)
  }
  const same = digests.every(x => x === digests[0])
  failed ||= !same
  console.log(
    `${same ? 'same' : 'DIFFERENT'}  ${name} ${platforms}: ${dists.map((d, k) => `${d.label} ${digests[k]}`).join(', ')}`
  )
}
await rm(scratch, { recursive: true, force: true })
process.exitCode = failed ? 1 : 0
