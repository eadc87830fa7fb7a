// A private registry with its own TLS: real distribution serving https with a self-signed certificate made here,
// reached with registry-ca-file, with insecure-registry, and refused (with the fix named) with neither.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import https from 'node:https'
import path from 'node:path'
import { skopeo } from './commands.js'
import { copyFixture, freePort, runAction, tempDir } from './harness.js'
import { REGISTRY, uniqueRepo } from './registries.js'
import { selfSignedCert } from '../self-signed.js'

let dir: string
let cert: string
let host: string
let registry: ChildProcess | undefined

/** Whether the registry answers GET /v2/ over https, trusting only its own certificate. */
async function answers(ca: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = https.get(`https://${host}/v2/`, { ca, timeout: 2000 }, res => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => req.destroy())
  })
}

beforeAll(async () => {
  dir = await tempDir('gsi-tls-registry-')
  // Self-signed, for the address the registry listens on.
  const made = selfSignedCert(dir)
  cert = made.cert
  const key = made.key
  host = `127.0.0.1:${await freePort()}`
  await mkdir(path.join(dir, 'data'))
  await writeFile(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log: {level: warn}',
      `storage: {filesystem: {rootdirectory: ${path.join(dir, 'data')}}}`,
      'http:',
      `  addr: ${host}`,
      `  tls: {certificate: ${cert}, key: ${key}}`
    ].join('\n')
  )
  registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  registry.stderr!.on('data', d => (stderr += String(d)))
  const pem = await readFile(cert, 'utf8')
  for (let i = 0; i < 60 && !(await answers(pem)); i++) {
    if (registry.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`)
    await new Promise(r => setTimeout(r, 250))
  }
  if (!(await answers(pem)))
    throw new Error(`docker-registry did not come up on ${host}: ${stderr}`)
  // skopeo trusts the *.crt files of a --cert-dir.
  await mkdir(path.join(dir, 'certs'))
  await copyFile(cert, path.join(dir, 'certs', 'ca.crt'))
})

afterAll(async () => {
  if (registry && registry.exitCode === null) {
    const exited = new Promise(r => registry!.once('exit', r))
    registry.kill('SIGTERM')
    await exited
  }
})

/** What a tag of the TLS registry points to, as skopeo sees it trusting the certificate (undefined: nothing). */
async function pushedDigest(repo: string, tag: string): Promise<string | undefined> {
  const r = await skopeo([
    'inspect',
    '--cert-dir',
    path.join(dir, 'certs'),
    `docker://${host}/${repo}:${tag}`
  ])
  return r.code === 0 ? (JSON.parse(r.stdout) as { Digest: string }).Digest : undefined
}

describe('a registry serving TLS with a self-signed certificate', () => {
  it('pushes with registry-ca-file, and reads compare-to from it with the same trust', async () => {
    const workdir = await copyFixture('probe')
    const repo = uniqueRepo('tls-ca')
    const run = await runAction(
      { image: `${host}/${repo}`, tags: 'v1', 'registry-ca-file': cert },
      { workdir }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).not.toContain('insecure-registry: true:')
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await pushedDigest(repo, 'v1')).toBe(run.outputs.digest)

    const again = await runAction(
      {
        image: `${host}/${repo}`,
        tags: 'v2',
        'registry-ca-file': cert,
        'compare-to': `${host}/${repo}:v1`
      },
      { workdir }
    )
    expect(again.log).not.toMatch(/::error::/)
    expect(again.code).toBe(0)
    // The same source: the baseline read over TLS is this very image.
    expect(again.outputs['baseline-size']).toBe(run.outputs.size)
    expect(again.outputs['size-delta']).toBe('0')
    expect(await pushedDigest(repo, 'v2')).toBe(run.outputs.digest)
  })

  it('pushes with insecure-registry: true, accepting the certificate unverified, with a warning', async () => {
    const workdir = await copyFixture('probe')
    const repo = uniqueRepo('tls-insecure')
    const run = await runAction(
      { image: `${host}/${repo}`, tags: 'v1', 'insecure-registry': 'true' },
      { workdir }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    // A workflow command on a runner, a plain line in a terminal.
    const warning =
      `insecure-registry: true: its TLS certificate is not verified, so anyone on the network path to ${host} ` +
      "can read and change what is pushed. Prefer registry-ca-file with the registry's CA certificate."
    expect(run.log.split('\n')).toContainEqual(
      expect.stringMatching(/^(::warning::|warning: )insecure-registry/)
    )
    expect(run.log).toContain(warning)
    expect(await pushedDigest(repo, 'v1')).toBe(run.outputs.digest)
  })

  it('falls back to plain http for an insecure registry that does not speak TLS, with a warning', async () => {
    const workdir = await copyFixture('probe')
    const repo = `${REGISTRY}/${uniqueRepo('insecure-http')}`
    const run = await runAction(
      { image: repo, tags: 'v1', 'insecure-registry': 'true' },
      { workdir }
    )
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toContain(`${REGISTRY} does not speak https; using http.`)
    expect(run.log).toContain(
      `insecure-registry: true: it is reached over plain http, so anyone on the network path to ${REGISTRY} can read`
    )
    const r = await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:v1`])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { Digest: string }).Digest).toBe(run.outputs.digest)
  })

  it('fails without either, naming both inputs, and pushes nothing', async () => {
    const workdir = await copyFixture('probe')
    const repo = uniqueRepo('tls-untrusted')
    const run = await runAction({ image: `${host}/${repo}`, tags: 'v1' }, { workdir })
    expect(run.code).toBe(1)
    expect(run.log).toContain(
      `::error::${host} presented a TLS certificate this machine does not trust (self-signed certificate) for GET /v2/. ` +
        'Set registry-ca-file to the PEM of the CA that signed it, or insecure-registry: true to accept it unverified.'
    )
    expect(await pushedDigest(repo, 'v1')).toBeUndefined()
  })

  it('says when registry-ca-file holds another CA', async () => {
    const workdir = await copyFixture('probe')
    const other = selfSignedCert(dir, { prefix: 'other-', subject: '/CN=another CA' }).cert
    const repo = uniqueRepo('tls-wrong-ca')
    const run = await runAction(
      { image: `${host}/${repo}`, tags: 'v1', 'registry-ca-file': other },
      { workdir }
    )
    expect(run.code).toBe(1)
    expect(run.log).toContain(
      `::error::${host} presented a TLS certificate this machine does not trust (self-signed certificate) for GET /v2/. ` +
        `registry-ca-file (${other}) does not hold the CA that signed it: point registry-ca-file at that CA's PEM, ` +
        'or set insecure-registry: true to accept it unverified.'
    )
    expect(await pushedDigest(repo, 'v1')).toBeUndefined()
  })
})
