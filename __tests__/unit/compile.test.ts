import { describe, expect, it } from '@jest/globals'
import {
  cgoPackages,
  compile,
  defaultBinaryName,
  inspectMainPackage
} from '../../src/compile/compile.js'
import type { CommandResult, RunOptions, Runner } from '../../src/ports.js'
import { InputError } from '../../src/ports.js'
import { rejectionOf } from './helpers.js'

interface Call {
  command: string
  args: string[]
  options?: RunOptions
}

/** A runner that records each command and answers from a script, in order; running past it fails the test. */
function fakeRunner(script: Partial<CommandResult>[]): { runner: Runner; calls: Call[] } {
  const calls: Call[] = []
  const queue = [...script]
  const runner: Runner = {
    run: async (command, args, options) => {
      calls.push({ command, args, options })
      const next = queue.shift()
      if (!next) throw new Error(`fakeRunner: unexpected command ${command} ${args.join(' ')}`)
      return { exitCode: 0, stdout: '', stderr: '', ...next }
    }
  }
  return { runner, calls }
}

const GO = '/opt/hostedtoolcache/go/1.22.5/x64/bin/go'
const ENV = { PATH: '/usr/bin', GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0' }

describe('defaultBinaryName', () => {
  it.each([
    ['example.com/app', '.', 'app'],
    ['example.com/acme/tools/cmd/server', './cmd/server', 'server'],
    ['app', '.', 'app'],
    // A major-version suffix is not the program's name (go install names it after the element before).
    ['example.com/app/v2', '.', 'app'],
    ['example.com/app/v10', '.', 'app'],
    ['example.com/app/cmd/tool/v3', './cmd/tool/v3', 'tool'],
    // ...but v0, v1 and v01 are no major-version suffixes to Go, and a lone v2 has nothing before it.
    ['example.com/api/v1', './v1', 'v1'],
    ['example.com/api/v0', './v0', 'v0'],
    ['example.com/api/v01', './v01', 'v01'],
    ['v2', '.', 'v2'],
    ['example.com/app/v2beta', '.', 'v2beta'],
    // A single .go file is named after the file, whatever go list calls the package.
    ['command-line-arguments', 'main.go', 'main'],
    ['command-line-arguments', './cmd/hello/hello.go', 'hello']
  ])('%s (package %s) -> %s', (importPath, pkg, name) => {
    expect(defaultBinaryName(importPath, pkg)).toBe(name)
  })
})

describe('inspectMainPackage', () => {
  it('asks go list for the name and import path, quietly, in the working directory', async () => {
    const { runner, calls } = fakeRunner([{ stdout: 'main example.com/shop/cmd/api\n' }])
    await expect(inspectMainPackage(runner, GO, ENV, '/src/shop', './cmd/api')).resolves.toEqual({
      importPath: 'example.com/shop/cmd/api',
      binaryName: 'api'
    })
    expect(calls).toEqual([
      {
        command: GO,
        args: ['list', '-f', '{{.Name}} {{.ImportPath}}', './cmd/api'],
        options: { cwd: '/src/shop', env: ENV, silent: true }
      }
    ])
  })

  it('names a single-file main after its file', async () => {
    const { runner } = fakeRunner([{ stdout: 'main command-line-arguments\n' }])
    await expect(inspectMainPackage(runner, GO, ENV, '/w', 'tool.go')).resolves.toEqual({
      importPath: 'command-line-arguments',
      binaryName: 'tool'
    })
  })

  /** The InputError's message when go list, asked about pkg in /src/shop, answers listed. */
  async function refusal(listed: Partial<CommandResult>, pkg: string): Promise<string> {
    const { runner } = fakeRunner([listed])
    const run = inspectMainPackage(runner, GO, ENV, '/src/shop', pkg)
    return (await rejectionOf(run, InputError)).message
  }

  it('reports a package Go cannot load, with Go’s own words and the fix', async () => {
    const stderr =
      'no required module provides package ./cmd/nope; to add it:\n\tgo get ./cmd/nope\n'
    expect(await refusal({ exitCode: 1, stderr }, './cmd/nope')).toContain(
      "package: Go cannot load './cmd/nope' in working-directory '/src/shop': no required module provides " +
        'package ./cmd/nope; to add it:\n\tgo get ./cmd/nope. Set working-directory to the Go module'
    )
  })

  it('refuses a library package', async () => {
    const listed = { stdout: 'store example.com/shop/internal/store\n' }
    expect(await refusal(listed, './internal/store')).toContain(
      "package: './internal/store' is package store, not a main package. Point package at a directory with " +
        'package main and func main'
    )
  })

  it('refuses output without an import path', async () => {
    const { runner } = fakeRunner([{ stdout: 'main\n' }])
    await expect(inspectMainPackage(runner, GO, ENV, '/w', '.')).rejects.toThrow(
      'not a main package'
    )
  })
})

describe('cgoPackages', () => {
  it('lists the non-standard packages with cgo files, asking with cgo on', async () => {
    const { runner, calls } = fakeRunner([
      { stdout: '\ngithub.com/mattn/go-sqlite3\n  \nexample.com/shop/internal/native\n\n' }
    ])
    await expect(cgoPackages(runner, GO, ENV, '/src/shop', './cmd/api', '')).resolves.toEqual([
      'github.com/mattn/go-sqlite3',
      'example.com/shop/internal/native'
    ])
    expect(calls).toHaveLength(1)
    const call = calls[0] as Call
    expect(call.command).toBe(GO)
    expect(call.args).toEqual([
      'list',
      '-deps',
      '-f',
      '{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}',
      './cmd/api'
    ])
    expect(call.options).toEqual({
      cwd: '/src/shop',
      env: { ...ENV, CGO_ENABLED: '1' },
      silent: true
    })
    // The caller's environment is not changed.
    expect(ENV.CGO_ENABLED).toBe('0')
  })

  it('passes the build tags, since they decide which files are built', async () => {
    const { runner, calls } = fakeRunner([{ stdout: '' }])
    await expect(cgoPackages(runner, GO, ENV, '/w', '.', 'netgo,sqlite_omit')).resolves.toEqual([])
    expect(calls[0]?.args).toEqual([
      'list',
      '-deps',
      '-f',
      '{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}',
      '-tags=netgo,sqlite_omit',
      '.'
    ])
  })

  it('gives nothing when go list itself fails', async () => {
    const { runner } = fakeRunner([{ exitCode: 1, stdout: 'example.com/partial\n', stderr: 'x' }])
    await expect(cgoPackages(runner, GO, ENV, '/w', '.', '')).resolves.toEqual([])
  })
})

describe('compile', () => {
  const ARGS = ['build', '-trimpath', '-ldflags=-s -w', '-o', '/tmp/b/app', './cmd/api']

  it('runs go build once with the given arguments, environment and directory', async () => {
    const { runner, calls } = fakeRunner([{ stdout: '' }])
    await compile(runner, GO, ENV, '/src/shop', ARGS, { pkg: './cmd/api', tags: '' })
    expect(calls).toEqual([{ command: GO, args: ARGS, options: { cwd: '/src/shop', env: ENV } }])
  })

  it('explains a failure caused by cgo: which packages, why, and what to do', async () => {
    const { runner, calls } = fakeRunner([
      { exitCode: 1, stderr: 'build constraints exclude all Go files in .../go-sqlite3' },
      { stdout: 'github.com/mattn/go-sqlite3\nexample.com/shop/native\n' }
    ])
    const run = compile(runner, GO, ENV, '/src/shop', ARGS, { pkg: './cmd/api', tags: 'fts5' })
    await expect(run).rejects.toThrow(InputError)
    const message = await run.catch((e: Error) => e.message)
    expect(message).toContain(
      'package: ./cmd/api needs cgo (import "C" in github.com/mattn/go-sqlite3, example.com/shop/native)'
    )
    expect(message).toContain('a scratch image has no C library')
    expect(message).toContain('CGO_ENABLED=0')
    expect(message).toContain('modernc.org/sqlite')
    expect(message).toContain('build tag')
    expect(message).toContain('Set cgo: static|dynamic')
    // The explanation is looked up with the same package and tags, with cgo on.
    expect(calls[1]?.args).toContain('-tags=fts5')
    expect(calls[1]?.args.at(-1)).toBe('./cmd/api')
    expect(calls[1]?.options?.env?.CGO_ENABLED).toBe('1')
  })

  it('with cgo on, a failure is the C toolchain’s own: no refusal, no second go list', async () => {
    const { runner, calls } = fakeRunner([
      { exitCode: 2, stderr: '/usr/bin/ld: cannot find -lpcap' },
      { stdout: 'example.com/shop/native\n' }
    ])
    const run = compile(runner, GO, { ...ENV, CGO_ENABLED: '1' }, '/w', ARGS, {
      pkg: '.',
      tags: ''
    })
    await expect(run).rejects.toThrow('cannot find -lpcap')
    await expect(run).rejects.not.toThrow(InputError)
    expect(calls).toHaveLength(1)
  })

  it('reports any other failure with the exit code, the platform and Go’s output', async () => {
    const { runner, calls } = fakeRunner([
      { exitCode: 2, stderr: '\n./main.go:3:2: undefined: fmt.Printn\n\n' },
      { stdout: '' }
    ])
    const run = compile(runner, GO, ENV, '/w', ARGS, { pkg: '.', tags: '' })
    await expect(run).rejects.toThrow(
      'go build failed (exit code 2) for GOOS=linux GOARCH=arm64:\n./main.go:3:2: undefined: fmt.Printn'
    )
    await run.catch((e: unknown) => expect(e).not.toBeInstanceOf(InputError))
    expect(calls).toHaveLength(2)
  })

  it('reports the build failure itself when the cgo lookup fails too', async () => {
    const { runner } = fakeRunner([
      { exitCode: 1, stderr: 'go: updates to go.mod needed' },
      { exitCode: 1, stderr: 'go: updates to go.mod needed' }
    ])
    await expect(compile(runner, GO, ENV, '/w', ARGS, { pkg: '.', tags: '' })).rejects.toThrow(
      'go build failed (exit code 1) for GOOS=linux GOARCH=arm64:\ngo: updates to go.mod needed'
    )
  })
})
