// The layer codecs (gzip at a level or at its best-effort max, zstd through node:zlib): parsing the inputs, and deterministic bytes.
import zlib from 'node:zlib'
import { InputError } from '../ports.js'
import { LIBDEFLATE_ID, LIBDEFLATE_MAX_INPUT, libdeflateGzip } from './libdeflate.js'

export type Codec = 'gzip' | 'zstd'

/** A codec and its fixed level: the same tar and the same Compression give the same bytes. */
export interface Compression {
  codec: Codec
  /** gzip 1–9 or 'max'; zstd 1–22. */
  level: number | 'max'
}

/**
 * gzip's default level: libdeflate at 6. Measured on go-httpbin's binary (docs/benchmarks.md), it is 2.0% smaller
 * than zlib at 9 for a quarter of its CPU time, and zoneinfo 6.6% smaller; 7 is 0.4% smaller again on the binary
 * for a third more time (and larger on zoneinfo), 9 0.7% for three times the time.
 */
export const DEFAULT_GZIP_LEVEL = 6
/**
 * zstd's default level: the highest of the zstd CLI's regular levels (20–22 are its --ultra ones). Measured on
 * examples/hello (docs/benchmarks.md), 22 is no smaller on the Go binary and 1.8% smaller on zoneinfo, for about
 * three times zoneinfo's time.
 */
export const DEFAULT_ZSTD_LEVEL = 19
export const DEFAULT_COMPRESSION: Compression = { codec: 'gzip', level: DEFAULT_GZIP_LEVEL }

export const LAYER_MEDIA_TYPES: Record<Codec, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd'
}

/** What the running Node offers; tests pass another one. */
export interface Runtime {
  version: string
  hasZstd: boolean
}

type ZstdSync = (data: Buffer, options?: object) => Buffer
const zstdCompressSync = (zlib as unknown as { zstdCompressSync?: ZstdSync }).zstdCompressSync

export const RUNTIME: Runtime = { version: process.version, hasZstd: !!zstdCompressSync }

/** compression and compression-level, checked against each other and against what this Node can do. */
export function parseCompression(
  codecRaw: string,
  levelRaw: string,
  runtime: Runtime = RUNTIME
): Compression {
  const codec = codecRaw.trim().toLowerCase() || 'gzip'
  if (codec !== 'gzip' && codec !== 'zstd') {
    throw new InputError(
      `compression: '${codecRaw.trim()}' is not a codec. Use gzip (read by every client) or zstd (smaller; see the README's compatibility table).`
    )
  }
  if (codec === 'zstd' && !runtime.hasZstd) {
    throw new InputError(
      `compression: zstd needs Node.js 22.15 or newer (node:zlib's zstd), and this is Node.js ${runtime.version}. ` +
        `Run the action on the node24 runtime action.yml declares (or the CLI on Node 22.15+), or use compression: gzip.`
    )
  }
  const raw = levelRaw.trim().toLowerCase()
  if (raw === '')
    return { codec, level: codec === 'gzip' ? DEFAULT_GZIP_LEVEL : DEFAULT_ZSTD_LEVEL }
  if (codec === 'gzip' && raw === 'max') return { codec, level: 'max' }
  const [min, max] = codec === 'gzip' ? [1, 9] : [1, 22]
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    const range = codec === 'gzip' ? '1 to 9, or max (smallest, slow)' : '1 to 22'
    throw new InputError(
      `compression-level: '${levelRaw.trim()}' is not a ${codec} level. Use ${range}` +
        `${codec === 'gzip' ? `; the default is ${DEFAULT_GZIP_LEVEL}` : `; the default is ${DEFAULT_ZSTD_LEVEL}`}.`
    )
  }
  return { codec, level: Number(raw) }
}

/** How the log and cache keys name a compression: gzip-9, gzip-max, zstd-19. */
export function compressionName(c: Compression): string {
  return `${c.codec}-${c.level}`
}

/**
 * What else the bytes depend on: the compressor's own version (a newer zlib or zstd may find other matches), so a
 * cache never serves bytes the running code would not make.
 */
export function compressorVersion(c: Compression): string {
  if (c.codec === 'zstd') return `zstd ${process.versions.zstd ?? 'unknown'}`
  if (c.level === 'max')
    return `zlib ${process.versions.zlib}, ${LIBDEFLATE_ID} (12), zopfli 1.0.15 (15)`
  return `${LIBDEFLATE_ID}; above ${LIBDEFLATE_MAX_INPUT} B zlib ${process.versions.zlib} in pieces of ${GZIP_CHUNK_BYTES} B`
}

