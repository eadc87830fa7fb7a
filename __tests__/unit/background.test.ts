import { describe, expect, it } from '@jest/globals'
import { execRunner } from '../../src/exec.js'
import type { CommandResult, Runner } from '../../src/ports.js'
import { backgroundRunner } from '../../src/pipeline/background.js'

describe('backgroundRunner', () => {
  it('runs the command at niceness 10, and its children inherit it (the real nice and sh)', async () => {
    const r = await backgroundRunner(execRunner).run('sh', ['-c', 'echo "$(nice) $(sh -c nice)"'], {
      silent: true
    })
    expect(r.exitCode).toBe(0)
    // nice with no command prints the niceness it runs at: this test's own plus 10, in the child too.
    const [self, child] = r.stdout.trim().split(' ').map(Number)
    expect(self).toBeGreaterThanOrEqual(10)
    expect(child).toBe(self)
  })

  it("passes the command's own failure through, without a second run", async () => {
    const r = await backgroundRunner(execRunner).run('sh', ['-c', 'echo no >&2; exit 3'], {
      silent: true
    })
    expect([r.exitCode, r.stderr.trim()]).toEqual([3, 'no'])
  })

  it('runs the plain command where nice is missing', async () => {
    const calls: string[] = []
    const noNice: Runner = {
      async run(command, args): Promise<CommandResult> {
        calls.push([command, ...args].join(' '))
        if (command === 'nice') throw new Error('Unable to locate executable file: nice')
        return { exitCode: 0, stdout: 'ok', stderr: '' }
      }
    }
    const r = await backgroundRunner(noNice).run('go', ['build', '.'])
    expect(r.stdout).toBe('ok')
    expect(calls).toEqual(['nice -n 10 go build .', 'go build .'])
  })

  it('leaves commands as they are on Windows', async () => {
    const calls: string[] = []
    const runner: Runner = {
      async run(command, args): Promise<CommandResult> {
        calls.push([command, ...args].join(' '))
        return { exitCode: 0, stdout: '', stderr: '' }
      }
    }
    await backgroundRunner(runner, 'win32').run('go', ['version'])
    expect(calls).toEqual(['go version'])
  })
})
