// Compresses layer tars once per run (platforms share their static layers), off the main thread when asked, and through a small on-disk cache keyed by content and codec.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import os from 'node:os'
import {
  compress,
  compressionName,
  compressorVersion,
  gzipChunk,
  gzipChunkCount,
  gzipMember,
  normaliseGzipHeader,
  usesLibdeflate,
  zstdParams,
  type Compression
} from './compress.js'
import { LIBDEFLATE } from './libdeflate-wasm.generated.js'
import {
  LIBDEFLATE_GZIP_SOURCE,
  LIBDEFLATE_MAX_INPUT,
  libdeflateModule,
  libdeflateWasm
} from './libdeflate.js'

/** Default bound of the on-disk cache: static layers are a few hundred KB, binaries a few MB. */
export const LAYER_CACHE_MAX_BYTES = 256 * 2 ** 20

export interface LayerCompressorOptions {
  compression: Compression
  /** The on-disk cache; absent, layers are only shared within the run. */
  cacheDir?: string
  maxCacheBytes?: number
  /** For the cache's least-recently-used order; tests pass a fake clock. */
  now?: () => Date
  /** Why a cache entry was ignored (a corrupt file, an unwritable directory): worth a debug line, never a failure. */
  debug?: (message: string) => void
  /** Threads for compress(…, { worker: true }); by default one per core. */
  workers?: number
}

/**
 * Runs in each worker of the pool: plain JavaScript over node:zlib and the libdeflate wasm the pool posts as
 * workerData (with LIBDEFLATE_GZIP_SOURCE to run it), so it needs no file of its own and works the same from the
 * sources, the tests and the bundle. A gzip job is a whole layer through libdeflate; a deflate job is one piece
 * of zlib's gzip in pieces, deflated as deflateChunk does it; a zstd job is a whole layer (one frame).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const zlib = require('node:zlib')
const { Z_FINISH, Z_SYNC_FLUSH } = zlib.constants
const load = () => (0, eval)(workerData.source)(workerData.wasm, workerData.names)
let libdeflate
if (workerData.warm) {
  // Only speed depends on it: a failure here is left for the first job to meet and report.
  try {
    libdeflate = load()
    libdeflate(workerData.warm.input, workerData.warm.level)
  } catch (e) {
    libdeflate = undefined
  }
}
parentPort.on('message', ({ id, codec, level, params, input, dictionary, last }) => {
  try {
    let out
    if (codec === 'gzip') {
      libdeflate ??= load()
      out = libdeflate(input, level)
    } else if (codec === 'zstd') {
      out = zlib.zstdCompressSync(input, { pledgedSrcSize: input.length, params })
    } else {
      out = zlib.deflateRawSync(input, {
        level,
        finishFlush: last ? Z_FINISH : Z_SYNC_FLUSH,
        ...(dictionary ? { dictionary } : {})
      })
    }
    // libdeflate's output owns its buffer, so it moves; zlib's may share one with other buffers, so it is copied.
    parentPort.postMessage({ id, out }, codec === 'gzip' ? [out.buffer] : [])
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) })
  }
})
`

/** gzip: a whole layer through libdeflate; deflate: one piece of zlib's gzip in pieces; zstd: a whole layer. */
interface Job {
  codec: 'gzip' | 'deflate' | 'zstd'
  level: number
  params?: Record<number, number>
  input: Uint8Array
  dictionary?: Uint8Array
  last?: boolean
  /** The caller gives the input up: when it owns its whole buffer, that memory moves to the worker uncopied. */
  handOver?: boolean
}

interface Waiting {
  id: number
  job: Job
  resolve: (b: Buffer) => void
  reject: (e: Error) => void
}

/** A copy that owns its memory, so posting it clones (or moves) the piece alone, not the whole layer under a view. */
const own = (u: Uint8Array): Uint8Array => new Uint8Array(u)

/** Whether u is the whole of an ArrayBuffer of its own (not a view into a larger one, nor Node's shared pool). */
const whole = (u: Uint8Array): boolean =>
  u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer

/**
 * Worker threads for the compressors, started once per run, at most one per core; jobs queue for a free worker.
 * Idle workers do not keep the process alive.
 */
export class CompressionPool {
  private readonly size: number
  private readonly gzipLevel?: number
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Waiting>()
  private readonly queue: Waiting[] = []
  private next = 0

  /**
   * gzipLevel: the libdeflate level the run's layers will use. Each worker then first compresses the wasm's own
   * 58 KB at it, so V8 has optimised the encoder's hot functions before the first layer: wasm has no on-stack
   * replacement, and a 7 MB layer in one call would otherwise run in baseline code to the end (measured on
   * go-httpbin's binary, docs/benchmarks.md: a worker's start and the layer took 0.39 to 0.40 CPU s with the
   * warm-up, 0.46 to 0.51 without).
   */
  constructor(size: number, options: { gzipLevel?: number } = {}) {
    this.size = Math.max(1, size)
    this.gzipLevel = options.gzipLevel
  }

