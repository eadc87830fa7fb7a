import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CommandResult, Logger, RunOptions, Runner } from '../../src/ports.js'
import { InputError } from '../../src/ports.js'
import {
  resolveCredentials,
  type Credentials,
  type ResolveOptions
} from '../../src/registry/credentials.js'
import {
  configKeyHost,
  configKeys,
  dockerConfigPath,
  findConfigKey,
  helperServerUrl
} from '../../src/registry/docker-config.js'
import { parseImage } from '../../src/registry/reference.js'
import { fakeLogger, tempDir, type RecordingLogger } from './helpers.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

interface Call {
  command: string
  args: string[]
  options?: RunOptions
}

type HelperReply = Partial<CommandResult> | Error

/** A Runner standing in for docker-credential-* programs: answers by program name, records every call. */
function fakeRunner(helpers: Record<string, HelperReply>): { runner: Runner; calls: Call[] } {
  const calls: Call[] = []
  const runner: Runner = {
    run(command, args, options) {
      calls.push({ command, args, options })
      const name = command.replace(/^docker-credential-/, '')
      const r = helpers[name]
      if (r === undefined) {
        // What @actions/exec throws for a program that is not on PATH.
        return Promise.reject(
          new Error(
            `Unable to locate executable file: ${command}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable.`
          )
        )
      }
      if (r instanceof Error) return Promise.reject(r)
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '', ...r })
    }
  }
  return { runner, calls }
}

const answer = (Username: string, Secret: string, ServerURL = 'x'): HelperReply => ({
  stdout: JSON.stringify({ ServerURL, Username, Secret })
})

