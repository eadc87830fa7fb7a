// Turns the action's raw inputs into a validated, typed config; every error names the input and the fix.
import path from 'node:path'
import { checkLdflags } from './compile/ldflags.js'
import { parseCgoConfig, type CgoConfig } from './compile/cgo.js'
import { parsePlatforms } from './platform.js'
import { InputError } from './ports.js'
import { missingTokenError } from './comment/github.js'
import { parseCompression } from './oci/compress.js'
import { parseByteSize, parseIncrease } from './report/gate.js'
import { parseReference } from './registry/reference.js'
import type { Credentials } from './registry/client.js'
import { readCaFile } from './registry/transport.js'
import { parseFiles } from './rootfs/files.js'
import { imageTopLevel, parseBinaryName } from './rootfs/binary-name.js'
import { parseProvenance } from './attest/config.js'
import type { SbomFormat } from './sbom/formats.js'
import {
  parseVulnAllow,
  parseVulnDb,
  parseVulnerabilities,
  type VulnOptions
} from './vuln/inputs.js'
import type { BuildOptions } from './compile/build-options.js'
import type { AssembleOptions } from './oci/assemble.js'
import type { SupplyChainOptions } from './pipeline/options.js'
import type { PublishOptions } from './registry/publish.js'
import type { ReportOptions } from './report/size-report.js'
import type { ImageOptions } from './rootfs/settings.js'
import { parseCacheMode, parseMatrixConfig, type MatrixConfig } from './config-matrix.js'
import { parseTagLines } from './registry/tag-rules.js'
import { tagsOfImages } from './images/image-tags.js'
import { parseSourceDateEpoch } from './source-date-epoch.js'
import { fansOut, parseTargets, renderTemplate } from './images/targets.js'
import {
  parseCommand,
  parseExpose,
  parseUser,
  parseWorkdir,
  validateEnv,
  validateLabels
} from './rootfs/settings.js'

/**
 * The inputs, parsed and checked. The edge turns it into the pipeline's option objects (runOptions in
 * src/edge.ts), whose fields it shares by name; the rest are read there alone.
 */
export interface Config
  extends
    MatrixConfig,
    CgoConfig,
    BuildOptions,
    ImageOptions,
    AssembleOptions,
    Omit<PublishOptions, 'shortShaLength'>,
    ReportOptions,
    SupplyChainOptions,
    VulnOptions {
  goVersion: string
  goVersionFile: string
  goDownloadBaseUrl: string
  checkLatest: boolean
  /** cache: true or read (restore Go's caches). */
  cache: boolean
  insecureRegistry: boolean
  /** registry-timeout: how long a registry request may stay silent, in ms. */
  registryTimeoutMs: number
  /** registry-ca-file, resolved, and its certificates (PEM), trusted for the registries. */
  registryCaFile?: string
  registryCa?: string
  credentials?: Credentials
  summary: boolean
  /** comment-from: a report file (output report of another job) to post without building; resolved. */
  commentFrom: string
}

export type GetInput = (name: string) => string

/** sbom: spdx (the default), cyclonedx or none. */
export function parseSbom(raw: string): SbomFormat {
  const value = raw.trim().toLowerCase() || 'spdx'
  if (value !== 'spdx' && value !== 'cyclonedx' && value !== 'none') {
    throw new InputError(
      `sbom: '${raw.trim()}' is not spdx, cyclonedx or none. Use spdx (SPDX 2.3 JSON, the default), cyclonedx ` +
        `(CycloneDX 1.6 JSON) or none (no SBOM is written or attached).`
    )
  }
  return value
}

/**
 * comment and comment-from. A comment on a pull request event without a token fails here, before anything is
 * built or pushed; on other events comment is a notice at the end, which needs no token.
 */
export function parseComment(
  get: GetInput,
  env: Record<string, string | undefined>,
  workspace: string
): Pick<Config, 'comment' | 'commentFrom'> {
  const comment = parseBoolean(get, 'comment', false)
  const from = get('comment-from').trim()
  const prEvent = ['pull_request', 'pull_request_target'].includes(env.GITHUB_EVENT_NAME ?? '')
  if ((comment || from) && prEvent && !get('github-token').trim()) throw missingTokenError()
  return { comment, commentFrom: from ? path.resolve(workspace, from) : '' }
}

/** zoneinfo: true (empty too), false, or the zone names to include (checked against the runner's tree later). */
export function parseZoneinfo(raw: string): Config['zoneinfo'] {
  const value = raw.trim()
  if (value === '' || value.toLowerCase() === 'true') return true
  if (value.toLowerCase() === 'false') return false
  return parseList(value)
}

export function parseBoolean(get: GetInput, name: string, fallback: boolean): boolean {
  const raw = get(name).trim().toLowerCase()
  if (raw === '') return fallback
  if (raw === 'true') return true
  if (raw === 'false') return false
  throw new InputError(`${name}: '${get(name)}' is not a boolean. Use true or false.`)
}

