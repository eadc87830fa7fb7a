// A matrix as Docker's "distribute build across multiple runners" recipe runs it: two legs (amd64, arm64) push by
// digest to the real registry, a third run merges their digest files into one tagged index, which Docker pulls and
// runs and skopeo reads for arm64; and the merges that must be refused.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { sh, skopeo } from './commands.js'
import { copyFixture, runAction, tempDir, type Run } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const SHA = '0123abcdef4567890123abcdef4567890123abcd'
// What a tag push of v1.4.2 gives the three jobs of one workflow run.
const ENV = { GITHUB_REF: 'refs/tags/v1.4.2', GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push' }
const base = { ldflags: '-X main.version={{.Version}}' }

let repo: string
/** The folder actions/download-artifact (merge-multiple) would fill with both legs' digest files. */
let digests: string
const legs: Record<string, Run> = {}
/** The merged index's digest, once the merge test has run. */
let merged = ''

interface Index {
  mediaType: string
  manifests: { digest: string; platform: { os: string; architecture: string } }[]
  annotations?: Record<string, string>
}

/** The image tags of a repository. */
async function tagsOf(name: string): Promise<string[]> {
  const r = await skopeo(['list-tags', '--tls-verify=false', `docker://${name}`])
  // distribution answers NAME_UNKNOWN for a repository that has no tag at all.
  if (r.code !== 0) return []
  // sha256-<hex> tags are the referrers tag schema: the SBOM each leg attaches to its manifest (this registry has
  // no referrers API); they name no image.
  return ((JSON.parse(r.stdout) as { Tags: string[] | null }).Tags ?? []).filter(
    t => !/^sha256-[0-9a-f]{64}$/.test(t)
  )
}

async function rawManifest(ref: string): Promise<string> {
  const r = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${ref}`])
  expect(r.code).toBe(0)
  return r.stdout
}

beforeAll(async () => {
  repo = `${REGISTRY}/${uniqueRepo('matrix')}`
  digests = path.join(await tempDir('gsi-artifacts-'), 'digests')
  await mkdir(digests)
  const workdir = await copyFixture('probe')
  // One after the other, as two runners would each run one (here they share a tool cache, so Go installs once).
  for (const arch of ['amd64', 'arm64']) {
    const run = await runAction(
      { ...base, image: repo, platforms: `linux/${arch}`, 'push-by-digest': 'true' },
      { workdir, env: ENV }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    legs[arch] = run
    // actions/upload-artifact of RUNNER_TEMP/digests/*, then download-artifact with merge-multiple: true.
    const file = run.outputs['digest-file']!
    await copyFile(file, path.join(digests, path.basename(file)))
  }
}, 600_000)

describe('matrix legs: push-by-digest', () => {
  it('pushes each platform untagged and names its digest file after the digest', async () => {
    for (const [arch, run] of Object.entries(legs)) {
      const digest = run.outputs.digest!
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(run.outputs.tags).toBe('')
      expect(run.outputs['image-ref']).toBe(`${repo}@${digest}`)
      const file = run.outputs['digest-file']!
      expect(path.basename(file)).toBe(digest.slice('sha256:'.length))
      expect(path.dirname(file)).toMatch(/\/temp\/digests$/)
      // The file holds the leg's size report, for the merge's uncompressed and binary sizes.
      const report = JSON.parse(await readFile(file, 'utf8')) as {
        digest: string
        sizes: { platform: string }[]
      }
      expect(report.digest).toBe(digest)
      expect(report.sizes.map(s => s.platform)).toEqual([`linux/${arch}`])
      // One platform: the digest is a manifest, and it is in the registry by digest only.
      const manifest = JSON.parse(await rawManifest(`${repo}@${digest}`)) as { mediaType: string }
      expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
      expect(run.summary).toContain('by digest, without a tag (push-by-digest)')
    }
    expect(await tagsOf(repo)).toEqual([])
    expect((await readdir(digests)).sort()).toEqual(
      Object.values(legs)
        .map(r => r.outputs.digest!.slice(7))
        .sort()
    )
  })
})

describe('merge-digests', () => {
  it('refuses what it cannot merge, naming the input and the value, and tags nothing', async () => {
    const workdir = await tempDir('gsi-merge-')
    const amd64 = legs.amd64!.outputs.digest!
    const arm64 = legs.arm64!.outputs.digest!
    const missing = `sha256:${'e'.repeat(64)}`
    const other = `${REGISTRY}/${uniqueRepo('other')}`
    const cases: [Record<string, string>, string][] = [
      [
        { image: repo, 'merge-digests': `${amd64}\n${missing}` },
        `merge-digests: ${missing} is not in ${repo}.`
      ],
      // The legs pushed to repo: in another repository their digests do not exist.
      [
        { image: other, 'merge-digests': digests },
        `merge-digests: ${amd64 < arm64 ? amd64 : arm64} is not in ${other}.`
      ],
      [
        { image: repo, 'merge-digests': digests, platforms: 'linux/amd64,linux/arm64' },
        `merge-digests: '${digests}' cannot go with platforms: 'linux/amd64,linux/arm64'`
      ],
      [
        { image: repo, 'merge-digests': `${amd64}\nsha256:1234` },
        "merge-digests: 'sha256:1234' is not a digest."
      ]
    ]
    for (const [inputs, message] of cases) {
      const run = await runAction(inputs, { workdir, env: ENV })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(`::error::${message}`)
      // Nothing was built: no Go was asked for.
      expect(run.log).not.toContain('Install Go')
    }
    expect(await tagsOf(repo)).toEqual([])
    expect(await tagsOf(other)).toEqual([])
  })

  it('merges the two legs into one tagged index that Docker runs for amd64 and skopeo reads for arm64', async () => {
    const workdir = await tempDir('gsi-merge-')
    const run = await runAction(
      { image: repo, 'merge-digests': digests, 'max-size': '20MiB' },
      { workdir, env: ENV }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).not.toContain('Install Go')
    const digest = run.outputs.digest!
    merged = digest
    expect(run.outputs.tags!.split('\n')).toEqual(['1.4.2', '1.4', '1', 'sha-0123abc', 'latest'])
    expect((await tagsOf(repo)).sort()).toEqual(['1', '1.4', '1.4.2', 'latest', 'sha-0123abc'])

    // The index lists exactly the legs' manifests, each under its platform, with the OCI annotations.
    const raw = await rawManifest(`${repo}:1.4.2`)
    const index = JSON.parse(raw) as Index
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(index.manifests.map(m => [m.platform.architecture, m.digest]).sort()).toEqual(
      Object.entries(legs)
        .map(([arch, r]) => [arch, r.outputs.digest!])
        .sort()
    )
    expect(index.annotations?.['org.opencontainers.image.version']).toBe('1.4.2')
    expect(index.annotations?.['org.opencontainers.image.revision']).toBe(SHA)
    expect(run.outputs['image-ref']).toBe(`${repo}@${digest}`)
    for (const tag of ['1', 'latest', 'sha-0123abc'])
      expect(await rawManifest(`${repo}:${tag}`)).toBe(raw)

    // Sizes per platform: compressed from the manifests, uncompressed and binary from the legs' reports.
    const sizes = JSON.parse(run.outputs.sizes!) as Record<
      string,
      { size: number; uncompressedSize: number; binarySize: number; layers: { name: string }[] }
    >
    expect(Object.keys(sizes).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    for (const [arch, leg] of Object.entries(legs)) {
      const mine = sizes[`linux/${arch}`]!
      expect(mine.size).toBe(Number(leg.outputs.size))
      expect(mine.uncompressedSize).toBe(Number(leg.outputs['uncompressed-size']))
      expect(mine.binarySize).toBe(Number(leg.outputs['binary-size']))
      expect(mine.layers.map(l => l.name)).toContain('binary')
    }
    expect(Number(run.outputs.size)).toBe(Math.max(...Object.values(sizes).map(s => s.size)))
    expect(run.summary).toContain('### linux/amd64')
    expect(run.summary).toContain('### linux/arm64')
    expect(run.summary).toContain('every platform is within max-size 20MiB')

    // Docker pulls the amd64 image from the index and runs it.
    expect((await sh('docker', ['pull', '-q', `${repo}:1.4.2`])).code).toBe(0)
    const ran = await sh('docker', ['run', '--rm', '--network', 'none', `${repo}:1.4.2`])
    expect(ran.stderr).toBe('')
    expect(ran.stdout).toContain('version v1.4.2')
    expect(ran.stdout).toContain('uid 65532 gid 65532')
    await sh('docker', ['rmi', `${repo}:1.4.2`])

    // skopeo, asked for arm64, resolves the arm64 leg through the index.
    const arm = await skopeo([
      'inspect',
      '--override-arch',
      'arm64',
      '--tls-verify=false',
      `docker://${repo}:latest`
    ])
    expect(arm.code).toBe(0)
    const info = JSON.parse(arm.stdout) as {
      Digest: string
      Architecture: string
      Os: string
      Layers: string[]
    }
    expect(info).toMatchObject({ Architecture: 'arm64', Os: 'linux', Digest: merged })
    // Its layers are those of the arm64 leg's manifest (skopeo names the index it came through).
    const leg = JSON.parse(await rawManifest(`${repo}@${legs.arm64!.outputs.digest!}`)) as {
      layers: { digest: string }[]
    }
    expect(info.Layers).toEqual(leg.layers.map(l => l.digest))
  })

  it('refuses a platform that appears twice (a leg and an index that holds it too)', async () => {
    const indexDigest = merged
    expect(indexDigest).toMatch(/^sha256:/)
    const amd64 = legs.amd64!.outputs.digest!
    const run = await runAction(
      { image: repo, 'merge-digests': `${amd64}\n${indexDigest}`, tags: 'twice' },
      { workdir: await tempDir('gsi-merge-'), env: ENV }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      `::error::merge-digests: linux/amd64 appears twice (${amd64} and ${indexDigest}).`
    )
    expect(await tagsOf(repo)).not.toContain('twice')
  })

  it('leaves latest on the newest release when an older line is released (tags-latest: auto)', async () => {
    const latest = await rawManifest(`${repo}:latest`)
    const run = await runAction(
      {
        image: repo,
        'merge-digests': digests,
        tags: 'type=semver,pattern={{version}}',
        // The same legs: the baseline is the same size, platform by platform.
        'compare-to': `${repo}:1.4.2`,
        'max-size-increase': '0%'
      },
      {
        workdir: await tempDir('gsi-merge-'),
        env: { ...ENV, GITHUB_REF: 'refs/tags/v1.3.9' }
      }
    )
    expect(run.code).toBe(0)
    expect(run.outputs.tags).toBe('1.3.9')
    expect(run.log).toContain(
      'tags-latest: auto: the repository already has 1.4.2, newer than v1.3.9; latest stays there.'
    )
    expect(await rawManifest(`${repo}:latest`)).toBe(latest)
    expect(run.outputs['size-delta']).toBe('0')
    expect(run.outputs['baseline-size']).toBe(run.outputs.size)
    expect(await tagsOf(repo)).toContain('1.3.9')
  })

  it('does not push an index over max-size, and says by how much in the outputs', async () => {
    const run = await runAction(
      { image: repo, 'merge-digests': digests, 'max-size': '100KB', tags: 'too-big' },
      { workdir: await tempDir('gsi-merge-'), env: ENV }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::max-size: linux\/(amd64|arm64) is /)
    expect(JSON.parse(run.outputs.sizes!)).toHaveProperty('linux/arm64')
    expect(await tagsOf(repo)).not.toContain('too-big')
  })
})
