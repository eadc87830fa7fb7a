// Keeps a link to every file of a big in-memory layer's context folder in the tool cache, by content, so the next context of the same layer links its files instead of creating each one again.
import {
  closeSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { contentDigest, type Entry, type Layer } from '../rootfs/plan.js'

/** Below this many files and links, creating them costs too little to keep a copy (passwd, group, the home). */
export const COPY_MIN_ENTRIES = 64

/** Copies kept; each is one layer's names (the files are shared with the context that made them). */
const KEEP = 8

type Leaf = Exclude<Entry, { type: 'directory' }>

/** Errors that mean "no link here" (another file system, a protected link, too many links). */
const UNLINKABLE = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES'])

/**
 * A kept copy of one layer's context (layer/… under dir/KEY, KEY the digest of the layer's entries and bytes and
 * the epoch), when the layer is worth one: all its files' bytes in the plan, and many entries. A copy is only a
 * source of links: each entry is checked against the plan (bytes, mode, date, link target) before it is linked,
 * since the context is the action's output, and a later step may change its files, which are the copy's too.
 */
export class LayerCopy {
  private linking = true
  /** An entry of the copy differed from the plan (a later step changed the context): the copy is dropped. */
  private stale = false

  private constructor(
    private readonly root: string,
    private readonly dir: string,
    private readonly mtimeMs: number,
    /** Whether the copy exists, to link from. */
    readonly found: boolean,
    /** Whether this context's files become a new copy afterwards. */
    private readonly wanted: boolean
  ) {}

  static open(copies: string, layer: Layer, epoch: number): LayerCopy | undefined {
    const leaves = layer.entries.filter(e => e.type !== 'directory')
    if (leaves.length < COPY_MIN_ENTRIES) return undefined
    if (leaves.some(e => e.type === 'file' && typeof e.source === 'string')) return undefined
    const dir = path.join(copies, contentDigest([layer], ['context-copy/1', epoch]))
    let found = false
    try {
      found = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false
      // Most recently used last to go.
      const now = new Date()
      if (found) utimesSync(dir, now, now)
    } catch {
      // A tool cache this run may not write to: the copy, if any, is still read.
    }
    if (found) return new LayerCopy(copies, dir, epoch * 1000, true, false)
    // A copy is kept the second time its content and epoch are seen: the epoch is the commit's time by default,
    // so most runs see theirs once, and keeping a copy (a link per file) would only add to them.
    const seen = `${dir}.seen`
    let again = false
    try {
      again = statSync(seen, { throwIfNoEntry: false }) !== undefined
    } catch {
      // As if not seen.
    }
    if (!again) {
      try {
        mkdirSync(copies, { recursive: true })
        closeSync(openSync(seen, 'w'))
        trim(copies)
      } catch {
        // Only a cache.
      }
    }
    return new LayerCopy(copies, dir, epoch * 1000, false, again)
  }

  /** Links the copy's entry at dest when it is exactly the plan's; false when the caller must write it. */
  link(e: Leaf, dest: string, createFresh: <T>(dest: string, create: () => T) => T): boolean {
    if (!this.found || !this.linking) return false
    const src = path.join(this.dir, 'layer', e.path)
    if (!this.matches(e, src)) {
      this.stale = true
      return false
    }
    try {
      createFresh(dest, () => linkSync(src, dest))
      return true
    } catch (err) {
      // Another file system: no link will do. Anything else (another run trimmed the copy meanwhile): this entry
      // is written instead.
      if (UNLINKABLE.has((err as NodeJS.ErrnoException).code ?? '')) this.linking = false
      return false
    }
  }

  private matches(e: Leaf, src: string): boolean {
    try {
      if (e.type === 'symlink') {
        const st = lstatSync(src)
        return st.isSymbolicLink() && st.mtimeMs === this.mtimeMs && readlinkSync(src) === e.target
      }
      const fd = openSync(src, 'r')
      try {
        const st = fstatSync(fd)
        if (!st.isFile() || st.size !== e.size || (st.mode & 0o7777) !== e.mode) return false
        if (st.mtimeMs !== this.mtimeMs) return false
        const bytes = Buffer.allocUnsafe(e.size)
        return readSync(fd, bytes, 0, e.size, 0) === e.size && bytes.equals(e.source as Buffer)
      } finally {
        closeSync(fd)
      }
    } catch {
      return false
    }
  }

  /**
   * Links the context's files and links (as written at context/…) into a new copy, renamed into place whole so
   * another run never sees half of one; the oldest copies beyond KEEP go; a stale copy is removed. Only a cache:
   * failures are ignored.
   */
  keep(layer: Layer, context: string): void {
    if (this.found) {
      // The next context writes its files again and keeps them as a new copy.
      if (this.stale) rmSync(this.dir, { recursive: true, force: true })
      return
    }
    if (!this.wanted) return
    const tmp = `${this.dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      for (const e of layer.entries)
        if (e.type === 'directory') mkdirSync(path.join(tmp, 'layer', e.path), { recursive: true })
      mkdirSync(path.join(tmp, 'layer'), { recursive: true })
      for (const e of layer.entries)
        if (e.type !== 'directory')
          linkSync(path.join(context, e.path), path.join(tmp, 'layer', e.path))
      renameSync(tmp, this.dir)
      trim(this.root)
    } catch {
      // Another file system, or another run kept the same copy first.
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }
}

/** Keeps the KEEP most recent copies and 8 × KEEP markers of contents seen once. */
function trim(root: string): void {
  const byAge = (suffix: RegExp): { n: string; t: number }[] =>
    readdirSync(root)
      .filter(n => suffix.test(n))
      .map(n => ({ n, t: statSync(path.join(root, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1))
  for (const { n } of byAge(/^[0-9a-f]{64}$/).slice(KEEP))
    rmSync(path.join(root, n), { recursive: true, force: true })
  for (const { n } of byAge(/^[0-9a-f]{64}\.seen$/).slice(8 * KEEP))
    rmSync(path.join(root, n), { force: true })
}
