#!/usr/bin/env node
// Bytes of each layer of the default image of examples/hello, against a naive zoneinfo copy (the whole
// /usr/share/zoneinfo with links followed, as many Dockerfile guides do) and against the physical floor
// (gzip -9 of the binary, of the CA bundle and of the deduplicated zoneinfo files with no tar framing).
// Then the same image in each codec (gzip 6 and 9, gzip max, zstd 19 and 22) against the gzip -9 floor of each layer's
// tar (the gzip binary at -9 over the uncompressed layer), with each run's assembly time (layer cache emptied
// first), and each max encoder's own time on each layer.
// Runs a copy of dist/ taken at the start through bench/action.mjs, with push: false.
// Usage: node bench/image-bytes.mjs   (start scripts/test-env.sh go first; run npm run bundle; Node 22.15+ for
// zstd)
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, lstat, readFile, readdir, realpath, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib, { gzipSync } from 'node:zlib'
import { gzipAsync as zopfli } from '@gfx/zopfli'
import { gzip as libdeflate } from 'libdeflate'
import { benchScratch, root, runAction } from './action.mjs'

const run = promisify(execFile)
const gz = buf => gzipSync(buf, { level: 9 }).length

const scratch = await benchScratch('gsi-bench-bytes-')
const work = path.join(scratch, 'hello')
await cp(path.join(root, 'examples', 'hello'), work, { recursive: true })
const { outputs, temp } = await runAction({
  scratch,
  work,
  // The tool cache the quick start uses, so Go is downloaded once; a Go build cache of the script's own.
  toolCache: path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache'),
  gocache: path.join(scratch, 'gocache'),
  inputs: { push: 'false' }
})
const [[platform, sizes]] = Object.entries(JSON.parse(outputs.sizes))
const layer = name => sizes.layers.find(l => l.name === name)

// Naive: every file under /usr/share/zoneinfo, links followed (posix/ and right/ included), one gzip'd tar.
const zi = '/usr/share/zoneinfo'
const naiveTar = (
  await run('tar', ['-C', '/usr/share', '-chf', '-', 'zoneinfo'], {
    encoding: 'buffer',
    maxBuffer: 1 << 28
  })
).stdout
// Floor: each distinct TZif content once, concatenated, gzip -9 (what no layout of files can beat).
const seen = new Map()
async function walk(dir) {
  for (const name of await readdir(dir)) {
    const p = path.join(dir, name)
    if (dir === zi && (name === 'posix' || name === 'right')) continue
    const st = await lstat(p)
    if (st.isDirectory()) await walk(p)
    else {
      const data = await readFile(await realpath(p))
      if (data.subarray(0, 4).toString('latin1') !== 'TZif') continue
      seen.set(createHash('sha256').update(data).digest('hex'), data)
    }
  }
}
await walk(zi)
const zoneFloor = gz(Buffer.concat([...seen.values()]))
// The binary the action built: <RUNNER_TEMP>/go-scratch-image-*/build/<platform>/hello (the Dockerfile
// context next to it holds a copy).
const built = path.join('build', ...platform.split('/'), 'hello')
const binaries = (await readdir(temp, { recursive: true })).filter(p =>
  p.endsWith(`${path.sep}${built}`)
)
if (binaries.length !== 1) throw new Error(`expected one ${built} under ${temp}: ${binaries}`)
const binary = await readFile(path.join(temp, binaries[0]))
const bundle = await readFile('/etc/ssl/certs/ca-certificates.crt')

const rows = [
  ['certificates', layer('certificates').size, gz(bundle)],
  ['zoneinfo', layer('zoneinfo').size, zoneFloor],
  ['system (passwd, group, /tmp, home)', layer('system').size, 0],
  ['binary', layer('binary').size, gz(binary)]
]
const total = rows.reduce((n, r) => n + r[1], 0)
const floor = rows.reduce((n, r) => n + r[2], 0)
console.log(
  `example: examples/hello, Go ${outputs['go-version']}, default inputs, platform ${platform}`
)
console.log('| layer | image (gzip layer) B | floor (gzip -9 of the content) B | overhead B |')
console.log('|---|---|---|---|')
for (const [n, s, f] of rows) console.log(`| ${n} | ${s} | ${f} | ${s - f} |`)
console.log(`| all layers | ${total} | ${floor} | ${total - floor} |`)
console.log(`| + config | ${sizes.configSize} | | |`)
console.log(`| image (size output) | ${sizes.size} | | |`)
console.log('')
console.log('| zoneinfo staging | gzip bytes | ratio to ours |')
console.log('|---|---|---|')
console.log(
  `| ours (deduplicated, links kept, no posix/ right/) | ${layer('zoneinfo').size} | 1.00 |`
)
const naive = gz(naiveTar)
console.log(
  `| naive COPY /usr/share/zoneinfo, links followed | ${naive} | ${(naive / layer('zoneinfo').size).toFixed(2)} |`
)
console.log(
  `| floor (distinct TZif contents, gzip -9) | ${zoneFloor} | ${(zoneFloor / layer('zoneinfo').size).toFixed(2)} |`
)
console.log(
  `uncompressed: ours ${layer('zoneinfo').uncompressedSize} B of files, naive tar ${naiveTar.length} B`
)

