import { describe, expect, it } from '@jest/globals'
import { actionInputs } from '../action-yml.js'
import { CLI_ONLY, GROUPS, OPTIONS } from '../../src/cli/options.js'
import { ACTION_INPUTS } from '../../src/cli/options.generated.js'
import { parseArgs, UsageError } from '../../src/cli/args.js'
import { helpText } from '../../src/cli/help.js'
import { ENV_DEFAULTS, localInputs, localNotes } from '../../src/cli/local.js'
import { cliLogger } from '../../src/cli/logger.js'
import { resultText } from '../../src/cli/result.js'
import { parseConfig } from '../../src/config.js'
import { inActions } from '../../src/edge.js'
import { Output } from '../../src/terminal.js'
import type { Result } from '../../src/pipeline/result.js'
import { thrownBy } from './helpers.js'

describe('the options and action.yml', () => {
  it('reads action.yml the way the test means to (folded descriptions, quoted defaults)', () => {
    const inputs = actionInputs()
    expect(inputs.length).toBeGreaterThan(30)
    const password = inputs.find(i => i.name === 'registry-password')!
    expect(password.description).toMatch(/^Registry password or token, .* Masked in logs\.$/)
    expect(password.default).toBeUndefined()
    expect(inputs.find(i => i.name === 'push')!.default).toBe('true')
  })

  it('generated src/cli/options.generated.ts from the action.yml there is (else: npm run cli-options)', () => {
    expect(ACTION_INPUTS).toEqual(actionInputs())
  })

  it('knows the --help group and the flag kind of every input, and of nothing else', () => {
    const names = actionInputs().map(i => i.name)
    expect(Object.keys(CLI_ONLY).sort()).toEqual([...names].sort())
  })

  it('has exactly the inputs of action.yml, in order, with their descriptions and defaults', () => {
    expect(
      OPTIONS.map(o => ({ name: o.name, description: o.description, default: o.default }))
    ).toEqual(
      actionInputs().map(i => ({ name: i.name, description: i.description, default: i.default }))
    )
  })

  it('puts every option in a group that --help prints', () => {
    for (const o of OPTIONS) expect(Object.keys(GROUPS)).toContain(o.group)
  })

  it('lists every input in --help with its description and default', () => {
    const help = helpText()
    const flat = help.replace(/\n\s+/g, ' ')
    for (const i of actionInputs()) {
      expect(help).toMatch(new RegExp(`^ {2}--${i.name}\\b`, 'm'))
      expect(flat).toContain(i.description)
      if (i.default !== undefined) expect(flat).toContain(i.default)
    }
    for (const title of Object.values(GROUPS)) expect(help).toContain(`\n${title}:\n`)
  })
})

