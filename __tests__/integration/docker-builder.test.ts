// builder: docker against the real Docker Engine: the written Dockerfile must build the filesystem the native builder assembles.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { platformString, type Platform } from '../../src/platform.js'
import { dockerBuild } from '../../src/docker/builder.js'
import {
  binaryContextDir,
  renderDockerfile,
  writeLayerContext
} from '../../src/dockerfile/context.js'
import { execRunner } from '../../src/exec.js'
import { buildImage, type BuiltImage } from '../../src/oci/image.js'
import { writeOciLayout } from '../../src/oci/layout.js'
import {
  binaryLayer,
  certificatesLayer,
  dir,
  file,
  homeLayer,
  orderLayers,
  symlink,
  systemLayer,
  withParents,
  type FilePlan,
  type Layer
} from '../../src/rootfs/plan.js'
import { readTar } from '../../src/oci/tar.js'
import { fakeLogger } from '../unit/helpers.js'
import { sh } from './commands.js'
import { FIXTURES, requireEnvironment, tempDir } from './harness.js'
import { exportFs, fsEntry, loadLayout, type FsEntry } from './images.js'

const EPOCH = 1_700_000_000
const WORKDIR = '/srv/data'
const amd64: Platform = { os: 'linux', architecture: 'amd64' }
const arm64: Platform = { os: 'linux', architecture: 'arm64' }
const ELF_MACHINE: Record<string, number> = { amd64: 62, arm64: 183 }

const temps: string[] = []
const loaded: string[] = []
let work: string
let shared: Layer[]

const logger = fakeLogger()

async function mktemp(prefix: string): Promise<string> {
  const d = await tempDir(prefix)
  temps.push(d)
  return d
}

/** A static hello for one platform, built the way the action builds binaries. */
async function compileHello(platform: Platform): Promise<{ path: string; size: number }> {
  const out = path.join(work, 'bin', platformString(platform), 'hello')
  await promisify(execFile)(
    '/usr/bin/go',
    ['build', '-trimpath', '-ldflags=-s -w', '-o', out, 'hello.go'],
    {
      cwd: path.join(FIXTURES, 'single'),
      env: {
        ...process.env,
        CGO_ENABLED: '0',
        GOOS: platform.os,
        GOARCH: platform.architecture
      }
    }
  )
  return { path: out, size: (await stat(out)).size }
}

