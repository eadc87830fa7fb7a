import { describe, expect, it } from '@jest/globals'
import {
  parseBoolean,
  parseConfig,
  parseKeyValues,
  parseList,
  splitFlags,
  type Config
} from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { withTempDir } from './helpers.js'

/** What @actions/core's getInput gives: the input's value, or '' when it is not set. */
const getter =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? ''

const ENV = { GITHUB_WORKSPACE: '/ws' }
/** What the scale-out inputs (src/config-matrix.ts) give when none is set. */
const MATRIX_DEFAULTS = {
  cacheSave: true,
  cacheDependencyPath: [],
  pushByDigest: false,
  mergeDigests: [],
  tagFlavor: { latest: 'auto', prefix: '', prefixLatest: false, suffix: '', suffixLatest: false }
}
const parse = (inputs: Record<string, string>, env: Record<string, string> = ENV): Config =>
  parseConfig(getter(inputs), env)

describe('parseConfig', () => {
  it('fills the defaults', () => {
    expect(parse({ image: 'ghcr.io/acme/app' })).toEqual({
      goVersion: '',
      goVersionFile: '',
      goDownloadBaseUrl: 'https://go.dev/dl',
      workingDirectory: '/ws',
      package: '.',
      binaryName: '',
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      ldflags: '',
      buildTags: '',
      buildFlags: [],
      buildEnv: {},
      zoneinfo: true,
      caCertificates: 'system',
      extraCaCertificates: [],
      files: [],
      user: '65532:65532',
      vulnerabilities: 'report',
      vulnDb: 'https://vuln.go.dev',
      vulnAllow: [],
      workdir: '/',
      env: [],
      expose: [],
      entrypoint: undefined,
      args: [],
      labels: {},
      builder: 'native',
      maxSize: undefined,
      compareTo: undefined,
      maxSizeIncrease: undefined,
      packageSizes: 'auto',
      mediaTypes: 'oci',
      compression: { codec: 'gzip', level: 6 },
      load: false,
      cache: true,
      ...MATRIX_DEFAULTS,
      checkLatest: false,
      comment: false,
      commentFrom: '',
      image: { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'acme/app' },
      packages: ['.'],
      imageLines: ['ghcr.io/acme/app'],
      mirrors: [],
      compareToLine: '',
      tags: [],
      push: true,
      ociLayout: '',
      insecureRegistry: false,
      registryTimeoutMs: 60_000,
      registryCaFile: undefined,
      registryCa: undefined,
      credentials: undefined,
      sourceDateEpoch: undefined,
      summary: true,
      sbom: 'spdx',
      provenance: 'auto',
      githubToken: '',
      cgo: 'off',
      cc: { byPlatform: {} },
      cgoSysroot: { all: undefined, byPlatform: {} },
      debug: false,
      debugBusybox: undefined
    })
  })

  it('reads every input', () => {
    const c = parse({
      'go-version': ' 1.22 ',
      'go-version-file': 'go.work',
      'go-download-base-url': 'http://127.0.0.1:8080/dl//',
      'working-directory': 'services/api',
      package: './cmd/api',
      'binary-name': 'api',
      platforms: 'linux/amd64\nlinux/arm64',
      ldflags: '-X main.v=1',
      'build-tags': 'netgo',
      'build-flags': "-mod=vendor -gcflags='all=-N -l'",
      'build-env': 'GOFLAGS=-buildvcs=false\n# comment\nGOPRIVATE=x.example/*',
      zoneinfo: 'Europe/Berlin, Asia/Tokyo',
      'ca-certificates': 'none',
      'extra-ca-certificates': 'certs/internal.pem\ncerts/partner.pem',
      files: 'public:/public\nconfig.yaml:/etc/app/',
      user: 'root',
      workdir: '/srv/',
      env: 'MODE=prod\nGREETING=hello world',
      expose: '8080, 9090/udp',
      entrypoint: '["/api", "serve"]',
      args: '--addr :8080',
      labels: 'org.example.team=core\norg.opencontainers.image.title=API',
      builder: 'Docker',
      'media-types': 'docker',
      'compression-level': 'max',
      load: 'true',
      'max-size': '12MiB',
      'compare-to': 'localhost:5000/api:main',
      'max-size-increase': '5%',
      'package-sizes': 'TRUE',
      image: 'localhost:5000/api',
      tags: 'v1\nlatest, main',
      push: 'TRUE',
      'oci-layout': 'out/layout',
      'insecure-registry': 'true',
      'registry-timeout': ' 120 ',
      vulnerabilities: ' FAIL ',
      'vuln-db': 'http://127.0.0.1:8081/vulndb/',
      'vuln-allow': '# accepted\ngo-2024-1234: not reachable with our configuration\n',
      'registry-username': ' bot ',
      'registry-password': 'p@ss',
      'source-date-epoch': '1700000000',
      summary: 'False',
      sbom: ' CycloneDX ',
      provenance: 'FALSE',
      'github-token': ' ghs_token ',
      'check-latest': 'true',
      cache: 'false',
      cgo: 'Static',
      cc: ' musl-gcc ',
      debug: 'true',
      'debug-busybox': '/opt/busybox'
    })
    expect(c).toEqual({
      goVersion: '1.22',
      goVersionFile: 'go.work',
      goDownloadBaseUrl: 'http://127.0.0.1:8080/dl',
      workingDirectory: '/ws/services/api',
      package: './cmd/api',
      binaryName: 'api',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' }
      ],
      ldflags: '-X main.v=1',
      buildTags: 'netgo',
      buildFlags: ['-mod=vendor', '-gcflags=all=-N -l'],
      buildEnv: { GOFLAGS: '-buildvcs=false', GOPRIVATE: 'x.example/*' },
      zoneinfo: ['Europe/Berlin', 'Asia/Tokyo'],
      caCertificates: 'none',
      extraCaCertificates: ['certs/internal.pem', 'certs/partner.pem'],
      files: [
        { src: 'public', dest: '/public', line: 'public:/public' },
        { src: 'config.yaml', dest: '/etc/app/', line: 'config.yaml:/etc/app/' }
      ],
      user: '0:0',
      vulnerabilities: 'fail',
      vulnDb: 'http://127.0.0.1:8081/vulndb',
      vulnAllow: [{ id: 'GO-2024-1234', reason: 'not reachable with our configuration' }],
      workdir: '/srv',
      env: ['MODE=prod', 'GREETING=hello world'],
      expose: ['8080/tcp', '9090/udp'],
      entrypoint: ['/api', 'serve'],
      args: ['--addr', ':8080'],
      labels: { 'org.example.team': 'core', 'org.opencontainers.image.title': 'API' },
      builder: 'docker',
      maxSize: { bytes: 12 * 2 ** 20, raw: '12MiB' },
      compareTo: {
        registry: 'localhost:5000',
        apiHost: 'localhost:5000',
        repository: 'api',
        tag: 'main'
      },
      maxSizeIncrease: { rule: { kind: 'percent', value: 5 }, raw: '5%' },
      packageSizes: 'true',
      mediaTypes: 'docker',
      compression: { codec: 'gzip', level: 'max' },
      load: true,
      cache: false,
      ...MATRIX_DEFAULTS,
      cacheSave: false,
      checkLatest: true,
      comment: false,
      commentFrom: '',
      image: { registry: 'localhost:5000', apiHost: 'localhost:5000', repository: 'api' },
      packages: ['./cmd/api'],
      imageLines: ['localhost:5000/api'],
      mirrors: [],
      compareToLine: 'localhost:5000/api:main',
      tags: ['v1', 'latest', 'main'],
      push: true,
      ociLayout: '/ws/out/layout',
      insecureRegistry: true,
      registryTimeoutMs: 120_000,
      registryCaFile: undefined,
      registryCa: undefined,
      credentials: { username: 'bot', password: 'p@ss' },
      sourceDateEpoch: 1_700_000_000,
      summary: false,
      sbom: 'cyclonedx',
      provenance: 'false',
      githubToken: 'ghs_token',
      cgo: 'static',
      cc: { all: 'musl-gcc', byPlatform: {} },
      cgoSysroot: { all: undefined, byPlatform: {} },
      debug: true,
      debugBusybox: '/opt/busybox'
    })
  })

  it.each<[string, Config['zoneinfo']]>([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['UTC', ['UTC']],
    ['Europe/Berlin\n# note\nAmerica/New_York', ['Europe/Berlin', 'America/New_York']]
  ])('zoneinfo %j -> %j', (zoneinfo, value) => {
    expect(parse({ image: 'a/b', zoneinfo }).zoneinfo).toEqual(value)
  })

  it('refuses unknown media types, and load without an image', () => {
    expect(() => parse({ image: 'a/b', 'media-types': 'v1' })).toThrow(
      /^media-types: 'v1' is not oci or docker/
    )
    expect(() => parse({ push: 'false', load: 'true' })).toThrow(
      /^image: required when load is true/
    )
  })

  it('refuses zstd with Docker media types, and a level out of range', () => {
    expect(() => parse({ image: 'a/b', compression: 'zstd', 'media-types': 'docker' })).toThrow(
      "compression: zstd cannot go with media-types: docker (Docker's schema 2 has no zstd layer type). Use media-types: oci, or compression: gzip for a registry that needs Docker's types."
    )
    expect(() => parse({ image: 'a/b', 'compression-level': '11' })).toThrow(
      "compression-level: '11' is not a gzip level. Use 1 to 9, or max (smallest, slow); the default is 6."
    )
  })

  it('refuses max-size-increase without compare-to, and a bad budget', () => {
    expect(() => parse({ image: 'a/b', 'max-size-increase': '5%' })).toThrow(
      /^max-size-increase: '5%' needs a baseline\. Set compare-to/
    )
    expect(() => parse({ image: 'a/b', 'max-size': '10 megs' })).toThrow(
      /^max-size: '10 megs' is not a size/
    )
    expect(() => parse({ image: 'a/b', 'compare-to': `a/b@sha256:${'0'.repeat(10)}` })).toThrow(
      /^compare-to: the digest/
    )
  })

  it('refuses a builder it does not have', () => {
    expect(() => parse({ image: 'a/b', builder: 'kaniko' })).toThrow(
      /^builder: 'kaniko' is not a builder\. Use native .* or docker/
    )
  })

  it('keeps an absolute working-directory and oci-layout', () => {
    const c = parse({ push: 'false', 'working-directory': '/src', 'oci-layout': '/tmp/layout' })
    expect(c.workingDirectory).toBe('/src')
    expect(c.ociLayout).toBe('/tmp/layout')
    expect(c.image).toBeUndefined()
  })

  it.each<[Record<string, string>, Record<string, string>, number | undefined]>([
    [{}, { SOURCE_DATE_EPOCH: '123' }, 123],
    [{ 'source-date-epoch': '456' }, { SOURCE_DATE_EPOCH: '123' }, 456],
    [{ 'source-date-epoch': ' 0 ' }, {}, 0],
    [{}, {}, undefined]
  ])('source-date-epoch %j with env %j -> %j', (inputs, env, epoch) => {
    expect(parse({ image: 'a/b', ...inputs }, { ...ENV, ...env }).sourceDateEpoch).toBe(epoch)
  })

  it.each<[Record<string, string>, Record<string, string>, string]>([
    [
      {},
      {},
      'image: required when push is true. Set image (e.g. ghcr.io/acme/app), or set push: false ' +
        '(with oci-layout: DIR to keep the image as files).'
    ],
    [
      { image: 'a/b', 'registry-username': 'bot' },
      {},
      'registry-username/registry-password: set both or neither (only registry-username is set).'
    ],
    [
      { image: 'a/b', 'registry-password': 'secret' },
      {},
      'registry-username/registry-password: set both or neither (only registry-password is set).'
    ],
    [
      { image: 'a/b', 'build-flags': '-v -o out' },
      {},
      "build-flags: '-o' is set by the action or has its own input (ldflags, build-tags, binary-name); remove it from build-flags."
    ],
    [
      { image: 'a/b', 'build-flags': '-ldflags="-X main.v=1"' },
      {},
      "build-flags: '-ldflags=-X main.v=1' is set by the action or has its own input (ldflags, build-tags, binary-name); remove it from build-flags."
    ],
    [
      { image: 'a/b', 'build-flags': '--tags=netgo' },
      {},
      "build-flags: '--tags=netgo' is set by the action"
    ],
    [
      { image: 'a/b', 'build-flags': '-trimpath' },
      {},
      "build-flags: '-trimpath' is set by the action"
    ],
    [
      { image: 'a/b', 'build-flags': '-toolexec=x' },
      {},
      "build-flags: '-toolexec=x' is set by the action"
    ],
    [{ image: 'a/b', push: 'yes' }, {}, "push: 'yes' is not a boolean. Use true or false."],
    [
      { image: 'a/b', 'insecure-registry': 'maybe' },
      {},
      "insecure-registry: 'maybe' is not a boolean. Use true or false."
    ],
    [{ image: 'a/b', summary: '1' }, {}, "summary: '1' is not a boolean. Use true or false."],
    [
      { image: 'ghcr.io/Acme/app' },
      {},
      "image: the repository 'Acme/app' in 'ghcr.io/Acme/app' has uppercase letters"
    ],
    [{ image: 'a/b', tags: 'v1\nv1+build' }, {}, "tags: 'v1+build' is not a valid tag."],
    [
      { image: 'a/b', platforms: 'windows/amd64' },
      {},
      "platforms: 'windows/amd64' is not a supported platform."
    ],
    [
      { image: 'a/b', 'build-env': 'NOVALUE' },
      {},
      "build-env: 'NOVALUE' is not KEY=VALUE. Write one KEY=VALUE a line."
    ],
    [
      { image: 'a/b', 'binary-name': 'bin/app' },
      {},
      "binary-name: 'bin/app' is not a plain file name (letters, digits, '.', '_', '-'). Set binary-name to another name, e.g. binary-name: app."
    ],
    [
      { image: 'a/b', 'source-date-epoch': 'yesterday' },
      {},
      "source-date-epoch: 'yesterday' is not a Unix timestamp. Use whole seconds since 1970-01-01T00:00:00Z, from 0 to 253402300799 (9999-12-31T23:59:59Z), e.g. 1700000000 (git log -1 --format=%ct gives the last commit's)."
    ],
    [
      { image: 'a/b' },
      { SOURCE_DATE_EPOCH: '-1' },
      "SOURCE_DATE_EPOCH (environment variable): '-1' is before 1970."
    ],
    // Hostile and broken input: each is refused when the inputs are read, before anything is built.
    [
      { image: 'a/b', ldflags: "-X 'main.version=1.0 beta" },
      {},
      "ldflags: '-X 'main.version=1.0 beta' has an unterminated ' quote (at 'main.version=1.0 beta). Quote a whole argument, e.g. -X 'main.version=1.0 beta' (or with \" when the value holds a ')."
    ],
    [
      { image: 'a/b', ldflags: "-X main.version='1.0 beta'" },
      {},
      "ldflags: '-X main.version='1.0 beta'' has a quote inside the word main.version='1.0, which go build passes on literally."
    ],
    [
      { image: 'a/b', 'build-flags': "-gcflags='all=-N -l" },
      {},
      "build-flags: '-gcflags='all=-N -l' has an unterminated ' quote. Close it; an argument that holds spaces is quoted as a whole, e.g. 'all=-N -l'."
    ],
    [{ image: 'a/b', args: '--name "x' }, {}, 'args: \'--name "x\' has an unterminated " quote.'],
    [
      { image: 'a/b', 'build-flags': '-o=/tmp/out' },
      {},
      "build-flags: '-o=/tmp/out' is set by the action"
    ],
    [
      { image: 'a/b', env: 'GREETING=hello\nworld' },
      {},
      "env: 'world' is not KEY=VALUE. Write one KEY=VALUE a line."
    ],
    [
      { image: 'a/b', env: 'GREETING=hello\rworld' },
      {},
      'env: the value of GREETING ("hello\\rworld") holds the control character "\\r". Give each variable one single-line value, one KEY=VALUE a line.'
    ],
    [
      { image: 'a/b', labels: 'org.example.team' },
      {},
      "labels: 'org.example.team' is not KEY=VALUE. Write one KEY=VALUE a line."
    ],
    [
      { image: 'a/b', labels: 'org.example.note=a\u0000b' },
      {},
      'labels: the value of org.example.note ("a\\u0000b") holds the control character "\\u0000". Give each label one single-line value, one KEY=VALUE a line.'
    ]
  ])('rejects %j (env %j)', (inputs, env, message) => {
    const call = (): unknown => parse(inputs, { ...ENV, ...env })
    expect(call).toThrow(InputError)
    expect(call).toThrow(message)
  })

  it('accepts ldflags quoted as go build splits them, and quotes in env values', () => {
    const c = parse({
      image: 'a/b',
      ldflags: `-X 'main.version=1.0 beta' -X "main.msg=it's" -X main.v=1`,
      env: 'A=say "hi"\nB=it\'s'
    })
    expect(c.ldflags).toBe(`-X 'main.version=1.0 beta' -X "main.msg=it's" -X main.v=1`)
    expect(c.env).toEqual(['A=say "hi"', "B=it's"])
  })

  it('accepts push: false without an image', () => {
    expect(parse({ push: 'false' }).push).toBe(false)
  })

  it('accepts build-flags that merely start like an owned flag', () => {
    expect(parse({ image: 'a/b', 'build-flags': '-overlay=o.json -tagsx' }).buildFlags).toEqual([
      '-overlay=o.json',
      '-tagsx'
    ])
  })
})

