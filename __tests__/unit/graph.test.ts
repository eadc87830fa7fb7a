// The stage graph over fake stages and a fake clock: what runs at once, what waits, what a failure stops, and what
// the log looks like (whole groups, durations from the clock, live groups only for stages that run alone).
import { describe, expect, it } from '@jest/globals'
import { cutPoints, liveStages, runGraph, stageOf, type Stage } from '../../src/pipeline/graph.js'
import { stageLogger } from '../../src/pipeline/log-sections.js'
import { mapConcurrent } from '../../src/compile/binaries.js'
import type { Logger } from '../../src/ports.js'

/** A promise the test resolves or rejects when it chooses. */
function deferred<T = void>(): {
  promise: Promise<T>
  resolve: (v: T) => void
  reject: (e: Error) => void
} {
  let resolve!: (v: T) => void
  let reject!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

/** Lets every pending callback run, so what can start has started. */
const settle = (): Promise<void> => new Promise(r => setImmediate(r))

/** A logger that records the log as a GitHub Actions log reads: group starts and ends, lines, warnings. */
function recordingLogger(): Logger & { log: string[] } {
  const log: string[] = []
  let open: string | undefined
  return {
    log,
    info: m => void log.push(m),
    debug: m => void log.push(`debug: ${m}`),
    warning: m => void log.push(`warning: ${m}`),
    mask: s => void log.push(`mask ${s}`),
    async group(name, fn) {
      // The runner's log cannot nest or overlap groups: fail the test if the graph tries.
      if (open !== undefined) throw new Error(`group "${name}" opened inside "${open}"`)
      open = name
      log.push(`::group::${name}`)
      try {
        return await fn()
      } finally {
        log.push('::endgroup::')
        open = undefined
      }
    }
  }
}

/** A fake clock the test moves by hand. */
function fakeClock(): { clock: () => number; advance: (ms: number) => void } {
  let now = 1_000_000
  return { clock: () => now, advance: ms => void (now += ms) }
}

interface Out {
  root: string
  a: number
  b: number
  c: string
}
const stage = stageOf<Out>()

describe('runGraph', () => {
  it('runs stages concurrently where declared and in order where depended', async () => {
    const events: string[] = []
    const gates = { root: deferred(), a: deferred(), b: deferred(), c: deferred() }
    let seen: unknown
    const stages = [
      stage('root', [], {
        run: async () => (events.push('start root'), await gates.root.promise, 'r')
      }),
      stage('a', ['root'], {
        run: async ({ root }) => (events.push(`start a(${root})`), await gates.a.promise, 1)
      }),
      stage('b', ['root'], {
        run: async ({ root }) => (events.push(`start b(${root})`), await gates.b.promise, 2)
      }),
      stage('c', ['a', 'b'], {
        run: async got => {
          seen = got
          events.push('start c')
          await gates.c.promise
          return `${got.a}+${got.b}`
        }
      })
    ]
    const { clock } = fakeClock()
    const result = runGraph(stages, { logger: recordingLogger(), clock })

    await settle()
    expect(events).toEqual(['start root'])
    gates.root.resolve()
    await settle()
    // a and b need only root: both are running at once.
    expect(events).toEqual(['start root', 'start a(r)', 'start b(r)'])
    gates.b.resolve()
    await settle()
    // c needs a too, which has not finished.
    expect(events).toEqual(['start root', 'start a(r)', 'start b(r)'])
    gates.a.resolve()
    await settle()
    expect(events).toEqual(['start root', 'start a(r)', 'start b(r)', 'start c'])
    // A stage gets exactly what it declared it needs.
    expect(seen).toEqual({ a: 1, b: 2 })
    gates.c.resolve()
    await expect(result).resolves.toEqual({ root: 'r', a: 1, b: 2, c: '1+2' })
  })

  it('stops what depends on a failed stage, waits for what is running, and throws the first error', async () => {
    const events: string[] = []
    const slow = deferred()
    const stages = [
      stage('root', [], { run: async () => 'r' }),
      stage('a', ['root'], {
        run: async () => {
          events.push('start a')
          throw new Error('a broke: the fix is in the message')
        }
      }),
      stage('b', ['root'], {
        run: async () => (events.push('start b'), await slow.promise, events.push('end b'), 2)
      }),
      stage('c', ['a', 'b'], { run: async () => (events.push('start c'), 'c') })
    ]
    let outcome: string | undefined
    const result = runGraph(stages, { logger: recordingLogger() }).then(
      () => (outcome = 'resolved'),
      (e: Error) => (outcome = e.message)
    )
    await settle()
    // a has failed, b is still running: the graph waits for it before it throws.
    expect(outcome).toBeUndefined()
    slow.resolve()
    await result
    expect(outcome).toBe('a broke: the fix is in the message')
    expect(events).toEqual(['start a', 'start b', 'end b'])
  })

  it('starts nothing new after a failure, even a stage that does not depend on the failed one', async () => {
    const events: string[] = []
    const b = deferred()
    const stages = [
      stage('a', [], { run: async () => Promise.reject(new Error('no')) }),
      stage('b', [], { run: async () => (await b.promise, 2) }),
      stage('root', ['b'], { run: async () => (events.push('start root'), 'r') })
    ]
    const result = runGraph(stages, { logger: recordingLogger() })
    await settle()
    b.resolve()
    await expect(result).rejects.toThrow('no')
    expect(events).toEqual([])
  })

  it('writes each group whole when its stage ends, closed by its duration from the clock', async () => {
    const logger = recordingLogger()
    const { clock, advance } = fakeClock()
    const gates = { a: deferred(), b: deferred() }
    const stages = [
      stage('root', [], { run: async () => 'r' }),
      stage('a', ['root'], {
        title: 'Stage A',
        run: async (_got, log) => {
          log.info('a: one')
          await gates.a.promise
          log.info('a: two')
          return 1
        }
      }),
      stage('b', ['root'], {
        title: ({ root }) => `Stage B of ${root}`,
        run: async (_got, log) => {
          log.info('b: one')
          log.warning('b is careful')
          await gates.b.promise
          log.info('b: two')
          return 2
        }
      }),
      stage('c', ['a', 'b'], { title: () => undefined, run: async () => 'c' })
    ]
    const result = runGraph(stages, { logger, clock })
    await settle()
    // Warnings are not held back; the lines of running stages are.
    expect(logger.log).toEqual(['warning: b is careful'])
    advance(1500)
    gates.b.resolve()
    await settle()
    advance(250)
    gates.a.resolve()
    await result
    expect(logger.log).toEqual([
      'warning: b is careful',
      '::group::Stage B of r',
      'b: one',
      'b: two',
      'Stage B of r: done in 1.50 s',
      '::endgroup::',
      '::group::Stage A',
      'a: one',
      'a: two',
      'Stage A: done in 1.75 s',
      '::endgroup::'
    ])
  })

  it('streams the group of a stage that runs alone, opened before its work starts', async () => {
    const logger = recordingLogger()
    const { clock, advance } = fakeClock()
    const gate = deferred()
    const stages = [
      stage('root', [], {
        title: 'Log in',
        run: async (_got, log) => {
          log.info('pinging')
          await gate.promise
          advance(20)
          return 'r'
        }
      }),
      stage('a', ['root'], { title: 'A', run: async () => 1 })
    ]
    const result = runGraph(stages, { logger, clock })
    await settle()
    expect(logger.log).toEqual(['::group::Log in', 'pinging'])
    gate.resolve()
    await result
    expect(logger.log).toEqual([
      '::group::Log in',
      'pinging',
      'Log in: done in 0.02 s',
      '::endgroup::',
      '::group::A',
      'A: done in 0.00 s',
      '::endgroup::'
    ])
  })

  it('closes the group of a failed stage with the time it took', async () => {
    const logger = recordingLogger()
    const { clock, advance } = fakeClock()
    const stages = [
      stage('root', [], {
        title: 'Push',
        run: async (_got, log) => {
          log.info('uploading')
          advance(3000)
          throw new Error('refused')
        }
      })
    ]
    await expect(runGraph(stages, { logger, clock })).rejects.toThrow('refused')
    expect(logger.log).toEqual([
      '::group::Push',
      'uploading',
      'Push: failed after 3.00 s',
      '::endgroup::'
    ])
  })

  it('gives sub-tasks of a silent stage groups of their own, and folds them into a stage that has one', async () => {
    const logger = recordingLogger()
    const { clock, advance } = fakeClock()
    const gates = [deferred(), deferred()]
    const stages = [
      stage('root', [], { run: async () => 'r' }),
      stage('a', ['root'], {
        run: async (_got, log) => {
          await Promise.all(
            ['amd64', 'arm64'].map((arch, i) =>
              log.group(`Build ${arch}`, async () => {
                log.info(`linking ${arch}`)
                await gates[i]!.promise
                log.info(`linked ${arch}`)
              })
            )
          )
          return 1
        }
      }),
      stage('b', ['root'], {
        title: 'Stage',
        run: async (_got, log) => {
          log.info('before')
          await log.group('certificates', async () => (advance(100), log.info('bundle')))
          log.info('after')
          return 2
        }
      })
    ]
    const result = runGraph(stages, { logger, clock })
    await settle()
    advance(400)
    gates[1]!.resolve()
    await settle()
    gates[0]!.resolve()
    await result
    expect(logger.log).toEqual([
      '::group::Stage',
      'before',
      'bundle',
      'certificates: done in 0.10 s',
      'after',
      'Stage: done in 0.10 s',
      '::endgroup::',
      '::group::Build arm64',
      'linking arm64',
      'linked arm64',
      'Build arm64: done in 0.50 s',
      '::endgroup::',
      '::group::Build amd64',
      'linking amd64',
      'linked amd64',
      'Build amd64: done in 0.50 s',
      '::endgroup::'
    ])
  })

  it('routes a shared logger to the stage that calls it', async () => {
    const logger = recordingLogger()
    const shared = stageLogger(logger)
    // As a registry client made while logging in, then used by the push.
    const client = { retry: () => shared.info('retrying') }
    const stages = [
      stage('root', [], { title: 'Log in', run: async () => (client.retry(), 'r') }),
      stage('a', ['root'], { title: 'Push', run: async () => (client.retry(), 1) })
    ]
    await runGraph(stages, { logger, clock: () => 0 })
    shared.info('after the graph')
    expect(logger.log).toEqual([
      '::group::Log in',
      'retrying',
      'Log in: done in 0.00 s',
      '::endgroup::',
      '::group::Push',
      'retrying',
      'Push: done in 0.00 s',
      '::endgroup::',
      'after the graph'
    ])
  })

  it("starts a stage after what it comes after, without giving it that stage's output", async () => {
    const events: string[] = []
    const gate = deferred()
    let seen: unknown
    const stages = [
      stage('root', [], { run: async () => 'r' }),
      stage('a', ['root'], { run: async () => (events.push('start a'), await gate.promise, 1) }),
      {
        ...stage('b', ['root'], { run: async got => ((seen = got), events.push('start b'), 2) }),
        after: ['a']
      }
    ] as Stage<Out>[]
    const result = runGraph(stages, { logger: recordingLogger() })
    await settle()
    // b needs only root, but comes after a: it waits.
    expect(events).toEqual(['start a'])
    gate.resolve()
    await expect(result).resolves.toEqual({ root: 'r', a: 1, b: 2 })
    expect(events).toEqual(['start a', 'start b'])
    expect(seen).toEqual({ root: 'r' })
  })

  it('streams a stage with a title while silent stages run beside it, and holds their lines back', async () => {
    const logger = recordingLogger()
    const gate = deferred()
    const stages = [
      stage('root', [], {
        title: 'Install Go',
        run: async (_got, log) => (log.info('downloading'), await gate.promise, 'r')
      }),
      stage('a', [], { run: async (_got, log) => (log.info('a quiet line'), 1) }),
      stage('b', ['root', 'a'], { title: 'B', run: async () => 2 })
    ]
    const result = runGraph(stages, { logger, clock: () => 0 })
    await settle()
    // a has no group of its own: root's group is open, and a's line waits for it to close.
    expect(logger.log).toEqual(['::group::Install Go', 'downloading'])
    gate.resolve()
    await result
    expect(logger.log).toEqual([
      '::group::Install Go',
      'downloading',
      'Install Go: done in 0.00 s',
      '::endgroup::',
      'a quiet line',
      '::group::B',
      'B: done in 0.00 s',
      '::endgroup::'
    ])
  })

  it('refuses a cycle, a need no stage provides and a duplicate name, naming the stages', async () => {
    const logger = recordingLogger()
    const run = async (): Promise<number> => 1
    await expect(
      runGraph([stage('a', ['b'], { run }), stage('b', ['a'], { run })], { logger })
    ).rejects.toThrow('stage graph: a needs b needs a, a cycle.')
    await expect(runGraph([stage('a', ['c'], { run })], { logger })).rejects.toThrow(
      'stage graph: a needs c, which no stage provides.'
    )
    await expect(
      runGraph([stage('a', [], { run }), stage('a', [], { run })], { logger })
    ).rejects.toThrow('stage graph: two stages are named a.')
    await expect(
      runGraph([{ ...stage('a', [], { run }), after: ['c'] }] as Stage<Out>[], { logger })
    ).rejects.toThrow('stage graph: a comes after c, which no stage is.')
    await expect(
      runGraph(
        [{ ...stage('a', [], { run }), after: ['b'] }, stage('b', ['a'], { run })] as Stage<Out>[],
        { logger }
      )
    ).rejects.toThrow('stage graph: a needs b needs a, a cycle.')
  })
})

describe('cutPoints', () => {
  it('finds the stages that run alone whatever the timing', () => {
    const run = async (): Promise<number> => 1
    const stages: Stage<Out>[] = [
      stage('root', [], { run: async () => 'r' }),
      stage('a', ['root'], { run }),
      stage('b', ['root'], { run }),
      stage('c', ['a', 'b'], { run: async () => 'c' })
    ]
    expect([...cutPoints(stages)].sort()).toEqual(['c', 'root'])
    // An after edge orders as a need does.
    const ordered = stages.map(s => (s.name === 'b' ? { ...s, after: ['a' as const] } : s))
    expect([...cutPoints(ordered)].sort()).toEqual(['a', 'b', 'c', 'root'])
  })
})

describe('liveStages', () => {
  it('streams the stages with a title that every other stage with a title comes before or after', () => {
    const run = async (): Promise<number> => 1
    const stages: Stage<Out>[] = [
      stage('root', [], { title: 'Log in', run: async () => 'r' }),
      // Silent: it may run beside anything.
      stage('a', [], { run }),
      stage('b', ['root'], { title: 'B', run }),
      stage('c', ['root'], { title: () => 'C', run: async () => 'c' })
    ]
    // b and c run at once: neither streams; root runs beside a, which has no group.
    expect([...liveStages(stages)].sort()).toEqual(['root'])
    expect([...cutPoints(stages)].sort()).toEqual([])
  })
})

// The platforms' compile (src/compile/binaries.ts) runs them at once through this, with the same failure rule.
describe('mapConcurrent', () => {
  it('runs at most limit at a time and keeps the order of the items', async () => {
    let running = 0
    let most = 0
    const gates = [0, 1, 2, 3, 4].map(() => deferred())
    const result = mapConcurrent([0, 1, 2, 3, 4], 2, async i => {
      running++
      most = Math.max(most, running)
      await gates[i]!.promise
      running--
      return i * 10
    })
    await settle()
    expect(running).toBe(2)
    // Finishing out of order: the results still follow the items.
    for (const i of [1, 0, 3, 4, 2]) {
      gates[i]!.resolve()
      await settle()
    }
    await expect(result).resolves.toEqual([0, 10, 20, 30, 40])
    expect(most).toBe(2)
  })

  it('starts nothing after a failure and throws the first error once the running calls end', async () => {
    const started: number[] = []
    const slow = deferred()
    const result = mapConcurrent([0, 1, 2, 3], 2, async i => {
      started.push(i)
      if (i === 0) throw new Error('item 0 failed')
      await slow.promise
      return i
    })
    await settle()
    slow.resolve()
    await expect(result).rejects.toThrow('item 0 failed')
    // Item 0 failed at once and item 1 was running: it was waited for, and 2 and 3 never started.
    expect(started).toEqual([0, 1])
  })
})