/** Splits a list input on newlines (and commas where allowed), dropping blanks and # comments. */
export function parseList(raw: string, commas = true): string[] {
  return raw
    .split(commas ? /[\n,]/ : /\n/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'))
}

export function parseKeyValues(raw: string, name: string): Record<string, string> {
  // A Map, then fromEntries: a key such as __proto__ becomes a key like any other instead of vanishing.
  const out = new Map<string, string>()
  for (const line of parseList(raw, false)) {
    const eq = line.indexOf('=')
    if (eq <= 0)
      throw new InputError(`${name}: '${line}' is not KEY=VALUE. Write one KEY=VALUE a line.`)
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim())
  }
  return Object.fromEntries(out)
}

/** Refuses a quote that is never closed, which splitFlags would otherwise drop without a word. */
export function checkQuotes(raw: string, name: string): string {
  let open: string | undefined
  for (const c of raw)
    if (c === '"' || c === "'") open = open === undefined ? c : open === c ? undefined : open
  if (open) {
    throw new InputError(
      `${name}: '${raw.trim()}' has an unterminated ${open} quote. Close it; an argument that holds spaces is quoted as a whole, e.g. 'all=-N -l'.`
    )
  }
  return raw
}

/** Splits build-flags as a shell would for quotes, so "-gcflags='all=-N -l'" stays one flag and keeps inner quotes. */
export function splitFlags(raw: string): string[] {
  const out: string[] = []
  for (const m of raw.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)) {
    out.push(
      m[0].replace(/"([^"]*)"|'([^']*)'/g, (_all, dq?: string, sq?: string) => dq ?? sq ?? '')
    )
  }
  return out
}

/** registry-timeout: whole seconds of silence, 1 to 3600; 60 when empty. */
export function parseRegistryTimeout(raw: string): number {
  const value = raw.trim()
  if (value === '') return 60_000
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3600) {
    throw new InputError(
      `registry-timeout: '${value}' is not a whole number of seconds from 1 to 3600. It is how long a registry ` +
        `request may stay silent before it fails; use e.g. 60 (the default), or more for a slow registry.`
    )
  }
  return Number(value) * 1000
}

