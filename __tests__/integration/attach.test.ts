// End to end: the attach stage of dist/index.js hands the SBOM to the referrer writer after the push, for the
// real registry (the sha256-<hex> tag schema) and the OCI layout; nothing to a registry when nothing is pushed;
// a registry that refuses artifact manifests fails the step saying the image itself was pushed.
import { beforeEach, describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { referrersTag, type Descriptor } from '../../src/oci/artifact.js'
import { skopeo } from './commands.js'
import { copyFixture, runAction, tempDir } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'
import { hasTag, layoutEntries, rawManifest, refusingProxy } from './referrers-harness.js'

describe('the action: the attach stage after the push', () => {
  let toolCache: string
  // Each run on a tool cache of its own, as on a fresh runner: Go installed from the mirror, every layer compressed.
  beforeEach(async () => {
    toolCache = await tempDir('gsi-toolcache-')
  })
  const base = {
    package: 'hello.go',
    sbom: 'spdx',
    provenance: 'false',
    cache: 'false'
  }
  const spdx = 'application/spdx+json'

  it('attaches the SBOM to the pushed digest (tag schema) and to the OCI layout', async () => {
    const workdir = await copyFixture('single')
    const repo = uniqueRepo('attach')
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction(
      { ...base, image: `${REGISTRY}/${repo}`, tags: 'v1', 'oci-layout': layout },
      { workdir, toolCache }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    const digest = run.outputs.digest!
    const index = (await rawManifest(`docker://${REGISTRY}/${repo}:${referrersTag(digest)}`)) as {
      manifests: Descriptor[]
    }
    // The SBOM, and the size report (issue 14) beside it: each once.
    expect(index.manifests.filter(d => d.artifactType === spdx).length).toBe(1)
    const entry = index.manifests.find(d => d.artifactType === spdx)!
    const sbom = (await rawManifest(`docker://${REGISTRY}/${repo}@${entry.digest}`)) as {
      subject: Descriptor
      annotations: Record<string, string>
      layers: Descriptor[]
    }
    expect(sbom.subject.digest).toBe(digest)
    expect(sbom.layers.map(l => l.mediaType)).toEqual([spdx])
    expect(sbom.annotations['org.opencontainers.image.created']).toBe('1970-01-01T00:00:00Z')
    // The same artifacts in the layout, untagged entries beside the tagged image, which skopeo still reads by
    // its tag.
    const entries = await layoutEntries(layout)
    const refName = (d: Descriptor) => d.annotations?.['org.opencontainers.image.ref.name']
    expect(entries.map(refName)).toEqual(['v1', ...index.manifests.map(() => undefined)])
    expect(entries.slice(1).map(d => d.digest)).toEqual(index.manifests.map(d => d.digest))
    const inspected = await skopeo(['inspect', `oci:${layout}:v1`])
    expect((JSON.parse(inspected.stdout) as { Digest: string }).Digest).toBe(digest)
  })

  it('attaches nothing to the registry when the gate stops the push, but the layout gets the SBOM', async () => {
    const workdir = await copyFixture('single')
    const repo = uniqueRepo('gated')
    const layout = path.join(await tempDir(), 'layout')
    const run = await runAction(
      {
        ...base,
        image: `${REGISTRY}/${repo}`,
        tags: 'v1',
        'oci-layout': layout,
        'max-size': '1KB'
      },
      { workdir, toolCache }
    )
    expect(run.code).not.toBe(0)
    expect(run.log).toContain('Not attached to a registry: nothing was pushed')
    const tag = referrersTag(run.outputs.digest!)
    expect(await hasTag(repo, tag)).toBe(false)
    const entries = await layoutEntries(layout)
    expect(entries[0]!.artifactType).toBeUndefined()
    expect(entries.map(d => d.artifactType)).toContain(spdx)
  })

  it('fails when the registry refuses the SBOM, saying the image was pushed and what is missing, and tags nothing', async () => {
    const proxy = await refusingProxy(REGISTRY)
    try {
      const workdir = await copyFixture('single')
      const repo = uniqueRepo('refused-e2e')
      const run = await runAction(
        { ...base, image: `${proxy.host}/${repo}`, tags: 'v1\nlatest' },
        { workdir, toolCache }
      )
      expect(run.code).not.toBe(0)
      const said = new RegExp(
        `::error::The image was pushed by digest \\(${proxy.host.replace(/\./g, '\\.')}/${repo}@(sha256:[0-9a-f]{64})\\), but \\d+ artifact\\(s\\) were not attached to it, so none of its tags \\(v1, latest\\) was written:`
      ).exec(run.log)
      expect(said).not.toBeNull()
      const digest = said![1]!
      // As it says: the registry itself holds the image by that digest, and no tag at all.
      const direct = await skopeo([
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${REGISTRY}/${repo}@${digest}`
      ])
      expect(direct.code).toBe(0)
      const tags = await skopeo(['list-tags', '--tls-verify=false', `docker://${REGISTRY}/${repo}`])
      const listed =
        tags.code === 0 ? ((JSON.parse(tags.stdout) as { Tags: string[] }).Tags ?? []) : []
      expect(listed).toEqual([])
      expect(run.log).toContain(`  - ${spdx} (sha256:`)
      expect(run.log).toContain('HTTP 400 (MANIFEST_INVALID: manifest invalid)')
    } finally {
      await proxy.close()
    }
  })
})
