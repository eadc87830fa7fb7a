import { describe, expect, it } from '@jest/globals'
import {
  binaryLayer,
  CA_BUNDLE_PATH,
  certificatesLayer,
  file,
  groupFile,
  homeLayer,
  layerContentSize,
  NONROOT,
  orderLayers,
  passwdFile,
  systemLayer,
  withParents,
  type Entry,
  type Layer,
  type LayerName
} from '../../src/rootfs/plan.js'

const dir = (path: string, mode = 0o755): Entry => ({
  path,
  type: 'directory',
  mode,
  uid: 0,
  gid: 0
})
const summary = (entries: Entry[]): [string, string, string][] =>
  entries.map(e => [e.path, e.type, e.mode.toString(8)])

describe('withParents', () => {
  it('adds every missing parent as a root-owned 0755 directory and sorts by path', () => {
    const out = withParents([
      file('usr/share/zoneinfo/UTC', '/z/UTC', 1),
      file('etc/ssl/certs/ca.crt', '/ca', 2),
      file('app', '/bin/app', 3, 0o755)
    ])
    expect(summary(out)).toEqual([
      ['app', 'file', '755'],
      ['etc', 'directory', '755'],
      ['etc/ssl', 'directory', '755'],
      ['etc/ssl/certs', 'directory', '755'],
      ['etc/ssl/certs/ca.crt', 'file', '644'],
      ['usr', 'directory', '755'],
      ['usr/share', 'directory', '755'],
      ['usr/share/zoneinfo', 'directory', '755'],
      ['usr/share/zoneinfo/UTC', 'file', '644']
    ])
    expect(out.filter(e => e.type === 'directory').every(e => e.uid === 0 && e.gid === 0)).toBe(
      true
    )
  })

  it('keeps a directory the caller listed, with its mode, and adds no duplicate', () => {
    const out = withParents([file('tmp/x', Buffer.from('x'), 1), dir('tmp', 0o1777)])
    expect(summary(out)).toEqual([
      ['tmp', 'directory', '1777'],
      ['tmp/x', 'file', '644']
    ])
  })

  it('sorts byte-wise, which keeps parents before children', () => {
    const out = withParents([file('a/b', '/x', 1), file('a-b/c', '/y', 1), file('a.b', '/z', 1)])
    expect(out.map(e => e.path)).toEqual(['a', 'a-b', 'a-b/c', 'a.b', 'a/b'])
  })

  it('does not modify its input', () => {
    const input = [file('a/b', '/x', 1)]
    withParents(input)
    expect(input.map(e => e.path)).toEqual(['a/b'])
  })
})

describe('file', () => {
  it('makes a root-owned 0644 file unless told otherwise', () => {
    expect(file('etc/x', '/host/x', 3)).toEqual({
      path: 'etc/x',
      type: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: 3,
      source: '/host/x'
    })
    expect(file('app', '/b', 1, 0o755).mode).toBe(0o755)
  })
})

describe('systemLayer', () => {
  it("holds passwd, group, /home, root's 0700 home and a sticky world-writable /tmp, all root-owned", () => {
    const layer = systemLayer()
    expect(layer.name).toBe('system')
    expect(summary(layer.entries)).toEqual([
      ['etc', 'directory', '755'],
      ['etc/group', 'file', '644'],
      ['etc/passwd', 'file', '644'],
      ['home', 'directory', '755'],
      ['root', 'directory', '700'],
      ['tmp', 'directory', '1777']
    ])
    expect(layer.entries.every(e => e.uid === 0 && e.gid === 0)).toBe(true)
    const tmp = layer.entries.find(e => e.path === 'tmp')
    expect(tmp?.mode).toBe(0o1777)
  })

  it('creates the working directory and its parents, as Docker WORKDIR would', () => {
    const paths = (wd: string): string[] => systemLayer(wd).entries.map(e => e.path)
    expect(paths('/srv/app')).toEqual(expect.arrayContaining(['srv', 'srv/app']))
    expect(paths('/srv/app/')).toEqual(expect.arrayContaining(['srv', 'srv/app']))
    expect(paths('/')).toEqual(systemLayer().entries.map(e => e.path))
    // Already there: no second entry.
    expect(paths('/tmp').filter(p => p === 'tmp')).toHaveLength(1)
  })

  it('leaves a working directory inside the nonroot home to the home layer', () => {
    expect(systemLayer('/home/nonroot').entries.map(e => e.path)).toEqual(
      systemLayer().entries.map(e => e.path)
    )
    expect(systemLayer('/home/nonroot/app').entries.map(e => e.path)).not.toContain(
      'home/nonroot/app'
    )
  })

  it('defines the nonroot user and group 65532', () => {
    const layer = systemLayer()
    const content = (path: string): string => {
      const e = layer.entries.find(x => x.path === path)
      if (e?.type !== 'file' || !Buffer.isBuffer(e.source)) throw new Error(`${path} is no buffer`)
      expect(e.size).toBe(e.source.length)
      return e.source.toString()
    }
    expect(content('etc/passwd')).toBe(passwdFile())
    expect(passwdFile()).toBe(
      'root:x:0:0:root:/root:/sbin/nologin\n' +
        'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' +
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n'
    )
    expect(content('etc/group')).toBe(groupFile())
    expect(groupFile()).toBe('root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n')
  })
})

