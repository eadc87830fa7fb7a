// Stages the runner's zoneinfo without duplicates: TZif files once, links as links, no posix/ or right/ copies.
import { lstat, open, readdir, readlink } from 'node:fs/promises'
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
}

// posix/ duplicates the main tree and right/ holds leap-second variants Go never reads.
const SKIP_DIRS = new Set(['posix', 'right'])

export async function scanZoneinfo(root: string): Promise<ZoneNode[]> {
  const nodes: ZoneNode[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const abs = path.join(dir, name)
      const rel = path.relative(root, abs).split(path.sep).join('/')
      const st = await lstat(abs)
      if (st.isDirectory()) {
        if (!(dir === root && SKIP_DIRS.has(name))) await walk(abs)
      } else if (st.isSymbolicLink()) {
        nodes.push({ rel, kind: 'symlink', target: await readlink(abs) })
      } else if (st.isFile()) {
        const fh = await open(abs, 'r')
        const magic = Buffer.alloc(4)
        await fh.read(magic, 0, 4, 0)
        await fh.close()
        nodes.push({ rel, kind: 'file', tzif: magic.toString('latin1') === 'TZif', size: st.size })
      }
    }
  }
  await walk(root)
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
      : file(`${ZONEINFO_PATH}/${n.rel}`, path.join(root, n.rel), n.size ?? 0)
  )
  return { name: 'zoneinfo', entries: withParents(entries) }
}

/** Go's lib/time/zoneinfo.zip as the whole zoneinfo layer, for when it is smaller than the runner's tree. */
export function zoneinfoZipLayer(zip: string, size: number): Layer {
  return { name: 'zoneinfo', entries: withParents([file(ZONEINFO_ZIP_PATH, zip, size)]) }
}