  /**
   * Starts workers ahead of the first jobs (a thread takes tens of ms of CPU to start): as many as jobs are
   * expected, up to the pool's size.
   */
  warm(jobs = this.size): void {
    const want = Math.min(this.size, Math.max(1, jobs))
    while (this.threads < want) this.idle.push(this.spawn())
  }

  /** Threads started and alive. */
  get threads(): number {
    return this.idle.length + this.busy.size
  }

  run(job: Job): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve, reject })
      this.dispatch()
    })
  }

  private spawn(): Worker {
    const workerData = {
      wasm: libdeflateModule(),
      names: LIBDEFLATE,
      source: LIBDEFLATE_GZIP_SOURCE,
      ...(this.gzipLevel ? { warm: { level: this.gzipLevel, input: libdeflateWasm() } } : {})
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData })
    worker.on('message', (m: { id: number; out?: Uint8Array; error?: string }) => {
      const w = this.busy.get(worker)
      this.busy.delete(worker)
      worker.unref()
      this.idle.push(worker)
      if (w && m.out) w.resolve(Buffer.from(m.out.buffer, m.out.byteOffset, m.out.byteLength))
      else w?.reject(new Error(`Compression failed: ${m.error ?? 'no output'}`))
      this.dispatch()
    })
    const lost = (e: Error): void => {
      const w = this.busy.get(worker)
      this.busy.delete(worker)
      const i = this.idle.indexOf(worker)
      if (i >= 0) this.idle.splice(i, 1)
      w?.reject(e)
      this.dispatch()
    }
    worker.on('error', lost)
    worker.on('exit', code => lost(new Error(`A compression worker exited with ${code}.`)))
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref()
    return worker
  }

  private dispatch(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : undefined)
      if (!worker) return
      const w = this.queue.shift()!
      this.busy.set(worker, w)
      // A worker with a job keeps the process alive until it answers.
      worker.ref()
      const { input, dictionary, handOver, ...rest } = w.job
      const msg = {
        id: w.id,
        ...rest,
        // A binary's tar moved, not copied: one copy of the binary fewer at the step's peak.
        input: handOver && whole(input) ? input : own(input),
        ...(dictionary ? { dictionary: own(dictionary) } : {})
      }
      worker.postMessage(msg, [msg.input.buffer as ArrayBuffer])
    }
  }
}

/**
 * compress(data, c) for gzip 1–9 and zstd, on the pool's threads so the main thread goes on with other work, the
 * same bytes as compress: gzip through libdeflate as one job (above its limit, zlib's fixed pieces deflated at
 * once), zstd as one job. limit is for tests (see usesLibdeflate); handOver: the caller gives data up (see Job).
 */
export async function compressInWorker(
  data: Buffer,
  c: Compression,
  pool: CompressionPool = new CompressionPool(1),
  limit = LIBDEFLATE_MAX_INPUT,
  handOver = false
): Promise<Buffer> {
  const level = c.level
  if (level === 'max') return compress(data, c)
  if (c.codec === 'zstd') {
    return pool.run({ codec: 'zstd', level, params: zstdParams(level), input: data, handOver })
  }
  if (usesLibdeflate(data.length, limit)) {
    return normaliseGzipHeader(await pool.run({ codec: 'gzip', level, input: data, handOver }))
  }
  const parts = await Promise.all(
    Array.from({ length: gzipChunkCount(data.length) }, (_, i) =>
      pool.run({ codec: 'deflate', level, ...gzipChunk(data, i) })
    )
  )
  return gzipMember(parts, data, level)
}

const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')

export class LayerCompressor {
  readonly compression: Compression
  /** What the run has made, by key: compressed tars (by key(diffId)) and layers of files on disk (see once). */
  private readonly memo = new Map<string, Promise<unknown>>()
  private readonly opts: LayerCompressorOptions
  private pool?: CompressionPool
  /** Per run: how many layers came from the cache or the run's memo, and how many were compressed. */
  readonly stats = { compressed: 0, memo: 0, disk: 0 }

  constructor(opts: LayerCompressorOptions) {
    this.opts = opts
    this.compression = opts.compression
  }

  /** The run's worker threads, started on first use or by warm. */
  private workers(): CompressionPool {
    const { codec, level } = this.compression
    return (this.pool ??= new CompressionPool(this.opts.workers ?? os.availableParallelism(), {
      ...(codec === 'gzip' && level !== 'max' ? { gzipLevel: level } : {})
    }))
  }

