// Registry credentials end to end: the Docker config (auths, a credential helper) against the htpasswd registry,
// refused passwords that never reach the log, and a broken config.json that fails before anything is built.
import { describe, expect, it } from '@jest/globals'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pushProbe, tempDir } from './harness.js'
import { AUTH, AUTH_REGISTRY, AUTH_REGISTRY_RE, digestOf } from './registries.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

/** A DOCKER_CONFIG directory whose config.json holds value (a string is written as is). */
async function dockerConfig(value: unknown): Promise<string> {
  const dir = await tempDir('gsi-docker-config-')
  await writeFile(
    path.join(dir, 'config.json'),
    typeof value === 'string' ? value : JSON.stringify(value)
  )
  return dir
}

/** pushProbe to the htpasswd registry with the Docker config in the folder config, and more of the environment. */
const pushWith = (name: string, config: string, env: Record<string, string> = {}) =>
  pushProbe(AUTH_REGISTRY, name, {}, { DOCKER_CONFIG: config, ...env })

/**
 * A credential helper docker-credential-NAME, alone in a folder, that runs the shell lines script(folder) gives;
 * returns the folder and the PATH that finds the helper first.
 */
async function credentialHelper(
  name: string,
  script: (bin: string) => string[]
): Promise<{ bin: string; PATH: string }> {
  const bin = await tempDir('gsi-helper-bin-')
  const helper = path.join(bin, `docker-credential-${name}`)
  await writeFile(helper, ['#!/bin/sh', ...script(bin), ''].join('\n'))
  await chmod(helper, 0o755)
  return { bin, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` }
}

describe('credentials from the Docker config', () => {
  it('pushes with auths {"127.0.0.1:5001": {auth}} from DOCKER_CONFIG', async () => {
    const config = await dockerConfig({
      auths: { [AUTH_REGISTRY]: { auth: b64(`${AUTH.username}:${AUTH.password}`) } }
    })
    const { run, repo } = await pushWith('cfg-auths', config)
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toContain(
      `Registry credentials for ${AUTH_REGISTRY}: Docker config ${config}/config.json (auths: ${AUTH_REGISTRY})`
    )
    expect(run.stdout).toContain(`::add-mask::${AUTH.password}`)
    expect(run.stdout).toContain(`::add-mask::${b64(`${AUTH.username}:${AUTH.password}`)}`)
    expect(run.log).not.toContain(AUTH.password)
    expect(run.log).not.toContain(b64(`${AUTH.username}:${AUTH.password}`))
    expect(await digestOf(`${repo}:v1`)).toBe(run.outputs.digest)
  })

  it('pushes with a credential helper from credHelpers, asked for the registry on stdin', async () => {
    const { bin, PATH } = await credentialHelper('gsitest', bin => [
      `[ "$1" = get ] || { echo "unexpected action $1" >&2; exit 3; }`,
      'read -r server || true',
      `printf '%s' "$server" > '${bin}/asked'`,
      `if [ "$server" != '${AUTH_REGISTRY}' ]; then echo 'credentials not found in native keychain'; exit 1; fi`,
      `printf '{"ServerURL":"%s","Username":"${AUTH.username}","Secret":"${AUTH.password}"}\\n' "$server"`
    ])
    const config = await dockerConfig({ credHelpers: { [AUTH_REGISTRY]: 'gsitest' } })
    const { run, repo } = await pushWith('cfg-helper', config, { PATH })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(await readFile(path.join(bin, 'asked'), 'utf8')).toBe(AUTH_REGISTRY)
    expect(run.log).toContain(
      `Registry credentials for ${AUTH_REGISTRY}: credential helper docker-credential-gsitest (credHelpers in ${config}/config.json)`
    )
    expect(run.stdout).toContain(`::add-mask::${AUTH.password}`)
    expect(run.log).not.toContain(AUTH.password)
    expect(await digestOf(`${repo}:v1`)).toBe(run.outputs.digest)
  })
})

describe('the Docker CLI’s lookup order', () => {
  it('takes credsStore before auths: a wrong password in auths is never tried', async () => {
    const { PATH } = await credentialHelper('gsistore', () => [
      'read -r server || true',
      `printf '{"ServerURL":"%s","Username":"${AUTH.username}","Secret":"${AUTH.password}"}\\n' "$server"`
    ])
    const config = await dockerConfig({
      credsStore: 'gsistore',
      auths: { [AUTH_REGISTRY]: { auth: b64(`${AUTH.username}:not-the-password`) } }
    })
    const { run, repo } = await pushWith('cfg-store-first', config, { PATH })
    expect(run.log).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.log).toContain(
      `Registry credentials for ${AUTH_REGISTRY}: credential helper docker-credential-gsistore (credsStore in ${config}/config.json)`
    )
    expect(await digestOf(`${repo}:v1`)).toBe(run.outputs.digest)
  })
})

describe('refused credentials never reach the log', () => {
  const wrong = 'wrong-Pa55-zebra'

  it('fails on a wrong password from the inputs, naming the inputs', async () => {
    const { run, repo } = await pushProbe(AUTH_REGISTRY, 'cfg-wrong-input', {
      'registry-username': AUTH.username,
      'registry-password': wrong
    })
    expect(run.code).not.toBe(0)
    expect(run.log).toContain(
      `Registry credentials for ${AUTH_REGISTRY}: registry-username/registry-password`
    )
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::registry-username/registry-password: ${AUTH_REGISTRY_RE} refused user 'testuser'`,
        'm'
      )
    )
    expect(run.stdout).toContain(`::add-mask::${wrong}`)
    expect(run.log).not.toContain(wrong)
    expect(run.log).not.toContain(b64(`${AUTH.username}:${wrong}`))
    expect(run.log).not.toContain('go build')
    expect(await digestOf(`${repo}:v1`)).toBeUndefined()
  })

  it('fails on a wrong password from the Docker config, saying where it came from', async () => {
    const config = await dockerConfig({
      auths: { [`http://${AUTH_REGISTRY}`]: { auth: b64(`${AUTH.username}:${wrong}`) } }
    })
    const { run, repo } = await pushWith('cfg-wrong-config', config)
    expect(run.code).not.toBe(0)
    expect(run.log).toContain(
      `Registry credentials for ${AUTH_REGISTRY}: Docker config ${config}/config.json (auths: http://${AUTH_REGISTRY})`
    )
    expect(run.stdout).toMatch(
      new RegExp(`^::error::.*${AUTH_REGISTRY_RE} refused user 'testuser'`, 'm')
    )
    expect(run.stdout).toContain(`::add-mask::${wrong}`)
    expect(run.log).not.toContain(wrong)
    expect(run.log).not.toContain(b64(`${AUTH.username}:${wrong}`))
    expect(run.log).not.toContain('go build')
    expect(await digestOf(`${repo}:v1`)).toBeUndefined()
  })
})