function planFor(binary: { path: string; size: number }): FilePlan {
  return {
    layers: orderLayers([...shared, binaryLayer(binary.path, 'hello', binary.size)]),
    image: {
      user: '65532:65532',
      workdir: WORKDIR,
      env: ['SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
      entrypoint: ['/hello'],
      cmd: [],
      exposedPorts: [],
      labels: { 'org.example.team': 'core' },
      annotations: {}
    }
  }
}

/** The build context and Dockerfile exactly as the pipeline writes them. */
async function writeContext(
  plans: { platform: Platform; plan: FilePlan }[]
): Promise<{ context: string; dockerfile: string }> {
  const context = path.join(await mktemp('gsi-docker-ctx-'), 'context')
  const multi = plans.length > 1
  for (const { platform, plan } of plans) {
    for (const layer of plan.layers) {
      const sub =
        layer.name === 'binary' ? binaryContextDir(platformString(platform), multi) : layer.name
      await writeLayerContext(layer, path.join(context, sub))
    }
  }
  const dockerfile = path.join(context, 'Dockerfile')
  await writeFile(dockerfile, renderDockerfile(plans[0]!.plan, multi))
  return { context, dockerfile }
}

/** Loads a BuiltImage into the Docker Engine the way the existing tests load the action's layout. */
async function load(image: BuiltImage, name: string): Promise<string> {
  const layout = path.join(await mktemp('gsi-docker-layout-'), 'layout')
  await writeOciLayout(layout, [image], image.manifest, ['it'])
  const ref = await loadLayout(layout, 'it', name)
  loaded.push(ref)
  return ref
}

/**
 * `docker export` of a created container adds what the runtime mounts or creates for every container
 * (/.dockerenv, /dev, /proc, /sys, the resolver and host files, /etc/mtab); they come from the engine, not
 * from either image, so they are left out and what remains is exactly the image's filesystem.
 */
const RUNTIME = /^(\.dockerenv|dev|dev\/.*|proc|sys|etc\/(hosts|hostname|resolv\.conf|mtab))$/

async function imageFs(ref: string): Promise<FsEntry[]> {
  return (await exportFs(ref)).filter(e => !RUNTIME.test(e.path))
}

async function tarEntries(layer: Buffer): Promise<(FsEntry & { data: Buffer })[]> {
  return (await readTar(layer)).map(({ header, data }) => ({ ...fsEntry(header), data }))
}

/** e_machine of the hello in an image's binary layer. */
async function binaryMachine(image: BuiltImage): Promise<number> {
  const layer = image.layers.find(l => l.name === 'binary')!
  const hello = (await tarEntries(gunzipSync(layer.blob.data))).find(e => e.path === 'hello')!
  expect(hello.data.subarray(0, 4).toString('latin1')).toBe('\x7fELF')
  return hello.data.readUInt16LE(18)
}

async function allImageIds(): Promise<string[]> {
  return (await sh('docker', ['images', '-a', '-q', '--no-trunc'])).stdout
    .split('\n')
    .filter(Boolean)
    .sort()
}

beforeAll(async () => {
  await requireEnvironment()
  work = await mktemp('gsi-docker-builder-')
  const pem = path.join(work, 'ca.pem')
  await writeFile(
    pem,
    '-----BEGIN CERTIFICATE-----\nTUlJQmdUQ0NBU2VnQXdJQkFnSVVkZXN0\n-----END CERTIFICATE-----\n'
  )
  const tool = path.join(work, 'tool.sh')
  await writeFile(tool, '#!/bin/sh\necho tool\n')
  const conf = Buffer.from('greeting: hello\n')
  const seed = Buffer.from('seed')
  shared = [
    certificatesLayer(pem, (await stat(pem)).size),
    systemLayer(WORKDIR),
    homeLayer(WORKDIR),
    {
      name: 'files',
      entries: withParents([
        file('etc/app/config.yaml', conf, conf.length),
        file('usr/local/bin/tool.sh', tool, (await stat(tool)).size, 0o755),
        symlink('usr/local/bin/tool', 'tool.sh'),
        dir('var/cache/app', 0o700),
        file('var/cache/app/seed', seed, seed.length, 0o600)
      ])
    }
  ]
})

afterAll(async () => {
  if (loaded.length) await sh('docker', ['rmi', '-f', ...loaded])
  for (const d of temps) await rm(d, { recursive: true, force: true })
})

describe('dockerBuild with the classic builder', () => {
  it('builds the same filesystem, layers and config as the native builder, and leaves no image behind', async () => {
    const plan = planFor(await compileHello(amd64))
    const plans = [{ platform: amd64, plan }]
    const { context, dockerfile } = await writeContext(plans)
    const before = await allImageIds()
    const [docker] = await dockerBuild({
      runner: execRunner,
      logger,
      context,
      dockerfile,
      plans,
      buildx: false
    })
    expect(await allImageIds()).toEqual(before)
    expect(logger.lines).toContain(
      `linux/amd64: Docker built 5 layers (certificates, system, home, files, binary), config ${docker!.config.digest}`
    )
    const native = await buildImage(plan, amd64, EPOCH)

    expect(docker!.layers.map(l => l.name)).toEqual(plan.layers.map(l => l.name))
    expect(docker!.layers.map(l => l.name)).toEqual([
      'certificates',
      'system',
      'home',
      'files',
      'binary'
    ])
    expect(docker!.layers.map(l => l.contentSize)).toEqual(native.layers.map(l => l.contentSize))

    const dockerRef = await load(docker!, 'gsi-docker-built')
    const nativeRef = await load(native, 'gsi-native-built')
    const a = await imageFs(nativeRef)
    const b = await imageFs(dockerRef)
    expect(b).toEqual(a)
    // Layer by layer too: each COPY holds exactly the entries of its plan layer, parents included.
    for (const [i, layer] of docker!.layers.entries()) {
      const entries = async (blob: Buffer): Promise<unknown[]> =>
        (await tarEntries(gunzipSync(blob))).map(({ data: _data, ...e }) => e)
      expect([layer.name, await entries(layer.blob.data)]).toEqual([
        native.layers[i]!.name,
        await entries(native.layers[i]!.blob.data)
      ])
    }
    // The facts the comparison rests on, so an empty or runtime-only export cannot pass.
    expect(a.find(e => e.path === 'hello')).toMatchObject({
      type: 'file',
      mode: '755',
      owner: '0:0'
    })
    expect(a.find(e => e.path === 'tmp')).toMatchObject({ type: 'directory', mode: '1777' })
    expect(a.find(e => e.path === 'home')).toMatchObject({ mode: '755', owner: '0:0' })
    expect(a.find(e => e.path === 'home/nonroot')).toMatchObject({
      type: 'directory',
      mode: '755',
      owner: '65532:65532'
    })
    expect(a.find(e => e.path === 'srv/data')).toMatchObject({ type: 'directory', mode: '755' })
    expect(a.find(e => e.path === 'var/cache/app')).toMatchObject({ mode: '700' })
    expect(a.find(e => e.path === 'var/cache/app/seed')).toMatchObject({ mode: '600', size: 4 })
    expect(a.find(e => e.path === 'usr/local/bin/tool.sh')).toMatchObject({ mode: '755' })
    expect(a.find(e => e.path === 'usr/local/bin/tool')).toMatchObject({
      type: 'symlink',
      link: 'tool.sh'
    })

    const run = await sh('docker', ['run', '--rm', '--network', 'none', dockerRef])
    expect(`${run.stdout}${run.stderr}exit ${run.code}`).toBe('hello from a single file\nexit 0')

    const config = JSON.parse(docker!.config.data.toString()) as {
      architecture: string
      os: string
      config: Record<string, unknown>
    }
    expect([config.os, config.architecture]).toEqual(['linux', 'amd64'])
    expect(config.config).toMatchObject({
      User: '65532:65532',
      WorkingDir: WORKDIR,
      Entrypoint: ['/hello'],
      Labels: { 'org.example.team': 'core' }
    })
    // Docker gives a FROM scratch image a default PATH (BuildKit does the same); the native builder does not.
    expect(config.config.Env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ...plan.image.env
    ])
  })

  it('fails naming the Dockerfile with docker stderr, and removes what the steps before the failure made', async () => {
    const plan = planFor(await compileHello(amd64))
    const plans = [{ platform: amd64, plan }]
    const { context, dockerfile } = await writeContext(plans)
    await writeFile(dockerfile, 'FROM scratch\nCOPY system/ /\nCOPY nowhere/ /\n')
    const before = await allImageIds()
    await expect(
      dockerBuild({ runner: execRunner, logger, context, dockerfile, plans, buildx: false })
    ).rejects.toThrow(
      new RegExp(
        `docker build of ${dockerfile} for linux/amd64 failed \\(exit 1\\):\\n[\\s\\S]*nowhere`
      )
    )
    expect(await allImageIds()).toEqual(before)
  })
})

