import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config.js'
import {
  checkImageNames,
  checkTemplate,
  fansOut,
  findMainPackages,
  imageRefs,
  MAIN_FORMAT,
  parseMainList,
  relativePackage,
  renderTemplate,
  type MainTarget
} from '../../src/images/targets.js'
import { InputError, type Runner } from '../../src/ports.js'
import { rejectionOf, thrownBy } from './helpers.js'

const parse = (inputs: Record<string, string>) =>
  parseConfig(name => inputs[name] ?? '', { GITHUB_WORKSPACE: '/ws' })

const fails = (f: () => unknown): string => thrownBy(f, InputError).message

describe('image templates', () => {
  it('knows {{.Name}}, with or without spaces, and renders every occurrence', () => {
    expect(checkTemplate('ghcr.io/acme/{{.Name}}', 'image')).toBe(true)
    expect(checkTemplate('ghcr.io/acme/{{ .Name }}-{{.Name}}', 'image')).toBe(true)
    expect(checkTemplate('ghcr.io/acme/app', 'image')).toBe(false)
    expect(renderTemplate('ghcr.io/acme/{{ .Name }}-{{.Name}}', 'api')).toBe('ghcr.io/acme/api-api')
  })

  it('rejects an unknown key, naming the input and the value', () => {
    const m = fails(() => parse({ image: 'ghcr.io/acme/{{.Version}}' }))
    expect(m).toContain('image:')
    expect(m).toContain("'{{.Version}}'")
    expect(m).toContain("'ghcr.io/acme/{{.Version}}'")
    expect(m).toContain('{{.Name}}')
    // Go's templates are case-sensitive: {{.name}} is another key.
    expect(fails(() => checkTemplate('ghcr.io/{{.name}}', 'image'))).toContain("'{{.name}}'")
  })

  it('rejects an unclosed template', () => {
    expect(fails(() => parse({ image: 'ghcr.io/acme/{{.Name' }))).toMatch(
      /^image: 'ghcr.io\/acme\/\{\{\.Name' has an unclosed template/
    )
  })

  it('says which name made a repository invalid', () => {
    const m = fails(() => imageRefs(['ghcr.io/acme/{{.Name}}'], 'MyTool'))
    expect(m).toContain('uppercase')
    expect(m).toContain("'ghcr.io/acme/{{.Name}}' with {{.Name}} = 'MyTool'")
  })

  it('checks the repository around the template before the build', () => {
    expect(fails(() => parse({ image: 'ghcr.io/Acme/{{.Name}}' }))).toContain('uppercase')
  })
})

