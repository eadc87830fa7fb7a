// Sets Go up for the build, as three stages: which version (the input or the version file), its install into the
// tool cache, and the restore of Go's build and module caches.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { platformString, type Platform } from '../platform.js'
import {
  InputError,
  type BuildCache,
  type Fetch,
  type Logger,
  type Runner,
  type StageBody,
  type ToolCache
} from '../ports.js'
import { modulesHash, restoreGoCache, type CacheState } from './cache.js'
import { installGo, runnerGoArch } from './install.js'
import { versionFromFile, type GoRequest } from './version.js'

/** The Go inputs: go-version, go-version-file, go-download-base-url, check-latest and the cache controls. */
export interface GoOptions {
  /** go-version; empty means the version file decides. */
  version: string
  /** go-version-file, relative to working-directory; empty means go.mod. */
  versionFile: string
  downloadBaseUrl: string
  checkLatest: boolean
  /** cache: restore Go's caches (true or read). */
  cache: boolean
  /** cache: true (not read): the post step saves them. */
  cacheSave: boolean
  /** cache-dependency-path: absolute globs of the files whose hash keys the cache; empty means go.sum and go.mod. */
  cacheDependencyPath: string[]
}

/** The Go the build runs: its version, its GOROOT, the go command and the environment every go command gets. */
export interface GoTool {
  version: string
  goroot: string
  /** The full path, not "go": exec resolves bare names on the action's own PATH, which may hold another Go. */
  goBin: string
  env: Record<string, string>
}

/** The package whose module decides the version, and the folder it is in. */
interface Where {
  workingDirectory: string
  package: string
}

/** The environment every go command runs with: this toolchain only, never a downloaded one. */
export function goEnv(
  base: Record<string, string | undefined>,
  goroot: string
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v
  env.GOROOT = goroot
  env.GOTOOLCHAIN = 'local'
  env.PATH = `${goroot}/bin${env.PATH ? `:${env.PATH}` : ''}`
  return env
}

/** The go-version spec: the input, else the version file (go.mod by default). */
export function goVersionStage(
  o: Pick<GoOptions, 'version' | 'versionFile'> & Where,
  logger: Logger
): StageBody<unknown, GoRequest> {
  return {
    run: async () => {
      // An explicit go-version keeps its meaning (1.22 = newest 1.22.x); only a go.mod/go.work go line is a minimum.
      if (o.version) return { spec: o.version, input: 'go-version' }
      const file = path.resolve(o.workingDirectory, o.versionFile || 'go.mod')
      const content = await readFile(file, 'utf8').catch(() => undefined)
      if (content === undefined && !o.versionFile && o.package.endsWith('.go')) {
        // A single-file main needs no module, and so has no go.mod to read a version from.
        logger.info(
          `No go.mod beside ${o.package}: using the newest stable Go (set go-version to pin one).`
        )
        return { spec: 'stable', input: 'go-version' }
      }
      const found = content === undefined ? undefined : versionFromFile(file, content)
      if (!found) {
        throw new InputError(
          `go-version-file: ${content === undefined ? 'cannot read' : 'no Go version in'} ${file}. ` +
            `Set go-version (e.g. 1.22 or stable) or point go-version-file at a go.mod, go.work, .go-version or .tool-versions.`
        )
      }
      const name = path.basename(file)
      return { ...found, input: `go-version-file (${name})`, file: name }
    }
  }
}

/** Installs the version asked for into the tool cache (or finds it there). */
export function goStage(
  o: Pick<GoOptions, 'downloadBaseUrl' | 'checkLatest'>,
  ports: {
    fetch: Fetch
    toolCache: ToolCache
    toolCacheDir: string
    nodeArch: string
    env: Record<string, string | undefined>
    tempDir: string
    logger: Logger
  }
): StageBody<{ goVersion: GoRequest }, GoTool> {
  return {
    title: ({ goVersion: v }) => `Install Go (${v.line === 'go' ? `${v.spec} or newer` : v.spec})`,
    run: async ({ goVersion: v }) => {
      const go = await installGo({
        spec: v.spec,
        specInput: v.input,
        specFile: v.file,
        line: v.line,
        goLine: v.goLine,
        baseUrl: o.downloadBaseUrl,
        checkLatest: o.checkLatest,
        toolCacheDir: ports.toolCacheDir,
        goArch: runnerGoArch(ports.nodeArch),
        cacheArch: ports.nodeArch,
        fetch: ports.fetch,
        toolCache: ports.toolCache,
        logger: ports.logger,
        downloadDir: ports.tempDir
      })
      return {
        version: go.version,
        goroot: go.goroot,
        goBin: path.join(go.goroot, 'bin', 'go'),
        env: goEnv(ports.env, go.goroot)
      }
    }
  }
}

/** Restores Go's build and module caches, keyed by the runner, the Go version, the platforms and the modules. */
export function goCacheStage(
  o: Pick<GoOptions, 'cache' | 'cacheSave' | 'cacheDependencyPath'> & {
    workingDirectory: string
    platforms: Platform[]
  },
  ports: { buildCache?: BuildCache; runner: Runner; nodeArch: string; logger: Logger }
): StageBody<{ go: GoTool }, CacheState | undefined> {
  const cache = o.cache ? ports.buildCache : undefined
  return {
    title: cache ? 'Restore Go caches' : undefined,
    run: async ({ go }) => {
      if (!cache) return undefined
      return restoreGoCache(cache, {
        runner: ports.runner,
        goBin: go.goBin,
        env: go.env,
        workdir: o.workingDirectory,
        logger: ports.logger,
        readOnly: !o.cacheSave,
        keys: {
          os: 'linux',
          arch: ports.nodeArch,
          goVersion: go.version,
          platforms: o.platforms.map(platformString),
          modulesHash: await modulesHash(o.workingDirectory, o.cacheDependencyPath)
        }
      })
    }
  }
}
