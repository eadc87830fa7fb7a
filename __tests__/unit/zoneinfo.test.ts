import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { layerTar } from '../../src/oci/tar.js'
import { InputError } from '../../src/ports.js'
import { ZONEINFO_PATH } from '../../src/rootfs/plan.js'
import {
  scanZoneinfo,
  selectZoneinfo,
  zoneinfoLayer,
  type ZoneNode
} from '../../src/rootfs/zoneinfo.js'
import { tempDir } from './helpers.js'

const ROOT = '/usr/share/zoneinfo'
const tz = (rel: string, size = 100): ZoneNode => ({ rel, kind: 'file', tzif: true, size })
const link = (rel: string, target: string): ZoneNode => ({ rel, kind: 'symlink', target })

const nodes: ZoneNode[] = [
  tz('America/Los_Angeles'),
  tz('Asia/Tokyo', 309),
  tz('Europe/Berlin'),
  link('Europe/Busingen', `${ROOT}/Europe/Berlin`),
  link('Japan', 'Asia/Tokyo'),
  link('JapanAgain', 'Japan'),
  link('US/Pacific', '../America/Los_Angeles'),
  link('localtime', '/etc/localtime'),
  link('Outside', '../../../../etc/passwd'),
  link('Dangling', 'Nowhere/Zone'),
  link('LoopA', 'LoopB'),
  link('LoopB', 'LoopA'),
  link('Tab', 'zone.tab'),
  { rel: 'zone.tab', kind: 'file', tzif: false, size: 20 },
  { rel: 'leapseconds', kind: 'file', tzif: false, size: 20 }
]

describe('selectZoneinfo', () => {
  it('keeps every TZif file and every link ending at one, links rewritten relative', () => {
    expect(selectZoneinfo(nodes, ROOT, true)).toEqual([
      tz('America/Los_Angeles'),
      tz('Asia/Tokyo', 309),
      tz('Europe/Berlin'),
      // The absolute link into the root becomes relative to its own directory.
      link('Europe/Busingen', 'Berlin'),
      link('Japan', 'Asia/Tokyo'),
      link('JapanAgain', 'Japan'),
      link('US/Pacific', '../America/Los_Angeles')
    ])
  })

  it('drops links that leave the tree, dangle or loop, and files that are not TZif', () => {
    const kept = selectZoneinfo(nodes, ROOT, true).map(n => n.rel)
    for (const rel of [
      'localtime',
      'Outside',
      'Dangling',
      'LoopA',
      'LoopB',
      'Tab',
      'zone.tab',
      'leapseconds'
    ])
      expect(kept).not.toContain(rel)
  })

  it.each<[string[], string[]]>([
    [
      ['Asia/Tokyo', 'Japan'],
      ['Asia/Tokyo', 'Japan']
    ],
    [['Japan'], ['Asia/Tokyo', 'Japan']],
    [['JapanAgain'], ['Asia/Tokyo', 'Japan', 'JapanAgain']],
    [['Europe/Busingen'], ['Europe/Berlin', 'Europe/Busingen']],
    [['Asia/Tokyo', 'Asia/Tokyo'], ['Asia/Tokyo']],
    [[], []]
  ])('a subset %j holds exactly %j', (zones, rels) => {
    const out = selectZoneinfo(nodes, ROOT, zones)
    expect(out.map(n => n.rel)).toEqual(rels)
    expect(out.find(n => n.rel === 'Europe/Busingen')?.target ?? 'Berlin').toBe('Berlin')
  })

  it.each(['Mars/Olympus', 'localtime', 'zone.tab', 'Dangling', 'LoopA', 'Asia'])(
    'rejects %s, naming the input and the root',
    zone => {
      const call = (): unknown => selectZoneinfo(nodes, ROOT, ['Asia/Tokyo', zone])
      expect(call).toThrow(InputError)
      expect(call).toThrow(
        `zoneinfo: '${zone}' is not a time zone in ${ROOT}. Use IANA names such as Europe/Berlin or America/New_York.`
      )
    }
  )

  it('starts the unknown-zone message with the input name and the zone', () => {
    expect(() => selectZoneinfo(nodes, ROOT, ['Mars/Olympus'])).toThrow(
      /^zoneinfo: 'Mars\/Olympus'/
    )
  })
})

