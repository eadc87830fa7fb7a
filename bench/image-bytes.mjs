#!/usr/bin/env node
// Bytes of each layer of the default image of examples/hello, against a naive zoneinfo copy (the whole
// /usr/share/zoneinfo with links followed, as many Dockerfile guides do) and against the physical floor
// (gzip -9 of the binary, of the CA bundle and of the deduplicated zoneinfo files with no tar framing).
// Usage: node bench/image-bytes.mjs   (start scripts/test-env.sh go first; run npm run bundle)
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, realpath, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const mirror = process.env.GSI_MIRROR_URL ?? 'http://127.0.0.1:5080'
const run = promisify(execFile)
const gz = buf => gzipSync(buf, { level: 9 }).length

const tmp = await mkdtemp(path.join(os.tmpdir(), 'gsi-bench-bytes-'))
const work = path.join(tmp, 'hello')
await cp(path.join(root, 'examples', 'hello'), work, { recursive: true })
await mkdir(path.join(tmp, 'temp'))
await writeFile(path.join(tmp, 'out'), '')
await run(process.execPath, [path.join(root, 'dist', 'index.js')], {
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: path.join(tmp, 'temp'),
    RUNNER_TOOL_CACHE: path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache'),
    GITHUB_OUTPUT: path.join(tmp, 'out'),
    GITHUB_WORKSPACE: work,
    'INPUT_GO-DOWNLOAD-BASE-URL': mirror,
    INPUT_PUSH: 'false',
    INPUT_CACHE: 'false'
  },
  maxBuffer: 1 << 26
})
const outputs = await readFile(path.join(tmp, 'out'), 'utf8')
const field = name => new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(outputs)?.[2]
const [[platform, sizes]] = Object.entries(JSON.parse(field('sizes')))
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
const binaryPath = path.join(tmp, 'temp')
const binaries = (await run('find', [binaryPath, '-type', 'f', '-name', 'hello'])).stdout
  .trim()
  .split('\n')
const binary = await readFile(binaries[0])
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
  `example: examples/hello, Go ${field('go-version')}, default inputs, platform ${platform}`
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
