// What goes into the image, proven by running it: files served over loopback, one time zone and not another,
// a test CA trusted only when added, the users, the image config, and the Docker builder's identical filesystem.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFile, symlink, writeFile } from 'node:fs/promises'
import https from 'node:https'
import path from 'node:path'
import { promisify } from 'node:util'
import { sh, skopeo } from './commands.js'
import { copyFixture, EXAMPLES, FIXTURES, freePort, runAction, tempDir } from './harness.js'
import { exportFs, loadLayout } from './images.js'
import { REGISTRY, uniqueRepo } from './registries.js'

const base = { push: 'false' }
const loaded: string[] = []

afterAll(async () => {
  if (loaded.length) await sh('docker', ['rmi', '-f', ...loaded])
})

/** Builds an example or fixture into an OCI layout and loads it into Docker; returns the image and the run. */
async function build(
  name: string,
  inputs: Record<string, string>,
  opts: { from?: string; workdir?: string; env?: Record<string, string> } = {}
): Promise<{ image: string; layout: string; run: Awaited<ReturnType<typeof runAction>> }> {
  const workdir = opts.workdir ?? (await copyFixture(name, opts.from ?? EXAMPLES))
  const layout = path.join(await tempDir(), 'layout')
  const run = await runAction(
    { ...base, 'oci-layout': layout, tags: 'it', ...inputs },
    { workdir, env: opts.env }
  )
  if (run.code !== 0) throw new Error(`the action failed:\n${run.log}`)
  const image = await loadLayout(layout, 'it', `gsi-${name}`)
  loaded.push(image)
  return { image, layout, run }
}

async function dockerRun(image: string, args: string[], network = 'none'): Promise<string> {
  const r = await sh('docker', ['run', '--rm', '--network', network, image, ...args])
  return `${r.stdout}${r.stderr}exit ${r.code}`
}

describe('the quick-start example', () => {
  it('serves hello over a loopback port as nonroot, with Tokyo time', async () => {
    const port = await freePort()
    const { image, run } = await build('hello', { args: `-addr 127.0.0.1:${port}` })
    // Each phase of the log ends with its duration.
    for (const phase of [
      'Install Go (1.19 or newer)',
      'Build example.com/hello for linux/amd64',
      'Assemble OCI image'
    ]) {
      expect(run.log).toMatch(
        new RegExp(`^${phase.replace(/[()]/g, '\\$&')}: done in \\d+\\.\\d\\d s$`, 'm')
      )
    }
    const id = (await sh('docker', ['run', '-d', '--rm', '--network', 'host', image])).stdout.trim()
    try {
      let text = ''
      for (let i = 0; i < 50 && !text; i++) {
        text = await fetch(`http://127.0.0.1:${port}/`).then(
          r => r.text(),
          async () => {
            await new Promise(r => setTimeout(r, 100))
            return ''
          }
        )
      }
      expect(text).toMatch(
        /^hello from a scratch image: uid 65532, Tokyo time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00\n$/
      )
    } finally {
      await sh('docker', ['rm', '-f', id])
    }
  })
})

describe('files', () => {
  it('serves a static site staged with files: public:/public over a loopback port', async () => {
    const port = await freePort()
    const { image, run } = await build('fileserver', {
      files: 'public:/public',
      expose: `${port}`,
      args: `-addr 127.0.0.1:${port}`
    })
    expect(run.log).toMatch(/files: 2 files from 1 line/)
    const id = (await sh('docker', ['run', '-d', '--rm', '--network', 'host', image])).stdout.trim()
    try {
      let res: Response | undefined
      for (let i = 0; i < 50 && !res; i++) {
        res = await fetch(`http://127.0.0.1:${port}/css/site.css`).catch(async () => {
          await new Promise(r => setTimeout(r, 100))
          return undefined
        })
      }
      expect(res?.status).toBe(200)
      expect(await res?.text()).toBe(
        await readFile(path.join(EXAMPLES, 'fileserver/public/css/site.css'), 'utf8')
      )
      const index = await fetch(`http://127.0.0.1:${port}/`)
      expect(await index.text()).toBe(
        await readFile(path.join(EXAMPLES, 'fileserver/public/index.html'), 'utf8')
      )
    } finally {
      await sh('docker', ['rm', '-f', id])
    }
    const fs = await exportFs(image)
    expect(fs.filter(e => e.path.startsWith('public'))).toEqual([
      { path: 'public', type: 'directory', mode: '755', owner: '0:0', size: 0, link: '' },
      { path: 'public/css', type: 'directory', mode: '755', owner: '0:0', size: 0, link: '' },
      expect.objectContaining({ path: 'public/css/site.css', mode: '644', owner: '0:0' }),
      expect.objectContaining({ path: 'public/index.html', mode: '644', owner: '0:0' })
    ])
  })

  it('refuses a path that climbs out of the working directory before anything is pushed', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('escape')}`
    const run = await runAction(
      { ...base, push: 'true', image: repo, tags: 'v1', files: '../outside:/x' },
      { workdir: await copyFixture('fileserver', EXAMPLES) }
    )
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/^::error::files: .*\.\.\/outside/m)
    expect((await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:v1`])).code).not.toBe(
      0
    )
  })
})