describe('parseArgs', () => {
  it('takes --name value and --name=value', () => {
    expect(parseArgs(['--image', 'ghcr.io/acme/app', '--go-version=1.22']).inputs).toEqual({
      image: 'ghcr.io/acme/app',
      'go-version': '1.22'
    })
  })

  it('keeps an = and everything after it in a value', () => {
    expect(parseArgs(['--ldflags=-X main.v=1']).inputs).toEqual({ ldflags: '-X main.v=1' })
    expect(parseArgs(['--labels', 'a=b=c']).inputs).toEqual({ labels: 'a=b=c' })
  })

  it('takes a value that starts with one dash', () => {
    expect(parseArgs(['--ldflags', '-X main.v=1', '--args', '-h']).inputs).toEqual({
      ldflags: '-X main.v=1',
      args: '-h'
    })
  })

  it('refuses a missing value, and a next flag as a value', () => {
    expect(() => parseArgs(['--image'])).toThrow('--image needs a value')
    expect(() => parseArgs(['--image', '--push'])).toThrow('--image needs a value')
  })

  it('accepts an empty value with =', () => {
    expect(parseArgs(['--go-version=']).inputs).toEqual({ 'go-version': '' })
  })

  it.each([
    [['--push'], 'true'],
    [['--no-push'], 'false'],
    [['--push=false'], 'false'],
    [['--push=true'], 'true'],
    [['--push', 'false'], 'false'],
    [['--push', 'TRUE'], 'TRUE']
  ])('reads the boolean %j as %s', (argv, value) => {
    expect(parseArgs(argv).inputs).toEqual({ push: value })
  })

  it('leaves a non-boolean value of a boolean flag to parseConfig, which names the input', () => {
    const inputs = parseArgs(['--push=yes', '--image', 'x.io/a']).inputs
    expect(inputs.push).toBe('yes')
    expect(() => parseConfig(n => inputs[n] ?? '', {})).toThrow(/^push: 'yes' is not a boolean/)
  })

  it('refuses a value for --no-', () => {
    expect(() => parseArgs(['--no-push=true'])).toThrow('--no-push takes no value')
  })

  it('does not take the next argument as a boolean value unless it is true or false', () => {
    expect(parseArgs(['--push', 'app']).inputs).toEqual({
      push: 'true',
      'working-directory': 'app'
    })
  })

  it.each([
    'platforms',
    'tags',
    'files',
    'env',
    'labels',
    'build-env',
    'extra-ca-certificates',
    'expose',
    'zoneinfo'
  ])('joins a repeated --%s with newlines', name => {
    expect(parseArgs([`--${name}`, 'a', `--${name}=b`, `--${name}`, 'c']).inputs).toEqual({
      [name]: 'a\nb\nc'
    })
  })

  it('refuses a single-valued option given twice', () => {
    expect(() => parseArgs(['--binary-name', 'a', '--binary-name', 'b'])).toThrow(
      '--binary-name is given twice'
    )
    expect(() => parseArgs(['--push', '--no-push'])).toThrow('--push is given twice')
  })

  it('takes --image and --package more than once, as their lines', () => {
    expect(
      parseArgs([
        '--image',
        'ghcr.io/a/{{.Name}}',
        '--image',
        'docker.io/a/{{.Name}}',
        '--package',
        './cmd/...'
      ]).inputs
    ).toEqual({ image: 'ghcr.io/a/{{.Name}}\ndocker.io/a/{{.Name}}', package: './cmd/...' })
  })

  it('takes a positional argument as working-directory', () => {
    expect(parseArgs(['examples/hello', '--image', 'r/a']).inputs).toEqual({
      'working-directory': 'examples/hello',
      image: 'r/a'
    })
    expect(parseArgs(['--', '--odd-dir']).inputs).toEqual({ 'working-directory': '--odd-dir' })
  })

  it('refuses two positional arguments, or one beside --working-directory', () => {
    expect(() => parseArgs(['a', 'b'])).toThrow(
      "one working directory at the most, got 'a' and 'b'"
    )
    expect(() => parseArgs(['a', '--working-directory', 'b'])).toThrow('given twice')
  })

  it.each([['--bogus'], ['--no-image'], ['-x'], ['--Push'], ['--bogus=1']])(
    'refuses the unknown flag %s, naming it',
    arg => {
      expect(thrownBy(() => parseArgs(['--push', arg]), UsageError).message).toBe(
        `unknown option ${arg.replace(/=.*/, '')}`
      )
    }
  )

  it('knows --help, -h, --verbose and -v', () => {
    expect(parseArgs(['--help'])).toEqual({ help: true, verbose: false, inputs: {} })
    expect(parseArgs(['-h', '-v'])).toEqual({ help: true, verbose: true, inputs: {} })
    expect(parseArgs(['--verbose']).verbose).toBe(true)
  })

  it('accepts every option of the table', () => {
    for (const o of OPTIONS) {
      const argv = o.kind === 'boolean' ? [`--${o.name}`] : [`--${o.name}`, 'v']
      expect(Object.keys(parseArgs(argv).inputs)).toEqual([o.name])
    }
  })
})

