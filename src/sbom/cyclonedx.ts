// Writes one platform's image contents as a CycloneDX 1.6 JSON BOM (through @cyclonedx/cyclonedx-library), byte for byte the same for the same image.
import { createHash } from 'node:crypto'
// The subpath modules, not the package root: the root also loads the library's schema validators, whose
// __dirname breaks the action's ES module bundle.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import type { DebPackage, GoModule, ImageContents, ImageFile } from './contents.js'
import { documentNamespace, imagePurl, TOOL } from './spdx.js'
import type { VulnFinding } from '../vuln/match.js'
import { addVulnerabilities } from '../vuln/sbom.js'

export { CYCLONEDX_MEDIA_TYPE } from './formats.js'

const { ComponentType } = Enums
const SHA256 = Enums.HashAlgorithm['SHA-256']
const SHA1 = Enums.HashAlgorithm['SHA-1']

/**
 * A name-based UUID (version 5, RFC 4122 §4.3) in the URL namespace: the same name, the same serial number, so
 * rebuilding the same image gives the same BOM. CycloneDX's schema accepts UUID versions 1 to 5 only.
 */
export function uuidV5(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')
  const h = createHash('sha1').update(ns).update(name).digest().subarray(0, 16)
  h[6] = (h[6]! & 0x0f) | 0x50
  h[8] = (h[8]! & 0x3f) | 0x80
  const hex = h.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const prop = (name: string, value: string): Models.Property => new Models.Property(name, value)

function fileComponent(f: ImageFile): Models.Component {
  return new Models.Component(ComponentType.File, `/${f.path}`, {
    bomRef: `file:/${f.path}`,
    hashes: new Models.HashDictionary([
      [SHA1, f.sha1],
      [SHA256, f.sha256]
    ]),
    properties: new Models.PropertyRepository([prop('go-scratch-image:layer', f.layer)])
  })
}

function goComponent(m: GoModule, type: Enums.ComponentType): Models.Component {
  const properties = new Models.PropertyRepository()
  if (m.sum) properties.add(prop('go-scratch-image:go.sum', m.sum))
  if (m.replaces)
    properties.add(prop('go-scratch-image:replaces', `${m.replaces.path} ${m.replaces.version}`))
  if (m.directory) properties.add(prop('go-scratch-image:replace-directory', m.directory))
  return new Models.Component(type, m.path, {
    bomRef: m.purl,
    purl: m.purl,
    ...(m.version ? { version: m.version } : {}),
    ...(m.sha256 ? { hashes: new Models.HashDictionary([[SHA256, m.sha256]]) } : {}),
    properties
  })
}

function debComponent(p: DebPackage, summary: string): Models.Component {
  return new Models.Component(ComponentType.Data, p.name, {
    bomRef: p.purl,
    purl: p.purl,
    version: p.version,
    description: summary,
    supplier: new Models.OrganizationalEntity({ name: p.distro === 'ubuntu' ? 'Ubuntu' : 'Debian' })
  })
}

/** The CycloneDX 1.6 model of one platform's image: the image as metadata.component, the rest as components. */
export function cyclonedxBom(c: ImageContents): Models.Bom {
  const image = new Models.Component(ComponentType.Container, c.name, {
    bomRef: imagePurl(c),
    purl: imagePurl(c),
    version: c.manifest.digest,
    hashes: new Models.HashDictionary([[SHA256, c.manifest.digest.replace(/^sha256:/, '')]]),
    properties: new Models.PropertyRepository([
      prop('go-scratch-image:platform', c.platform),
      prop('go-scratch-image:manifest-media-type', c.manifest.mediaType)
    ])
  })
  const bom = new Models.Bom({
    serialNumber: `urn:uuid:${uuidV5(documentNamespace(c))}`,
    metadata: new Models.Metadata({
      timestamp: new Date(c.created),
      component: image,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(ComponentType.Application, TOOL, { bomRef: `tool:${TOOL}` })
        ])
      })
    })
  })
  const add = (component: Models.Component, parent: Models.Component = image): void => {
    bom.components.add(component)
    parent.dependencies.add(component.bomRef)
  }

  const files = [
    c.binary,
    ...(c.caBundle ? [c.caBundle.file] : []),
    ...(c.zoneinfo?.zip ? [c.zoneinfo.zip] : []),
    ...c.files
  ]
  for (const f of files) add(fileComponent(f))

  const go = c.go
  // The cdx:gomod properties of the CycloneDX property taxonomy, as cyclonedx-gomod writes them.
  const settings = go.settings.map(s =>
    /^[A-Z][A-Z0-9_]*$/.test(s.key)
      ? prop(`cdx:gomod:build:env:${s.key}`, s.value)
      : prop(`cdx:gomod:build:setting:${s.key}`, s.value)
  )
  const main = go.main
    ? goComponent(go.main, ComponentType.Application)
    : new Models.Component(ComponentType.Application, go.package, { bomRef: `go:${go.package}` })
  main.description = `The Go main module; main package ${go.package}, in /${c.binary.path}.`
  for (const s of settings) main.properties.add(s)
  add(main)
  const stdlib = new Models.Component(ComponentType.Library, 'stdlib', {
    bomRef: go.stdlibPurl,
    purl: go.stdlibPurl,
    version: go.toolchain,
    description: 'The Go standard library and runtime of the toolchain that built the binary.'
  })
  add(stdlib, main)
  for (const m of go.deps) add(goComponent(m, ComponentType.Library), main)

  if (c.caBundle?.package) {
    add(
      debComponent(
        c.caBundle.package,
        `Sources of /${c.caBundle.file.path}: ${c.caBundle.sources.join(', ')}.`
      )
    )
  }
  for (const lib of c.libraries ?? []) {
    const component = debComponent(
      lib.package,
      `Shared libraries: ${lib.paths.map(f => `/${f}`).join(', ')}.`
    )
    component.type = ComponentType.Library
    add(component, main)
  }
  const z = c.zoneinfo
  if (z) {
    const summary =
      z.kind === 'zip'
        ? `Go's zoneinfo.zip from ${z.source} (the tzdata of the Go release).`
        : `Zoneinfo from ${z.source}: ${z.files} files${z.tzdata ? `, IANA tzdata ${z.tzdata}` : ''}.`
    const tz = z.package
      ? debComponent(z.package, summary)
      : new Models.Component(ComponentType.Data, 'tzdata', {
          bomRef: `tzdata:${z.tzdata ?? z.kind}`,
          ...(z.tzdata ? { version: z.tzdata } : {}),
          description: summary
        })
    if (z.tzdata) tz.properties.add(prop('go-scratch-image:tzdata', z.tzdata))
    add(tz)
  }
  return bom
}

/**
 * The BOM's bytes: CycloneDX 1.6 JSON, lists sorted (the library's reproducible mode), two-space indent; with the
 * platform's known vulnerabilities as its vulnerabilities, when the run checked.
 */
export function cyclonedxJson(c: ImageContents, findings: VulnFinding[] = []): string {
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6)
  )
  const bom = cyclonedxBom(c)
  addVulnerabilities(bom, findings)
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`
}