describe('package and image lines in the config', () => {
  it('keeps one package and one image as before', () => {
    const c = parse({ image: 'ghcr.io/acme/app', package: './cmd/app' })
    expect(c.package).toBe('./cmd/app')
    expect(c.packages).toEqual(['./cmd/app'])
    expect(c.image).toEqual({ registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'acme/app' })
    expect(c.mirrors).toEqual([])
    expect(fansOut(c)).toBe(false)
  })

  it('takes several registries, the first as image and the others as mirrors', () => {
    const c = parse({
      image: 'ghcr.io/acme/app\n docker.io/acme/app \n# a comment\n127.0.0.1:5001/app'
    })
    expect(c.image?.registry).toBe('ghcr.io')
    expect(c.mirrors).toEqual([
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'acme/app' },
      { registry: '127.0.0.1:5001', apiHost: '127.0.0.1:5001', repository: 'app' }
    ])
    expect(c.imageLines).toHaveLength(3)
    expect(fansOut(c)).toBe(false)
  })

  it('refuses the same repository twice', () => {
    expect(fails(() => parse({ image: 'ghcr.io/acme/app\nghcr.io/acme/app' }))).toContain(
      'ghcr.io/acme/app is listed twice'
    )
  })

  it('accepts {{.Name}} with one package: the name comes from go list', () => {
    const c = parse({ image: 'ghcr.io/acme/{{.Name}}' })
    expect(c.image).toBeUndefined()
    expect(c.imageLines).toEqual(['ghcr.io/acme/{{.Name}}'])
    expect(fansOut(c)).toBe(true)
  })

  it('fans out for several lines or a pattern', () => {
    const lines = parse({ package: './cmd/a\n./cmd/b', image: 'r.example/{{.Name}}' })
    expect(lines.packages).toEqual(['./cmd/a', './cmd/b'])
    expect(lines.package).toBe('./cmd/a')
    expect(fansOut(lines)).toBe(true)
    expect(fansOut(parse({ package: './cmd/...', push: 'false' }))).toBe(true)
  })

  it('refuses several packages in one repository', () => {
    const m = fails(() => parse({ package: './cmd/a\n./cmd/b', image: 'ghcr.io/acme/app' }))
    expect(m).toMatch(/^image: 'ghcr.io\/acme\/app' has no \{\{\.Name\}\}/)
    expect(m).toContain('./cmd/a, ./cmd/b')
    // Every line: a second registry without the name would get both images under one name too.
    expect(
      fails(() =>
        parse({ package: './cmd/a\n./cmd/b', image: 'ghcr.io/acme/{{.Name}}\ndocker.io/acme/app' })
      )
    ).toContain("'docker.io/acme/app' has no {{.Name}}")
  })

  it('gives each image its own baseline with {{.Name}} in compare-to, and refuses one for several', () => {
    const c = parse({
      package: './cmd/a\n./cmd/b',
      image: 'r.example/{{.Name}}',
      'compare-to': 'r.example/{{.Name}}:main'
    })
    expect(c.compareToLine).toBe('r.example/{{.Name}}:main')
    expect(fansOut(parse({ 'compare-to': 'r.example/{{.Name}}:main', push: 'false' }))).toBe(true)
    expect(
      fails(() =>
        parse({
          package: './cmd/a\n./cmd/b',
          image: 'r.example/{{.Name}}',
          'compare-to': 'r.example/app:main'
        })
      )
    ).toMatch(/^compare-to: 'r.example\/app:main' has no \{\{\.Name\}\}, but package gives several/)
    expect(fails(() => parse({ 'compare-to': 'r.example/{{.Tag}}', push: 'false' }))).toMatch(
      /^compare-to: unknown template key '\{\{\.Tag\}\}'/
    )
  })

  it('refuses push-by-digest for one image per package: a matrix leg pushes one image', () => {
    expect(
      fails(() =>
        parse({ package: './cmd/...', image: 'r.example/{{.Name}}', 'push-by-digest': 'true' })
      )
    ).toMatch(/^push-by-digest: a matrix leg pushes one image/)
  })

  it('refuses binary-name with several packages, and a .go file among them', () => {
    expect(
      fails(() => parse({ package: './cmd/a\n./cmd/b', 'binary-name': 'app', push: 'false' }))
    ).toMatch(/^binary-name: 'app' names one binary, but package lists 2 packages/)
    expect(fails(() => parse({ package: 'main.go\n./cmd/b', push: 'false' }))).toMatch(
      /^package: 'main.go' is one .go file/
    )
  })
})

/** A go that answers go list from a table of patterns, as the real one printed them for the fixture. */
function fakeGo(answers: Record<string, { stdout?: string; stderr?: string; exitCode?: number }>): {
  runner: Runner
  calls: string[][]
} {
  const calls: string[][] = []
  return {
    calls,
    runner: {
      run: async (_cmd, args) => {
        calls.push(args)
        const a = answers[args[args.length - 1]!]
        if (!a) throw new Error(`unexpected go ${args.join(' ')}`)
        return { exitCode: a.exitCode ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '' }
      }
    }
  }
}

const CWD = '/src/mono'
const LIST = {
  // Real output of go list -f MAIN_FORMAT on __tests__/fixtures/monorepo (greet is no main package: a blank line).
  './...': {
    stdout: `example.com/mono/cmd/a ${CWD}/cmd/a\nexample.com/mono/cmd/b ${CWD}/cmd/b\n\n`
  },
  './cmd/...': {
    stdout: `example.com/mono/cmd/a ${CWD}/cmd/a\nexample.com/mono/cmd/b ${CWD}/cmd/b\n`
  },
  './cmd/b': { stdout: `example.com/mono/cmd/b ${CWD}/cmd/b\n` },
  './greet': { stdout: '\n' },
  './tools/...': { stdout: '', stderr: 'go: warning: "./tools/..." matched no packages' },
  './nope': { exitCode: 1, stderr: 'stat /src/mono/nope: directory not found' },
  './v2/cmd/a': { stdout: `example.com/mono/v2/cmd/a ${CWD}/v2/cmd/a\n` },
  './other/a': { stdout: `example.com/mono/other/a ${CWD}/other/a\n` },
  'hello.go': { stdout: `command-line-arguments ${CWD}\n` }
}