describe('hostile and broken input', () => {
  let workdir: string
  beforeAll(async () => {
    workdir = await copyFixture('probe', FIXTURES)
    await symlink('/etc/shadow', path.join(workdir, 'shadow'))
  })

  /** Runs a push that must fail with message; nothing may reach the registry. */
  async function refused(inputs: Record<string, string>, message: RegExp): Promise<string> {
    const repo = `${REGISTRY}/${uniqueRepo('hostile')}`
    const run = await runAction(
      { ...base, push: 'true', image: repo, tags: 'v1', ...inputs },
      { workdir }
    )
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(message)
    const inspect = await skopeo(['inspect', '--tls-verify=false', `docker://${repo}:v1`])
    expect(inspect.code).not.toBe(0)
    return run.log
  }

  // Each is refused from the inputs and the disk alone: before Go is installed, let alone anything built.
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a files source linking to /etc/shadow',
      { files: 'shadow:/etc/app/shadow' },
      /^::error::files: symlink 'shadow' \(from 'shadow:\/etc\/app\/shadow'\) points to '\/etc\/shadow' \(\/etc\/shadow\), outside working-directory .*\. Copy the file into the working directory instead of linking to it\.$/m
    ],
    [
      'a destination over /etc/passwd',
      { files: 'main.go:/etc/passwd' },
      /^::error::files: \/etc\/passwd \(from 'main\.go', line 'main\.go:\/etc\/passwd'\) is \/etc\/passwd, which the system layer already puts in the image\. Choose another DEST\.$/m
    ],
    [
      'a destination over /etc/group, reached through ..',
      { files: 'main.go:/etc/x/../group' },
      /^::error::files: \/etc\/group \(from 'main\.go', line 'main\.go:\/etc\/x\/\.\.\/group'\) is \/etc\/group, which the system layer/m
    ],
    [
      'a destination over the CA bundle',
      { files: 'main.go:/etc/ssl/certs/ca-certificates.crt' },
      /^::error::files: .* which the certificates layer already puts in the image\. Choose another DEST; to change the bundle use ca-certificates or extra-ca-certificates\.$/m
    ],
    [
      'a destination over the binary named by binary-name',
      { files: 'main.go:/app', 'binary-name': 'app' },
      /^::error::files: \/app .* which the binary layer already puts in the image\. Choose another DEST, or another binary-name\.$/m
    ],
    [
      'a destination inside the nonroot home',
      { files: 'main.go:/home/nonroot/.config/' },
      /^::error::files: \/home\/nonroot\/\.config\/main\.go .* would sit under \/home\/nonroot, which the home layer already puts in the image\. That is the home of the image user/m
    ],
    [
      'a source climbing out with ..',
      { files: '../probe/main.go:/main.go' },
      /^::error::files: SRC in '\.\.\/probe\/main\.go:\/main\.go' climbs out of working-directory/m
    ],
    [
      'a destination climbing above /',
      { files: 'main.go:/../../etc/passwd' },
      /^::error::files: DEST in 'main\.go:\/\.\.\/\.\.\/etc\/passwd' climbs above \/ /m
    ],
    [
      'an env value with a newline',
      { env: 'GREETING=hello\nworld' },
      /^::error::env: 'world' is not KEY=VALUE\. Write one KEY=VALUE a line\.$/m
    ],
    [
      'a label without =',
      { labels: 'org.example.team' },
      /^::error::labels: 'org\.example\.team' is not KEY=VALUE\. Write one KEY=VALUE a line\.$/m
    ],
    [
      'build-flags with -o',
      { 'build-flags': '-v -o /tmp/elsewhere' },
      /^::error::build-flags: '-o' is set by the action or has its own input \(ldflags, build-tags, binary-name\); remove it from build-flags\.$/m
    ],
    [
      'ldflags with an unbalanced quote',
      { ldflags: "-X 'main.version=1.0 beta" },
      /^::error::ldflags: '-X 'main\.version=1\.0 beta' has an unterminated ' quote .*Quote a whole argument/m
    ],
    [
      'a working-directory that does not exist',
      { 'working-directory': 'services/nope' },
      /^::error::working-directory: \/.*\/services\/nope does not exist\. Set working-directory to the folder of the Go module/m
    ],
    [
      'a package that does not exist',
      { package: './cmd/nope' },
      /^::error::package: '\.\/cmd\/nope' does not exist in working-directory .*\. Set package to the main package's folder/m
    ],
    [
      'a .go file that does not exist',
      { package: 'nope.go' },
      /^::error::package: 'nope\.go' does not exist in working-directory/m
    ]
  ])(
    'refuses %s before installing Go, naming the input, and pushes nothing',
    async (_what, inputs, message) => {
      const log = await refused(inputs, message)
      expect(log).not.toContain('Install Go')
      expect(log).not.toContain('The cwd:')
    }
  )

  it('still refuses a destination over the binary once go list names it, and pushes nothing', async () => {
    const log = await refused(
      { files: 'main.go:/probe' },
      /^::error::files: \/probe \(from 'main\.go', line 'main\.go:\/probe'\) is \/probe, which the binary layer already puts in the image\. Choose another DEST, or another binary-name\.$/m
    )
    expect(log).toMatch(/^Build example\.com\/probe for linux\/amd64: done in/m)
  })
})

