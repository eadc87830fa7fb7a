// The image check, rule by rule on hand-made layers, then end to end on images the native builder assembles
// (gzip and zstd) and on plain tars as docker save exports them.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { buildImage, type BuiltImage } from '../../src/oci/image.js'
import { LayerCompressor } from '../../src/oci/layer-compressor.js'
import { layerEntries, storedLayerEntries } from '../../src/oci/layer-headers.js'
import { packTar } from '../../src/oci/tar.js'
import { unpack, type LayerEntries } from '../../src/oci/unpack.js'
import { checkImages, imageToCheck, runConfig } from '../../src/oci/image-check.js'
import { checkUnpacked, type RunConfig } from '../../src/oci/unpack-check.js'
import { InputError } from '../../src/ports.js'
import {
  certificatesLayer,
  file,
  homeLayer,
  passwdFile,
  systemLayer,
  withParents,
  type FilePlan,
  type Layer
} from '../../src/rootfs/plan.js'
import { DEFAULT_PATH } from '../../src/rootfs/settings.js'
import { imageSettings } from './helpers.js'
import { d, f, layer, sym } from './unpack-fixture.js'

const passwd = Buffer.from(passwdFile())
const system = (): LayerEntries =>
  layer(
    'system',
    d('etc'),
    f('etc/group'),
    { ...f('etc/passwd'), data: passwd },
    d('home'),
    d('root', 0o700),
    d('tmp', 0o1777)
  )
const home = (): LayerEntries => layer('home', d('home'), d('home/nonroot', 0o755, 65532, 65532))
const binary = (name = 'app', mode = 0o755): LayerEntries => layer('binary', f(name, mode))
const run = (o: Partial<RunConfig> = {}): RunConfig => ({
  user: '65532:65532',
  env: [DEFAULT_PATH],
  argv: ['/app'],
  workdir: '/',
  ...o
})
const check = (layers: LayerEntries[], o: Partial<RunConfig> = {}) =>
  checkUnpacked(unpack(layers), run(o))
const messages = (layers: LayerEntries[], o: Partial<RunConfig> = {}): string[] =>
  check(layers, o).map(x => x.message)

