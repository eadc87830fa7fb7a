// Runs the bundled action the way the Actions runner does, for the benchmarks: INPUT_* variables, a fresh
// runner directory, an empty Docker config, and the outputs file read back.
import { execFile } from 'node:child_process'
import { access, cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const mirror = process.env.GSI_MIRROR_URL ?? 'http://127.0.0.1:5080'
export const registry = process.env.GSI_REGISTRY ?? '127.0.0.1:5000'
const run = promisify(execFile)

/**
 * A scratch directory holding a copy of dist/ (or of GSI_DIST, a bundle built elsewhere, as the integration
 * harness honours it) taken now, so a rebundle while a benchmark runs cannot mix two versions of the action into
 * one table (or remove dist/index.js mid-run). GSI_DIST may list several bundles, comma separated, for the scripts
 * that compare them (bench/overhead.mjs): the first is copied to dist/, the next to dist-2/ and so on.
 */
export async function benchScratch(prefix) {
  const scratch = await mkdtemp(path.join(os.tmpdir(), prefix))
  const dists = benchDists()
  for (const [i, dist] of dists.entries()) {
    await cp(dist, path.join(scratch, i ? `dist-${i + 1}` : 'dist'), { recursive: true })
  }
  return scratch
}

/** The bundles GSI_DIST names (dist/ when unset), in order. */
export function benchDists() {
  const list = (process.env.GSI_DIST ?? '').split(',').filter(Boolean)
  return list.length ? list.map(d => path.resolve(d)) : [path.join(root, 'dist')]
}

export const outputsOf = text =>
  Object.fromEntries(
    [...text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm)].map(m => [m[1], m[3]])
  )

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** GNU time, when the machine has it: CPU seconds of a command and its children, which a busy machine skews less. */
export const gnuTime = '/usr/bin/time'

/**
 * The command line for command and args, run through GNU time writing "user system maxrss" (seconds, KiB) to
 * cpuFile when it is installed; read the file with cpuSeconds and peakMiB.
 */
export async function timedCommand(command, args, cpuFile) {
  const has = await access(gnuTime).then(
    () => true,
    () => false
  )
  return has ? [gnuTime, ['-o', cpuFile, '-f', '%U %S %M', command, ...args]] : [command, args]
}

const timeLine = async cpuFile =>
  /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(await readFile(cpuFile, 'utf8').catch(() => ''))

/** The user + system seconds GNU time wrote, or undefined without GNU time. */
export async function cpuSeconds(cpuFile) {
  const m = await timeLine(cpuFile)
  return m ? Number(m[1]) + Number(m[2]) : undefined
}

/**
 * The peak resident memory GNU time wrote, in MiB: the largest of the process and each child it waited for (Linux
 * getrusage RUSAGE_CHILDREN), so a step's is node's own or its biggest go tool's, whichever is larger.
 */
export async function peakMiB(cpuFile) {
  const m = await timeLine(cpuFile)
  return m ? Number(m[3]) / 1024 : undefined
}

/** The environment of the bare `go build` the benchmarks compare a step with: linux/amd64, static, Go's own caches. */
export const bareGoEnv = gocache => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GOCACHE: gocache,
  GOMODCACHE: path.join(gocache, 'mod'),
  GOTOOLCHAIN: 'local',
  CGO_ENABLED: '0',
  GOOS: 'linux',
  GOARCH: 'amd64'
})

/**
 * A runner's folders (temp, the output file) in scratch and the environment a step of the bundle gets there: Go from
 * the local mirror, cached in toolCache, Go's build cache gocache, the inputs as INPUT_* (the vulnerability check
 * off unless they turn it on: vuln.go.dev is out of reach here), and extra variables of the runner's.
 */
export async function runnerEnv({ scratch, work, toolCache, gocache, inputs, env: extra = {} }) {
  const runner = await mkdtemp(path.join(scratch, 'runner-'))
  await mkdir(path.join(runner, 'temp'))
  await writeFile(path.join(runner, 'out'), '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOCACHE: gocache,
    GOMODCACHE: path.join(gocache, 'mod'),
    RUNNER_TEMP: path.join(runner, 'temp'),
    RUNNER_TOOL_CACHE: toolCache,
    GITHUB_OUTPUT: path.join(runner, 'out'),
    GITHUB_WORKSPACE: work,
    // An empty Docker config, so the developer's own never reaches the run.
    DOCKER_CONFIG: path.join(runner, 'docker-config'),
    'INPUT_GO-DOWNLOAD-BASE-URL': mirror,
    INPUT_CACHE: 'false',
    INPUT_SUMMARY: 'false',
    // vuln.go.dev is out of reach here; bench/vuln.mjs measures the check against a local database.
    INPUT_VULNERABILITIES: 'off',
    // More of the runner's variables (e.g. the OIDC token service's, for bench/attest.mjs).
    ...extra
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return { runner, env }
}

/**
 * One action run in work with the given inputs (see runnerEnv). Returns the wall time, the CPU seconds of the run
 * and its children (with GNU time), stdout, outputs, the "<group>: done in X s" durations, and the temp dir of the
 * run (where the binaries are). dist is the bundle's folder in scratch (see benchScratch); env adds variables to
 * the runner's.
 */
export async function runAction({
  scratch,
  work,
  toolCache,
  gocache,
  inputs,
  dist = 'dist',
  env: extra = {}
}) {
  const { runner, env } = await runnerEnv({ scratch, work, toolCache, gocache, inputs, env: extra })
  const cpuFile = path.join(runner, 'cpu')
  const [command, args] = await timedCommand(
    process.execPath,
    [path.join(scratch, dist, 'index.js')],
    cpuFile
  )
  const start = process.hrtime.bigint()
  const { stdout } = await run(command, args, { cwd: work, env, maxBuffer: 1 << 26 })
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  const cpu = await cpuSeconds(cpuFile)
  const peak = await peakMiB(cpuFile)
  if (/^::error::/m.test(stdout)) throw new Error(`the action failed:\n${stdout}`)
  const groups = Object.fromEntries(
    [...stdout.matchAll(/^(.+): done in ([\d.]+) s$/gm)].map(m => [m[1], Number(m[2])])
  )
  const outputs = outputsOf(await readFile(path.join(runner, 'out'), 'utf8'))
  return { wall, cpu, peak, stdout, outputs, groups, temp: path.join(runner, 'temp') }
}

/**
 * Makes `work` a git repository and returns commit(n), which commits its changes dated n minutes after the first
 * commit: the step's epoch (the last commit's time) then moves every round, as in CI, so nothing keyed by it (the
 * layers' dates, the zoneinfo choice) comes from a cache that a real run on a new commit would miss.
 */
export async function commitEachChange(work) {
  const git = (args, date) =>
    run('git', args, {
      cwd: work,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date
      }
    })
  const first = Math.floor(Date.now() / 1000)
  await git(['init', '-q'])
  await git(['add', '-A'])
  await git(['commit', '-qm', 'start'], `@${first} +0000`)
  return n => git(['commit', '-qam', `change ${n}`], `@${first + 60 * n} +0000`)
}
