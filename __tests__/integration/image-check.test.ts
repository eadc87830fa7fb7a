// The image check through the bundled action, against the real registry and Docker: a binary named after a
// directory the image needs (home, tmp), a files entry over /etc and an entrypoint that is not there are refused
// before the push, leaving the registry without the repository; a clean image passes with both builders.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { skopeo } from './commands.js'
import { runAction, tempDir, type Run } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'

let module: string

beforeAll(async () => {
  // One module, three commands: home and tmp are named after directories every image holds.
  module = path.join(await tempDir(), 'names')
  await writeFile(path.join(await dirOf('.'), 'go.mod'), 'module example.com/names\n\ngo 1.19\n')
  for (const cmd of ['home', 'tmp', 'app'])
    await writeFile(
      path.join(await dirOf(cmd), 'main.go'),
      'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n'
    )
  await writeFile(path.join(module, 'settings.conf'), 'key = value\n')
})

async function dirOf(rel: string): Promise<string> {
  const d = path.join(module, rel)
  await mkdir(d, { recursive: true })
  return d
}

/** Runs a push of one of the module's commands to a repository of its own. */
async function push(inputs: Record<string, string>): Promise<{ run: Run; repo: string }> {
  const repo = `${REGISTRY}/${uniqueRepo('check')}`
  const run = await runAction(
    { image: repo, tags: 'v1', sbom: 'none', ...inputs },
    { workdir: module }
  )
  return { run, repo }
}

/** distribution answers 404 to the tag list of a repository nothing was pushed to: no manifest, no tag. */
async function expectNothingPushed(repo: string): Promise<void> {
  const tags = await skopeo(['list-tags', '--tls-verify=false', `docker://${repo}`])
  expect(tags.code).not.toBe(0)
  expect(tags.stderr).toMatch(/name unknown|NAME_UNKNOWN|404 \(Not Found\)/i)
}

/** A user error: one ::error:: line with the message, and no stack trace anywhere in the log. */
function expectRefused(run: Run, message: string): void {
  expect(run.code).not.toBe(0)
  expect(run.stdout).toContain(`::error::${message}`)
  expect(run.log).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m)
}

describe('binary names that would replace a directory the image needs', () => {
  it('refuses a main package named home, from its path, before Go is even installed', async () => {
    const { run, repo } = await push({ package: './home' })
    expectRefused(
      run,
      "binary-name: the binary is named 'home' after the package ./home, and would put the binary at /home, a path " +
        'the image needs (the directory that holds /home/nonroot). Set binary-name to another name, e.g. ' +
        'binary-name: home-app.'
    )
    expect(run.log).not.toMatch(/Install Go/)
    await expectNothingPushed(repo)
  })

  it('refuses a main package named tmp, given as an import path, right after go list and before the compile', async () => {
    const { run, repo } = await push({ package: 'example.com/names/tmp' })
    expectRefused(
      run,
      "binary-name: the binary is named 'tmp' after the package example.com/names/tmp, and would put the binary " +
        'at /tmp, a path the image needs (the directory /tmp). Set binary-name to another name, e.g. binary-name: tmp-app.'
    )
    expect(run.log).toMatch(/Install Go/)
    expect(run.log).not.toMatch(/Build example\.com\/names\/tmp for/)
    await expectNothingPushed(repo)
  })

  it('refuses a monorepo run whose pattern finds a package named home, before any package compiles', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('mono')}`
    const { run } = await push({ package: './...', image: `${repo}/{{.Name}}` })
    expectRefused(
      run,
      "binary-name: the binary is named 'home' after the package example.com/names/home, and would put the binary " +
        'at /home, a path the image needs (the directory that holds /home/nonroot). Build that package in a step ' +
        'of its own with binary-name (e.g. binary-name: home-app), or rename its folder.'
    )
    expect(run.log).not.toMatch(/Build example\.com\/names\/\w+ for/)
    for (const name of ['app', 'home', 'tmp']) await expectNothingPushed(`${repo}/${name}`)
  })

  it('builds the same package once binary-name moves it aside', async () => {
    const { run, repo } = await push({ package: './tmp', 'binary-name': 'tmp-app' })
    expect(run.code).toBe(0)
    expect(run.log).toContain('linux/amd64: unpacked as a runtime does (')
    const config = await skopeo([
      'inspect',
      '--config',
      '--tls-verify=false',
      `docker://${repo}:v1`
    ])
    expect(JSON.parse(config.stdout).config.Entrypoint).toEqual(['/tmp-app'])
  })
})

describe('files and settings that break the image', () => {
  it('refuses a files entry that would replace /etc', async () => {
    const { run, repo } = await push({ package: './app', files: 'settings.conf:/etc' })
    expectRefused(
      run,
      "files: /etc (from 'settings.conf', line 'settings.conf:/etc') would replace the directory that holds " +
        '/etc/passwd, which another layer puts in the image. Choose another DEST.'
    )
    await expectNothingPushed(repo)
  })

  // Only the unpack check knows this one: every input is valid on its own, and the image would not start.
  it.each(['native', 'docker'])(
    'refuses an entrypoint the image does not hold, with builder: %s, on the layers it built',
    async builder => {
      const { run, repo } = await push({ package: './app', builder, entrypoint: '/ap' })
      expectRefused(
        run,
        'The image for linux/amd64 would break as a runtime unpacks it, so nothing was pushed:%0A' +
          '- The entrypoint /ap cannot be executed: /ap does not exist.%0A' +
          'Point entrypoint at the binary (leave it empty for /<binary-name>), or give the program file an execute bit.'
      )
      await expectNothingPushed(repo)
    }
  )
})

describe('a clean image', () => {
  it.each(['native', 'docker'])(
    'passes the check with builder: %s and is pushed',
    async builder => {
      const { run, repo } = await push({ package: './app', builder })
      expect(run.code).toBe(0)
      expect(run.log).toMatch(
        /^linux\/amd64: unpacked as a runtime does \(\d+ layers, \d+ entries\): entrypoint \/app, user 65532:65532, \/tmp 1777, workdir \/$/m
      )
      const tags = await skopeo(['list-tags', '--tls-verify=false', `docker://${repo}`])
      // Beside v1, the sha256-<digest> tag of the referrers fallback (the size report attached to it).
      const own = (JSON.parse(tags.stdout) as { Tags: string[] }).Tags.filter(
        t => !t.startsWith('sha256-')
      )
      expect(own).toEqual(['v1'])
    }
  )
})
