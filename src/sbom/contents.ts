// What one platform's image holds, for its SBOM: gathered from the pipeline's own data (the file plan, the binary's Go build information, the runner's packages), not by scanning the image afterwards.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { PackageURL } from 'packageurl-js'
import type { Platform } from '../platform.js'
import type { Blob } from '../oci/image.js'
import type { Runner } from '../ports.js'
import {
  CA_BUNDLE_PATH,
  ZONEINFO_ZIP_PATH,
  type FileEntry,
  type FilePlan,
  type LayerName
} from '../rootfs/plan.js'
import { DpkgDatabase } from './dpkg.js'
import {
  readBuildInfo,
  type BuildInfo,
  type BuildSetting,
  type Module
} from '../compile/buildinfo.js'

/** One regular file of the image. */
export interface ImageFile {
  /** Inside the image, without the leading slash. */
  path: string
  layer: LayerName
  size: number
  /** Hex digests of the file's bytes. */
  sha256: string
  sha1: string
}

/** A Debian (or Ubuntu) package installed on the runner. */
export interface DebPackage {
  name: string
  version: string
  arch: string
  /** os-release ID and VERSION_ID, e.g. debian and 12. */
  distro: string
  distroVersion?: string
  purl: string
}

/** A Go module compiled into the binary: what was really built, i.e. the replacement when there is one. */
export interface GoModule {
  path: string
  /** Absent for a directory replacement, which has no version. */
  version?: string
  /** The go.sum hash, h1:…, absent for the main module and for directory replacements. */
  sum?: string
  /** The sha256 an h1: hash is (the hash of the module's file list), as hex. */
  sha256?: string
  /** The module the go.mod required, when a replace directive swapped it for this one. */
  replaces?: { path: string; version: string }
  /** The local directory of a directory replacement (e.g. ../lib). */
  directory?: string
  purl: string
}

export interface GoContents {
  /** The toolchain, e.g. go1.22.5: the standard library compiled in. */
  toolchain: string
  stdlibPurl: string
  /** The main package's import path. */
  package: string
  /** Absent for a binary built outside a module (go build file.go). */
  main?: GoModule
  deps: GoModule[]
  settings: BuildSetting[]
}

export interface CaBundle {
  file: ImageFile
  /** Host paths the bundle was made from: the bundle, then each extra-ca-certificates file. */
  sources: string[]
  /** The package the bundle comes from, on a Debian or Ubuntu runner. */
  package?: DebPackage
}

export interface Zoneinfo {
  /** What the image holds: the zoneinfo tree, or Go's zoneinfo.zip. */
  kind: 'tree' | 'zip'
  /** Host path it was staged from. */
  source: string
  /** Files in the layer. */
  files: number
  /** The IANA tzdata release, e.g. 2025b, when known. */
  tzdata?: string
  package?: DebPackage
  /** The zip's own file (kind zip). */
  zip?: ImageFile
}

export interface ImageContents {
  /** os/arch[/variant]. */
  platform: string
  /** The repository (registry/name), or the binary's name when nothing is pushed. */
  name: string
  /** The platform manifest: what the SBOM describes and is attached to. */
  manifest: { mediaType: string; digest: string; size: number }
  /** RFC 3339, from the source date epoch. */
  created: string
  binary: ImageFile
  go: GoContents
  caBundle?: CaBundle
  zoneinfo?: Zoneinfo
  /** Every other regular file (passwd, group, the user's files, shared libraries), by path. */
  files: ImageFile[]
  /** cgo: dynamic: the Debian packages the libraries layer's files come from, with their paths in the image. */
  libraries?: { package: DebPackage; paths: string[] }[]
}

/** What the runner says about the packages the static layers come from; asked once per run. */
export interface HostPackages {
  /** The packages owning the libraries layer's files, by the name dpkg -S gave (libc6:amd64). */
  libraries?: Map<string, DebPackage>
  caCertificates?: DebPackage
  tzdata?: DebPackage
  /** From tzdata.zi's "# version 2025b" line. */
  tzdataVersion?: string
}

