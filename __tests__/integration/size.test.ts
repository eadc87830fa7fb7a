// Size report and gate against the real registry: byte arithmetic from pushed manifests, budgets just under and
// over, a baseline without zoneinfo compared with a build with it, a missing baseline, and the summary table.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { skopeo } from './commands.js'
import { copyFixture, EXAMPLES, runAction, tempDir } from './harness.js'
import { AUTH, AUTH_REGISTRY, REGISTRY, uniqueRepo } from './registries.js'

const base = { 'source-date-epoch': '1700000000' }

interface Manifest {
  config: { size: number }
  layers: { size: number; digest: string }[]
}

async function manifestOf(ref: string): Promise<Manifest> {
  const r = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${ref}`])
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Manifest
}

async function build(inputs: Record<string, string>) {
  return runAction({ ...base, ...inputs }, { workdir: await copyFixture('clock', EXAMPLES) })
}

type Sizes = Record<
  string,
  { size: number; configSize: number; layers: { name: string; size: number; digest: string }[] }
>

describe('size outputs', () => {
  it('equal the pushed manifest byte for byte, and the same build unpushed reports the same', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('size')}`
    const pushed = await build({ image: repo, tags: 'v1' })
    expect(pushed.code).toBe(0)
    const m = await manifestOf(`${repo}:v1`)
    const total = m.config.size + m.layers.reduce((n, l) => n + l.size, 0)
    expect(Number(pushed.outputs.size)).toBe(total)
    const sizes = JSON.parse(pushed.outputs.sizes!) as Sizes
    const amd = sizes['linux/amd64']!
    expect(amd.configSize).toBe(m.config.size)
    expect(amd.layers.map(l => [l.digest, l.size])).toEqual(m.layers.map(l => [l.digest, l.size]))
    expect(amd.layers.map(l => l.name)).toEqual([
      'certificates',
      'zoneinfo',
      'system',
      'home',
      'binary'
    ])

    const local = await build({ push: 'false', 'oci-layout': `${await tempDir()}/layout` })
    expect(local.outputs.sizes).toBe(pushed.outputs.sizes)
    expect(local.outputs.size).toBe(pushed.outputs.size)
    // The summary: a table per platform with exact bytes beside the human units.
    const zone = amd.layers.find(l => l.name === 'zoneinfo')!
    expect(pushed.summary).toContain('| layer | compressed | uncompressed | share |')
    expect(pushed.summary).toContain(`| zoneinfo | `)
    expect(pushed.summary).toContain(`(${zone.size.toLocaleString('en-US')} B)`)
    expect(pushed.summary).toContain(`Pushed \`${repo}@${pushed.outputs.digest}\` as \`v1\``)
  })
})

