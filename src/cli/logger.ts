// The command line's logger: everything it prints goes through the terminal's Output (src/terminal.ts), which
// redacts secrets and turns workflow commands into plain lines outside a workflow.
import type { Logger } from '../ports.js'
import { escapeCommand, type Output } from '../terminal.js'

/**
 * Plain lines for a terminal: groups as "== name ==" headers, warnings as "warning: …", debug only with
 * --verbose. In a workflow step, the workflow commands instead: groups fold, warnings become annotations.
 */
export function cliLogger(output: Output): Logger {
  if (output.actions) {
    return {
      info: m => output.print(`${m}\n`),
      warning: m => output.print(`::warning::${escapeCommand(m)}\n`),
      debug: m => output.print(output.verbose ? `debug: ${m}\n` : `::debug::${escapeCommand(m)}\n`),
      group: async (name, fn) => {
        output.print(`::group::${escapeCommand(name)}\n`)
        try {
          return await fn()
        } finally {
          output.print('::endgroup::\n')
        }
      },
      mask: s => output.mask(s)
    }
  }
  return {
    info: m => output.print(`${m}\n`),
    warning: m => output.print(`warning: ${m}\n`, 'err'),
    debug: m => {
      if (output.verbose) output.print(`debug: ${m}\n`)
    },
    group: async (name, fn) => {
      output.print(`\n== ${name} ==\n`)
      return fn()
    },
    mask: s => output.mask(s)
  }
}