describe('parseBoolean', () => {
  it.each<[string, boolean, boolean]>([
    ['', true, true],
    ['', false, false],
    [' true ', false, true],
    ['FALSE', true, false]
  ])('%j (fallback %s) -> %s', (raw, fallback, value) => {
    expect(parseBoolean(getter({ x: raw }), 'x', fallback)).toBe(value)
  })
})

describe('parseList', () => {
  it.each<[string, boolean, string[]]>([
    ['a, b\nc', true, ['a', 'b', 'c']],
    ['a, b\nc', false, ['a, b', 'c']],
    ['\n  # comment\n x \n\n', true, ['x']],
    ['', true, []]
  ])('%j (commas %s) -> %j', (raw, commas, list) => expect(parseList(raw, commas)).toEqual(list))
})

describe('splitFlags', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['-v', ['-v']],
    ['  -v   -x\n-a ', ['-v', '-x', '-a']],
    ["-gcflags='all=-N -l' -mod=vendor", ['-gcflags=all=-N -l', '-mod=vendor']],
    ['-gcflags="all=-N -l"', ['-gcflags=all=-N -l']],
    ['"-tags" "a b"', ['-tags', 'a b']],
    ["-asmflags=all='-D X' -x", ['-asmflags=all=-D X', '-x']],
    ['-run="it\'s"', ["-run=it's"]],
    ['-ldflags2=\'say "hi"\'', ['-ldflags2=say "hi"']]
  ])('%j -> %j', (raw, flags) => expect(splitFlags(raw)).toEqual(flags))
})

