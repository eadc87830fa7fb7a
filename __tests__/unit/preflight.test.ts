// The checks that run before login, Go install and build: each input the disk can refute, against real temp directories.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { knownBinaryName, preflight } from '../../src/preflight.js'
import { fakeLogger, tempDir } from './helpers.js'

const PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'

let ws: string
let cleanup: () => Promise<void>
let ca: string
let zones: string

beforeEach(async () => {
  ;({ dir: ws, cleanup } = await tempDir())
  await mkdir(path.join(ws, 'app', 'cmd', 'api'), { recursive: true })
  await writeFile(path.join(ws, 'app', 'go.mod'), 'module example.com/app\n\ngo 1.19\n')
  await writeFile(path.join(ws, 'app', 'cmd', 'api', 'main.go'), 'package main\n\nfunc main() {}\n')
  await writeFile(path.join(ws, 'app', 'tool.go'), 'package main\n\nfunc main() {}\n')
  await writeFile(path.join(ws, 'app', 'config.yaml'), 'a: 1\n')
  ca = path.join(ws, 'ca.pem')
  await writeFile(ca, PEM)
  zones = path.join(ws, 'zoneinfo')
  await mkdir(path.join(zones, 'Asia'), { recursive: true })
  await writeFile(path.join(zones, 'Asia', 'Tokyo'), 'TZif2 and the rest')
})
afterEach(() => cleanup())

/**
 * Runs preflight over the inputs as the action would read them, with the runner's CA bundle at ca and its
 * zoneinfo at ws/zoneinfo (one zone, Asia/Tokyo).
 */
async function check(inputs: Record<string, string>, zoneinfoRoot = zones): Promise<string[]> {
  const config = parseConfig(name => ({ push: 'false', ...inputs })[name] ?? '', {
    GITHUB_WORKSPACE: ws
  })
  const logger = fakeLogger()
  await preflight(config, { logger, caBundleCandidates: [ca], zoneinfoRoot })
  return logger.lines
}

async function refuses(inputs: Record<string, string>, message: string): Promise<void> {
  const run = check(inputs)
  await expect(run).rejects.toThrow(InputError)
  await expect(run).rejects.toThrow(message)
}

