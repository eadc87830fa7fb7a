// Runs external commands (go, git, docker) through @actions/exec behind the Runner interface.
import { getExecOutput } from '@actions/exec'
import type { CommandResult, RunOptions, Runner } from './ports.js'

export const execRunner: Runner = {
  async run(command: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
    return getExecOutput(command, args, {
      cwd: options.cwd,
      env: options.env,
      silent: options.silent ?? false,
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      ignoreReturnCode: true
    })
  }
}
