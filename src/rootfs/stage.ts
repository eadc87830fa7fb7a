// Stages what a scratch image lacks from the runner: the CA bundle (with extra CAs) and zoneinfo (tree or Go's zip),
// and, as the staged stage, those with the system files and the user's files.
import { access, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { GoTool } from '../go/setup.js'
import { InputError, type Logger, type StageBody } from '../ports.js'
import { stageFiles, type FileMapping } from './files.js'
import {
  CA_BUNDLE_PATH,
  certificatesLayer,
  homeLayer,
  systemLayer,
  withParents,
  ZONEINFO_ZIP_PATH,
  type Layer
} from './plan.js'
import type { ImageOptions } from './settings.js'
import { scanZoneinfo, selectZoneinfo, zoneinfoLayer, zoneinfoZipLayer } from './zoneinfo.js'

export interface CaOptions {
  /** system, none, or a PEM bundle's path relative to workingDirectory. */
  caCertificates: string
  extraCaCertificates: string[]
  workingDirectory: string
  /** Where to look for the runner's bundle, first found wins. */
  candidates?: string[]
  logger: Logger
}

export interface ZoneinfoOptions {
  zoneinfo: true | false | string[]
  /** The runner's zoneinfo tree. */
  root: string
  /** The Go toolchain whose lib/time/zoneinfo.zip may be the smaller choice. */
  goroot: string
  epoch: number
  logger: Logger
  /**
   * The compressed sizes of the tree and the zip, for the choice between them: what the layers compress to as this
   * run would push them (zoneinfoMeasure in src/oci/zoneinfo-choice.ts), remembered by content so a warm run need
   * not build and compress both layers.
   */
  measure: (tree: Layer, zip: Layer, epoch: number) => Promise<{ tree: number; zip: number }>
}

// Where Go's crypto/x509 looks on Linux, in its order.
export const CA_CANDIDATES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/ssl/cert.pem'
]

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false
  )
}

async function readPem(file: string, input: string): Promise<Buffer> {
  const pem = await readFile(file).catch(() => undefined)
  if (pem === undefined || !pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `${input}: ${file} ${pem === undefined ? 'cannot be read' : 'holds no PEM certificate'}. ` +
        (input === 'ca-certificates'
          ? 'Use system, none, or the path of a PEM bundle.'
          : 'Give PEM files (-----BEGIN CERTIFICATE-----), one a line, relative to working-directory.')
    )
  }
  return pem
}

/** The runner's CA bundle: the first candidate that exists. */
async function systemCaBundle(candidates = CA_CANDIDATES): Promise<string | undefined> {
  for (const c of candidates) if (await exists(c)) return c
  return undefined
}

/** The CA bundle: the runner's, a given one or none, with extra-ca-certificates appended (an internal CA). */
export async function caBundle(o: CaOptions): Promise<Layer | undefined> {
  const parts: Buffer[] = []
  let source: string | undefined
  if (o.caCertificates === 'system') {
    const candidates = o.candidates ?? CA_CANDIDATES
    source = await systemCaBundle(candidates)
    if (!source) {
      throw new InputError(
        `ca-certificates: the runner has no CA bundle (looked in ${candidates.join(', ')}). ` +
          `Install ca-certificates, give a PEM file's path, or set none.`
      )
    }
  } else if (o.caCertificates !== 'none') {
    source = path.resolve(o.workingDirectory, o.caCertificates)
  }
  const sources: string[] = []
  if (source) {
    parts.push(await readPem(source, 'ca-certificates'))
    sources.push(source)
    o.logger.info(`CA certificates: ${source} -> /${CA_BUNDLE_PATH}`)
  }
  for (const extra of o.extraCaCertificates) {
    const file = path.resolve(o.workingDirectory, extra)
    const pem = await readPem(file, 'extra-ca-certificates')
    sources.push(file)
    // A bundle without a final newline would glue the next BEGIN line onto its END line.
    if (parts.length && parts[parts.length - 1]!.at(-1) !== 0x0a) parts.push(Buffer.from('\n'))
    parts.push(pem)
    o.logger.info(`CA certificates: appended ${file}`)
  }
  if (!parts.length) return undefined
  if (parts.length === 1 && source)
    return { ...certificatesLayer(source, parts[0]!.length), sources }
  const bundle = Buffer.concat(parts)
  return { ...certificatesLayer(bundle, bundle.length), sources }
}

/**
 * The zoneinfo layer: the runner's tree without duplicates, or a list of zones; for the whole tree, Go's own
 * zoneinfo.zip when the toolchain has one and it compresses smaller (ZONEINFO then points at it).
 */
