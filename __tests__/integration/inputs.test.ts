// Inputs refused before any work (tag prefixes past 128 characters, millisecond epochs), hints that fit a Go
// version Go rejects, and no workflow commands in a terminal: the bundled action and command line, run for real.
import { describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sh, skopeo } from './commands.js'
import {
  ACTION,
  copyFixture,
  EXAMPLES,
  fileToolCache,
  MIRROR,
  runAction,
  tempDir
} from './harness.js'
import { AUTH, AUTH_REGISTRY, credsFor, REGISTRY, uniqueRepo } from './registries.js'

const CLI = path.join(path.dirname(ACTION), 'cli', 'index.js')
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** A line a runner would read as a workflow command: ::name::data or ::name key=value,…::data. */
const COMMAND = /^::[a-zA-Z-]+(?: [^\n]*?)?::/m

/**
 * The tags skopeo finds in the repository, without the sha256-<hex> ones that hold the attached SBOM; none when
 * it does not exist (a refused run must push nothing).
 */
async function tagsIn(repo: string): Promise<string[]> {
  const list = await skopeo([
    'list-tags',
    '--tls-verify=false',
    ...credsFor(repo),
    `docker://${repo}`
  ])
  const tags = list.code === 0 ? (JSON.parse(list.stdout) as { Tags: string[] }).Tags : []
  return tags.filter(t => !t.startsWith('sha256-'))
}

describe('refused before any work', () => {
  it('a tags-prefix that the 128-character limit would cut into the branch: nothing built or pushed', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('tag-cut')}`
    const run = await runAction(
      { image: repo, 'tags-prefix': 'p'.repeat(128) },
      {
        workdir: await copyFixture('hello', EXAMPLES),
        env: { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push' }
      }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /^::error::tags-prefix: 'p{16}…p{16}' \(128 characters\) makes the tag for refs\/heads\/main 132 characters long .*an OCI tag holds at most 128\. Cut at 128, it would lose 'main' of what the rule gives/m
    )
    expect(run.log).not.toMatch(/Install Go|go build/)
    expect(await tagsIn(repo)).toEqual([])
  })

  it('SOURCE_DATE_EPOCH in milliseconds, with the seconds as the fix: nothing pushed', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('epoch-ms')}`
    const run = await runAction(
      { image: repo, tags: 'v1' },
      {
        workdir: await copyFixture('hello', EXAMPLES),
        env: { SOURCE_DATE_EPOCH: '1700000000123' }
      }
    )
    expect(run.code).toBe(1)
    // As the runner shows it: @actions/core escapes % in a command's data.
    expect(run.stdout.replace(/%25/g, '%')).toContain(
      "::error::SOURCE_DATE_EPOCH (environment variable): '1700000000123' looks like milliseconds (13 digits, as " +
        'date +%s%3N prints), and a source date epoch is in seconds. Use 1700000000 (the value divided by 1000: ' +
        '2023-11-14T22:13:20Z).'
    )
    expect(run.log).not.toMatch(/Install Go/)
    expect(await tagsIn(repo)).toEqual([])
  })
})

describe('hints that fit', () => {
  it("a go line Go 1.19 cannot read gets go.mod's fix, not working-directory's", async () => {
    const dir = await copyFixture('hello', EXAMPLES)
    const mod = path.join(dir, 'go.mod')
    await writeFile(mod, (await readFile(mod, 'utf8')).replace(/^go .*$/m, 'go 1.19.8'))
    const run = await runAction({ push: 'false' }, { workdir: dir })
    expect(run.code).toBe(1)
    // The action picks Go 1.19.8 for go 1.19.8; that Go then refuses the line's form.
    expect(run.stdout).toContain(
      `::error::go.mod: Go cannot load '.' in working-directory '${dir}': go: errors parsing go.mod:%0A${mod}:3: ` +
        "invalid go version '1.19.8': must match format 1.23. Go before 1.21 reads only a go line of the form " +
        "1.N, and go.mod says go 1.19.8. Write 'go 1.19' (the newest 1.19 patch is still used), or use Go 1.21 " +
        'or newer (go-version).'
    )
    expect(run.log).not.toContain('Set working-directory')
  })
})