// Codecs: the same build in each, written as an OCI layout; the layer cache is emptied before each run so the
// assembly time is the compression's.
const toolCache = path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache')
const codecs = [
  ['gzip 6 (default)', {}],
  ['gzip 9', { 'compression-level': '9' }],
  ['gzip max', { 'compression-level': 'max' }],
  ['zstd 19 (zstd default)', { compression: 'zstd' }],
  ['zstd 22', { compression: 'zstd', 'compression-level': '22' }]
]
const results = []
for (const [label, inputs] of codecs) {
  await rm(path.join(toolCache, 'go-scratch-image-layers'), { recursive: true, force: true })
  const layout = path.join(scratch, `layout-${results.length}`)
  const r = await runAction({
    scratch,
    work,
    toolCache,
    gocache: path.join(scratch, 'gocache'),
    inputs: { push: 'false', 'oci-layout': layout, ...inputs }
  })
  const s = Object.values(JSON.parse(r.outputs.sizes))[0]
  results.push({ label, sizes: s, layout, assemble: r.groups['Assemble OCI image'], wall: r.wall })
}
// The layers' tars, from the default (gzip) layout.
const blob = (layout, digest) =>
  readFile(path.join(layout, 'blobs', 'sha256', digest.replace('sha256:', '')))
const tars = {}
for (const l of results[0].sizes.layers)
  tars[l.name] = zlib.gunzipSync(await blob(results[0].layout, l.digest))
// The gzip binary itself, -n (no name or time), fed on stdin.
const gzipBinary = buf =>
  new Promise((resolve, reject) => {
    const child = execFile(
      'gzip',
      ['-9', '-n', '-c'],
      { encoding: 'buffer', maxBuffer: 1 << 28 },
      (e, out) => (e ? reject(e) : resolve(out.length))
    )
    child.stdin.end(buf)
  })
const tarFloor = {}
for (const [name, tar] of Object.entries(tars)) tarFloor[name] = await gzipBinary(tar)
console.log('')
console.log(
  `codecs (node ${process.version}, zlib ${process.versions.zlib}, zstd ${process.versions.zstd})`
)
console.log(
  `| layer | tar B | floor: gzip -9 of the tar B | ${results.map(r => `${r.label} B (÷ floor)`).join(' | ')} |`
)
console.log(`|---|---|---|${results.map(() => '---|').join('')}`)
const names = results[0].sizes.layers.map(l => l.name)
for (const name of [...names, 'all layers']) {
  const f =
    name === 'all layers' ? Object.values(tarFloor).reduce((a, b) => a + b, 0) : tarFloor[name]
  const t =
    name === 'all layers'
      ? Object.values(tars).reduce((a, b) => a + b.length, 0)
      : tars[name].length
  const cells = results.map(r => {
    const n =
      name === 'all layers'
        ? r.sizes.layers.reduce((a, l) => a + l.size, 0)
        : r.sizes.layers.find(l => l.name === name).size
    return `${n} (${(n / f).toFixed(3)})`
  })
  console.log(`| ${name} | ${t} | ${f} | ${cells.join(' | ')} |`)
}
console.log(`| image (size output) | | | ${results.map(r => r.sizes.size).join(' | ')} |`)
console.log(
  `| assemble s (cache emptied) | | | ${results.map(r => r.assemble?.toFixed(2) ?? '?').join(' | ')} |`
)
console.log(`| step wall s | | | ${results.map(r => r.wall.toFixed(2)).join(' | ')} |`)

// gzip max's encoders on each layer, one at a time: what the max level costs, and which one wins where.
console.log('')
console.log(
  '| layer | zlib 9 B | libdeflate 12 B (s) | zopfli 15 iterations B (s) | zstd 19 B (s) |'
)
console.log('|---|---|---|---|---|')
const timed = async f => {
  const t = process.hrtime.bigint()
  const out = await f()
  return [out.length, (Number(process.hrtime.bigint() - t) / 1e9).toFixed(2)]
}
for (const [name, tar] of Object.entries(tars)) {
  const ld = await timed(() => libdeflate(tar, 12))
  const zo = await timed(() => zopfli(tar, { numiterations: 15 }))
  const zs = zlib.zstdCompressSync
    ? await timed(() =>
        zlib.zstdCompressSync(tar, { params: { [zlib.constants.ZSTD_c_compressionLevel]: 19 } })
      )
    : ['-', '-']
  console.log(
    `| ${name} | ${gzipSync(tar, { level: 9 }).length} | ${ld[0]} (${ld[1]}) | ${zo[0]} (${zo[1]}) | ${zs[0]} (${zs[1]}) |`
  )
}
await rm(scratch, { recursive: true, force: true })
