// Go refusing a version (its go line, its toolchain line, a dependency's minimum) gets the Go version's fix, never
// the working-directory one. The stderr texts are Go's own: Go 1.19.8's, captured with this machine's Go, and
// Go 1.21's TooNewError ("%v requires go >= %v (running go %v%v)", cmd/go/internal/gover/toolchain.go).
import { describe, expect, it } from '@jest/globals'
import { goRefusal, loadError } from '../../src/go/refusal.js'
import { InputError } from '../../src/ports.js'

const parsing = (line: string): string => `go: errors parsing go.mod:\n/src/app/go.mod:3: ${line}\n`

describe('goRefusal', () => {
  it.each<[string, string, { input: string; hint: string } | undefined]>([
    [
      'Go 1.19 and a go line in 1.N.P form (the issue: the action picked Go 1.19.8 for go 1.19.8)',
      parsing("invalid go version '1.19.8': must match format 1.23"),
      {
        input: 'go.mod',
        hint:
          "Go before 1.21 reads only a go line of the form 1.N, and go.mod says go 1.19.8. Write 'go 1.19' (the " +
          'newest 1.19 patch is still used), or use Go 1.21 or newer (go-version).'
      }
    ],
    [
      'Go 1.19 and a release-candidate go line',
      parsing("invalid go version '1.19rc1': must match format 1.23"),
      { input: 'go.mod', hint: "and go.mod says go 1.19rc1. Write 'go 1.19'" }
    ],
    [
      'a malformed go line (with go-version set, the action reads no go line itself)',
      parsing("invalid go version '1.19.x': must match format 1.23"),
      {
        input: 'go.mod',
        hint: "The go line '1.19.x' of go.mod is not a Go version: write it as Go does, e.g. go 1.22 or go 1.22.3."
      }
    ],
    [
      'a go.work line',
      "go: errors parsing go.work:\n/src/go.work:1: invalid go version '1.20.1': must match format 1.23\n",
      { input: 'go.work', hint: 'and go.work says go 1.20.1' }
    ],
    [
      'go-version below 1.21 and a toolchain line',
      parsing('unknown directive: toolchain').replace(':3:', ':4:'),
      {
        input: 'go-version',
        hint: 'The Go in use is older than 1.21, which added the toolchain line of go.mod. Use Go 1.21 or newer'
      }
    ],
    [
      'a malformed toolchain line (Go 1.21 and later)',
      parsing("invalid toolchain version 'go1.22.x': must match format go1.23.0 or default"),
      { input: 'go.mod', hint: "The toolchain line 'go1.22.x' of go.mod is not a Go toolchain" }
    ],
    [
      'go-version below the go line (Go 1.21 and later, GOTOOLCHAIN=local)',
      'go: go.mod requires go >= 1.22.3 (running go 1.21.5; GOTOOLCHAIN=local)\n',
      {
        input: 'go-version',
        hint:
          'Go 1.21.5 is older than the go line of go.mod (go 1.22.3), and the action keeps the Go it installed ' +
          '(GOTOOLCHAIN=local). Set go-version to 1.22.3 or newer, or leave it empty so that the go line chooses.'
      }
    ],
    [
      'a dependency that needs a newer Go',
      'go: module example.com/dep@v1.2.3 requires go >= 1.23.0 (running go 1.22.2; GOTOOLCHAIN=local)\n',
      {
        input: 'go-version',
        hint:
          'The dependency example.com/dep@v1.2.3 needs Go 1.23.0 or newer, and this build uses Go 1.22.2. Set ' +
          'go-version to 1.23.0 or newer, and raise the go line of go.mod to match (go mod tidy does).'
      }
    ],
    [
      'a package that does not exist',
      'no required module provides package ./cmd/nope\n',
      undefined
    ],
    [
      'no go.mod',
      'go: go.mod file not found in current directory or any parent directory\n',
      undefined
    ],
    ['a syntax error in go.mod', parsing('unknown directive: gopher'), undefined]
  ])('%s', (_case, stderr, want) => {
    const got = goRefusal(stderr)
    if (!want) return expect(got).toBeUndefined()
    expect(got?.input).toBe(want.input)
    expect(got?.hint).toContain(want.hint)
    expect(got?.hint).not.toContain('working-directory')
  })
})

describe('loadError', () => {
  it("keeps Go's words, and gives the version's fix instead of the package's", () => {
    const e = loadError(
      '.',
      '/src/app',
      parsing("invalid go version '1.19.8': must match format 1.23"),
      'Set working-directory to the Go module.'
    )
    expect(e).toBeInstanceOf(InputError)
    expect(e.message).toBe(
      "go.mod: Go cannot load '.' in working-directory '/src/app': go: errors parsing go.mod:\n/src/app/go.mod:3: " +
        "invalid go version '1.19.8': must match format 1.23. Go before 1.21 reads only a go line of the form 1.N, " +
        "and go.mod says go 1.19.8. Write 'go 1.19' (the newest 1.19 patch is still used), or use Go 1.21 or newer " +
        '(go-version).'
    )
  })

  it('gives the fix it was given for anything else', () => {
    expect(
      loadError('./x', '/w', 'no required module provides package ./x\n', 'Fix package.').message
    ).toBe(
      "package: Go cannot load './x' in working-directory '/w': no required module provides package ./x. Fix package."
    )
  })
})