describe('no workflow commands in a terminal (GITHUB_ACTIONS unset)', () => {
  /** The command line with a terminal's environment: no GitHub or runner variables. */
  async function cli(
    args: string[],
    cwd: string
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return sh(process.execPath, [CLI, '--go-download-base-url', MIRROR, ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        // The developer's HOME, for Go's warm build cache; an empty Docker config, for no one's credentials.
        HOME: process.env.HOME ?? '/root',
        DOCKER_CONFIG: await tempDir('gsi-docker-'),
        TMPDIR: await tempDir('gsi-tmp-'),
        RUNNER_TOOL_CACHE: await fileToolCache()
      }
    })
  }

  it('the command line: a push with a password, --verbose and a warning, then a failed run', async () => {
    const cwd = await copyFixture('hello', EXAMPLES)
    const repo = `${AUTH_REGISTRY}/${uniqueRepo('terminal-cli')}`
    const ok = await cli(
      [
        '--verbose',
        '--cache',
        'true',
        '--image',
        repo,
        '--tags',
        'v1',
        '--registry-username',
        AUTH.username,
        `--registry-password=${AUTH.password}`
      ],
      cwd
    )
    const all = ok.stdout + ok.stderr
    expect(ok.code).toBe(0)
    expect(all).not.toMatch(COMMAND)
    expect(all).not.toContain(AUTH.password)
    // What would have been ::debug::, ::warning:: and ::group:: lines, as plain lines.
    expect(ok.stdout).toMatch(/^debug: /m)
    expect(ok.stderr).toMatch(/^warning: cache: /m)
    expect(ok.stdout).toMatch(/^== Build example\.com\/hello for linux\/amd64 ==$/m)
    expect(await tagsIn(repo)).toEqual(['v1'])

    const failed = await cli(['--no-push', '--source-date-epoch', '1700000000123'], cwd)
    expect(failed.code).toBe(1)
    expect(failed.stdout + failed.stderr).not.toMatch(COMMAND)
    expect(failed.stderr).toMatch(
      /^error: source-date-epoch: '1700000000123' looks like milliseconds/m
    )
  })

  it('the action run by hand: plain lines, no ::save-state::, ::add-mask::, ::debug:: or ::set-output::', async () => {
    const repo = `${AUTH_REGISTRY}/${uniqueRepo('terminal-action')}`
    const inputs = {
      image: repo,
      tags: 'v1',
      'registry-username': AUTH.username,
      'registry-password': AUTH.password
    }
    const workdir = await copyFixture('hello', EXAMPLES)
    // As by hand: no GITHUB_ACTIONS and no GITHUB_OUTPUT, with the toolkit's debug lines asked for.
    const terminal = { GITHUB_ACTIONS: '', GITHUB_OUTPUT: '', RUNNER_DEBUG: '1' }
    const run = await runAction(inputs, { workdir, env: terminal })
    const all = run.stdout + run.stderr
    expect(run.code).toBe(0)
    expect(all).not.toMatch(COMMAND)
    expect(all).not.toContain(AUTH.password)
    expect(run.stdout).toMatch(/^debug: /m)
    expect(run.stdout).toContain('Outputs: not written (no GITHUB_OUTPUT outside a runner)')
    expect(await tagsIn(repo)).toEqual(['v1'])

    // A failure is a plain error line, and the exit status still says so.
    const failed = await runAction(
      { ...inputs, 'source-date-epoch': 'yesterday' },
      { workdir, env: terminal }
    )
    expect(failed.code).toBe(1)
    expect(failed.stdout + failed.stderr).not.toMatch(COMMAND)
    expect(failed.stdout).toMatch(/^error: source-date-epoch: 'yesterday' is not a Unix timestamp/m)

    // The same run in a workflow step keeps the commands the runner reads: the check above can see them.
    const step = await runAction(inputs, { workdir })
    expect(step.code).toBe(0)
    expect(step.stdout).toContain('::save-state name=isPost::true')
    expect(step.stdout).toMatch(/^::add-mask::/m)
  })

  it('scripts/quickstart.sh', async () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      RUNNER_TOOL_CACHE: await fileToolCache(),
      GO_DOWNLOAD_BASE_URL: MIRROR
    }
    const run = await sh('bash', [path.join(ROOT, 'scripts', 'quickstart.sh')], { env })
    expect(run.code).toBe(0)
    expect(run.stdout + run.stderr).not.toMatch(COMMAND)
    expect(run.stdout).toMatch(/^== Build example\.com\/hello for linux\/amd64 ==$/m)
    expect(run.stdout).toMatch(/^OCI layout: .*\.tmp\/quickstart\/oci/m)
  })
})
