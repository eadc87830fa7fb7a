// The SBOM of one platform's image: what the plan and the binary hold, as SPDX 2.3 and CycloneDX 1.6 JSON that the official schemas accept, byte for byte the same for the same image.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseConfig, parseSbom } from '../../src/config.js'
import { InputError, type Runner } from '../../src/ports.js'
import {
  binaryLayer,
  certificatesLayer,
  file,
  orderLayers,
  systemLayer,
  withParents,
  type FilePlan,
  type Layer
} from '../../src/rootfs/plan.js'
import {
  goContents,
  h1ToSha256,
  hostPackages,
  imageContents,
  tzdataVersionOf,
  type ContentsOptions,
  type HostPackages,
  type ImageContents
} from '../../src/sbom/contents.js'
import { cyclonedxJson, uuidV5 } from '../../src/sbom/cyclonedx.js'
import { spdxJson } from '../../src/sbom/spdx.js'
import { framed, goElf, inline } from './buildinfo-fixture.js'
import { imageSettings, tempDir } from './helpers.js'
import { cyclonedxValidator, spdxValidator, type Validator } from './sbom-fixture.js'

const TEXT_H1 = 'h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ='
const NEW_H1 = 'h1:2Ajak/s9ond9xWZtWglNUouVyMHz28G7Z8R0e18RxNs='
const MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\t(devel)\t',
  `dep\tgolang.org/x/text\tv0.14.0\t${TEXT_H1}`,
  'dep\texample.com/old\tv1.2.3',
  `=>\texample.com/new\tv1.3.0\t${NEW_H1}`,
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t(devel)\t',
  'build\t-compiler=gc',
  'build\t-ldflags="-s -w -X main.version=1.2.3"',
  'build\tCGO_ENABLED=0',
  'build\tGOARCH=arm64',
  'build\tGOOS=linux',
  'build\tvcs.revision=0123abcd',
  'build\tvcs.time=2024-01-02T03:04:05Z',
  ''
].join('\n')

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')
const MANIFEST = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${'ab'.repeat(32)}`,
  size: 1234
}
const DEBIAN: HostPackages = {
  caCertificates: {
    name: 'ca-certificates',
    version: '20230311+deb12u1',
    arch: 'all',
    distro: 'debian',
    distroVersion: '12',
    purl: 'pkg:deb/debian/ca-certificates@20230311+deb12u1?arch=all&distro=debian-12'
  },
  tzdataVersion: '2025b'
}

let dir: string
let cleanup: () => Promise<void>
let binary: Buffer
let pem: string
let options: ContentsOptions

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  binary = goElf({ bits: 64, le: true, payload: inline('go1.21.5', framed(MODINFO)) })
  await writeFile(path.join(dir, 'app'), binary)
  pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
  await writeFile(path.join(dir, 'ca.crt'), pem)
  await mkdir(path.join(dir, 'zoneinfo', 'Europe'), { recursive: true })
  await writeFile(path.join(dir, 'zoneinfo', 'UTC'), 'TZif-utc')
  await writeFile(path.join(dir, 'zoneinfo', 'Europe', 'Paris'), 'TZif-paris')
  const zoneinfo: Layer = {
    name: 'zoneinfo',
    entries: withParents([
      file('usr/share/zoneinfo/UTC', path.join(dir, 'zoneinfo', 'UTC'), 8),
      file('usr/share/zoneinfo/Europe/Paris', path.join(dir, 'zoneinfo', 'Europe', 'Paris'), 10)
    ])
  }
  const files: Layer = {
    name: 'files',
    entries: withParents([file('srv/config.yaml', Buffer.from('port: 8080\n'), 11)])
  }
  const plan: FilePlan = {
    layers: orderLayers([
      certificatesLayer(path.join(dir, 'ca.crt'), pem.length),
      zoneinfo,
      systemLayer(),
      files,
      binaryLayer(path.join(dir, 'app'), 'app', binary.length)
    ]),
    image: imageSettings()
  }
  options = {
    platform: { os: 'linux', architecture: 'arm64' },
    plan,
    manifest: MANIFEST,
    name: '127.0.0.1:5000/acme/app',
    created: '2024-01-02T03:04:05Z',
    caSources: [path.join(dir, 'ca.crt')],
    zoneinfoSource: path.join(dir, 'zoneinfo'),
    host: DEBIAN
  }
})

afterAll(() => cleanup())

describe('imageContents', () => {
  it('lists the binary, the CA bundle, zoneinfo, passwd, group and user files with their digests', async () => {
    const c = await imageContents(options)
    expect(c.platform).toBe('linux/arm64')
    expect(c.binary).toMatchObject({ path: 'app', layer: 'binary', sha256: sha256(binary) })
    expect(c.caBundle).toEqual({
      file: expect.objectContaining({
        path: 'etc/ssl/certs/ca-certificates.crt',
        sha256: sha256(pem)
      }),
      sources: [path.join(dir, 'ca.crt')],
      package: DEBIAN.caCertificates
    })
    expect(c.zoneinfo).toEqual({
      kind: 'tree',
      source: path.join(dir, 'zoneinfo'),
      files: 2,
      tzdata: '2025b'
    })
    const passwd = systemLayer().entries.find(e => e.path === 'etc/passwd')!
    expect(c.files.map(f => [f.path, f.layer, f.sha256])).toEqual([
      ['etc/group', 'system', expect.any(String)],
      ['etc/passwd', 'system', sha256((passwd as { source: Buffer }).source)],
      ['srv/config.yaml', 'files', sha256('port: 8080\n')]
    ])
  })

  it('takes the modules as compiled: replacements, directory replacements, h1 hashes, the toolchain as stdlib', async () => {
    const { go } = await imageContents(options)
    expect(go.toolchain).toBe('go1.21.5')
    expect(go.stdlibPurl).toBe('pkg:golang/stdlib@go1.21.5')
    expect(go.main).toEqual({ path: 'example.com/app', purl: 'pkg:golang/example.com/app' })
    expect(go.deps).toEqual([
      {
        path: 'golang.org/x/text',
        version: 'v0.14.0',
        sum: TEXT_H1,
        sha256: Buffer.from(TEXT_H1.slice(3), 'base64').toString('hex'),
        purl: 'pkg:golang/golang.org/x/text@v0.14.0'
      },
      {
        path: 'example.com/new',
        version: 'v1.3.0',
        sum: NEW_H1,
        sha256: h1ToSha256(NEW_H1),
        replaces: { path: 'example.com/old', version: 'v1.2.3' },
        purl: 'pkg:golang/example.com/new@v1.3.0'
      },
      {
        path: 'example.com/local',
        replaces: { path: 'example.com/local', version: 'v0.0.0' },
        directory: '../local',
        purl: 'pkg:golang/example.com/local'
      }
    ])
    expect(go.settings).toContainEqual({ key: '-ldflags', value: '-s -w -X main.version=1.2.3' })
  })

  it('keeps a released main module version in its purl', () => {
    const go = goContents({
      goVersion: 'go1.22.5',
      path: 'example.com/app',
      main: { path: 'example.com/app', version: 'v1.4.0', sum: 'h1:x' },
      deps: [],
      settings: []
    })
    expect(go.main?.purl).toBe('pkg:golang/example.com/app@v1.4.0')
  })

  it('adds the command’s -ldflags, which Go does not record under -trimpath, and keeps a recorded one', () => {
    const info = {
      goVersion: 'go1.22.5',
      path: 'example.com/app',
      deps: [],
      settings: [{ key: '-trimpath', value: 'true' }]
    }
    expect(goContents(info, '-s -w -X main.version=v1').settings).toEqual([
      { key: '-trimpath', value: 'true' },
      { key: '-ldflags', value: '-s -w -X main.version=v1' }
    ])
    const recorded = { ...info, settings: [{ key: '-ldflags', value: '-X a=b' }] }
    expect(goContents(recorded, '-s -w').settings).toEqual([{ key: '-ldflags', value: '-X a=b' }])
  })

  it('names Go’s zoneinfo.zip without the runner’s tzdata version, which it does not carry', async () => {
    const zip = Buffer.from('PK zip')
    const plan: FilePlan = {
      ...options.plan,
      layers: options.plan.layers.map(l =>
        l.name === 'zoneinfo'
          ? {
              name: 'zoneinfo',
              entries: withParents([file('usr/local/go/lib/time/zoneinfo.zip', zip, zip.length)])
            }
          : l
      )
    }
    const c = await imageContents({ ...options, plan, zoneinfoSource: '/go/lib/time/zoneinfo.zip' })
    expect(c.zoneinfo).toEqual({
      kind: 'zip',
      source: '/go/lib/time/zoneinfo.zip',
      files: 1,
      zip: expect.objectContaining({
        path: 'usr/local/go/lib/time/zoneinfo.zip',
        sha256: sha256(zip)
      })
    })
  })
})

describe('hostPackages', () => {
  /** Answers as dpkg on Debian 12 does; records what it was asked. */
  function dpkg(): { runner: Runner; calls: string[][] } {
    const calls: string[][] = []
    const installed: Record<string, string> = {
      'ca-certificates': '20230311+deb12u1\tall',
      tzdata: '2025b-0+deb12u2\tall'
    }
    const runner: Runner = {
      run: async (command, args) => {
        calls.push([command, ...args])
        if (command === 'dpkg' && args[0] === '-S') {
          const owned = args[1]!.startsWith('/usr/share/zoneinfo') || args[1]!.includes('zoneinfo')
          return owned
            ? { exitCode: 0, stdout: `tzdata: ${args[1]}\n`, stderr: '' }
            : {
                exitCode: 1,
                stdout: '',
                stderr: `dpkg-query: no path found matching pattern ${args[1]}`
              }
        }
        const v = installed[args.at(-1)!]
        return v
          ? { exitCode: 0, stdout: v, stderr: '' }
          : { exitCode: 1, stdout: '', stderr: 'no packages found' }
      }
    }
    return { runner, calls }
  }

  it('reads the ca-certificates and tzdata packages and the IANA release from tzdata.zi', async () => {
    const root = path.join(dir, 'host-zoneinfo')
    await mkdir(root, { recursive: true })
    await writeFile(
      path.join(root, 'tzdata.zi'),
      '# version 2025b\n# This zic input file is in the public domain.\n'
    )
    const osRelease = path.join(dir, 'os-release')
    await writeFile(
      osRelease,
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
    )
    const { runner, calls } = dpkg()
    const host = await hostPackages({
      runner,
      caSource: '/etc/ssl/certs/ca-certificates.crt',
      caSystem: true,
      zoneinfoRoot: root,
      osRelease
    })
    expect(host).toEqual({
      caCertificates: DEBIAN.caCertificates,
      tzdataVersion: '2025b',
      tzdata: {
        name: 'tzdata',
        version: '2025b-0+deb12u2',
        arch: 'all',
        distro: 'debian',
        distroVersion: '12',
        purl: 'pkg:deb/debian/tzdata@2025b-0+deb12u2?arch=all&distro=debian-12'
      }
    })
    // The system bundle is written by update-ca-certificates: no package owns the file, so the package is asked.
    expect(calls).toContainEqual([
      'dpkg-query',
      '-W',
      '-f=${Version}\t${Architecture}',
      'ca-certificates'
    ])
  })

  it('asks which package owns a given bundle, and keeps none when no package does', async () => {
    const { runner } = dpkg()
    const host = await hostPackages({ runner, caSource: path.join(dir, 'ca.crt'), caSystem: false })
    expect(host).toEqual({})
  })

  it('gives no packages on a runner without dpkg', async () => {
    const runner: Runner = {
      run: async command => {
        throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' })
      }
    }
    const root = path.join(dir, 'host-zoneinfo')
    expect(
      await hostPackages({
        runner,
        caSource: '/etc/ssl/cert.pem',
        caSystem: true,
        zoneinfoRoot: root
      })
    ).toEqual({ tzdataVersion: '2025b' })
  })

  it('reads the version line of tzdata.zi', () => {
    expect(tzdataVersionOf('# version 2024a\n# ...\nR x 1 2 - ...\n')).toBe('2024a')
    expect(tzdataVersionOf('R x 1 2\n')).toBeUndefined()
  })
})

describe('SPDX 2.3', () => {
  let validate: Validator
  let contents: ImageContents
  let doc: {
    packages: {
      SPDXID: string
      name: string
      versionInfo?: string
      checksums?: { algorithm: string; checksumValue: string }[]
      externalRefs?: { referenceLocator: string }[]
      annotations?: { comment: string }[]
      sourceInfo?: string
    }[]
    files: {
      SPDXID: string
      fileName: string
      checksums: { algorithm: string; checksumValue: string }[]
    }[]
    relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[]
    creationInfo: { created: string }
    documentNamespace: string
  }
  beforeAll(async () => {
    validate = spdxValidator()
    contents = await imageContents(options)
    doc = JSON.parse(spdxJson(contents)) as typeof doc
  })

  it('is valid against the SPDX 2.3 schema, which rejects a broken document', () => {
    expect(validate(doc)).toBe(true)
    expect(validate.errors ?? null).toBeNull()
    const broken = { ...doc, files: [{ ...doc.files[0], checksums: [] }] }
    expect(validate(broken)).toBe(false)
  })

  it('with the known vulnerabilities (issue 25): a note as the document comment, still valid', () => {
    const note =
      'Known vulnerabilities (Go vulnerability database, ...):\nGO-2099-0001 in m v1: reachable'
    const noted = JSON.parse(spdxJson(contents, note)) as { comment?: string }
    expect(validate(noted)).toBe(true)
    expect(noted.comment).toBe(note)
    expect(doc).not.toHaveProperty('comment')
  })

  it('describes the image, which contains every file with its digests', () => {
    const image = doc.packages[0]!
    expect(image).toMatchObject({ name: '127.0.0.1:5000/acme/app', versionInfo: MANIFEST.digest })
    expect(image.externalRefs?.[0]?.referenceLocator).toBe(
      `pkg:oci/app@${MANIFEST.digest}?arch=arm64&os=linux&repository_url=127.0.0.1%3A5000%2Facme%2Fapp`
    )
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: image.SPDXID
    })
    expect(doc.files.map(f => f.fileName)).toEqual([
      './app',
      './etc/group',
      './etc/passwd',
      './etc/ssl/certs/ca-certificates.crt',
      './srv/config.yaml'
    ])
    for (const f of doc.files) {
      expect(doc.relationships).toContainEqual({
        spdxElementId: image.SPDXID,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: f.SPDXID
      })
    }
    expect(doc.files[0]!.checksums).toContainEqual({
      algorithm: 'SHA256',
      checksumValue: sha256(binary)
    })
    expect(doc.creationInfo.created).toBe('2024-01-02T03:04:05Z')
  })

  it('lists each module with its version, purl and h1 hash, the main module depending on them and on stdlib', () => {
    const byPurl = new Map(doc.packages.map(p => [p.externalRefs?.[0]?.referenceLocator, p]))
    const main = byPurl.get('pkg:golang/example.com/app')!
    expect(main.annotations?.map(a => a.comment)).toContain(
      'go build setting: -ldflags=-s -w -X main.version=1.2.3'
    )
    expect(main.annotations?.map(a => a.comment)).toContain(
      'go build setting: vcs.revision=0123abcd'
    )
    const text = byPurl.get('pkg:golang/golang.org/x/text@v0.14.0')!
    expect(text).toMatchObject({ name: 'golang.org/x/text', versionInfo: 'v0.14.0' })
    expect(text.checksums).toEqual([{ algorithm: 'SHA256', checksumValue: h1ToSha256(TEXT_H1) }])
    expect(byPurl.get('pkg:golang/example.com/new@v1.3.0')?.sourceInfo).toBe(
      'replaces example.com/old v1.2.3 (go.mod replace directive)'
    )
    expect(byPurl.get('pkg:golang/stdlib@go1.21.5')).toMatchObject({ versionInfo: 'go1.21.5' })
    const dependsOn = doc.relationships
      .filter(r => r.spdxElementId === main.SPDXID && r.relationshipType === 'DEPENDS_ON')
      .map(r => doc.packages.find(p => p.SPDXID === r.relatedSpdxElement)?.name)
    expect(dependsOn.sort()).toEqual([
      'example.com/local',
      'example.com/new',
      'golang.org/x/text',
      'stdlib'
    ])
    expect(byPurl.get(DEBIAN.caCertificates!.purl)).toMatchObject({
      versionInfo: '20230311+deb12u1'
    })
  })

  it('is byte for byte the same for the same image, and names another manifest in another namespace', async () => {
    const again = spdxJson(await imageContents(options))
    expect(again).toBe(spdxJson(contents))
    const other = JSON.parse(
      spdxJson({ ...contents, manifest: { ...MANIFEST, digest: `sha256:${'cd'.repeat(32)}` } })
    ) as typeof doc
    expect(other.documentNamespace).not.toBe(doc.documentNamespace)
    expect(doc.documentNamespace).toContain('ab'.repeat(32))
  })
})

describe('CycloneDX 1.6', () => {
  let validate: Validator
  let contents: ImageContents
  let bom: {
    specVersion: string
    serialNumber: string
    metadata: { timestamp: string; component: { 'bom-ref': string; purl: string } }
    components: {
      'bom-ref': string
      type: string
      name: string
      version?: string
      purl?: string
      hashes?: { alg: string; content: string }[]
      properties?: { name: string; value: string }[]
    }[]
    dependencies: { ref: string; dependsOn?: string[] }[]
  }
  beforeAll(async () => {
    validate = cyclonedxValidator()
    contents = await imageContents(options)
    bom = JSON.parse(cyclonedxJson(contents)) as typeof bom
  })

  it('is valid against the CycloneDX 1.6 schema, which rejects a broken BOM', () => {
    expect(validate(bom)).toBe(true)
    expect(validate.errors ?? null).toBeNull()
    expect(validate({ ...bom, serialNumber: 'urn:uuid:not-a-uuid' })).toBe(false)
  })

  it('with the known vulnerabilities (issue 25): exploitable and not_affected, still valid', () => {
    const dep = contents.go.deps[0]!
    const finding = (id: string, reachability: 'reachable' | 'module-only') => ({
      id,
      aliases: [],
      summary: 's',
      module: dep.path,
      version: dep.version!,
      packages: [dep.path],
      symbols: reachability === 'reachable' ? [`${dep.path}.F`] : [],
      reachability
    })
    const withVulns = JSON.parse(
      cyclonedxJson(contents, [
        finding('GO-2099-0001', 'reachable'),
        finding('GO-2099-0002', 'module-only')
      ])
    ) as { vulnerabilities: { id: string; analysis: { state: string; justification?: string } }[] }
    expect(validate(withVulns)).toBe(true)
    expect(
      withVulns.vulnerabilities.map(v => [v.id, v.analysis.state, v.analysis.justification])
    ).toEqual([
      ['GO-2099-0001', 'exploitable', undefined],
      ['GO-2099-0002', 'not_affected', 'code_not_reachable']
    ])
    expect(bom).not.toHaveProperty('vulnerabilities')
  })

  it('has the image as its subject and every module, file and package as components', () => {
    expect(bom.specVersion).toBe('1.6')
    expect(bom.metadata.timestamp).toBe('2024-01-02T03:04:05.000Z')
    expect(bom.metadata.component.purl).toMatch(/^pkg:oci\/app@sha256:abab/)
    const byPurl = new Map(bom.components.map(c => [c.purl, c]))
    expect(byPurl.get('pkg:golang/golang.org/x/text@v0.14.0')).toMatchObject({
      type: 'library',
      version: 'v0.14.0',
      hashes: [{ alg: 'SHA-256', content: h1ToSha256(TEXT_H1) }],
      properties: [{ name: 'go-scratch-image:go.sum', value: TEXT_H1 }]
    })
    expect(byPurl.get('pkg:golang/stdlib@go1.21.5')).toMatchObject({
      type: 'library',
      version: 'go1.21.5'
    })
    const main = byPurl.get('pkg:golang/example.com/app')!
    expect(main.properties).toEqual(
      expect.arrayContaining([
        { name: 'cdx:gomod:build:env:GOARCH', value: 'arm64' },
        { name: 'cdx:gomod:build:env:CGO_ENABLED', value: '0' },
        { name: 'cdx:gomod:build:setting:-ldflags', value: '-s -w -X main.version=1.2.3' },
        { name: 'cdx:gomod:build:setting:vcs.time', value: '2024-01-02T03:04:05Z' }
      ])
    )
    const files = bom.components.filter(c => c.type === 'file')
    expect(files.map(f => f.name).sort()).toEqual([
      '/app',
      '/etc/group',
      '/etc/passwd',
      '/etc/ssl/certs/ca-certificates.crt',
      '/srv/config.yaml'
    ])
    expect(files.find(f => f.name === '/app')?.hashes).toContainEqual({
      alg: 'SHA-256',
      content: sha256(binary)
    })
    const mainDeps = bom.dependencies.find(d => d.ref === main['bom-ref'])?.dependsOn
    expect(mainDeps).toEqual(
      expect.arrayContaining(['pkg:golang/stdlib@go1.21.5', 'pkg:golang/golang.org/x/text@v0.14.0'])
    )
  })

  it('is byte for byte the same for the same image, its serial number derived from the manifest', async () => {
    expect(cyclonedxJson(await imageContents(options))).toBe(cyclonedxJson(contents))
    const other = JSON.parse(
      cyclonedxJson({ ...contents, manifest: { ...MANIFEST, digest: `sha256:${'cd'.repeat(32)}` } })
    ) as typeof bom
    expect(other.serialNumber).not.toBe(bom.serialNumber)
  })

  it('derives RFC 4122 version 5 UUIDs', () => {
    // What Python's uuid.uuid5(uuid.NAMESPACE_URL, 'http://example.com/') gives.
    expect(uuidV5('http://example.com/')).toBe('0a300ee9-f9e4-5697-a51a-efc7fafaba67')
  })
})

describe('the sbom input', () => {
  it('is spdx by default, and takes cyclonedx and none in any case', () => {
    expect(parseSbom('')).toBe('spdx')
    expect(parseSbom(' CycloneDX ')).toBe('cyclonedx')
    expect(parseSbom('none')).toBe('none')
  })

  it('refuses anything else, naming the value and the choices, before anything runs', () => {
    const inputs: Record<string, string> = { push: 'false', sbom: 'spdx-tag-value' }
    const parse = (): unknown => parseConfig(name => inputs[name] ?? '', { GITHUB_WORKSPACE: '/w' })
    expect(parse).toThrow(InputError)
    expect(parse).toThrow(
      "sbom: 'spdx-tag-value' is not spdx, cyclonedx or none. Use spdx (SPDX 2.3 JSON, the default), cyclonedx (CycloneDX 1.6 JSON) or none (no SBOM is written or attached)."
    )
  })
})

describe('the libraries layer of cgo: dynamic', () => {
  const LIBC6 = {
    name: 'libc6',
    version: '2.36-9+deb12u13',
    arch: 'amd64',
    distro: 'debian',
    distroVersion: '12',
    purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u13?arch=amd64&distro=debian-12'
  }
  let contents: ImageContents
  beforeAll(async () => {
    const libc = path.join(dir, 'libc.so.6')
    await writeFile(libc, 'not really libc')
    const libraries: Layer = {
      name: 'libraries',
      entries: withParents([file('usr/lib/x86_64-linux-gnu/libc.so.6', libc, 15)]),
      packages: [{ name: 'libc6:amd64', paths: ['usr/lib/x86_64-linux-gnu/libc.so.6'] }]
    }
    contents = await imageContents({
      ...options,
      plan: { ...options.plan, layers: orderLayers([...options.plan.layers, libraries]) },
      host: { ...DEBIAN, libraries: new Map([['libc6:amd64', LIBC6]]) }
    })
  })

  it('asks dpkg for the version of each package dpkg -S named, keeping the architecture out of the name', async () => {
    const calls: string[][] = []
    const runner: Runner = {
      run: async (command, args) => {
        calls.push([command, ...args])
        return args.at(-1) === 'libc6:amd64'
          ? { exitCode: 0, stdout: '2.36-9+deb12u13\tamd64', stderr: '' }
          : { exitCode: 1, stdout: '', stderr: 'no packages found' }
      }
    }
    const host = await hostPackages({
      runner,
      caSystem: false,
      libraryPackages: ['libc6:amd64', 'libc6:amd64', 'libgone:amd64'],
      osRelease: path.join(dir, 'no-os-release')
    })
    expect(calls.filter(c => c.includes('libc6:amd64'))).toHaveLength(1)
    expect([...host.libraries!.keys()]).toEqual(['libc6:amd64'])
    expect(host.libraries!.get('libc6:amd64')).toMatchObject({ name: 'libc6', arch: 'amd64' })
  })

  it('lists the Debian package behind the libraries in SPDX, valid, with the files it generated', () => {
    const doc = JSON.parse(spdxJson(contents)) as {
      packages: {
        SPDXID: string
        name: string
        versionInfo?: string
        externalRefs?: { referenceLocator: string }[]
      }[]
      files: { SPDXID: string; fileName: string }[]
      relationships: {
        spdxElementId: string
        relationshipType: string
        relatedSpdxElement: string
      }[]
    }
    expect(spdxValidator()(doc)).toBe(true)
    const pkg = doc.packages.find(p => p.name === 'libc6')!
    expect(pkg.versionInfo).toBe('2.36-9+deb12u13')
    expect(pkg.externalRefs?.[0]?.referenceLocator).toBe(LIBC6.purl)
    const libFile = doc.files.find(f => f.fileName === './usr/lib/x86_64-linux-gnu/libc.so.6')!
    expect(doc.relationships).toContainEqual({
      spdxElementId: libFile.SPDXID,
      relationshipType: 'GENERATED_FROM',
      relatedSpdxElement: pkg.SPDXID
    })
  })

  it('lists it in CycloneDX as a library the main module depends on, valid', () => {
    const bom = JSON.parse(cyclonedxJson(contents)) as {
      components: { type: string; name: string; purl?: string }[]
    }
    expect(cyclonedxValidator()(bom)).toBe(true)
    expect(bom.components).toContainEqual(
      expect.objectContaining({ type: 'library', name: 'libc6', purl: LIBC6.purl })
    )
  })
})