export async function zoneinfo(
  o: ZoneinfoOptions
): Promise<{ layer: Layer; env: string[] } | undefined> {
  if (o.zoneinfo === false) return undefined
  const { root, epoch } = o
  if (!(await exists(root))) {
    throw new InputError(
      `zoneinfo: the runner has no ${root}. Install tzdata, or set zoneinfo: false.`
    )
  }
  const nodes = selectZoneinfo(await scanZoneinfo(root), root, o.zoneinfo)
  const tree = zoneinfoLayer(nodes, root)
  const zip = path.join(o.goroot, 'lib', 'time', 'zoneinfo.zip')
  if (o.zoneinfo === true && (await exists(zip))) {
    const zipLayer = zoneinfoZipLayer(zip, (await stat(zip)).size)
    const sizes = await o.measure(tree, zipLayer, epoch)
    const [treeBytes, zipBytes] = [sizes.tree, sizes.zip]
    o.logger.info(
      `zoneinfo: ${root} (${nodes.length} entries) is ${treeBytes} bytes compressed, Go's zoneinfo.zip ${zipBytes}`
    )
    if (zipBytes < treeBytes) {
      o.logger.info(`zoneinfo: using ${zip} -> /${ZONEINFO_ZIP_PATH}`)
      return { layer: zipLayer, env: [`ZONEINFO=/${ZONEINFO_ZIP_PATH}`] }
    }
  }
  o.logger.info(`zoneinfo: ${nodes.length} entries from ${root}`)
  return { layer: tree, env: [] }
}

/** Environment entries in order, a later KEY replacing an earlier one in place. */
export function mergeEnv(...lists: string[][]): string[] {
  const out = new Map<string, string>()
  for (const kv of lists.flat()) out.set(kv.slice(0, kv.indexOf('=')), kv)
  return [...out.values()]
}

/**
 * The user's files as a layer, refusing paths that another layer (or the binary) owns, and the inside of a
 * directory that belongs to a non-root user. A directory it shares
 * with an earlier layer keeps that layer's mode: copying into /tmp must not take away its 1777.
 */
export async function filesLayer(
  mappings: FileMapping[],
  workingDirectory: string,
  earlier: Layer[],
  /** Unknown before go list, when only binary-name or the package path could tell. */
  binaryName: string | undefined
): Promise<Layer | undefined> {
  if (!mappings.length) return undefined
  const reserved = new Map<string, string>(binaryName ? [[binaryName, 'binary']] : [])
  const dirModes = new Map<string, number>()
  for (const l of earlier)
    for (const e of l.entries) {
      // A directory of another owner (the nonroot home) is reserved too: the files layer is root-owned and
      // would take it from its owner.
      if (e.type === 'directory' && e.uid === 0 && e.gid === 0) dirModes.set(e.path, e.mode)
      else reserved.set(e.path, l.name)
    }
  const entries = await stageFiles(mappings, workingDirectory, reserved)
  return {
    name: 'files',
    entries: withParents(entries).map(e =>
      e.type === 'directory' && dirModes.has(e.path) ? { ...e, mode: dirModes.get(e.path)! } : e
    )
  }
}

/** The layers every platform shares (certificates, zoneinfo, system and user files) and the env zoneinfo adds. */
export interface Staged {
  layers: Layer[]
  env: string[]
}

/**
 * Stages the layers every platform shares. Needs no binary, so it overlaps the compile; zoneinfo's tree-or-zip
 * choice is measured as the run will compress (measure: through its compressor, remembered for a warm run).
 */
export function stagedStage(
  o: Pick<
    ImageOptions,
    'caCertificates' | 'extraCaCertificates' | 'zoneinfo' | 'workdir' | 'files'
  > & { workingDirectory: string },
  ports: { logger: Logger; caBundleCandidates?: string[]; zoneinfoRoot?: string },
  measure: ZoneinfoOptions['measure']
): StageBody<{ go: GoTool; source: { epoch: number }; main: { binaryName: string } }, Staged> {
  const { logger } = ports
  return {
    title: 'Stage certificates, zoneinfo, system and user files',
    run: async ({ go, source, main }) => {
      const certs = await caBundle({
        caCertificates: o.caCertificates,
        extraCaCertificates: o.extraCaCertificates,
        workingDirectory: o.workingDirectory,
        candidates: ports.caBundleCandidates,
        logger
      })
      const zi = await zoneinfo({
        zoneinfo: o.zoneinfo,
        root: ports.zoneinfoRoot ?? '/usr/share/zoneinfo',
        goroot: go.goroot,
        epoch: source.epoch,
        logger,
        measure
      })
      const system = [systemLayer(o.workdir), homeLayer(o.workdir)]
      const layers = [certs, zi?.layer, ...system].filter((l): l is Layer => !!l)
      const files = await filesLayer(o.files, o.workingDirectory, layers, main.binaryName)
      if (files) {
        logger.info(
          `files: ${files.entries.filter(e => e.type === 'file').length} files from ${o.files.length} line(s)`
        )
        layers.push(files)
      }
      return { layers, env: zi?.env ?? [] }
    }
  }
}
