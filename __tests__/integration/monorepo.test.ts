// Monorepos and several registries end to end: ./cmd/... gives one image per command, whose shared layers go up once, and image lines push one digest to the open and the htpasswd registry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { FaultProxy } from './fault-proxy.js'
import { sh } from './commands.js'
import { copyFixture, runAction, tempDir } from './harness.js'
import {
  AUTH,
  AUTH_REGISTRY,
  AUTH_REGISTRY_RE,
  digestOf,
  inspectImage,
  REGISTRY,
  REGISTRY_RE,
  uniqueRepo
} from './registries.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

interface Manifest {
  config: { digest: string }
  layers: { digest: string }[]
}

interface Images {
  [name: string]: {
    digest: string
    'image-ref': string
    'image-refs': string[]
    tags: string[]
    size: number
  }
}

/** A DOCKER_CONFIG folder that logs in to the htpasswd registry with password. */
async function dockerConfig(password: string): Promise<string> {
  const dir = await tempDir('gsi-docker-config-')
  const auths = { [AUTH_REGISTRY]: { auth: b64(`${AUTH.username}:${password}`) } }
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths }))
  return dir
}

describe('a monorepo: one image per main package', () => {
  // Bearer, as GHCR and Docker Hub: the token of b's push must also read a, whose blobs it mounts.
  let proxy: FaultProxy
  beforeAll(async () => {
    proxy = await new FaultProxy({ target: REGISTRY, bearer: { ttlMs: 600_000 } }).start()
  })
  afterAll(async () => proxy.stop())

  it('builds ./cmd/... into two images that each run their own binary, the shared layers uploaded once', async () => {
    const workdir = await copyFixture('monorepo')
    const repo = uniqueRepo('mono')
    const run = await runAction(
      {
        package: './cmd/...',
        image: `127.0.0.1:${proxy.port}/${repo}/{{.Name}}`,
        tags: 'v1'
      },
      { workdir }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)

    const images = JSON.parse(run.outputs.images!) as Images
    expect(Object.keys(images)).toEqual(['a', 'b'])
    // The single-value outputs are the first image's.
    expect(run.outputs.digest).toBe(images.a!.digest)
    expect(run.outputs['image-ref']).toBe(images.a!['image-ref'])
    expect(images.a!.digest).not.toBe(images.b!.digest)

    const manifests: Record<string, Manifest> = {}
    for (const name of ['a', 'b']) {
      const image = images[name]!
      const direct = `${REGISTRY}/${repo}/${name}`
      expect(image['image-ref']).toBe(`127.0.0.1:${proxy.port}/${repo}/${name}@${image.digest}`)
      expect(image.tags).toEqual(['v1'])
      expect(await digestOf(`${direct}:v1`)).toBe(image.digest)
      manifests[name] = JSON.parse((await inspectImage(`${direct}:v1`, true)).stdout) as Manifest
      expect(image.size).toBeGreaterThan(0)

      expect((await sh('docker', ['pull', '-q', `${direct}:v1`])).code).toBe(0)
      const ran = await sh('docker', ['run', '--rm', '--network', 'none', `${direct}:v1`])
      expect(ran.stdout).toContain(`hello from command ${name} (shared greet)`)
      if (name === 'b') expect(ran.stdout).toContain('args 1')
      else expect(ran.stdout).not.toContain('args')
      await sh('docker', ['rmi', `${direct}:v1`])
    }

    // certificates, zoneinfo, system, home: the same bytes in both; only the binary (and config) differ.
    const shared = manifests.a!.layers.slice(0, -1).map(l => l.digest)
    expect(shared).toHaveLength(4)
    expect(manifests.b!.layers.slice(0, -1).map(l => l.digest)).toEqual(shared)
    expect(manifests.b!.layers.at(-1)!.digest).not.toBe(manifests.a!.layers.at(-1)!.digest)

    // Each shared layer's bytes went up once (to a); b mounted them from a.
    const completes = (digest: string): number =>
      proxy.count('PUT', new RegExp(`/blobs/uploads/.*digest=sha256(?::|%3A)${digest.slice(7)}`))
    for (const d of shared) expect(completes(d)).toBe(1)
    const mountsInB = proxy.requests.filter(
      r =>
        r.method === 'POST' &&
        r.path.startsWith(`/v2/${repo}/b/blobs/uploads/?mount=`) &&
        r.path.includes(`from=${encodeURIComponent(`${repo}/a`)}`) &&
        r.status === 201
    )
    expect(mountsInB).toHaveLength(4)
    // b's own binary and config were uploaded into b.
    expect(completes(manifests.b!.layers.at(-1)!.digest)).toBe(1)
    expect(completes(manifests.b!.config.digest)).toBe(1)
    // b's token also reads a, which it mounts from (the token server is asked for both in one request).
    const scope = (x: string): string => `scope=${encodeURIComponent(x)}`
    const tokenForB = proxy.requests.filter(
      r =>
        r.path.startsWith('/token?') &&
        r.path.includes(scope(`repository:${repo}/b:push,pull`)) &&
        r.path.includes(scope(`repository:${repo}/a:pull`))
    )
    expect(tokenForB.length).toBeGreaterThan(0)

    // Go installed, its caches restored and the packages listed once; a build and a push per image.
    expect(run.log.match(/^::group::Install Go/gm)).toHaveLength(1)
    expect(run.log).toContain('a: example.com/mono/cmd/a (./cmd/a)')
    expect(run.log).toMatch(/^::group::b: Push 127\.0\.0\.1:\d+\/it\/mono-[^/]+\/b$/m)
    // One compressor for the run: certificates, both zoneinfo candidates, system, home and the two binaries are 7
    // layers compressed in all (12 if each image compressed its own).
    const counts = [...run.log.matchAll(/^layers: gzip-6; (\d+) compressed/gm)].map(m =>
      Number(m[1])
    )
    expect(counts).toHaveLength(2)
    expect(Math.max(...counts)).toBe(7)
    // The summary: one row per image.
    expect(run.summary).toMatch(
      new RegExp(
        `^\\| a \\| \`127\\.0\\.0\\.1:\\d+/${repo}/a\` \\| \`${images.a!.digest}\` \\| \`v1\` \\|`,
        'm'
      )
    )
    expect(run.summary).toMatch(
      new RegExp(
        `^\\| b \\| \`127\\.0\\.0\\.1:\\d+/${repo}/b\` \\| \`${images.b!.digest}\` \\| \`v1\` \\|`,
        'm'
      )
    )
  })

  it('refuses ./cmd/... into one repository after listing, before any compile', async () => {
    const workdir = await copyFixture('monorepo')
    const run = await runAction(
      { package: './cmd/...', image: `${REGISTRY}/${uniqueRepo('one')}` },
      { workdir }
    )
    expect(run.code).toBe(1)
    expect(run.log).toContain(`::error::image: '${REGISTRY}/it/one-`)
    expect(run.log).toContain('has no {{.Name}}, but package gives 2 main packages (a, b)')
    expect(run.log).not.toMatch(/::group::.*Build example\.com/)
  })
})

