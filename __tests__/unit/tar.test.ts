import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { gzipDeterministic, layerTar } from '../../src/oci/tar.js'
import { dir, file, symlink, type Entry } from '../../src/rootfs/plan.js'
import { readTar, tempDir } from './helpers.js'

const EPOCH = 1_700_000_000

// Deliberately unsorted, and mixing Buffer and host-path sources.
const entries = (hostFile: string): Entry[] => [
  file('usr/bin/app', hostFile, 7, 0o755),
  dir('tmp', 0o1777),
  symlink('usr/share/zoneinfo/Japan', 'Asia/Tokyo'),
  file('etc/passwd', Buffer.from('root:x:0:0\n'), 11),
  dir('etc'),
  { ...file('home/nonroot/.keep', Buffer.alloc(0), 0, 0o600), uid: 65532, gid: 65532 }
]

describe('layerTar', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let hostFile: string
  beforeAll(async () => {
    ;({ dir, cleanup } = await tempDir())
    hostFile = path.join(dir, 'app')
    await writeFile(hostFile, 'ELF...!')
  })
  afterAll(() => cleanup())

  it('writes sorted entries with the plan modes, fixed owners, the epoch mtime and no user names', async () => {
    const read = await readTar(await layerTar(entries(hostFile), EPOCH))
    expect(
      read.map(({ header: h, data }) => ({
        name: h.name,
        type: h.type,
        mode: h.mode,
        uid: h.uid,
        gid: h.gid,
        mtime: h.mtime.getTime(),
        uname: h.uname,
        gname: h.gname,
        linkname: h.linkname,
        size: h.size,
        data: data.toString()
      }))
    ).toEqual(
      [
        { name: 'etc', type: 'directory', mode: 0o755, uid: 0, gid: 0, size: 0, data: '' },
        {
          name: 'etc/passwd',
          type: 'file',
          mode: 0o644,
          uid: 0,
          gid: 0,
          size: 11,
          data: 'root:x:0:0\n'
        },
        {
          name: 'home/nonroot/.keep',
          type: 'file',
          mode: 0o600,
          uid: 65532,
          gid: 65532,
          size: 0,
          data: ''
        },
        { name: 'tmp', type: 'directory', mode: 0o1777, uid: 0, gid: 0, size: 0, data: '' },
        {
          name: 'usr/bin/app',
          type: 'file',
          mode: 0o755,
          uid: 0,
          gid: 0,
          size: 7,
          data: 'ELF...!'
        },
        {
          name: 'usr/share/zoneinfo/Japan',
          type: 'symlink',
          mode: 0o777,
          uid: 0,
          gid: 0,
          size: 0,
          linkname: 'Asia/Tokyo',
          data: ''
        }
      ].map(e => ({ linkname: null, mtime: EPOCH * 1000, uname: '', gname: '', ...e }))
    )
  })

  it('gives identical bytes for the same input, whatever its order', async () => {
    const a = await layerTar(entries(hostFile), EPOCH)
    const b = await layerTar([...entries(hostFile)].reverse(), EPOCH)
    expect(b.equals(a)).toBe(true)
    expect(a.length % 512).toBe(0)
  })

  it('changes with the epoch', async () => {
    const a = await layerTar(entries(hostFile), 0)
    const b = await layerTar(entries(hostFile), 1)
    expect(a.equals(b)).toBe(false)
    const [first] = await readTar(a)
    expect(first!.header.mtime.getTime()).toBe(0)
  })

  it('writes an empty archive for no entries', async () => {
    const empty = await layerTar([], EPOCH)
    expect(empty.length).toBeGreaterThan(0)
    expect(empty.every(b => b === 0)).toBe(true)
    expect(await readTar(empty)).toEqual([])
  })

  it('fails when a file is not the size the plan recorded', async () => {
    await expect(layerTar([file('etc/x', Buffer.from('abc'), 5)], EPOCH)).rejects.toThrow(
      'etc/x changed while the image was being built (5 bytes planned, 3 read).'
    )
  })
})

describe('gzipDeterministic', () => {
  const inputs = [Buffer.alloc(0), Buffer.from('hello, scratch'), Buffer.alloc(100_000, 7)]

  it.each(inputs.map((i): [number, Buffer] => [i.length, i]))(
    '%i bytes: fixed header and round trip',
    (_n, input) => {
      const gz = gzipDeterministic(input)
      expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 0x08, 0x00]) // magic, deflate, no FNAME
      expect([...gz.subarray(4, 8)]).toEqual([0, 0, 0, 0]) // MTIME
      expect(gz[8]).toBe(0x02) // XFL: best compression
      expect(gz[9]).toBe(0xff) // OS: unknown
      expect(gunzipSync(gz).equals(input)).toBe(true)
      expect(gzipDeterministic(input).equals(gz)).toBe(true)
    }
  )
})