/** The error a promise rejects with (an Error saying 'resolved' when it does not). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => new Error('resolved'),
    (e: unknown) => e as Error
  )
}

let home: { dir: string; cleanup: () => Promise<void> }
let configDir: string

beforeEach(async () => {
  home = await tempDir('gsi-cred-')
  configDir = path.join(home.dir, 'docker-config')
  await mkdir(configDir)
})
afterEach(async () => home.cleanup())

async function writeConfig(value: unknown, dir = configDir): Promise<string> {
  const file = path.join(dir, 'config.json')
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value))
  return file
}

function options(
  registry: string,
  over: Partial<ResolveOptions> & { helpers?: Record<string, HelperReply> } = {}
): ResolveOptions & { logger: RecordingLogger; calls: Call[] } {
  const { runner, calls } = fakeRunner(over.helpers ?? {})
  const logger = fakeLogger()
  return {
    registry,
    env: { DOCKER_CONFIG: configDir },
    runner,
    logger,
    homedir: home.dir,
    calls,
    ...over
  } as ResolveOptions & { logger: RecordingLogger; calls: Call[] }
}

describe('configKeys', () => {
  it('lists the Docker Hub index URL first for docker.io and its other names', () => {
    for (const r of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
      const keys = configKeys(r)
      expect(keys[0]).toBe('https://index.docker.io/v1/')
      expect(keys).toEqual(
        expect.arrayContaining(['index.docker.io', 'docker.io', 'registry-1.docker.io'])
      )
    }
  })

  it('lists the host, then https:// and http:// forms, for other registries', () => {
    expect(configKeys('ghcr.io')).toEqual(['ghcr.io', 'https://ghcr.io', 'http://ghcr.io'])
    expect(configKeys('127.0.0.1:5001')).toEqual([
      '127.0.0.1:5001',
      'https://127.0.0.1:5001',
      'http://127.0.0.1:5001'
    ])
  })
})

describe('configKeyHost', () => {
  it.each([
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['https://ghcr.io/v1/', 'ghcr.io'],
    ['http://127.0.0.1:5001', '127.0.0.1:5001'],
    ['GHCR.io/', 'ghcr.io']
  ])('%s -> %s', (key, host) => expect(configKeyHost(key)).toBe(host))
})

describe('findConfigKey', () => {
  it('prefers an exact key, in configKeys order', () => {
    expect(findConfigKey(['https://ghcr.io/v1/', 'https://ghcr.io', 'ghcr.io'], 'ghcr.io')).toBe(
      'ghcr.io'
    )
    expect(findConfigKey(['docker.io', 'https://index.docker.io/v1/'], 'docker.io')).toBe(
      'https://index.docker.io/v1/'
    )
  })

  it('matches keys with a scheme and a trailing path by host', () => {
    expect(findConfigKey(['https://ghcr.io/v1/'], 'ghcr.io')).toBe('https://ghcr.io/v1/')
    expect(findConfigKey(['https://registry-1.docker.io/v2/'], 'docker.io')).toBe(
      'https://registry-1.docker.io/v2/'
    )
  })

  it('does not match another host or another port', () => {
    expect(findConfigKey(['notghcr.io', 'ghcr.io.example.com', 'ghcr.io:8443'], 'ghcr.io')).toBe(
      undefined
    )
    expect(findConfigKey(['127.0.0.1:5000'], '127.0.0.1:5001')).toBe(undefined)
    expect(findConfigKey(['quay.io'], 'docker.io')).toBe(undefined)
  })
})

describe('helperServerUrl and dockerConfigPath', () => {
  it('asks helpers for the Hub index URL, else the host', () => {
    expect(helperServerUrl('docker.io')).toBe('https://index.docker.io/v1/')
    expect(helperServerUrl('ghcr.io')).toBe('ghcr.io')
  })

  it('reads $DOCKER_CONFIG/config.json, else ~/.docker/config.json', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/u')).toBe('/etc/dc/config.json')
    expect(dockerConfigPath({}, '/home/u')).toBe('/home/u/.docker/config.json')
    expect(dockerConfigPath({ DOCKER_CONFIG: '' }, '/home/u')).toBe('/home/u/.docker/config.json')
  })
})

describe('resolveCredentials: inputs', () => {
  it('uses registry-username/registry-password first and does not read the Docker config', async () => {
    await writeConfig('{ not json')
    const o = options('127.0.0.1:5001', {
      inputs: { username: 'u', password: 'input-secret' },
      helpers: { store: answer('h', 'helper-secret') }
    })
    const creds = await resolveCredentials(o)
    expect(creds).toEqual({
      username: 'u',
      password: 'input-secret',
      source: 'registry-username/registry-password'
    })
    expect(o.logger.masked).toContain('input-secret')
    expect(o.calls).toHaveLength(0)
    expect(o.logger.lines).toEqual([
      'Registry credentials for 127.0.0.1:5001: registry-username/registry-password'
    ])
  })
})

describe('resolveCredentials: anonymous', () => {
  it('is anonymous without inputs, Docker config or GITHUB_TOKEN', async () => {
    const o = options('127.0.0.1:5000')
    expect(await resolveCredentials(o)).toBeUndefined()
    expect(o.logger.lines).toEqual(['Registry credentials for 127.0.0.1:5000: anonymous'])
    expect(o.logger.masked).toEqual([])
  })

  it('is anonymous when the config has nothing for this registry', async () => {
    await writeConfig({
      auths: { 'ghcr.io': { auth: b64('a:b') } },
      credHelpers: { 'quay.io': 'x' }
    })
    const o = options('127.0.0.1:5000')
    expect(await resolveCredentials(o)).toBeUndefined()
    expect(o.calls).toHaveLength(0)
  })
})

describe('resolveCredentials: auths', () => {
  it('decodes auth (base64 user:password; the password may hold colons)', async () => {
    const file = await writeConfig({
      auths: { '127.0.0.1:5001': { auth: b64('testuser:pa:ss') } }
    })
    const o = options('127.0.0.1:5001')
    expect(await resolveCredentials(o)).toEqual({
      username: 'testuser',
      password: 'pa:ss',
      source: `Docker config ${file} (auths: 127.0.0.1:5001)`
    })
    expect(o.logger.masked).toEqual(expect.arrayContaining([b64('testuser:pa:ss'), 'pa:ss']))
    expect(o.logger.lines).toEqual([
      `Registry credentials for 127.0.0.1:5001: Docker config ${file} (auths: 127.0.0.1:5001)`
    ])
  })

  it('reads username/password', async () => {
    await writeConfig({ auths: { 'https://ghcr.io': { username: 'me', password: 'pw1' } } })
    const o = options('ghcr.io')
    expect(await resolveCredentials(o)).toMatchObject({ username: 'me', password: 'pw1' })
    expect(o.logger.masked).toContain('pw1')
  })

  it('reads an identitytoken, with the user from auth or <token>', async () => {
    await writeConfig({
      auths: {
        'ghcr.io': { auth: b64('me:'), identitytoken: 'refresh-1' },
        'quay.io': { identitytoken: 'refresh-2' }
      }
    })
    let o = options('ghcr.io')
    expect(await resolveCredentials(o)).toMatchObject({
      username: 'me',
      password: '',
      identityToken: 'refresh-1'
    })
    expect(o.logger.masked).toEqual(expect.arrayContaining([b64('me:'), 'refresh-1']))
    o = options('quay.io')
    expect(await resolveCredentials(o)).toMatchObject({
      username: '<token>',
      identityToken: 'refresh-2'
    })
    expect(o.logger.masked).toContain('refresh-2')
  })

  it('finds Docker Hub under https://index.docker.io/v1/ for a short image name', async () => {
    const file = await writeConfig({
      auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') } }
    })
    const ref = parseImage('alpine')
    expect(ref).toMatchObject({ registry: 'docker.io', repository: 'library/alpine' })
    const o = options(ref.registry)
    expect(await resolveCredentials(o)).toEqual({
      username: 'hubuser',
      password: 'hubpass',
      source: `Docker config ${file} (auths: https://index.docker.io/v1/)`
    })
    expect(o.logger.lines).toEqual([
      `Registry credentials for docker.io: Docker config ${file} (auths: https://index.docker.io/v1/)`
    ])
  })

  it.each(['index.docker.io', 'docker.io', 'https://registry-1.docker.io/v2/'])(
    'finds Docker Hub under %s',
    async key => {
      await writeConfig({ auths: { [key]: { auth: b64('hubuser:hubpass') } } })
      expect(await resolveCredentials(options(parseImage('acme/app').registry))).toMatchObject({
        username: 'hubuser'
      })
    }
  )

  it('matches a key with a scheme and a trailing path', async () => {
    await writeConfig({ auths: { 'https://ghcr.io/v1/': { auth: b64('me:pw2') } } })
    expect(await resolveCredentials(options('ghcr.io'))).toMatchObject({ password: 'pw2' })
  })

  it('reads ~/.docker/config.json when DOCKER_CONFIG is unset', async () => {
    await mkdir(path.join(home.dir, '.docker'))
    const file = await writeConfig(
      { auths: { 'ghcr.io': { auth: b64('me:pw3') } } },
      path.join(home.dir, '.docker')
    )
    const creds = await resolveCredentials(options('ghcr.io', { env: {} }))
    expect(creds).toMatchObject({
      password: 'pw3',
      source: `Docker config ${file} (auths: ghcr.io)`
    })
  })

  it('refuses an auth that is not base64 of user:password, without quoting it', async () => {
    const file = await writeConfig({ auths: { 'ghcr.io': { auth: 'bm90LWEtcGFpcg==' } } })
    const o = options('ghcr.io')
    const err = await rejection(resolveCredentials(o))
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toContain(`${file}: auths["ghcr.io"].auth is not base64 of user:password`)
    expect(err.message).not.toContain('bm90LWEtcGFpcg')
    expect(err.message).not.toContain('not-a-pair')
    expect(o.logger.masked).toContain('bm90LWEtcGFpcg==')
  })
})

describe('resolveCredentials: credential helpers', () => {
  it('runs docker-credential-NAME get with the server URL on stdin, silently', async () => {
    const file = await writeConfig({ credHelpers: { '127.0.0.1:5001': 'gsitest' } })
    const o = options('127.0.0.1:5001', {
      helpers: { gsitest: answer('testuser', 'helper-secret') }
    })
    expect(await resolveCredentials(o)).toEqual({
      username: 'testuser',
      password: 'helper-secret',
      source: `credential helper docker-credential-gsitest (credHelpers in ${file})`
    })
    expect(o.calls).toEqual([
      {
        command: 'docker-credential-gsitest',
        args: ['get'],
        options: { input: '127.0.0.1:5001', silent: true }
      }
    ])
    expect(o.logger.masked).toContain('helper-secret')
  })

  it('asks for https://index.docker.io/v1/ for Docker Hub', async () => {
    await writeConfig({ credHelpers: { 'index.docker.io': 'hub' } })
    const o = options(parseImage('alpine').registry, { helpers: { hub: answer('u', 's') } })
    expect(await resolveCredentials(o)).toMatchObject({ username: 'u', password: 's' })
    expect(o.calls[0]?.options?.input).toBe('https://index.docker.io/v1/')
  })

  it('takes credHelpers before auths and credsStore', async () => {
    await writeConfig({
      credsStore: 'store',
      credHelpers: { 'ghcr.io': 'special' },
      auths: { 'ghcr.io': { auth: b64('file:file-pw') } }
    })
    const o = options('ghcr.io', {
      helpers: { special: answer('special-user', 'special-pw'), store: answer('s', 'store-pw') }
    })
    expect(await resolveCredentials(o)).toMatchObject({ username: 'special-user' })
    expect(o.calls.map(c => c.command)).toEqual(['docker-credential-special'])
  })

  it('takes credsStore before auths, as the Docker CLI does', async () => {
    await writeConfig({
      credsStore: 'store',
      auths: { 'ghcr.io': { auth: b64('file:file-pw') }, 'quay.io': {} }
    })
    for (const registry of ['ghcr.io', 'quay.io']) {
      const o = options(registry, { helpers: { store: answer('s', 'store-pw') } })
      const creds = await resolveCredentials(o)
      expect(creds).toMatchObject({ username: 's', password: 'store-pw' })
      expect(creds?.source).toMatch(/^credential helper docker-credential-store \(credsStore in /)
      expect(o.calls).toEqual([
        {
          command: 'docker-credential-store',
          args: ['get'],
          options: { input: registry, silent: true }
        }
      ])
    }
  })

  it('asks credHelpers[host], then credsStore, then reads auths, each only when the one before has nothing', async () => {
    await writeConfig({
      credsStore: 'store',
      credHelpers: { 'ghcr.io': 'special' },
      auths: { 'ghcr.io': { auth: b64('file:file-pw') } }
    })
    const none = { exitCode: 1, stdout: 'credentials not found in native keychain\n' }
    let o = options('ghcr.io', { helpers: { special: none, store: answer('s', 'store-pw') } })
    expect(await resolveCredentials(o)).toMatchObject({ username: 's', password: 'store-pw' })
    expect(o.calls.map(c => c.command)).toEqual([
      'docker-credential-special',
      'docker-credential-store'
    ])

    o = options('ghcr.io', { helpers: { special: none, store: none } })
    const creds = await resolveCredentials(o)
    expect(creds).toMatchObject({ username: 'file', password: 'file-pw' })
    expect(creds?.source).toMatch(/\(auths: ghcr\.io\)$/)
    expect(o.calls.map(c => c.command)).toEqual([
      'docker-credential-special',
      'docker-credential-store'
    ])
  })

  it('uses credsStore for a registry that credHelpers does not name', async () => {
    await writeConfig({
      credsStore: 'store',
      credHelpers: { 'quay.io': 'special' },
      auths: { 'ghcr.io': { auth: b64('file:file-pw') } }
    })
    const o = options('ghcr.io', {
      helpers: { special: answer('x', 'special-pw'), store: answer('s', 'store-pw') }
    })
    expect(await resolveCredentials(o)).toMatchObject({ username: 's' })
    expect(o.calls.map(c => c.command)).toEqual(['docker-credential-store'])
  })

  it('falls through when a helper has no credentials for the registry', async () => {
    await writeConfig({
      credHelpers: { 'ghcr.io': 'special' },
      auths: { 'ghcr.io': { auth: b64('file:file-pw') } }
    })
    const o = options('ghcr.io', {
      helpers: { special: { exitCode: 1, stdout: 'credentials not found in native keychain\n' } }
    })
    expect(await resolveCredentials(o)).toMatchObject({ username: 'file' })
  })

  it('falls through, with a warning, when a helper is not installed', async () => {
    await writeConfig({ credHelpers: { 'ghcr.io': 'missing' }, credsStore: 'alsomissing' })
    const o = options('ghcr.io', { env: { DOCKER_CONFIG: configDir, GITHUB_TOKEN: 'ght' } })
    expect(await resolveCredentials(o)).toMatchObject({ source: 'GITHUB_TOKEN' })
    expect(o.calls.map(c => c.command)).toEqual([
      'docker-credential-missing',
      'docker-credential-alsomissing'
    ])
    expect(
      o.logger.lines.filter(l => /docker-credential-missing .*not on PATH/.test(l))
    ).toHaveLength(1)
  })

  it('reads <token> as an identity token', async () => {
    await writeConfig({ credsStore: 'store' })
    const o = options('myregistry.azurecr.io', {
      helpers: { store: answer('<token>', 'refresh-3') }
    })
    expect(await resolveCredentials(o)).toMatchObject({
      username: '<token>',
      password: '',
      identityToken: 'refresh-3'
    })
    expect(o.logger.masked).toContain('refresh-3')
  })

  it('fails naming the helper, never its output, when it fails otherwise', async () => {
    await writeConfig({ credHelpers: { 'ghcr.io': 'broken' } })
    const o = options('ghcr.io', {
      helpers: { broken: { exitCode: 2, stdout: 'half-a-secret', stderr: 'leaked-secret' } }
    })
    const err = await rejection(resolveCredentials(o))
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toMatch(/docker-credential-broken failed \(exit code 2\) for ghcr\.io/)
    expect(err.message).not.toMatch(/half-a-secret|leaked-secret/)
  })

  it('fails naming the helper, never its output, when the answer is not JSON', async () => {
    await writeConfig({ credHelpers: { 'ghcr.io': 'garbled' } })
    const o = options('ghcr.io', { helpers: { garbled: { stdout: 'user=me secret=s3cr3t' } } })
    const err = await rejection(resolveCredentials(o))
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toContain('docker-credential-garbled')
    expect(err.message).not.toContain('s3cr3t')
  })

  it('refuses a helper name that is not a program name', async () => {
    const file = await writeConfig({ credHelpers: { 'ghcr.io': '../../bin/sh' } })
    const o = options('ghcr.io')
    const err = await rejection(resolveCredentials(o))
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toContain(file)
    expect(err.message).toContain('credHelpers["ghcr.io"]')
    expect(o.calls).toHaveLength(0)
  })
})

describe('resolveCredentials: GITHUB_TOKEN', () => {
  it('uses GITHUB_TOKEN for ghcr.io, as GITHUB_ACTOR or x-access-token', async () => {
    let o = options('ghcr.io', { env: { GITHUB_TOKEN: 'ghs_tok', GITHUB_ACTOR: 'octocat' } })
    expect(await resolveCredentials(o)).toEqual({
      username: 'octocat',
      password: 'ghs_tok',
      source: 'GITHUB_TOKEN'
    })
    expect(o.logger.masked).toEqual(['ghs_tok'])
    expect(o.logger.lines).toEqual(['Registry credentials for ghcr.io: GITHUB_TOKEN'])
    o = options('ghcr.io', { env: { GITHUB_TOKEN: 'ghs_tok' } })
    expect(await resolveCredentials(o)).toMatchObject({ username: 'x-access-token' })
  })

  it.each(['docker.io', 'quay.io', '127.0.0.1:5001', 'ghcr.io.example.com'])(
    'never sends GITHUB_TOKEN to %s',
    async registry => {
      const o = options(registry, { env: { GITHUB_TOKEN: 'ghs_tok' } })
      expect(await resolveCredentials(o)).toBeUndefined()
      expect(o.logger.masked).toEqual([])
    }
  )

  it('prefers the Docker config over GITHUB_TOKEN', async () => {
    await writeConfig({ auths: { 'ghcr.io': { auth: b64('me:pat') } } })
    const o = options('ghcr.io', { env: { DOCKER_CONFIG: configDir, GITHUB_TOKEN: 'ghs_tok' } })
    expect(await resolveCredentials(o)).toMatchObject({ username: 'me', password: 'pat' })
  })
})

describe('resolveCredentials: masking', () => {
  /** A logger that records masks and log lines in one sequence. */
  function orderedLogger(): Logger & { events: string[] } {
    const events: string[] = []
    return {
      events,
      info: m => void events.push(`info:${m}`),
      warning: m => void events.push(`warning:${m}`),
      debug: m => void events.push(`debug:${m}`),
      group: (_n, fn) => fn(),
      mask: s => void events.push(`mask:${s}`)
    }
  }

  const cases: [string, unknown, Record<string, HelperReply>, string[], Partial<Credentials>?][] = [
    ['auths auth', { auths: { 'ghcr.io': { auth: b64('u:pw-a') } } }, {}, [b64('u:pw-a'), 'pw-a']],
    [
      'auths username/password',
      { auths: { 'ghcr.io': { username: 'u', password: 'pw-b' } } },
      {},
      ['pw-b']
    ],
    [
      'auths identitytoken',
      { auths: { 'ghcr.io': { auth: b64('u:pw-c'), identitytoken: 'idt-c' } } },
      {},
      [b64('u:pw-c'), 'pw-c', 'idt-c']
    ],
    [
      'credHelpers',
      { credHelpers: { 'ghcr.io': 'h' } },
      { h: answer('u', 'secret-d') },
      ['secret-d']
    ],
    ['credsStore', { credsStore: 'h' }, { h: answer('<token>', 'idt-e') }, ['idt-e']],
    [
      'a helper that is not installed, then auths',
      { credHelpers: { 'ghcr.io': 'gone' }, auths: { 'ghcr.io': { auth: b64('u:pw-f') } } },
      {},
      [b64('u:pw-f'), 'pw-f']
    ]
  ]

  it.each(cases)(
    '%s: every secret is masked before the info line',
    async (_, config, helpers, secrets) => {
      await writeConfig(config)
      const logger = orderedLogger()
      await resolveCredentials({ ...options('ghcr.io', { helpers }), logger })
      const info = logger.events.findIndex(e => e.startsWith('info:Registry credentials'))
      expect(info).toBe(logger.events.length - 1)
      for (const s of secrets) {
        const at = logger.events.indexOf(`mask:${s}`)
        expect(at).toBeGreaterThanOrEqual(0)
        expect(at).toBeLessThan(info)
      }
      // Nothing logged holds a secret.
      for (const line of logger.events.filter(e => !e.startsWith('mask:'))) {
        for (const s of secrets) expect(line).not.toContain(s)
      }
    }
  )

  it('masks the inputs password and GITHUB_TOKEN before the info line', async () => {
    let logger = orderedLogger()
    await resolveCredentials({
      ...options('ghcr.io', { inputs: { username: 'u', password: 'in-pw' } }),
      logger
    })
    expect(logger.events).toEqual([
      'mask:in-pw',
      'info:Registry credentials for ghcr.io: registry-username/registry-password'
    ])
    logger = orderedLogger()
    await resolveCredentials({ ...options('ghcr.io', { env: { GITHUB_TOKEN: 'ght' } }), logger })
    expect(logger.events).toEqual([
      'mask:ght',
      'info:Registry credentials for ghcr.io: GITHUB_TOKEN'
    ])
  })
})

