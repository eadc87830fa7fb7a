import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  chmod,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  stat,
  utimes,
  writeFile
} from 'node:fs/promises'
import path from 'node:path'
import {
  binaryContextDir,
  renderDockerfile,
  writeLayerContext
} from '../../src/dockerfile/context.js'
import {
  dir as dirEntry,
  file,
  homeLayer,
  symlink,
  systemLayer,
  withParents,
  type Entry,
  type FilePlan,
  type Layer,
  ZONEINFO_PATH
} from '../../src/rootfs/plan.js'
import { scanZoneinfo, selectZoneinfo, zoneinfoLayer } from '../../src/rootfs/zoneinfo.js'
import { tempDir } from './helpers.js'

const plan = (image: Partial<FilePlan['image']> = {}): FilePlan => ({
  layers: [
    { name: 'certificates', entries: [] },
    { name: 'zoneinfo', entries: [] },
    { name: 'system', entries: [] },
    { name: 'binary', entries: [] }
  ],
  image: {
    user: '65532:65532',
    workdir: '/',
    env: ['SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt', 'GREETING=hello "world" $HOME'],
    entrypoint: ['/app'],
    cmd: ['serve', '--port=8080'],
    exposedPorts: [],
    labels: {},
    annotations: {},
    ...image
  }
})

describe('renderDockerfile', () => {
  it('writes the single-platform Dockerfile', () => {
    expect(renderDockerfile(plan(), false)).toBe(
      [
        '# Written by go-scratch-image: the same image its native builder assembles.',
        'FROM scratch',
        'COPY certificates/ /',
        'COPY zoneinfo/ /',
        'COPY system/ /',
        'COPY binary/ /',
        'ENV SSL_CERT_FILE="/etc/ssl/certs/ca-certificates.crt" \\',
        '    GREETING="hello \\"world\\" \\$HOME"',
        'USER 65532:65532',
        'WORKDIR /',
        'ENTRYPOINT ["/app"]',
        'CMD ["serve","--port=8080"]',
        ''
      ].join('\n')
    )
  })

  it('picks the binary folder by target platform when there are several', () => {
    expect(renderDockerfile(plan({ env: [], cmd: [], workdir: '/srv' }), true)).toBe(
      [
        '# Written by go-scratch-image: the same image its native builder assembles.',
        'FROM scratch',
        'COPY certificates/ /',
        'COPY zoneinfo/ /',
        'COPY system/ /',
        'ARG TARGETOS TARGETARCH TARGETVARIANT',
        'COPY binary/${TARGETOS}/${TARGETARCH}${TARGETVARIANT:+/}${TARGETVARIANT}/ /',
        'USER 65532:65532',
        'WORKDIR /srv',
        'ENTRYPOINT ["/app"]',
        ''
      ].join('\n')
    )
  })
})

