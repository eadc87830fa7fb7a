// Writes the FROM scratch Dockerfile and its build context from the same file plan the native builder uses (the
// context stage).
import {
  chmodSync,
  closeSync,
  fchmodSync,
  futimesSync,
  lutimesSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { chmod, copyFile, link, rm, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { platformString, type Platform } from '../platform.js'
import type { Logger, StageBody } from '../ports.js'
import type { Entry, FilePlan, Layer } from '../rootfs/plan.js'

/** ENV values quoted so spaces and quotes survive, and `$` escaped: the native image does not expand variables either. */
function envLine(kv: string): string {
  const eq = kv.indexOf('=')
  return `${kv.slice(0, eq)}=${quote(kv.slice(eq + 1))}`
}

/**
 * The binary layer differs per platform, so with several platforms its context folder is
 * binary/OS/ARCH[/VARIANT], picked with the build arguments BuildKit sets (the action passes them to the
 * classic builder).
 */
export function renderDockerfile(plan: FilePlan, multiPlatform: boolean): string {
  const lines = [
    '# Written by go-scratch-image: the same image its native builder assembles.',
    'FROM scratch'
  ]
  for (const layer of plan.layers) {
    // The binary and its shared libraries differ per platform; every other layer is the same for all.
    const perPlatform = (layer.name === 'binary' || layer.name === 'libraries') && multiPlatform
    // Declared just before its use: the classic builder commits an ARG as an image of the daemon's own
    // platform, which a COPY for another platform then refuses; after the first COPY it is the target's.
    if (perPlatform) {
      lines.push(
        'ARG TARGETOS TARGETARCH TARGETVARIANT',
        `COPY ${chown(layer)}${layer.name}/\${TARGETOS}/\${TARGETARCH}\${TARGETVARIANT:+/}\${TARGETVARIANT}/ /`
      )
    } else {
      const owned = ownedDirectory(layer)
      lines.push(
        owned
          ? `COPY --chown=${owned.owner} ${layer.name}/${owned.path}/ /${owned.path}/`
          : `COPY ${chown(layer)}${layer.name}/ /`
      )
    }
  }
  const s = plan.image
  const continued = ' \\\n    '
  if (s.env.length) lines.push(`ENV ${s.env.map(envLine).join(continued)}`)
  lines.push(`USER ${s.user}`, `WORKDIR ${s.workdir}`)
  if (s.exposedPorts.length) lines.push(`EXPOSE ${s.exposedPorts.join(' ')}`)
  const labels = Object.entries(s.labels)
  if (labels.length) {
    lines.push(
      `LABEL ${labels.map(([k, v]) => `${JSON.stringify(k)}=${quote(v)}`).join(continued)}`
    )
  }
  lines.push(`ENTRYPOINT ${JSON.stringify(s.entrypoint)}`)
  if (s.cmd.length) lines.push(`CMD ${JSON.stringify(s.cmd)}`)
  return `${lines.join('\n')}\n`
}

function quote(v: string): string {
  return JSON.stringify(v).replace(/\$/g, '\\$')
}

/**
 * COPY makes every file root-owned unless told otherwise, and takes one owner for all it copies: a layer owned
 * by someone else says so, and a layer with several owners cannot be one COPY.
 */
function chown(layer: Layer): string {
  const owners = new Set(layer.entries.map(e => `${e.uid}:${e.gid}`))
  if (owners.size > 1) {
    throw new Error(
      `The ${layer.name} layer has several owners (${[...owners].join(', ')}); one COPY cannot make it.`
    )
  }
  const [owner] = owners
  return owner && owner !== '0:0' ? `--chown=${owner} ` : ''
}

/**
 * A layer that is one directory tree of another owner under root-owned parents (the home layer): COPY --chown
 * into that directory creates it with that owner and 0755 and leaves the existing parents alone, where copying
 * the whole layer to / would chown the parents too. Undefined for any other layer.
 */
function ownedDirectory(layer: Layer): { path: string; owner: string } | undefined {
  const owned = layer.entries.filter(e => e.uid !== 0 || e.gid !== 0)
  if (!owned.length || owned.length === layer.entries.length) return undefined
  const top = owned.reduce((a, b) => (b.path.length < a.path.length ? b : a))
  const owner = `${top.uid}:${top.gid}`
  const fits =
    top.type === 'directory' &&
    top.mode === 0o755 &&
    owned.every(
      e => `${e.uid}:${e.gid}` === owner && (e === top || e.path.startsWith(`${top.path}/`))
    ) &&
    layer.entries.every(e => owned.includes(e) || top.path.startsWith(`${e.path}/`))
  if (!fits) {
    throw new Error(
      `The ${layer.name} layer mixes owners in a way one COPY cannot make: only a directory of one owner (0755) ` +
        `under root-owned parents can be copied with --chown.`
    )
  }
  return { path: top.path, owner }
}

/** Link errors that mean "this file cannot be linked here" (another file system, a protected link, a full inode). */
const UNLINKABLE = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP'])

/**
 * Files written at once: two overlap the waits of each file's few calls, and leave the rest of Node's thread pool
 * (four threads) to whatever runs beside the context, such as the image assembly reading the same files.
 */
const WRITES_AT_ONCE = 2

export interface ContextOptions {
  /**
   * A folder of this run's own files (the binaries): they are hard-linked into the context and given its mode and
   * date in place. Any other source is linked only when it already has both, since a link shares its inode and
   * chmod or utimes on it would change the user's (or the system's) file; otherwise it is copied.
   */
  ownedDir?: string
  /** fs.link; tests pass one that fails as another file system would. */
  link?: (source: string, dest: string) => Promise<void>
}

/** Hard-links source at dest when the file system allows it; resolves to whether it did. */
async function tryLink(
  source: string,
  dest: string,
  linkFile: (source: string, dest: string) => Promise<void>
): Promise<boolean> {
  try {
    await linkFile(source, dest)
    return true
  } catch (e) {
    if (UNLINKABLE.has((e as NodeJS.ErrnoException).code ?? '')) return false
    throw e
  }
}

const within = (dir: string, file: string): boolean => {
  const rel = path.relative(dir, file)
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/**
 * Runs create, which makes dest and fails with EEXIST when something is there: then that is removed and create
 * runs again. Never written through: an earlier context's file may be a link to a source.
 */
function createFresh<T>(dest: string, create: () => T): T {
  try {
    return create()
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    rmSync(dest, { force: true })
    return create()
  }
}

/**
 * Links and files whose bytes the plan holds (the zoneinfo tree's several hundred): written with synchronous
 * calls, a few on one descriptor, since each promise-based call costs more CPU in its hand-offs to the thread
 * pool than the system call itself; only these small entries block the thread, and each for microseconds.
 */
function writeInPlace(e: Exclude<Entry, { type: 'directory' }>, dest: string, date?: Date): void {
  if (e.type === 'symlink') {
    createFresh(dest, () => symlinkSync(e.target, dest))
    if (date) lutimesSync(dest, date, date)
    return
  }
  const fd = createFresh(dest, () => openSync(dest, 'wx', e.mode))
  try {
    writeFileSync(fd, e.source)
    // The mode given to open passes through the umask; the plan's must hold exactly.
    fchmodSync(fd, e.mode)
    if (date) futimesSync(fd, date, date)
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes one layer's files under dir with the modes of the plan, so COPY reproduces them, and dated at the source
 * date epoch when given: Docker copies the context's mtimes into its layers, so this keeps them reproducible.
 * Files are hard-linked where that changes no file outside o.ownedDir, else copied.
 */
export async function writeLayerContext(
  layer: Layer,
  dir: string,
  epoch?: number,
  o: ContextOptions = {}
): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const date = epoch === undefined ? undefined : new Date(epoch * 1000)
  const linkFile = o.link ?? link
  // Directories first, in plan order (parents before children), so files and links can then go in at once.
  const dirs = layer.entries.filter(e => e.type === 'directory')
  for (const e of dirs) mkdirSync(path.join(dir, e.path), { recursive: true })
  const fromDisk: (Entry & { type: 'file'; source: string })[] = []
  for (const e of layer.entries) {
    if (e.type === 'directory') continue
    if (e.type === 'file' && typeof e.source === 'string') {
      fromDisk.push({ ...e, source: e.source })
      continue
    }
    writeInPlace(e, path.join(dir, e.path), date)
  }
  const copyOne = async (e: (typeof fromDisk)[number]): Promise<void> => {
    const dest = path.join(dir, e.path)
    // Removed first, never written through: an earlier context's file may be a link to a source.
    await rm(dest, { force: true })
    if (o.ownedDir && within(o.ownedDir, e.source)) {
      if (!(await tryLink(e.source, dest, linkFile))) await copyFile(e.source, dest)
    } else {
      const st = await stat(e.source)
      const asIs = (st.mode & 0o7777) === e.mode && (!date || st.mtimeMs === date.getTime())
      // Nothing to change on the shared inode: the link is the file as the context needs it.
      if (asIs && (await tryLink(e.source, dest, linkFile))) return
      await copyFile(e.source, dest)
    }
    await chmod(dest, e.mode)
    if (date) await utimes(dest, date, date)
  }
  for (let i = 0; i < fromDisk.length; i += WRITES_AT_ONCE) {
    await Promise.all(fromDisk.slice(i, i + WRITES_AT_ONCE).map(copyOne))
  }
  // Modes and dates last and deepest first: a read-only directory must not stop its children being written, and
  // writing a child changes its directory's mtime.
  for (const e of dirs.reverse()) {
    const dest = path.join(dir, e.path)
    chmodSync(dest, e.mode)
    if (date) utimesSync(dest, date, date)
  }
}

export function binaryContextDir(platform: string, multiPlatform: boolean): string {
  return platformContextDir('binary', platform, multiPlatform)
}

/** The context folder of a per-platform layer (binary, libraries): NAME/OS/ARCH[/VARIANT] with several platforms. */
export function platformContextDir(name: string, platform: string, multiPlatform: boolean): string {
  return multiPlatform ? path.join(name, ...platform.split('/')) : name
}

/** Where the context stage wrote the Dockerfile and its context (outputs dockerfile and context). */
export interface DockerContext {
  context: string
  dockerfile: string
}

/**
 * An output for the native builder (and the input of builder: docker), so it overlaps the assembly. Every platform
 * shares all layers but the binary (and the libraries): each folder is written once, one at a time, since
 * writeLayerContext keeps only a few writes in flight and the assembly's reads still find a free thread.
 */
export function contextStage(
  o: { platforms: Platform[] },
  ports: { tempDir: string; logger: Logger }
): StageBody<
  { plans: { platform: Platform; plan: FilePlan }[]; source: { epoch: number } },
  DockerContext
> {
  const multi = o.platforms.length > 1
  return {
    title: 'Write Dockerfile and build context',
    run: async ({ plans, source }) => {
      const context = path.join(ports.tempDir, 'context')
      const dockerfile = path.join(context, 'Dockerfile')
      await rm(context, { recursive: true, force: true })
      const folders = new Map<string, Layer>()
      for (const { platform, plan } of plans) {
        for (const layer of plan.layers) {
          const dir =
            layer.name === 'binary' || layer.name === 'libraries'
              ? platformContextDir(layer.name, platformString(platform), multi)
              : layer.name
          if (!folders.has(dir)) folders.set(dir, layer)
        }
      }
      for (const [dir, layer] of folders) {
        await writeLayerContext(layer, path.join(context, dir), source.epoch, {
          // The binaries are this run's own files: linked, not copied, and dated in place.
          ownedDir: ports.tempDir
        })
      }
      const text = renderDockerfile(plans[0]!.plan, multi)
      await writeFile(dockerfile, text)
      ports.logger.info(text)
      return { context, dockerfile }
    }
  }
}
