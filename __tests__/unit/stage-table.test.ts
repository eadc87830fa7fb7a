// The contract of the stage table (src/pipeline/stages.ts): each mode's graph as the engine runs it, its edges
// (needs: data; after: ordering only) and its cut points, pinned by a snapshot; and, by name, the orderings the
// action's promises rest on, so that updating the snapshot cannot hide them: the OCI layout is written before
// anything is attached to it, the SBOM is signed, the gate decides the push, the tags come after every referrer.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../../src/config.js'
import { runOptions } from '../../src/edge.js'
import { contextOf } from '../../src/github-context.js'
import type { MainTarget } from '../../src/images/targets.js'
import type { LayerCompressor } from '../../src/oci/layer-compressor.js'
import { buildGraph, mergeGraph } from '../../src/pipeline/bodies.js'
import type { Deps } from '../../src/pipeline/deps.js'
import { cutPoints, liveStages, type Stage } from '../../src/pipeline/graph.js'
import { firstGraph, mergedStages, packageOptions } from '../../src/pipeline/monorepo.js'
import { BUILD, MERGE, type Table } from '../../src/pipeline/stages.js'
import { fakeLogger } from './helpers.js'

const D1 = `sha256:${'1'.repeat(64)}`
const D2 = `sha256:${'2'.repeat(64)}`
/** A release push in a job that can mint an OIDC token, as a release workflow runs. */
const ENV = {
  GITHUB_WORKSPACE: '/ws',
  GITHUB_REF: 'refs/tags/v1.2.3',
  GITHUB_EVENT_NAME: 'push',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x'
}
const deps = {
  logger: fakeLogger(),
  env: ENV,
  tempDir: '/tmp/gsi-stage-table',
  toolCacheDir: '/tmp/gsi-stage-table-cache',
  parallelism: 2,
  nodeArch: 'x64'
} as unknown as Deps
/** The graphs are built here, never run. */
const compressor = { key: () => 'unit', warm: () => undefined } as unknown as LayerCompressor
const plan = { tags: ['1.2.3', '1.2', '1', 'latest'] }

type AnyStage = Stage<Record<string, unknown>>

function options(inputs: Record<string, string>) {
  const all: Record<string, string> = { image: '127.0.0.1:5000/acme/app', ...inputs }
  return runOptions(
    parseConfig(n => all[n] ?? '', ENV),
    contextOf(ENV),
    ENV
  )
}

/** A graph as text: a line per stage (its needs, then what it comes after), then its cut points. */
function drawn(stages: readonly AnyStage[]): string {
  const lines = stages.map(s => {
    const after = s.after?.length ? `; after ${s.after.join(', ')}` : ''
    return `${s.name} <- ${s.needs.join(', ') || '(nothing)'}${after}`
  })
  const live = [...liveStages(stages)].join(', ')
  return [...lines, `cut points: ${[...cutPoints(stages)].join(', ')}`, `live: ${live}`].join('\n')
}

/** Every stage reached from name through needs and after. */
function before(stages: readonly AnyStage[], name: string): Set<string> {
  const byName = new Map(stages.map(s => [s.name, s]))
  const seen = new Set<string>()
  const visit = (n: string): void => {
    const s = byName.get(n)
    for (const m of [...(s?.needs ?? []), ...(s?.after ?? [])]) {
      if (seen.has(m)) continue
      seen.add(m)
      visit(m)
    }
  }
  visit(name)
  return seen
}

/** The one-image modes: the inputs that turn each part of the action on or off. */
const MODES: [string, Record<string, string>][] = [
  ['one image', {}],
  ['cgo', { cgo: 'dynamic' }],
  ['debug', { debug: 'true' }],
  ['SBOM off', { sbom: 'none' }],
  ['provenance off', { provenance: 'false' }],
  [
    'report: compare-to and the comment',
    { 'compare-to': '127.0.0.1:5000/acme/app:main', comment: 'true' }
  ],
  ['builder: docker', { builder: 'docker' }],
  ['oci-layout and load', { 'oci-layout': 'out', load: 'true' }],
  ['vulnerabilities: off', { vulnerabilities: 'off' }],
  ['vulnerabilities: fail', { vulnerabilities: 'fail' }]
]

