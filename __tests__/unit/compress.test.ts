import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import { gzip as libdeflateGlue } from 'libdeflate'
import {
  compress,
  decompress,
  DEFAULT_COMPRESSION,
  DEFAULT_GZIP_LEVEL,
  GZIP_CHUNK_BYTES,
  gzipLevel,
  gzipPieces,
  parseCompression,
  usesLibdeflate,
  RUNTIME,
  type Compression
} from '../../src/oci/compress.js'
import {
  CompressionPool,
  compressInWorker,
  LayerCompressor
} from '../../src/oci/layer-compressor.js'
import { LIBDEFLATE_MAX_INPUT, libdeflateGzip } from '../../src/oci/libdeflate.js'
import { buildImage, withManifest } from '../../src/oci/image.js'
import { dockerArchive } from '../../src/oci/docker-archive.js'
import { readTar } from '../../src/oci/tar.js'
import { gateFailures } from '../../src/report/gate.js'
import { platformSize } from '../../src/report/size.js'
import { appPlan, goBuild, goMainDir, withTempDir } from './helpers.js'

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** Text with structure and variety, like a CA bundle: a seeded generator, so every run sees the same bytes. */
function sample(bytes: number): Buffer {
  const words = [
    'MII',
    'certificate',
    'Authority',
    'Root',
    'CA',
    'Trust',
    'GlobalSign',
    'ECC',
    'RSA',
    '2048'
  ]
  let seed = 42
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  const parts: string[] = []
  let n = 0
  while (n < bytes) {
    const w =
      next() % 3 === 0 ? words[next() % words.length]! : (next() % 1e9).toString(36).toUpperCase()
    parts.push(w)
    n += w.length + 1
  }
  return Buffer.from(parts.join(' ')).subarray(0, bytes)
}

/** Incompressible-looking bytes from a seeded generator (the same every run). */
function randomish(bytes: number): Buffer {
  const out = Buffer.alloc(bytes)
  let seed = 7
  for (let i = 0; i < bytes; i++) out[i] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16
  return out
}

const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer })
  .zstdDecompressSync
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
const nodeHasZstd = major > 22 || (major === 22 && minor >= 15)
// Visible as skipped, with the reason in the name; the next test fails if a Node that has zstd skipped them.
const withZstd = RUNTIME.hasZstd ? it : it.skip
const ZSTD = '(needs Node.js 22.15+ for node:zlib zstd)'

describe('the runtime', () => {
  it('has zstd exactly when Node.js is 22.15 or newer, so the zstd tests run on Node 24', () => {
    expect(RUNTIME.hasZstd).toBe(nodeHasZstd)
  })
})

describe('parseCompression', () => {
  const node24 = { version: 'v24.1.0', hasZstd: true }
  it.each<[string, string, Compression]>([
    ['', '', { codec: 'gzip', level: 6 }],
    ['gzip', '9', { codec: 'gzip', level: 9 }],
    ['gzip', '1', { codec: 'gzip', level: 1 }],
    [' GZIP ', 'MAX', { codec: 'gzip', level: 'max' }],
    ['zstd', '', { codec: 'zstd', level: 19 }],
    ['zstd', '22', { codec: 'zstd', level: 22 }],
    ['zstd', '1', { codec: 'zstd', level: 1 }]
  ])('%j %j', (codec, level, want) => {
    expect(parseCompression(codec, level, node24)).toEqual(want)
  })

  it.each<[string, string, string]>([
    [
      'brotli',
      '',
      "compression: 'brotli' is not a codec. Use gzip (read by every client) or zstd (smaller; see the README's compatibility table)."
    ],
    [
      'gzip',
      '0',
      "compression-level: '0' is not a gzip level. Use 1 to 9, or max (smallest, slow); the default is 6."
    ],
    [
      'gzip',
      '10',
      "compression-level: '10' is not a gzip level. Use 1 to 9, or max (smallest, slow); the default is 6."
    ],
    ['zstd', '23', "compression-level: '23' is not a zstd level. Use 1 to 22; the default is 19."],
    [
      'zstd',
      'max',
      "compression-level: 'max' is not a zstd level. Use 1 to 22; the default is 19."
    ],
    ['zstd', '-1', "compression-level: '-1' is not a zstd level. Use 1 to 22; the default is 19."]
  ])('refuses %s level %j', (codec, level, message) => {
    expect(() => parseCompression(codec, level, node24)).toThrow(message)
  })

  it('refuses zstd on a Node.js without it, naming the version', () => {
    expect(() => parseCompression('zstd', '', { version: 'v20.20.2', hasZstd: false })).toThrow(
      "compression: zstd needs Node.js 22.15 or newer (node:zlib's zstd), and this is Node.js v20.20.2. " +
        'Run the action on the node24 runtime action.yml declares (or the CLI on Node 22.15+), or use compression: gzip.'
    )
    // gzip stays available there.
    expect(parseCompression('gzip', 'max', { version: 'v20.20.2', hasZstd: false })).toEqual({
      codec: 'gzip',
      level: 'max'
    })
  })
})

