// Answers the SBOM's few dpkg questions (who owns a file, which version is installed) from dpkg's database files, where they can answer as dpkg would; the caller asks dpkg itself otherwise.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** Where dpkg keeps its database unless configured otherwise (dpkg --admindir). */
export const DPKG_DIR = '/var/lib/dpkg'

/** What dpkg-query -W -f='${Version}\t${Architecture}' prints for one installed package. */
export interface DpkgVersion {
  version: string
  arch: string
}

/**
 * dpkg's status and list files, read once each and only for the packages asked about. `dpkg -S` reads every
 * package's file list (some 800 files, about 50 ms of CPU) and each dpkg-query is a process of its own; these
 * reads cost well under a millisecond. Every method answers undefined where the files cannot give dpkg's answer
 * for certain, and the caller then runs dpkg.
 */
export class DpkgDatabase {
  private status?: string | null
  private diversions?: Set<string> | null

  constructor(readonly dir: string = DPKG_DIR) {}

  private read(file: string): string | null {
    try {
      return readFileSync(path.join(this.dir, file), 'utf8')
    } catch {
      return null
    }
  }

  /**
   * The package owning a regular file, when one of the candidates' lists names it. A file listed by a package
   * without an architecture in its list's name belongs to that package alone: dpkg takes a file out of the old
   * package's list when another package replaces it, and only Multi-Arch: same packages (whose lists are named
   * PKG:ARCH.list) share files. Undefined for a directory (many packages list those), a diverted path (dpkg -S
   * reports the diversion first), or a file no candidate lists.
   */
  owner(file: string, candidates: string[]): string | undefined {
    if (!path.isAbsolute(file)) return undefined
    try {
      if (!statSync(file).isFile()) return undefined
    } catch {
      return undefined
    }
    this.diversions ??= (() => {
      const text = this.read('diversions')
      return text === null ? null : new Set(text.split('\n'))
    })()
    if (this.diversions === null || this.diversions.has(file)) return undefined
    for (const pkg of candidates) {
      // A package name has no '/' or ':' (Debian policy 5.6.1); anything else is no list of ours to open.
      if (!/^[a-z0-9][a-z0-9+.-]+$/.test(pkg)) continue
      const list = this.read(path.join('info', `${pkg}.list`))
      if (list !== null && `\n${list}`.includes(`\n${file}\n`)) return pkg
    }
    return undefined
  }

  /**
   * The version and architecture of an installed package (NAME or NAME:ARCH) from its one stanza in the status
   * file; undefined when the name has several (a Multi-Arch: same package installed for two architectures, which
   * dpkg-query prints one after the other), none, or one that is not installed.
   */
  version(name: string): DpkgVersion | undefined {
    // A newline first, so the first stanza's Package line is found as every other one is.
    if (this.status === undefined) {
      const text = this.read('status')
      this.status = text === null ? null : `\n${text}`
    }
    const text = this.status
    if (text === null) return undefined
    const [pkg, wantArch] = name.split(':')
    const head = `\nPackage: ${pkg}\n`
    const found: Record<string, string>[] = []
    for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
      const end = text.indexOf('\n\n', at + 1)
      const stanza = fields(text.slice(at + 1, end === -1 ? undefined : end))
      if (wantArch === undefined || stanza.Architecture === wantArch) found.push(stanza)
    }
    if (found.length !== 1) return undefined
    const { Status: status, Version: version, Architecture: arch } = found[0]!
    // "install ok installed", "hold ok installed": a removed package keeping its conffiles is dpkg-query's to describe.
    if (status?.split(' ')[2] !== 'installed' || !version || !arch) return undefined
    return { version, arch }
  }
}

/** The top-level fields of one stanza (continuation lines, which start with a space, are left out). */
function fields(stanza: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of stanza.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0 && line[0] !== ' ' && line[0] !== '\t')
      out[line.slice(0, colon)] = line.slice(colon + 1).trim()
  }
  return out
}