describe('parseKeyValues', () => {
  it('reads KEY=VALUE lines, keeping = in values and skipping blanks and comments', () => {
    expect(parseKeyValues('A=1\n\n# skip=me\n  B=x=y  \nC=\nD=a, b\nE = 2 ', 'build-env')).toEqual({
      E: '2',
      A: '1',
      B: 'x=y',
      C: '',
      D: 'a, b'
    })
  })

  it('lets a later line win', () => {
    expect(parseKeyValues('A=1\nA=2', 'env')).toEqual({ A: '2' })
  })

  it.each(['=value', 'NOEQ'])('rejects %j naming the input', line => {
    expect(() => parseKeyValues(`A=1\n${line}`, 'build-env')).toThrow(
      `build-env: '${line}' is not KEY=VALUE. Write one KEY=VALUE a line.`
    )
  })
})

describe('registry-timeout and registry-ca-file', () => {
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

  it.each(['0', '-5', '1.5', '60s', 'soon', '3601'])(
    'refuses registry-timeout %j, naming it',
    raw =>
      expect(() => parse({ image: 'a/b', 'registry-timeout': raw })).toThrow(
        new InputError(
          `registry-timeout: '${raw}' is not a whole number of seconds from 1 to 3600. It is how long a registry ` +
            'request may stay silent before it fails; use e.g. 60 (the default), or more for a slow registry.'
        )
      )
  )

  it('reads the certificates of registry-ca-file, relative to the workspace', () => {
    const c = parse(
      { image: 'a/b', 'registry-ca-file': 'tls/ca.pem' },
      { GITHUB_WORKSPACE: fixtures }
    )
    expect(c.registryCaFile).toBe(path.join(fixtures, 'tls', 'ca.pem'))
    expect(c.registryCa).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/
    )
  })

  it.each<[string, string]>([
    ['tls/missing.pem', 'does not exist'],
    ['tls', 'is a directory'],
    ['single/hello.go', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)']
  ])('refuses registry-ca-file %s: %s', (file, why) => {
    const full = path.resolve(fixtures, file)
    expect(() =>
      parse({ image: 'a/b', 'registry-ca-file': file }, { GITHUB_WORKSPACE: fixtures })
    ).toThrow(
      new InputError(
        `registry-ca-file: '${full}' ${why}. Point registry-ca-file at the PEM file of the CA that signed the ` +
          "registry's certificate (relative paths start at the workspace)."
      )
    )
  })

  it('refuses a PEM block that is not a certificate', async () => {
    await withTempDir(async dir => {
      const file = path.join(dir, 'bad.pem')
      await writeFile(
        file,
        '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'
      )
      expect(() => parse({ image: 'a/b', 'registry-ca-file': file })).toThrow(
        `registry-ca-file: certificate 1 of '${file}' is not a valid PEM certificate.`
      )
    })
  })
})
