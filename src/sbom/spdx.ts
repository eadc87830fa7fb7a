// Writes one platform's image contents as an SPDX 2.3 JSON document, byte for byte the same for the same image.
import { createHash } from 'node:crypto'
import { PackageURL } from 'packageurl-js'
import type { DebPackage, GoModule, ImageContents, ImageFile } from './contents.js'

export { SPDX_MEDIA_TYPE } from './formats.js'
export const TOOL = 'go-scratch-image'

type Json = Record<string, unknown>

const NOASSERTION = 'NOASSERTION'

/** SPDXRef-… ids allow letters, digits, '.' and '-' only. */
function spdxId(kind: string, name: string, taken: Set<string>): string {
  const base = `SPDXRef-${kind}-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}`
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}

const purlRef = (purl: string): Json => ({
  referenceCategory: 'PACKAGE-MANAGER',
  referenceType: 'purl',
  referenceLocator: purl
})

/** The image as a purl: pkg:oci/NAME@DIGEST?arch=…&repository_url=… (purl-spec's oci type). */
export function imagePurl(c: ImageContents): string {
  const slash = c.name.lastIndexOf('/')
  const [os, arch, variant] = c.platform.split('/')
  return new PackageURL('oci', undefined, c.name.slice(slash + 1), c.manifest.digest, {
    arch: variant ? `${arch}/${variant}` : arch!,
    os: os!,
    ...(slash > 0 ? { repository_url: c.name } : {})
  }).toString()
}

/** The package verification code of SPDX 2.3 §7.9: sha1 of the files' sorted sha1s, concatenated. */
function verificationCode(files: ImageFile[]): string {
  const sorted = files.map(f => f.sha1).sort()
  return createHash('sha1').update(sorted.join('')).digest('hex')
}

function fileTypes(f: ImageFile): string[] {
  if (f.layer === 'binary') return ['BINARY', 'APPLICATION']
  if (f.layer === 'zoneinfo') return ['ARCHIVE']
  if (f.layer === 'certificates' || f.layer === 'system') return ['TEXT']
  return ['OTHER']
}

/** A stable URI unique to this document: the image's name, platform and manifest digest. */
export function documentNamespace(c: ImageContents): string {
  const hex = c.manifest.digest.replace(/^sha256:/, '')
  const name = c.name.replace(/[^A-Za-z0-9._-]+/g, '-')
  return `https://spdx.org/spdxdocs/${TOOL}/${name}/${c.platform.replace(/\//g, '-')}/${hex}`
}

