// The action's own release: .github/workflows/release.yml parses, runs only what the repository provides (its npm
// scripts and its scripts), tests with the command CI uses, and finds its notes in CHANGELOG.md.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (rel: string): string => readFileSync(`${root}${rel}`, 'utf8')

interface Step {
  uses?: string
  run?: string
}
interface Workflow {
  on: { push?: { tags?: string[] } }
  permissions?: Record<string, string>
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean }
  jobs: Record<string, { needs?: string[]; permissions?: Record<string, string>; steps: Step[] }>
}

const workflow = (file: string): Workflow => parse(read(file)) as Workflow
const release = workflow('.github/workflows/release.yml')
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: object }).scripts)

/**
 * Why a command of a run: step is not one the repository provides, or undefined when it is: npm ci, npm run of a
 * package.json script, or bash/node of a file in the repository (sudo with --preserve-env allowed for .ci/run).
 */
function foreign(command: string): string | undefined {
  const words = command.trim().split(/\s+/)
  if (words[0] === 'sudo') {
    words.shift()
    while (words[0]?.startsWith('--preserve-env')) words.shift()
  }
  const [cmd, arg] = words
  if (cmd === 'npm' && arg === 'ci') return undefined
  if (cmd === 'npm' && arg === 'run') {
    return scripts.includes(words[2] ?? '') ? undefined : `npm run ${words[2]}: no such script`
  }
  if ((cmd === 'bash' || cmd === 'node') && arg) {
    return existsSync(`${root}${arg}`) ? undefined : `${arg}: no such file in the repository`
  }
  return `'${command.trim()}' is not a command of the repository`
}

/** The commands of a run: block, one a line or joined with &&. */
const commands = (run: string): string[] =>
  run
    .split('\n')
    .flatMap(line => line.split('&&'))
    .map(c => c.trim())
    .filter(c => c && !c.startsWith('#'))

