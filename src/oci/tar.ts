// Writes a layer as a deterministic tar and gzip: sorted entries, fixed owners and mtime, no user names.
import { readFile } from 'node:fs/promises'
import tar from 'tar-stream'
import type { Entry } from '../rootfs/plan.js'
import { gzipLevel } from './compress.js'

export type AddEntry = (
  header: Partial<tar.Header> & { name: string },
  data?: Buffer
) => Promise<void>

/** A tar in memory: write adds the entries, each taken by the pack before the next is added. */
export async function packTar(write: (add: AddEntry) => Promise<void>): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => chunks.push(c as Buffer))
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve)
    pack.on('error', reject)
  })
  await write(
    (header, data) =>
      new Promise((resolve, reject) => {
        const cb = (err?: Error | null): void => (err ? reject(err) : resolve())
        if (data) pack.entry(header, data, cb)
        else pack.entry(header, cb)
      })
  )
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

export async function layerTar(entries: Entry[], epoch: number): Promise<Buffer> {
  return packTar(add => addLayerEntries(add, entries, epoch))
}

async function addLayerEntries(add: AddEntry, entries: Entry[], epoch: number): Promise<void> {
  const mtime = new Date(epoch * 1000)
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const e of sorted) {
    const header: Partial<tar.Header> & { name: string } = {
      name: e.path,
      mode: e.mode,
      uid: e.uid,
      gid: e.gid,
      mtime,
      uname: '',
      gname: ''
    }
    if (e.type === 'file') {
      const data = typeof e.source === 'string' ? await readFile(e.source) : e.source
      if (data.length !== e.size) {
        throw new Error(
          `${e.path} changed while the image was being built (${e.size} bytes planned, ${data.length} read).`
        )
      }
      await add({ ...header, type: 'file', size: data.length }, data)
    } else if (e.type === 'directory') {
      await add({ ...header, type: 'directory' })
    } else {
      await add({ ...header, type: 'symlink', linkname: e.target })
    }
  }
}

/** gzip at the best ratio, with no name or timestamp and a fixed OS byte, so the bytes depend on the input only. */
export function gzipDeterministic(data: Buffer): Buffer {
  return gzipLevel(data, 9)
}

export interface TarEntry {
  header: tar.Header
  data: Buffer
}

/** Reads a tar (a layer, a `docker save` archive) into its entries, in archive order. */
export async function readTar(archive: Buffer): Promise<TarEntry[]> {
  const ex = tar.extract()
  const out: TarEntry[] = []
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: unknown) => chunks.push(c as Buffer))
      stream.on('end', () => {
        out.push({ header, data: Buffer.concat(chunks) })
        next()
      })
      stream.on('error', reject)
    })
    ex.on('finish', () => resolve())
    ex.on('error', reject)
  })
  ex.end(archive)
  await done
  return out
}