/** The SPDX 2.3 document of one platform's image. */
export function spdxDocument(c: ImageContents, note = ''): Json {
  const taken = new Set<string>()
  const annotation = (comment: string): Json => ({
    annotationDate: c.created,
    annotationType: 'OTHER',
    annotator: `Tool: ${TOOL}`,
    comment
  })
  const packages: Json[] = []
  const files: Json[] = []
  const relationships: Json[] = []
  const rel = (from: string, type: string, to: string): void => {
    relationships.push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to })
  }

  const all = [
    c.binary,
    ...(c.caBundle ? [c.caBundle.file] : []),
    ...(c.zoneinfo?.zip ? [c.zoneinfo.zip] : []),
    ...c.files
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const imageId = spdxId('Image', c.name.slice(c.name.lastIndexOf('/') + 1), taken)
  packages.push({
    SPDXID: imageId,
    name: c.name,
    versionInfo: c.manifest.digest,
    downloadLocation: NOASSERTION,
    primaryPackagePurpose: 'CONTAINER',
    filesAnalyzed: true,
    packageVerificationCode: { packageVerificationCodeValue: verificationCode(all) },
    checksums: [{ algorithm: 'SHA256', checksumValue: c.manifest.digest.replace(/^sha256:/, '') }],
    externalRefs: [purlRef(imagePurl(c))],
    summary: `The ${c.platform} image (${c.manifest.mediaType}).`,
    copyrightText: NOASSERTION
  })
  rel('SPDXRef-DOCUMENT', 'DESCRIBES', imageId)

  const fileIds = new Map<string, string>()
  for (const f of all) {
    const id = spdxId('File', f.path, taken)
    fileIds.set(f.path, id)
    files.push({
      SPDXID: id,
      fileName: `./${f.path}`,
      fileTypes: fileTypes(f),
      checksums: [
        { algorithm: 'SHA1', checksumValue: f.sha1 },
        { algorithm: 'SHA256', checksumValue: f.sha256 }
      ],
      copyrightText: NOASSERTION
    })
    rel(imageId, 'CONTAINS', id)
  }

  const goPackage = (m: GoModule, purpose: string, extra: Json = {}): string => {
    const id = spdxId('Package-go', `${m.path}${m.version ? `-${m.version}` : ''}`, taken)
    const source = m.directory
      ? `replaced by the local directory ${m.directory} (replace ${m.replaces!.path} ${m.replaces!.version})`
      : m.replaces
        ? `replaces ${m.replaces.path} ${m.replaces.version} (go.mod replace directive)`
        : undefined
    packages.push({
      SPDXID: id,
      name: m.path,
      ...(m.version ? { versionInfo: m.version } : {}),
      downloadLocation: NOASSERTION,
      primaryPackagePurpose: purpose,
      filesAnalyzed: false,
      ...(m.sha256 ? { checksums: [{ algorithm: 'SHA256', checksumValue: m.sha256 }] } : {}),
      externalRefs: [purlRef(m.purl)],
      ...(source ? { sourceInfo: source } : {}),
      ...(m.sum ? { comment: `go.sum hash ${m.sum}` } : {}),
      copyrightText: NOASSERTION,
      ...extra
    })
    return id
  }

  const go = c.go
  const mainId = go.main
    ? goPackage(go.main, 'APPLICATION', {
        summary: `The Go main module; main package ${go.package}.`,
        annotations: go.settings.map(s => annotation(`go build setting: ${s.key}=${s.value}`))
      })
    : undefined
  const stdlibId = spdxId('Package-go-stdlib', go.toolchain, taken)
  packages.push({
    SPDXID: stdlibId,
    name: 'stdlib',
    versionInfo: go.toolchain,
    downloadLocation: NOASSERTION,
    primaryPackagePurpose: 'LIBRARY',
    filesAnalyzed: false,
    externalRefs: [purlRef(go.stdlibPurl)],
    summary: 'The Go standard library and runtime of the toolchain that built the binary.',
    copyrightText: NOASSERTION
  })
  const binaryId = fileIds.get(c.binary.path)!
  // Without a main module (go build file.go) the binary itself carries the build settings.
  const root = mainId ?? binaryId
  if (mainId) {
    rel(imageId, 'CONTAINS', mainId)
    rel(binaryId, 'GENERATED_FROM', mainId)
  } else {
    files.find(f => f.SPDXID === binaryId)!.annotations = go.settings.map(s =>
      annotation(`go build setting: ${s.key}=${s.value}`)
    )
  }
  rel(root, 'DEPENDS_ON', stdlibId)
  for (const m of go.deps) rel(root, 'DEPENDS_ON', goPackage(m, 'LIBRARY'))

  if (c.caBundle?.package) {
    const p = c.caBundle.package
    const id = spdxId('Package-deb', `${p.name}-${p.version}`, taken)
    packages.push(
      debPackageJson(
        id,
        p,
        `Sources of /${c.caBundle.file.path}: ${c.caBundle.sources.join(', ')}.`
      )
    )
    rel(imageId, 'CONTAINS', id)
    rel(fileIds.get(c.caBundle.file.path)!, 'GENERATED_FROM', id)
  }
  for (const lib of c.libraries ?? []) {
    const p = lib.package
    const id = spdxId('Package-deb', `${p.name}-${p.version}`, taken)
    packages.push(
      debPackageJson(id, p, `Shared libraries: ${lib.paths.map(f => `/${f}`).join(', ')}.`)
    )
    rel(imageId, 'CONTAINS', id)
    for (const f of lib.paths) {
      const fileId = fileIds.get(f)
      if (fileId) rel(fileId, 'GENERATED_FROM', id)
    }
    rel(binaryId, 'DEPENDS_ON', id)
  }
  const z = c.zoneinfo
  if (z) {
    const id = spdxId('Package-tzdata', z.tzdata ?? z.kind, taken)
    const summary =
      z.kind === 'zip'
        ? `Go's zoneinfo.zip from ${z.source} (the tzdata of the Go release), ${z.files} file.`
        : `Zoneinfo from ${z.source}: ${z.files} files${z.tzdata ? `, IANA tzdata ${z.tzdata}` : ''}.`
    packages.push(
      z.package
        ? debPackageJson(id, z.package, summary)
        : {
            SPDXID: id,
            name: 'tzdata',
            ...(z.tzdata ? { versionInfo: z.tzdata } : {}),
            downloadLocation: NOASSERTION,
            primaryPackagePurpose: 'OTHER',
            filesAnalyzed: false,
            summary,
            copyrightText: NOASSERTION
          }
    )
    rel(imageId, 'CONTAINS', id)
    if (z.zip) rel(fileIds.get(z.zip.path)!, 'GENERATED_FROM', id)
  }

  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${c.name}@${c.manifest.digest} (${c.platform})`,
    documentNamespace: documentNamespace(c),
    creationInfo: { created: c.created, creators: [`Tool: ${TOOL}`] },
    // SPDX 2.3 has no vulnerability field: the known vulnerabilities are a note (src/vuln/sbom.ts).
    ...(note ? { comment: note } : {}),
    packages,
    files,
    relationships
  }
}

function debPackageJson(id: string, p: DebPackage, summary: string): Json {
  return {
    SPDXID: id,
    name: p.name,
    versionInfo: p.version,
    downloadLocation: NOASSERTION,
    primaryPackagePurpose: 'OTHER',
    filesAnalyzed: false,
    supplier: `Organization: ${p.distro === 'ubuntu' ? 'Ubuntu' : 'Debian'}`,
    externalRefs: [purlRef(p.purl)],
    summary,
    copyrightText: NOASSERTION
  }
}

/** The document's bytes: two-space JSON and a final newline, keys in the order written. */
export function spdxJson(c: ImageContents, note = ''): string {
  return `${JSON.stringify(spdxDocument(c, note), null, 2)}\n`
}
