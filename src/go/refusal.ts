// Tells when Go refused to load a package because of a Go version (the go line, the toolchain line, a dependency's minimum) rather than the package or working-directory.
import { InputError } from '../ports.js'
import { goToSemver } from './version.js'

/** The input to blame and the fix, when the cause was a Go version. */
export interface GoRefusal {
  /** What the message starts with: go-version, or the go.mod/go.work whose line Go could not read. */
  input: string
  hint: string
}

/**
 * Reads go list's stderr (Go 1.19 to today; x/mod's modfile and cmd/go's gover.TooNewError word these messages)
 * for a cause that is a Go version. Undefined for anything else, whose fix is the package or working-directory.
 */
export function goRefusal(stderr: string): GoRefusal | undefined {
  const file = /(?:^|[\s/])(go\.(?:mod|work)):\d+:/.exec(stderr)?.[1] ?? 'go.mod'
  const badGo = /invalid go version '([^']*)'/.exec(stderr)
  if (badGo) {
    const line = badGo[1]!
    const sv = goToSemver(line)
    if (!sv) {
      return {
        input: file,
        hint: `The go line '${line}' of ${file} is not a Go version: write it as Go does, e.g. go 1.22 or go 1.22.3.`
      }
    }
    // Go 1.21 reads go 1.21.0 and go 1.21rc1; older Go reads only 1.N there.
    const minor = sv.split('.').slice(0, 2).join('.')
    return {
      input: file,
      hint:
        `Go before 1.21 reads only a go line of the form 1.N, and ${file} says go ${line}. Write 'go ${minor}' ` +
        `(the newest ${minor} patch is still used), or use Go 1.21 or newer (go-version).`
    }
  }
  if (/unknown directive: toolchain/.test(stderr)) {
    return {
      input: 'go-version',
      hint:
        `The Go in use is older than 1.21, which added the toolchain line of ${file}. Use Go 1.21 or newer: leave ` +
        `go-version empty so that the toolchain line chooses, or set it to 1.21 or newer.`
    }
  }
  const badToolchain = /invalid toolchain version '([^']*)'/.exec(stderr)
  if (badToolchain) {
    return {
      input: file,
      hint: `The toolchain line '${badToolchain[1]}' of ${file} is not a Go toolchain: write it as Go does, e.g. toolchain go1.22.3.`
    }
  }
  const tooNew = /(\S+) requires go >= (\S+) \(running go ([^;)\s]+)/.exec(stderr)
  if (tooNew) {
    const [, what, need, running] = tooNew as unknown as [string, string, string, string]
    if (/(^|\/)go\.(mod|work)$/.test(what)) {
      return {
        input: 'go-version',
        hint:
          `Go ${running} is older than the go line of ${what} (go ${need}), and the action keeps the Go it ` +
          `installed (GOTOOLCHAIN=local). Set go-version to ${need} or newer, or leave it empty so that ` +
          `the go line chooses.`
      }
    }
    return {
      input: 'go-version',
      hint:
        `The dependency ${what} needs Go ${need} or newer, and this build uses Go ${running}. Set go-version ` +
        `to ${need} or newer, and raise the go line of go.mod to match (go mod tidy does).`
    }
  }
  return undefined
}

/**
 * The error for a go list that failed on a package line: the Go version's fix when that was the cause, else fix
 * (where the package is).
 */
export function loadError(pkg: string, cwd: string, stderr: string, fix: string): InputError {
  const refusal = goRefusal(stderr)
  return new InputError(
    `${refusal?.input ?? 'package'}: Go cannot load '${pkg}' in working-directory '${cwd}': ${stderr.trim()}. ` +
      (refusal?.hint ?? fix)
  )
}