describe('renderDockerfile image config', () => {
  it('writes EXPOSE and LABEL between WORKDIR and ENTRYPOINT, quoting label values', () => {
    const text = renderDockerfile(
      plan({
        env: [],
        exposedPorts: ['8080/tcp', '53/udp'],
        labels: { 'org.opencontainers.image.source': 'https://x/y', note: 'a "b" $c' }
      }),
      false
    )
    expect(text.split('\n').slice(6)).toEqual([
      'USER 65532:65532',
      'WORKDIR /',
      'EXPOSE 8080/tcp 53/udp',
      'LABEL "org.opencontainers.image.source"="https://x/y" \\',
      '    "note"="a \\"b\\" \\$c"',
      'ENTRYPOINT ["/app"]',
      'CMD ["serve","--port=8080"]',
      ''
    ])
  })

  it('gives a layer owned by one non-root user --chown, and refuses a layer with two owners', () => {
    const owned = (uid: number): Entry => ({ ...dirEntry('data'), uid, gid: uid })
    const withLayer = (entries: Entry[]): FilePlan => ({
      ...plan(),
      layers: [{ name: 'files', entries }]
    })
    expect(renderDockerfile(withLayer([owned(1000)]), false)).toContain(
      'COPY --chown=1000:1000 files/ /'
    )
    expect(renderDockerfile(withLayer([owned(0)]), false)).toContain('COPY files/ /')
    const other: Entry = { ...dirEntry('srv'), uid: 1001, gid: 1001 }
    expect(() => renderDockerfile(withLayer([owned(1000), other]), false)).toThrow(
      /files layer has several owners \(1000:1000, 1001:1001\)/
    )
  })

  it('copies the nonroot home into its own directory with --chown, leaving its root-owned parent alone', () => {
    const home = homeLayer('/home/nonroot/app')
    expect(renderDockerfile({ ...plan(), layers: [home] }, false)).toContain(
      '\nCOPY --chown=65532:65532 home/home/nonroot/ /home/nonroot/\n'
    )
  })

  it.each<[string, Entry[]]>([
    [
      'a root-owned file inside the owned directory',
      [dirEntry('home'), { ...dirEntry('home/u'), uid: 7, gid: 7 }, file('home/u/x', 'x', 1)]
    ],
    [
      'a root-owned directory beside it',
      [dirEntry('home'), { ...dirEntry('home/u'), uid: 7, gid: 7 }, dirEntry('srv')]
    ],
    [
      'an owned file rather than a directory',
      [dirEntry('home'), { ...file('home/u', 'x', 1), uid: 7, gid: 7 }]
    ],
    [
      'an owned directory of another mode',
      [dirEntry('home'), { ...dirEntry('home/u', 0o700), uid: 7, gid: 7 }]
    ]
  ])('refuses a layer of mixed owners that one COPY --chown cannot make: %s', (_what, entries) => {
    expect(() =>
      renderDockerfile({ ...plan(), layers: [{ name: 'home', entries }] }, false)
    ).toThrow(
      'The home layer mixes owners in a way one COPY cannot make: only a directory of one owner (0755) under root-owned parents can be copied with --chown.'
    )
  })
})

describe('binaryContextDir', () => {
  it.each<[string, boolean, string]>([
    ['linux/amd64', false, 'binary'],
    ['linux/amd64', true, path.join('binary', 'linux', 'amd64')],
    ['linux/arm/v7', true, path.join('binary', 'linux', 'arm', 'v7')]
  ])('%s (multi %s) -> %s', (platform, multi, dir) =>
    expect(binaryContextDir(platform, multi)).toBe(dir)
  )
})