describe('checkUnpacked', () => {
  it('passes the image the file plan makes', () => {
    expect(check([system(), home(), binary()])).toEqual([])
  })

  describe('the entrypoint', () => {
    it('finds a bare name through the config’s PATH, as runc’s exec.LookPath does', () => {
      const layers = [
        system(),
        home(),
        layer('binary', d('usr'), d('usr/bin'), f('usr/bin/app', 0o755))
      ]
      expect(messages(layers, { argv: ['app'] })).toEqual([])
      expect(messages(layers, { argv: ['app'], env: ['PATH=/bin:/sbin'] })).toEqual([
        'The entrypoint app is in no directory of PATH (/bin:/sbin) as an executable file.'
      ])
      // Without PATH in the config, runtimes give Docker's default, which holds /usr/bin.
      expect(messages(layers, { argv: ['app'], env: [] })).toEqual([])
    })

    it('takes a relative name with a slash from WORKDIR', () => {
      const layers = [system(), home(), layer('binary', d('srv'), f('srv/app', 0o755))]
      expect(messages(layers, { argv: ['./app'], workdir: '/srv' })).toEqual([])
      expect(messages(layers, { argv: ['./app'], workdir: '/' })[0]).toBe(
        'The entrypoint ./app cannot be executed: /app does not exist.'
      )
    })

    it('follows a symlink to the program', () => {
      const layers = [system(), home(), layer('binary', f('real', 0o755), sym('app', 'real'))]
      expect(messages(layers)).toEqual([])
    })

    it('refuses a file without the execute bit the user needs', () => {
      expect(messages([system(), home(), binary('app', 0o644)])).toEqual([
        'The entrypoint /app cannot be executed: /app is a file from layer 3 (binary).'
      ])
      // Owner-only execute: root-owned, so user 65532 falls in "other", which may not.
      expect(messages([system(), home(), binary('app', 0o700)])).toEqual([
        'The entrypoint /app is /app, mode 0700, owned by 0:0: user 65532:65532 may not execute it.'
      ])
      expect(messages([system(), home(), binary('app', 0o700)], { user: '0:0' })).toEqual([])
    })

    it('names what replaced the program, and points at binary-name when the binary did', () => {
      const layers = [system(), home(), binary('app'), layer('debug', d('app'))]
      expect(check(layers)).toEqual([
        expect.objectContaining({
          path: '/app',
          message:
            'The entrypoint /app cannot be executed: /app is a directory from layer 4 (debug), which replaced a file from layer 3 (binary).',
          fix: expect.stringMatching(/^Point entrypoint at the binary/)
        })
      ])
    })

    it('refuses an image with nothing to start', () => {
      expect(messages([system(), home(), binary()], { argv: [] })).toEqual([
        'The image has neither an entrypoint nor a command, so a runtime has nothing to start.'
      ])
    })
  })

  describe('the user’s home', () => {
    it('refuses a binary named home, which replaces /home and the home in it', () => {
      const found = check([system(), home(), binary('home')], { argv: ['/home'] })
      expect(found.map(x => x.message)).toEqual([
        'layer 3 (binary) puts a file at /home, which replaces the directory from layer 1 (system) and everything in it: /home/nonroot (layer 2 (home)).',
        'The home of user 65532 (nonroot in /etc/passwd), /home/nonroot, must be a directory that user owns, but /home is a file from layer 3 (binary), which replaced a directory from layer 1 (system).'
      ])
      expect(new Set(found.map(x => x.fix))).toEqual(
        new Set([
          'The binary takes the place of a path the image needs: set binary-name to another name (e.g. binary-name: app).'
        ])
      )
    })

    it('refuses a home another user owns, or none', () => {
      const rootOwned = layer('home', d('home'), d('home/nonroot'))
      expect(messages([system(), rootOwned, binary()])).toEqual([
        'The home of user 65532 (nonroot in /etc/passwd), /home/nonroot, is owned by 0:0, so the program cannot write there.'
      ])
      expect(messages([system(), binary()])).toEqual([
        'The home of user 65532 (nonroot in /etc/passwd), /home/nonroot, must be a directory that user owns, but /home/nonroot does not exist.'
      ])
    })

    it('reads the home from /etc/passwd for a name, a uid, or a uid:gid', () => {
      expect(messages([system(), home(), binary()], { user: 'nonroot' })).toEqual([])
      expect(messages([system(), home(), binary()], { user: '65532' })).toEqual([])
      expect(messages([system(), home(), binary()], { user: 'root' })).toEqual([])
      expect(messages([system(), home(), binary()], { user: '' })).toEqual([])
    })

    it('has nothing to check for a uid without a line, or a home of /nonexistent', () => {
      expect(messages([system(), home(), binary()], { user: '1000:1000' })).toEqual([])
      expect(messages([system(), home(), binary()], { user: 'nobody' })).toEqual([])
    })

    it('refuses a user name /etc/passwd lacks, as runc does', () => {
      expect(messages([system(), home(), binary()], { user: 'app' })).toEqual([
        'The user app is not in /etc/passwd, so a runtime refuses to start the container ("unable to find user app").'
      ])
    })
  })

  it('refuses a /tmp that is not a 1777 directory', () => {
    const tmp755 = layer('files', d('tmp'))
    expect(messages([system(), home(), tmp755, binary()])).toEqual([
      '/tmp has mode 0755 (a directory from layer 1 (system)); programs need 1777, where anyone may create files and only their owner delete them.'
    ])
    expect(messages([system(), home(), binary('tmp')], { argv: ['/tmp'] })).toEqual([
      'layer 3 (binary) puts a file at /tmp, which replaces the directory from layer 1 (system), which that layer put there empty for the image to use.',
      '/tmp must be a directory, but /tmp is a file from layer 3 (binary), which replaced a directory from layer 1 (system).'
    ])
  })

  it('refuses an SSL_CERT_FILE that is not a file, and checks it only when set', () => {
    const certs = layer(
      'certificates',
      d('etc'),
      d('etc/ssl'),
      d('etc/ssl/certs'),
      f('etc/ssl/certs/ca-certificates.crt')
    )
    const env = [DEFAULT_PATH, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt']
    expect(messages([certs, system(), home(), binary()], { env })).toEqual([])
    expect(messages([system(), home(), binary()], { env })).toEqual([
      'SSL_CERT_FILE (/etc/ssl/certs/ca-certificates.crt) must be a file, but /etc/ssl does not exist.'
    ])
    expect(
      messages([system(), home(), binary()], { env: [DEFAULT_PATH, 'SSL_CERT_FILE=/etc'] })
    ).toEqual([
      'SSL_CERT_FILE (/etc) must be a file, but /etc is a directory from layer 1 (system).'
    ])
  })

  it('refuses a WORKDIR that is not a directory, or not absolute', () => {
    const files = layer('files', d('srv'), f('srv/data'))
    expect(messages([system(), home(), files, binary()], { workdir: '/srv' })).toEqual([])
    expect(check([system(), home(), files, binary()], { workdir: '/srv/data' })).toEqual([
      expect.objectContaining({
        message:
          'WORKDIR /srv/data must be a directory, but /srv/data is a file from layer 3 (files).',
        fix: 'A files line takes the place of a path another layer needs: give it another DEST.'
      })
    ])
    expect(messages([system(), home(), binary()], { workdir: 'srv' })).toEqual([
      'WORKDIR srv is not absolute, which runc refuses.'
    ])
  })

  it('refuses a files entry that replaces /etc, across layers and with what it took', () => {
    const found = check([system(), home(), layer('files', f('etc')), binary()])
    expect(found[0]).toEqual({
      path: '/etc',
      layer: 2,
      message:
        'layer 3 (files) puts a file at /etc, which replaces the directory from layer 1 (system) and everything in it: /etc/group (layer 1 (system)), /etc/passwd (layer 1 (system)).',
      fix: 'A files line takes the place of a path another layer needs: give it another DEST.'
    })
    // With /etc/passwd gone, uid 65532 has no line and so no home to check: one finding, the cause.
    expect(found.map(x => x.path)).toEqual(['/etc'])
  })

  it('lets an opaque directory and whiteouts hide what a lower layer had, then checks what is left', () => {
    const wiped = layer('files', d('home'), f('home/.wh..wh..opq'))
    expect(messages([system(), home(), wiped, binary()])).toEqual([
      'The home of user 65532 (nonroot in /etc/passwd), /home/nonroot, must be a directory that user owns, but /home/nonroot does not exist.'
    ])
    const back = layer('again', d('home'), d('home/nonroot', 0o755, 65532, 65532))
    expect(messages([system(), home(), wiped, back, binary()])).toEqual([])
    const noTmp = layer('files', f('.wh.tmp'))
    expect(messages([system(), home(), noTmp, binary()])).toEqual([
      '/tmp must be a directory, but /tmp does not exist.'
    ])
  })
})

describe('runConfig', () => {
  it('reads what a runtime starts from, Docker’s nulls included', () => {
    const config = {
      config: { User: '1:2', Env: null, Entrypoint: ['/a'], Cmd: ['b'], WorkingDir: '' }
    }
    expect(runConfig(JSON.stringify(config), 'linux/amd64')).toEqual({
      user: '1:2',
      env: [],
      argv: ['/a', 'b'],
      workdir: '/'
    })
  })

  it('refuses a config that is not one, naming the platform and the field', () => {
    expect(() => runConfig('{"config":{"Env":"PATH=/bin"}}', 'linux/arm64')).toThrow(
      /The image config for linux\/arm64 is not the JSON an image config is: .*config\.Env/s
    )
    expect(() => runConfig('not json', 'linux/arm64')).toThrow(/linux\/arm64/)
  })
})

/** The layers the plan makes for a binary called name, as the pipeline orders them. */
function plan(name: string, user = '65532:65532'): FilePlan {
  const bin = Buffer.from('\x7fELF')
  const bundle = Buffer.from('-----BEGIN CERTIFICATE-----\n')
  const layers: Layer[] = [
    certificatesLayer(bundle, bundle.length),
    systemLayer('/'),
    homeLayer('/'),
    { name: 'binary', entries: withParents([file(name, bin, bin.length, 0o755)]) }
  ]
  return {
    layers,
    image: imageSettings({
      user,
      entrypoint: [`/${name}`],
      env: [DEFAULT_PATH, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt']
    })
  }
}

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

describe('checkImages', () => {
  it('passes a clean image as assembled, gzip and zstd, and logs what it checked', async () => {
    for (const codec of ['gzip', 'zstd'] as const) {
      const compressor = new LayerCompressor({ compression: { codec, level: 3 } })
      const image = await buildImage(plan('app'), amd64, 0, { compressor })
      expect(await checkImages([imageToCheck(image)])).toEqual([
        'linux/amd64: unpacked as a runtime does (4 layers, 13 entries): entrypoint /app, user 65532:65532, /tmp 1777, workdir /'
      ])
    }
  })

  it('refuses a binary named home before anything is pushed, platforms with the same findings together', async () => {
    const images: BuiltImage[] = await Promise.all(
      [amd64, arm64].map(p => buildImage(plan('home'), p, 0))
    )
    const err = await checkImages(images.map(imageToCheck)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toBe(
      'The image for linux/amd64, linux/arm64 would break as a runtime unpacks it, so nothing was pushed:\n' +
        '- layer 4 (binary) puts a file at /home, which replaces the directory from layer 2 (system) and everything in it: /home/nonroot (layer 3 (home)).\n' +
        '- The home of user 65532 (nonroot in /etc/passwd), /home/nonroot, must be a directory that user owns, but /home is a file from layer 4 (binary), which replaced a directory from layer 2 (system).\n' +
        'The binary takes the place of a path the image needs: set binary-name to another name (e.g. binary-name: app).'
    )
  })

  it('checks plain tars, as docker save exports them', async () => {
    const p = plan('tmp')
    const image = await buildImage(p, amd64, 0)
    const tars = image.layers.map(l => zlib.gunzipSync(l.blob.data))
    const layers = tars.map((data, i) => ({ name: image.layers[i]!.name, data }))
    await expect(
      checkImages([{ platform: 'linux/amd64', layers, config: image.config.data }])
    ).rejects.toThrow(/layer 4 \(binary\) puts a file at \/tmp/)
  })
})

describe('layerEntries', () => {
  it('reads headers, long names through pax, and only the bytes of passwd', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(120)}`
    const tarball = await packTar(async add => {
      await add({ name: 'etc/', type: 'directory', mode: 0o40755, uid: 0, gid: 0 })
      await add({ name: 'etc/passwd', type: 'file', mode: 0o100644, size: passwd.length }, passwd)
      await add({ name: 'big', type: 'file', mode: 0o755, size: 4 }, Buffer.from('ELF!'))
      await add({ name: long, type: 'file', mode: 0o644, size: 1 }, Buffer.from('x'))
      await add({ name: 'sh', type: 'symlink', linkname: '/bin/busybox', mode: 0o777 })
      await add({ name: 'ln', type: 'link', linkname: 'big', mode: 0o755 })
    })
    const entries = await layerEntries(tarball)
    expect(entries.map(e => [e.path, e.type, e.mode.toString(8), e.linkname])).toEqual([
      ['etc/', 'directory', '755', undefined],
      ['etc/passwd', 'file', '644', undefined],
      ['big', 'file', '755', undefined],
      [long, 'file', '644', undefined],
      ['sh', 'symlink', '777', '/bin/busybox'],
      ['ln', 'link', '755', 'big']
    ])
    expect(entries[1]!.data?.equals(passwd)).toBe(true)
    expect(entries[2]!.data).toBeUndefined()
  })

  it('reads a gzip or zstd blob as a stream, to the same entries as its plain tar, and refuses a broken one', async () => {
    const tarball = await packTar(async add => {
      await add({ name: 'etc/', type: 'directory', mode: 0o40755, uid: 0, gid: 0 })
      await add({ name: 'etc/passwd', type: 'file', mode: 0o100644, size: passwd.length }, passwd)
      // More than one chunk of the decompressor's output, so the stream is read in pieces.
      const big = Buffer.alloc(300_000, 7)
      await add({ name: 'app', type: 'file', mode: 0o755, size: big.length }, big)
    })
    const plain = await layerEntries(tarball)
    expect(plain.map(e => e.path)).toEqual(['etc/', 'etc/passwd', 'app'])
    const gz = zlib.gzipSync(tarball)
    expect(await storedLayerEntries(gz, 'gz')).toEqual(plain)
    expect(await storedLayerEntries(zlib.zstdCompressSync(tarball), 'zstd')).toEqual(plain)
    expect(await storedLayerEntries(tarball, 'plain')).toEqual(plain)
    // A blob cut short fails the check instead of passing with the entries read so far.
    await expect(storedLayerEntries(gz.subarray(0, gz.length - 100), 'cut')).rejects.toThrow()
  })

  it('keeps the permission bits of a mode Docker 20.10 writes with the file type in it', async () => {
    // tar-stream masks what it packs, so the first header is rewritten as Docker writes it: 0040755 for /tmp-like
    // directories, with the header checksum recomputed.
    const tarball = await packTar(add => add({ name: 'tmp/', type: 'directory', mode: 0o1777 }))
    tarball.write('0041777\0', 100, 'latin1')
    tarball.fill(' ', 148, 156)
    const sum = tarball.subarray(0, 512).reduce((n, b) => n + b, 0)
    tarball.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    const [tmp] = await layerEntries(tarball)
    expect(tmp!.mode.toString(8)).toBe('1777')
  })
})
