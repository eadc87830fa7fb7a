// Installs the Go toolchain the build needs: from the tool cache, else downloaded from the release list and verified.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Fetch, Logger, ToolCache } from '../ports.js'
import { InputError } from '../ports.js'
import {
  goToSemver,
  resolveCached,
  resolveGoVersion,
  type GoFile,
  type GoRelease
} from './version.js'

export interface GoInstall {
  version: string
  goroot: string
  /** How it was found: in the tool cache without the release list, in the cache after it, or downloaded. */
  source: 'cache' | 'cache-after-list' | 'download'
}

export interface InstallOptions {
  spec: string
  /** Input that supplied the spec, for error messages (go-version or go-version-file). */
  specInput: string
  baseUrl: string
  /** Look at the release list even when the tool cache has a matching Go. */
  checkLatest: boolean
  /** Go's name for the runner architecture: amd64, arm64. */
  goArch: string
  /** Node's name for it, which the tool cache uses: x64, arm64. */
  cacheArch: string
  /** RUNNER_TOOL_CACHE: the archive is extracted straight into it. */
  toolCacheDir: string
  fetch: Fetch
  toolCache: ToolCache
  logger: Logger
  /** Where the archive is downloaded to, so its growth can be reported; the tool cache's default otherwise. */
  downloadDir?: string
  /** How often the download reports progress. */
  progressMs?: number
}

/** Node's process.arch to Go's GOARCH for the runner itself. */
export function runnerGoArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'armv6l' }
  const arch = map[nodeArch]
  if (!arch)
    throw new Error(
      `Runner architecture ${nodeArch} has no Go release; use an x64 or arm64 runner.`
    )
  return arch
}

export async function fetchReleases(baseUrl: string, fetchFn: Fetch): Promise<GoRelease[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/?mode=json&include=all`
  let res: Response | undefined
  let lastError = ''
  // The list is small and idempotent: retry server errors and resets a few times.
  for (let attempt = 0; attempt < 3 && !res; attempt++) {
    if (attempt) await new Promise(r => setTimeout(r, 500 * attempt))
    try {
      const r = await fetchFn(url)
      if (r.status >= 500 && attempt < 2) {
        lastError = `HTTP ${r.status}`
        await r.body?.cancel()
        continue
      }
      res = r
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } }
      lastError = err.cause?.code ?? err.message
    }
  }
  if (!res) {
    throw new InputError(
      `go-download-base-url: could not reach ${url} (${lastError}). Check the URL or leave the input empty for https://go.dev/dl.`
    )
  }
  if (!res.ok) {
    throw new InputError(
      `go-download-base-url: ${url} answered ${res.status}. It must list Go releases as JSON at ?mode=json&include=all.`
    )
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (!Array.isArray(body)) {
    throw new InputError(`go-download-base-url: ${url} did not return a JSON list of Go releases.`)
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
 * The download, with a progress line every few seconds (a Go archive is 70 MB or more, and a silent log looks
 * stuck) and its duration and speed at the end.
 */
async function withProgress(
  o: InstallOptions,
  file: GoFile,
  url: string,
  attempt: number
): Promise<string> {
  const dest = o.downloadDir ? path.join(o.downloadDir, `${file.filename}.${attempt}`) : undefined
  const start = Date.now()
  const timer = dest
    ? setInterval(() => {
        void stat(dest).then(
          st =>
            o.logger.info(
              `${file.filename}: ${mb(st.size)} of ${mb(file.size)} (${Math.floor((100 * st.size) / file.size)}%)`
            ),
          () => undefined
        )
      }, o.progressMs ?? 5000)
    : undefined
  try {
    const archive = await o.toolCache.downloadTool(url, dest)
    const seconds = Math.max((Date.now() - start) / 1000, 0.001)
    o.logger.info(
      `${file.filename}: downloaded in ${seconds.toFixed(1)} s (${(file.size / 1e6 / seconds).toFixed(1)} MB/s)`
    )
    return archive
  } finally {
    clearInterval(timer)
  }
}

/** Downloads and checks size and sha256 against the list; a mismatch is deleted and fetched once more. */
async function downloadVerified(o: InstallOptions, file: GoFile): Promise<string> {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/${file.filename}`
  let got = ''
  for (let attempt = 1; attempt <= 2; attempt++) {
    o.logger.info(`Downloading ${url} (${mb(file.size)})${attempt > 1 ? ', second try' : ''}`)
    const archive = await withProgress(o, file, url, attempt)
    const size = (await stat(archive)).size
    const sha = await sha256File(archive)
    if (size === file.size && sha === file.sha256) return archive
    await rm(archive, { force: true })
    got = `${size} bytes with sha256 ${sha}`
    o.logger.warning(`${file.filename}: expected sha256 ${file.sha256}, got ${sha}; discarded`)
  }
  throw new Error(
    `The Go download ${file.filename} does not match the release list: expected ${file.size} bytes with sha256 ` +
      `${file.sha256}, got ${got} (twice). It was discarded and nothing was cached; check go-download-base-url (${o.baseUrl}) or retry.`
  )
}

export async function installGo(o: InstallOptions): Promise<GoInstall> {
  const cachedVersions = o.toolCache.findAllVersions('go', o.cacheArch)
  if (!o.checkLatest) {
    const local = resolveCached(o.spec, cachedVersions)
    if (local) {
      const goroot = o.toolCache.find('go', goToSemver(local) ?? local, o.cacheArch)
      if (goroot) {
        o.logger.info(`Go ${local} found in the tool cache: ${goroot}`)
        return { version: local, goroot, source: 'cache' }
      }
    }
  }

  const releases = await fetchReleases(o.baseUrl, o.fetch)
  const { version, file } = resolveGoVersion(o.spec, releases, 'linux', o.goArch, o.specInput)
  const cacheVersion = goToSemver(version) ?? version
  const cached = o.toolCache.find('go', cacheVersion, o.cacheArch)
  if (cached) {
    o.logger.info(`Go ${version} found in the tool cache: ${cached}`)
    return { version, goroot: cached, source: 'cache-after-list' }
  }

  const archive = await downloadVerified(o, file)
  // Extract straight into the tool cache (no copy of a few hundred MB), then mark it complete as tool-cache does.
  const goroot = path.join(o.toolCacheDir, 'go', cacheVersion, o.cacheArch)
  try {
    await rm(goroot, { recursive: true, force: true })
    await mkdir(goroot, { recursive: true })
    await o.toolCache.extractTar(archive, goroot, ['xz', '--strip-components=1'])
    await writeFile(`${goroot}.complete`, '')
  } catch (e) {
    await rm(goroot, { recursive: true, force: true })
    throw e
  } finally {
    await rm(archive, { force: true })
  }
  o.logger.info(`Go ${version} installed in ${goroot}`)
  return { version, goroot, source: 'download' }
}
