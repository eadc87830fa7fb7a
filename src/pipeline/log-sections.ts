// Each stage's part of the log: buffered and written whole, with its duration, through one queue (so a group is
// never cut by another stage's lines), or streamed while no other stage with a group can run beside it.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Logger } from '../ports.js'

/** The section the running code logs into, so objects made in one stage log into the stage that uses them. */
const current = new AsyncLocalStorage<Logger>()

/**
 * A logger that writes into the section of whichever stage calls it (fallback outside any stage): a registry
 * client opened while logging in logs its retries into the push's group when the push uses it.
 */
export function stageLogger(fallback: Logger): Logger {
  const at = (): Logger => current.getStore() ?? fallback
  return {
    info: m => at().info(m),
    warning: m => at().warning(m),
    debug: m => at().debug(m),
    group: (name, fn) => at().group(name, fn),
    mask: s => at().mask(s)
  }
}

interface Line {
  level: 'info' | 'debug'
  text: string
}

/**
 * The one writer of the run's log: everything reaches the logger through one queue, so a group is written whole
 * and no line lands inside another stage's group.
 */
export class Log {
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    readonly logger: Logger,
    readonly clock: () => number
  ) {}

  /** Runs write after every earlier write; its failure is the caller's, never the queue's. */
  enqueue<T>(write: () => Promise<T>): Promise<T> {
    const done = this.tail.then(write)
    this.tail = done.catch(() => undefined)
    return done
  }

  lines(lines: Line[]): void {
    for (const l of lines) this.logger[l.level](l.text)
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2)

/**
 * A stage's or a sub-task's part of the log. Buffered: its lines are kept and, when it ends, handed whole with
 * its duration to the section around it, or written as one group of the log. Live: no other stage with a group
 * can run beside it (see liveStages), so it streams into a group opened when it starts, and a long download shows as it goes.
 * Warnings go straight to the log either way: an annotation should not wait for a slow stage.
 */
export class Section implements Logger {
  private readonly buffer: Line[] = []

  constructor(
    readonly log: Log,
    /** Undefined: a silent section, whose few lines need no group and are written as they come. */
    readonly title: string | undefined,
    /** The section whose group this one's lines end up in, if any. */
    private readonly outer: Section | undefined,
    readonly live: boolean
  ) {}

  private write(line: Line): void {
    if (this.live) this.log.lines([line])
    else if (this.title !== undefined) this.buffer.push(line)
    else if (this.outer) this.outer.write(line)
    else void this.log.enqueue(async () => this.log.lines([line]))
  }

  info(text: string): void {
    this.write({ level: 'info', text })
  }

  debug(text: string): void {
    this.write({ level: 'debug', text })
  }

  warning(text: string): void {
    if (this.live) this.log.logger.warning(text)
    else void this.log.enqueue(async () => this.log.logger.warning(text))
  }

  mask(secret: string): void {
    // At once, not queued: a line written before the mask arrived would show the secret.
    this.log.logger.mask(secret)
  }

  /** A sub-task with its own part of the log, e.g. one platform's build among several running at once. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // Inside a group, a sub-task's lines become a block of it: groups cannot nest in the log.
    const outer = this.title !== undefined ? this : this.outer
    return run(new Section(this.log, name, outer, false), fn)
  }

  /** Closes the section: its lines and the duration line go where they belong. */
  close(summary: string): Promise<void> {
    if (this.title === undefined) return Promise.resolve()
    const lines: Line[] = [...this.buffer.splice(0), { level: 'info', text: summary }]
    if (this.live) return Promise.resolve(this.log.lines(lines.slice(-1)))
    if (this.outer) {
      for (const l of lines) this.outer.write(l)
      return Promise.resolve()
    }
    return this.log.enqueue(() =>
      this.log.logger.group(this.title!, async () => this.log.lines(lines))
    )
  }
}

/**
 * Runs fn as the section's work: its log goes to the section, which is closed with the duration when fn ends
 * (or fails), before the result is handed on.
 */
export async function run<T>(section: Section, fn: () => Promise<T>): Promise<T> {
  const { log, title } = section
  const work = async (): Promise<T> => {
    const start = log.clock()
    try {
      const out = await current.run(section, fn)
      await section.close(`${title}: done in ${seconds(log.clock() - start)} s`)
      return out
    } catch (e) {
      await section.close(`${title}: failed after ${seconds(log.clock() - start)} s`)
      throw e
    }
  }
  if (!section.live || title === undefined) return work()
  return log.enqueue(() => log.logger.group(title, work))
}