describe('zoneinfo', () => {
  it('with zoneinfo: Asia/Tokyo loads Tokyo and cannot load New York', async () => {
    const { image, layout } = await build('clock', { zoneinfo: 'Asia/Tokyo' })
    expect(await dockerRun(image, ['Asia/Tokyo', 'America/New_York'])).toBe(
      'Asia/Tokyo 2024-01-01T09:00:00+09:00 JST\n' +
        'America/New_York error: unknown time zone America/New_York\n' +
        'exit 1'
    )
    const zones = (await exportFs(image)).filter(e => e.path.startsWith('usr/share/zoneinfo/'))
    expect(zones.map(e => e.path)).toEqual([
      'usr/share/zoneinfo/Asia',
      'usr/share/zoneinfo/Asia/Tokyo'
    ])
    expect(layout).toBeTruthy()
  })

  it('with the default zoneinfo loads both, and links stay links', async () => {
    const { image } = await build('clock', {})
    expect(await dockerRun(image, ['Asia/Tokyo', 'America/New_York', 'US/Eastern'])).toBe(
      'Asia/Tokyo 2024-01-01T09:00:00+09:00 JST\n' +
        'America/New_York 2023-12-31T19:00:00-05:00 EST\n' +
        'US/Eastern 2023-12-31T19:00:00-05:00 EST\n' +
        'exit 0'
    )
    const fs = await exportFs(image)
    expect(fs.find(e => e.path === 'usr/share/zoneinfo/US/Eastern')?.type).toBe('symlink')
    expect(fs.some(e => e.path.startsWith('usr/share/zoneinfo/posix/'))).toBe(false)
    expect(fs.some(e => e.path.startsWith('usr/share/zoneinfo/right/'))).toBe(false)
  })
})