describe('gzip max', () => {
  const input = sample(40_000)

  it('decompresses with the gzip binary, is smaller than level 9 and has the fixed header', async () => {
    const gz = await compress(input, { codec: 'gzip', level: 'max' })
    expect(execFileSync('gzip', ['-d', '-c'], { input: gz }).equals(input)).toBe(true)
    const nine = gzipLevel(input, 9)
    expect(gz.length).toBeLessThan(nine.length)
    expect([...gz.subarray(0, 8)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]) // no name, no mtime
    expect(gz[9]).toBe(0xff)
    // One gzip member: gzip -l sees the whole input in it.
    const listed = execFileSync('gzip', ['-l', '-q'], { input: gz }).toString()
    expect(listed).toContain(String(input.length))
  })

  it('is deterministic', async () => {
    const a = await compress(input, { codec: 'gzip', level: 'max' })
    const b = await compress(input, { codec: 'gzip', level: 'max' })
    expect(sha(a)).toBe(sha(b))
  })

  it('leaves no process-wide hooks of the wasm encoders behind', async () => {
    const before = [
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection')
    ]
    await compress(Buffer.from('x'), { codec: 'gzip', level: 'max' })
    expect([
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection')
    ]).toEqual(before)
  })
})

describe('gzip levels', () => {
  // Text, then bytes that barely compress: both of a layer's kinds of content.
  const input = Buffer.concat([sample(300_000), randomish(50_000)])

  it("max's libdeflate candidate, level 12, is the package's own glue's bytes too", () => {
    expect(libdeflateGzip(input, 12).equals(Buffer.from(libdeflateGlue(input, 12)))).toBe(true)
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])(
    "level %i is libdeflate's gzip at that level, which gzip -t, gzip -d and Node read back",
    level => {
      const gz = gzipLevel(input, level)
      // The package's own glue at the same level: the same bytes, header included (no name, mtime 0, OS 255).
      expect(gz.equals(Buffer.from(libdeflateGlue(input, level)))).toBe(true)
      expect([...gz.subarray(0, 8)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
      expect(gz[8]).toBe(level === 1 ? 4 : level >= 8 ? 2 : 0)
      expect(gz[9]).toBe(0xff)
      execFileSync('gzip', ['-t'], { input: gz })
      expect(
        execFileSync('gzip', ['-d', '-c'], { input: gz, maxBuffer: 1 << 24 }).equals(input)
      ).toBe(true)
      expect(zlib.gunzipSync(gz).equals(input)).toBe(true)
      // One member: gzip -l reads the whole input's length from the one trailer.
      expect(execFileSync('gzip', ['-l', '-q'], { input: gz }).toString()).toContain(
        String(input.length)
      )
    }
  )

  it('level 1 is larger than level 9, and empty input is a valid gzip', () => {
    expect(gzipLevel(input, 1).length).toBeGreaterThan(gzipLevel(input, 9).length)
    expect(zlib.gunzipSync(gzipLevel(Buffer.alloc(0), 6)).length).toBe(0)
  })

  it('gives the same bytes on this thread and on pools of 1, 2 and 3 workers, warmed up or not', async () => {
    const here = gzipLevel(input, DEFAULT_GZIP_LEVEL)
    for (const [n, warm] of [
      [1, false],
      [2, false],
      [3, false],
      [1, true],
      [2, true]
    ] as const) {
      // A warm-up at another level than the jobs' must not change them either.
      const pool = new CompressionPool(
        n,
        warm ? { gzipLevel: n === 1 ? DEFAULT_GZIP_LEVEL : 9 } : {}
      )
      if (warm) pool.warm()
      // Several layers at once, as a multi-platform run sends them.
      const pooled = await Promise.all(
        [0, 1, 2].map(() =>
          compressInWorker(input, { codec: 'gzip', level: DEFAULT_GZIP_LEVEL }, pool)
        )
      )
      for (const p of pooled) expect(sha(p)).toBe(sha(here))
    }
  })

  it('a layer that grows the wasm heap past what a worker keeps comes out right, and so does the next one', async () => {
    // deflate sees 32 KiB back, so a repeated MiB of random bytes stays incompressible: about 2 × 32 MiB of heap.
    const big = Buffer.concat([...Array<Buffer>(32).fill(randomish(2 ** 20)), sample(2 ** 20)])
    const pool = new CompressionPool(1)
    const c: Compression = { codec: 'gzip', level: 1 }
    const gz = await compressInWorker(big, c, pool)
    expect(sha(zlib.gunzipSync(gz))).toBe(sha(big))
    expect(gz.equals(gzipLevel(big, 1))).toBe(true)
    const after = await compressInWorker(input, c, pool)
    expect(after.equals(gzipLevel(input, 1))).toBe(true)
  }, 60_000)

  it('a handed-over input moves to the worker uncopied, with the same bytes out; a view into a larger buffer is copied', async () => {
    const pool = new CompressionPool(1)
    const c: Compression = { codec: 'gzip', level: DEFAULT_GZIP_LEVEL }
    const expected = gzipLevel(input, DEFAULT_GZIP_LEVEL)
    const mine = Buffer.from(new Uint8Array(input))
    const gz = await compressInWorker(mine, c, pool, undefined, true)
    expect(gz.equals(expected)).toBe(true)
    // Moved: the caller's buffer is detached, so no second copy of a binary stays behind.
    expect(mine.length).toBe(0)
    // A view (Node's pool, a subarray) cannot move without taking its neighbours along: copied, left intact.
    const view = Buffer.concat([Buffer.from('x'), input]).subarray(1)
    expect((await compressInWorker(view, c, pool, undefined, true)).equals(expected)).toBe(true)
    expect(view.equals(input)).toBe(true)
    // Without handOver the input stays the caller's.
    const kept = Buffer.from(new Uint8Array(input))
    await compressInWorker(kept, c, pool)
    expect(kept.equals(input)).toBe(true)
  })

  it('the generated wasm module is the installed libdeflate package (else: node scripts/libdeflate-wasm.mjs)', () => {
    execFileSync(process.execPath, ['scripts/libdeflate-wasm.mjs', '--check'], { stdio: 'pipe' })
  })
})

/** A small server: enough of the standard library for a binary of a few MB. */
const SERVER =
  'package main\n\nimport (\n\t"encoding/json"\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\tjson.NewEncoder(os.Stdout).Encode(os.Args)\n\thttp.ListenAndServe(os.Getenv("ADDR"), nil)\n}\n'

describe('gzip of a Go binary', () => {
  let binary: Buffer = Buffer.alloc(0)
  beforeAll(async () => {
    binary = await goBuild(await goMainDir('gsi-compress-go-', SERVER), 'app', '-s -w')
  }, 300_000)

  it('at the default level, is smaller than zlib at 9, in one stream or in pieces, and reads back', async () => {
    expect(binary.length).toBeGreaterThan(2 ** 20)
    const gz = await compressInWorker(binary, DEFAULT_COMPRESSION, new CompressionPool(2))
    expect(gz.equals(gzipLevel(binary, DEFAULT_GZIP_LEVEL))).toBe(true)
    expect(gz.length).toBeLessThan(zlib.gzipSync(binary, { level: 9 }).length)
    expect(gz.length).toBeLessThan(gzipPieces(binary, 9).length)
    expect(
      execFileSync('gzip', ['-d', '-c'], { input: gz, maxBuffer: 1 << 26 }).equals(binary)
    ).toBe(true)
  })
})

describe('gzip in pieces (pigz-style), above the libdeflate limit', () => {
  // Several pieces and a short last one, text and random bytes mixed, like a binary's code and data.
  const input = Buffer.concat([sample(2 * GZIP_CHUNK_BYTES + 1000), randomish(GZIP_CHUNK_BYTES)])
  // A limit below the input, so these tests see the pieces without 512 MiB of input.
  const limit = GZIP_CHUNK_BYTES

  it('is chosen by the input length alone', () => {
    expect(usesLibdeflate(LIBDEFLATE_MAX_INPUT)).toBe(true)
    expect(usesLibdeflate(LIBDEFLATE_MAX_INPUT + 1)).toBe(false)
    expect(gzipLevel(input, 9, limit).equals(gzipPieces(input, 9))).toBe(true)
    expect(gzipLevel(input, 9, input.length).equals(gzipPieces(input, 9))).toBe(false)
  })

  it('is one gzip member that the gzip binary and Node read back whole', () => {
    const gz = gzipPieces(input, 9)
    expect(gz.subarray(0, 10).equals(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]))).toBe(
      true
    )
    expect(zlib.gunzipSync(gz).equals(input)).toBe(true)
    expect(
      execFileSync('gzip', ['-d', '-c'], { input: gz, maxBuffer: 1 << 24 }).equals(input)
    ).toBe(true)
    // gzip -t checks the CRC-32 and length in the trailer; -l reads the length as the whole input's.
    execFileSync('gzip', ['-t'], { input: gz })
    expect(execFileSync('gzip', ['-l', '-q'], { input: gz }).toString()).toContain(
      String(input.length)
    )
  })

  it('costs under 0.5% over one zlib stream at the same level', () => {
    for (const level of [1, 6, 9]) {
      const one = zlib.gzipSync(input, { level }).length
      expect(gzipPieces(input, level).length / one).toBeLessThan(1.005)
    }
  })

  it.each([1, 6, 9])(
    'level %i: the same bytes on this thread and on pools of 1, 2 and 3 workers',
    async level => {
      const here = gzipPieces(input, level)
      for (const n of [1, 2, 3]) {
        const pooled = await compressInWorker(
          input,
          { codec: 'gzip', level },
          new CompressionPool(n),
          limit
        )
        expect(sha(pooled)).toBe(sha(here))
      }
    }
  )

  it('an input of one piece keeps the one-stream bytes of zlib', () => {
    const small = input.subarray(0, GZIP_CHUNK_BYTES)
    const plain = zlib.gzipSync(small, { level: 6 })
    plain[9] = 0xff
    expect(gzipPieces(small, 6).equals(plain)).toBe(true)
  })
})