const golangPurl = (modulePath: string, version?: string): string => {
  const cut = modulePath.lastIndexOf('/')
  const namespace = cut > 0 ? modulePath.slice(0, cut) : undefined
  return new PackageURL('golang', namespace, modulePath.slice(cut + 1), version).toString()
}

/** A module's h1: hash as hex: h1 is base64 of a sha256 (Go's dirhash.Hash1). */
export function h1ToSha256(sum: string | undefined): string | undefined {
  if (!sum?.startsWith('h1:')) return undefined
  const raw = Buffer.from(sum.slice(3), 'base64')
  return raw.length === 32 ? raw.toString('hex') : undefined
}

/** A dependency as it was compiled: its replacement if any, with what it replaced. */
function goModule(m: Module): GoModule {
  const r = m.replace
  if (!r) {
    return {
      path: m.path,
      version: m.version,
      ...(m.sum ? { sum: m.sum, sha256: h1ToSha256(m.sum) } : {}),
      purl: golangPurl(m.path, m.version)
    }
  }
  const replaces = { path: m.path, version: m.version }
  // A directory replacement (../lib, /src/lib) has no module version: the module keeps its required path.
  if (r.path.startsWith('.') || r.path.startsWith('/')) {
    return { path: m.path, replaces, directory: r.path, purl: golangPurl(m.path) }
  }
  return {
    path: r.path,
    version: r.version,
    ...(r.sum ? { sum: r.sum, sha256: h1ToSha256(r.sum) } : {}),
    replaces,
    purl: golangPurl(r.path, r.version)
  }
}

/**
 * The Go side of the image: the toolchain, the main module and every module compiled in. ldflags is the -ldflags
 * value of the go build command: Go leaves it out of the build information under -trimpath (golang/go#52372,
 * for the paths it may hold), and the action always builds with -trimpath.
 */
export function goContents(info: BuildInfo, ldflags?: string): GoContents {
  const main: GoModule | undefined = info.main && {
    path: info.main.path,
    // (devel) is what Go records for a build from a work tree: no version to name.
    ...(info.main.version && info.main.version !== '(devel)' ? { version: info.main.version } : {}),
    purl: golangPurl(
      info.main.path,
      info.main.version && info.main.version !== '(devel)' ? info.main.version : undefined
    )
  }
  return {
    toolchain: info.goVersion,
    stdlibPurl: new PackageURL('golang', undefined, 'stdlib', info.goVersion).toString(),
    package: info.path,
    ...(main ? { main } : {}),
    deps: info.deps.map(goModule),
    settings:
      ldflags !== undefined && !info.settings.some(s => s.key === '-ldflags')
        ? [...info.settings, { key: '-ldflags', value: ldflags }]
        : info.settings
  }
}

async function digests(source: string | Buffer): Promise<{ sha256: string; sha1: string }> {
  const a = createHash('sha256')
  const b = createHash('sha1')
  if (typeof source === 'string') {
    for await (const chunk of createReadStream(source)) {
      a.update(chunk as Buffer)
      b.update(chunk as Buffer)
    }
  } else {
    a.update(source)
    b.update(source)
  }
  return { sha256: a.digest('hex'), sha1: b.digest('hex') }
}

async function imageFile(e: FileEntry, layer: LayerName): Promise<ImageFile> {
  return { path: e.path, layer, size: e.size, ...(await digests(e.source)) }
}

/** The IANA release named in tzdata.zi ("# version 2025b"), which every tzdata build since 2018 writes. */
export function tzdataVersionOf(tzdataZi: string): string | undefined {
  return /^# version (\S+)/m.exec(tzdataZi)?.[1]
}

