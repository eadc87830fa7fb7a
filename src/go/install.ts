// Installs the Go toolchain the build needs: from the tool cache, else downloaded from the release list and verified.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Fetch, Logger, ToolCache } from '../ports.js'
import { InputError } from '../ports.js'
import { resolveGoVersion, type GoRelease } from './version.js'

export interface GoInstall {
  version: string
  goroot: string
}

export interface InstallOptions {
  spec: string
  /** Input that supplied the spec, for error messages (go-version or go-version-file). */
  specInput: string
  baseUrl: string
  /** Go's name for the runner architecture: amd64, arm64. */
  goArch: string
  /** Node's name for it, which the tool cache uses: x64, arm64. */
  cacheArch: string
  fetch: Fetch
  toolCache: ToolCache
  logger: Logger
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
  let res: Response
  try {
    res = await fetchFn(url)
  } catch (e) {
    throw new InputError(
      `go-download-base-url: could not reach ${url} (${(e as Error).message}). Check the URL or leave the input empty for https://go.dev/dl.`
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

export async function installGo(o: InstallOptions): Promise<GoInstall> {
  const releases = await fetchReleases(o.baseUrl, o.fetch)
  const { version, file } = resolveGoVersion(o.spec, releases, 'linux', o.goArch, o.specInput)

  const cached = o.toolCache.find('go', version, o.cacheArch)
  if (cached) {
    o.logger.info(`Go ${version} found in the tool cache: ${cached}`)
    return { version, goroot: cached }
  }

  const url = `${o.baseUrl.replace(/\/+$/, '')}/${file.filename}`
  o.logger.info(`Downloading Go ${version} from ${url} (${file.size} bytes)`)
  const archive = await o.toolCache.downloadTool(url)
  try {
    const size = (await stat(archive)).size
    const sha = await sha256File(archive)
    if (size !== file.size || sha !== file.sha256) {
      throw new Error(
        `The Go download ${file.filename} does not match the release list: ` +
          `expected ${file.size} bytes with sha256 ${file.sha256}, got ${size} bytes with sha256 ${sha}. ` +
          `It was discarded and nothing was cached; check go-download-base-url (${o.baseUrl}) or retry.`
      )
    }
    const extracted = await o.toolCache.extractTar(archive)
    const goroot = await o.toolCache.cacheDir(
      path.join(extracted, 'go'),
      'go',
      version,
      o.cacheArch
    )
    await rm(extracted, { recursive: true, force: true })
    o.logger.info(`Go ${version} installed in ${goroot}`)
    return { version, goroot }
  } finally {
    await rm(archive, { force: true })
  }
}