describe('the compression pool', () => {
  const input = sample(100_000)

  it('keeps the process alive only while a job runs (idle and warm workers are unref’d)', async () => {
    const ports = (): number =>
      process.getActiveResourcesInfo().filter(r => r === 'MessagePort').length
    const before = ports()
    const pool = new CompressionPool(2)
    pool.warm()
    expect(ports()).toBe(before)
    const job = pool.run({ codec: 'gzip', level: 1, input: input.subarray(0, 1000) })
    expect(ports()).toBe(before + 1)
    await job
    expect(ports()).toBe(before)
  })

  it('warms up as many threads as jobs are expected, up to its size, and starts more on demand', async () => {
    const pool = new CompressionPool(3, { gzipLevel: 6 })
    pool.warm(1)
    expect(pool.threads).toBe(1)
    pool.warm(5)
    expect(pool.threads).toBe(3)
    const lazy = new CompressionPool(2)
    await Promise.all([0, 1].map(() => compressInWorker(input, { codec: 'gzip', level: 1 }, lazy)))
    expect(lazy.threads).toBe(2)
  })

  it('a warm-up that fails costs the worker nothing: its jobs run and report their own errors', async () => {
    const pool = new CompressionPool(1, { gzipLevel: 42 })
    pool.warm()
    const ok = await compressInWorker(input, { codec: 'gzip', level: 6 }, pool)
    expect(ok.equals(gzipLevel(input, 6))).toBe(true)
    await expect(pool.run({ codec: 'gzip', level: 42, input })).rejects.toThrow(
      'Compression failed: libdeflate has no compression level 42.'
    )
    expect(pool.threads).toBe(1)
  })

  it('a failing job rejects with the reason, and the pool goes on', async () => {
    const pool = new CompressionPool(1)
    await expect(pool.run({ codec: 'gzip', level: 42, input: Buffer.from('x') })).rejects.toThrow(
      'Compression failed: libdeflate has no compression level 42.'
    )
    await expect(
      pool.run({ codec: 'deflate', level: 42, input: Buffer.from('x'), last: true })
    ).rejects.toThrow(/Compression failed: .*level/i)
    const ok = await compressInWorker(input, { codec: 'gzip', level: 1 }, pool)
    expect(ok.equals(gzipLevel(input, 1))).toBe(true)
  })
})