describe('certificates', () => {
  let dir: string
  let server: https.Server
  let url: string

  beforeAll(async () => {
    dir = await tempDir('gsi-ca-')
    const ssl = (args: string[]): Promise<unknown> =>
      promisify(execFile)('openssl', args, { cwd: dir })
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    await ssl(
      ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2'].concat([
        '-subj',
        '/CN=go-scratch-image test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE'
      ])
    )
    await ssl(['req', ...ec, '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1'])
    await writeFile(
      path.join(dir, 'ext'),
      'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n'
    )
    await ssl(
      ['x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key'].concat([
        '-CAcreateserial',
        '-out',
        'srv.pem',
        '-days',
        '2',
        '-extfile',
        'ext'
      ])
    )
    server = https.createServer(
      {
        key: await readFile(path.join(dir, 'srv.key')),
        cert: await readFile(path.join(dir, 'srv.pem'))
      },
      (_req, res) => res.end('ok')
    )
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}/`
  })

  afterAll(() => new Promise(resolve => server.close(resolve)))

  it('trusts a server signed by a test CA with extra-ca-certificates, and not without', async () => {
    const workdir = await copyFixture('clock', EXAMPLES)
    await writeFile(path.join(workdir, 'internal-ca.pem'), await readFile(path.join(dir, 'ca.pem')))
    const trusted = await build(
      'clock',
      { 'extra-ca-certificates': 'internal-ca.pem' },
      { workdir }
    )
    expect(trusted.run.log).toContain(`CA certificates: appended ${workdir}/internal-ca.pem`)
    expect(await dockerRun(trusted.image, ['-get', url], 'host')).toBe(`GET ${url} 200 OK\nexit 0`)

    const plain = await build('clock', {}, { workdir })
    expect(await dockerRun(plain.image, ['-get', url], 'host')).toMatch(
      /^GET .* error: .*x509: certificate signed by unknown authority.*\nexit 1$/
    )
  })

  it('refuses an extra CA file that holds no certificate', async () => {
    const workdir = await copyFixture('clock', EXAMPLES)
    await writeFile(path.join(workdir, 'key.pem'), await readFile(path.join(dir, 'ca.key')))
    const run = await runAction({ ...base, 'extra-ca-certificates': 'key.pem' }, { workdir })
    expect(run.stdout).toMatch(
      /^::error::extra-ca-certificates: .*key\.pem holds no PEM certificate/m
    )
    // The private key must not reach the log.
    expect(run.log).not.toContain('PRIVATE KEY')
  })
})

describe('users and image config', () => {
  it('runs as nonroot by default and as root when asked', async () => {
    const probe = await build(
      'probe',
      {},
      { from: path.join(EXAMPLES, '..', '__tests__', 'fixtures') }
    )
    const out = await dockerRun(probe.image, [])
    expect(out).toContain(
      'uid 65532 gid 65532\nuser nonroot /home/nonroot\nhome ok /home/nonroot/.cache/probe/x\n'
    )
    expect(out).toContain('tmp ok\n')
    const root = await build(
      'probe',
      { user: 'root' },
      { from: path.join(EXAMPLES, '..', '__tests__', 'fixtures') }
    )
    expect(await dockerRun(root.image, [])).toContain(
      'uid 0 gid 0\nuser root /root\nhome ok /root/.cache/probe/x\n'
    )
  })

  it('writes entrypoint, args, env, workdir, expose and labels, and OCI labels from the GitHub context', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567'
    // The event payload the runner writes: its repository object gives title, description and licenses.
    const event = path.join(await tempDir(), 'event.json')
    await writeFile(
      event,
      JSON.stringify({
        ref: 'refs/tags/v1.2.3',
        repository: {
          name: 'clock',
          full_name: 'acme/clock',
          description: 'Prints the time in any zone',
          license: { key: 'apache-2.0', spdx_id: 'Apache-2.0' }
        }
      })
    )
    const { image, layout } = await build(
      'clock',
      {
        entrypoint: '["/clock", "Asia/Tokyo"]',
        args: 'UTC',
        env: 'MODE=test',
        workdir: '/srv/data',
        expose: '8080, 53/udp',
        labels: 'org.example.team=core',
        'source-date-epoch': '1700000000'
      },
      {
        env: {
          GITHUB_REPOSITORY: 'acme/clock',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_SHA: sha,
          GITHUB_REF: 'refs/tags/v1.2.3',
          GITHUB_EVENT_PATH: event
        }
      }
    )
    expect(await dockerRun(image, [])).toBe(
      'Asia/Tokyo 2024-01-01T09:00:00+09:00 JST\nUTC 2024-01-01T00:00:00+00:00 UTC\nexit 0'
    )
    const config = JSON.parse(
      (await skopeo(['inspect', '--config', `oci:${layout}:it`])).stdout
    ) as { config: Record<string, unknown> }
    expect(config.config).toEqual({
      User: '65532:65532',
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      Env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
        'MODE=test'
      ],
      Entrypoint: ['/clock', 'Asia/Tokyo'],
      Cmd: ['UTC'],
      WorkingDir: '/srv/data',
      Labels: {
        'org.example.team': 'core',
        'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
        'org.opencontainers.image.revision': sha,
        'org.opencontainers.image.source': 'https://github.com/acme/clock',
        'org.opencontainers.image.version': '1.2.3',
        'org.opencontainers.image.title': 'clock',
        'org.opencontainers.image.description': 'Prints the time in any zone',
        'org.opencontainers.image.licenses': 'Apache-2.0'
      }
    })
    const manifest = JSON.parse(
      (await skopeo(['inspect', '--raw', `oci:${layout}:it`])).stdout
    ) as {
      annotations: Record<string, string>
    }
    expect(manifest.annotations['org.opencontainers.image.revision']).toBe(sha)
    expect(manifest.annotations['org.opencontainers.image.licenses']).toBe('Apache-2.0')
    expect(manifest.annotations).not.toHaveProperty('org.example.team')
    const wd = (await exportFs(image)).find(e => e.path === 'srv/data')
    expect(wd).toMatchObject({ type: 'directory', mode: '755', owner: '0:0' })
  })
})

describe('the Docker builder', () => {
  it('gives nonroot a writable home, a workdir inside it included, with both builders alike', async () => {
    const workdir = await copyFixture('probe', FIXTURES)
    const inputs = { workdir: '/home/nonroot/work', 'source-date-epoch': '1700000000' }
    const native = await build('probe', inputs, { workdir })
    const docker = await build('probe', { ...inputs, builder: 'docker' }, { workdir })
    expect(await readFile(docker.run.outputs.dockerfile!, 'utf8')).toContain(
      '\nCOPY system/ /\nCOPY --chown=65532:65532 home/home/nonroot/ /home/nonroot/\n'
    )

    const a = await exportFs(native.image)
    expect(await exportFs(docker.image)).toEqual(a)
    expect(a.filter(e => e.path.startsWith('home')).map(e => [e.path, e.mode, e.owner])).toEqual([
      ['home', '755', '0:0'],
      ['home/nonroot', '755', '65532:65532'],
      ['home/nonroot/work', '755', '65532:65532']
    ])
    expect(a.find(e => e.path === 'root')).toMatchObject({ mode: '700', owner: '0:0' })
    for (const image of [native.image, docker.image]) {
      const out = await dockerRun(image, [])
      expect([image, out]).toEqual([
        image,
        expect.stringContaining(
          'uid 65532 gid 65532\nuser nonroot /home/nonroot\nhome ok /home/nonroot/.cache/probe/x\n'
        )
      ])
      expect(out).toMatch(/\nexit 0$/)
    }
  })

  it('builds the written Dockerfile into the same filesystem and config as the native builder', async () => {
    const workdir = await copyFixture('fileserver', EXAMPLES)
    await writeFile(path.join(workdir, 'run.sh'), '#!/bin/sh\necho not for scratch\n', {
      mode: 0o4775
    })
    const inputs = {
      files: 'public:/public\nrun.sh:/bin/',
      zoneinfo: 'Asia/Tokyo, US/Eastern',
      workdir: '/public',
      env: 'GREETING=hello "world" $HOME',
      expose: '8080',
      labels: 'org.example.team=core',
      'source-date-epoch': '1700000000'
    }
    const native = await build('fileserver', inputs, { workdir })
    const docker = await build('fileserver', { ...inputs, builder: 'docker' }, { workdir })
    expect(docker.run.log).toContain('Build the Dockerfile with Docker')

    const a = await exportFs(native.image)
    const b = await exportFs(docker.image)
    expect(b).toEqual(a)
    // The facts the comparison rests on, so an empty export cannot pass.
    expect(a.find(e => e.path === 'bin/run.sh')).toMatchObject({ mode: '755', owner: '0:0' })
    expect(a.find(e => e.path === 'tmp')).toMatchObject({ mode: '1777', type: 'directory' })
    expect(a.find(e => e.path === 'usr/share/zoneinfo/US/Eastern')).toMatchObject({
      type: 'symlink',
      link: '../America/New_York'
    })
    expect(a.find(e => e.path === 'fileserver')).toMatchObject({ mode: '755' })

    const inspect = async (image: string): Promise<Record<string, unknown>> =>
      (
        JSON.parse((await sh('docker', ['image', 'inspect', image])).stdout) as {
          Config: Record<string, unknown>
        }[]
      )[0]!.Config
    const [ca, cb] = [await inspect(native.image), await inspect(docker.image)]
    for (const key of [
      'User',
      'Env',
      'Entrypoint',
      'Cmd',
      'WorkingDir',
      'ExposedPorts',
      'Labels'
    ]) {
      expect([key, cb[key]]).toEqual([key, ca[key]])
    }
    expect(docker.run.outputs['uncompressed-size']).toBe(native.run.outputs['uncompressed-size'])
    expect(docker.run.outputs['binary-size']).toBe(native.run.outputs['binary-size'])
  })
})