const mains: MainTarget[] = ['a', 'b'].map(n => ({
  pkg: `./cmd/${n}`,
  importPath: `x/cmd/${n}`,
  name: n
}))
const monorepo = options({
  package: './cmd/...',
  image: '127.0.0.1:5000/acme/{{.Name}}',
  'oci-layout': 'out'
})
const monorepoStages = mergedStages(
  mains,
  mains.map(m => buildGraph(packageOptions(monorepo, m, true), deps, plan, compressor)),
  {}
)

describe('the stage table', () => {
  it.each(MODES)('%s: edges and cut points', (_, inputs) => {
    expect(drawn(buildGraph(options(inputs), deps, plan, compressor))).toMatchSnapshot()
  })

  it('monorepo: the run graph, then every image side by side', () => {
    expect(drawn(firstGraph(monorepo, deps, plan, compressor))).toMatchSnapshot()
    expect(drawn(monorepoStages)).toMatchSnapshot()
  })

  it('merge-digests: edges and cut points', () => {
    const merge = options({ 'merge-digests': `${D1}\n${D2}` })
    expect(drawn(mergeGraph(merge, deps, plan))).toMatchSnapshot()
  })

  it('is drawn as it stands in docs/architecture.md (scripts/stage-graph.mjs --check)', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
    const check = (): string =>
      execFileSync(process.execPath, ['scripts/stage-graph.mjs', '--check'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe'
      })
    expect(check).not.toThrow()
  })

  it('gives a reason for every edge that carries no data, and names only stages of its table', () => {
    for (const table of [BUILD, MERGE] as Table[]) {
      for (const [name, row] of Object.entries(table)) {
        for (const n of [...row.needs, ...Object.keys(row.after ?? {})])
          expect([name, n, n in table]).toEqual([name, n, true])
        for (const [n, why] of Object.entries(row.after ?? {})) {
          expect([name, n, why.length > 20]).toEqual([name, n, true])
          expect([name, n, row.needs.includes(n)]).toEqual([name, n, false])
        }
      }
    }
  })
})

describe('the orderings the action promises', () => {
  const layout = buildGraph(options({ 'oci-layout': 'out' }), deps, plan, compressor)
  const debug = buildGraph(options({ debug: 'true', 'oci-layout': 'out' }), deps, plan, compressor)

  it("writes the OCI layout before anything is attached to it: both write the layout's index.json", () => {
    expect(before(layout, 'attach').has('layout')).toBe(true)
    expect(before(monorepoStages, 'a/attach').has('a/layout')).toBe(true)
  })

  it('signs the SBOMs with the provenance: signing waits for the SBOM stage', () => {
    expect(before(layout, 'signed').has('sbom')).toBe(true)
  })

  it('pushes nothing the gate has not passed', () => {
    for (const graph of [layout, debug]) expect(before(graph, 'push').has('gate')).toBe(true)
    expect(before(debug, 'debugPush').has('gate')).toBe(true)
    // Every image's gate, in a run of several: the images are pushed all or none.
    for (const m of mains)
      expect([...before(monorepoStages, `${m.name}/push`)]).toEqual(
        expect.arrayContaining(['a/gate', 'b/gate'])
      )
    const merge = mergeGraph(options({ 'merge-digests': `${D1}\n${D2}` }), deps, plan)
    expect(before(merge, 'push').has('gate')).toBe(true)
  })

  it('checks the binaries for known vulnerabilities before the gate, so a reachable one (fail) pushes nothing', () => {
    const fail = buildGraph(options({ vulnerabilities: 'fail' }), deps, plan, compressor)
    for (const graph of [layout, fail]) {
      expect(before(graph, 'gate').has('vulns')).toBe(true)
      expect(before(graph, 'push').has('vulns')).toBe(true)
      expect([...before(graph, 'vulns')]).toEqual(expect.arrayContaining(['binaries', 'vulnDb']))
      // The SBOM and the size report carry the findings.
      expect(before(graph, 'sbom').has('vulns')).toBe(true)
      expect(before(graph, 'sizeReport').has('vulns')).toBe(true)
    }
    // The database: after the checks of the inputs, once for the whole run (a monorepo's images share it).
    expect(before(layout, 'vulnDb').has('preflight')).toBe(true)
    expect(monorepoStages.map(s => s.name)).not.toContain('a/vulnDb')
    expect(drawn(firstGraph(monorepo, deps, plan, compressor))).toMatch(/^vulnDb <- /m)
    // off: nothing is looked up, nothing fetched.
    const off = buildGraph(options({ vulnerabilities: 'off' }), deps, plan, compressor)
    expect(off.map(s => s.name).filter(n => n.startsWith('vuln'))).toEqual([])
  })

  it('tags last: after the push and every referrer, in every registry and every image', () => {
    const referrers = ['push', 'attach', 'sbom', 'report', 'signed', 'provenance', 'attestation']
    for (const n of referrers) expect([n, before(layout, 'tag').has(n)]).toEqual([n, true])
    for (const n of [...referrers, 'debugImages', 'debugPush'])
      expect([n, before(debug, 'tag').has(n)]).toEqual([n, true])
    for (const m of mains)
      for (const other of mains)
        for (const n of referrers)
          expect(before(monorepoStages, `${m.name}/tag`).has(`${other.name}/${n}`)).toBe(true)
  })
})

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
/** Those of them every graph of these inputs has (the SBOM and provenance are on by default). */
const ALWAYS = ['push', 'attach', 'sbom', 'report', 'signed', 'provenance', 'attestation']

