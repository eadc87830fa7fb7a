// The `files` input: SRC:DEST lines parsed and walked into the entries of the image's 'files' layer.
import type { Stats } from 'node:fs'
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../ports.js'
import { dir, file, type Entry } from './plan.js'

export interface FileMapping {
  /** Relative to working-directory, normalised, without a trailing slash ('.' for the directory itself). */
  src: string
  /** Absolute in the image and normalised; ends in '/' when the line asked for a directory ('/' is the root). */
  dest: string
  /** The line as written, for messages. */
  line: string
}

const WHITEOUT = '.wh.'

/**
 * 0755 when the source has any execute bit, else 0644: a build on another runner (other umask, a checkout that
 * kept group write) gives the same digest, and setuid/setgid/sticky never reach the image.
 */
export function normaliseMode(mode: number): number {
  return mode & 0o111 ? 0o755 : 0o644
}

function fail(message: string): never {
  throw new InputError(`files: ${message}`)
}

function checkWhiteout(segments: string[], what: string, line: string): void {
  const bad = segments.find(s => s.startsWith(WHITEOUT))
  // Image tools read such a name as "delete this path from the layers below", not as a file.
  if (bad !== undefined)
    fail(
      `${what} in '${line}' has a name starting with ${WHITEOUT} (${bad}), which OCI layers reserve for deletions. Rename it.`
    )
}

/** Validates one mapping without touching the disk; stageFiles runs it again so hand-made mappings are checked too. */
function normaliseMapping(rawSrc: string, rawDest: string, line: string): FileMapping {
  const src = rawSrc.trim()
  const dest = rawDest.trim()
  if (!src || !dest)
    fail(`'${line}' needs both sides of SRC:DEST, e.g. public:/public. Give one mapping a line.`)
  if (src.startsWith('/'))
    fail(
      `SRC in '${line}' is absolute (${src}); SRC is relative to working-directory. Move the file into the ` +
        `working directory and give its relative path.`
    )
  const srcNorm = path.posix.normalize(src).replace(/\/+$/, '') || '.'
  if (srcNorm === '..' || srcNorm.startsWith('../'))
    fail(
      `SRC in '${line}' climbs out of working-directory (${src}). Only files inside the working directory ` +
        `can be copied; move the file there or change working-directory.`
    )
  checkWhiteout(srcNorm.split('/'), 'SRC', line)

  const rawSegments = dest.split('/')
  const last = rawSegments[rawSegments.length - 1]
  // Like COPY, a DEST that names a directory (a trailing slash, or ending in . or ..) puts a file inside it.
  const asDirectory = last === '' || last === '.' || last === '..'
  const stack: string[] = []
  for (const s of rawSegments) {
    if (s === '' || s === '.') continue
    if (s === '..') {
      // Silently clamping at / (as path.normalize does) would hide a DEST the user did not mean.
      if (!stack.length)
        fail(
          `DEST in '${line}' climbs above / (${dest}). Give a path inside the image, e.g. /public.`
        )
      stack.pop()
      continue
    }
    stack.push(s)
  }
  checkWhiteout(stack, 'DEST', line)
  const destNorm = stack.length ? `/${stack.join('/')}${asDirectory ? '/' : ''}` : '/'
  return { src: srcNorm, dest: destNorm, line }
}

/** Parses `SRC:DEST` lines (blank lines and # comments skipped). */
export function parseFiles(raw: string): FileMapping[] {
  const out: FileMapping[] = []
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) continue
    const parts = line.split(':')
    if (parts.length !== 2)
      fail(
        `'${line}' must have exactly one ':' between SRC and DEST (found ${parts.length - 1}), e.g. ` +
          `public:/public. Rename paths that contain ':'.`
      )
    out.push(normaliseMapping(parts[0] ?? '', parts[1] ?? '', line))
  }
  return out
}

/** What the walk knows about one image path, for the duplicate and reserved messages. */
interface Placed {
  entry: Entry
  /** The host path it comes from, relative to working-directory when inside it. */
  from: string
  line: string
}

const byPath = (a: Entry, b: Entry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
}

function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO'
  if (st.isSocket()) return 'a socket'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isCharacterDevice()) return 'a character device'
  return 'not a regular file or directory'
}