describe('an unusable Docker config', () => {
  const secret = b64(`${AUTH.username}:${AUTH.password}`)

  it('fails before the build on invalid JSON, naming the path, never quoting the content', async () => {
    const content = `{"auths": {"${AUTH_REGISTRY}": {"auth": "${secret}"}}, marker-Qx7-unquoted }`
    const config = await dockerConfig(content)
    const { run, repo } = await pushWith('cfg-invalid', config)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(`^::error::The Docker config ${config}/config\\.json is not valid JSON\\.`, 'm')
    )
    expect(run.log).toMatch(/DOCKER_CONFIG/)
    expect(run.log).not.toContain('marker-Qx7')
    expect(run.log).not.toContain(secret)
    expect(run.log).not.toContain('"auths"')
    expect(run.log).not.toContain('go build')
    expect(await digestOf(`${repo}:v1`)).toBeUndefined()
  })

  it('fails before the build when config.json cannot be read, naming the path', async () => {
    const config = await tempDir('gsi-docker-config-')
    // The tests run as root, which reads any file: a directory is what root cannot read as a file.
    await mkdir(path.join(config, 'config.json'))
    const { run, repo } = await pushWith('cfg-unreadable', config)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(
      `::error::The Docker config ${config}/config.json cannot be read (it is a directory).`
    )
    expect(run.log).not.toContain('go build')
    expect(await digestOf(`${repo}:v1`)).toBeUndefined()
  })
})
