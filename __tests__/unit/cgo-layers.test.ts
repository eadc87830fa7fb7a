import { describe, expect, it } from '@jest/globals'
import type { Closure } from '../../src/compile/closure.js'
import { renderDockerfile } from '../../src/dockerfile/context.js'
import { cgoSettings } from '../../src/compile/c-toolchain.js'
import { InputError, type Runner } from '../../src/ports.js'
import { checkBusybox, debugLayer, debugSettings } from '../../src/rootfs/debug.js'
import { debianOwners, librariesLayer } from '../../src/rootfs/libraries.js'
import { orderLayers, type FilePlan, type ImageSettings } from '../../src/rootfs/plan.js'
import { elf, EM } from './elf-fixture.js'

const closure: Closure = {
  interpreter: '/lib64/ld-linux-x86-64.so.2',
  libraries: [
    {
      name: '/lib64/ld-linux-x86-64.so.2',
      path: '/lib64/ld-linux-x86-64.so.2',
      realPath: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
      neededBy: ['app']
    },
    {
      name: 'libc.so.6',
      path: '/lib/x86_64-linux-gnu/libc.so.6',
      realPath: '/usr/lib/x86_64-linux-gnu/libc.so.6',
      neededBy: ['app']
    },
    {
      name: 'libvendor.so.1',
      path: '/opt/vendor/lib/libvendor.so.1',
      realPath: '/opt/vendor/lib/libvendor.so.1.2.3',
      neededBy: ['app']
    }
  ],
  files: [
    { path: '/opt/vendor/lib/libvendor.so.1.2.3', mode: 0o664, size: 10 },
    { path: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', mode: 0o755, size: 200 },
    { path: '/usr/lib/x86_64-linux-gnu/libc.so.6', mode: 0o755, size: 2000 }
  ],
  symlinks: [
    { path: '/lib', target: 'usr/lib' },
    { path: '/lib64', target: 'usr/lib64' },
    { path: '/opt/vendor/lib/libvendor.so.1', target: 'libvendor.so.1.2.3' },
    {
      path: '/usr/lib64/ld-linux-x86-64.so.2',
      target: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'
    }
  ],
  cycles: [],
  nsswitch: 'passwd: files\ngroup: files\n'
}

const settings: ImageSettings = {
  user: '65532:65532',
  workdir: '/',
  env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
  entrypoint: ['/app'],
  cmd: [],
  exposedPorts: [],
  labels: {},
  annotations: {}
}

describe('librariesLayer', () => {
  it('stages real files from the root (modes 0755 or 0644), every link, and nsswitch.conf, parents first', () => {
    const layer = librariesLayer(closure, '/srv/sysroot')
    expect(layer.name).toBe('libraries')
    const byPath = Object.fromEntries(layer.entries.map(e => [e.path, e]))
    expect(byPath['usr/lib/x86_64-linux-gnu/libc.so.6']).toMatchObject({
      type: 'file',
      mode: 0o755,
      size: 2000,
      source: '/srv/sysroot/usr/lib/x86_64-linux-gnu/libc.so.6'
    })
    expect(byPath['opt/vendor/lib/libvendor.so.1.2.3']).toMatchObject({ mode: 0o644 })
    expect(byPath['opt/vendor/lib/libvendor.so.1']).toMatchObject({
      type: 'symlink',
      target: 'libvendor.so.1.2.3'
    })
    expect(byPath['lib64']).toMatchObject({ type: 'symlink', target: 'usr/lib64' })
    expect(byPath['etc/nsswitch.conf']).toMatchObject({
      type: 'file',
      source: Buffer.from('passwd: files\ngroup: files\n')
    })
    expect(byPath['usr/lib64']).toMatchObject({ type: 'directory' })
    const paths = layer.entries.map(e => e.path)
    expect(paths).toEqual([...paths].sort())
  })

  it('goes between files and binary, and is copied per platform in a multi-platform Dockerfile', () => {
    const layers = orderLayers([
      { name: 'binary', entries: [] },
      librariesLayer(closure, '/'),
      { name: 'system', entries: [] },
      { name: 'files', entries: [] }
    ])
    expect(layers.map(l => l.name)).toEqual(['system', 'files', 'libraries', 'binary'])
    const plan: FilePlan = { layers, image: settings }
    expect(renderDockerfile(plan, false)).toContain('COPY libraries/ /\nCOPY binary/ /\n')
    expect(renderDockerfile(plan, true)).toContain(
      'ARG TARGETOS TARGETARCH TARGETVARIANT\nCOPY libraries/${TARGETOS}/${TARGETARCH}${TARGETVARIANT:+/}${TARGETVARIANT}/ /'
    )
  })
})

describe('debianOwners', () => {
  it('asks dpkg -S for the loader path and the real one, and groups the real paths by package', async () => {
    const asked: string[][] = []
    const runner: Runner = {
      run: async (command, args) => {
        asked.push([command, ...args])
        // dpkg knows the paths packages ship, not merged-/usr real paths; one file belongs to no package.
        return {
          exitCode: 1,
          stdout:
            'libc6:amd64: /lib64/ld-linux-x86-64.so.2\nlibc6:amd64: /lib/x86_64-linux-gnu/libc.so.6\n',
          stderr: 'dpkg-query: no path found matching pattern /opt/vendor/lib/libvendor.so.1\n'
        }
      }
    }
    expect(await debianOwners(runner, closure.libraries)).toEqual([
      {
        name: 'libc6:amd64',
        paths: [
          'usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
          'usr/lib/x86_64-linux-gnu/libc.so.6'
        ]
      }
    ])
    expect(asked[0]?.slice(0, 3)).toEqual(['dpkg', '-S', '/lib64/ld-linux-x86-64.so.2'])
    expect(asked[0]).toContain('/usr/lib/x86_64-linux-gnu/libc.so.6')
  })
})

describe('the debug layer', () => {
  const bytes = elf({ bits: 64, littleEndian: true, machine: EM.X86_64 })
  const amd64 = { os: 'linux', architecture: 'amd64' }

  it('puts busybox at /busybox with a link per applet, and /busybox last on PATH', () => {
    const layer = debugLayer({ path: '/bin/busybox', bytes }, ['ls', 'sh'])
    expect(layer.entries.map(e => [e.path, e.type === 'symlink' ? e.target : e.type])).toEqual([
      ['busybox', 'directory'],
      ['busybox/busybox', 'file'],
      ['busybox/ls', 'busybox'],
      ['busybox/sh', 'busybox']
    ])
    expect(debugSettings(settings).env).toEqual([
      'PATH=/usr/local/bin:/usr/bin:/bin:/busybox',
      'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'
    ])
    expect(debugSettings({ ...settings, env: [] }).env[0]).toMatch(
      /^PATH=\/usr\/local\/sbin:.*:\/bin:\/busybox$/
    )
  })

  it('refuses a dynamic busybox and one for another machine', () => {
    expect(() => checkBusybox(bytes, '/bin/busybox', amd64)).not.toThrow()
    const dynamic = elf({
      bits: 64,
      littleEndian: true,
      machine: EM.X86_64,
      interpreter: '/lib64/ld-linux-x86-64.so.2',
      needed: ['libc.so.6']
    })
    expect(() => checkBusybox(dynamic, '/usr/bin/busybox', amd64)).toThrow(
      new InputError(
        'debug-busybox: /usr/bin/busybox is dynamically linked (/lib64/ld-linux-x86-64.so.2, libc.so.6), and the ' +
          'image has no C library for it. Use a static busybox (Debian: busybox-static, /bin/busybox).'
      )
    )
    const arm = elf({ bits: 32, littleEndian: true, machine: EM.ARM })
    expect(() => checkBusybox(arm, 'bb', amd64)).toThrow(
      'debug-busybox: bb is a 32-bit ARM binary, but the linux/amd64 image needs x86-64.'
    )
  })
})

describe('cgoSettings', () => {
  it("appends the static link flags to the user's ldflags and adds the tags once", () => {
    const s = cgoSettings(
      { pkg: '.', ldflags: '-X main.v=1', buildTags: 'fts5,netgo', buildFlags: [], buildEnv: {} },
      {
        mode: 'static',
        cc: 'gcc',
        libc: 'glibc',
        env: { CGO_ENABLED: '1', CC: 'gcc' },
        ldflags: '-linkmode=external -extldflags=-static',
        tags: ['netgo', 'osusergo'],
        notes: []
      }
    )
    expect(s.ldflags).toBe('-X main.v=1 -linkmode=external -extldflags=-static')
    expect(s.buildTags).toBe('fts5,netgo,osusergo')
  })
})
