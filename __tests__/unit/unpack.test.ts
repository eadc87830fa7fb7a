// The OCI layer rules as the unpack applies them (image-spec layer.md): whiteouts and opaque directories against
// lower layers only, a file over a directory and the reverse, hard links, symlinks, and what a runtime refuses.
import { describe, expect, it } from '@jest/globals'
import { resolve, splitPath, unpack, type Node, type Unpacked } from '../../src/oci/unpack.js'
import { d, f, hard, layer, sym } from './unpack-fixture.js'

/** Every path of the unpacked tree with its type and the layer that put it there, sorted. */
function tree(u: Unpacked): string[] {
  const out: string[] = []
  const walk = (n: Node, at: string): void => {
    for (const [name, c] of n.children ?? []) {
      out.push(`${at}/${name} ${c.type} ${u.layers[c.layer]}`)
      walk(c, `${at}/${name}`)
    }
  }
  walk(u.root, '')
  return out.sort()
}

const at = (u: Unpacked, p: string, follow = true): Node | undefined => {
  const r = resolve(u.root, splitPath(p)!, { follow })
  return r.ok ? r.node : undefined
}

describe('unpack', () => {
  it('merges directories across layers, the upper one giving the attributes', () => {
    const u = unpack([
      layer('a', d('etc'), f('etc/passwd')),
      layer('b', d('etc', 0o700, 5, 5), f('etc/group'))
    ])
    expect(tree(u)).toEqual(['/etc directory a', '/etc/group file b', '/etc/passwd file a'])
    expect(at(u, '/etc')).toMatchObject({ mode: 0o700, uid: 5, gid: 5 })
    expect(u.problems).toEqual([])
  })

  it('removes a lower path for a whiteout, and hides the whiteout itself', () => {
    const u = unpack([
      layer('a', d('etc'), f('etc/old'), f('etc/keep'), d('var'), d('var/cache'), f('var/cache/x')),
      layer('b', d('etc'), f('etc/.wh.old'), f('.wh.var'))
    ])
    expect(tree(u)).toEqual(['/etc directory a', '/etc/keep file a'])
  })

  it('applies whiteouts before the layer’s own entries, wherever the tar lists them', () => {
    // layer.md: a whiteout applies to lower layers only; the same path added in its layer stays.
    const u = unpack([
      layer('a', d('app'), f('app/config')),
      layer('b', d('app'), f('app/config', 0o600), f('app/.wh.config'))
    ])
    expect(tree(u)).toEqual(['/app directory a', '/app/config file b'])
    expect(at(u, '/app/config')?.mode).toBe(0o600)
  })

  it('hides every lower child of an opaque directory, keeping its own layer’s children', () => {
    // The image-spec's example: a/.wh..wh..opq drops a/b/c/bar but keeps a/b/c/foo of the same layer.
    const u = unpack([
      layer('base', d('a'), d('a/b'), d('a/b/c'), f('a/b/c/bar'), f('a/x')),
      layer('next', d('a'), d('a/b'), d('a/b/c'), f('a/b/c/foo'), f('a/.wh..wh..opq'))
    ])
    expect(tree(u)).toEqual([
      '/a directory base',
      '/a/b directory next',
      '/a/b/c directory next',
      '/a/b/c/foo file next'
    ])
  })

  it('ignores AUFS bookkeeping names and refuses a whiteout that names no file', () => {
    const u = unpack([layer('a', d('x'), f('x/y')), layer('b', f('.wh..wh.plnk'), f('x/.wh.'))])
    expect(tree(u)).toEqual(['/x directory a', '/x/y file a'])
    expect(u.problems).toEqual([
      expect.objectContaining({
        path: '/x/.wh.',
        layer: 1,
        message: expect.stringMatching(/names no file/)
      })
    ])
  })

  it('says what a file over a directory of a lower layer takes away', () => {
    const u = unpack([
      layer('system', d('home'), d('tmp', 0o1777)),
      layer('home', d('home'), d('home/nonroot', 0o755, 65532, 65532)),
      layer('binary', f('home', 0o755))
    ])
    expect(at(u, '/home')).toMatchObject({
      type: 'file',
      replaced: { type: 'directory', layer: 0 }
    })
    expect(u.problems).toEqual([
      {
        path: '/home',
        layer: 2,
        message:
          'layer 3 (binary) puts a file at /home, which replaces the directory from layer 1 (system) and ' +
          'everything in it: /home/nonroot (layer 2 (home)).'
      }
    ])
  })

  it('counts an empty directory of another layer as needed too, and lists at most three lost paths', () => {
    const u = unpack([
      layer('system', d('root', 0o700), d('etc'), f('etc/a'), f('etc/b'), f('etc/c'), f('etc/d')),
      layer('files', f('root'), f('etc'))
    ])
    expect(u.problems.map(p => p.message)).toEqual([
      'layer 2 (files) puts a file at /root, which replaces the directory from layer 1 (system), which that layer put there empty for the image to use.',
      'layer 2 (files) puts a file at /etc, which replaces the directory from layer 1 (system) and everything in it: /etc/a (layer 1 (system)), /etc/b (layer 1 (system)), /etc/c (layer 1 (system)) and 1 more.'
    ])
  })

  it('lets a whited-out directory be replaced by a file without a word', () => {
    const u = unpack([layer('a', d('srv'), f('srv/x')), layer('b', f('.wh.srv'), f('srv'))])
    expect(u.problems).toEqual([])
    expect(at(u, '/srv')).toMatchObject({ type: 'file', layer: 1 })
    expect(at(u, '/srv')?.replaced).toBeUndefined()
  })

  it('replaces a file with a directory and remembers what was there', () => {
    const u = unpack([layer('binary', f('app', 0o755)), layer('debug', d('app'), f('app/sh'))])
    expect(u.problems).toEqual([])
    expect(at(u, '/app')).toMatchObject({ type: 'directory', replaced: { type: 'file', layer: 0 } })
  })

  it('refuses an entry whose parent a lower layer made a file', () => {
    // No parent entry in the tar, so nothing replaces the file: a runtime fails with ENOTDIR.
    const u = unpack([layer('a', f('etc')), layer('b', f('etc/passwd'))])
    expect(u.problems).toEqual([
      {
        path: '/etc/passwd',
        layer: 1,
        message:
          'layer 2 (b) puts /etc/passwd in /etc, but that is a file from layer 1 (a), not a directory: a runtime cannot unpack the layer.'
      }
    ])
  })

  it('makes missing parents, as runtimes do for a tar that leaves them out', () => {
    const u = unpack([layer('a', f('usr/local/bin/tool', 0o755))])
    expect(tree(u)).toEqual([
      '/usr directory a',
      '/usr/local directory a',
      '/usr/local/bin directory a',
      '/usr/local/bin/tool file a'
    ])
  })

  it('follows symlinked parents inside the root, never above it', () => {
    const u = unpack([
      layer('a', d('real'), sym('link', '../../real'), sym('abs', '/real')),
      layer('b', f('link/x'), f('abs/y'))
    ])
    expect(tree(u)).toEqual([
      '/abs symlink a',
      '/link symlink a',
      '/real directory a',
      '/real/x file b',
      '/real/y file b'
    ])
    expect(at(u, '/link', false)?.type).toBe('symlink')
    expect(at(u, '/link')?.type).toBe('directory')
  })

  it('stops at a symlink loop, as the kernel does (ELOOP)', () => {
    const u = unpack([layer('a', sym('a', 'b'), sym('b', 'a'))])
    expect(resolve(u.root, ['a'], { follow: true })).toMatchObject({ ok: false, why: 'loop' })
    const deeper = unpack([layer('a', sym('a', 'b'), sym('b', 'a')), layer('c', f('a/x'))])
    expect(deeper.problems[0]?.message).toMatch(/puts \/a\/x in \/[ab], but that is a symlink loop/)
  })

  it('links a hard link to its target’s attributes, and refuses one to nothing or to a directory', () => {
    const u = unpack([
      layer('a', d('bin'), f('bin/busybox', 0o755), hard('bin/sh', 'bin/busybox')),
      layer('b', hard('x', 'missing'), hard('y', 'bin'))
    ])
    expect(at(u, '/bin/sh')).toMatchObject({ type: 'file', mode: 0o755, layer: 0 })
    expect(u.problems.map(p => p.message)).toEqual([
      'layer 2 (b) makes /x a hard link to missing, which does not exist in it or a layer below: a runtime cannot unpack the layer.',
      'layer 2 (b) makes /y a hard link to bin, which is a directory in it or a layer below: a runtime cannot unpack the layer.'
    ])
  })

  it('refuses a path that climbs out of the root', () => {
    const u = unpack([layer('a', f('../../etc/passwd'), f('./ok/../fine'))])
    expect(tree(u)).toEqual(['/fine file a'])
    expect(u.problems).toEqual([
      expect.objectContaining({
        path: '../../etc/passwd',
        message: expect.stringMatching(/climbs out/)
      })
    ])
  })

  it('takes ./ as the root’s own attributes and strips leading ./ and /', () => {
    const u = unpack([layer('a', d('./', 0o700), d('./etc/'), f('/etc/x'))])
    expect(u.root.mode).toBe(0o700)
    expect(tree(u)).toEqual(['/etc directory a', '/etc/x file a'])
  })
})
