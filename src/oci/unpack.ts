// Applies an image's layers in order as a container runtime unpacks them (the OCI image-spec's layer.md), so a check can see the filesystem a container starts in and what replaced what.

/** A tar entry's type as the unpack needs it; devices, FIFOs and sockets are all `other`. */
export type EntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other'

/** One tar header of a layer: no file contents, except the few small files a check reads (/etc/passwd). */
export interface LayerEntry {
  path: string
  type: EntryType
  /** Permission bits (07777); a file-type part, as Docker 20.10 writes it, is ignored. */
  mode: number
  uid: number
  gid: number
  /** A symlink's target, or the path a hard link names. */
  linkname?: string
  data?: Buffer
}

export interface LayerEntries {
  /** The layer's name in the file plan (system, files, binary…), for messages. */
  name: string
  entries: LayerEntry[]
}

export type NodeType = Exclude<EntryType, 'link'>

export interface Node {
  type: NodeType
  mode: number
  uid: number
  gid: number
  target?: string
  data?: Buffer
  /** The index of the layer that put it there; -1 for the empty root a runtime starts from. */
  layer: number
  children?: Map<string, Node>
  /** What a different type of entry at the same path was before this one took its place. */
  replaced?: { type: NodeType; layer: number }
}

/** Something a runtime would refuse, or that leaves the image without what it needs; layer is the one at fault. */
export interface Problem {
  path: string
  message: string
  layer?: number
}

export interface Unpacked {
  root: Node
  /** Layer names, in order, for labels. */
  layers: string[]
  problems: Problem[]
}

export type Resolved =
  | { ok: true; node: Node | undefined; path: string }
  | { ok: false; why: 'notdir' | 'loop'; at: string; node?: Node }

const OPAQUE = '.wh..wh..opq'
const WHITEOUT = '.wh.'
/** Linux's MAXSYMLINKS: the kernel gives up with ELOOP after this many symlinks in one lookup. */
const MAX_SYMLINKS = 40

const directory = (layer: number, mode = 0o755, uid = 0, gid = 0): Node => ({
  type: 'directory',
  mode,
  uid,
  gid,
  layer,
  children: new Map()
})

export const show = (parts: string[]): string => `/${parts.join('/')}`

/** A tar name as path elements, or undefined when it climbs out of the root (a runtime refuses the layer). */
export function splitPath(name: string): string[] | undefined {
  const out: string[] = []
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (!out.length) return undefined
      out.pop()
    } else out.push(part)
  }
  return out
}

/**
 * Looks a path up as the kernel does, from the image root: symlinks in the middle are followed (absolute targets
 * from the root, `..` never above it), the last one only when follow says so. create makes missing directories
 * on the way for that layer, as runtimes do for an entry whose parents a tar leaves out.
 */
export function resolve(
  root: Node,
  parts: string[],
  opts: { follow: boolean; create?: number }
): Resolved {
  const queue = [...parts]
  const nodes: Node[] = [root]
  const names: string[] = []
  let hops = 0
  while (queue.length) {
    const part = queue.shift()!
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (names.length) {
        names.pop()
        nodes.pop()
      }
      continue
    }
    const dir = nodes[nodes.length - 1]!
    const last = queue.every(p => p === '' || p === '.')
    let child = dir.children!.get(part)
    if (!child && opts.create !== undefined) {
      child = directory(opts.create)
      dir.children!.set(part, child)
    }
    // Missing on the way: path says where the lookup stopped.
    if (!child || (last && (child.type !== 'symlink' || !opts.follow)))
      return { ok: true, node: child, path: show([...names, part]) }
    if (child.type === 'symlink') {
      if (++hops > MAX_SYMLINKS) return { ok: false, why: 'loop', at: show([...names, part]) }
      if (child.target!.startsWith('/')) {
        nodes.splice(1)
        names.splice(0)
      }
      queue.unshift(...child.target!.split('/'))
      continue
    }
    if (child.type !== 'directory')
      return { ok: false, why: 'notdir', at: show([...names, part]), node: child }
    nodes.push(child)
    names.push(part)
  }
  return { ok: true, node: nodes[nodes.length - 1], path: show(names) }
}

export const label = (u: Pick<Unpacked, 'layers'>, layer: number): string =>
  layer < 0 ? 'the empty root' : `layer ${layer + 1} (${u.layers[layer]})`

const article = (type: NodeType): string =>
  type === 'other' ? 'a device, FIFO or socket' : `a ${type === 'directory' ? 'directory' : type}`

/** "a file from layer 7 (binary), which replaced a directory from layer 3 (system)". */
export function describe(u: Pick<Unpacked, 'layers'>, node: Node): string {
  const what = node.type === 'symlink' ? `a symlink to ${node.target}` : `${article(node.type)}`
  const was = node.replaced
    ? `, which replaced ${article(node.replaced.type)} from ${label(u, node.replaced.layer)}`
    : ''
  return `${what} from ${label(u, node.layer)}${was}`
}