describe('local defaults', () => {
  const config = (given: Record<string, string>) => {
    const inputs = localInputs(given)
    return parseConfig(n => inputs[n] ?? '', { GITHUB_WORKSPACE: '/here' })
  }

  it('without --image and --push: no push, the OCI layout in ./oci-layout, no cache', () => {
    expect(localInputs({})).toEqual({ cache: 'false', push: 'false', 'oci-layout': './oci-layout' })
    const c = config({})
    expect(c).toMatchObject({ push: false, ociLayout: '/here/oci-layout', cache: false })
    expect(localNotes({}, c)).toEqual([
      'No --image and no --push: not pushing; the image is written as an OCI layout to /here/oci-layout. Give --image REPOSITORY to push.'
    ])
  })

  it('keeps a chosen --oci-layout', () => {
    expect(config({ 'oci-layout': 'out' }).ociLayout).toBe('/here/out')
  })

  it('with --image: pushes, as the action does, and writes no layout unless asked', () => {
    expect(localInputs({ image: 'r/a' })).toEqual({ cache: 'false', image: 'r/a' })
    const c = config({ image: '127.0.0.1:5000/a' })
    expect(c).toMatchObject({ push: true, ociLayout: '' })
    expect(localNotes({ image: '127.0.0.1:5000/a' }, c)).toEqual([])
  })

  it('with --push and no --image: the action error, naming image', () => {
    expect(() => config({ push: 'true' })).toThrow(/^image: required when push is true/)
  })

  it('with --no-push only: says that nothing is kept', () => {
    expect(localInputs({ push: 'false' })).toEqual({ cache: 'false', push: 'false' })
    expect(localNotes({ push: 'false' }, config({ push: 'false' }))).toEqual([
      'Not pushing and no --oci-layout: the image is built and measured, and not kept.'
    ])
  })

  it('takes GO_DOWNLOAD_BASE_URL from the environment when --go-download-base-url is not given', () => {
    const env = { GO_DOWNLOAD_BASE_URL: ' https://mirror.example/go/ ' }
    expect(localInputs({}, env)['go-download-base-url']).toBe('https://mirror.example/go/')
    const inputs = localInputs({}, env)
    const c = parseConfig(n => inputs[n] ?? '', { GITHUB_WORKSPACE: '/here' })
    expect(c.goDownloadBaseUrl).toBe('https://mirror.example/go')
    // The flag wins; an empty variable is no value.
    expect(
      localInputs({ 'go-download-base-url': 'https://flag.example' }, env)['go-download-base-url']
    ).toBe('https://flag.example')
    expect(localInputs({}, { GO_DOWNLOAD_BASE_URL: '' })).not.toHaveProperty('go-download-base-url')
    expect(localInputs({})).not.toHaveProperty('go-download-base-url')
  })

  it('says in --help which variable a flag falls back to', () => {
    expect(ENV_DEFAULTS).toEqual({ 'go-download-base-url': 'GO_DOWNLOAD_BASE_URL' })
    const flat = helpText().replace(/\n\s+/g, ' ')
    expect(flat).toContain('--go-download-base-url VALUE Where Go releases are listed')
    expect(flat).toContain('default: $GO_DOWNLOAD_BASE_URL when set, else https://go.dev/dl')
  })

  it('lets --cache be turned on', () => {
    expect(config({ cache: 'true' }).cache).toBe(true)
  })
})

function recorder(
  verbose = false,
  actions = false
): { output: Output; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  const output = new Output(
    verbose,
    { out: t => void out.push(t), err: t => void err.push(t) },
    actions
  )
  return { output, out, err }
}

describe('Output and the logger', () => {
  it('prints plain lines: groups as headers, warnings on stderr, debug only when verbose', async () => {
    const { output, out, err } = recorder()
    const logger = cliLogger(output)
    expect(await logger.group('Build', async () => (logger.info('compiling'), 7))).toBe(7)
    logger.warning('careful')
    logger.debug('hidden')
    // The duration line is the stage graph's (graph.test.ts), not the logger's.
    expect(out.join('')).toBe('\n== Build ==\ncompiling\n')
    expect(err.join('')).toBe('warning: careful\n')

    const verbose = recorder(true)
    cliLogger(verbose.output).debug('shown')
    expect(verbose.out.join('')).toBe('debug: shown\n')
  })

  it('replaces secrets in every line, the longest first', () => {
    const { output, out, err } = recorder()
    const logger = cliLogger(output)
    output.mask('hunter2')
    logger.mask('hunter2-token')
    logger.info('password hunter2, token hunter2-token')
    logger.warning('hunter2\nagain hunter2')
    output.print('raw hunter2 write')
    expect(out.join('')).toBe('password ***, token ***\nraw *** write')
    expect(err.join('')).toBe('warning: ***\nagain ***\n')
  })

  it('ignores an empty secret', () => {
    const { output, out } = recorder()
    output.mask('')
    output.print('abc\n')
    expect(out.join('')).toBe('abc\n')
  })

  it("turns the toolkit's workflow commands into plain lines, and takes ::add-mask:: as a secret", () => {
    const { output } = recorder()
    expect(output.filter('::debug::Downloading x\nkept\n')).toBe('kept\n')
    expect(output.filter('::warning file=a,line=1::bad%0Anext\n')).toBe('warning: bad\nnext\n')
    expect(output.filter('::error::100%25 wrong\n')).toBe('error: 100% wrong\n')
    expect(output.filter('::group::Step\n::endgroup::\n')).toBe('== Step ==\n')
    expect(output.filter('::add-mask::s3cret\nthe s3cret\n')).toBe('the ***\n')
    expect(output.filter('::save-state name=x::1\n')).toBe('')
    expect(output.filter('::1 is loopback\n')).toBe('::1 is loopback\n')
    expect(recorder(true).output.filter('::debug::seen\n')).toBe('debug: seen\n')
  })

  it('is in a workflow step exactly when GITHUB_ACTIONS is true', () => {
    expect(inActions({ GITHUB_ACTIONS: 'true' })).toBe(true)
    expect(inActions({})).toBe(false)
    expect(inActions({ GITHUB_ACTIONS: '' })).toBe(false)
  })

  it('in a workflow step, folds groups with ::group:: and makes warnings annotations', async () => {
    const { output, out, err } = recorder(false, true)
    const logger = cliLogger(output)
    expect(await logger.group('Build 100%', async () => (logger.info('compiling'), 7))).toBe(7)
    logger.warning('careful\nnext line')
    logger.debug('for step debug')
    expect(out.join('')).toBe(
      '::group::Build 100%25\ncompiling\n::endgroup::\n::warning::careful%0Anext line\n::debug::for step debug\n'
    )
    expect(err).toEqual([])
  })

  it('in a workflow step, closes the group of a phase that failed', async () => {
    const { output, out } = recorder(false, true)
    await expect(
      cliLogger(output).group('Push', () => Promise.reject(new Error('refused')))
    ).rejects.toThrow('refused')
    expect(out.join('')).toBe('::group::Push\n::endgroup::\n')
  })

  it("in a workflow step, leaves the toolkit's workflow commands to the runner, still masking", () => {
    const { output } = recorder(false, true)
    expect(output.filter('::debug::Downloading x\nkept\n')).toBe('::debug::Downloading x\nkept\n')
    expect(output.filter('::warning file=a,line=1::bad%0Anext\n')).toBe(
      '::warning file=a,line=1::bad%0Anext\n'
    )
    // The runner must read the secret to mask it; every other line has it replaced here as well.
    expect(output.filter('::add-mask::s3cret\nthe s3cret\n')).toBe('::add-mask::s3cret\nthe ***\n')
  })
})

