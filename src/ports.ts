// The small interfaces through which the pipeline reaches the outside world, so tests can pass fakes or real parts.

export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  /** Runs fn inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** Registers a secret so the runner redacts it from every later log line. */
  mask(secret: string): void
}

export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  env?: Record<string, string>
  /** Keep the command's output out of the log (it is still returned). */
  silent?: boolean
  /** Written to the command's stdin (a credential helper reads the registry from it). */
  input?: string
}

export interface Runner {
  run(command: string, args: string[], options?: RunOptions): Promise<CommandResult>
}

export type Fetch = typeof globalThis.fetch

/** The part of @actions/tool-cache the Go installer needs. */
export interface ToolCache {
  find(tool: string, version: string, arch: string): string
  findAllVersions(tool: string, arch: string): string[]
  extractTar(file: string, dest: string, flags: string[]): Promise<string>
}

/** The Actions cache service (@actions/cache), for Go's build and module caches. */
export interface BuildCache {
  isAvailable(): boolean
  /** Returns the key that matched, or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>
  save(paths: string[], key: string): Promise<void>
}

/** A user-facing failure: its message names the input, the bad value and the fix. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/**
 * A stage's work, as a domain module writes it and the stage table (src/pipeline/stages.ts) binds it: its log
 * group (a title; undefined for a silent stage; a function when it depends on what the stage is given) and run,
 * which is given exactly the outputs the table says the stage needs.
 */
export interface StageBody<I, O> {
  title?: string | ((got: I) => string | undefined)
  run: (got: I, log: Logger) => Promise<O>
}