describe('zstd', () => {
  const input = sample(50_000)

  withZstd(`round-trips through node's zstdDecompress, deterministically ${ZSTD}`, async () => {
    const z = await compress(input, { codec: 'zstd', level: 19 })
    expect(zstdDecompressSync!(z).equals(input)).toBe(true)
    expect(sha(await compress(input, { codec: 'zstd', level: 19 }))).toBe(sha(z))
    // Frame header: magic, then FHD with the content size and checksum flags set.
    expect(z.readUInt32LE(0)).toBe(0xfd2fb528)
    expect(z[4]! & 0x04).toBe(0x04) // content checksum
    expect(z[4]! >> 6).not.toBe(0) // frame content size present (or single segment)
    expect(z.length).toBeLessThan(gzipLevel(input, 9).length)
  })

  withZstd(`level 1 is larger than level 19 ${ZSTD}`, async () => {
    const one = await compress(input, { codec: 'zstd', level: 1 })
    expect(one.length).toBeGreaterThan((await compress(input, { codec: 'zstd', level: 19 })).length)
    expect(decompress(one, 'zstd').equals(input)).toBe(true)
  })
})

describe('compressInWorker', () => {
  const input = sample(30_000)
  it('gives the bytes compress gives, for gzip', async () => {
    const c: Compression = { codec: 'gzip', level: 6 }
    expect((await compressInWorker(input, c)).equals(await compress(input, c))).toBe(true)
  })
  withZstd(`gives the bytes compress gives, for zstd ${ZSTD}`, async () => {
    const c: Compression = { codec: 'zstd', level: 19 }
    expect((await compressInWorker(input, c)).equals(await compress(input, c))).toBe(true)
  })
})

