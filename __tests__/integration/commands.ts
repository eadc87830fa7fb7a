// Commands the integration tests run beside the action (go, docker, skopeo), with their exit code instead of a throw.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileP = promisify(execFile)

export interface Result {
  code: number
  stdout: string
  stderr: string
}

export async function sh(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {}
): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileP(cmd, args, { ...opts, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? ''
    }
  }
}

/** skopeo against the loopback registries, which serve plain http. */
export async function skopeo(args: string[]): Promise<Result> {
  return sh('skopeo', args)
}