describe('several registries', () => {
  /** ./cmd/a of the monorepo fixture pushed to repo in both registries, logging in to the second with password. */
  async function pushBoth(repo: string, password: string, inputs: Record<string, string>) {
    return runAction(
      { package: './cmd/a', image: `${REGISTRY}/${repo}\n${AUTH_REGISTRY}/${repo}`, ...inputs },
      // The inputs are the first registry's (none: it is open); the Docker config logs in to the second.
      {
        workdir: await copyFixture('monorepo'),
        env: { DOCKER_CONFIG: await dockerConfig(password) }
      }
    )
  }

  it('pushes one digest to the open and the htpasswd registry, each with its own credentials', async () => {
    const repo = uniqueRepo('two')
    const run = await pushBoth(repo, AUTH.password, { tags: 'v1\nlatest' })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    const digest = run.outputs.digest!
    for (const registry of [REGISTRY, AUTH_REGISTRY]) {
      for (const tag of ['v1', 'latest'])
        expect(await digestOf(`${registry}/${repo}:${tag}`)).toBe(digest)
    }
    expect(run.outputs['image-ref']).toBe(`${REGISTRY}/${repo}@${digest}`)
    const images = JSON.parse(run.outputs.images!) as Images
    expect(images.a!['image-refs']).toEqual([
      `${REGISTRY}/${repo}@${digest}`,
      `${AUTH_REGISTRY}/${repo}@${digest}`
    ])
    expect(run.log).toContain(`Registry credentials for ${REGISTRY}: anonymous`)
    expect(run.log).toContain(`Registry credentials for ${AUTH_REGISTRY}: Docker config`)
    expect(run.log).toContain(`tagged ${AUTH_REGISTRY}/${repo}:latest`)
  })

  it('refuses a bad credential for the second registry before the build, and pushes nothing', async () => {
    const repo = uniqueRepo('badcred')
    const run = await pushBoth(repo, 'not-the-password', { tags: 'v1' })
    expect(run.code).toBe(1)
    expect(run.log).toMatch(
      new RegExp(
        `::error::registry-username/registry-password: ${AUTH_REGISTRY_RE} refused user 'testuser'`
      )
    )
    expect(run.log).not.toMatch(/Install Go|go build|::group::Build/)
    expect(await digestOf(`${REGISTRY}/${repo}:v1`)).toBeUndefined()
  })

  it('says what went where when the second registry refuses the image, and tags nothing', async () => {
    // The second registry refuses manifests (as a registry refuses a repository the credentials may not push to).
    const refusing = await new FaultProxy({ target: REGISTRY })
      .fault({
        method: 'PUT',
        path: /\/manifests\//,
        reply: 403,
        body: JSON.stringify({
          errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }]
        })
      })
      .start()
    try {
      const workdir = await copyFixture('monorepo')
      const repo = uniqueRepo('refused')
      const run = await runAction(
        {
          package: './cmd/a',
          image: `${REGISTRY}/${repo}\n127.0.0.1:${refusing.port}/${repo}-second`,
          tags: 'v1'
        },
        { workdir }
      )
      expect(run.code).toBe(1)
      const error = /^::error::(.*)$/m.exec(run.log)?.[1] ?? ''
      expect(error).toMatch(
        new RegExp(`^push to 127\\.0\\.0\\.1:${refusing.port}/${repo}-second failed: `)
      )
      expect(error).toContain('denied')
      const untagged =
        /Already pushed, untagged: (\S+)\. Nothing was tagged in any registry\.$/.exec(error)
      expect(untagged?.[1]).toMatch(new RegExp(`^${REGISTRY_RE}/${repo}@sha256:[0-9a-f]{64}$`))
      // As it says: the first registry has the image by digest, and no registry has the tag.
      expect(await digestOf(untagged![1]!)).toBe(untagged![1]!.split('@')[1])
      expect(await digestOf(`${REGISTRY}/${repo}:v1`)).toBeUndefined()
      expect(await digestOf(`${REGISTRY}/${repo}-second:v1`)).toBeUndefined()
    } finally {
      await refusing.stop()
    }
  })

  it('tags nothing anywhere when the image is over its size budget', async () => {
    const repo = uniqueRepo('overbudget')
    const run = await pushBoth(repo, AUTH.password, { tags: 'v1', 'max-size': '1KB' })
    expect(run.code).toBe(1)
    expect(run.log).toContain('Not pushed: the image is over its size budget.')
    expect(await digestOf(`${REGISTRY}/${repo}:v1`)).toBeUndefined()
    expect(await digestOf(`${AUTH_REGISTRY}/${repo}:v1`)).toBeUndefined()
  })
})