export function parseConfig(get: GetInput, env: Record<string, string | undefined>): Config {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const workingDirectory = path.resolve(workspace, get('working-directory').trim() || '.')

  const ca = get('ca-certificates').trim() || 'system'
  const builder = get('builder').trim().toLowerCase() || 'native'
  if (builder !== 'native' && builder !== 'docker') {
    throw new InputError(
      `builder: '${get('builder').trim()}' is not a builder. Use native (the action assembles the image) or docker (Docker builds the written Dockerfile).`
    )
  }

  const binaryName = get('binary-name').trim()
  const targets = parseTargets(get('package'), get('image'), get('compare-to'), binaryName, raw =>
    parseList(raw)
  )
  if (fansOut(targets) && parseBoolean(get, 'push-by-digest', false)) {
    throw new InputError(
      `push-by-digest: a matrix leg pushes one image for the merge, but package and image ask for one image per ` +
        `main package. Give each command its own matrix job (package: ./cmd/api, image: ghcr.io/acme/api).`
    )
  }
  const image = targets.refs?.[0]
  // docker/metadata-action's tags output names the image on each line: the images built here keep their tags.
  const tags = parseTagLines(tagsOfImages(get('tags'), targets.imageLines))
  const push = parseBoolean(get, 'push', true)
  const load = parseBoolean(get, 'load', false)
  const ociLayout = get('oci-layout').trim()
  if ((push || load) && !targets.imageLines.length) {
    throw new InputError(
      `image: required when ${push ? 'push' : 'load'} is true. Set image (e.g. ghcr.io/acme/app), or set ${push ? 'push' : 'load'}: false ` +
        `(with oci-layout: DIR to keep the image as files).`
    )
  }
  const maxSizeRaw = get('max-size').trim()
  const compareToRaw = get('compare-to').trim()
  const increaseRaw = get('max-size-increase').trim()
  const increase = parseIncrease(increaseRaw)
  if (increase && !compareToRaw) {
    throw new InputError(
      `max-size-increase: '${increaseRaw}' needs a baseline. Set compare-to to the image to compare with, e.g. ghcr.io/acme/app:main.`
    )
  }
  const packageSizes = get('package-sizes').trim().toLowerCase() || 'auto'
  if (packageSizes !== 'auto' && packageSizes !== 'true' && packageSizes !== 'false') {
    throw new InputError(
      `package-sizes: '${get('package-sizes').trim()}' is not auto, true or false. auto measures binaries of 4 MiB and more.`
    )
  }
  const mediaTypes = get('media-types').trim().toLowerCase() || 'oci'
  if (mediaTypes !== 'oci' && mediaTypes !== 'docker') {
    throw new InputError(
      `media-types: '${get('media-types').trim()}' is not oci or docker. Use docker only for a registry that refuses OCI manifests.`
    )
  }
  // Before the codec is parsed: the conflict is the more useful message even on a Node without zstd.
  if (get('compression').trim().toLowerCase() === 'zstd' && mediaTypes === 'docker') {
    throw new InputError(
      `compression: zstd cannot go with media-types: docker (Docker's schema 2 has no zstd layer type). Use media-types: oci, or compression: gzip for a registry that needs Docker's types.`
    )
  }
  const compression = parseCompression(get('compression'), get('compression-level'))

  const registryTimeoutMs = parseRegistryTimeout(get('registry-timeout'))
  const caFileRaw = get('registry-ca-file').trim()
  const registryCaFile = caFileRaw ? path.resolve(workspace, caFileRaw) : undefined
  const registryCa = registryCaFile ? readCaFile(registryCaFile) : undefined

  const username = get('registry-username').trim()
  const password = get('registry-password')
  if (!!username !== !!password) {
    throw new InputError(
      `registry-username/registry-password: set both or neither (only ${username ? 'registry-username' : 'registry-password'} is set).`
    )
  }

  const buildFlags = splitFlags(checkQuotes(get('build-flags'), 'build-flags'))
  const owned = buildFlags.find(f => /^--?(o|ldflags|tags|toolexec|trimpath)(=|$)/.test(f))
  if (owned) {
    throw new InputError(
      `build-flags: '${owned}' is set by the action or has its own input (ldflags, build-tags, binary-name); remove it from build-flags.`
    )
  }

  const pkg = targets.packages[0]!

  const config: Config = {
    goVersion: get('go-version').trim(),
    goVersionFile: get('go-version-file').trim(),
    goDownloadBaseUrl: (get('go-download-base-url').trim() || 'https://go.dev/dl').replace(
      /\/+$/,
      ''
    ),
    checkLatest: parseBoolean(get, 'check-latest', false),
    cache: parseCacheMode(get).restore,
    workingDirectory,
    package: pkg,
    binaryName,
    platforms: parsePlatforms(get('platforms')),
    ldflags: checkLdflags(get('ldflags').trim()),
    buildTags: get('build-tags').trim(),
    buildFlags,
    buildEnv: parseKeyValues(get('build-env'), 'build-env'),
    zoneinfo: parseZoneinfo(get('zoneinfo')),
    caCertificates: ca,
    extraCaCertificates: parseList(get('extra-ca-certificates')),
    files: parseFiles(get('files')),
    user: parseUser(get('user')),
    workdir: parseWorkdir(get('workdir')),
    env: validateEnv(parseKeyValues(get('env'), 'env')),
    expose: parseExpose(parseList(get('expose'))),
    entrypoint: parseCommand(get('entrypoint'), 'entrypoint', v =>
      splitFlags(checkQuotes(v, 'entrypoint'))
    ),
    args: parseCommand(get('args'), 'args', v => splitFlags(checkQuotes(v, 'args'))) ?? [],
    labels: validateLabels(parseKeyValues(get('labels'), 'labels')),
    builder,
    maxSize: maxSizeRaw
      ? { bytes: parseByteSize(maxSizeRaw, 'max-size'), raw: maxSizeRaw }
      : undefined,
    // With {{.Name}}, checked with a stand-in name; each image's own is parsed once go list has named it.
    compareTo: compareToRaw
      ? parseReference(renderTemplate(compareToRaw, 'name'), 'compare-to')
      : undefined,
    maxSizeIncrease: increase ? { rule: increase, raw: increaseRaw } : undefined,
    packageSizes,
    mediaTypes,
    compression,
    load,
    image,
    packages: targets.packages,
    imageLines: targets.imageLines,
    compareToLine: targets.compareToLine,
    mirrors: targets.refs?.slice(1) ?? [],
    tags,
    push,
    ociLayout: ociLayout ? path.resolve(workspace, ociLayout) : '',
    insecureRegistry: parseBoolean(get, 'insecure-registry', false),
    registryTimeoutMs,
    registryCaFile,
    registryCa,
    credentials: username ? { username, password } : undefined,
    sourceDateEpoch:
      parseSourceDateEpoch(get('source-date-epoch'), 'source-date-epoch') ??
      parseSourceDateEpoch(env.SOURCE_DATE_EPOCH ?? '', 'SOURCE_DATE_EPOCH (environment variable)'),
    summary: parseBoolean(get, 'summary', true),
    sbom: parseSbom(get('sbom')),
    provenance: parseProvenance(get('provenance'), env),
    vulnerabilities: parseVulnerabilities(get('vulnerabilities')),
    vulnDb: parseVulnDb(get('vuln-db')),
    vulnAllow: parseVulnAllow(get('vuln-allow')),
    githubToken: get('github-token').trim(),
    ...parseComment(get, env, workspace),
    ...parseCgoConfig(
      {
        cgo: get('cgo'),
        cc: get('cc'),
        cgoSysroot: get('cgo-sysroot'),
        debug: get('debug'),
        debugBusybox: get('debug-busybox')
      },
      workspace,
      parsePlatforms(get('platforms'))
    ),
    ...parseMatrixConfig(get, { workspace, image, push, load, ociLayout })
  }
  // Last: the top-level paths the image needs follow from workdir, zoneinfo, the CA inputs and debug.
  parseBinaryName(binaryName, imageTopLevel(config))
  return config
}
