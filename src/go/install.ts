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
import { Transient } from '../http/errors.js'
import { describeOutcome, GaveUp, retrying } from '../http/retry.js'
import { causeText, open, readBody, timeoutsFor, TransferError, type Timeouts } from './transfer.js'
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
  /** Jitter for the retries' backoff, in [0, 1). */
  random?: () => number
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
 * The release list at BASE/?mode=json&include=all, with a connect and an idle timeout per attempt and the shared
 * retry policy (src/http/policy.ts) within a budget for all attempts together. Failures are InputErrors naming
 * go-download-base-url (redacted) and the cause.
 */
export async function fetchReleases(
  baseUrl: string,
  fetchFn: Fetch,
  o: {
    timeouts?: Partial<Timeouts>
    now?: () => number
    sleep?: (ms: number) => Promise<void>
    random?: () => number
  } = {}
): Promise<GoRelease[]> {
  const t = timeoutsFor(fetchFn, o.timeouts)
  const now = o.now ?? Date.now
  const url = `${baseUrl.replace(/\/+$/, '')}/?mode=json&include=all`
  const shown = redactUrl(url)
  const deadline = now() + t.listBudgetMs
  const unreachable = (why: string): InputError =>
    new InputError(
      `go-download-base-url: could not reach ${shown} (${why}). Check the URL or leave the input empty for https://go.dev/dl.`
    )
  const spent = `the budget of ${t.listBudgetMs / 1000} s for the list is spent`
  let got: { value: { status: number; text: string }; why: string; attempts: number }
  try {
    got = await retrying(
      { ...o, budgetMs: t.listBudgetMs, silenceMs: Math.max(t.connectMs, t.idleMs) },
      async (_n, signal) => {
        const opened = await open(
          fetchFn,
          url,
          Math.min(t.connectMs, deadline - now()),
          'GET',
          signal
        )
        if (!opened.res.ok) {
          opened.abort()
          return { status: opened.res.status, text: '' }
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
        return { status: opened.res.status, text: Buffer.concat(chunks).toString('utf8') }
      },
      r => ({ status: r.status })
    )
  } catch (e) {
    if (!(e instanceof GaveUp)) throw e
    // Our own timeouts say what happened in full; fetch's errors are reduced to their cause.
    const cause = e.cause
    const why =
      cause instanceof TransferError ? cause.message.replace(/^GET \S+:? ?/, '') : causeText(cause)
    throw unreachable(e.why === 'budget' ? `${why}; ${spent}` : why)
  }
  const { status, text } = got.value
  if (status < 200 || status > 299) {
    if (got.why !== 'answer') {
      throw unreachable(
        got.why === 'budget'
          ? `HTTP ${status}; ${spent}`
          : `answered ${status} ${got.attempts} times`
      )
    }
    throw new InputError(
      `go-download-base-url: ${shown} answered ${status}. It must list Go releases as JSON at ?mode=json&include=all.`
    )
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

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`

/**
 * One download streamed to dest, hashed on the way, with a progress line every few seconds (a Go archive is
 * 70 MB or more, and a silent log looks stuck) and its duration and speed at the end. An answer other than 2xx
 * is returned as its status, for the retry policy to judge.
 */
async function downloadOnce(
  o: InstallOptions,
  t: Timeouts,
  file: GoFile,
  url: string,
  dest: string,
  deadline: number,
  signal: AbortSignal
): Promise<{ status: number; size: number; sha: string }> {
  const now = o.now ?? Date.now
  const start = now()
  const left = deadline - now()
  const opened = await open(o.fetch, url, Math.min(t.connectMs, left), 'The Go download', signal)
  if (!opened.res.ok) {
    opened.abort()
    return { status: opened.res.status, size: 0, sha: '' }
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
  return { status: opened.res.status, size: received, sha: hash.digest('hex') }
}

/** A download whose bytes are not the list's: once is worth another try, twice is the mirror's doing. */
class Mismatch extends Error {}

/**
 * Downloads and checks size and sha256 against the list, under the shared retry policy within the download
 * budget: a stall, a reset or a server error is retried; a mismatch is discarded and fetched once more.
 */
async function downloadVerified(
  o: InstallOptions,
  file: GoFile
): Promise<{ archive: string; dir: string }> {
  const t = timeoutsFor(o.fetch, o.timeouts)
  const now = o.now ?? Date.now
  const url = `${o.baseUrl.replace(/\/+$/, '')}/${file.filename}`
  const shown = redactUrl(url)
  // A directory of its own: runs sharing a download directory (the OS temp) never write one file.
  const dir = await mkdtemp(path.join(o.downloadDir ?? os.tmpdir(), 'go-download-'))
  const deadline = now() + t.downloadBudgetMs
  let mismatches = 0
  const base = redactUrl(o.baseUrl)
  const failed = (what: string): Error =>
    new Error(
      `${what} (of ${file.size} bytes expected). Nothing was cached; check go-download-base-url (${base}) and ` +
        'the network, or retry.'
    )
  try {
    const got = await retrying(
      {
        budgetMs: t.downloadBudgetMs,
        silenceMs: Math.max(t.connectMs, t.idleMs),
        now,
        sleep: o.sleep,
        random: o.random,
        onRetry: ({ attempt, waitMs, outcome }) => {
          // A mismatch was said as it was found.
          if ('error' in outcome && outcome.error instanceof Transient) return
          const what =
            'error' in outcome && outcome.error instanceof TransferError
              ? outcome.error.message
              : `The Go download ${shown}: ${describeOutcome(outcome)}`
          o.logger.warning(`${what}; attempt ${attempt + 2} in ${(waitMs / 1000).toFixed(1)} s`)
        }
      },
      async (n, signal) => {
        o.logger.info(`Downloading ${shown} (${mb(file.size)})${n ? `, attempt ${n + 1}` : ''}`)
        const dest = path.join(dir, `${file.filename}.${n + 1}`)
        let one: { status: number; size: number; sha: string }
        try {
          one = await downloadOnce(o, t, file, url, dest, deadline, signal)
        } catch (e) {
          await rm(dest, { force: true })
          throw e
        }
        if (one.status < 200 || one.status > 299) return { status: one.status, archive: '' }
        if (one.size === file.size && one.sha === file.sha256) return { status: 200, archive: dest }
        await rm(dest, { force: true })
        o.logger.warning(
          `${file.filename}: expected sha256 ${file.sha256}, got ${one.sha}; discarded`
        )
        const message =
          `The Go download ${file.filename} does not match the release list: expected ${file.size} bytes with ` +
          `sha256 ${file.sha256}, got ${one.size} bytes with sha256 ${one.sha}`
        if (++mismatches === 1) throw new Transient(message)
        throw new Mismatch(
          `${message} (twice). It was discarded and nothing was cached; check go-download-base-url (${base}) or retry.`
        )
      },
      r => ({ status: r.status })
    )
    if (got.value.archive) return { archive: got.value.archive, dir }
    const times = got.attempts > 1 ? ` ${got.attempts} times` : ''
    throw failed(`The Go download ${shown} answered ${got.value.status}${times}`)
  } catch (e) {
    await rm(dir, { recursive: true, force: true })
    if (!(e instanceof GaveUp)) throw e
    const cause = e.cause
    if (cause instanceof Mismatch) throw new Error(cause.message)
    if (cause instanceof Transient) throw new Error(`${cause.message}. Nothing was cached; retry.`)
    throw failed(
      cause instanceof TransferError
        ? cause.message
        : `The Go download ${shown} failed: ${causeText(cause)}`
    )
  }
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
