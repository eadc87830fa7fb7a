// The file plan: every path, mode and owner of the image, per layer; both builders and the Dockerfile read it.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

export type LayerName =
  | 'certificates'
  | 'zoneinfo'
  | 'system'
  | 'home'
  | 'files'
  /** cgo: dynamic: the loader and the shared libraries the binary loads (src/rootfs/libraries.ts). */
  | 'libraries'
  | 'binary'
  /** The -debug images only: a static busybox at /busybox (src/rootfs/debug.ts). */
  | 'debug'

interface Base {
  /** Path inside the image without the leading slash, e.g. etc/passwd. */
  path: string
  mode: number
  uid: number
  gid: number
}
export interface FileEntry extends Base {
  type: 'file'
  size: number
  /** A host path to copy from, or the bytes themselves. */
  source: string | Buffer
}
export interface DirEntry extends Base {
  type: 'directory'
}
export interface SymlinkEntry extends Base {
  type: 'symlink'
  target: string
}
export type Entry = FileEntry | DirEntry | SymlinkEntry

export interface Layer {
  name: LayerName
  /** Sorted by path, parents first. */
  entries: Entry[]
  /** The Debian packages that own the layer's files (dpkg -S), where the runner knows them: for an SBOM. */
  packages?: { name: string; paths: string[] }[]
  /** Host files the layer's content was made from (the CA bundle and the extra CAs, in order): for an SBOM. */
  sources?: string[]
}

export interface ImageSettings {
  /** Numeric uid:gid. */
  user: string
  workdir: string
  env: string[]
  entrypoint: string[]
  cmd: string[]
  /** Docker's ExposedPorts keys, e.g. 8080/tcp. */
  exposedPorts: string[]
  labels: Record<string, string>
  /** Set on the manifest (and the index), where registries and tools read them without the config. */
  annotations: Record<string, string>
}

export interface FilePlan {
  layers: Layer[]
  image: ImageSettings
}