describe('homeLayer', () => {
  const owners = (layer: Layer): [string, string, string, string][] =>
    layer.entries.map(e => [e.path, e.type, e.mode.toString(8), `${e.uid}:${e.gid}`])

  it('gives nonroot its home, 0755, under a root-owned /home', () => {
    const layer = homeLayer()
    expect(layer.name).toBe('home')
    expect(NONROOT.home).toBe('/home/nonroot')
    expect(owners(layer)).toEqual([
      ['home', 'directory', '755', '0:0'],
      ['home/nonroot', 'directory', '755', '65532:65532']
    ])
    expect(homeLayer('/srv/app')).toEqual(layer)
    expect(homeLayer('/home/nonroot/')).toEqual(layer)
  })

  it('gives nonroot a working directory inside its home, every level of it', () => {
    expect(owners(homeLayer('/home/nonroot/app/data'))).toEqual([
      ['home', 'directory', '755', '0:0'],
      ['home/nonroot', 'directory', '755', '65532:65532'],
      ['home/nonroot/app', 'directory', '755', '65532:65532'],
      ['home/nonroot/app/data', 'directory', '755', '65532:65532']
    ])
    // A sibling whose name only starts like the home is not inside it.
    expect(owners(homeLayer('/home/nonrootx'))).toEqual(owners(homeLayer()))
  })
})

describe('certificatesLayer and binaryLayer', () => {
  it('puts the bundle at the path Go reads first', () => {
    const layer = certificatesLayer('/etc/ssl/certs/ca-certificates.crt', 200)
    expect(CA_BUNDLE_PATH).toBe('etc/ssl/certs/ca-certificates.crt')
    expect(summary(layer.entries)).toEqual([
      ['etc', 'directory', '755'],
      ['etc/ssl', 'directory', '755'],
      ['etc/ssl/certs', 'directory', '755'],
      ['etc/ssl/certs/ca-certificates.crt', 'file', '644']
    ])
    expect(layerContentSize(layer)).toBe(200)
  })

  it('puts the binary at the root with mode 0755', () => {
    const layer = binaryLayer('/build/app', 'app', 1234)
    expect(layer).toEqual({
      name: 'binary',
      entries: [
        { path: 'app', type: 'file', mode: 0o755, uid: 0, gid: 0, size: 1234, source: '/build/app' }
      ]
    })
  })
})

describe('orderLayers', () => {
  const layer = (name: LayerName): Layer => ({ name, entries: [] })

  it.each<[LayerName[], LayerName[]]>([
    [
      ['binary', 'files', 'home', 'system', 'zoneinfo', 'certificates'],
      ['certificates', 'zoneinfo', 'system', 'home', 'files', 'binary']
    ],
    [
      ['system', 'binary', 'certificates'],
      ['certificates', 'system', 'binary']
    ],
    [['binary'], ['binary']]
  ])('%j -> %j', (input, order) => {
    const layers = input.map(layer)
    expect(orderLayers(layers).map(l => l.name)).toEqual(order)
    expect(layers.map(l => l.name)).toEqual(input)
  })
})

describe('layerContentSize', () => {
  it('counts regular files only', () => {
    const layer: Layer = {
      name: 'files',
      entries: [
        dir('d'),
        file('d/a', '/a', 10),
        file('d/b', '/b', 5),
        { path: 'd/l', type: 'symlink', mode: 0o777, uid: 0, gid: 0, target: 'a' }
      ]
    }
    expect(layerContentSize(layer)).toBe(15)
  })
})
