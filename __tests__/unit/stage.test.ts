// Tests the CA bundle and zoneinfo staging against real files in temp directories.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../../src/ports.js'
import {
  CA_BUNDLE_PATH,
  certificatesLayer,
  homeLayer,
  systemLayer,
  ZONEINFO_ZIP_PATH,
  type FileEntry,
  type Layer
} from '../../src/rootfs/plan.js'
import { layerTar } from '../../src/oci/tar.js'
import { zoneinfoMeasure } from '../../src/oci/zoneinfo-choice.js'
import { parseFiles } from '../../src/rootfs/files.js'
import { caBundle, filesLayer, mergeEnv, zoneinfo } from '../../src/rootfs/stage.js'
import { fakeLogger, tempDir } from './helpers.js'

const PEM_A = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'
const PEM_B = '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

function bundleEntry(layer: Awaited<ReturnType<typeof caBundle>>): FileEntry {
  const e = layer?.entries.find(x => x.path === CA_BUNDLE_PATH)
  if (!e || e.type !== 'file') throw new Error('no bundle in the layer')
  return e
}

async function bytesOf(e: FileEntry): Promise<string> {
  return typeof e.source === 'string' ? readFile(e.source, 'utf8') : e.source.toString('utf8')
}

describe('caBundle', () => {
  const opts = (o: Partial<Parameters<typeof caBundle>[0]>): Parameters<typeof caBundle>[0] => ({
    caCertificates: 'system',
    extraCaCertificates: [],
    workingDirectory: dir,
    logger: fakeLogger(),
    ...o
  })

  it('takes the first system bundle that exists and says which', async () => {
    await writeFile(path.join(dir, 'second.pem'), PEM_A)
    const logger = fakeLogger()
    const layer = await caBundle(
      opts({ candidates: [path.join(dir, 'missing.pem'), path.join(dir, 'second.pem')], logger })
    )
    const e = bundleEntry(layer)
    expect(e.source).toBe(path.join(dir, 'second.pem'))
    expect(e.size).toBe(PEM_A.length)
    expect(logger.lines.join('\n')).toContain(
      `${path.join(dir, 'second.pem')} -> /${CA_BUNDLE_PATH}`
    )
  })

  it('fails with the places it looked when the runner has no bundle', async () => {
    await expect(caBundle(opts({ candidates: [path.join(dir, 'nope.pem')] }))).rejects.toThrow(
      /^ca-certificates: the runner has no CA bundle \(looked in .*nope\.pem\)/
    )
  })

  it('stages nothing for none', async () => {
    expect(await caBundle(opts({ caCertificates: 'none' }))).toBeUndefined()
  })

  it('appends extra CAs, adding the newline a bundle lacks', async () => {
    await writeFile(path.join(dir, 'bundle.pem'), PEM_B)
    await writeFile(path.join(dir, 'internal.pem'), PEM_A)
    const layer = await caBundle(
      opts({ caCertificates: 'bundle.pem', extraCaCertificates: ['internal.pem'] })
    )
    const e = bundleEntry(layer)
    // The host files it was made from, in order, for the SBOM.
    expect(layer?.sources).toEqual([path.join(dir, 'bundle.pem'), path.join(dir, 'internal.pem')])
    const want = `${PEM_B}\n${PEM_A}`
    expect(await bytesOf(e)).toBe(want)
    expect(e.size).toBe(want.length)
  })

  it('builds a bundle of extra CAs alone with none', async () => {
    await writeFile(path.join(dir, 'internal.pem'), PEM_A)
    const e = bundleEntry(
      await caBundle(opts({ caCertificates: 'none', extraCaCertificates: ['internal.pem'] }))
    )
    expect(await bytesOf(e)).toBe(PEM_A)
  })

  it('refuses a file with no certificate, naming the input', async () => {
    await writeFile(path.join(dir, 'bundle.pem'), PEM_A)
    await writeFile(path.join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nx\n')
    await expect(
      caBundle(opts({ caCertificates: 'bundle.pem', extraCaCertificates: ['key.pem'] }))
    ).rejects.toThrow(/^extra-ca-certificates: .*key\.pem holds no PEM certificate/)
    await expect(caBundle(opts({ caCertificates: 'key.pem' }))).rejects.toThrow(
      /^ca-certificates: .*key\.pem holds no PEM certificate/
    )
    await expect(caBundle(opts({ caCertificates: 'gone.pem' }))).rejects.toThrow(
      /^ca-certificates: .*gone\.pem cannot be read/
    )
  })
})

describe('zoneinfo', () => {
  const tzif = (n: number): Buffer => Buffer.concat([Buffer.from('TZif2'), randomBytes(n)])

  async function tree(fileBytes: number): Promise<string> {
    const root = path.join(dir, 'zoneinfo')
    await mkdir(path.join(root, 'Asia'), { recursive: true })
    await mkdir(path.join(root, 'posix', 'Asia'), { recursive: true })
    await writeFile(path.join(root, 'Asia', 'Tokyo'), tzif(fileBytes))
    await writeFile(path.join(root, 'Asia', 'Seoul'), tzif(fileBytes))
    await writeFile(path.join(root, 'posix', 'Asia', 'Tokyo'), tzif(fileBytes))
    await symlink('Asia/Tokyo', path.join(root, 'Japan'))
    return root
  }

  async function goroot(zipBytes?: number): Promise<string> {
    const root = path.join(dir, 'go')
    await mkdir(path.join(root, 'lib', 'time'), { recursive: true })
    if (zipBytes !== undefined) {
      await writeFile(path.join(root, 'lib', 'time', 'zoneinfo.zip'), randomBytes(zipBytes))
    }
    return root
  }

  const paths = (r: Awaited<ReturnType<typeof zoneinfo>>): string[] =>
    (r?.layer.entries ?? []).filter(e => e.type !== 'directory').map(e => e.path)

  it('stages the tree, links as links and no posix copy, when Go has no zip', async () => {
    const r = await zoneinfo({
      zoneinfo: true,
      root: await tree(100),
      goroot: await goroot(),
      epoch: 0,
      logger: fakeLogger(),
      measure: zoneinfoMeasure()
    })
    expect(paths(r)).toEqual([
      'usr/share/zoneinfo/Asia/Seoul',
      'usr/share/zoneinfo/Asia/Tokyo',
      'usr/share/zoneinfo/Japan'
    ])
    expect(r?.env).toEqual([])
  })

  it("uses Go's zoneinfo.zip with ZONEINFO when it compresses smaller than the tree", async () => {
    const logger = fakeLogger()
    const r = await zoneinfo({
      zoneinfo: true,
      root: await tree(20_000),
      goroot: await goroot(1_000),
      epoch: 0,
      logger,
      measure: zoneinfoMeasure()
    })
    expect(paths(r)).toEqual([ZONEINFO_ZIP_PATH])
    expect(r?.env).toEqual([`ZONEINFO=/${ZONEINFO_ZIP_PATH}`])
    expect(logger.lines.join('\n')).toMatch(/Go's zoneinfo\.zip \d+/)
  })

  it('keeps the tree when the zip is bigger', async () => {
    const r = await zoneinfo({
      zoneinfo: true,
      root: await tree(100),
      goroot: await goroot(50_000),
      epoch: 0,
      logger: fakeLogger(),
      measure: zoneinfoMeasure()
    })
    expect(paths(r)).toContain('usr/share/zoneinfo/Asia/Tokyo')
    expect(r?.env).toEqual([])
  })

  it('stages exactly the listed zones and their link targets, never the zip', async () => {
    const r = await zoneinfo({
      zoneinfo: ['Japan'],
      root: await tree(20_000),
      goroot: await goroot(10),
      epoch: 0,
      logger: fakeLogger(),
      measure: zoneinfoMeasure()
    })
    expect(paths(r)).toEqual(['usr/share/zoneinfo/Asia/Tokyo', 'usr/share/zoneinfo/Japan'])
  })

  it('remembers both sizes by content: the same bytes choose alike without measuring again', async () => {
    const root = await tree(20_000)
    const go = await goroot(1_000)
    const cache = { dir: path.join(dir, 'choice'), compression: 'gzip-9' }
    const measured: string[] = []
    const size = async (layer: Layer): Promise<number> => {
      measured.push(layer.name + (layer.entries.length > 4 ? ':tree' : ':zip'))
      return (await layerTar(layer.entries, 0)).length
    }
    const run = (o: Partial<Parameters<typeof zoneinfo>[0]> = {}): ReturnType<typeof zoneinfo> =>
      zoneinfo({
        zoneinfo: true,
        root,
        goroot: go,
        epoch: 0,
        logger: fakeLogger(),
        measure: zoneinfoMeasure(size, cache),
        ...o
      })
    const first = await run()
    expect(measured).toHaveLength(2)
    const logger = fakeLogger()
    expect(await run({ logger })).toEqual(first)
    // Remembered: no layer was built or compressed, and the log names the same sizes.
    expect(measured).toHaveLength(2)
    expect(logger.lines.join('\n')).toMatch(/is \d+ bytes compressed, Go's zoneinfo\.zip \d+/)

    // A new commit's epoch moves the sizes by a few bytes per entry: sizes this far apart choose alike, so they
    // are not measured again.
    expect(await run({ epoch: 1 })).toEqual(first)
    expect(measured).toHaveLength(2)
    // Anything else the sizes depend on is a new key: the compression, a zone's bytes, the zip's bytes.
    await run({ measure: zoneinfoMeasure(size, { ...cache, compression: 'zstd-3' }) })
    expect(measured).toHaveLength(4)
    await writeFile(path.join(root, 'Asia', 'Seoul'), tzif(20_000))
    await run()
    expect(measured).toHaveLength(6)
    await writeFile(path.join(go, 'lib', 'time', 'zoneinfo.zip'), randomBytes(1_000))
    await run()
    expect(measured).toHaveLength(8)
    await run()
    expect(measured).toHaveLength(8)
  })

  it('measures a near tie again under each epoch, so the choice is the one that epoch makes', async () => {
    const root = await tree(1_000)
    const go = await goroot(1_000)
    const cache = { dir: path.join(dir, 'tie'), compression: 'gzip-9' }
    const measured: number[] = []
    // Sizes that differ by less than another epoch could move them: which is smaller may depend on the dates.
    const size = async (layer: Layer, epoch: number): Promise<number> => {
      measured.push(epoch)
      const isZip = layer.entries.some(e => e.path.endsWith('zoneinfo.zip'))
      return isZip ? 5_010 : 5_000 + (epoch % 2 ? 20 : 0)
    }
    const o = { zoneinfo: true as const, root, goroot: go, logger: fakeLogger() }
    const run = (epoch: number): ReturnType<typeof zoneinfo> =>
      zoneinfo({ ...o, epoch, measure: zoneinfoMeasure(size, cache) })
    expect((await run(0))!.env).toEqual([])
    expect(measured).toEqual([0, 0])
    // Under epoch 1 the zip is the smaller: remembered sizes from epoch 0 would have chosen the tree.
    expect((await run(1))!.env).toEqual(['ZONEINFO=/usr/local/go/lib/time/zoneinfo.zip'])
    expect(measured).toEqual([0, 0, 1, 1])
    // Each epoch's own measurement is remembered.
    expect((await run(1))!.env).toEqual(['ZONEINFO=/usr/local/go/lib/time/zoneinfo.zip'])
    expect(measured).toEqual([0, 0, 1, 1])
  })

  it('measures again when the remembered entry is not two sizes', async () => {
    const root = await tree(100)
    const go = await goroot(50_000)
    const cache = { dir: path.join(dir, 'choice'), compression: 'gzip-9' }
    let measured = 0
    const size = async (layer: Layer): Promise<number> => {
      measured++
      return (await layerTar(layer.entries, 0)).length
    }
    const o = { zoneinfo: true as const, root, goroot: go, epoch: 0, logger: fakeLogger() }
    const first = await zoneinfo({ ...o, measure: zoneinfoMeasure(size, cache) })
    const [entry] = await readdir(cache.dir)
    await writeFile(path.join(cache.dir, entry!), '{"tree":1}')
    expect(await zoneinfo({ ...o, measure: zoneinfoMeasure(size, cache) })).toEqual(first)
    expect(measured).toBe(4)
    // The same choice as without the cache.
    expect(await zoneinfo({ ...o, measure: zoneinfoMeasure() })).toEqual(first)
  })

  it('stages nothing for false and fails clearly without a tree', async () => {
    const base = {
      root: path.join(dir, 'none'),
      goroot: dir,
      epoch: 0,
      logger: fakeLogger(),
      measure: zoneinfoMeasure()
    }
    expect(await zoneinfo({ ...base, zoneinfo: false })).toBeUndefined()
    await expect(zoneinfo({ ...base, zoneinfo: true })).rejects.toThrow(
      /^zoneinfo: the runner has no .*none\. Install tzdata, or set zoneinfo: false\./
    )
  })
})

describe('mergeEnv', () => {
  it('lets a later KEY replace an earlier one in place', () => {
    expect(mergeEnv(['SSL_CERT_FILE=/a', 'ZONEINFO=/z'], ['B=1', 'SSL_CERT_FILE=/b'])).toEqual([
      'SSL_CERT_FILE=/b',
      'ZONEINFO=/z',
      'B=1'
    ])
  })
})

describe('filesLayer', () => {
  it('is absent without files', async () => {
    expect(await filesLayer([], dir, [systemLayer()], 'app')).toBeUndefined()
  })

  it('keeps the mode an earlier layer gave a shared directory, so /tmp stays 1777', async () => {
    await writeFile(path.join(dir, 'seed'), 'x')
    const layer = await filesLayer(parseFiles('seed:/tmp/'), dir, [systemLayer()], 'app')
    expect(layer?.entries.map(e => [e.path, e.type, e.mode.toString(8)])).toEqual([
      ['tmp', 'directory', '1777'],
      ['tmp/seed', 'file', '644']
    ])
  })

  it('refuses a path another layer or the binary owns, naming it', async () => {
    await writeFile(path.join(dir, 'passwd'), 'x')
    await expect(
      filesLayer(parseFiles('passwd:/etc/passwd'), dir, [systemLayer()], 'app')
    ).rejects.toThrow(/^files: .*etc\/passwd.*system/)
    await expect(filesLayer(parseFiles('passwd:/app'), dir, [], 'app')).rejects.toThrow(
      /^files: .*binary/
    )
  })

  describe('against the layers the image really has', () => {
    const earlier = (): ReturnType<typeof systemLayer>[] => [
      certificatesLayer(Buffer.from(PEM_A), PEM_A.length),
      systemLayer(),
      homeLayer()
    ]
    const refuse = async (line: string, message: string): Promise<void> => {
      await writeFile(path.join(dir, 'evil'), 'root::0:0::/:/bin/sh\n')
      const run = filesLayer(parseFiles(line), dir, earlier(), 'app')
      await expect(run).rejects.toThrow(InputError)
      await expect(run).rejects.toThrow(message)
    }

    it.each<[string, string]>([
      [
        'evil:/etc/passwd',
        "files: /etc/passwd (from 'evil', line 'evil:/etc/passwd') is /etc/passwd, which the system layer already puts in the image. Choose another DEST."
      ],
      [
        'evil:/etc/group',
        "files: /etc/group (from 'evil', line 'evil:/etc/group') is /etc/group, which the system layer already puts in the image. Choose another DEST."
      ],
      [
        'evil:/etc/ssl/certs/ca-certificates.crt',
        "files: /etc/ssl/certs/ca-certificates.crt (from 'evil', line 'evil:/etc/ssl/certs/ca-certificates.crt') is /etc/ssl/certs/ca-certificates.crt, which the certificates layer already puts in the image. Choose another DEST; to change the bundle use ca-certificates or extra-ca-certificates."
      ],
      [
        'evil:/app',
        "files: /app (from 'evil', line 'evil:/app') is /app, which the binary layer already puts in the image. Choose another DEST, or another binary-name."
      ],
      [
        'evil:/etc/./x/../passwd',
        "files: /etc/passwd (from 'evil', line 'evil:/etc/./x/../passwd') is /etc/passwd, which the system layer"
      ],
      [
        'evil:/home/nonroot/.config/',
        "files: /home/nonroot/.config/evil (from 'evil', line 'evil:/home/nonroot/.config/') would sit under /home/nonroot, which the home layer already puts in the image. That is the home of the image user, owned by it and empty for the program to fill at run time; choose a DEST outside it (e.g. /etc/app/) and point the program there."
      ]
    ])('refuses %s, naming the line, the layer and the fix', refuse)

    it('refuses a SRC that links to a file outside the working directory, such as /etc/shadow', async () => {
      await symlink('/etc/shadow', path.join(dir, 'shadow'))
      await expect(
        filesLayer(parseFiles('shadow:/etc/app/shadow'), dir, earlier(), 'app')
      ).rejects.toThrow(
        `files: symlink 'shadow' (from 'shadow:/etc/app/shadow') points to '/etc/shadow' (/etc/shadow), outside working-directory ${dir}. Copy the file into the working directory instead of linking to it.`
      )
    })

    it('places files beside the nonroot home, root-owned', async () => {
      await writeFile(path.join(dir, 'motd'), 'hi')
      const layer = await filesLayer(parseFiles('motd:/home/'), dir, earlier(), undefined)
      expect(layer?.entries.map(e => [e.path, e.uid])).toEqual([
        ['home', 0],
        ['home/motd', 0]
      ])
    })
  })
})
