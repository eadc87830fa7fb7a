#!/usr/bin/env node
// The binary layer compressed in a worker thread against on the main thread, while the static layers (the CA
// bundle and the zoneinfo tree) are compressed on the main thread: the assembly of one platform, alternating runs.
// Uses the compiled sources (lib/, or GSI_LIB): npm run build && node bench/layer-worker.mjs [binary]   (Node 22.15+
// for zstd; the default binary is this node)
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { median, root } from './action.mjs'

const lib = process.env.GSI_LIB ? path.resolve(process.env.GSI_LIB) : path.join(root, 'lib')
const { LayerCompressor } = await import(path.join(lib, 'oci', 'layer-compressor.js'))
const { sha256 } = await import(path.join(lib, 'oci', 'image.js'))

const tarOf = (dir, name) =>
  execFileSync('tar', ['-C', dir, '-cf', '-', name], { maxBuffer: 1 << 28 })
const binary = path.resolve(process.argv[2] ?? process.execPath)
const layers = {
  binary: tarOf(path.dirname(binary), path.basename(binary)),
  certificates: tarOf('/etc/ssl/certs', 'ca-certificates.crt'),
  zoneinfo: execFileSync(
    'tar',
    [
      '-C',
      '/usr/share',
      '--exclude=zoneinfo/posix',
      '--exclude=zoneinfo/right',
      '-cf',
      '-',
      'zoneinfo'
    ],
    { maxBuffer: 1 << 28 }
  )
}
console.log(
  `binary ${binary} (${layers.binary.length} B tar), node ${process.version}, ${Object.keys(layers).join(', ')}`
)
console.log(
  '| codec | binary on the main thread s (median) | binary in a worker s (median) | runs |'
)
console.log('|---|---|---|---|')
const runs = 7
for (const compression of [
  { codec: 'gzip', level: 9 },
  { codec: 'zstd', level: 19 }
]) {
  const times = { main: [], worker: [] }
  for (let i = 0; i < 2 * runs; i++) {
    const worker = i % 2 === 1
    const lc = new LayerCompressor({ compression })
    const t = process.hrtime.bigint()
    await Promise.all(
      Object.entries(layers).map(([name, tar]) =>
        lc.compress(tar, sha256(tar), { worker: worker && name === 'binary' })
      )
    )
    times[worker ? 'worker' : 'main'].push(Number(process.hrtime.bigint() - t) / 1e9)
  }
  console.log(
    `| ${compression.codec} ${compression.level} | ${median(times.main).toFixed(3)} | ${median(times.worker).toFixed(3)} | ${runs} each |`
  )
}