describe('max-size', () => {
  it('passes at exactly the size and fails one byte under it, naming the input, the platform and both sizes', async () => {
    const probe = await build({ push: 'false' })
    const size = Number(probe.outputs.size)
    const ok = await build({ push: 'false', 'max-size': String(size) })
    expect(ok.code).toBe(0)
    expect(ok.summary).toContain(`every platform is within max-size ${size}`)

    const repo = `${REGISTRY}/${uniqueRepo('over')}`
    const over = await build({ image: repo, tags: 'v1', 'max-size': String(size - 1) })
    expect(over.code).not.toBe(0)
    expect(over.stdout).toMatch(
      new RegExp(
        `::error::max-size: linux/amd64 is [\\d.]+ [KM]iB \\(${size} bytes\\), over the budget of ${size - 1} = ${size - 1} bytes by 1 bytes\\.`
      )
    )
    // Outputs and summary are still written, and nothing was pushed.
    expect(Number(over.outputs.size)).toBe(size)
    expect(over.summary).toContain(':x: max-size')
    expect((await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:v1`])).code).not.toBe(
      0
    )
  })
})

describe('compare-to', () => {
  let repo: string
  let baseSize: number

  beforeAll(async () => {
    repo = `${REGISTRY}/${uniqueRepo('baseline')}`
    const baseline = await build({ image: repo, tags: 'main', zoneinfo: 'false' })
    expect(baseline.code).toBe(0)
    baseSize = Number(baseline.outputs.size)
  })

  it('attributes the growth of a build with zoneinfo to the zoneinfo layer, without pushing', async () => {
    const run = await build({ push: 'false', 'compare-to': `${repo}:main` })
    expect(run.code).toBe(0)
    const size = Number(run.outputs.size)
    expect(Number(run.outputs['baseline-size'])).toBe(baseSize)
    expect(Number(run.outputs['size-delta'])).toBe(size - baseSize)
    expect(Number(run.outputs['size-delta-percent'])).toBe(
      Math.round((10000 * (size - baseSize)) / baseSize) / 100
    )
    const meta = JSON.parse(run.outputs.metadata!) as {
      comparisons: { layers: { name: string; old?: number; new?: number; delta: number }[] }[]
    }
    const layers = meta.comparisons[0]!.layers
    const zone = (JSON.parse(run.outputs.sizes!) as Sizes)['linux/amd64']!.layers.find(
      l => l.name === 'zoneinfo'
    )!
    expect(layers.find(l => l.name === 'zoneinfo')).toEqual({
      name: 'zoneinfo',
      new: zone.size,
      delta: zone.size
    })
    // Unchanged layers are unchanged; the rest of the growth is the config's longer diff_ids and history.
    for (const name of ['certificates', 'system', 'home', 'binary']) {
      expect(layers.find(l => l.name === name)?.delta).toBe(0)
    }
    expect(layers.reduce((n, l) => n + l.delta, 0)).toBe(size - baseSize)
    expect(run.summary).toContain(
      `against \`${repo}:main\`: +${(size - baseSize).toLocaleString('en-US')} bytes`
    )
    expect(run.summary).toMatch(
      new RegExp(`\\| zoneinfo \\| - \\| .* \\| \\+${zone.size} \\| new \\|`)
    )
  })

  it('fails growth over max-size-increase, naming the input and the zoneinfo layer', async () => {
    const run = await build({
      push: 'false',
      'compare-to': `${repo}:main`,
      'max-size-increase': '5%'
    })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      // The runner's command syntax escapes % as %25; the log shows the message unescaped.
      /::error::max-size-increase: linux\/amd64 grew by .* more than the 5%25 allowed \(\d+ bytes\); most of it in the zoneinfo layer/
    )
  })

  it('warns and passes when the baseline does not exist yet', async () => {
    const run = await build({
      push: 'false',
      'compare-to': `${repo}:no-such-branch`,
      'max-size-increase': '1%'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      `::warning::compare-to: ${repo}:no-such-branch does not exist yet, so there is nothing to compare with`
    )
    expect(run.outputs['baseline-size']).toBeUndefined()
  })

  it('mounts unchanged layers from the baseline repository when pushing to another', async () => {
    const target = `${REGISTRY}/${uniqueRepo('mounted')}`
    const run = await build({
      image: target,
      tags: 'v1',
      zoneinfo: 'false',
      'compare-to': `${repo}:main`
    })
    expect(run.code).toBe(0)
    expect(run.log).toMatch(/blobs: 0 uploaded, \d+ mounted, 0 already present/)
    expect(run.outputs['size-delta']).toBe('0')
  })
})

describe('a baseline behind credentials', () => {
  it('is read with registry-username/registry-password by a build that pushes nothing', async () => {
    const repo = `${AUTH_REGISTRY}/${uniqueRepo('private-base')}`
    const creds = { 'registry-username': AUTH.username, 'registry-password': AUTH.password }
    const baseline = await build({ ...creds, image: repo, tags: 'main' })
    expect(baseline.code).toBe(0)
    const run = await build({ ...creds, push: 'false', 'compare-to': `${repo}:main` })
    expect(run.code).toBe(0)
    expect(run.outputs['baseline-size']).toBe(baseline.outputs.size)
    expect(run.outputs['size-delta']).toBe('0')
    // Without them the registry refuses, and that is an error rather than a silent pass.
    const anonymous = await build({ push: 'false', 'compare-to': `${repo}:main` })
    expect(anonymous.code).not.toBe(0)
    expect(anonymous.stdout).toMatch(
      /^::error::registry-username\/registry-password: .* requires credentials/m
    )
  })
})
