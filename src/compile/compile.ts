// Checks the package is a main package and compiles it with the installed Go.
import path from 'node:path'
import type { Runner } from '../ports.js'
import { InputError } from '../ports.js'
import { loadError } from '../go/refusal.js'

export interface MainPackage {
  importPath: string
  binaryName: string
}

/** The binary name Go itself would pick: the last import path element, or the file name for a .go file. */
export function defaultBinaryName(importPath: string, pkg: string): string {
  if (pkg.endsWith('.go')) return path.basename(pkg, '.go')
  const last = importPath.split('/').pop() ?? ''
  // A major-version suffix (example.com/app/v2) is not the program's name, as `go install` knows;
  // to Go (isVersionElement) v0, v1 and v01 are no such suffix.
  const parts = importPath.split('/')
  if (/^v([2-9]\d*|1\d+)$/.test(last) && parts.length > 1) return parts[parts.length - 2] ?? last
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
    throw loadError(
      pkg,
      cwd,
      res.stderr,
      'Set working-directory to the Go module and package to its main package, e.g. ./cmd/app.'
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

/** Non-standard packages in the build that have cgo files: why a CGO_ENABLED=0 build failed, when it did. */
export async function cgoPackages(
  runner: Runner,
  goBin: string,
  env: Record<string, string>,
  cwd: string,
  pkg: string,
  tags: string
): Promise<string[]> {
  const format = '{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}'
  const args = ['list', '-deps', '-f', format, ...(tags ? [`-tags=${tags}`] : []), pkg]
  const res = await runner.run(goBin, args, {
    cwd,
    env: { ...env, CGO_ENABLED: '1' },
    silent: true
  })
  return res.exitCode === 0
    ? res.stdout
        .split('\n')
        .map(s => s.trim())
        .filter(Boolean)
    : []
}

export async function compile(
  runner: Runner,
  goBin: string,
  env: Record<string, string>,
  cwd: string,
  args: string[],
  explain: { pkg: string; tags: string }
): Promise<void> {
  const res = await runner.run(goBin, args, { cwd, env })
  if (res.exitCode !== 0) {
    // With cgo on, the failure is the C toolchain's own, and its message says more than a refusal would.
    const cgo =
      env.CGO_ENABLED === '1'
        ? []
        : await cgoPackages(runner, goBin, env, cwd, explain.pkg, explain.tags)
    if (cgo.length) {
      throw new InputError(
        `package: ${explain.pkg} needs cgo (import "C" in ${cgo.join(', ')}), but a scratch image has no C library, ` +
          `so the action builds with CGO_ENABLED=0 (cgo: off). Set cgo: static|dynamic (static links the C library ` +
          `into the binary, musl preferred; dynamic ships the shared libraries it loads in a libraries layer), or use ` +
          `a pure-Go replacement (e.g. modernc.org/sqlite for github.com/mattn/go-sqlite3), or a build tag that ` +
          `leaves the cgo code out.`
      )
    }
    throw new Error(
      `go build failed (exit code ${res.exitCode}) for GOOS=${env.GOOS} GOARCH=${env.GOARCH}:\n${res.stderr.trim()}`
    )
  }
}