/**
 * RFC 1952 header: no name, no timestamp, OS 255 ("unknown", what Go's gzip and libdeflate write too; zlib writes
 * the build platform's code). The XFL byte stays as each encoder writes it (2 for the slowest levels, 4 for 1).
 */
export function normaliseGzipHeader(gz: Buffer): Buffer {
  if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8 || gz[3] !== 0) {
    throw new Error('A gzip encoder wrote an unexpected header (a name, comment or extra field).')
  }
  gz.fill(0, 4, 8)
  gz[9] = 0xff
  return gz
}

/**
 * gzip 1–9 above LIBDEFLATE_MAX_INPUT is written the way pigz writes it: the input in fixed pieces, each a raw
 * deflate primed with the 32 KiB before it and ended by a sync flush (the last by the finish), behind one header
 * and one trailer. The pieces can be deflated at once on several threads, and since they are fixed the bytes never
 * depend on how many. 256 KiB spreads a Go binary evenly over a few cores and costs under 0.1% in size
 * (docs/benchmarks.md); an input of one piece gives zlib's one-stream bytes.
 */
export const GZIP_CHUNK_BYTES = 256 * 1024
/** deflate's window: what a piece may refer back to. */
const DEFLATE_WINDOW = 32 * 1024

/** One piece of a chunked gzip: its bytes, the window before it, and whether it ends the stream. */
export interface DeflateChunk {
  input: Uint8Array
  dictionary?: Uint8Array
  last: boolean
}

export function gzipChunkCount(length: number): number {
  return Math.max(1, Math.ceil(length / GZIP_CHUNK_BYTES))
}

/** Piece i of data (views into it, not copies). */
export function gzipChunk(data: Uint8Array, i: number): DeflateChunk {
  const start = i * GZIP_CHUNK_BYTES
  const end = Math.min(data.length, start + GZIP_CHUNK_BYTES)
  return {
    input: data.subarray(start, end),
    ...(start > 0 ? { dictionary: data.subarray(Math.max(0, start - DEFLATE_WINDOW), start) } : {}),
    last: end >= data.length
  }
}

/** The raw deflate of one piece; the compression pool's workers run the same call (layer-compressor.ts). */
export function deflateChunk(chunk: DeflateChunk, level: number): Buffer {
  const { Z_FINISH, Z_SYNC_FLUSH } = zlib.constants
  return zlib.deflateRawSync(chunk.input, {
    level,
    finishFlush: chunk.last ? Z_FINISH : Z_SYNC_FLUSH,
    ...(chunk.dictionary ? { dictionary: chunk.dictionary } : {})
  })
}

/**
 * One gzip member (RFC 1952) around the deflated pieces of data: the header as normaliseGzipHeader leaves zlib's
 * (XFL as zlib sets it for the level), then the CRC-32 and the length of the whole input.
 */
export function gzipMember(parts: Buffer[], data: Uint8Array, level: number): Buffer {
  const xfl = level === 9 ? 2 : level < 2 ? 4 : 0
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 0xff])
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(zlib.crc32(data) >>> 0, 0)
  trailer.writeUInt32LE(data.length % 2 ** 32, 4)
  return Buffer.concat([header, ...parts, trailer])
}

/** zlib's gzip in pieces on the calling thread, piece after piece: the same bytes as the pool's. */
export function gzipPieces(data: Uint8Array, level: number): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; i < gzipChunkCount(data.length); i++) {
    parts.push(deflateChunk(gzipChunk(data, i), level))
  }
  return gzipMember(parts, data, level)
}

/**
 * Whether gzip 1–9 of an input this long is libdeflate's (else zlib's in pieces): by length alone, so the bytes
 * depend on the input only. limit is for tests, which cannot spare 512 MiB to see the other side.
 */
export function usesLibdeflate(length: number, limit = LIBDEFLATE_MAX_INPUT): boolean {
  return length <= limit
}

/**
 * gzip 1–9 on the calling thread: libdeflate at that level, one member for the whole input (at 6, about 2% smaller
 * than zlib's 9 on Go binaries for a quarter of its CPU time; docs/benchmarks.md); the pool's workers give the
 * same bytes.
 */
