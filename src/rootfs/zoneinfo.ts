// Stages the runner's zoneinfo without duplicates: TZif files once, links as links, no posix/ or right/ copies.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import { InputError } from '../ports.js'
import {
  file,
  symlink,
  withParents,
  ZONEINFO_PATH,
  ZONEINFO_ZIP_PATH,
  type Entry,
  type Layer
} from './plan.js'

export interface ZoneNode {
  /** Path relative to the zoneinfo root, with forward slashes. */
  rel: string
  kind: 'file' | 'symlink'
  /** readlink() as found, for symlinks. */
  target?: string
  /** Whether the file starts with the TZif magic, for files. */
  tzif?: boolean
  size?: number
  /**
   * A TZif file's bytes as the scan read them: the layer carries them, so neither its tar (built twice, for the
   * size choice and the image) nor the build context reads the file again, and all three see the same bytes.
   */
  data?: Buffer
}

// posix/ duplicates the main tree and right/ holds leap-second variants Go never reads.
const SKIP_DIRS = new Set(['posix', 'right'])

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

/**
 * Synchronous on purpose: the tree is some 900 small files, and each promise-based call costs more CPU in its
 * hand-offs to the thread pool than the system call itself (a whole-tree scan took about a third of the CPU).
 * The directory entries' types spare an lstat per name, and one read per file gives both its size and magic.
 */
export async function scanZoneinfo(root: string): Promise<ZoneNode[]> {
  const nodes: ZoneNode[] = []
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
      const abs = path.join(dir, d.name)
      const rel = path.relative(root, abs).split(path.sep).join('/')
      if (d.isDirectory()) {
        if (!(dir === root && SKIP_DIRS.has(d.name))) walk(abs)
      } else if (d.isSymbolicLink()) {
        nodes.push({ rel, kind: 'symlink', target: readlinkSync(abs) })
      } else if (d.isFile()) {
        const data = readFileSync(abs)
        const tzif = data.subarray(0, 4).toString('latin1') === 'TZif'
        nodes.push({ rel, kind: 'file', tzif, size: data.length, ...(tzif ? { data } : {}) })
      }
    }
  }
  walk(root)
  return nodes
}

/** Where a link inside the tree points, as a path relative to the root; undefined when it leaves the tree. */
function linkTarget(node: ZoneNode, root: string): string | undefined {
  const t = node.target ?? ''
  const resolved = t.startsWith('/')
    ? path.posix.relative(root, t)
    : path.posix.normalize(path.posix.join(path.posix.dirname(node.rel), t))
  return resolved.startsWith('..') || resolved === '' || path.posix.isAbsolute(resolved)
    ? undefined
    : resolved
}

/**
 * Chooses the nodes to stage: every TZif file and every link that ends at one (`true`), or exactly the named
 * zones and the targets their links need (a list). Links are rewritten relative, so they work in the image.
 */
export function selectZoneinfo(
  nodes: ZoneNode[],
  root: string,
  zones: true | string[]
): ZoneNode[] {
  const byRel = new Map(nodes.map(n => [n.rel, n]))
  // Follows a chain of links to the TZif file it ends at, if any.
  const chain = (rel: string): ZoneNode[] | undefined => {
    const seen: ZoneNode[] = []
    let cur = byRel.get(rel)
    while (cur && cur.kind === 'symlink' && seen.length < 16) {
      seen.push(cur)
      const next = linkTarget(cur, root)
      cur = next === undefined ? undefined : byRel.get(next)
    }
    return cur && cur.kind === 'file' && cur.tzif ? [...seen, cur] : undefined
  }
  const wanted =
    zones === true
      ? nodes.map(n => n.rel)
      : zones.map(z => {
          if (!chain(z)) {
            throw new InputError(
              `zoneinfo: '${z}' is not a time zone in ${root}. Use IANA names such as Europe/Berlin or America/New_York.`
            )
          }
          return z
        })
  const keep = new Map<string, ZoneNode>()
  for (const rel of wanted) {
    for (const n of chain(rel) ?? []) {
      keep.set(n.rel, n.kind === 'symlink' ? { ...n, target: relativeTarget(n, root) } : n)
    }
  }
  return [...keep.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
}

function relativeTarget(node: ZoneNode, root: string): string {
  const target = linkTarget(node, root) as string
  return path.posix.relative(path.posix.dirname(node.rel), target)
}

export function zoneinfoLayer(nodes: ZoneNode[], root: string): Layer {
  const entries: Entry[] = nodes.map(n =>
    n.kind === 'symlink'
      ? symlink(`${ZONEINFO_PATH}/${n.rel}`, n.target ?? '')
      : file(`${ZONEINFO_PATH}/${n.rel}`, n.data ?? path.join(root, n.rel), n.size ?? 0)
  )
  return { name: 'zoneinfo', entries: withParents(entries) }
}

/** Go's lib/time/zoneinfo.zip as the whole zoneinfo layer, for when it is smaller than the runner's tree. */
export function zoneinfoZipLayer(zip: string, size: number): Layer {
  return { name: 'zoneinfo', entries: withParents([file(ZONEINFO_ZIP_PATH, zip, size)]) }
}
