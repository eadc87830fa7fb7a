#!/usr/bin/env node
// The native builder against `builder: docker` on the same example: after one warm-up of each (tool cache and
// Go build cache filled, so both sides measure image assembly and push, not Go), N rounds alternate the two
// (who goes first swaps each round), each run pushing to the local registry under its own tag. Prints the
// median wall time of the whole action run per builder, the median of the per-round ratios docker/native,
// the image and push phases from the log's "<group>: done in X s" lines when the bundle prints them, and both
// images' `size` outputs. Every run uses one copy of dist/ taken at the start, run through bench/action.mjs.
// Usage: node bench/builders.mjs [runs=5] [hello|fileserver]   (start scripts/test-env.sh first)
import { cp, rm } from 'node:fs/promises'
import path from 'node:path'
import { benchScratch, median, mirror, registry, root, runAction } from './action.mjs'

const runs = Number(process.argv[2] ?? 5)
const example = process.argv[3] ?? 'fileserver'
const files = example === 'fileserver' ? 'public:/public' : ''
const stamp = Date.now().toString(36)

const scratch = await benchScratch('gsi-bench-builders-')
const toolCache = path.join(scratch, 'tool-cache')
const gocache = path.join(scratch, 'gocache')
const work = path.join(scratch, example)
await cp(path.join(root, 'examples', example), work, { recursive: true })

/** One action run pushing a new tag; returns its wall time, image and push phases, blob line and outputs. */
async function action(builder, tag) {
  const { wall, stdout, outputs, groups } = await runAction({
    scratch,
    work,
    toolCache,
    gocache,
    inputs: { image: `${registry}/bench/builders-${builder}`, tags: tag, builder, files }
  }).catch(e => {
    throw new Error(`${builder} run: ${e.message}`)
  })
  const phase = re => Object.entries(groups).find(([name]) => re.test(name))?.[1]
  return {
    wall,
    image: phase(/^(Assemble OCI image|Build the Dockerfile with Docker)$/),
    push: phase(/^Push /),
    blobs: /^blobs: (.*)$/m.exec(stdout)?.[1] ?? '',
    outputs
  }
}

const f = x => (x === undefined ? '' : x.toFixed(2))

// Warm-up: Go into the tool cache, the standard library and the example into the build cache, and a first
// push of each image (its blobs then stay in the repository, as on a registry that has seen the last release).
const warm = {
  native: await action('native', `${stamp}-warm`),
  docker: await action('docker', `${stamp}-warm`)
}

const results = { native: [], docker: [] }
for (let i = 1; i <= runs; i++) {
  const order = i % 2 ? ['native', 'docker'] : ['docker', 'native']
  for (const builder of order) results[builder].push(await action(builder, `${stamp}-${i}`))
}

const ratios = results.native.map((n, i) => results.docker[i].wall / n.wall)
const hasGroups = results.native.every(r => r.image !== undefined)
const row = (name, rs) =>
  `| ${name} | ${f(median(rs.map(r => r.wall)))}` +
  (hasGroups ? ` | ${f(median(rs.map(r => r.image)))} | ${f(median(rs.map(r => r.push)))}` : '') +
  ` | ${[...new Set(rs.map(r => r.outputs.size))].join(', ')} |`

console.log(
  `example: examples/${example}${files ? ` (files: ${files})` : ''}; ${runs} rounds, alternating; ` +
    `Go ${warm.native.outputs['go-version']} from ${mirror}; registry ${registry}`
)
console.log(
  `warm-up: native ${f(warm.native.wall)} s (${warm.native.blobs}), docker ${f(warm.docker.wall)} s (${warm.docker.blobs})`
)
console.log(
  `| builder | wall s (median) |${hasGroups ? ' image phase s | push phase s |' : ''} size B |`
)
console.log(`|---|---|${hasGroups ? '---|---|' : ''}---|`)
console.log(row('native', results.native))
console.log(row('docker', results.docker))
console.log(
  `median of per-round docker/native wall: ${f(median(ratios))}` +
    (hasGroups
      ? `; image phase docker/native: ${f(median(results.native.map((n, i) => results.docker[i].image / n.image)))}`
      : '; the log has no group durations (bundle without them): image phase column skipped')
)
console.log(`per-round docker/native: ${ratios.map(f).join(' ')}`)
for (const b of ['native', 'docker']) {
  console.log(
    `${b}: wall ${results[b].map(r => f(r.wall)).join(' ')}` +
      (hasGroups
        ? `; image ${results[b].map(r => f(r.image)).join(' ')}; push ${results[b].map(r => f(r.push)).join(' ')}`
        : '') +
      `; blobs ${[...new Set(results[b].map(r => r.blobs))].join(' / ')}; digests ${[...new Set(results[b].map(r => r.outputs.digest))].join(' ')}`
  )
}
await rm(scratch, { recursive: true, force: true })