describe('LayerCompressor', () => {
  const c: Compression = DEFAULT_COMPRESSION
  const tar = sample(20_000)
  const diffId = sha(tar)
  const clock = (start: number) => {
    let t = start
    return () => new Date((t += 1000))
  }

  /** Runs fn with a fresh layer cache folder, removed after it. */
  const withCacheDir = (fn: (dir: string) => Promise<void>): Promise<void> =>
    withTempDir(fn, 'gsi-layer-cache-')

  it('compresses one tar once however many ask, concurrently or later', async () => {
    const lc = new LayerCompressor({ compression: c })
    const [a, b] = await Promise.all([lc.compress(tar, diffId), lc.compress(tar, diffId)])
    const d = await lc.compress(tar, diffId, { worker: true })
    expect(a.equals(b) && a.equals(d)).toBe(true)
    expect(lc.stats).toEqual({ compressed: 1, memo: 2, disk: 0 })
  })

  it('serves the next run from the disk cache, the same bytes as a fresh compress', () =>
    withCacheDir(async dir => {
      const first = new LayerCompressor({ compression: c, cacheDir: dir })
      const fresh = await first.compress(tar, diffId)
      const second = new LayerCompressor({ compression: c, cacheDir: dir })
      const cached = await second.compress(tar, diffId)
      expect(cached.equals(fresh)).toBe(true)
      expect(second.stats).toEqual({ compressed: 0, memo: 0, disk: 1 })
      // Another level is another entry.
      const other = new LayerCompressor({ compression: { codec: 'gzip', level: 1 }, cacheDir: dir })
      expect((await other.compress(tar, diffId)).equals(fresh)).toBe(false)
      expect(other.stats.compressed).toBe(1)
    }))

  it('ignores and replaces an entry whose bytes do not match its digest', () =>
    withCacheDir(async dir => {
      const first = new LayerCompressor({ compression: c, cacheDir: dir })
      const fresh = await first.compress(tar, diffId)
      const [entry] = await readdir(dir)
      const f = path.join(dir, entry!)
      const raw = await readFile(f)
      raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff
      await writeFile(f, raw)
      const messages: string[] = []
      const second = new LayerCompressor({
        compression: c,
        cacheDir: dir,
        debug: m => messages.push(m)
      })
      expect((await second.compress(tar, diffId)).equals(fresh)).toBe(true)
      expect(second.stats).toEqual({ compressed: 1, memo: 0, disk: 0 })
      expect(messages).toEqual([
        `layer cache: ${f} does not match its digest; ignored and removed.`
      ])
      // Rewritten whole: the next run hits again.
      const third = new LayerCompressor({ compression: c, cacheDir: dir })
      expect((await third.compress(tar, diffId)).equals(fresh)).toBe(true)
      expect(third.stats.disk).toBe(1)
    }))

  it('stays under its bound, dropping the least recently used entries', () =>
    withCacheDir(async dir => {
      const tars = [1, 2, 3].map(i => sample(5_000 + i))
      const now = clock(1_700_000_000_000)
      const size = gzipLevel(tars[0]!, DEFAULT_GZIP_LEVEL).length + 65
      // Room for two entries, not three.
      const lc = (): LayerCompressor =>
        new LayerCompressor({ compression: c, cacheDir: dir, maxCacheBytes: 2 * size + 100, now })
      await lc().compress(tars[0]!, sha(tars[0]!))
      await lc().compress(tars[1]!, sha(tars[1]!))
      // Reading the first makes it the most recent, so the second is the one to go.
      await lc().compress(tars[0]!, sha(tars[0]!))
      await lc().compress(tars[2]!, sha(tars[2]!))
      const again = lc()
      await again.compress(tars[0]!, sha(tars[0]!))
      await again.compress(tars[2]!, sha(tars[2]!))
      expect(again.stats.disk).toBe(2)
      expect(await readdir(dir)).toHaveLength(2)
      const gone = lc()
      await gone.compress(tars[1]!, sha(tars[1]!))
      expect(gone.stats.compressed).toBe(1)
    }))
})