// Another layer's own input is the fix when a file collides with what that layer provides.
const OWNER_HINT: Record<string, string> = {
  'the binary layer': 'Choose another DEST, or another binary-name.',
  'the certificates layer':
    'Choose another DEST; to change the bundle use ca-certificates or extra-ca-certificates.',
  'the zoneinfo layer': 'Choose another DEST; to choose time zones use the zoneinfo input.',
  'the home layer':
    'That is the home of the image user, owned by it and empty for the program to fill at run time; ' +
    'choose a DEST outside it (e.g. /etc/app/) and point the program there.'
}

class Walk {
  private readonly placed = new Map<string, Placed>()

  constructor(
    private readonly root: string,
    private readonly workingDirectory: string
  ) {}

  entries(): Placed[] {
    return [...this.placed.values()]
  }

  /** Host paths in messages: relative to the working directory, which is how the user wrote them. */
  show(p: string): string {
    return isInside(this.root, p) ? path.relative(this.root, p) || '.' : p
  }

  /**
   * Follows a symlink whose target stays inside the working directory; anything else would copy host files
   * the user did not put there (or nothing at all, for a dangling link).
   */
  async follow(link: string, line: string): Promise<string> {
    const target = await readlink(link)
    const real = await realpath(link).catch(() => undefined)
    if (real === undefined)
      fail(
        `symlink '${this.show(link)}' (from '${line}') points to '${target}', which does not exist. ` +
          `Remove the link or create its target.`
      )
    if (!isInside(this.root, real))
      fail(
        `symlink '${this.show(link)}' (from '${line}') points to '${target}' (${real}), outside ` +
          `working-directory ${this.workingDirectory}. Copy the file into the working directory instead of linking to it.`
      )
    return real
  }

  /** Resolves SRC one component at a time, so a link on the way is named when it leads out. */
  async resolveSrc(m: FileMapping): Promise<{ real: string; st: Stats }> {
    let cur = this.root
    for (const seg of m.src === '.' ? [] : m.src.split('/')) {
      const next = path.join(cur, seg)
      const st = await lstat(next).catch(() => undefined)
      if (!st)
        fail(
          `SRC '${m.src}' in '${m.line}' does not exist in working-directory ${this.workingDirectory}. ` +
            `Fix the path; it is relative to working-directory.`
        )
      cur = st.isSymbolicLink() ? await this.follow(next, m.line) : next
    }
    return { real: cur, st: await stat(cur) }
  }

  place(entry: Entry, from: string, line: string): void {
    const have = this.placed.get(entry.path)
    if (have) {
      // The same directory reached twice merges, as COPY into an existing directory does.
      if (have.entry.type === 'directory' && entry.type === 'directory') return
      fail(
        `/${entry.path} would come from both '${have.from}' (line '${have.line}') and '${from}' ` +
          `(line '${line}'). Give each a different DEST.`
      )
    }
    this.placed.set(entry.path, { entry, from, line })
  }

  async stage(m: FileMapping): Promise<void> {
    const { real, st } = await this.resolveSrc(m)
    const dest = m.dest.slice(1)
    if (st.isDirectory()) {
      const base = dest.replace(/\/$/, '')
      if (base) this.place(dir(base), this.show(real), m.line)
      await this.walk(real, base, [real], m.line)
    } else if (st.isFile()) {
      const target =
        dest === '' || dest.endsWith('/') ? `${dest}${path.posix.basename(m.src)}` : dest
      checkWhiteout(target.split('/'), 'DEST', m.line)
      this.place(file(target, real, st.size, normaliseMode(st.mode)), this.show(real), m.line)
    } else {
      this.unsupported(real, st, m.line)
    }
  }

  unsupported(p: string, st: Stats, line: string): never {
    fail(
      `'${this.show(p)}' (from '${line}') is ${kind(st)}, which an image layer cannot carry. ` +
        `Leave it out of the copied paths; a program creates such files at run time.`
    )
  }

