// End to end: the bundled command line (dist/cli/index.js) against the Go mirror and the registries, as a developer would run it.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { actionInputs } from '../action-yml.js'
import { sh, skopeo } from './commands.js'
import { ACTION, copyFixture, EXAMPLES, MIRROR, requireEnvironment, tempDir } from './harness.js'
import { AUTH, AUTH_REGISTRY, digestOf, REGISTRY, uniqueRepo } from './registries.js'

const CLI = path.join(path.dirname(ACTION), 'cli', 'index.js')

/** One HOME for the file: Go is downloaded into its tool cache once, and Go's build cache stays warm. */
let home: string

beforeAll(async () => {
  await requireEnvironment()
  home = await tempDir('gsi-cli-home-')
})

interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** The TMPDIR the run had to itself, to see what it left behind. */
  tmp: string
}

/**
 * Runs the CLI with a clean environment: a temp HOME and Docker config, no GitHub or runner variables unless
 * extra gives some.
 */
async function cli(
  args: string[],
  cwd: string,
  extra: Record<string, string> = {}
): Promise<CliRun> {
  const tmp = await tempDir('gsi-cli-tmp-')
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    DOCKER_CONFIG: path.join(home, 'docker-config'),
    TMPDIR: tmp,
    ...extra
  }
  // vuln.go.dev is out of reach here: the vulnerability check has its own tests (vuln-action.test.ts).
  const offline = args.some(a => a.startsWith('--vulnerabilities')) ? [] : ['--vulnerabilities=off']
  return { ...(await sh(process.execPath, [CLI, ...offline, ...args], { cwd, env })), tmp }
}

/** The value of a `name: value` line of the result block. */
function outputLine(stdout: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(stdout)?.[1]
}

/** A temp folder holding a copy of examples/hello, to run the CLI from. */
async function helloCopy(): Promise<string> {
  return path.dirname(await copyFixture('hello', EXAMPLES))
}