export function gzipLevel(data: Uint8Array, level: number, limit = LIBDEFLATE_MAX_INPUT): Buffer {
  if (!usesLibdeflate(data.length, limit)) return gzipPieces(data, level)
  return normaliseGzipHeader(libdeflateGzip(data, level))
}

/**
 * The zstd parameters, all fixed: level, a content checksum (as the zstd CLI writes), the content size in the
 * frame header (the whole input is given in one call, so zstd knows it), no dictionary ID, one thread.
 */
export function zstdParams(level: number): Record<number, number> {
  const k = zlib.constants as unknown as Record<string, number>
  return {
    [k.ZSTD_c_compressionLevel!]: level,
    [k.ZSTD_c_checksumFlag!]: 1,
    [k.ZSTD_c_contentSizeFlag!]: 1,
    [k.ZSTD_c_dictIDFlag!]: 0
  }
}

export function zstdLevel(data: Buffer, level: number): Buffer {
  if (!zstdCompressSync) {
    throw new Error(`zstd needs Node.js 22.15 or newer; this is Node.js ${process.version}.`)
  }
  return zstdCompressSync(data, { pledgedSrcSize: data.length, params: zstdParams(level) })
}

/**
 * zopfli's emscripten glue hooks process-wide uncaughtException and unhandledRejection (one aborts the process);
 * those hooks would change how the whole action fails, so they are taken off again.
 */
async function withoutProcessHooks<T>(fn: () => Promise<T> | T): Promise<T> {
  type Listener = (...args: unknown[]) => void
  const emitter = process as unknown as {
    listeners(e: string): Listener[]
    removeListener(e: string, l: Listener): void
  }
  const events = ['uncaughtException', 'unhandledRejection']
  const before = events.map(e => new Set(emitter.listeners(e)))
  try {
    return await fn()
  } finally {
    events.forEach((e, i) => {
      for (const l of emitter.listeners(e)) if (!before[i]!.has(l)) emitter.removeListener(e, l)
    })
  }
}

/**
 * zopfli's CommonJS glue reads the free variable __dirname when it loads (to locate a .wasm file it never needs: the
 * module is inlined), and an ES module bundle has none; a global stands in while the encoders load.
 */
async function withDirname<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { __dirname?: string }
  const set = g.__dirname === undefined
  if (set) g.__dirname = process.cwd()
  try {
    return await fn()
  } finally {
    if (set) delete g.__dirname
  }
}

/**
 * gzip at its best effort: the smallest of libdeflate at level 12, zopfli with 15 iterations and zlib at 9, each
 * a plain single-member gzip any client reads. libdeflate wins on Go binaries, zopfli on text and zoneinfo, so
 * taking the smaller is never above zopfli's size. Slow (zopfli: seconds per MB); see docs/benchmarks.md.
 */
export async function gzipMax(data: Buffer): Promise<Buffer> {
  // Loaded on use (ncc puts zopfli in a chunk of its own): only max needs it, and every run would parse it at start.
  const { gzipAsync: zopfli } = await withoutProcessHooks(() =>
    withDirname(() => import('@gfx/zopfli'))
  )
  const candidates = [
    // The same wasm the levels use (libdeflate.ts), at its best level.
    libdeflateGzip(data, 12),
    await withoutProcessHooks(async () => Buffer.from(await zopfli(data, { numiterations: 15 }))),
    zlib.gzipSync(data, { level: 9 })
  ]
  // The first of the smallest, in a fixed order, so ties resolve the same way every time.
  const best = candidates.reduce((a, b) => (b.length < a.length ? b : a))
  return normaliseGzipHeader(Buffer.from(best))
}

/** The layer's bytes in the given compression (synchronous codecs run on the calling thread). */
export async function compress(data: Buffer, c: Compression): Promise<Buffer> {
  if (c.level === 'max') return gzipMax(data)
  return c.codec === 'zstd' ? zstdLevel(data, c.level) : gzipLevel(data, c.level)
}

/** Reverses compress, for load archives and tests. */
export function decompress(data: Buffer, codec: Codec): Buffer {
  if (codec === 'gzip') return zlib.gunzipSync(data)
  const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer })
    .zstdDecompressSync
  if (!zstd)
    throw new Error(`zstd needs Node.js 22.15 or newer; this is Node.js ${process.version}.`)
  return zstd(data)
}

export function codecOfMediaType(mediaType: string): Codec | undefined {
  if (/[+.]zstd$/.test(mediaType)) return 'zstd'
  if (/[+.]gzip$/.test(mediaType)) return 'gzip'
  return undefined
}
