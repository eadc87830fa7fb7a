// Runs dist/index.js the way the Actions runner does and reaches the real test environment (scripts/test-env.sh).
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { afterAll } from '@jest/globals'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import type tar from 'tar-stream'
import { readTar } from '../../src/oci/tar.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
// GSI_DIST points the tests at another bundle (a private one while dist/ is being rebuilt).
const DIST = process.env.GSI_DIST ? path.resolve(process.env.GSI_DIST) : path.join(root, 'dist')
export const ACTION = path.join(DIST, 'index.js')
export const FIXTURES = path.join(root, '__tests__', 'fixtures')

export const MIRROR = process.env.GSI_MIRROR_URL ?? 'http://127.0.0.1:5080'
export const REGISTRY = process.env.GSI_REGISTRY ?? '127.0.0.1:5000'
export const AUTH_REGISTRY = process.env.GSI_AUTH_REGISTRY ?? '127.0.0.1:5001'
export const AUTH = { username: 'testuser', password: 'testpassword' }

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

/**
 * Runs the bundled action with inputs as INPUT_* variables and the runner's files, in workdir.
 * toolCache is shared between runs of a test file unless a test passes its own.
 */
export async function runAction(
  inputs: Record<string, string>,
  opts: { workdir: string; toolCache: string; env?: Record<string, string> }
): Promise<Run> {
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
    RUNNER_TOOL_CACHE: opts.toolCache,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: opts.workdir,
    // An empty Docker config, so a developer's own ~/.docker/config.json never reaches a test.
    DOCKER_CONFIG: path.join(runnerDir, 'docker-config'),
    ...opts.env
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
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

export async function sh(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(cmd, args, { ...opts, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? ''
    }
  }
}

/** skopeo against the loopback registries, which serve plain http. */
export async function skopeo(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return sh('skopeo', args)
}

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

/**
 * This test file's run: the process and random bits, since process ids repeat across machines' fresh
 * containers that share a Docker Engine or a registry.
 */
const RUN = `${process.pid}-${randomBytes(4).toString('hex')}`
let named = 0

/**
 * A name no other call, test file or concurrent run can give: for images loaded into Docker, repositories,
 * containerd namespaces. Two builds loaded under one name:tag once made a test run the other build's image.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${RUN}-${++named}`
}

/** A repository name unique to this test run, so runs never see each other's tags. */
export function uniqueRepo(name: string): string {
  return `it/${uniqueName(name)}`
}

interface Descriptor {
  digest: string
  mediaType: string
  platform?: { os: string; architecture: string; variant?: string }
}

async function readBlob(layout: string, digest: string): Promise<Buffer> {
  return readFile(path.join(layout, 'blobs', 'sha256', digest.replace(/^sha256:/, '')))
}

/** The platforms an OCI layout's top-level index lists, as os/arch[/variant]. */
export async function layoutPlatforms(
  layout: string
): Promise<{ platform: string; manifest: string }[]> {
  const top = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
    manifests: Descriptor[]
  }
  const image = JSON.parse((await readBlob(layout, top.manifests[0]!.digest)).toString()) as {
    manifests?: Descriptor[]
  }
  return (image.manifests ?? []).map(m => ({
    platform: [m.platform?.os, m.platform?.architecture, m.platform?.variant]
      .filter(Boolean)
      .join('/'),
    manifest: m.digest
  }))
}

/** Unpacks one file from the last layer of a manifest in an OCI layout into dir, and returns its path. */
export async function fileFromLayout(
  layout: string,
  manifest: string,
  name: string,
  dir: string
): Promise<string> {
  const m = JSON.parse((await readBlob(layout, manifest)).toString()) as { layers: Descriptor[] }
  const layer = gunzipSync(await readBlob(layout, m.layers[m.layers.length - 1]!.digest))
  const out = path.join(dir, `${manifest.slice(7, 19)}-${name}`)
  const entry = (await readTar(layer)).find(e => e.header.name === name)
  if (!entry) throw new Error(`${name} is not in the last layer of ${manifest}`)
  await writeFile(out, entry.data)
  return out
}

/**
 * Copies a tagged image of an OCI layout into the Docker Engine (what `load: true` will do), under a name of its
 * own (uniqueName): each load gets its own reference, which it returns.
 */
export async function loadLayout(layout: string, tag: string, name: string): Promise<string> {
  const ref = `${uniqueName(name)}:${tag}`
  const r = await skopeo(['copy', '--quiet', `oci:${layout}:${tag}`, `docker-daemon:${ref}`])
  if (r.code !== 0) throw new Error(`skopeo could not load ${layout}:${tag}: ${r.stderr}`)
  return ref
}

export interface FsEntry {
  path: string
  type: string
  mode: string
  owner: string
  size: number
  link: string
}

/**
 * One tar entry as the filesystem sees it. Docker 20.10 writes the file-type bits into the mode field (100755,
 * 40755) where the native builder writes 755; both mean the same file, so only permissions are kept.
 */
export function fsEntry(h: tar.Header): FsEntry {
  return {
    path: h.name.replace(/\/$/, ''),
    type: h.type ?? 'file',
    mode: ((h.mode ?? 0) & 0o7777).toString(8),
    owner: `${h.uid ?? 0}:${h.gid ?? 0}`,
    size: h.size ?? 0,
    link: h.linkname ?? ''
  }
}

/**
 * The filesystem of an image as `docker export` of a created container shows it, without mtimes. The
 * container runtime's own entries (/.dockerenv, /dev, /proc, /sys, /etc/hosts …) are in every export the same
 * way, so two exports compare equal exactly when the images hold the same files.
 */
export async function exportFs(image: string): Promise<FsEntry[]> {
  const created = await sh('docker', ['create', '--network', 'none', image])
  if (created.code !== 0) throw new Error(`docker create ${image}: ${created.stderr}`)
  const id = created.stdout.trim()
  try {
    const archive = await new Promise<Buffer>((resolve, reject) => {
      execFile(
        'docker',
        ['export', id],
        { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
        (err, stdout) => (err ? reject(err) : resolve(stdout))
      )
    })
    const out = (await readTar(archive)).map(({ header }) => fsEntry(header))
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    await sh('docker', ['rm', '-f', id])
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
