// The contract of every mode's stage graph: the tags are written by one stage, after the push by digest and after every stage that makes or stores a referrer (SBOM, provenance, size report, the -debug images), for each image and each registry of the run, so a failure before the tags leaves nothing tagged.
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config.js'
import { runOptions } from '../../src/edge.js'
import { contextOf } from '../../src/github-context.js'
import type { MainTarget } from '../../src/images/targets.js'
import { mergeStages } from '../../src/merge/index-push.js'
import type { LayerCompressor } from '../../src/oci/layer-compressor.js'
import type { Deps } from '../../src/pipeline/deps.js'
import type { Stage } from '../../src/pipeline/graph.js'
import { mergedStages, packageOptions } from '../../src/pipeline/monorepo.js'
import { pipelineStages, type Outputs } from '../../src/pipeline/stages.js'
import { fakeLogger } from './helpers.js'

const D1 = `sha256:${'1'.repeat(64)}`
const D2 = `sha256:${'2'.repeat(64)}`
/** A job that can mint an OIDC token, so provenance: true parses. */
const OIDC = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x'
}
const RELEASE = { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_NAME: 'push' }

/** What a stage that writes tags must come after: every stage of the graph that exists for it. */
const BEFORE = [
  'push',
  'attach',
  'sbom',
  'report',
  'signed',
  'provenance',
  'attestation',
  'debugImages',
  'debugPush'
]

type AnyStage = Pick<Stage<Record<string, unknown>>, 'name' | 'needs'>

/** Every stage name reached through needs, from name. */
function ancestors(stages: readonly AnyStage[], name: string): Set<string> {
  const byName = new Map(stages.map(s => [s.name as string, s]))
  const seen = new Set<string>()
  const visit = (n: string): void => {
    for (const need of byName.get(n)?.needs ?? []) {
      if (seen.has(need)) continue
      seen.add(need)
      visit(need)
    }
  }
  visit(name)
  return seen
}

function config(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const all: Record<string, string> = { image: '127.0.0.1:5000/acme/app', ...inputs }
  const vars = { GITHUB_WORKSPACE: '/ws', ...RELEASE, ...OIDC, ...env }
  return runOptions(
    parseConfig(n => all[n] ?? '', vars),
    contextOf(vars),
    vars
  )
}

const deps = {
  logger: fakeLogger(),
  env: { ...RELEASE, ...OIDC },
  tempDir: '/tmp/gsi-tag-order',
  toolCacheDir: '/tmp/gsi-tag-order-cache',
  compressor: {} as LayerCompressor,
  parallelism: 2,
  nodeArch: 'x64'
} as unknown as Deps
const plan = { tags: ['1.2.3', '1.2', '1', 'latest'] }

describe('the tags come after every referrer', () => {
  it.each<[string, Record<string, string>]>([
    ['one platform', {}],
    ['several platforms (an index)', { platforms: 'linux/amd64,linux/arm64' }],
    ['several registries', { image: '127.0.0.1:5000/acme/app\n127.0.0.1:5001/acme/app' }],
    ['provenance: true', { provenance: 'true' }],
    ['debug images (TAG-debug)', { debug: 'true' }],
    ['cgo', { cgo: 'static' }],
    ['the Dockerfile built with Docker', { builder: 'docker' }]
  ])('%s', (_, inputs) => {
    const stages = pipelineStages(config(inputs), deps, plan)
    const names = stages.map(s => s.name as string)
    const before = ancestors(stages, 'tag')
    for (const n of BEFORE) {
      expect(names).toContain(n)
      expect([n, before.has(n)]).toEqual([n, true])
    }
    // Nothing waits for the tags: they are the run's last write.
    expect(stages.filter(s => (s.needs as string[]).includes('tag'))).toEqual([])
  })

  it('monorepo images: no image is tagged before every image has its referrers, and they are tagged in turn', () => {
    const mains: MainTarget[] = ['a', 'b', 'c'].map(n => ({
      pkg: `./cmd/${n}`,
      importPath: `x/cmd/${n}`,
      name: n
    }))
    const base = config({ package: './cmd/...', image: '127.0.0.1:5000/acme/{{.Name}}' })
    const perImage = mains.map(m => pipelineStages(packageOptions(base, m, true), deps, plan))
    const shared = {} as Pick<Outputs, 'preflight' | 'goVersion' | 'go' | 'goCache'>
    const stages = mergedStages(mains, perImage, shared)
    for (const m of mains) {
      const before = ancestors(stages, `${m.name}/tag`)
      for (const other of mains) {
        for (const n of BEFORE) {
          const name = `${other.name}/${n}`
          expect([name, before.has(name)]).toEqual([name, true])
        }
      }
    }
    expect(ancestors(stages, 'c/tag').has('b/tag')).toBe(true)
    expect(ancestors(stages, 'b/tag').has('a/tag')).toBe(true)
    // Only a later image's tags wait for an image's tags.
    const after = stages.filter(s => s.needs.some(n => n.endsWith('/tag')))
    expect(after.map(s => s.name)).toEqual(['b/tag', 'c/tag'])
  })

  it('merge-digests: the index by digest, then the tags in a stage of their own', () => {
    const stages = mergeStages(config({ 'merge-digests': `${D1}\n${D2}` }), deps, plan)
    const before = ancestors(stages as unknown as AnyStage[], 'tag')
    expect(before.has('push')).toBe(true)
    expect(before.has('index')).toBe(true)
  })
})
