// End to end: dist/index.js against the Go mirror, the registries and the Docker Engine, as the runner would run it.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { goToolName } from '../../src/go/mirror.js'
import { sh, skopeo } from './commands.js'
import {
  cachedTools,
  copyFixture,
  fileToolCache,
  MIRROR,
  pushProbe,
  runAction,
  tempDir
} from './harness.js'
import {
  AUTH,
  AUTH_REGISTRY,
  AUTH_REGISTRY_RE,
  digestOf,
  REGISTRY,
  REGISTRY_RE,
  uniqueRepo
} from './registries.js'

let goVersion: string

beforeAll(async () => {
  goVersion = (await sh('go', ['env', 'GOVERSION'])).stdout.trim().replace(/^go/, '')
})

interface Manifest {
  config: { size: number; digest: string }
  layers: { size: number; digest: string }[]
}

describe('push to a registry and run the image', () => {
  it('pushes an image that runs as 65532 with zoneinfo, /tmp and CA roots, and reports what was pushed', async () => {
    const workdir = await copyFixture('probe')
    const repo = `${REGISTRY}/${uniqueRepo('probe')}`
    const run = await runAction({ image: repo, tags: 'v1\nlatest' }, { workdir })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    // The Go from the mirror was used, never the one on PATH.
    expect(run.log).toContain(`${await fileToolCache()}/${goToolName(MIRROR)}/${goVersion}/`)
    expect(run.outputs['go-version']).toBe(goVersion)

    const digest = run.outputs.digest!
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs['image-ref']).toBe(`${repo}@${digest}`)
    expect(run.outputs.tags).toBe('v1\nlatest')

    for (const tag of ['v1', 'latest']) {
      const inspect = await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:${tag}`])
      expect(inspect.code).toBe(0)
      const info = JSON.parse(inspect.stdout) as {
        Digest: string
        Architecture: string
        Os: string
      }
      expect(info).toMatchObject({ Digest: digest, Architecture: 'amd64', Os: 'linux' })
    }

    // size = config + layers, exactly as the pushed manifest records them.
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${repo}:v1`])
    const manifest = JSON.parse(raw.stdout) as Manifest
    const expected = manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0)
    expect(Number(run.outputs.size)).toBe(expected)
    // certificates, zoneinfo, system, home, binary
    expect(manifest.layers).toHaveLength(5)

    // binary-size is the size of the binary the Dockerfile context holds.
    const context = run.outputs.context!
    expect(Number(run.outputs['binary-size'])).toBe(
      (await stat(path.join(context, 'binary', 'probe'))).size
    )
    const dockerfile = await readFile(run.outputs.dockerfile!, 'utf8')
    expect(dockerfile).toMatch(/^FROM scratch$/m)
    expect(dockerfile).toContain('ENTRYPOINT ["/probe"]')
    expect(run.summary).toContain(digest)
    expect(run.summary).toMatch(/^\| binary \| .* B\) \| .* B\) \| [\d.]+% \|$/m)

    expect((await sh('docker', ['pull', '-q', `${repo}:v1`])).code).toBe(0)
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', `${repo}:v1`])
    expect(ran.stderr).toBe('')
    expect(ran.stdout).toContain('zone Asia/Shanghai CST +0800')
    expect(ran.stdout).toContain('tmp ok')
    expect(ran.stdout).toContain('uid 65532 gid 65532')
    expect(ran.stdout).toContain('user nonroot /home/nonroot')
    expect(ran.stdout).toContain('home ok /home/nonroot/.cache/probe/x')
    expect(Number(/certs (\d+)/.exec(ran.stdout)?.[1])).toBeGreaterThan(50)
    await sh('docker', ['rmi', `${repo}:v1`, `${repo}:latest`])
  })

  it('pushes with Basic auth to a registry with htpasswd', async () => {
    const { run, repo } = await pushProbe(AUTH_REGISTRY, 'auth', {
      'registry-username': AUTH.username,
      'registry-password': AUTH.password
    })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.log).not.toContain(AUTH.password)
    expect(await digestOf(`${repo}:v1`)).toBe(run.outputs.digest)
  })

  it('refuses a wrong password before building, names the inputs and never prints the password', async () => {
    const secret = 'not-the-Password-4711'
    const { run, repo } = await pushProbe(AUTH_REGISTRY, 'wrong', {
      'registry-username': AUTH.username,
      'registry-password': secret
    })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::registry-username/registry-password: ${AUTH_REGISTRY_RE} refused user 'testuser' \\(HTTP 401\\)`,
        'm'
      )
    )
    expect(run.stdout).toContain(`::add-mask::${secret}`)
    expect(run.log).not.toContain(secret)
    expect(run.log).not.toContain(Buffer.from(`${AUTH.username}:${secret}`).toString('base64'))
    expect(run.log).not.toContain('go build')
    expect(await digestOf(`${repo}:v1`)).toBeUndefined()
  })
})

describe('without a registry', () => {
  it('writes an OCI layout that skopeo reads, with the digest of the output', async () => {
    const workdir = await copyFixture('probe')
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction({ push: 'false', 'oci-layout': layout, tags: 'dev' }, { workdir })
    expect(run.code).toBe(0)
    expect(run.outputs['image-ref']).toBe('')
    const inspect = await skopeo(['inspect', `oci:${layout}:dev`])
    expect(inspect.code).toBe(0)
    expect(JSON.parse(inspect.stdout).Digest).toBe(run.outputs.digest)
    const blobs = await readdir(path.join(layout, 'blobs', 'sha256'))
    expect(blobs).toContain(run.outputs.digest!.slice('sha256:'.length))
  })

  it('gives the same digest for the same source built twice, from different directories', async () => {
    const first = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
    const second = await runAction({ push: 'false' }, { workdir: await copyFixture('probe') })
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    expect(second.outputs.digest).toBe(first.outputs.digest)
    expect(second.outputs.sizes).toBe(first.outputs.sizes)
  })
})

describe('Go download verification', () => {
  it('refuses a download whose sha256 does not match the list and caches nothing', async () => {
    const workdir = await copyFixture('probe')
    const cache = await tempDir('gsi-toolcache-')
    const run = await runAction(
      { 'go-download-base-url': `${MIRROR}/corrupt`, push: 'false' },
      { workdir, toolCache: cache }
    )
    expect(run.code).not.toBe(0)
    const error = /^::error::(.*)$/m.exec(run.stdout)?.[1] ?? ''
    expect(error).toContain(
      `The Go download go${goVersion}.linux-amd64.tar.gz does not match the release list`
    )
    // Both hashes are named: the listed one and the one of the bytes received.
    const real = JSON.parse(await (await fetch(`${MIRROR}/?mode=json&include=all`)).text())[0]
      .files[0].sha256
    expect(error).toContain(`got`)
    expect(error).toContain(real)
    // No Go: the compile cache, which the entry point turns on first, is all it holds.
    expect(await cachedTools(cache)).toEqual([])
  })
})

describe('bad input fails before anything is pushed', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'an unknown go-version',
      { 'go-version': '1.99.1' },
      /^::error::go-version: no Go release matches '1\.99\.1'/m
    ],
    [
      'a package that is not main',
      { package: './lib' },
      /^::error::package: '\.\/lib' is package lib, not a main package/m
    ],
    [
      'an image with uppercase letters',
      { image: `${REGISTRY}/Acme/App` },
      new RegExp(
        `^::error::image: the repository 'Acme/App' .* has uppercase letters.*Use '${REGISTRY_RE}/acme/app'`,
        'm'
      )
    ],
    [
      'an image with a scheme',
      { image: `http://${REGISTRY}/acme/app` },
      new RegExp(`^::error::image: 'http://${REGISTRY_RE}/acme/app' includes a URL scheme`, 'm')
    ],
    [
      'a tag with +',
      { tags: 'v1.0.0+build' },
      /^::error::tags: 'v1\.0\.0\+build' is not a valid tag/m
    ]
  ]
  it.each(cases)('%s', async (_name, inputs, message) => {
    const { run, repo } = await pushProbe(REGISTRY, 'bad', inputs)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(message)
    expect(run.log).not.toMatch(/^uploaded /m)
    const tags = await fetch(`http://${REGISTRY}/v2/${repo.slice(REGISTRY.length + 1)}/tags/list`)
    await tags.arrayBuffer()
    expect(tags.status).toBe(404)
  })
})
