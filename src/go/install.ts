// Installs the Go toolchain the build needs: from the tool cache, else downloaded from the release list and verified.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import {
  mkdir,
  mkdtemp,
  open as openFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile
} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Fetch, Logger, ToolCache } from '../ports.js'
import { InputError } from '../ports.js'
import { goToolName, maskCredentials, redactUrl } from './mirror.js'
import {
  causeText,
  DEFAULT_TIMEOUTS,
  open,
  readBody,
  TransferError,
  type Timeouts
} from './transfer.js'
import {
  goToSemver,
  resolveCachedRequest,
  resolveGoRequest,
  type GoFile,
  type GoRelease,
  type GoRequest
} from './version.js'

export interface GoInstall {
  version: string
  goroot: string
  /** How it was found: in the tool cache without the release list, in the cache after it, or downloaded. */
  source: 'cache' | 'cache-after-list' | 'download'
}

export interface InstallOptions {
  spec: string
  /** Input that supplied the spec, for error messages (go-version or go-version-file (go.mod)). */
  specInput: string
  /** The version file's name, when the spec came from one. */
  specFile?: string
  /** The go.mod/go.work line the spec came from: the go line is a minimum, the toolchain line exact. */
  line?: 'go' | 'toolchain'
  /** With a toolchain line, the go line beside it: a fix never suggests a toolchain below it. */
  goLine?: string
  baseUrl: string
  /** Look at the release list even when the tool cache has a matching Go. */
  checkLatest: boolean
  /** GOARCH of the runner: amd64, arm64, 386, arm. */
  goArch: string
  /** Node's name for it, which the tool cache uses: x64, arm64. */
  cacheArch: string
  /** RUNNER_TOOL_CACHE: the archive is extracted inside it, then renamed into place. */
  toolCacheDir: string
  fetch: Fetch
  toolCache: ToolCache
  logger: Logger
  /** Where the archive is downloaded to; the OS temp directory otherwise. */
  downloadDir?: string
  /** How often the download reports progress. */
  progressMs?: number
  timeouts?: Partial<Timeouts>
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /**
   * How long a Go directory without its .complete marker may be another run's install that has just been
   * renamed into place and is about to be marked; after it, the directory is taken for an interrupted install.
   */
  settleMs?: number
}

/** Node's process.arch to GOARCH, the runner's own architecture as go build and image platforms name it. */
export function runnerGoArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }
  const arch = map[nodeArch]
  if (!arch)
    throw new Error(
      `Runner architecture ${nodeArch} has no Go release; use an x64 or arm64 runner.`
    )
  return arch
}

/** GOARCH to the arch the release list files Go's archives under: 32-bit ARM is "armv6l" there. */
export function releaseArch(goArch: string): string {
  return goArch === 'arm' ? 'armv6l' : goArch
}

const sleeper = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/**
 * The release list at BASE/?mode=json&include=all, with a connect and an idle timeout per attempt and a budget
 * for all attempts together. Failures are InputErrors naming go-download-base-url (redacted) and the cause.
 */
