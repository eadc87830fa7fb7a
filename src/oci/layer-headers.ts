// Reads a layer's tar headers (plain, gzip or zstd) for the unpack check: paths, types, modes, owners and links, and the contents of nothing but the small files it parses.
import zlib from 'node:zlib'
import tar from 'tar-stream'
import type { EntryType, LayerEntry } from './unpack.js'

/** Whose bytes are kept: /etc/passwd, where the check reads the user's home, and anything it may link to. */
const KEPT_NAME = 'passwd'
const KEPT_MAX_BYTES = 64 * 1024

/** A layer as stored (docker save writes plain tars; a registry blob or the containerd store compresses them). */
export function decompressLayer(data: Buffer, name: string): Buffer {
  if (data[0] === 0x1f && data[1] === 0x8b) return zlib.gunzipSync(data)
  if (data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528) {
    const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer })
      .zstdDecompressSync
    if (!zstd) {
      throw new Error(
        `Layer ${name} is zstd-compressed, which this Node.js (${process.version}) cannot read.`
      )
    }
    return zstd(data)
  }
  return data
}

const TYPES: Partial<Record<tar.Header['type'], EntryType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'link'
}

/** A pax record overrides the ustar field (uids past 2097151 only fit there). */
function paxNumber(header: tar.Header, key: 'uid' | 'gid'): number {
  const pax = header.pax as Record<string, string> | null | undefined
  const v = pax?.[key] === undefined ? NaN : Number(pax[key])
  return Number.isInteger(v) ? v : header[key]
}

/**
 * The entries of a layer as stored (plain, gzip or zstd), read as a runtime unpacks it: the blob itself
 * decompressed, but as a stream on Node's thread pool, so neither the whole tar (the binary's size) is held nor
 * the main thread blocked while the push and the report wait for it.
 */
export async function storedLayerEntries(data: Buffer, name: string): Promise<LayerEntry[]> {
  const gzip = data[0] === 0x1f && data[1] === 0x8b
  const zstd = !gzip && data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528
  if (!gzip && !zstd) return layerEntries(data)
  const make = gzip
    ? zlib.createGunzip
    : (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream })
        .createZstdDecompress
  // A Node with zstdDecompressSync but no stream: decompressLayer says what it can.
  if (!make) return layerEntries(decompressLayer(data, name))
  return layerEntries(data, make())
}

/**
 * The entries of one layer tar, in archive order, contents skipped except for files named passwd; through
 * decompress when given (the tarball is then the compressed blob).
 */
export async function layerEntries(
  tarball: Buffer,
  decompress?: NodeJS.ReadWriteStream
): Promise<LayerEntry[]> {
  const ex = tar.extract()
  const out: LayerEntry[] = []
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const type = TYPES[header.type] ?? 'other'
      const entry: LayerEntry = {
        path: header.name,
        type,
        mode: header.mode & 0o7777,
        uid: paxNumber(header, 'uid'),
        gid: paxNumber(header, 'gid'),
        ...(header.linkname ? { linkname: header.linkname } : {})
      }
      out.push(entry)
      const keep =
        type === 'file' &&
        header.size <= KEPT_MAX_BYTES &&
        header.name.replace(/\/+$/, '').split('/').pop() === KEPT_NAME
      const chunks: Buffer[] = []
      if (keep) stream.on('data', (c: unknown) => chunks.push(c as Buffer))
      stream.on('end', () => {
        if (keep) entry.data = Buffer.concat(chunks)
        next()
      })
      stream.on('error', reject)
      stream.resume()
    })
    ex.on('finish', () => resolve())
    ex.on('error', reject)
    decompress?.on('error', reject)
  })
  if (decompress) decompress.pipe(ex).on('error', () => undefined)
  ;(decompress ?? ex).end(tarball)
  await done
  return out
}
