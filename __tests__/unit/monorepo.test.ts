import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config.js'
import { runOptions } from '../../src/edge.js'
import { contextOf } from '../../src/github-context.js'
import { runGraph, stageOf, type Stage } from '../../src/pipeline/graph.js'
import { mergedStages, packageOptions } from '../../src/pipeline/monorepo.js'
import type { Logger } from '../../src/ports.js'
import type { MainTarget } from '../../src/images/targets.js'

const mains: MainTarget[] = [
  { pkg: './cmd/a', importPath: 'x/cmd/a', name: 'a' },
  { pkg: './cmd/b', importPath: 'x/cmd/b', name: 'b' }
]

const later = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

/** The outputs of the stages below, named as in the BUILD table. */
interface Outputs {
  preflight: void
  login: undefined
  mirrors: never[]
  goVersion: { spec: string; input: string }
  go: { version: string; goroot: string; goBin: string; env: Record<string, string> }
  goCache: void
  binaries: Map<string, unknown>
  gate: { sizes: never[]; failures: string[] }
  push: boolean
  attach: { registries: never[]; layout: never[] }
  tag: string[]
}

/**
 * The per-image stages' shape (the real names and needs around login, the compile, the gate and the push), each
 * recording when it runs.
 */
function image(name: string, events: string[], over = false): Stage<Record<string, unknown>>[] {
  const stage = stageOf<Outputs>()
  const span = async <T>(what: string, value: T): Promise<T> => {
    events.push(`${name} ${what} start`)
    await later()
    events.push(`${name} ${what} end`)
    return value
  }
  return [
    stage('preflight', [], { run: async () => void events.push('preflight again') }),
    stage('login', ['preflight'], { run: () => span('login', undefined) }),
    stage('mirrors', ['preflight'], { run: () => span('mirrors', []) }),
    stage('goVersion', ['login', 'mirrors'], {
      run: async () => (events.push('goVersion again'), { spec: '1', input: 'x' })
    }),
    stage('go', ['goVersion'], {
      run: async () => (events.push('go again'), { version: '', goroot: '', goBin: '', env: {} })
    }),
    stage('goCache', ['go'], { run: async () => void events.push('goCache again') }),
    stage('binaries', ['go', 'goCache'], { run: () => span('binaries', new Map()) }),
    stage('gate', ['binaries'], {
      title: 'Image size',
      run: () => span('gate', { sizes: [], failures: over ? [`${name} is too big`] : [] })
    }),
    stage('push', ['gate', 'login', 'mirrors', 'binaries'], {
      title: () => `Push ${name}`,
      run: async ({ gate }) => {
        events.push(`${name} push ${gate.failures.length ? 'refused by its gate' : 'pushed'}`)
        return !gate.failures.length
      }
    })
  ] as unknown as Stage<Record<string, unknown>>[]
}

const shared = {
  preflight: undefined,
  goVersion: { spec: '1.22', input: 'go-version' },
  go: { version: '1.22.5', goroot: '/go', goBin: '/go/bin/go', env: {} },
  goCache: undefined
}

function recordingLogger(groups: string[]): Logger {
  return {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined,
    group: (name, fn) => (groups.push(name), fn()),
    mask: () => undefined
  }
}

async function run(
  overB = false
): Promise<{ events: string[]; groups: string[]; out: Record<string, unknown> }> {
  const events: string[] = []
  const groups: string[] = []
  const stages = mergedStages(mains, [image('a', events), image('b', events, overB)], shared)
  const out = await runGraph(stages, { logger: recordingLogger(groups), clock: () => 0 })
  return { events, groups, out }
}

describe('mergedStages', () => {
  it('runs the shared stages once, from phase 1, and names each image’s stages after it', async () => {
    const { events, groups, out } = await run()
    expect(events.filter(e => e.endsWith(' again'))).toEqual([])
    expect(out.go).toBe(shared.go)
    expect(
      Object.keys(out)
        .filter(k => k.startsWith('a/'))
        .sort()
    ).toEqual(['a/binaries', 'a/gate', 'a/login', 'a/mirrors', 'a/push'])
    expect(groups).toEqual(expect.arrayContaining(['a: Image size', 'b: Push b', 'a: Push a']))
  })

  it('logs in to every image’s registries before any compile', async () => {
    const { events } = await run()
    const firstCompile = events.indexOf('a binaries start')
    for (const e of ['a login end', 'b login end', 'a mirrors end', 'b mirrors end'])
      expect(events.indexOf(e)).toBeLessThan(firstCompile)
  })

  it('compiles one package after another, and pushes in order', async () => {
    const { events } = await run()
    expect(events.indexOf('b binaries start')).toBeGreaterThan(events.indexOf('a binaries end'))
    expect(events.indexOf('b push pushed')).toBeGreaterThan(events.indexOf('a push pushed'))
  })

  it('pushes no image when another is over its budget', async () => {
    const { events, groups, out } = await run(true)
    expect(events).not.toContain('a push pushed')
    expect(out['a/push']).toBe(false)
    // b's own push stage says why it is not pushed, as a single image's does.
    expect(events).toContain('b push refused by its gate')
    expect(groups).not.toContain('a: Push a')
  })
})

