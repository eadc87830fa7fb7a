#!/usr/bin/env node
// The cost of the image check before a push (src/oci/image-check.ts): the default image of a go-httpbin-sized
// program (bench/fixtures/httpbin), built through the bundled action into an OCI layout (push off), then checked as
// the assembly stage checks it, round after round on one thread, with the time split into its parts: the layers
// decompressed, their tar headers read, the layers unpacked and the rules applied.
// Uses the compiled sources (lib/, or GSI_LIB) and the bundle (dist/, or GSI_DIST) to build the image:
//   npm run build && node bench/image-check.mjs [rounds=20] [program=httpbin] [input=value …]
//   (start scripts/test-env.sh first; e.g. node bench/image-check.mjs 20 httpbin compression=zstd)
import { cp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { benchScratch, median, root, runAction } from './action.mjs'

const rounds = Number(process.argv[2] ?? 20)
const program = process.argv[3] ?? 'httpbin'
const extra = Object.fromEntries(
  process.argv.slice(4).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
)
const lib = process.env.GSI_LIB ? path.resolve(process.env.GSI_LIB) : path.join(root, 'lib')
const { checkImages, runConfig } = await import(path.join(lib, 'oci', 'image-check.js'))
const { decompressLayer, layerEntries } = await import(path.join(lib, 'oci', 'layer-headers.js'))
const { unpack } = await import(path.join(lib, 'oci', 'unpack.js'))
const { checkUnpacked } = await import(path.join(lib, 'oci', 'unpack-check.js'))

const scratch = await benchScratch('gsi-bench-check-')
const work = path.join(scratch, program)
await cp(path.join(root, 'bench', 'fixtures', program), work, { recursive: true })
const layout = path.join(scratch, 'layout')
const { outputs } = await runAction({
  scratch,
  work,
  toolCache: path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache'),
  gocache: path.join(scratch, 'gocache'),
  inputs: { push: 'false', 'oci-layout': layout, sbom: 'none', ...extra }
})
const blob = digest => readFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)))
const manifest = JSON.parse(await blob(outputs.digest))
const [sizes] = Object.values(JSON.parse(outputs.sizes))
const image = {
  platform: 'linux/amd64',
  config: await blob(manifest.config.digest),
  layers: await Promise.all(
    manifest.layers.map(async (l, i) => ({
      name: sizes.layers[i].name,
      data: await blob(l.digest)
    }))
  )
}

/** Wall and CPU milliseconds of fn (CPU: this process's user + system, which a busy machine skews less). */
async function timed(part, fn) {
  const wall = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const out = await fn()
  const used = process.cpuUsage(cpu)
  parts[part].wall.push(Number(process.hrtime.bigint() - wall) / 1e6)
  parts[part].cpu.push((used.user + used.system) / 1e3)
  return out
}
const parts = Object.fromEntries(
  ['total', 'decompress', 'headers', 'rules'].map(p => [p, { wall: [], cpu: [] }])
)
let entries = 0
for (let i = 0; i < rounds; i++) {
  await timed('total', () => checkImages([image]))
  const tars = await timed('decompress', () =>
    image.layers.map(l => decompressLayer(l.data, l.name))
  )
  const layers = await timed('headers', () =>
    Promise.all(
      tars.map(async (tar, j) => ({ name: image.layers[j].name, entries: await layerEntries(tar) }))
    )
  )
  const findings = await timed('rules', () =>
    checkUnpacked(unpack(layers), runConfig(image.config, image.platform))
  )
  if (findings.length) throw new Error(`the clean image failed the check: ${findings[0].message}`)
  entries = layers.reduce((n, l) => n + l.entries.length, 0)
}

const compressed = image.layers.reduce((n, l) => n + l.data.length, 0)
const tarBytes = image.layers.reduce((n, l) => n + decompressLayer(l.data, l.name).length, 0)
console.log(
  `node ${process.version}; ${program}: ${image.layers.length} layers (${image.layers.map(l => l.name).join(', ')}), ` +
    `${compressed} B compressed, ${tarBytes} B of tar, ${entries} tar entries; ${rounds} rounds`
)
console.log('| part | wall ms (median) | wall ms (min) | CPU ms (median) | CPU ms (min) |')
console.log('|---|---|---|---|---|')
for (const [name, { wall, cpu }] of Object.entries(parts)) {
  const cells = [median(wall), Math.min(...wall), median(cpu), Math.min(...cpu)]
  console.log(`| ${name} | ${cells.map(x => x.toFixed(1)).join(' | ')} |`)
}