export async function fetchReleases(
  baseUrl: string,
  fetchFn: Fetch,
  o: {
    timeouts?: Partial<Timeouts>
    now?: () => number
    sleep?: (ms: number) => Promise<void>
  } = {}
): Promise<GoRelease[]> {
  const t = { ...DEFAULT_TIMEOUTS, ...o.timeouts }
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? sleeper
  const url = `${baseUrl.replace(/\/+$/, '')}/?mode=json&include=all`
  const shown = redactUrl(url)
  const deadline = now() + t.listBudgetMs
  let lastError = ''
  // The list is small and idempotent: retry server errors, resets and stalls a few times, within the budget.
  for (let attempt = 0; attempt < 3; attempt++) {
    const wait = 500 * attempt
    if (attempt && now() + wait >= deadline) {
      lastError += `; the budget of ${t.listBudgetMs / 1000} s for the list is spent`
      break
    }
    if (wait) await sleep(wait)
    let text = ''
    try {
      const opened = await open(fetchFn, url, Math.min(t.connectMs, deadline - now()), 'GET')
      const { res } = opened
      if (res.status >= 500 && attempt < 2) {
        lastError = `HTTP ${res.status}`
        opened.abort()
        continue
      }
      if (!res.ok) {
        opened.abort()
        throw new InputError(
          `go-download-base-url: ${shown} answered ${res.status}. It must list Go releases as JSON at ?mode=json&include=all.`
        )
      }
      const chunks: Uint8Array[] = []
      await readBody(opened, {
        url,
        what: 'GET',
        idleMs: t.idleMs,
        budget: { deadline, ms: t.listBudgetMs },
        now,
        onChunk: c => void chunks.push(c)
      })
      text = Buffer.concat(chunks).toString('utf8')
    } catch (e) {
      if (e instanceof InputError) throw e
      // Our own timeouts say what happened in full; fetch's errors are reduced to their cause.
      lastError = e instanceof TransferError ? e.message.replace(/^GET \S+:? ?/, '') : causeText(e)
      continue
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    if (!Array.isArray(body)) {
      throw new InputError(
        `go-download-base-url: ${shown} did not return a JSON list of Go releases.`
      )
    }
    return body as GoRelease[]
  }
  throw new InputError(
    `go-download-base-url: could not reach ${shown} (${lastError}). Check the URL or leave the input empty for https://go.dev/dl.`
  )
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`

/**
 * One download streamed to dest, hashed on the way, with a progress line every few seconds (a Go archive is
 * 70 MB or more, and a silent log looks stuck) and its duration and speed at the end.
 */
async function downloadOnce(
  o: InstallOptions,
  t: Timeouts,
  file: GoFile,
  url: string,
  dest: string,
  deadline: number
): Promise<{ size: number; sha: string }> {
  const now = o.now ?? Date.now
  const start = now()
  const left = deadline - now()
  const opened = await open(o.fetch, url, Math.min(t.connectMs, left), 'The Go download')
  if (!opened.res.ok) {
    opened.abort()
    throw new TransferError(
      `The Go download ${redactUrl(url)} answered ${opened.res.status}`,
      opened.res.status >= 500 || opened.res.status === 408 || opened.res.status === 429
    )
  }
  const hash = createHash('sha256')
  const out = await openFile(dest, 'w')
  let received = 0
  const timer = setInterval(
    () =>
      o.logger.info(
        `${file.filename}: ${mb(received)} of ${mb(file.size)} (${Math.floor((100 * received) / file.size)}%)`
      ),
    o.progressMs ?? 5000
  )
  try {
    await readBody(opened, {
      url,
      what: 'The Go download',
      idleMs: t.idleMs,
      budget: { deadline, ms: t.downloadBudgetMs },
      now,
      onChunk: async chunk => {
        received += chunk.byteLength
        hash.update(chunk)
        await out.write(chunk)
      }
    })
  } finally {
    clearInterval(timer)
    await out.close()
  }
  const secs = Math.max((now() - start) / 1000, 0.001)
  o.logger.info(
    `${file.filename}: downloaded in ${secs.toFixed(1)} s (${(received / 1e6 / secs).toFixed(1)} MB/s)`
  )
  return { size: received, sha: hash.digest('hex') }
}

/**
 * Downloads and checks size and sha256 against the list. A mismatch, a stall or a server error is discarded and
 * fetched once more, if the budget allows.
 */
async function downloadVerified(
  o: InstallOptions,
  file: GoFile
): Promise<{ archive: string; dir: string }> {
  const t = { ...DEFAULT_TIMEOUTS, ...o.timeouts }
  const now = o.now ?? Date.now
  const url = `${o.baseUrl.replace(/\/+$/, '')}/${file.filename}`
  const shown = redactUrl(url)
  // A directory of its own: runs sharing a download directory (the OS temp) never write one file.
  const dir = await mkdtemp(path.join(o.downloadDir ?? os.tmpdir(), 'go-download-'))
  const deadline = now() + t.downloadBudgetMs
  let mismatch = ''
  let failure: TransferError | undefined
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (attempt > 1 && now() >= deadline) break
    o.logger.info(`Downloading ${shown} (${mb(file.size)})${attempt > 1 ? ', second try' : ''}`)
    const dest = path.join(dir, `${file.filename}.${attempt}`)
    let got: { size: number; sha: string }
    try {
      got = await downloadOnce(o, t, file, url, dest, deadline)
    } catch (e) {
      await rm(dest, { force: true })
      if (!(e instanceof TransferError)) {
        await rm(dir, { recursive: true, force: true })
        throw e
      }
      failure = e
      mismatch = ''
      o.logger.warning(`${e.message}${e.retryable && attempt < 2 ? '; trying once more' : ''}`)
      if (!e.retryable) break
      continue
    }
    if (got.size === file.size && got.sha === file.sha256) return { archive: dest, dir }
    await rm(dest, { force: true })
    failure = undefined
    mismatch = `${got.size} bytes with sha256 ${got.sha}`
    o.logger.warning(`${file.filename}: expected sha256 ${file.sha256}, got ${got.sha}; discarded`)
  }
  await rm(dir, { recursive: true, force: true })
  const base = redactUrl(o.baseUrl)
  if (mismatch) {
    throw new Error(
      `The Go download ${file.filename} does not match the release list: expected ${file.size} bytes with sha256 ` +
        `${file.sha256}, got ${mismatch} (twice). It was discarded and nothing was cached; check go-download-base-url (${base}) or retry.`
    )
  }
  throw new Error(
    `${failure?.message ?? `The Go download ${shown} failed`} (of ${file.size} bytes expected). Nothing was ` +
      `cached; check go-download-base-url (${base}) and the network, or retry.`
  )
}

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false
  )

/** Leftovers of runs killed mid-install (staging and replaced copies) older than a day; best effort. */
async function clearLeftovers(versionDir: string, arch: string, now: number): Promise<void> {
  const names = await readdir(versionDir).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(`.${arch}.partial-`) && !name.startsWith(`.${arch}.old-`)) continue
    const p = path.join(versionDir, name)
    const st = await stat(p).catch(() => undefined)
    if (st && now - st.mtimeMs > 24 * 3600_000) await rm(p, { recursive: true, force: true })
  }
}

/**
 * Puts an extracted Go at goroot so that concurrent runs on one tool cache all succeed: the extracted tree is
 * renamed into place (atomic on one filesystem) and the .complete marker written last. A goroot already marked
 * complete is another run's, and is used; one without the marker is an interrupted install, and is replaced.
 */
async function place(
  o: InstallOptions,
  staging: string,
  goroot: string
): Promise<'ours' | 'theirs'> {
  const settle = o.settleMs ?? 3000
  const marked = (): Promise<boolean> => exists(`${goroot}.complete`)
  const sleep = o.sleep ?? sleeper
  for (let round = 0; round < 3; round++) {
    if (await marked()) return 'theirs'
    if (await exists(goroot)) {
      // Another run may have renamed its copy in a moment ago and be about to write the marker.
      for (let waited = 0; waited < settle; waited += 100) {
        await sleep(Math.min(100, settle - waited))
        if (await marked()) return 'theirs'
      }
      o.logger.info(
        `${goroot} has no .complete marker (an install that was interrupted); replacing it.`
      )
      const old = `${path.dirname(goroot)}/.${path.basename(goroot)}.old-${randomBytes(4).toString('hex')}`
      await rename(goroot, old).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e
      })
      await rm(old, { recursive: true, force: true })
    }
    try {
      await rename(staging, goroot)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      // Another run put its copy there between our look and our rename.
      if (code === 'ENOTEMPTY' || code === 'EEXIST') continue
      throw e
    }
    await writeFile(`${goroot}.complete`, '')
    return 'ours'
  }
  if (await marked()) return 'theirs'
  throw new Error(
    `Could not put Go into the tool cache at ${goroot}: other runs kept replacing it. Retry, or give this job its own RUNNER_TOOL_CACHE.`
  )
}

export async function installGo(o: InstallOptions): Promise<GoInstall> {
  maskCredentials(o.baseUrl, o.logger)
  const tool = goToolName(o.baseUrl)
  const request: GoRequest = {
    spec: o.spec,
    input: o.specInput,
    file: o.specFile,
    line: o.line,
    goLine: o.goLine
  }
  if (tool !== 'go') {
    o.logger.info(
      `Go from ${redactUrl(o.baseUrl)} is kept apart from go.dev's in the tool cache, as ${tool}.`
    )
  }
  const cachedVersions = o.toolCache.findAllVersions(tool, o.cacheArch)
  if (!o.checkLatest) {
    const local = resolveCachedRequest(request, cachedVersions)
    if (local) {
      const goroot = o.toolCache.find(tool, goToSemver(local) ?? local, o.cacheArch)
      if (goroot) {
        o.logger.info(`Go ${local} found in the tool cache: ${goroot}`)
        return { version: local, goroot, source: 'cache' }
      }
    }
  }

  const releases = await fetchReleases(o.baseUrl, o.fetch, o)
  const listUrl = redactUrl(o.baseUrl.replace(/\/+$/, ''))
  const { version, file, notices, warnings } = resolveGoRequest(
    request,
    releases,
    'linux',
    releaseArch(o.goArch),
    listUrl
  )
  for (const n of notices) o.logger.info(n)
  for (const w of warnings) o.logger.warning(w)
  const cacheVersion = goToSemver(version) ?? version
  const cached = o.toolCache.find(tool, cacheVersion, o.cacheArch)
  if (cached) {
    o.logger.info(`Go ${version} found in the tool cache: ${cached}`)
    return { version, goroot: cached, source: 'cache-after-list' }
  }

  const { archive, dir: downloads } = await downloadVerified(o, file)
  const versionDir = path.join(o.toolCacheDir, tool, cacheVersion)
  const goroot = path.join(versionDir, o.cacheArch)
  try {
    await mkdir(versionDir, { recursive: true })
    await clearLeftovers(versionDir, o.cacheArch, (o.now ?? Date.now)())
    // Staged beside its final place, so the rename into place stays on one filesystem.
    const staging = await mkdtemp(path.join(versionDir, `.${o.cacheArch}.partial-`))
    try {
      await o.toolCache.extractTar(archive, staging, ['xz', '--strip-components=1'])
      if ((await place(o, staging, goroot)) === 'theirs') {
        o.logger.info(`Go ${version} was installed by another run meanwhile: ${goroot}`)
        return { version, goroot, source: 'download' }
      }
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  } finally {
    await rm(downloads, { recursive: true, force: true })
  }
  o.logger.info(`Go ${version} installed in ${goroot}`)
  return { version, goroot, source: 'download' }
}