const find = (packages: string[], binaryName = ''): Promise<MainTarget[]> =>
  findMainPackages({
    runner: fakeGo(LIST).runner,
    goBin: '/go/bin/go',
    env: {},
    cwd: CWD,
    packages,
    binaryName
  })

const rejects = async (p: Promise<unknown>): Promise<string> =>
  (await rejectionOf(p, InputError)).message

describe('findMainPackages', () => {
  it('asks go list for main packages only, one line at a time', async () => {
    const go = fakeGo(LIST)
    await findMainPackages({
      runner: go.runner,
      goBin: 'go',
      env: {},
      cwd: CWD,
      packages: ['./cmd/...'],
      binaryName: ''
    })
    expect(go.calls).toEqual([['list', '-f', MAIN_FORMAT, './cmd/...']])
  })

  it('expands a pattern into one target per main package, in go list order', async () => {
    expect(await find(['./...'])).toEqual([
      { pkg: './cmd/a', importPath: 'example.com/mono/cmd/a', name: 'a' },
      { pkg: './cmd/b', importPath: 'example.com/mono/cmd/b', name: 'b' }
    ])
  })

  it('lists each package once, in the order of the lines', async () => {
    expect((await find(['./cmd/b', './cmd/...'])).map(m => m.name)).toEqual(['b', 'a'])
  })

  it('names a major-version folder after the element before it, as go install does', async () => {
    expect((await find(['./v2/cmd/a'])).map(m => m.name)).toEqual(['a'])
  })

  it('takes binary-name for a single package, and a .go file by its name', async () => {
    expect(await find(['./cmd/b'], 'server')).toEqual([
      { pkg: './cmd/b', importPath: 'example.com/mono/cmd/b', name: 'server' }
    ])
    expect(await find(['hello.go'])).toEqual([
      { pkg: 'hello.go', importPath: 'command-line-arguments', name: 'hello' }
    ])
  })

  it('refuses a pattern without main packages, a library, and what Go cannot load', async () => {
    expect(await rejects(find(['./tools/...']))).toMatch(
      /^package: '.\/tools\/...' matches no main package in working-directory '\/src\/mono'/
    )
    expect(await rejects(find(['./greet']))).toMatch(/^package: '.\/greet' is not a main package/)
    expect(await rejects(find(['./nope']))).toContain('directory not found')
  })

  it('refuses two binaries of one name, and binary-name for a pattern with several', async () => {
    expect(await rejects(find(['./cmd/...', './other/a']))).toBe(
      "package: ./cmd/a and ./other/a both give a binary named 'a', and each image is named after its binary. " +
        'List the packages apart, or build them in separate steps with binary-name.'
    )
    expect(await rejects(find(['./cmd/...'], 'app'))).toMatch(
      /^binary-name: 'app' names one binary, but package gives 2 main packages \(.\/cmd\/a, .\/cmd\/b\)/
    )
  })

  it('refuses a pattern of several packages when image has no {{.Name}}', async () => {
    const mains = await find(['./cmd/...'])
    expect(fails(() => checkImageNames(['ghcr.io/acme/app'], mains))).toContain(
      '2 main packages (a, b)'
    )
    expect(() => checkImageNames(['ghcr.io/acme/app'], mains.slice(0, 1))).not.toThrow()
    expect(() => checkImageNames(['ghcr.io/acme/{{.Name}}'], mains)).not.toThrow()
    expect(fails(() => checkImageNames(['r/{{.Name}}'], mains, 'r/app:main'))).toMatch(
      /^compare-to: 'r\/app:main' has no \{\{\.Name\}\}, but package gives several main packages \(a, b\)/
    )
  })
})

describe('go list output', () => {
  it('keeps spaces in a folder and skips blank lines', () => {
    expect(parseMainList('x/cmd/a /home/me/my code/cmd/a\n\n')).toEqual([
      { importPath: 'x/cmd/a', dir: '/home/me/my code/cmd/a' }
    ])
  })

  it('writes packages as paths relative to working-directory', () => {
    expect(relativePackage('/m', '/m/cmd/a')).toBe('./cmd/a')
    expect(relativePackage('/m', '/m')).toBe('.')
    expect(relativePackage('/m/sub', '/m/cmd/a')).toBe('../cmd/a')
  })
})