describe('the command line', () => {
  it('builds examples/hello into an OCI layout that skopeo reads', async () => {
    const cwd = await helloCopy()
    const layout = path.join(await tempDir('gsi-cli-layout-'), 'layout')
    const run = await cli(['--go-download-base-url', MIRROR, '--oci-layout', layout, 'hello'], cwd)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // Plain lines: no workflow commands, groups as headers, Go in the local tool cache.
    expect(run.stdout).not.toMatch(/^::/m)
    expect(run.stdout).toMatch(/^== Build example\.com\/hello for linux\/amd64 ==$/m)
    expect(run.stdout).toContain(path.join(home, '.cache', 'go-scratch-image', 'tool-cache', 'go'))
    expect(run.stdout).toContain(
      `No --image and no --push: not pushing; the image is written as an OCI layout to ${layout}.`
    )

    const digest = outputLine(run.stdout, 'digest')!
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(outputLine(run.stdout, 'tags')).toBe('(not pushed)')
    expect(outputLine(run.stdout, 'size')).toMatch(/^[\d.]+ (KiB|MiB) \([\d,]+ B\) compressed$/)
    expect(outputLine(run.stdout, 'oci-layout')).toBe(`${layout} (oci:${layout}:latest)`)
    // The size table, once: under "Image size", and not again in the result.
    expect(run.stdout).toMatch(/^== Image size ==\nlinux\/amd64: .* compressed\nlayer +compressed/m)
    expect(run.stdout.match(/^linux\/amd64: .* compressed$/gm)).toHaveLength(1)

    const inspect = await skopeo(['inspect', `oci:${layout}:latest`])
    expect(inspect.stderr).toBe('')
    const info = JSON.parse(inspect.stdout) as { Digest: string; Os: string; Architecture: string }
    expect(info).toMatchObject({ Digest: digest, Os: 'linux', Architecture: 'amd64' })

    // Nothing but the layout is kept: the scratch directory is gone, and no default layout was written.
    expect(await readdir(run.tmp)).toEqual([])
    expect(await readdir(cwd)).toEqual(['hello'])
  })

  it('writes ./oci-layout where it runs when neither --image nor --push is given', async () => {
    const cwd = await helloCopy()
    const run = await cli(['--go-download-base-url', MIRROR, 'hello'], cwd)
    expect(run.code).toBe(0)
    const layout = path.join(cwd, 'oci-layout')
    expect((await stat(path.join(layout, 'index.json'))).isFile()).toBe(true)
    expect(outputLine(run.stdout, 'oci-layout')).toBe(`${layout} (oci:${layout}:latest)`)
    const inspect = await skopeo(['inspect', `oci:${layout}:latest`])
    expect(JSON.parse(inspect.stdout)).toMatchObject({ Digest: outputLine(run.stdout, 'digest') })
  })

  it('prints, with several tags, an oci:DIR:TAG that skopeo inspects as the built image', async () => {
    const cwd = await helloCopy()
    const layout = path.join(await tempDir('gsi-cli-layout-'), 'layout')
    const tags = ['--tags', 'v1', '--tags', 'edge']
    const run = await cli(
      ['--go-download-base-url', MIRROR, '--oci-layout', layout, ...tags, 'hello'],
      cwd
    )
    expect(run.code).toBe(0)
    const hint =
      /^OCI layout written to (.*) \(tags v1, edge\); inspect it with: (skopeo inspect .*)$/m.exec(
        run.stdout
      )
    expect(hint?.slice(1)).toEqual([layout, `skopeo inspect oci:${layout}:v1`])
    expect(outputLine(run.stdout, 'oci-layout')).toBe(`${layout} (oci:${layout}:v1)`)

    // The printed command, run as printed: it names the image that was built.
    const [cmd, ...args] = hint![2]!.split(' ')
    expect(cmd).toBe('skopeo')
    const inspect = await skopeo(args)
    expect(inspect.stderr).toBe('')
    expect(JSON.parse(inspect.stdout)).toMatchObject({
      Digest: outputLine(run.stdout, 'digest'),
      Architecture: 'amd64'
    })
    // Why the tag is needed: index.json has one entry per tag, and skopeo will not choose between them.
    const bare = await skopeo(['inspect', `oci:${layout}`])
    expect(bare.code).not.toBe(0)
    expect(bare.stderr).toContain('more than one image in oci, choose an image')
  })

  it('folds its phases into ::group:: blocks inside a workflow step (GITHUB_ACTIONS=true)', async () => {
    const cwd = await helloCopy()
    const run = await cli(['--go-download-base-url', MIRROR, '--no-push', 'hello'], cwd, {
      GITHUB_ACTIONS: 'true'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^::group::Build example\.com\/hello for linux\/amd64$/m)
    expect(run.stdout).not.toMatch(/^== Build/m)
    const opened = run.stdout.match(/^::group::/gm)?.length ?? 0
    expect(opened).toBeGreaterThanOrEqual(5)
    expect(run.stdout.match(/^::endgroup::$/gm)).toHaveLength(opened)
    expect(outputLine(run.stdout, 'digest')).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('pushes with --image and repeated --tags, and skopeo sees both tags', async () => {
    const cwd = path.join(await helloCopy(), 'hello')
    const repo = `${REGISTRY}/${uniqueRepo('cli')}`
    const run = await cli(
      ['--go-download-base-url', MIRROR, '--image', repo, '--tags', 'v1', '--tags=latest'],
      cwd
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const digest = outputLine(run.stdout, 'digest')!
    expect(outputLine(run.stdout, 'image-ref')).toBe(`${repo}@${digest}`)
    expect(outputLine(run.stdout, 'tags')).toBe('v1, latest')
    // With an image, push is on (as in the action) and no layout is written unless asked.
    expect(outputLine(run.stdout, 'oci-layout')).toBeUndefined()
    expect((await readdir(cwd)).sort()).toEqual(['go.mod', 'main.go'])

    for (const tag of ['v1', 'latest']) {
      const inspect = await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:${tag}`])
      expect(inspect.code).toBe(0)
      expect(JSON.parse(inspect.stdout)).toMatchObject({ Digest: digest, Architecture: 'amd64' })
    }
  })

  it('never prints the registry password, not even with --verbose or in an error', async () => {
    const cwd = path.join(await helloCopy(), 'hello')
    const repo = `${AUTH_REGISTRY}/${uniqueRepo('cli-auth')}`
    const ok = await cli(
      [
        '--verbose',
        '--go-download-base-url',
        MIRROR,
        '--image',
        repo,
        '--tags',
        'v1',
        '--registry-username',
        AUTH.username,
        `--registry-password=${AUTH.password}`,
        // A label that holds the password puts it into the printed Dockerfile, to see it masked there.
        '--labels',
        `note=${AUTH.password}`
      ],
      cwd
    )
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^debug: /m)
    expect(ok.stdout + ok.stderr).not.toContain(AUTH.password)
    expect(await digestOf(`${repo}:v1`)).toBe(outputLine(ok.stdout, 'digest'))

    const wrong = 'not-the-password-5b1e'
    const refused = await cli(
      [
        '--image',
        repo,
        '--registry-username',
        AUTH.username,
        '--registry-password',
        wrong,
        // An env line without = is quoted back in the error message.
        '--env',
        wrong
      ],
      cwd
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe("error: env: '***' is not KEY=VALUE. Write one KEY=VALUE a line.\n")
    expect(refused.stdout + refused.stderr).not.toContain(wrong)
  })

  it('lists every input of action.yml in --help and exits 0', async () => {
    const run = await cli(['--help'], await tempDir())
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^Usage: go-scratch-image \[options\] \[working-directory\]$/m)
    const names = actionInputs().map(i => i.name)
    expect(names.length).toBeGreaterThan(30)
    for (const name of names) expect(run.stdout).toMatch(new RegExp(`^ {2}--${name}\\b`, 'm'))
  })

  it('exits 2 on an unknown flag, naming it in one line', async () => {
    const cwd = await tempDir()
    const run = await cli(['--go-download-base-url', MIRROR, '--colour', 'hello'], cwd)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('go-scratch-image: unknown option --colour; see --help\n')
  })

  it('takes the Go mirror from GO_DOWNLOAD_BASE_URL, as the quick start says, and a flag over it', async () => {
    const cwd = await helloCopy()
    const viaEnv = await cli(['--no-push', 'hello'], cwd, { GO_DOWNLOAD_BASE_URL: MIRROR })
    expect(viaEnv.code).toBe(0)
    expect(viaEnv.stdout).toContain(
      `Go from ${MIRROR} is kept apart from go.dev's in the tool cache`
    )
    expect(outputLine(viaEnv.stdout, 'digest')).toMatch(/^sha256:[0-9a-f]{64}$/)
    // Nothing listens on port 9 of loopback: the list cannot be read, and the error names the variable's URL.
    const dead = 'http://127.0.0.1:9'
    const refused = await cli(['--no-push', 'hello'], cwd, { GO_DOWNLOAD_BASE_URL: dead })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^error: go-download-base-url: could not reach http:\/\/127\.0\.0\.1:9\//m
    )
    const flagWins = await cli(['--go-download-base-url', MIRROR, '--no-push', 'hello'], cwd, {
      GO_DOWNLOAD_BASE_URL: dead
    })
    expect(flagWins.code).toBe(0)
  })

  it('exits 1 with the error message when the build cannot start', async () => {
    const cwd = await tempDir()
    await mkdir(path.join(cwd, 'empty'))
    const run = await cli(['--push', 'empty'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: image: required when push is true\./m)
  })
})
