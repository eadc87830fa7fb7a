// Checks the package is a main package and compiles it with the installed Go.
import path from 'node:path'
import type { Runner } from '../ports.js'
import { InputError } from '../ports.js'

export interface MainPackage {
  importPath: string
  binaryName: string
}

/** The binary name Go itself would pick: the last import path element, or the file name for a .go file. */
export function defaultBinaryName(importPath: string, pkg: string): string {
  if (pkg.endsWith('.go')) return path.basename(pkg, '.go')
  const last = importPath.split('/').pop() ?? ''
  // A major-version suffix (example.com/app/v2) is not the program's name, as `go install` knows.
  const parts = importPath.split('/')
  if (/^v\d+$/.test(last) && parts.length > 1) return parts[parts.length - 2] ?? last
  return last
}

export async function inspectMainPackage(
  runner: Runner,
  goBin: string,
  env: Record<string, string>,
  cwd: string,
  pkg: string
): Promise<MainPackage> {
  const res = await runner.run(goBin, ['list', '-f', '{{.Name}} {{.ImportPath}}', pkg], {
    cwd,
    env,
    silent: true
  })
  if (res.exitCode !== 0) {
    throw new InputError(
      `package: Go cannot load '${pkg}' in working-directory '${cwd}': ${res.stderr.trim()}. ` +
        `Set working-directory to the Go module and package to its main package, e.g. ./cmd/app.`
    )
  }
  const [name, importPath] = res.stdout.trim().split(/\s+/)
  if (name !== 'main' || !importPath) {
    throw new InputError(
      `package: '${pkg}' is package ${name ?? '?'}, not a main package. ` +
        `Point package at a directory with package main and func main, e.g. ./cmd/app.`
    )
  }
  return { importPath, binaryName: defaultBinaryName(importPath, pkg) }
}

export async function compile(
  runner: Runner,
  goBin: string,
  env: Record<string, string>,
  cwd: string,
  args: string[]
): Promise<void> {
  const res = await runner.run(goBin, args, { cwd, env })
  if (res.exitCode !== 0) {
    throw new Error(
      `go build failed (exit code ${res.exitCode}) for GOOS=${env.GOOS} GOARCH=${env.GOARCH}:\n${res.stderr.trim()}`
    )
  }
}