describe('the tags come after every referrer', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['one platform', {}, []],
    ['several platforms (an index)', { platforms: 'linux/amd64,linux/arm64' }, []],
    ['several registries', { image: '127.0.0.1:5000/acme/app\n127.0.0.1:5001/acme/app' }, []],
    ['provenance: true', { provenance: 'true' }, []],
    ['debug images (TAG-debug)', { debug: 'true' }, ['debugImages', 'debugPush']],
    ['cgo', { cgo: 'static' }, []],
    ['the Dockerfile built with Docker', { builder: 'docker' }, []]
  ])('%s', (_, inputs, more) => {
    const stages = buildGraph(options(inputs), deps, plan, compressor)
    const names = stages.map(s => s.name)
    const tagAfter = before(stages, 'tag')
    // The graph has every stage these inputs ask for; each of BEFORE it has comes before the tags.
    for (const n of [...ALWAYS, ...more]) expect(names).toContain(n)
    for (const n of BEFORE.filter(n => names.includes(n)))
      expect([n, tagAfter.has(n)]).toEqual([n, true])
    // Nothing waits for the tags: they are the run's last write.
    expect(stages.filter(s => [...s.needs, ...(s.after ?? [])].includes('tag'))).toEqual([])
  })

  it('monorepo images: no image is tagged before every image has its referrers, and they are tagged in turn', () => {
    const three: MainTarget[] = ['a', 'b', 'c'].map(n => ({
      pkg: `./cmd/${n}`,
      importPath: `x/cmd/${n}`,
      name: n
    }))
    const base = options({ package: './cmd/...', image: '127.0.0.1:5000/acme/{{.Name}}' })
    const perImage = three.map(m =>
      buildGraph(packageOptions(base, m, true), deps, plan, compressor)
    )
    const stages = mergedStages(three, perImage, {})
    const names = perImage[0]!.map(s => s.name)
    for (const m of three) {
      const tagAfter = before(stages, `${m.name}/tag`)
      for (const other of three) {
        for (const n of BEFORE.filter(n => names.includes(n))) {
          const name = `${other.name}/${n}`
          expect([name, tagAfter.has(name)]).toEqual([name, true])
        }
      }
    }
    expect(before(stages, 'c/tag').has('b/tag')).toBe(true)
    expect(before(stages, 'b/tag').has('a/tag')).toBe(true)
    // Only a later image's tags wait for an image's tags.
    const after = stages.filter(s => [...s.needs, ...(s.after ?? [])].some(n => n.endsWith('/tag')))
    expect(after.map(s => s.name)).toEqual(['b/tag', 'c/tag'])
  })

  it('merge-digests: the index by digest, then the tags in a stage of their own', () => {
    const stages = mergeGraph(options({ 'merge-digests': `${D1}\n${D2}` }), deps, plan)
    const tagAfter = before(stages, 'tag')
    expect(tagAfter.has('push')).toBe(true)
    expect(tagAfter.has('index')).toBe(true)
  })
})
