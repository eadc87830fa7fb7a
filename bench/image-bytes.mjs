#!/usr/bin/env node
// Bytes of each layer of the default image of examples/hello, against a naive zoneinfo copy (the whole
// /usr/share/zoneinfo with links followed, as many Dockerfile guides do) and against the physical floor
// (gzip -9 of the binary, of the CA bundle and of the deduplicated zoneinfo files with no tar framing).
// Runs a copy of dist/ taken at the start through bench/action.mjs, with push: false.
// Usage: node bench/image-bytes.mjs   (start scripts/test-env.sh go first; run npm run bundle)
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, lstat, readFile, readdir, realpath, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
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
await rm(scratch, { recursive: true, force: true })
