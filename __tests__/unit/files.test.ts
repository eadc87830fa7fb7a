import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, realpath, symlink, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { normaliseMode, parseFiles, stageFiles, type FileMapping } from '../../src/rootfs/files.js'
import type { Entry } from '../../src/rootfs/plan.js'
import { InputError } from '../../src/ports.js'
import { rejectionOf, tempDir, thrownBy } from './helpers.js'

/** An InputError for the files input whose message matches. */
function inputError(fn: () => unknown, pattern: RegExp): void {
  const caught = thrownBy(fn, InputError)
  expect(caught.message).toMatch(/^files: /)
  expect(caught.message).toMatch(pattern)
}

async function rejectsInput(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const caught = await rejectionOf(p, InputError)
  expect(caught.message).toMatch(/^files: /)
  expect(caught.message).toMatch(pattern)
}

const summary = (entries: Entry[]): string[] =>
  entries.map(e =>
    e.type === 'file'
      ? `${e.path} file ${e.mode.toString(8)} ${e.size}`
      : `${e.path} ${e.type} ${e.mode.toString(8)}`
  )

describe('parseFiles', () => {
  it('parses SRC:DEST lines, skipping blank lines and comments, and normalises both sides', () => {
    const raw = [
      '# static site',
      'public:/public',
      '',
      '  config/app.yaml : etc/app/  ',
      './a/../b.txt:/x/./y/../z\r',
      'LICENSE:/',
      'data/:/srv/data/.'
    ].join('\n')
    expect(parseFiles(raw)).toEqual([
      { src: 'public', dest: '/public', line: 'public:/public' },
      { src: 'config/app.yaml', dest: '/etc/app/', line: 'config/app.yaml : etc/app/' },
      { src: 'b.txt', dest: '/x/z', line: './a/../b.txt:/x/./y/../z' },
      { src: 'LICENSE', dest: '/', line: 'LICENSE:/' },
      { src: 'data', dest: '/srv/data/', line: 'data/:/srv/data/.' }
    ])
  })

  it('returns nothing for an empty input', () => {
    expect(parseFiles('')).toEqual([])
    expect(parseFiles('\n  \n# only a comment\n')).toEqual([])
  })

  it.each([
    ['public', /'public' must have exactly one ':'.*found 0/],
    ['a:b:c', /'a:b:c' must have exactly one ':'.*found 2/],
    ['C:\\x:/x', /'C:\\x:\/x' must have exactly one ':'/]
  ])('rejects %s, which is not one SRC:DEST pair', (line, pattern) => {
    inputError(() => parseFiles(line), pattern)
  })

  it.each([':/x', 'public:', ' : '])('rejects %s, which misses a side', line => {
    inputError(() => parseFiles(line), /needs both sides of SRC:DEST/)
  })

  it('rejects an absolute SRC and says SRC is relative to working-directory', () => {
    inputError(
      () => parseFiles('/etc/passwd:/etc/passwd'),
      /SRC in '\/etc\/passwd:\/etc\/passwd' is absolute.*relative to working-directory/
    )
  })

  it.each(['../outside:/x', 'a/../../x:/x', '..:/x'])('rejects SRC %s, which climbs out', line => {
    inputError(() => parseFiles(line), /SRC in '.*' climbs out of working-directory/)
  })

  it.each(['/../x', 'a/../../x', '/a/../../../etc'])(
    'rejects DEST %s, which climbs above /',
    dest => {
      inputError(() => parseFiles(`f:${dest}`), new RegExp(`DEST in 'f:${dest}' climbs above /`))
    }
  )

  it('accepts .. that stays inside the image or the working directory', () => {
    expect(parseFiles('a/../b:/a/../c')).toEqual([{ src: 'b', dest: '/c', line: 'a/../b:/a/../c' }])
  })

  it.each(['.wh.x:/x', 'dir/.wh..wh..opq:/x', 'x:/.wh.x', 'x:/a/.wh.b/'])(
    'rejects the whiteout name in %s',
    line => {
      inputError(() => parseFiles(line), /name starting with \.wh\..*Rename it/)
    }
  )
})