  /**
   * Starts worker threads now, so the first layer does not wait for them: for gzip 1–9 and zstd (max runs its
   * WebAssembly encoders on the main thread). layers: how many will go to the workers at once (one binary per
   * platform, each one job), so a one-platform run starts one thread, not one per core.
   */
  warm(layers?: number): void {
    if (this.compression.level !== 'max') this.workers().warm(layers)
  }

  /** The cache key: the tar's digest, the codec and level, and the compressor's version. */
  key(diffId: string): string {
    const c = this.compression
    return sha256Hex(JSON.stringify([diffId, compressionName(c), compressorVersion(c)]))
  }

  /**
   * The tar compressed. The same tar (by diffId) is compressed once per run however many platforms ask, and the
   * bytes are the same whether they come from the cache, a worker or this thread. handOver: the caller gives
   * the tar up (it is empty after), so a worker gets its memory instead of a copy.
   */
  compress(
    tar: Buffer,
    diffId: string,
    options: { worker?: boolean; handOver?: boolean } = {}
  ): Promise<Buffer> {
    const key = this.key(diffId)
    return this.once(key, () =>
      this.load(key, tar, options.worker ?? false, options.handOver ?? false)
    )
  }

  /**
   * make()'s promise, made once per run and key: a later caller with the same key gets it (counted as reused in
   * stats.memo, the log's layer counts), even while it is under way. A failure is not remembered: the next caller
   * tries again and sees the error itself.
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.memo.get(key) as Promise<T> | undefined
    if (known) {
      this.stats.memo++
      return known
    }
    const p = make()
    this.memo.set(key, p)
    p.catch(() => this.memo.delete(key))
    return p
  }

  private async load(
    key: string,
    tar: Buffer,
    worker: boolean,
    handOver: boolean
  ): Promise<Buffer> {
    const cached = await this.read(key)
    if (cached) {
      this.stats.disk++
      return cached
    }
    const out = worker
      ? await compressInWorker(tar, this.compression, this.workers(), undefined, handOver)
      : await compress(tar, this.compression)
    this.stats.compressed++
    await this.write(key, out)
    return out
  }

  private file(key: string): string | undefined {
    return this.opts.cacheDir ? path.join(this.opts.cacheDir, `${key}.blob`) : undefined
  }

  /** An entry is the blob's sha256 (hex, one line) and the blob; one whose bytes do not match is deleted. */
  private async read(key: string): Promise<Buffer | undefined> {
    const file = this.file(key)
    if (!file) return undefined
    const raw = await readFile(file).catch(() => undefined)
    if (!raw) return undefined
    const digest = raw.subarray(0, 64).toString('latin1')
    const blob = raw.subarray(65)
    if (raw[64] !== 0x0a || sha256Hex(blob) !== digest) {
      this.opts.debug?.(`layer cache: ${file} does not match its digest; ignored and removed.`)
      await rm(file, { force: true })
      return undefined
    }
    const now = (this.opts.now ?? (() => new Date()))()
    await utimes(file, now, now).catch(() => undefined)
    return Buffer.from(blob)
  }

  private async write(key: string, blob: Buffer): Promise<void> {
    const file = this.file(key)
    if (!file) return
    const max = this.opts.maxCacheBytes ?? LAYER_CACHE_MAX_BYTES
    if (blob.length + 65 > max) return
    try {
      await mkdir(path.dirname(file), { recursive: true })
      // Written aside and renamed, so a concurrent run never reads half an entry.
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
      await writeFile(tmp, Buffer.concat([Buffer.from(`${sha256Hex(blob)}\n`), blob]))
      const now = (this.opts.now ?? (() => new Date()))()
      await utimes(tmp, now, now)
      await rename(tmp, file)
      await this.trim(path.dirname(file), max)
    } catch (e) {
      this.opts.debug?.(`layer cache: cannot write ${file}: ${(e as Error).message}`)
    }
  }

  /** Keeps the directory under max bytes, removing the least recently used entries first. */
  private async trim(dir: string, max: number): Promise<void> {
    const entries = await Promise.all(
      (await readdir(dir))
        .filter(n => n.endsWith('.blob'))
        .map(async n => {
          const st = await stat(path.join(dir, n)).catch(() => undefined)
          return { name: n, size: st?.size ?? 0, mtime: st?.mtimeMs ?? 0 }
        })
    )
    let total = entries.reduce((n, e) => n + e.size, 0)
    entries.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1))
    for (const e of entries) {
      if (total <= max) break
      await rm(path.join(dir, e.name), { force: true })
      total -= e.size
    }
  }
}

/**
 * Where the layer cache lives: beside the Go installs in the tool cache (RUNNER_TOOL_CACHE), which self-hosted
 * runners and the CLI keep between runs; RUNNER_TEMP is emptied after every job, so it would never hit.
 */
export function layerCacheDir(toolCacheDir: string): string {
  return path.join(toolCacheDir, 'go-scratch-image-layers')
}
