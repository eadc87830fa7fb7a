// The libraries layer of a cgo: dynamic image: the loader and the shared libraries the binary loads, with their links, and the Debian packages that own them.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { formatBytes } from '../bytes.js'
import type { CgoBuild } from '../compile/cgo.js'
import { defaultLibraryDirs, libraryClosure, type Closure } from '../compile/closure.js'
import { readElf } from '../compile/elf.js'
import { rootFs } from '../compile/library-fs.js'
import { platformString, type Platform } from '../platform.js'
import type { Logger, Runner, StageBody } from '../ports.js'
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

/**
 * cgo: dynamic: each platform's libraries layer, the closure of what its binary loads; the stage is left out with
 * cgo off. The runner's own packages name their files' owners (dpkg); a sysroot has no dpkg database to ask.
 */
export function librariesStage(
  o: { cgo: string; platforms: Platform[] },
  ports: { runner: Runner; logger: Logger }
): StageBody<
  {
    binaries: Map<string, { path: string }>
    cgo: Map<string, CgoBuild> | undefined
    main: { binaryName: string }
  },
  Map<string, Layer>
> {
  const { logger } = ports
  return {
    title: o.cgo === 'dynamic' ? 'Stage the shared libraries' : undefined,
    run: async ({ binaries, cgo, main }) => {
      const out = new Map<string, Layer>()
      for (const platform of o.platforms) {
        const name = platformString(platform)
        const build = cgo?.get(name)
        if (build?.mode !== 'dynamic' || !build.root) continue
        const bin = binaries.get(name)!
        const elf = await readFile(bin.path)
        const closure = await libraryClosure({
          fs: rootFs(build.root),
          binary: { name: main.binaryName, imagePath: `/${main.binaryName}`, elf },
          architecture: platform.architecture,
          defaultDirs: defaultLibraryDirs(platform.architecture, readElf(elf).bits),
          ldSoConf: true
        })
        const layer = librariesLayer(closure, build.root)
        const sizes = new Map(closure.files.map(f => [f.path, f.size]))
        for (const l of closure.libraries) {
          const size = sizes.get(l.realPath) ?? 0
          const at = l.path === l.realPath ? l.path : `${l.path} -> ${l.realPath}`
          logger.info(
            `${name}: ${l.name.padEnd(28)} ${at} (${formatBytes(size)}), needed by ${l.neededBy.join(', ')}`
          )
        }
        for (const c of closure.cycles)
          logger.info(`${name}: a dependency cycle, loaded once: ${c.join(' -> ')}`)
        if (closure.nsswitch) {
          logger.info(
            `${name}: /etc/nsswitch.conf (${closure.nsswitch.trim().replace(/\n/g, '; ')}): ${main.binaryName} looks ` +
              `up users or hosts through the C library`
          )
        }
        if (build.root === '/') {
          const packages = await debianOwners(ports.runner, closure.libraries)
          if (packages.length) {
            layer.packages = packages
            logger.info(`${name}: from the Debian packages ${packages.map(p => p.name).join(', ')}`)
          }
        }
        out.set(name, layer)
      }
      return out
    }
  }
}