/** KEY=VALUE lines of /etc/os-release, unquoted. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2')
  }
  return out
}

/**
 * An installed package by name, or the one owning a file (dpkg -S); undefined where there is no dpkg. The
 * database's files answer first where they can (a file in one of the candidates' lists, a package's one stanza),
 * dpkg and dpkg-query where they cannot: the answers are the same, without a process each.
 */
async function debPackage(
  runner: Runner,
  os: Record<string, string>,
  name: string | undefined,
  file?: { path: string; candidates: string[] },
  db?: DpkgDatabase
): Promise<DebPackage | undefined> {
  const run = (args: string[]): Promise<string | undefined> =>
    runner
      .run(args[0]!, args.slice(1), { silent: true })
      .then(r => (r.exitCode === 0 ? r.stdout.trim() : undefined))
      .catch(() => undefined)
  let pkg = name
  if (!pkg && file) {
    // "tzdata: /usr/share/zoneinfo/tzdata.zi"; an arch-qualified name keeps its qualifier out of the name.
    pkg =
      db?.owner(file.path, file.candidates) ??
      (await run(['dpkg', '-S', file.path]))?.split('\n')[0]?.split(':')[0]?.trim()
  }
  if (!pkg) return undefined
  let found = db?.version(pkg)
  if (!found) {
    const out = await run(['dpkg-query', '-W', '-f=${Version}\t${Architecture}', pkg])
    const [version, arch] = out?.split('\t') ?? []
    if (version && arch) found = { version, arch }
  }
  if (!found) return undefined
  const { version, arch } = found
  const distro = (os.ID || 'debian').toLowerCase()
  const distroVersion = os.VERSION_ID
  // dpkg -S names a multiarch package with its architecture (libc6:amd64); the purl has it as arch=.
  pkg = pkg.split(':')[0]!
  const purl = new PackageURL('deb', distro, pkg, version, {
    arch,
    ...(distroVersion ? { distro: `${distro}-${distroVersion}` } : {})
  }).toString()
  return { name: pkg, version, arch, distro, ...(distroVersion ? { distroVersion } : {}), purl }
}

/**
 * The runner's packages behind the CA bundle and zoneinfo: ca-certificates (whose update-ca-certificates writes
 * the system bundle, which no package owns) or the package owning a given bundle, and tzdata. Each is asked
 * through the runner (after dpkgDir's files, when given), so a runner without dpkg gives none and the SBOM keeps
 * the files' digests only.
 */
export async function hostPackages(o: {
  runner: Runner
  /** The host bundle the certificates layer starts from, if any. */
  caSource?: string
  /** Whether caSource is the runner's system bundle. */
  caSystem: boolean
  zoneinfoRoot?: string
  osRelease?: string
  /** Packages dpkg -S named for the libraries layer (cgo: dynamic). */
  libraryPackages?: string[]
  /** dpkg's database (DPKG_DIR), read before dpkg is asked; without it only dpkg and dpkg-query answer. */
  dpkgDir?: string
}): Promise<HostPackages> {
  const os = parseOsRelease(
    await readFile(o.osRelease ?? '/etc/os-release', 'utf8').catch(() => '')
  )
  const db = o.dpkgDir === undefined ? undefined : new DpkgDatabase(o.dpkgDir)
  const out: HostPackages = {}
  for (const name of new Set(o.libraryPackages ?? [])) {
    const p = await debPackage(o.runner, os, name, undefined, db)
    if (p) (out.libraries ??= new Map()).set(name, p)
  }
  if (o.caSource) {
    const ca = o.caSystem
      ? await debPackage(o.runner, os, 'ca-certificates', undefined, db)
      : await debPackage(
          o.runner,
          os,
          undefined,
          { path: o.caSource, candidates: ['ca-certificates'] },
          db
        )
    if (ca) out.caCertificates = ca
  }
  if (o.zoneinfoRoot) {
    const zi = path.join(o.zoneinfoRoot, 'tzdata.zi')
    const text = await readFile(zi, 'utf8').catch(() => undefined)
    const version = text === undefined ? undefined : tzdataVersionOf(text)
    if (version) out.tzdataVersion = version
    const owned = { path: text === undefined ? o.zoneinfoRoot : zi, candidates: ['tzdata'] }
    const tz = await debPackage(o.runner, os, undefined, owned, db)
    if (tz) {
      out.tzdata = tz
      // Debian's version starts with the IANA release: 2025b-0+deb12u2.
      out.tzdataVersion ??= /^(\d{4}[a-z])/.exec(tz.version)?.[1]
    }
  }
  return out
}