export const CA_BUNDLE_PATH = 'etc/ssl/certs/ca-certificates.crt'
export const ZONEINFO_PATH = 'usr/share/zoneinfo'
/** Where Go's own zoneinfo.zip goes when it is the smaller choice; ZONEINFO points the time package at it. */
export const ZONEINFO_ZIP_PATH = 'usr/local/go/lib/time/zoneinfo.zip'
export const NONROOT = { uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' }

const byPath = (a: Entry, b: Entry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/**
 * A digest of layers' entries (paths, types, modes, owners, link targets, sizes) and files' bytes (those the plan
 * holds, else read now), after salt: the key of what the tool cache keeps for a layer's content.
 */
export function contentDigest(layers: Layer[], salt: unknown): string {
  const h = createHash('sha256').update(JSON.stringify(salt))
  for (const layer of layers) {
    h.update(`\0${layer.name}`)
    for (const e of layer.entries) {
      const detail = e.type === 'symlink' ? e.target : e.type === 'file' ? e.size : null
      h.update(JSON.stringify([e.path, e.type, e.mode, e.uid, e.gid, detail]))
      if (e.type === 'file')
        h.update(typeof e.source === 'string' ? readFileSync(e.source) : e.source)
    }
  }
  return h.digest('hex')
}

/** Adds every missing parent directory (0755, root) and sorts, so a layer unpacks the same anywhere. */
export function withParents(entries: Entry[]): Entry[] {
  const have = new Set(entries.map(e => e.path))
  const out = [...entries]
  for (const e of entries) {
    const parts = e.path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/')
      if (!have.has(parent)) {
        have.add(parent)
        out.push(dir(parent))
      }
    }
  }
  return out.sort(byPath)
}

export function file(path: string, source: string | Buffer, size: number, mode = 0o644): FileEntry {
  return { path, type: 'file', mode, uid: 0, gid: 0, size, source }
}

export function dir(path: string, mode = 0o755): DirEntry {
  return { path, type: 'directory', mode, uid: 0, gid: 0 }
}

export function symlink(path: string, target: string): SymlinkEntry {
  return { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, target }
}

export function passwdFile(): string {
  return [
    'root:x:0:0:root:/root:/sbin/nologin',
    'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin',
    `${NONROOT.name}:x:${NONROOT.uid}:${NONROOT.gid}:${NONROOT.name}:${NONROOT.home}:/sbin/nologin`,
    ''
  ].join('\n')
}

export function groupFile(): string {
  return ['root:x:0:', 'nobody:x:65534:', `${NONROOT.name}:x:${NONROOT.gid}:`, ''].join('\n')
}

/** True when p (a path without the leading slash) is the nonroot home or inside it. */
function inHome(p: string): boolean {
  const home = NONROOT.home.slice(1)
  return p === home || p.startsWith(`${home}/`)
}

/** The working directory as a path without leading or trailing slashes ('' for /). */
function workdirPath(workdir: string): string {
  return workdir.replace(/^\/+|\/+$/g, '')
}

/**
 * passwd, group, /home, root's home, a world-writable /tmp with the sticky bit and the working directory: what a scratch
 * image lacks and programs assume. All root-owned: a non-root user must not be able to rewrite its own passwd
 * entry. The nonroot home itself is the home layer, since a Dockerfile COPY gives each layer one owner.
 */
export function systemLayer(workdir = '/'): Layer {
  const passwd = Buffer.from(passwdFile())
  const group = Buffer.from(groupFile())
  const entries: Entry[] = [
    file('etc/passwd', passwd, passwd.length),
    file('etc/group', group, group.length),
    dir(path.posix.dirname(NONROOT.home).slice(1)),
    // root's home, as distroless has it: root needs no help to write, but a program may expect $HOME to exist.
    dir('root', 0o700),
    dir('tmp', 0o1777)
  ]
  // Docker's WORKDIR creates a missing directory; staging it keeps both builders' filesystems the same.
  const wd = workdirPath(workdir)
  if (wd && !inHome(wd) && !entries.some(e => e.path === wd || e.path.startsWith(`${wd}/`)))
    entries.push(dir(wd))
  return { name: 'system', entries: withParents(entries) }
}

/**
 * The nonroot home, 0755 and owned by nonroot as distroless has it, so a program that writes ~/.cache works; a
 * workdir inside it belongs to nonroot too. Its parents stay root-owned (withParents), and the Dockerfile
 * copies just the owned directory (see renderDockerfile).
 */
export function homeLayer(workdir = '/'): Layer {
  const owned = (p: string): DirEntry => ({ ...dir(p), uid: NONROOT.uid, gid: NONROOT.gid })
  const entries: Entry[] = [owned(NONROOT.home.slice(1))]
  const wd = workdirPath(workdir)
  if (inHome(wd) && wd !== NONROOT.home.slice(1)) {
    const parts = wd.split('/')
    // Every directory from the home down to the workdir is nonroot's, as `mkdir -p` by that user would make it.
    for (let i = NONROOT.home.split('/').length; i <= parts.length; i++)
      entries.push(owned(parts.slice(0, i).join('/')))
  }
  return { name: 'home', entries: withParents(entries) }
}

export function certificatesLayer(bundle: string | Buffer, size: number): Layer {
  return { name: 'certificates', entries: withParents([file(CA_BUNDLE_PATH, bundle, size)]) }
}

export function binaryLayer(binary: string, name: string, size: number): Layer {
  return { name: 'binary', entries: withParents([file(name, binary, size, 0o755)]) }
}

/** Order layers from least to most often changed, so a new build re-pushes only what changed. */
export function orderLayers(layers: Layer[]): Layer[] {
  // The libraries change with the runner's C library, less often than the binary; debug goes on top of a whole image.
  const order: LayerName[] = [
    'certificates',
    'zoneinfo',
    'system',
    'home',
    'files',
    'libraries',
    'binary',
    'debug'
  ]
  return [...layers].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
}

/** Uncompressed size of a layer as unpacked on disk: the bytes of its regular files. */
export function layerContentSize(layer: Layer): number {
  return layer.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0)
}