/** The paths under a directory with the layer each came from, for saying what a replacement took away. */
function contents(dir: Node, at: string, out: { path: string; layer: number }[] = []) {
  for (const [name, child] of [...dir.children!].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push({ path: `${at}/${name}`, layer: child.layer })
    if (child.children) contents(child, `${at}/${name}`, out)
  }
  return out
}

function replacedDirectory(u: Unpacked, at: string, old: Node, layer: number): Problem {
  const lost = contents(old, at === '/' ? '' : at)
  const shown = lost.slice(0, 3).map(l => `${l.path} (${label(u, l.layer)})`)
  const more = lost.length > 3 ? ` and ${lost.length - 3} more` : ''
  const held = lost.length
    ? ` and everything in it: ${shown.join(', ')}${more}`
    : ', which that layer put there empty for the image to use'
  return {
    path: at,
    layer,
    message: `${label(u, layer)} puts a file at ${at}, which replaces the directory from ${label(u, old.layer)}${held}.`
  }
}

/** Whiteouts apply to lower layers only, so they run before the layer's own entries, wherever the tar lists them. */
function whiteout(u: Unpacked, parts: string[], layer: number): void {
  const name = parts[parts.length - 1]!
  const dir = resolve(u.root, parts.slice(0, -1), { follow: true })
  if (!dir.ok || dir.node?.type !== 'directory') return
  if (name === OPAQUE) dir.node.children!.clear()
  // Other .wh..wh. names are AUFS bookkeeping (hard-link directories), which runtimes skip.
  else if (name.startsWith(`${WHITEOUT}${WHITEOUT}`)) return
  else if (name === WHITEOUT || name === `${WHITEOUT}.` || name === `${WHITEOUT}..`) {
    u.problems.push({
      path: show(parts),
      layer,
      message: `${label(u, layer)} holds the whiteout ${show(parts)}, which names no file (a runtime refuses it).`
    })
  } else dir.node.children!.delete(name.slice(WHITEOUT.length))
}

function add(u: Unpacked, e: LayerEntry, parts: string[], layer: number): void {
  const at = show(parts)
  if (!parts.length) {
    // The root itself ("./"): only its attributes change.
    Object.assign(u.root, { mode: e.mode, uid: e.uid, gid: e.gid })
    return
  }
  const parent = resolve(u.root, parts.slice(0, -1), { follow: true, create: layer })
  const dir = parent.ok ? parent.node : undefined
  if (!dir || dir.type !== 'directory') {
    const blocker = parent.ok ? dir : parent.node
    u.problems.push({
      path: at,
      layer,
      message:
        `${label(u, layer)} puts ${at} in ${parent.ok ? parent.path : parent.at}, but that is ` +
        `${blocker ? describe(u, blocker) : 'a symlink loop'}, not a directory: a runtime cannot unpack the layer.`
    })
    return
  }
  const name = parts[parts.length - 1]!
  const existing = dir.children!.get(name)
  if (e.type === 'directory' && existing?.type === 'directory') {
    // Two directories merge: the upper one's attributes win, the lower one's contents stay.
    Object.assign(existing, { mode: e.mode, uid: e.uid, gid: e.gid })
    return
  }
  let node: Node
  if (e.type === 'link') {
    const target = resolve(u.root, splitPath(e.linkname ?? '') ?? [], { follow: true })
    if (!target.ok || !target.node || target.node.type === 'directory') {
      u.problems.push({
        path: at,
        layer,
        message: `${label(u, layer)} makes ${at} a hard link to ${e.linkname}, which ${target.ok && target.node ? 'is a directory' : 'does not exist'} in it or a layer below: a runtime cannot unpack the layer.`
      })
      return
    }
    node = { ...target.node, layer }
  } else if (e.type === 'directory') node = directory(layer, e.mode, e.uid, e.gid)
  else {
    node = { type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, layer }
    if (e.type === 'symlink') node.target = e.linkname ?? ''
    if (e.data) node.data = e.data
  }
  if (existing?.type === 'directory' && node.type !== 'directory')
    u.problems.push(replacedDirectory(u, at, existing, layer))
  if (existing && existing.type !== node.type)
    node.replaced = { type: existing.type, layer: existing.layer }
  dir.children!.set(name, node)
}

/** The filesystem the layers unpack to, in order from the empty root, and what a runtime would refuse on the way. */
export function unpack(layers: LayerEntries[]): Unpacked {
  const u: Unpacked = { root: directory(-1), layers: layers.map(l => l.name), problems: [] }
  layers.forEach((layer, i) => {
    const entries: { e: LayerEntry; parts: string[] }[] = []
    for (const e of layer.entries) {
      const parts = splitPath(e.path)
      if (parts) entries.push({ e, parts })
      else
        u.problems.push({
          path: e.path,
          layer: i,
          message: `${label(u, i)} holds ${e.path}, which climbs out of the image root: a runtime refuses the layer.`
        })
    }
    const isWhiteout = (parts: string[]): boolean =>
      parts.length > 0 && parts[parts.length - 1]!.startsWith(WHITEOUT)
    for (const { parts } of entries) if (isWhiteout(parts)) whiteout(u, parts, i)
    for (const { e, parts } of entries) if (!isWhiteout(parts)) add(u, e, parts, i)
  })
  return u
}