export interface ContentsOptions {
  platform: Platform
  plan: FilePlan
  /** The platform manifest. */
  manifest: Pick<Blob, 'mediaType' | 'digest' | 'size'>
  name: string
  created: string
  /** The CA bundle's host sources (bundle, extras); empty when it was given inline. */
  caSources: string[]
  /** The -ldflags value the binary was linked with (see goContents). */
  ldflags?: string
  /** The runner's zoneinfo tree (a zip layer names its own source). */
  zoneinfoSource: string
  host: HostPackages
}

/** Everything one platform's image holds, with digests, read from the file plan it was assembled from. */
export async function imageContents(o: ContentsOptions): Promise<ImageContents> {
  const platform = [o.platform.os, o.platform.architecture, o.platform.variant]
    .filter(Boolean)
    .join('/')
  let binary: ImageFile | undefined
  let info: BuildInfo | undefined
  let caBundle: CaBundle | undefined
  let zoneinfo: Zoneinfo | undefined
  const files: ImageFile[] = []
  let libraries: ImageContents['libraries']
  for (const layer of o.plan.layers) {
    const regular = layer.entries.filter((e): e is FileEntry => e.type === 'file')
    if (layer.name === 'binary') {
      const e = regular[0]!
      const bytes = typeof e.source === 'string' ? await readFile(e.source) : e.source
      info = readBuildInfo(bytes)
      binary = await imageFile({ ...e, source: bytes }, layer.name)
    } else if (layer.name === 'certificates') {
      const e = regular.find(f => f.path === CA_BUNDLE_PATH)!
      caBundle = {
        file: await imageFile(e, layer.name),
        sources: o.caSources,
        ...(o.host.caCertificates ? { package: o.host.caCertificates } : {})
      }
    } else if (layer.name === 'zoneinfo') {
      const zip = regular.find(f => f.path === ZONEINFO_ZIP_PATH)
      zoneinfo = {
        kind: zip ? 'zip' : 'tree',
        source: zip && typeof zip.source === 'string' ? zip.source : o.zoneinfoSource,
        files: regular.length,
        // Go's zoneinfo.zip carries the tzdata of its Go release, not the runner's.
        ...(!zip && o.host.tzdataVersion ? { tzdata: o.host.tzdataVersion } : {}),
        ...(!zip && o.host.tzdata ? { package: o.host.tzdata } : {}),
        ...(zip ? { zip: await imageFile(zip, layer.name) } : {})
      }
    } else {
      for (const e of regular) files.push(await imageFile(e, layer.name))
    }
    if (layer.name === 'libraries') {
      for (const owner of layer.packages ?? []) {
        const p = o.host.libraries?.get(owner.name)
        if (p) (libraries ??= []).push({ package: p, paths: owner.paths })
      }
    }
  }
  if (!binary || !info) throw new Error(`sbom: the ${platform} image has no binary layer.`)
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    platform,
    name: o.name,
    manifest: { mediaType: o.manifest.mediaType, digest: o.manifest.digest, size: o.manifest.size },
    created: o.created,
    binary,
    go: goContents(info, o.ldflags),
    ...(caBundle ? { caBundle } : {}),
    ...(zoneinfo ? { zoneinfo } : {}),
    files,
    ...(libraries ? { libraries } : {})
  }
}