describe('packageOptions', () => {
  const options = runOptions(
    parseConfig(
      name =>
        ({
          package: './cmd/...',
          image: 'ghcr.io/acme/{{.Name}}\ndocker.io/acme/{{.Name}}',
          'compare-to': 'ghcr.io/acme/{{.Name}}:main',
          'oci-layout': 'out'
        })[name] ?? '',
      { GITHUB_WORKSPACE: '/ws' }
    ),
    contextOf({}),
    {}
  )

  it('gives an image its package, name, repositories, baseline and layout folder', () => {
    const c = packageOptions(options, mains[1]!, true)
    expect(c).toMatchObject({
      build: { package: './cmd/b', packages: ['./cmd/b'], binaryName: 'b' },
      publish: {
        image: { registry: 'ghcr.io', repository: 'acme/b' },
        mirrors: [{ registry: 'docker.io', repository: 'acme/b' }],
        ociLayout: '/ws/out/b'
      },
      report: { compareTo: { registry: 'ghcr.io', repository: 'acme/b', tag: 'main' } }
    })
  })

  it('keeps the layout folder for a pattern that gives one package', () => {
    expect(packageOptions(options, mains[0]!, false).publish.ociLayout).toBe('/ws/out')
  })
})

describe('mergedStages: the tags', () => {
  /** An image's push, attach and tag stages, each recording when it runs; attach or tag fail when told. */
  function tagged(
    name: string,
    events: string[],
    fail: 'attach' | 'tag' | '' = ''
  ): Stage<Record<string, unknown>>[] {
    const stage = stageOf<Outputs>()
    const span = async <T>(what: string, value: T): Promise<T> => {
      events.push(`${name} ${what} start`)
      await later()
      if (fail === what) throw new Error(`${what} of ${name} failed.`)
      events.push(`${name} ${what} end`)
      return value
    }
    return [
      stage('gate', [], { run: async () => ({ sizes: [], failures: [] }) }),
      stage('push', ['gate'], { run: () => span('push', true) }),
      stage('attach', ['push'], { run: () => span('attach', { registries: [], layout: [] }) }),
      stage('tag', ['push', 'attach'], { run: () => span('tag', ['v1']) })
    ] as unknown as Stage<Record<string, unknown>>[]
  }

  const runTagged = async (fail: { a?: 'attach' | 'tag'; b?: 'attach' | 'tag' } = {}) => {
    const events: string[] = []
    const stages = mergedStages(
      mains,
      [tagged('a', events, fail.a), tagged('b', events, fail.b)],
      shared
    )
    const outcome = await runGraph(stages, { logger: recordingLogger([]), clock: () => 0 }).then(
      () => undefined,
      (e: unknown) => e as Error
    )
    return { events, outcome }
  }

  it('tags no image before every image has its referrers, then one image after another', async () => {
    const { events, outcome } = await runTagged()
    expect(outcome).toBeUndefined()
    const firstTag = events.findIndex(e => e.endsWith(' tag start'))
    for (const e of ['a attach end', 'b attach end'])
      expect(events.indexOf(e)).toBeLessThan(firstTag)
    expect(events.indexOf('b tag start')).toBeGreaterThan(events.indexOf('a tag end'))
  })

  it('tags nothing when one image’s referrers cannot be attached', async () => {
    const { events, outcome } = await runTagged({ b: 'attach' })
    expect(outcome?.message).toBe('attach of b failed.')
    expect(events.filter(e => e.includes(' tag '))).toEqual([])
  })

  it('names the images already tagged when a later one’s tags fail', async () => {
    const { outcome } = await runTagged({ b: 'tag' })
    expect(outcome?.message).toBe('b: tag of b failed. The images before it are tagged: a.')
  })
})