describe('normaliseMode', () => {
  it.each([
    ['100644', '644'],
    ['100755', '755'],
    ['4755', '755'],
    ['2755', '755'],
    ['1777', '755'],
    ['744', '755'],
    ['701', '755'],
    ['664', '644'],
    ['666', '644'],
    ['4644', '644'],
    ['600', '644'],
    ['0', '644']
  ])('%s becomes %s', (mode, want) => {
    expect(normaliseMode(parseInt(mode, 8))).toBe(parseInt(want, 8))
  })
})

describe('stageFiles', () => {
  let base: string
  let wd: string
  let root: string
  let cleanup: () => Promise<void>

  beforeEach(async () => {
    const t = await tempDir('gsi-files-')
    cleanup = t.cleanup
    base = t.dir
    wd = path.join(base, 'work')
    await mkdir(wd)
    root = await realpath(wd)
    await mkdir(path.join(base, 'outside'))
    await writeFile(path.join(base, 'outside', 'secret'), 'secret\n')
  })
  afterEach(() => cleanup())

  const put = async (rel: string, content: string, mode = 0o644): Promise<void> => {
    const p = path.join(wd, rel)
    await mkdir(path.dirname(p), { recursive: true })
    await writeFile(p, content)
    await chmod(p, mode)
  }
  const stage = (lines: string, reserved?: ReadonlySet<string> | ReadonlyMap<string, string>) =>
    stageFiles(parseFiles(lines), wd, reserved)

  it('stages one file at its DEST as a root-owned 0644 file with its real path and size', async () => {
    await put('config/app.yaml', 'port: 8080\n')
    expect(await stage('config/app.yaml:/etc/app.yaml')).toEqual([
      {
        path: 'etc/app.yaml',
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        size: 11,
        source: path.join(root, 'config/app.yaml')
      }
    ])
  })

  it('puts a file inside a DEST ending in /, inside / itself, and reads a relative DEST from /', async () => {
    await put('LICENSE', 'MIT\n')
    await put('conf/a.conf', 'a=1\n')
    const out = await stage('LICENSE:/\nconf/a.conf:/etc/app/\nLICENSE:usr/share/doc/LICENSE')
    expect(summary(out)).toEqual([
      'LICENSE file 644 4',
      'etc/app/a.conf file 644 4',
      'usr/share/doc/LICENSE file 644 4'
    ])
  })

  it('keeps an execute bit as 0755 and strips setuid, setgid and group or other write', async () => {
    await put('bin/suid', '#!/bin/sh\n', 0o4755)
    await put('bin/sgid', '#!/bin/sh\n', 0o2775)
    await put('bin/owner-x', '#!/bin/sh\n', 0o744)
    await put('data/group-write', 'x', 0o664)
    await put('data/world-write', 'xy', 0o666)
    await put('data/private', 'xyz', 0o600)
    await chmod(path.join(wd, 'data'), 0o2770)
    const out = await stage('bin:/bin\ndata:/data')
    expect(summary(out)).toEqual([
      'bin directory 755',
      'bin/owner-x file 755 10',
      'bin/sgid file 755 10',
      'bin/suid file 755 10',
      'data directory 755',
      'data/group-write file 644 1',
      'data/private file 644 3',
      'data/world-write file 644 2'
    ])
    expect(out.every(e => e.uid === 0 && e.gid === 0)).toBe(true)
  })

  it('copies a directory’s contents into DEST with nested and empty directories, sorted', async () => {
    await put('public/index.html', '<h1>hi</h1>\n')
    await put('public/css/site.css', 'body{}\n')
    await put('public/css/img/logo.svg', '<svg/>')
    await mkdir(path.join(wd, 'public/empty'))
    const out = await stage('public:/srv/www')
    expect(summary(out)).toEqual([
      'srv/www directory 755',
      'srv/www/css directory 755',
      'srv/www/css/img directory 755',
      'srv/www/css/img/logo.svg file 644 6',
      'srv/www/css/site.css file 644 7',
      'srv/www/empty directory 755',
      'srv/www/index.html file 644 12'
    ])
    const css = out.find(e => e.path === 'srv/www/css/site.css')
    expect(css).toMatchObject({ source: path.join(root, 'public/css/site.css') })
  })

  it('treats a trailing slash on a directory’s DEST the same as none', async () => {
    await put('public/index.html', 'x')
    expect(summary(await stage('public/:/public/'))).toEqual([
      'public directory 755',
      'public/index.html file 644 1'
    ])
  })

  it('copies a directory into / without an entry for the root itself', async () => {
    await put('rootfs/etc/motd', 'hello\n')
    await put('rootfs/VERSION', '1\n')
    expect(summary(await stage('rootfs:/'))).toEqual([
      'VERSION file 644 2',
      'etc directory 755',
      'etc/motd file 644 6'
    ])
  })

  it('copies the working directory itself with SRC .', async () => {
    await put('a.txt', 'a')
    await put('sub/b.txt', 'bb')
    expect(summary(await stage('.:/app'))).toEqual([
      'app directory 755',
      'app/a.txt file 644 1',
      'app/sub directory 755',
      'app/sub/b.txt file 644 2'
    ])
  })

  it('follows symlinks that stay inside the working directory, as files and walked directories', async () => {
    await put('assets/logo.png', 'PNG!!', 0o755)
    await put('shared/strings.json', '{}')
    await mkdir(path.join(wd, 'public'))
    await symlink('../assets/logo.png', path.join(wd, 'public/logo.png'))
    await symlink('../shared', path.join(wd, 'public/shared'))
    await symlink('assets/logo.png', path.join(wd, 'top-link'))
    const out = await stage('public:/public\ntop-link:/img/')
    expect(summary(out)).toEqual([
      'img/top-link file 755 5',
      'public directory 755',
      'public/logo.png file 755 5',
      'public/shared directory 755',
      'public/shared/strings.json file 644 2'
    ])
    expect(out.find(e => e.path === 'public/logo.png')).toMatchObject({
      type: 'file',
      source: path.join(root, 'assets/logo.png')
    })
    expect(out.find(e => e.path === 'img/top-link')).toMatchObject({
      source: path.join(root, 'assets/logo.png')
    })
    expect(out.find(e => e.path === 'public/shared/strings.json')).toMatchObject({
      source: path.join(root, 'shared/strings.json')
    })
  })

  it('rejects a walked symlink that leads outside the working directory, naming the link and target', async () => {
    await put('public/index.html', 'x')
    const target = path.join(base, 'outside', 'secret')
    await symlink(target, path.join(wd, 'public/secret'))
    await rejectsInput(
      stage('public:/public'),
      new RegExp(
        `symlink 'public/secret' \\(from 'public:/public'\\) points to '${target}'.*outside working-directory.*Copy the file`
      )
    )
  })

  it('rejects a SRC that is, or passes through, a symlink leading outside', async () => {
    await symlink('../outside/secret', path.join(wd, 'secret'))
    await symlink('../outside', path.join(wd, 'out'))
    await rejectsInput(
      stage('secret:/secret'),
      /symlink 'secret' .* points to '\.\.\/outside\/secret'/
    )
    await rejectsInput(
      stage('out/secret:/secret'),
      /symlink 'out' .* points to '\.\.\/outside'.*outside/
    )
    await rejectsInput(stage('out:/x'), /symlink 'out' .* points to '\.\.\/outside'.*outside/)
  })

  it('rejects a dangling symlink, naming the link and its target', async () => {
    await put('public/index.html', 'x')
    await symlink('missing.css', path.join(wd, 'public/site.css'))
    await rejectsInput(
      stage('public:/public'),
      /symlink 'public\/site\.css' \(from 'public:\/public'\) points to 'missing\.css', which does not exist/
    )
    await rejectsInput(stage('public/site.css:/x'), /symlink 'public\/site\.css'.*does not exist/)
  })

  it('stops at a directory symlink that points back up instead of recursing forever', async () => {
    await put('public/sub/a.txt', 'a')
    await symlink('..', path.join(wd, 'public/sub/up'))
    await rejectsInput(
      stage('public:/public'),
      /symlink 'public\/sub\/up' .* points to '\.\.', a directory that contains it/
    )
  })

  it('stops at a symlink to its own directory and at two directories linking to each other', async () => {
    await put('self/a.txt', 'a')
    await symlink('.', path.join(wd, 'self/loop'))
    await rejectsInput(stage('self:/self'), /symlink 'self\/loop' .* points to '\.'.*never end/)

    await put('a/x', 'x')
    await put('b/y', 'y')
    await symlink('../b', path.join(wd, 'a/to-b'))
    await symlink('../a', path.join(wd, 'b/to-a'))
    await rejectsInput(stage('a:/a'), /symlink 'b\/to-a' .* points to '\.\.\/a'.*never end/)
  })

  it('copies a directory reached through two links (no cycle) under both destinations', async () => {
    await put('shared/s.txt', 's')
    await mkdir(path.join(wd, 'site'))
    await symlink('../shared', path.join(wd, 'site/one'))
    await symlink('../shared', path.join(wd, 'site/two'))
    expect(summary(await stage('site:/site'))).toEqual([
      'site directory 755',
      'site/one directory 755',
      'site/one/s.txt file 644 1',
      'site/two directory 755',
      'site/two/s.txt file 644 1'
    ])
  })

  it('rejects a FIFO', async () => {
    await put('run/readme', 'x')
    execFileSync('mkfifo', [path.join(wd, 'run/pipe')])
    await rejectsInput(
      stage('run:/run'),
      /'run\/pipe' \(from 'run:\/run'\) is a FIFO, which an image layer cannot carry/
    )
    await rejectsInput(stage('run/pipe:/pipe'), /'run\/pipe' .* is a FIFO/)
  })

  it('rejects a Unix socket', async () => {
    await mkdir(path.join(wd, 'sock'))
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(path.join(wd, 'sock/s'), resolve))
    try {
      await rejectsInput(stage('sock:/sock'), /'sock\/s' \(from 'sock:\/sock'\) is a socket/)
    } finally {
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  })

  const root0 = process.getuid?.() === 0
  ;(root0 ? it : it.skip)('rejects a character device (needs root for mknod)', async () => {
    await mkdir(path.join(wd, 'dev'))
    execFileSync('mknod', [path.join(wd, 'dev/null'), 'c', '1', '3'])
    await rejectsInput(stage('dev:/dev'), /'dev\/null' .* is a character device/)
  })

  it('rejects a walked name starting with .wh.', async () => {
    await put('public/.wh.index.html', 'x')
    await rejectsInput(
      stage('public:/public'),
      /'public\/\.wh\.index\.html' \(from 'public:\/public'\) has a name starting with \.wh\./
    )
  })

  it('rejects two lines landing on the same path, naming both sources', async () => {
    await put('a/config.yaml', 'a')
    await put('b/config.yaml', 'b')
    await rejectsInput(
      stage('a/config.yaml:/etc/\nb/config.yaml:/etc/config.yaml'),
      /\/etc\/config\.yaml would come from both 'a\/config\.yaml' \(line 'a\/config\.yaml:\/etc\/'\) and 'b\/config\.yaml' \(line 'b\/config\.yaml:\/etc\/config\.yaml'\)/
    )
  })

  it('rejects a walked file that another line also writes', async () => {
    await put('public/index.html', 'a')
    await put('index.html', 'b')
    await rejectsInput(
      stage('public:/www\nindex.html:/www/'),
      /\/www\/index\.html would come from both 'public\/index\.html'.* and 'index\.html'/
    )
  })

  it('rejects a file where another line puts a directory', async () => {
    await put('public/index.html', 'a')
    await put('www', 'file')
    await rejectsInput(
      stage('public:/www\nwww:/www'),
      /\/www would come from both 'public'.* and 'www'/
    )
    await rejectsInput(
      stage('www:/srv\npublic:/srv/public'),
      /\/srv is a file \(from 'www', line 'www:\/srv'\) but \/srv\/public \(from 'public'.*needs it to be a directory/
    )
  })

  it('merges two directories at the same path', async () => {
    await put('a/conf/one', '1')
    await put('b/conf/two', '22')
    expect(summary(await stage('a:/\nb:/'))).toEqual([
      'conf directory 755',
      'conf/one file 644 1',
      'conf/two file 644 2'
    ])
  })

  it('rejects a path another layer owns, naming the layer and the input to use instead', async () => {
    await put('passwd', 'root::0:0::/:/bin/sh\n')
    await put('app', 'not the binary')
    await put('ca.crt', 'pem')
    const reserved = new Map([
      ['etc/passwd', 'system'],
      ['app', 'binary'],
      ['etc/ssl/certs/ca-certificates.crt', 'certificates']
    ])
    await rejectsInput(
      stage('passwd:/etc/', reserved),
      /\/etc\/passwd \(from 'passwd', line 'passwd:\/etc\/'\) is \/etc\/passwd, which the system layer already puts in the image/
    )
    await rejectsInput(stage('app:/', reserved), /which the binary layer .*binary-name/)
    await rejectsInput(
      stage('ca.crt:/etc/ssl/certs/ca-certificates.crt', reserved),
      /the certificates layer .*ca-certificates/
    )
  })

  it('rejects a path under, or replacing the directory of, a reserved path', async () => {
    await put('x', 'x')
    const reserved = new Set(['app', 'etc/passwd'])
    await rejectsInput(
      stage('x:/app/x', reserved),
      /\/app\/x .* would sit under \/app, which another layer/
    )
    await rejectsInput(
      stage('x:/etc', reserved),
      /\/etc \(from 'x', line 'x:\/etc'\) would replace the directory that holds \/etc\/passwd/
    )
  })

  it('allows directories and neighbours of reserved paths', async () => {
    await put('conf/app.conf', 'c')
    const reserved = new Set(['etc/passwd', 'app'])
    expect(summary(await stage('conf:/etc', reserved))).toEqual([
      'etc directory 755',
      'etc/app.conf file 644 1'
    ])
  })

  it('rejects a SRC that does not exist', async () => {
    await rejectsInput(
      stage('missing.txt:/x'),
      /SRC 'missing\.txt' in 'missing\.txt:\/x' does not exist in working-directory/
    )
  })

  it('checks hand-made mappings as parseFiles would', async () => {
    const m = (src: string, dest: string): FileMapping[] => [{ src, dest, line: `${src}:${dest}` }]
    await rejectsInput(stageFiles(m('../outside/secret', '/x'), wd), /climbs out/)
    await rejectsInput(stageFiles(m(path.join(base, 'outside/secret'), '/x'), wd), /is absolute/)
    await rejectsInput(stageFiles(m('x', '/../x'), wd), /climbs above \//)
  })

  it('rejects a working directory that does not exist', async () => {
    await rejectsInput(
      stageFiles(parseFiles('a:/a'), path.join(base, 'nope')),
      /working-directory .*nope does not exist/
    )
  })

  it('returns nothing for no mappings', async () => {
    expect(await stageFiles([], wd)).toEqual([])
  })
})
