// Table tests for the image-config inputs and the OCI labels taken from the GitHub context.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { splitFlags } from '../../src/config.js'
import { contextOf, readGitHubContext, type GitHubContext } from '../../src/github-context.js'
import {
  ociLabels,
  repositoryLabels,
  parseCommand,
  parseExpose,
  parseUser,
  parseWorkdir,
  validateEnv,
  validateLabels
} from '../../src/rootfs/settings.js'

describe('parseUser', () => {
  it.each([
    ['', '65532:65532'],
    ['nonroot', '65532:65532'],
    ['65532:65532', '65532:65532'],
    ['root', '0:0'],
    ['0:0', '0:0'],
    ['nobody', '65534:65534'],
    ['1000:1001', '1000:1001'],
    [' 1000:1001 ', '1000:1001']
  ])('%j is %s', (raw, want) => expect(parseUser(raw)).toBe(want))

  it.each(['admin', '1000', '1000:', ':1000', '-1:0', '1000:1000:1', '4294967296:0'])(
    'refuses %j and lists what works',
    raw => {
      expect(() => parseUser(raw)).toThrow(/^user: .* Use nonroot \(65532:65532.*uid:gid/)
    }
  )
})

describe('parseWorkdir', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/app', '/app'],
    ['/app/', '/app'],
    ['/srv//www/./data', '/srv/www/data']
  ])('%j is %s', (raw, want) => expect(parseWorkdir(raw)).toBe(want))

  it.each(['app', './app', '/app/../etc'])('refuses %j', raw => {
    expect(() => parseWorkdir(raw)).toThrow(/^workdir: .*absolute path/)
  })
})

describe('parseExpose', () => {
  it('adds tcp where no protocol is given, lowercases and drops repeats', () => {
    expect(parseExpose(['8080', '53/UDP', '8080/tcp', '9000/sctp'])).toEqual([
      '8080/tcp',
      '53/udp',
      '9000/sctp'
    ])
  })

  it.each(['0', '65536', 'http', '80/icmp', '80-90'])('refuses %j', raw => {
    expect(() => parseExpose([raw])).toThrow(new RegExp(`^expose: '${raw}' is not a port`))
  })
})

describe('parseCommand', () => {
  it('is undefined when empty, so the default entrypoint applies', () => {
    expect(parseCommand('  ', 'entrypoint', splitFlags)).toBeUndefined()
  })

  it('takes a JSON array as the exec form', () => {
    expect(parseCommand('["/app", "serve", "--addr=:80 x"]', 'args', splitFlags)).toEqual([
      '/app',
      'serve',
      '--addr=:80 x'
    ])
  })

  it('splits words with shell quotes', () => {
    expect(parseCommand(`/app -msg "hello world" -x='a b'`, 'entrypoint', splitFlags)).toEqual([
      '/app',
      '-msg',
      'hello world',
      '-x=a b'
    ])
  })

  it.each(['[1, 2]', '["a", ', '[{"a":1}]'])('refuses the malformed array %j', raw => {
    expect(() => parseCommand(raw, 'args', splitFlags)).toThrow(
      /^args: .* is not a JSON array of strings/
    )
  })
})

describe('validateEnv and validateLabels', () => {
  it('keeps env in input order as KEY=VALUE', () => {
    expect(validateEnv({ B: '1', A: 'x=y' })).toEqual(['B=1', 'A=x=y'])
  })

  it('refuses a bad variable name', () => {
    expect(() => validateEnv({ '1X': 'a' })).toThrow(/^env: '1X' is not a variable name/)
  })

  it('accepts reverse-DNS label keys and refuses spaces', () => {
    expect(validateLabels({ 'org.example/team-a': 'x' })).toEqual({ 'org.example/team-a': 'x' })
    expect(() => validateLabels({ 'my label': 'x' })).toThrow(/^labels: 'my label'/)
  })
})

