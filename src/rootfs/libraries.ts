// The libraries layer of a cgo: dynamic image: the loader and the shared libraries the binary loads, with their links, and the Debian packages that own them.
import path from 'node:path'
import type { Closure } from '../compile/closure.js'
import type { Runner } from '../ports.js'
import { file, symlink, withParents, type Entry, type Layer } from './plan.js'

/** Files keep their execute bit or not (libc is 0755, libm 0644 on Debian); nothing else of the host's mode. */
const normalMode = (mode: number): number => (mode & 0o111 ? 0o755 : 0o644)

/** The layer for a closure read from root (/ or a sysroot): real files at their real paths, each link crossed. */
export function librariesLayer(closure: Closure, root: string): Layer {
  const entries: Entry[] = [
    ...closure.files.map(f =>
      file(f.path.slice(1), path.join(root, f.path), f.size, normalMode(f.mode))
    ),
    ...closure.symlinks.map(l => symlink(l.path.slice(1), l.target))
  ]
  if (closure.nsswitch) {
    const conf = Buffer.from(closure.nsswitch)
    entries.push(file('etc/nsswitch.conf', conf, conf.length))
  }
  return { name: 'libraries', entries: withParents(entries) }
}

/**
 * Which Debian package owns each file, from dpkg -S; a file dpkg does not know is left out. dpkg records the
 * paths the package ships (/lib/x86_64-linux-gnu/libc.so.6), which on a merged-/usr system are not the real paths,
 * so both the path the loader finds and the real one are asked.
 */
export async function debianOwners(
  runner: Runner,
  libraries: { path: string; realPath: string }[]
): Promise<{ name: string; paths: string[] }[]> {
  const asked = [...new Set(libraries.flatMap(l => [l.path, l.realPath]))]
  if (!asked.length) return []
  const res = await runner.run('dpkg', ['-S', ...asked], { silent: true }).catch(() => undefined)
  if (!res) return []
  const byPath = new Map<string, string>()
  // "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6"; a diversion line starts with "diversion by".
  for (const line of res.stdout.split('\n')) {
    const m = /^([^\s:][^:]*(?::[^:\s]+)?): (\/.*)$/.exec(line.trim())
    if (m && !line.startsWith('diversion')) byPath.set(m[2]!, m[1]!)
  }
  const owners = new Map<string, Set<string>>()
  for (const l of libraries) {
    const pkg = byPath.get(l.realPath) ?? byPath.get(l.path)
    if (!pkg) continue
    const set = owners.get(pkg) ?? new Set<string>()
    set.add(l.realPath.slice(1))
    owners.set(pkg, set)
  }
  return [...owners]
    .map(([name, paths]) => ({ name, paths: [...paths].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
}