describe('.github/workflows/release.yml', () => {
  it('runs on vX.Y.Z tags, one release at a time, read-only but for the job that publishes', () => {
    expect(release.on.push?.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(release.concurrency).toEqual({ group: 'release', 'cancel-in-progress': false })
    expect(release.permissions).toEqual({ contents: 'read' })
    expect(release.jobs.release!.needs).toEqual(['check-dist', 'test'])
    expect(release.jobs.release!.permissions).toEqual({ contents: 'write' })
  })

  it('runs only commands the repository provides', () => {
    const runs = Object.values(release.jobs).flatMap(j =>
      j.steps.flatMap(s => (s.run ? commands(s.run) : []))
    )
    expect(runs.length).toBeGreaterThanOrEqual(4)
    expect(runs.map(c => [c, foreign(c)]).filter(([, why]) => why)).toEqual([])
    expect(runs).toContain('npm run check-dist')
    expect(runs).toContain('bash scripts/release.sh "$GITHUB_REF_NAME"')
  })

  it("tests with CI's own command, .ci/run", () => {
    const run = (wf: Workflow, job: string): string[] =>
      wf.jobs[job]!.steps.flatMap(s => (s.run ? commands(s.run) : []))
    const ci = run(workflow('.github/workflows/ci.yml'), 'test')
    expect(run(release, 'test')).toEqual(ci)
    expect(ci).toEqual(['sudo --preserve-env=PATH,CI bash .ci/run'])
  })

  it('the check refuses what is not the repository’s', () => {
    expect(foreign('gh release create v1')).toMatch(/is not a command of the repository/)
    expect(foreign('npm run publish-everything')).toMatch(/no such script/)
    expect(foreign('bash scripts/nothing.sh')).toMatch(/no such file/)
    expect(foreign('sudo --preserve-env=PATH,CI bash .ci/run')).toBeUndefined()
  })
})

describe('CHANGELOG.md', () => {
  it('keeps an Unreleased section, and notes for the version in package.json, which a release publishes', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
    const version = (JSON.parse(read('package.json')) as { version: string }).version
    const notes = execFileSync(process.execPath, [`${root}scripts/changelog.mjs`, version], {
      encoding: 'utf8'
    })
    expect(notes).toMatch(/^### Added$/m)
    expect(notes).not.toMatch(/^## /m)
  })

  it('has no notes, and says so, for a version it does not list', () => {
    expect(() =>
      execFileSync(process.execPath, [`${root}scripts/changelog.mjs`, '99.0.0'], { stdio: 'pipe' })
    ).toThrow(/CHANGELOG\.md has no notes for '99\.0\.0'/)
  })
})

describe('scripts/release.sh', () => {
  // A clone with a local bare origin, and a stand-in for GitHub's CLI that records `gh release create`'s arguments
  // and its --notes-file (the documented way to give the notes); git moves the major tag in origin for real.
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv }).trim()
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com'
  }

  async function clone(): Promise<{ work: string; origin: string; log: string; bin: string }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'gsi-release-'))
    const origin = path.join(dir, 'origin.git')
    const work = path.join(dir, 'work')
    const bin = path.join(dir, 'bin')
    const log = path.join(dir, 'gh.log')
    execFileSync('git', ['init', '-q', '--bare', origin])
    execFileSync('git', ['clone', '-q', origin, work], { stdio: 'pipe' })
    await mkdir(path.join(work, 'scripts'))
    await mkdir(bin)
    for (const f of ['CHANGELOG.md', 'scripts/changelog.mjs', 'scripts/release.sh']) {
      await writeFile(path.join(work, f), read(f))
    }
    await writeFile(
      path.join(bin, 'gh'),
      `#!/bin/sh\necho "gh $*" >> '${log}'\nwhile [ $# -gt 0 ]; do [ "$1" = --notes-file ] && cat "$2" >> '${log}'; shift; done\n`,
      { mode: 0o755 }
    )
    return { work, origin, log, bin }
  }

  async function commitVersion(work: string, version: string): Promise<string> {
    await writeFile(path.join(work, 'package.json'), JSON.stringify({ version }))
    git(work, 'add', '-A')
    git(work, 'commit', '-q', '-m', version)
    git(work, 'tag', `v${version}`)
    git(work, 'push', '-q', 'origin', `HEAD:refs/heads/release-${version}`, `v${version}`)
    return git(work, 'rev-parse', 'HEAD')
  }

  const release = (c: { work: string; bin: string }, tag: string): string =>
    execFileSync('bash', ['scripts/release.sh', tag], {
      cwd: c.work,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...gitEnv, PATH: `${c.bin}:${process.env.PATH}` }
    })

  it('publishes the notes of CHANGELOG.md and moves the major tag forward only', async () => {
    const c = await clone()
    try {
      const first = await commitVersion(c.work, '0.1.0')
      expect(release(c, 'v0.1.0')).toContain('v0 now points at it')
      const log = await readFile(c.log, 'utf8')
      expect(log).toMatch(
        /^gh release create v0\.1\.0 --verify-tag --title v0\.1\.0 --notes-file \S+$/m
      )
      expect(log).toContain(
        execFileSync(process.execPath, ['scripts/changelog.mjs', '0.1.0'], {
          cwd: root,
          encoding: 'utf8'
        }).trim()
      )
      expect(git(c.origin, 'rev-parse', 'v0^{commit}')).toBe(first)

      const second = await commitVersion(c.work, '0.2.0')
      await writeFile(
        path.join(c.work, 'CHANGELOG.md'),
        `${read('CHANGELOG.md')}\n## [0.2.0] - 2027-01-01\n\n- x\n`
      )
      release(c, 'v0.2.0')
      expect(git(c.origin, 'rev-parse', 'v0^{commit}')).toBe(second)

      // A fix for 0.1 released after 0.2.0 leaves v0 on 0.2.0.
      git(c.work, 'checkout', '-q', first)
      await writeFile(
        path.join(c.work, 'CHANGELOG.md'),
        `${read('CHANGELOG.md')}\n## [0.1.1] - 2027-01-02\n\n- y\n`
      )
      await commitVersion(c.work, '0.1.1')
      expect(release(c, 'v0.1.1')).toContain('v0 stays at v0.2.0')
      expect(git(c.origin, 'rev-parse', 'v0^{commit}')).toBe(second)
    } finally {
      await rm(path.dirname(c.work), { recursive: true, force: true })
    }
  })

  it('refuses a tag that is not package.json version, before publishing anything', async () => {
    const c = await clone()
    try {
      await commitVersion(c.work, '0.1.0')
      git(c.work, 'tag', 'v0.1.5')
      expect(() => release(c, 'v0.1.5')).toThrow(
        /the tag v0\.1\.5 does not match package\.json's version 0\.1\.0/
      )
      expect(() => release(c, 'v0.1')).toThrow(/'v0\.1' is not a vX\.Y\.Z tag/)
      expect(existsSync(c.log)).toBe(false)
    } finally {
      await rm(path.dirname(c.work), { recursive: true, force: true })
    }
  })
})
