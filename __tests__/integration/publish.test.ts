// Publishing through the bundled action: default tags from the Git context, load into Docker, Docker media
// types, cross-repository mounts, and bad references refused before anything is built or pushed.
import { afterAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildImage, topLevel } from '../../src/oci/image.js'
import { pushImages } from '../../src/registry/push.js'
import { binaryLayer, systemLayer, type FilePlan } from '../../src/rootfs/plan.js'
import { registryClient } from '../registry-client.js'
import { fakeLogger, imageSettings } from '../unit/helpers.js'
import { sh, skopeo } from './commands.js'
import { copyFixture, EXAMPLES, runAction, tempDir } from './harness.js'
import { REGISTRY, uniqueName, uniqueRepo } from './registries.js'

const loaded: string[] = []

afterAll(async () => {
  if (loaded.length) await sh('docker', ['rmi', '-f', ...loaded])
})

describe('load and default tags', () => {
  it('loads the image into Docker under the tags a v1.2.3 tag push gets', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('load')}`
    const sha = 'abcdef0123456789abcdef0123456789abcdef01'
    const run = await runAction(
      { image: repo, push: 'false', load: 'true' },
      {
        workdir: await copyFixture('clock', EXAMPLES),
        env: { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: sha }
      }
    )
    expect(run.log).not.toMatch(/::error::/)
    // metadata-action's order: by the rules' priority (semver before sha), latest last.
    const tags = ['1.2.3', '1.2', '1', 'sha-abcdef0', 'latest']
    for (const t of tags) loaded.push(`${repo}:${t}`)
    expect(run.log).toContain(`as ${tags.map(t => `${repo}:${t}`).join(', ')}`)
    const listed = await sh('docker', ['images', '--format', '{{.Tag}} {{.ID}}', repo])
    const lines = listed.stdout.trim().split('\n').sort()
    expect(lines.map(l => l.split(' ')[0])).toEqual([...tags].sort())
    // One image under five names.
    expect(new Set(lines.map(l => l.split(' ')[1])).size).toBe(1)
    const out = await sh('docker', [
      'run',
      '--rm',
      '--network',
      'none',
      `${repo}:1.2`,
      'Asia/Tokyo'
    ])
    expect(out.stdout).toBe('Asia/Tokyo 2024-01-01T09:00:00+09:00 JST\n')
    // Nothing was pushed.
    expect(
      (await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:latest`])).code
    ).not.toBe(0)
  })
})

describe('media-types: docker', () => {
  it('pushes Docker schema 2 manifests that pull and run', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('docker-types')}`
    const run = await runAction(
      {
        image: repo,
        tags: 'v1',
        'media-types': 'docker',
        platforms: 'linux/amd64,linux/arm64'
      },
      { workdir: await copyFixture('clock', EXAMPLES) }
    )
    expect(run.log).not.toMatch(/::error::/)
    const index = JSON.parse(
      (await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${repo}:v1`])).stdout
    ) as { mediaType: string; manifests: { mediaType: string; digest: string }[] }
    expect(index.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    expect(index.manifests.map(m => m.mediaType)).toEqual([
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json'
    ])
    const child = JSON.parse(
      (
        await skopeo([
          'inspect',
          '--raw',
          '--tls-verify=false',
          `docker://${repo}@${index.manifests[0]!.digest}`
        ])
      ).stdout
    ) as { config: { mediaType: string }; layers: { mediaType: string }[] }
    expect(child.config.mediaType).toBe('application/vnd.docker.container.image.v1+json')
    expect(new Set(child.layers.map(l => l.mediaType))).toEqual(
      new Set(['application/vnd.docker.image.rootfs.diff.tar.gzip'])
    )
    expect(run.outputs.digest).toBe(
      `sha256:${(await sh('sh', ['-c', `skopeo inspect --raw --tls-verify=false docker://${repo}:v1 | sha256sum`])).stdout.split(' ')[0]}`
    )
    const ref = `${uniqueName('gsi-docker-types')}:v1`
    loaded.push(ref)
    const copy = await skopeo([
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${repo}:v1`,
      `docker-daemon:${ref}`
    ])
    expect(copy.code).toBe(0)
    const out = await sh('docker', ['run', '--rm', '--network', 'none', ref, 'UTC'])
    expect(out.stdout).toBe('UTC 2024-01-01T00:00:00+00:00 UTC\n')
  })
})

describe('cross-repository mount', () => {
  it('mounts every blob from another repository of the registry instead of uploading it', async () => {
    const data = Buffer.from(`binary ${Date.now()} ${Math.random()}`)
    const dir = await tempDir()
    const bin = path.join(dir, 'app')
    await writeFile(bin, data)
    const plan: FilePlan = {
      layers: [systemLayer(), binaryLayer(bin, 'app', data.length)],
      image: imageSettings()
    }
    const images = [await buildImage(plan, { os: 'linux', architecture: 'amd64' }, 0)]
    const top = topLevel(images)
    const push = async (repository: string, mountFrom?: string) => {
      const { client: c } = registryClient(`${REGISTRY}/${repository}`, { fetch: globalThis.fetch })
      await c.login()
      return pushImages(c, images, top, ['v1'], fakeLogger(), mountFrom)
    }
    const source = uniqueRepo('mount-source')
    const target = uniqueRepo('mount-target')
    expect(await push(source)).toEqual({ uploaded: 3, mounted: 0, skipped: 0 })
    expect(await push(target, source)).toEqual({ uploaded: 0, mounted: 3, skipped: 0 })
    const inspect = await skopeo([
      'inspect',
      '--tls-verify=false',
      `docker://${REGISTRY}/${target}:v1`
    ])
    expect((JSON.parse(inspect.stdout) as { Digest: string }).Digest).toBe(top.digest)
  })
})

describe('bad references are refused before the build', () => {
  it.each([
    [
      { image: `${REGISTRY}/Acme/App` },
      /^::error::image: the repository 'Acme\/App' .* uppercase/m
    ],
    [
      { image: `${REGISTRY}/it/app`, tags: 'v1+build' },
      /^::error::tags: 'v1\+build' is not a valid tag/m
    ],
    [
      { image: `${REGISTRY}/it/app`, tags: 'x'.repeat(129) },
      /^::error::tags: 'x{129}' is not a valid tag/m
    ],
    [
      { image: 'http://registry.example.com/app' },
      /^::error::image: .* includes a URL scheme.*insecure-registry/m
    ]
  ])('%j', async (inputs, message) => {
    const run = await runAction(inputs, { workdir: await copyFixture('clock', EXAMPLES) })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(message)
    expect(run.log).not.toContain('Install Go')
  })
})