  /** ancestors holds the real directories on the way down, so a link back up stops instead of recursing forever. */
  async walk(hostDir: string, destDir: string, ancestors: string[], line: string): Promise<void> {
    const names = (await readdir(hostDir)).sort()
    for (const name of names) {
      const host = path.join(hostDir, name)
      const dest = destDir ? `${destDir}/${name}` : name
      if (name.startsWith(WHITEOUT))
        fail(
          `'${this.show(host)}' (from '${line}') has a name starting with ${WHITEOUT}, which OCI layers ` +
            `reserve for deletions. Rename it.`
        )
      let real = host
      let st = await lstat(host)
      if (st.isSymbolicLink()) {
        real = await this.follow(host, line)
        st = await stat(real)
        if (st.isDirectory() && ancestors.some(a => isInside(real, a)))
          fail(
            `symlink '${this.show(host)}' (from '${line}') points to '${await readlink(host)}', a directory ` +
              `that contains it, so copying would never end. Remove the link, or list that directory on its own line.`
          )
      }
      if (st.isDirectory()) {
        this.place(dir(dest), this.show(real), line)
        await this.walk(real, dest, [...ancestors, real], line)
      } else if (st.isFile()) {
        this.place(file(dest, real, st.size, normaliseMode(st.mode)), this.show(real), line)
      } else {
        this.unsupported(host, st, line)
      }
    }
  }
}

/** Other layers' paths; a Map says which layer owns each, so the message can point at the right input. */
export type ReservedPaths = ReadonlySet<string> | ReadonlyMap<string, string>

function checkReserved(all: Placed[], reserved: ReservedPaths): void {
  const owner = (p: string): string | undefined => {
    if (!reserved.has(p)) return undefined
    return reserved instanceof Map ? `the ${String(reserved.get(p))} layer` : 'another layer'
  }
  // Every directory a reserved path needs: a file there would replace the directory and hide what it holds.
  const needed = new Map<string, string>()
  for (const r of reserved.keys())
    for (let i = r.indexOf('/'); i > 0; i = r.indexOf('/', i + 1)) needed.set(r.slice(0, i), r)
  for (const { entry, from, line } of all) {
    const parts = entry.path.split('/')
    for (let i = parts.length; i > 0; i--) {
      const p = parts.slice(0, i).join('/')
      const layer = owner(p)
      if (layer === undefined) continue
      fail(
        `/${entry.path} (from '${from}', line '${line}') ${p === entry.path ? 'is' : 'would sit under'} ` +
          `/${p}, which ${layer} already puts in the image. ` +
          (OWNER_HINT[layer] ?? 'Choose another DEST.')
      )
    }
    const under = needed.get(entry.path)
    if (under !== undefined && entry.type !== 'directory')
      fail(
        `/${entry.path} (from '${from}', line '${line}') would replace the directory that holds /${under}, ` +
          `which another layer puts in the image. Choose another DEST.`
      )
  }
}

/** A file at a/b and anything at a/b/c cannot both exist; withParents would not notice and write a broken tar. */
function checkParents(placed: Placed[]): void {
  const byName = new Map(placed.map(p => [p.entry.path, p]))
  for (const p of placed) {
    const parts = p.entry.path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = byName.get(parts.slice(0, i).join('/'))
      if (parent && parent.entry.type !== 'directory')
        fail(
          `/${parent.entry.path} is a file (from '${parent.from}', line '${parent.line}') but /${p.entry.path} ` +
            `(from '${p.from}', line '${p.line}') needs it to be a directory. Give one of them a different DEST.`
        )
    }
  }
}

/**
 * Walks each mapping under workingDirectory and returns plan entries for the 'files' layer (paths without
 * leading slash, NOT yet passed through withParents — the caller does that), sorted by path. Symlinks inside
 * the working directory are followed, so only files and directories come back. `reserved` holds the image
 * paths of files other layers own (not directories): a mapping may not land on one, under one, or on a
 * directory one needs.
 */
export async function stageFiles(
  mappings: FileMapping[],
  workingDirectory: string,
  reserved: ReservedPaths = new Set<string>()
): Promise<Entry[]> {
  const root = await realpath(workingDirectory).catch(() =>
    fail(
      `working-directory ${workingDirectory} does not exist, so no SRC can be found. Fix working-directory.`
    )
  )
  const walk = new Walk(root, workingDirectory)
  for (const m of mappings) {
    const ok = normaliseMapping(m.src, m.dest, m.line)
    try {
      await walk.stage(ok)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      // A file the runner may not read is the user's to fix, not a crash of the action.
      if (code === 'EACCES' || code === 'EPERM')
        fail(`cannot read what '${ok.line}' copies (${(e as Error).message}). Make it readable.`)
      throw e
    }
  }
  const placed = walk.entries()
  checkParents(placed)
  checkReserved(placed, reserved)
  return placed.map(p => p.entry).sort(byPath)
}
