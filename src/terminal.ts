// What reaches a terminal, where no runner reads workflow commands (::group::, ::add-mask::, ::save-state:: …): plain lines or nothing, and *** for secrets.

/** Undoes the escaping @actions/core applies to a workflow command's data. */
function unescapeCommand(data: string): string {
  return data.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** A workflow command's data escaped as @actions/core does, so a multi-line message stays one command. */
export function escapeCommand(data: string): string {
  return data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export interface Sink {
  out(text: string): void
  err(text: string): void
}

/**
 * Everything the command line prints passes through here, and what the action prints when it runs outside a
 * runner (scripts/quickstart.sh): secrets are replaced by ***. In a terminal the
 * workflow commands the Actions toolkit writes (::debug::, ::warning::, ::add-mask:: …, from @actions/tool-cache)
 * become plain lines or nothing, since no runner is there to read them; in a workflow step (actions) they are
 * left for the runner, which folds the groups and masks the secrets.
 */
export class Output {
  private secrets: string[] = []

  constructor(
    readonly verbose: boolean,
    private readonly sink: Sink,
    readonly actions = false
  ) {}

  mask(secret: string): void {
    if (!secret || this.secrets.includes(secret)) return
    this.secrets.push(secret)
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets.sort((a, b) => b.length - a.length)
  }

  redact(text: string): string {
    for (const s of this.secrets) text = text.split(s).join('***')
    return text
  }

  /** The plain form of one line: itself, a translated workflow command, or undefined to drop it. */
  private plain(line: string): string | undefined {
    const m = /^::([a-z-]+)(?: [^\n]*?)?::(.*?)\r?$/.exec(line)
    if (!m) return line
    const text = unescapeCommand(m[2]!)
    if (this.actions) {
      if (m[1] === 'add-mask') this.mask(text)
      return line
    }
    switch (m[1]) {
      case 'debug':
        return this.verbose ? `debug: ${text}` : undefined
      case 'warning':
        return `warning: ${text}`
      case 'error':
        return `error: ${text}`
      case 'notice':
        return text
      case 'group':
        return `== ${text} ==`
      case 'add-mask':
        this.mask(text)
        return undefined
      default:
        // endgroup, save-state, set-output …: meant for a runner, meaningless here.
        return undefined
    }
  }

  /** A chunk as it should reach the terminal; a dropped line takes its newline with it. */
  filter(chunk: string): string {
    const parts = chunk.split('\n')
    let out = ''
    parts.forEach((line, i) => {
      const plain = this.plain(line)
      // The runner must read an ::add-mask:: whole; it never shows the line.
      const keep = this.actions && plain?.startsWith('::add-mask::')
      if (plain !== undefined)
        out += (keep ? plain : this.redact(plain)) + (i < parts.length - 1 ? '\n' : '')
    })
    return out
  }

  print(text: string, to: keyof Sink = 'out'): void {
    const filtered = this.filter(text)
    if (filtered) this.sink[to](filtered)
  }
}

/**
 * Routes everything written to stdout and stderr through output, including what go and @actions/* write on
 * their own, and returns the original writers for it to print with.
 */
export function captureStdio(verbose: boolean, actions = false): Output {
  const raw = (stream: NodeJS.WriteStream): ((text: string) => void) => {
    const write = stream.write.bind(stream) as (
      chunk: string,
      encoding: BufferEncoding,
      cb?: (err?: Error | null) => void
    ) => boolean
    const hooked = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      const cb = rest.find((r): r is (err?: Error | null) => void => typeof r === 'function')
      return write(output.filter(text), 'utf8', cb)
    }
    stream.write = hooked as typeof stream.write
    return text => void write(text, 'utf8')
  }
  const sink: Sink = { out: raw(process.stdout), err: raw(process.stderr) }
  const output = new Output(verbose, sink, actions)
  return output
}