describe('resolveCredentials: an unusable Docker config', () => {
  async function failure(o: ResolveOptions): Promise<Error> {
    const err = await rejection(resolveCredentials(o))
    expect(err).toBeInstanceOf(InputError)
    return err
  }

  it('names the path of a config.json that cannot be read (a directory)', async () => {
    const file = path.join(configDir, 'config.json')
    await mkdir(file)
    const o = options('127.0.0.1:5001')
    const err = await failure(o)
    expect(err.message).toContain(`The Docker config ${file} cannot be read (it is a directory)`)
    expect(err.message).toMatch(/DOCKER_CONFIG/)
    expect(err.message).toMatch(/registry-username and registry-password/)
    expect(o.logger.lines).toEqual([])
  })

  it('names the path of invalid JSON without quoting the content', async () => {
    const content = '{"auths": {"127.0.0.1:5001": {"auth": "dGVzdHVzZXI6c2VjcmV0LXp5eA=="}}, oops'
    const file = await writeConfig(content)
    const o = options('127.0.0.1:5001')
    const err = await failure(o)
    expect(err.message).toContain(`The Docker config ${file} is not valid JSON`)
    expect(err.message).not.toContain('dGVzdHVzZXI6c2VjcmV0LXp5eA')
    expect(err.message).not.toContain('oops')
    expect(err.message).not.toContain('auths')
    expect(o.logger.lines).toEqual([])
  })

  it.each([
    ['an array', '["secret-in-array"]', 'it is not a JSON object'],
    ['auths of the wrong type', '{"auths": "secret-in-auths"}', '"auths" is not an object'],
    [
      'an auth of the wrong type',
      '{"auths": {"ghcr.io": {"auth": 12345}}}',
      'auths["ghcr.io"].auth is not a string'
    ],
    ['credsStore of the wrong type', '{"credsStore": {"x": "secret-y"}}', '"credsStore"']
  ])('names the path and the field of %s', async (_, content, what) => {
    const file = await writeConfig(content)
    const err = await failure(options('ghcr.io'))
    expect(err.message).toContain(`The Docker config ${file} is not valid: ${what}`)
    expect(err.message).not.toMatch(/secret-|12345/)
  })

  it('names a DOCKER_CONFIG that is a file', async () => {
    const notDir = path.join(home.dir, 'plain-file')
    await writeFile(notDir, 'x')
    const err = await failure(options('ghcr.io', { env: { DOCKER_CONFIG: notDir } }))
    expect(err.message).toContain(`${notDir}/config.json cannot be read`)
  })
})