describe('dockerBuild of several platforms with the classic builder', () => {
  let plans: { platform: Platform; plan: FilePlan }[]

  beforeAll(async () => {
    plans = [
      { platform: amd64, plan: planFor(await compileHello(amd64)) },
      { platform: arm64, plan: planFor(await compileHello(arm64)) }
    ]
  })

  async function expectRightBinaries(images: BuiltImage[]): Promise<void> {
    expect(images.map(i => i.platform)).toEqual([amd64, arm64])
    for (const image of images) {
      expect(image.layers.map(l => l.name)).toEqual([
        'certificates',
        'system',
        'home',
        'files',
        'binary'
      ])
      expect(await binaryMachine(image)).toBe(ELF_MACHINE[image.platform.architecture])
      const config = JSON.parse(image.config.data.toString()) as { architecture: string }
      expect(config.architecture).toBe(image.platform.architecture)
    }
  }

  // The classic builder commits an ARG as an image of the daemon's own platform; the Dockerfile declares the
  // target ARGs just before the binary COPY, so the COPY layers before it already carry the target platform.
  it('builds the rendered multi-platform Dockerfile, each image with its own ELF machine', async () => {
    const { context, dockerfile } = await writeContext(plans)
    const before = await allImageIds()
    await expectRightBinaries(
      await dockerBuild({ runner: execRunner, logger, context, dockerfile, plans, buildx: false })
    )
    expect(await allImageIds()).toEqual(before)
  })
})