describe('zoneinfoLayer', () => {
  it('places files and links under usr/share/zoneinfo with their parents', () => {
    const layer = zoneinfoLayer([tz('Asia/Tokyo', 309), link('Japan', 'Asia/Tokyo')], ROOT)
    expect(layer.name).toBe('zoneinfo')
    expect(layer.entries).toEqual([
      { path: 'usr', type: 'directory', mode: 0o755, uid: 0, gid: 0 },
      { path: 'usr/share', type: 'directory', mode: 0o755, uid: 0, gid: 0 },
      { path: 'usr/share/zoneinfo', type: 'directory', mode: 0o755, uid: 0, gid: 0 },
      { path: 'usr/share/zoneinfo/Asia', type: 'directory', mode: 0o755, uid: 0, gid: 0 },
      {
        path: 'usr/share/zoneinfo/Asia/Tokyo',
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        size: 309,
        source: '/usr/share/zoneinfo/Asia/Tokyo'
      },
      {
        path: 'usr/share/zoneinfo/Japan',
        type: 'symlink',
        mode: 0o777,
        uid: 0,
        gid: 0,
        target: 'Asia/Tokyo'
      }
    ])
  })
})

describe('scanZoneinfo', () => {
  let root: string
  let cleanup: () => Promise<void>
  const tzif = Buffer.from('TZif2\0\0\0 fake zone data')

  beforeAll(async () => {
    const t = await tempDir()
    cleanup = t.cleanup
    root = path.join(t.dir, 'zoneinfo')
    for (const d of ['Asia', 'posix/Asia', 'right/Asia', 'Etc'])
      await mkdir(path.join(root, d), { recursive: true })
    await writeFile(path.join(root, 'Asia/Tokyo'), tzif)
    await writeFile(path.join(root, 'Etc/UTC'), tzif)
    await writeFile(path.join(root, 'posix/Asia/Tokyo'), tzif)
    await writeFile(path.join(root, 'right/Asia/Tokyo'), tzif)
    await writeFile(path.join(root, 'zone.tab'), '# tab\n')
    await writeFile(path.join(root, 'tiny'), 'TZ')
    await symlink('Asia/Tokyo', path.join(root, 'Japan'))
    await symlink('/etc/localtime', path.join(root, 'localtime'))
  })
  afterAll(() => cleanup())

  it('lists files (with TZif magic and size) and links, skipping posix/ and right/', async () => {
    expect(await scanZoneinfo(root)).toEqual([
      // A TZif file's bytes come with it, for the layer; other files' are not kept.
      { rel: 'Asia/Tokyo', kind: 'file', tzif: true, size: tzif.length, data: tzif },
      { rel: 'Etc/UTC', kind: 'file', tzif: true, size: tzif.length, data: tzif },
      { rel: 'Japan', kind: 'symlink', target: 'Asia/Tokyo' },
      { rel: 'localtime', kind: 'symlink', target: '/etc/localtime' },
      { rel: 'tiny', kind: 'file', tzif: false, size: 2 },
      { rel: 'zone.tab', kind: 'file', tzif: false, size: 6 }
    ])
  })

  it('feeds selectZoneinfo', async () => {
    const selected = selectZoneinfo(await scanZoneinfo(root), root, true)
    expect(selected.map(n => [n.rel, n.target])).toEqual([
      ['Asia/Tokyo', undefined],
      ['Etc/UTC', undefined],
      ['Japan', 'Asia/Tokyo']
    ])
  })
})

describe('the zoneinfo layer from the scan', () => {
  it('has the tar bytes of the same layer read from the files themselves', async () => {
    // The runner's own tree: the layer carries the bytes the scan read, and its tar (and so its digest) must be
    // what reading each file at tar time gives.
    const layer = zoneinfoLayer(selectZoneinfo(await scanZoneinfo(ROOT), ROOT, true), ROOT)
    const files = layer.entries.filter(e => e.type === 'file')
    expect(files.length).toBeGreaterThan(300)
    expect(files.every(e => Buffer.isBuffer(e.source))).toBe(true)
    const fromDisk = layer.entries.map(e =>
      e.type === 'file'
        ? { ...e, source: path.join(ROOT, e.path.slice(ZONEINFO_PATH.length + 1)) }
        : e
    )
    const [carried, read] = await Promise.all([
      layerTar(layer.entries, 1700000000),
      layerTar(fromDisk, 1700000000)
    ])
    expect(carried.equals(read)).toBe(true)
  })
})