describe('preflight', () => {
  it('passes a module, its main package, a .go file and files that exist', async () => {
    // The staging after the build names the bundle; the check only reads it, in the debug log.
    expect(await check({ 'working-directory': 'app', package: './cmd/api' })).toEqual([
      `CA certificates: ${ca} -> /etc/ssl/certs/ca-certificates.crt`
    ])
    await check({ 'working-directory': 'app', package: 'tool.go' })
    await check({ 'working-directory': 'app', files: 'config.yaml:/etc/app/' })
    // Import paths and patterns are go list's to resolve.
    await check({ 'working-directory': 'app', package: 'example.com/app/cmd/api' })
    await check({ 'working-directory': 'app', package: './cmd/...' })
  })

  it('names working-directory when it does not exist, instead of the exec library', async () => {
    await refuses(
      { 'working-directory': 'nope' },
      `working-directory: ${path.join(ws, 'nope')} does not exist. Set working-directory to the folder of the Go module, relative to the repository root (e.g. services/api).`
    )
    await refuses(
      { 'working-directory': 'app/go.mod' },
      `working-directory: ${path.join(ws, 'app', 'go.mod')} is not a directory.`
    )
  })

  it.each<[string, string]>([
    ['./cmd/nope', "package: './cmd/nope' does not exist in working-directory"],
    ['nope.go', "package: 'nope.go' does not exist in working-directory"],
    ['./config.yaml', "package: './config.yaml' is not a directory in working-directory"],
    ['./cmd/api/main.go/', "package: './cmd/api/main.go/' is not a directory in working-directory"]
  ])('names package %s, which is not on disk', async (pkg, message) => {
    await refuses({ 'working-directory': 'app', package: pkg }, message)
    await refuses(
      { 'working-directory': 'app', package: pkg },
      `in working-directory ${path.join(ws, 'app')}. Set package to the main package's folder relative to working-directory (e.g. ./cmd/app), or to one .go file.`
    )
  })

  it('checks files before the build: a symlink out of the working directory', async () => {
    await symlink('/etc/shadow', path.join(ws, 'app', 'shadow'))
    await refuses(
      { 'working-directory': 'app', files: 'shadow:/etc/shadow' },
      "files: symlink 'shadow' (from 'shadow:/etc/shadow') points to '/etc/shadow' (/etc/shadow), outside working-directory"
    )
  })

  it.each<[Record<string, string>, string]>([
    [{ files: 'config.yaml:/etc/passwd' }, 'is /etc/passwd, which the system layer'],
    [{ files: 'config.yaml:/etc/group' }, 'is /etc/group, which the system layer'],
    [
      { files: 'config.yaml:/etc/ssl/certs/ca-certificates.crt' },
      'which the certificates layer already puts in the image'
    ],
    [
      { files: 'config.yaml:/home/nonroot/' },
      'would sit under /home/nonroot, which the home layer'
    ],
    [
      { files: 'config.yaml:/server', 'binary-name': 'server' },
      'is /server, which the binary layer'
    ],
    [{ files: 'config.yaml:/api', package: './cmd/api' }, 'is /api, which the binary layer'],
    [{ files: 'config.yaml:/tool', package: 'tool.go' }, 'is /tool, which the binary layer'],
    [{ files: '../ca.pem:/ca.pem' }, "SRC in '../ca.pem:/ca.pem' climbs out of working-directory"]
  ])('checks files before the build: %j', async (inputs, message) => {
    await refuses({ 'working-directory': 'app', ...inputs }, message)
  })

  it('leaves the certificates path free when there is no bundle', async () => {
    await check({
      'working-directory': 'app',
      'ca-certificates': 'none',
      files: 'config.yaml:/etc/ssl/certs/ca-certificates.crt'
    })
  })

  it('checks the zones listed in zoneinfo, and that the runner has a zoneinfo tree, before the build', async () => {
    await check({ 'working-directory': 'app', zoneinfo: 'Asia/Tokyo' })
    await refuses(
      { 'working-directory': 'app', zoneinfo: 'Asia/Tokyo, Mars/Olympus' },
      `zoneinfo: 'Mars/Olympus' is not a time zone in ${zones}. Use IANA names such as Europe/Berlin or America/New_York.`
    )
    const none = path.join(ws, 'no-tzdata')
    await expect(check({ 'working-directory': 'app' }, none)).rejects.toThrow(
      `zoneinfo: the runner has no ${none}. Install tzdata, or set zoneinfo: false.`
    )
    await check({ 'working-directory': 'app', zoneinfo: 'false' }, none)
  })

  it('checks ca-certificates and extra-ca-certificates before the build', async () => {
    await refuses(
      { 'working-directory': 'app', 'extra-ca-certificates': 'corp.pem' },
      `extra-ca-certificates: ${path.join(ws, 'app', 'corp.pem')} cannot be read.`
    )
    await refuses(
      { 'working-directory': 'app', 'ca-certificates': 'config.yaml' },
      `ca-certificates: ${path.join(ws, 'app', 'config.yaml')} holds no PEM certificate.`
    )
  })
})

describe('knownBinaryName', () => {
  it.each<[string, string, string | undefined]>([
    ['', '.', undefined],
    ['server', '.', 'server'],
    ['', './cmd/api', 'api'],
    ['', './cmd/api/', 'api'],
    ['', 'cmd/api', undefined],
    ['', './tools/gen.go', 'gen'],
    ['', '..', undefined],
    ['', './cmd/v2', undefined],
    ['', 'example.com/app/cmd/api', undefined],
    ['', './cmd/...', undefined]
  ])('binary-name %j, package %j -> %j', (binaryName, pkg, name) => {
    expect(knownBinaryName({ binaryName, package: pkg })).toBe(name)
  })
})