describe('resultText', () => {
  const result: Result = {
    goVersion: '1.22.5',
    digest: 'sha256:abc',
    imageRef: '127.0.0.1:5000/app@sha256:abc',
    tags: ['v1', 'latest'],
    pushed: true,
    sizes: [
      {
        platform: 'linux/amd64',
        size: 2_000_000,
        uncompressedSize: 5_000_000,
        configSize: 1000,
        binarySize: 4_000_000,
        layers: [
          {
            name: 'binary',
            size: 1_999_000,
            uncompressedSize: 4_990_000,
            digest: 'sha256:l'
          }
        ]
      }
    ],
    comparisons: [],
    gateFailures: [],
    size: 2_000_000,
    uncompressedSize: 5_000_000,
    binarySize: 4_000_000,
    dockerfile: '/t/context/Dockerfile',
    context: '/t/context',
    ociLayout: '/out/layout',
    ociReference: 'oci:/out/layout:v1'
  }

  it('prints the key outputs, and not the size table the run printed before', () => {
    const text = resultText(result)
    expect(text).not.toContain('linux/amd64')
    expect(text).not.toContain('layer')
    expect(text.startsWith('digest:            sha256:abc\n')).toBe(true)
    expect(text).toContain('image-ref:         127.0.0.1:5000/app@sha256:abc\n')
    expect(text).toContain('tags:              v1, latest\n')
    expect(text).toContain('size:              1.91 MiB (2,000,000 B) compressed\n')
    expect(text).toContain('go-version:        1.22.5\n')
    expect(text).toContain('oci-layout:        /out/layout (oci:/out/layout:v1)\n')
  })

  it('says when nothing was pushed, and leaves out what is not there', () => {
    const text = resultText({
      ...result,
      pushed: false,
      tags: [],
      imageRef: '',
      ociLayout: '',
      ociReference: ''
    })
    expect(text).toContain('tags:              (not pushed)\n')
    expect(text).not.toContain('image-ref:')
    expect(text).not.toContain('oci-layout:')
    expect(text).not.toContain('vulnerabilities:')
  })

  it('prints the vulnerability check: the counts and the reachable IDs, or that it could not check', () => {
    const finding = {
      aliases: [],
      summary: 's',
      module: 'github.com/google/uuid',
      version: 'v1.3.0',
      packages: [],
      symbols: [],
      platforms: ['linux/amd64']
    }
    const text = resultText({
      ...result,
      vulnerabilities: {
        schemaVersion: 1,
        findings: [
          { ...finding, id: 'GO-2099-0001', reachability: 'reachable' },
          {
            ...finding,
            id: 'GO-2099-0004',
            reachability: 'reachable',
            allowed: { id: 'GO-2099-0004' }
          },
          { ...finding, id: 'GO-2099-0002', reachability: 'module-only' }
        ],
        reachable: 2,
        blocking: 1,
        moduleOnly: 1
      }
    })
    expect(text).toContain(
      'vulnerabilities:   2 reachable (1 not allowed), 1 module-only: GO-2099-0001, GO-2099-0004 (allowed)\n'
    )
    const skipped = resultText({
      ...result,
      vulnerabilities: {
        schemaVersion: 1,
        findings: [],
        reachable: 0,
        blocking: 0,
        moduleOnly: 0,
        skipped: 'x'
      }
    })
    expect(skipped).toContain('vulnerabilities:   not checked')
  })
})