describe('writeLayerContext', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
  })
  afterEach(() => cleanup())

  const mode = async (p: string): Promise<number> => (await stat(p)).mode & 0o7777

  it('writes files, directories and links with the modes of the plan', async () => {
    const host = path.join(dir, 'host-binary')
    await writeFile(host, 'ELF')
    const layer: Layer = {
      name: 'files',
      entries: withParents([
        file('app', host, 3, 0o755),
        file('etc/secret', Buffer.from('s'), 1, 0o600),
        file('srv/www/index.html', Buffer.from('<h1>'), 4),
        dirEntry('srv/private', 0o700),
        dirEntry('tmp', 0o1777),
        symlink('srv/www/home.html', 'index.html')
      ])
    }
    const out = path.join(dir, 'context', 'files')
    await writeLayerContext(layer, out)

    expect((await readdir(out)).sort()).toEqual(['app', 'etc', 'srv', 'tmp'])
    expect(await mode(path.join(out, 'app'))).toBe(0o755)
    expect(await readFile(path.join(out, 'app'), 'utf8')).toBe('ELF')
    expect(await mode(path.join(out, 'etc'))).toBe(0o755)
    expect(await mode(path.join(out, 'etc/secret'))).toBe(0o600)
    expect(await mode(path.join(out, 'srv/www/index.html'))).toBe(0o644)
    expect(await readFile(path.join(out, 'srv/www/index.html'), 'utf8')).toBe('<h1>')
    expect(await mode(path.join(out, 'srv/private'))).toBe(0o700)
    const tmp = await stat(path.join(out, 'tmp'))
    expect(tmp.isDirectory()).toBe(true)
    expect(tmp.mode & 0o7777).toBe(0o1777)
    const link = path.join(out, 'srv/www/home.html')
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe('index.html')
    expect(await readFile(link, 'utf8')).toBe('<h1>')
  })

  it('dates every file, link and directory at the source date epoch when given', async () => {
    const layer: Layer = {
      name: 'files',
      entries: withParents([
        file('srv/data/a.txt', Buffer.from('a'), 1),
        symlink('srv/link', 'data/a.txt'),
        dirEntry('srv/empty', 0o555)
      ])
    }
    const out = path.join(dir, 'dated')
    await writeLayerContext(layer, out, 1_700_000_000)
    for (const p of ['srv', 'srv/data', 'srv/data/a.txt', 'srv/empty']) {
      expect([p, (await stat(path.join(out, p))).mtimeMs]).toEqual([p, 1_700_000_000_000])
    }
    expect((await lstat(path.join(out, 'srv/link'))).mtimeMs).toBe(1_700_000_000_000)
  })

  it('writes the system layer and can write over an earlier context', async () => {
    const out = path.join(dir, 'system')
    await writeLayerContext(systemLayer(), out)
    await writeLayerContext(systemLayer(), out)
    expect(await mode(path.join(out, 'tmp'))).toBe(0o1777)
    expect(await readFile(path.join(out, 'etc/passwd'), 'utf8')).toContain(
      'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin'
    )
  })

  it("hard-links the run's own binary and gives it the context's mode and date in place", async () => {
    const owned = path.join(dir, 'run')
    await mkdir(path.join(owned, 'build'), { recursive: true })
    const bin = path.join(owned, 'build', 'app')
    await writeFile(bin, 'ELF')
    await chmod(bin, 0o700)
    const layer: Layer = { name: 'binary', entries: [file('app', bin, 3, 0o755)] }
    const out = path.join(dir, 'context', 'binary')
    await writeLayerContext(layer, out, 1_700_000_000, { ownedDir: owned })
    const [linked, source] = [await stat(path.join(out, 'app')), await stat(bin)]
    expect(linked.ino).toBe(source.ino)
    expect(linked.nlink).toBe(2)
    expect(linked.mode & 0o7777).toBe(0o755)
    expect(linked.mtimeMs).toBe(1_700_000_000_000)

    // Written again over the earlier context: the old link is replaced, not written through.
    await writeLayerContext(layer, out, 1_700_000_000, { ownedDir: owned })
    expect((await stat(bin)).nlink).toBe(2)
    expect(await readFile(bin, 'utf8')).toBe('ELF')
  })

  it("copies a user's file whose mode or date differ from the context's, leaving the file as it was", async () => {
    const src = path.join(dir, 'site.css')
    await writeFile(src, 'body{}')
    await chmod(src, 0o600)
    await utimes(src, new Date(1_000_000_000_000), new Date(1_000_000_000_000))
    const out = path.join(dir, 'files')
    await writeLayerContext(
      { name: 'files', entries: [file('site.css', src, 6, 0o644)] },
      out,
      1_700_000_000,
      { ownedDir: path.join(dir, 'run') }
    )
    const [copied, source] = [await stat(path.join(out, 'site.css')), await stat(src)]
    expect(copied.ino).not.toBe(source.ino)
    expect(copied.mode & 0o7777).toBe(0o644)
    expect(copied.mtimeMs).toBe(1_700_000_000_000)
    expect([source.mode & 0o7777, source.mtimeMs, source.nlink]).toEqual([0o600, 1e12, 1])
  })

  it("links a user's file that already has the context's mode and date", async () => {
    const src = path.join(dir, 'index.html')
    await writeFile(src, '<h1>')
    await chmod(src, 0o644)
    await utimes(src, 1_700_000_000, 1_700_000_000)
    const out = path.join(dir, 'files')
    await writeLayerContext(
      { name: 'files', entries: [file('index.html', src, 4, 0o644)] },
      out,
      1_700_000_000
    )
    expect((await stat(path.join(out, 'index.html'))).ino).toBe((await stat(src)).ino)
  })

  it('copies when the file system refuses the link (another device, a protected link)', async () => {
    const owned = path.join(dir, 'run')
    await mkdir(owned)
    const bin = path.join(owned, 'app')
    await writeFile(bin, 'ELF')
    const layer: Layer = { name: 'binary', entries: [file('app', bin, 3, 0o755)] }
    for (const code of ['EXDEV', 'EPERM']) {
      const out = path.join(dir, code)
      const refuse = async (): Promise<void> => {
        throw Object.assign(new Error(`link: ${code}`), { code })
      }
      await writeLayerContext(layer, out, 1_700_000_000, { ownedDir: owned, link: refuse })
      const copied = await stat(path.join(out, 'app'))
      expect(copied.ino).not.toBe((await stat(bin)).ino)
      expect(await readFile(path.join(out, 'app'), 'utf8')).toBe('ELF')
      expect([copied.mode & 0o7777, copied.mtimeMs]).toEqual([0o755, 1_700_000_000_000])
    }
    // Any other failure is not a reason to copy: it is reported.
    const broken = async (): Promise<void> => {
      throw Object.assign(new Error('link: EIO'), { code: 'EIO' })
    }
    await expect(
      writeLayerContext(layer, path.join(dir, 'EIO'), undefined, { ownedDir: owned, link: broken })
    ).rejects.toThrow('link: EIO')
  })

  it('replaces an existing link', async () => {
    const out = path.join(dir, 'zoneinfo')
    const layer = (target: string): Layer => ({
      name: 'zoneinfo',
      entries: [{ path: 'Japan', type: 'symlink', mode: 0o777, uid: 0, gid: 0, target }]
    })
    await writeLayerContext(layer('Asia/Tokyo'), out)
    await writeLayerContext(layer('Asia/Seoul'), out)
    expect(await readlink(path.join(out, 'Japan'))).toBe('Asia/Seoul')
  })

  it('writes bytes of the plan over an earlier link to a source without writing through it', async () => {
    const src = path.join(dir, 'outside.txt')
    await writeFile(src, 'keep me')
    const out = path.join(dir, 'files')
    await mkdir(out)
    await link(src, path.join(out, 'a.txt'))
    const umask = process.umask(0o077)
    try {
      await writeLayerContext(
        { name: 'files', entries: [file('a.txt', Buffer.from('new'), 3, 0o755)] },
        out,
        1_700_000_000
      )
    } finally {
      process.umask(umask)
    }
    const written = await stat(path.join(out, 'a.txt'))
    expect(await readFile(path.join(out, 'a.txt'), 'utf8')).toBe('new')
    // The plan's mode whatever the umask, and the epoch's date.
    expect([written.mode & 0o7777, written.mtimeMs, written.nlink]).toEqual([
      0o755, 1_700_000_000_000, 1
    ])
    expect([await readFile(src, 'utf8'), (await stat(src)).nlink]).toEqual(['keep me', 1])
  })

  it("writes the zoneinfo tree's bytes as it would copy its files: same names, bytes, modes and dates", async () => {
    const root = '/usr/share/zoneinfo'
    const layer = zoneinfoLayer(selectZoneinfo(await scanZoneinfo(root), root, true), root)
    const fromDisk: Layer = {
      ...layer,
      entries: layer.entries.map(e =>
        e.type === 'file'
          ? { ...e, source: path.join(root, e.path.slice(ZONEINFO_PATH.length + 1)) }
          : e
      )
    }
    await writeLayerContext(layer, path.join(dir, 'carried'), 1_700_000_000)
    await writeLayerContext(fromDisk, path.join(dir, 'copied'), 1_700_000_000)
    const [carried, copied] = [
      await tree(path.join(dir, 'carried')),
      await tree(path.join(dir, 'copied'))
    ]
    expect(carried.length).toBeGreaterThan(500)
    expect(carried).toEqual(copied)
  })
})

/** Every path under root with its type, mode, mtime and bytes (or link target), sorted. */
async function tree(root: string): Promise<string[]> {
  const out: string[] = []
  for (const rel of (await readdir(root, { recursive: true })).sort()) {
    const p = path.join(root, rel)
    const st = await lstat(p)
    const what = st.isSymbolicLink()
      ? `-> ${await readlink(p)}`
      : st.isFile()
        ? createHash('sha256')
            .update(await readFile(p))
            .digest('hex')
        : 'dir'
    out.push(`${rel} ${(st.mode & 0o7777).toString(8)} ${st.mtimeMs} ${what}`)
  }
  return out
}