describe('images in zstd', () => {
  const data = Buffer.from('ELF binary for zstd')
  const p = appPlan(data)
  const amd64 = { os: 'linux', architecture: 'amd64' }

  withZstd(`layers are tar+zstd in the manifest, diff_ids of the tars ${ZSTD}`, async () => {
    const compressor = new LayerCompressor({ compression: { codec: 'zstd', level: 19 } })
    const img = await buildImage(p, amd64, 0, { compressor })
    const manifest = JSON.parse(img.manifest.data.toString()) as {
      layers: { mediaType: string; digest: string }[]
    }
    expect(manifest.layers.map(l => l.mediaType)).toEqual([
      'application/vnd.oci.image.layer.v1.tar+zstd',
      'application/vnd.oci.image.layer.v1.tar+zstd'
    ])
    for (const l of img.layers) expect(sha(decompress(l.blob.data, 'zstd'))).toBe(l.diffId)
    // Same input, same digest.
    const again = await buildImage(p, amd64, 0, {
      compressor: new LayerCompressor({ compression: { codec: 'zstd', level: 19 } })
    })
    expect(again.manifest.digest).toBe(img.manifest.digest)
  })

  withZstd(`are sized from their manifest and gated like gzip ones ${ZSTD}`, async () => {
    const compressor = new LayerCompressor({ compression: { codec: 'zstd', level: 19 } })
    const img = await buildImage(p, amd64, 0, { compressor })
    const size = platformSize(img)
    const manifest = JSON.parse(img.manifest.data.toString()) as {
      config: { size: number }
      layers: { size: number }[]
    }
    expect(size.size).toBe(manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0))
    expect(size.layers.map(l => l.size)).toEqual(img.layers.map(l => l.blob.data.length))
    expect(gateFailures([size], [], { bytes: size.size, raw: `${size.size}` }, undefined)).toEqual(
      []
    )
    expect(gateFailures([size], [], { bytes: size.size - 1, raw: 'x' }, undefined)).toEqual([
      `max-size: linux/amd64 is ${size.size} B (${size.size} bytes), over the budget of x = ${size.size - 1} bytes by 1 bytes.`
    ])
  })

  withZstd(
    `go into a docker load archive as plain tars named by their diff_ids ${ZSTD}`,
    async () => {
      const compressor = new LayerCompressor({ compression: { codec: 'zstd', level: 3 } })
      const img = await buildImage(p, amd64, 0, { compressor })
      const files = new Map(
        (await readTar(await dockerArchive(img, ['app:v1']))).map(e => [e.header.name, e.data])
      )
      const [entry] = JSON.parse(files.get('manifest.json')!.toString()) as { Layers: string[] }[]
      expect(entry!.Layers).toEqual(img.layers.map(l => `blobs/sha256/${l.diffId.slice(7)}`))
      for (const [i, name] of entry!.Layers.entries()) {
        expect(sha(files.get(name)!)).toBe(img.layers[i]!.diffId)
      }
    }
  )

  it('keep gzip layers as built in a docker load archive', async () => {
    const img = await buildImage(p, amd64, 0)
    const files = new Map(
      (await readTar(await dockerArchive(img, ['app:v1']))).map(e => [e.header.name, e.data])
    )
    for (const l of img.layers) {
      expect(files.get(`blobs/sha256/${l.blob.digest.slice(7)}`)?.equals(l.blob.data)).toBe(true)
    }
  })

  it("refuses Docker's media types for zstd layers", async () => {
    const gz = await buildImage(p, amd64, 0)
    const zstdTyped = 'application/vnd.oci.image.layer.v1.tar+zstd'
    const img = {
      ...gz,
      layers: gz.layers.map(l => ({ ...l, blob: { ...l.blob, mediaType: zstdTyped } }))
    }
    expect(withManifest(gz, 'docker').layers[0]!.blob.mediaType).toBe(
      'application/vnd.docker.image.rootfs.diff.tar.gzip'
    )
    expect(() => withManifest(img, 'docker')).toThrow(
      "media-types: docker cannot describe zstd layers (Docker's schema 2 has only gzip ones). Use media-types: oci with compression: zstd, or compression: gzip."
    )
  })
})
