#!/usr/bin/env node
// gzip levels on real layers: each layer tar of the default image of the given programs (built through the bundled
// action into an OCI layout, push off) compressed by zlib at 9 and 6 in 256 KiB pieces (gzip 1–9 before
// libdeflate; the bytes are the same as the action wrote then) and by libdeflate at each level, one thread, with
// the CPU seconds (user + system of this process, best of 5, so a shared machine skews them less).
// Usage: node bench/gzip-levels.mjs [programs=hello,httpbin] [levels=1,3,4,5,6,7,8,9,10,12]
//   (start scripts/test-env.sh first; a program is a folder of examples/ or bench/fixtures/)
import { access, cp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { gzip as libdeflate } from 'libdeflate'
import { benchScratch, root, runAction } from './action.mjs'

const programs = (process.argv[2] ?? 'hello,httpbin').split(',').filter(Boolean)
const levels = (process.argv[3] ?? '1,3,4,5,6,7,8,9,10,12').split(',').map(Number)

/** zlib's gzip in fixed pieces, as src/oci/compress.ts gzipPieces writes it: its length only. */
function zlibPieces(data, level) {
  const piece = 256 * 1024
  const { Z_FINISH, Z_SYNC_FLUSH } = zlib.constants
  let n = 18
  for (let start = 0; ; start += piece) {
    const end = Math.min(data.length, start + piece)
    n += zlib.deflateRawSync(data.subarray(start, end), {
      level,
      finishFlush: end >= data.length ? Z_FINISH : Z_SYNC_FLUSH,
      ...(start ? { dictionary: data.subarray(start - 32 * 1024, start) } : {})
    }).length
    if (end >= data.length) return n
  }
}

/** The output length and the best CPU seconds of 5 runs. */
function timed(fn) {
  let best = Infinity
  let out = 0
  for (let i = 0; i < 5; i++) {
    const t = process.cpuUsage()
    out = fn()
    const u = process.cpuUsage(t)
    best = Math.min(best, (u.user + u.system) / 1e6)
  }
  return { bytes: out, cpu: best }
}

async function layerTars(program) {
  const scratch = await benchScratch('gsi-bench-levels-')
  const fixture = path.join(root, 'examples', program)
  const src = await access(fixture).then(
    () => fixture,
    () => path.join(root, 'bench', 'fixtures', program)
  )
  const work = path.join(scratch, program)
  await cp(src, work, { recursive: true })
  const layout = path.join(scratch, 'layout')
  const { outputs } = await runAction({
    scratch,
    work,
    toolCache: path.join(os.homedir(), '.cache', 'go-scratch-image', 'tool-cache'),
    gocache: path.join(scratch, 'gocache'),
    inputs: { push: 'false', 'oci-layout': layout }
  })
  const [sizes] = Object.values(JSON.parse(outputs.sizes))
  const blob = digest => readFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)))
  const manifest = JSON.parse(await blob(outputs.digest))
  return Promise.all(
    manifest.layers.map(async (l, i) => ({
      name: `${program} ${sizes.layers[i].name}`,
      tar: zlib.gunzipSync(await blob(l.digest))
    }))
  )
}

libdeflate(Buffer.from('warm-up'), 6)
console.log(`node ${process.version}, zlib ${process.versions.zlib}, libdeflate (npm) 0.1.0`)
const head = ['zlib 9 pieces', 'zlib 6 pieces', ...levels.map(l => `libdeflate ${l}`)]
console.log(`| layer (tar B) | ${head.map(h => `${h} B (CPU s)`).join(' | ')} |`)
console.log(`|---|${head.map(() => '---|').join('')}`)
for (const program of programs) {
  for (const { name, tar } of await layerTars(program)) {
    // The small system layers say nothing about the levels.
    if (tar.length < 64 * 1024) continue
    const cells = [
      timed(() => zlibPieces(tar, 9)),
      timed(() => zlibPieces(tar, 6)),
      ...levels.map(l => timed(() => libdeflate(tar, l).length))
    ]
    const base = cells[0].bytes
    const cell = c =>
      `${c.bytes} ${c === cells[0] ? '' : `(${(((c.bytes - base) / base) * 100).toFixed(1)}%) `}${c.cpu.toFixed(3)}`
    console.log(`| ${name} (${tar.length}) | ${cells.map(cell).join(' | ')} |`)
  }
}
