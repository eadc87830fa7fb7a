// Runs a small graph of named stages: each starts once the stages it needs (and those it comes after) have
// finished, so independent ones run concurrently, and each logs into a section of its own that reaches the log
// whole, closed by its duration (log-sections.ts). The order of the log is decided here, never by an edge.
import type { Logger } from '../ports.js'
import { Log, run, Section, stageLogger } from './log-sections.js'

/**
 * One stage: the names of the stages whose outputs it needs, of those it only comes after (ordering without
 * data: run is not given their outputs), its log group and its work.
 */
export interface Stage<O> {
  name: keyof O & string
  needs: readonly (keyof O & string)[]
  after?: readonly (keyof O & string)[]
  /** The log group of the stage; without one (or when it says undefined) the stage is silent. */
  title?: string | ((got: Partial<O>) => string | undefined)
  run: (got: Partial<O>, log: Logger) => Promise<unknown>
}

/**
 * Defines the stages of a graph whose outputs are O: run receives exactly the outputs named in needs, typed, and
 * must resolve to the output its name stands for.
 */
export function stageOf<O>() {
  return <K extends keyof O & string, N extends keyof O & string>(
    name: K,
    needs: readonly N[],
    body: {
      title?: string | ((got: Pick<O, N>) => string | undefined)
      run: (got: Pick<O, N>, log: Logger) => Promise<O[K]>
    }
  ): Stage<O> => ({ name, needs, ...body }) as unknown as Stage<O>
}

export interface GraphOptions {
  /** The run's logger: groups must neither nest nor overlap in it (a GitHub Actions log). */
  logger: Logger
  /** Milliseconds, for the durations in the log; Date.now unless a test fakes time. */
  clock?: () => number
}

/** Everything a stage waits for: what it needs and what it comes after. */
const waitsFor = <O>(s: Stage<O>): readonly string[] => [...s.needs, ...(s.after ?? [])]

/** Each stage's ancestors through needs and after, by name. */
function ancestry<O>(stages: readonly Stage<O>[]): (name: string) => Set<string> {
  const edges = new Map(stages.map(s => [s.name as string, waitsFor(s)]))
  const ancestors = new Map<string, Set<string>>()
  const up = (name: string): Set<string> => {
    let set = ancestors.get(name)
    if (set) return set
    set = new Set()
    ancestors.set(name, set)
    for (const n of edges.get(name) ?? []) {
      set.add(n)
      for (const a of up(n)) set.add(a)
    }
    return set
  }
  return up
}

/**
 * The stages that run alone whatever the timing: every other stage is one they need (directly or not) or one
 * that needs them. Only these may stream into an open group of the log.
 */
export function cutPoints<O>(stages: readonly Stage<O>[]): Set<string> {
  return alone(stages, stages)
}

/** The stages of among that every stage of all is related to (an ancestor, a descendant, or itself). */
function alone<O>(all: readonly Stage<O>[], among: readonly Stage<O>[]): Set<string> {
  const up = ancestry(all)
  const cut = new Set<string>()
  for (const s of among) {
    const related = among.filter(t => t === s || up(s.name).has(t.name) || up(t.name).has(s.name))
    if (related.length === among.length) cut.add(s.name)
  }
  return cut
}

/**
 * The stages whose log group streams as they run: those with a title that every other stage with a title comes
 * before or after. A silent stage (no title) may run beside them: its few lines wait in the queue behind the
 * open group, so it never holds a stage back, and no edge exists to keep it out of the way.
 */
export function liveStages<O>(stages: readonly Stage<O>[]): Set<string> {
  return alone(
    stages,
    stages.filter(s => s.title !== undefined)
  )
}

/** Refuses a graph that could never finish: a duplicate name, a need no stage provides, a cycle. */
function validate<O>(stages: readonly Stage<O>[]): void {
  const names = new Set<string>()
  for (const s of stages) {
    if (names.has(s.name)) throw new Error(`stage graph: two stages are named ${s.name}.`)
    names.add(s.name)
  }
  for (const s of stages) {
    for (const n of s.needs) {
      if (!names.has(n))
        throw new Error(`stage graph: ${s.name} needs ${n}, which no stage provides.`)
    }
    for (const n of s.after ?? []) {
      if (!names.has(n))
        throw new Error(`stage graph: ${s.name} comes after ${n}, which no stage is.`)
    }
  }
  const state = new Map<string, 'visiting' | 'done'>()
  const byName = new Map(stages.map(s => [s.name as string, s]))
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name]
      throw new Error(`stage graph: ${cycle.join(' needs ')}, a cycle.`)
    }
    state.set(name, 'visiting')
    for (const n of waitsFor(byName.get(name)!)) visit(n, [...path, name])
    state.set(name, 'done')
  }
  for (const s of stages) visit(s.name, [])
}

/**
 * Runs every stage as soon as all it needs and comes after has finished (in the order given when several are ready
 * at once) and resolves to every stage's output by name. A stage counts as finished once its log is written, so
 * what a stage needs is always in the log before it. When a stage fails, nothing new starts: the stages still
 * running are waited for, and the first error is thrown.
 */
export async function runGraph<O>(stages: readonly Stage<O>[], o: GraphOptions): Promise<O> {
  validate(stages)
  const log = new Log(o.logger, o.clock ?? Date.now)
  const live = liveStages(stages)
  const routed = stageLogger(o.logger)
  const outputs = new Map<string, unknown>()
  const started = new Set<string>()
  let failure: { error: unknown } | undefined
  let running = 0

  return new Promise<O>((resolve, reject) => {
    const settle = (): void => {
      if (running) return
      if (failure) reject(failure.error)
      else if (outputs.size === stages.length) resolve(Object.fromEntries(outputs) as O)
    }
    const startReady = (): void => {
      for (const s of stages) {
        if (failure || started.has(s.name) || !waitsFor(s).every(n => outputs.has(n))) continue
        started.add(s.name)
        running++
        const got = Object.fromEntries(s.needs.map(n => [n, outputs.get(n)])) as Partial<O>
        const work = async (): Promise<unknown> => {
          const title = typeof s.title === 'function' ? s.title(got) : s.title
          // A silent stage has no group to stream into, so its lines wait in the queue like any other.
          const section = new Section(
            log,
            title,
            undefined,
            title !== undefined && live.has(s.name)
          )
          // Routed, so that inside log.group(…) the sub-task's lines go to its own part of the log.
          return run(section, () => s.run(got, routed))
        }
        work().then(
          out => {
            running--
            outputs.set(s.name, out)
            startReady()
            settle()
          },
          (error: unknown) => {
            running--
            failure ??= { error }
            settle()
          }
        )
      }
    }
    startReady()
    settle()
  })
}
