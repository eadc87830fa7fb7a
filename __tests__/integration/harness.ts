// Runs dist/index.js the way the Actions runner does, in the real test environment (scripts/test-env.sh): the
// environment checked once per test file, the Go mirror, one tool cache per file, temp dirs removed at the end.
import { execFile } from 'node:child_process'
import { afterAll } from '@jest/globals'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sh } from './commands.js'
import { AUTH_REGISTRY, REGISTRY, uniqueRepo } from './registries.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
// GSI_DIST points the tests at another bundle (a private one while dist/ is being rebuilt).
const DIST = process.env.GSI_DIST ? path.resolve(process.env.GSI_DIST) : path.join(root, 'dist')
export const ACTION = path.join(DIST, 'index.js')
export const FIXTURES = path.join(root, '__tests__', 'fixtures')

export const MIRROR = process.env.GSI_MIRROR_URL ?? 'http://127.0.0.1:5080'

const execFileP = promisify(execFile)

export interface Run {
  code: number
  stdout: string
  stderr: string
  /**
   * stdout and stderr as the runner shows them, for "never appears anywhere" checks: the runner consumes
   * ::add-mask:: commands (that is how secrets reach its redaction) and never prints them.
   */
  log: string
  outputs: Record<string, string>
  summary: string
}

const temps: string[] = []

/**
 * A fresh temp dir under the OS temp (outside any Git repo, so the source date epoch is 0 unless set), removed
 * when the test file ends.
 */
export async function tempDir(prefix = 'gsi-it-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  temps.push(dir)
  return dir
}

// Every test file imports the harness, so this runs once at the end of each file.
afterAll(async () => {
  await Promise.all(temps.splice(0).map(d => rm(d, { recursive: true, force: true })))
})

export async function copyFixture(name: string, from = FIXTURES): Promise<string> {
  const dir = path.join(await tempDir(), name)
  await cp(path.join(from, name), dir, { recursive: true })
  return dir
}

export const EXAMPLES = path.join(root, 'examples')

/** Parses the GITHUB_OUTPUT file: `name<<delimiter` blocks, as @actions/core writes them. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

let toolCache: Promise<string> | undefined
let checked: Promise<void> | undefined

/**
 * The tool cache the runs of this test file share unless a test passes its own: Go is installed from the mirror
 * once per file, as on a runner whose tool cache survives between steps.
 */
/**
 * What a tool cache holds besides V8's compile cache, which the entry point turns on before anything else runs: the
 * Go installs and the layer cache a test expects, or none.
 */
export async function cachedTools(toolCache: string): Promise<string[]> {
  return (await readdir(toolCache)).filter(n => n !== 'go-scratch-image-compile-cache')
}

export async function fileToolCache(): Promise<string> {
  toolCache ??= tempDir('gsi-toolcache-')
  return toolCache
}

/**
 * Runs the bundled action with inputs as INPUT_* variables and the runner's files, in workdir, once the test
 * environment has answered (checked at this file's first run). go.dev is out of reach here (tests talk only to
 * 127.0.0.1), so go-download-base-url is the local mirror unless inputs name another, and the vulnerability check
 * (vuln.go.dev by default) is off unless inputs turn it on (vuln.test.ts's runs, against a local database). The
 * tool cache is the file's
 * (fileToolCache) unless opts give one.
 */
export async function runAction(
  inputs: Record<string, string>,
  opts: { workdir: string; toolCache?: string; env?: Record<string, string> }
): Promise<Run> {
  checked ??= requireEnvironment()
  await checked
  const runnerDir = await tempDir('gsi-runner-')
  const outputFile = path.join(runnerDir, 'output')
  const summaryFile = path.join(runnerDir, 'summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await mkdir(path.join(runnerDir, 'temp'))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    // The runner sets it in every step; without it the action prints plain headers for a terminal.
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: path.join(runnerDir, 'temp'),
    RUNNER_TOOL_CACHE: opts.toolCache ?? (await fileToolCache()),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: opts.workdir,
    // An empty Docker config, so a developer's own ~/.docker/config.json never reaches a test.
    DOCKER_CONFIG: path.join(runnerDir, 'docker-config'),
    ...opts.env
  }
  const defaults = { 'go-download-base-url': MIRROR, vulnerabilities: 'off' }
  for (const [k, v] of Object.entries({ ...defaults, ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v
  let code = 0
  let stdout = ''
  let stderr = ''
  try {
    ;({ stdout, stderr } = await execFileP(process.execPath, [ACTION], {
      cwd: opts.workdir,
      env,
      maxBuffer: 64 * 1024 * 1024
    }))
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    code = typeof err.code === 'number' ? err.code : 1
    stdout = err.stdout ?? ''
    stderr = err.stderr ?? ''
  }
  if (code === 0 && /^::error::/m.test(stdout)) code = 1
  return {
    code,
    stdout,
    stderr,
    log: (stdout + stderr).replace(/^::add-mask::.*\n/gm, ''),
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8')
  }
}

/**
 * The probe fixture (a small main package) pushed as v1 to a fresh repository of registry, with inputs and env on
 * top: the run, and the repository it pushed to.
 */
export async function pushProbe(
  registry: string,
  name: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<{ run: Run; repo: string }> {
  const repo = `${registry}/${uniqueRepo(name)}`
  const run = await runAction(
    { image: repo, tags: 'v1', ...inputs },
    { workdir: await copyFixture('probe'), env }
  )
  return { run, repo }
}

/** Throws, saying what to start, unless the mirror, both registries and the Docker Engine answer. */
export async function requireEnvironment(): Promise<void> {
  const probes = [
    `${MIRROR}/?mode=json&include=all`,
    `http://${REGISTRY}/v2/`,
    `http://${AUTH_REGISTRY}/v2/`
  ]
  for (const url of probes) {
    const ok = await fetch(url).then(
      async r => (await r.arrayBuffer(), r.status < 500),
      () => false
    )
    if (!ok)
      throw new Error(
        `${url} is not answering: start the test environment with scripts/test-env.sh`
      )
  }
  if ((await sh('docker', ['info'])).code !== 0) {
    throw new Error(
      'The Docker Engine is not running: start the test environment with scripts/test-env.sh'
    )
  }
}

/** A loopback TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise(resolve => server.close(resolve))
  return port
}