describe('ociLabels', () => {
  const created = '2024-01-01T00:00:00Z'
  const base = {
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567'
  }

  it('fills source, revision, created and the version of a semver tag without its v', () => {
    expect(ociLabels(contextOf({ ...base, GITHUB_REF: 'refs/tags/v1.2.3' }), created)).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/app',
      'org.opencontainers.image.revision': base.GITHUB_SHA,
      'org.opencontainers.image.created': created,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.title': 'app'
    })
  })

  it.each([
    ['refs/tags/nightly', 'nightly'],
    ['refs/tags/v2.0.0-rc.1', '2.0.0-rc.1'],
    ['refs/heads/main', 'main'],
    ['refs/pull/42/merge', 'pr-42']
  ])('version of %s is %s', (ref, version) => {
    expect(
      ociLabels(contextOf({ ...base, GITHUB_REF: ref }), created)[
        'org.opencontainers.image.version'
      ]
    ).toBe(version)
  })

  it('uses the GitHub Enterprise server URL', () => {
    expect(
      ociLabels(contextOf({ ...base, GITHUB_SERVER_URL: 'https://git.example.com/' }), created)[
        'org.opencontainers.image.source'
      ]
    ).toBe('https://git.example.com/acme/app')
  })

  it('outside Actions has only the created date', () => {
    expect(ociLabels(contextOf({}), created)).toEqual({
      'org.opencontainers.image.created': created
    })
  })
})

describe('repositoryLabels: title, description and licenses as docker/metadata-action sets them', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gsi-payload-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** An event payload file as the runner writes it (GITHUB_EVENT_PATH), with the given repository object. */
  async function payload(name: string, body: unknown): Promise<GitHubContext> {
    const file = path.join(dir, `${name}.json`)
    await writeFile(file, typeof body === 'string' ? body : JSON.stringify(body))
    return readGitHubContext({ GITHUB_REPOSITORY: 'octocat/hello-world', GITHUB_EVENT_PATH: file })
  }

  it("takes metadata-action README's example values from the payload's repository object", async () => {
    // The repository of docker/metadata-action's bake-file example: title, description and licenses.
    const env = await payload('full', {
      ref: 'refs/tags/v1.2.3',
      repository: {
        name: 'Hello-World',
        full_name: 'octocat/Hello-World',
        description: 'This your first repo!',
        license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT' }
      }
    })
    expect(repositoryLabels(env)).toEqual({
      'org.opencontainers.image.title': 'Hello-World',
      'org.opencontainers.image.description': 'This your first repo!',
      'org.opencontainers.image.licenses': 'MIT'
    })
    expect(ociLabels(env, '2024-01-01T00:00:00Z')).toMatchObject(repositoryLabels(env))
  })

  it('leaves out an empty description, no licence and GitHub NOASSERTION', async () => {
    for (const repository of [
      { name: 'app', description: null, license: null },
      { name: 'app', description: '', license: { spdx_id: 'NOASSERTION' } },
      { name: 'app' }
    ]) {
      expect(repositoryLabels(await payload('sparse', { repository }))).toEqual({
        'org.opencontainers.image.title': 'app'
      })
    }
  })

  it('keeps a description on one line, since a label is one Dockerfile line', async () => {
    const env = await payload('lines', { repository: { name: 'app', description: 'a\nb\r\n\tc ' } })
    expect(repositoryLabels(env)['org.opencontainers.image.description']).toBe('a b c')
  })

  it('falls back to GITHUB_REPOSITORY for the title, and never fails on a payload it cannot read', async () => {
    const title = { 'org.opencontainers.image.title': 'hello-world' }
    expect(repositoryLabels(await payload('not-json', '{'))).toEqual(title)
    expect(repositoryLabels(await payload('array', [1, 2]))).toEqual(title)
    expect(
      repositoryLabels(
        await payload('shapes', { repository: { name: 7, description: 5, license: 'MIT' } })
      )
    ).toEqual(title)
    expect(
      repositoryLabels(
        await readGitHubContext({
          GITHUB_REPOSITORY: 'octocat/hello-world',
          GITHUB_EVENT_PATH: path.join(dir, 'missing.json')
        })
      )
    ).toEqual(title)
    expect(repositoryLabels(contextOf({}))).toEqual({})
  })
})
