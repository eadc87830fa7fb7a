// Checks an image before it is pushed, on its layers unpacked as a runtime unpacks them: the entrypoint, the user's home, /tmp, SSL_CERT_FILE and WORKDIR are what the program needs, and no layer took another's directory.
import path from 'node:path'
import { CA_BUNDLE_PATH } from '../rootfs/plan.js'
import { DEFAULT_PATH } from '../rootfs/settings.js'
import {
  describe,
  resolve,
  splitPath,
  type Node,
  type Problem,
  type Resolved,
  type Unpacked
} from './unpack.js'

/** What a runtime starts the process from, read from the image config (src/oci/image-check.ts). */
export interface RunConfig {
  user: string
  env: string[]
  argv: string[]
  workdir: string
}

export interface Finding extends Problem {
  fix: string
}

/** What to change, by the layer at fault: the inputs that fill it. */
const LAYER_FIX: Record<string, string> = {
  binary:
    'The binary takes the place of a path the image needs: set binary-name to another name (e.g. binary-name: app).',
  files: 'A files line takes the place of a path another layer needs: give it another DEST.'
}

/** The last KEY= wins, as in a runtime's environment. */
const envValue = (env: string[], key: string): string | undefined =>
  [...env]
    .reverse()
    .find(e => e.startsWith(`${key}=`))
    ?.slice(key.length + 1)

const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0')

/** Why a lookup did not find what it wanted, as the end of a sentence. */
function explain(u: Unpacked, r: Resolved): string {
  if (!r.ok)
    return r.why === 'loop' ? `${r.at} is a symlink loop` : `${r.at} is ${describe(u, r.node!)}`
  return r.node ? `${r.path} is ${describe(u, r.node)}` : `${r.path} does not exist`
}

/** The layer at fault when a lookup found the wrong thing: the one that put it there. */
const blame = (r: Resolved): number | undefined => r.node?.layer

interface User {
  uid: number
  gid: number
  /** The /etc/passwd line's name and home, when there is one. */
  entry?: { name: string; home: string }
}

function passwd(u: Unpacked): { name: string; uid: number; gid: number; home: string }[] {
  const r = resolve(u.root, ['etc', 'passwd'], { follow: true })
  const data = r.ok && r.node?.type === 'file' ? r.node.data : undefined
  return (data?.toString() ?? '').split('\n').flatMap(line => {
    const f = line.split(':')
    if (f.length < 6 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) return []
    return [{ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! }]
  })
}

/** The user as runc resolves it (libcontainer/user): a name through /etc/passwd, a number with or without a line. */
function runUser(u: Unpacked, spec: string, out: Finding[]): User | undefined {
  const [name = '', group] = (spec || '0').split(':')
  const users = passwd(u)
  const entry = /^\d+$/.test(name)
    ? users.find(p => p.uid === Number(name))
    : users.find(p => p.name === name)
  if (!entry && !/^\d+$/.test(name)) {
    out.push({
      path: '/etc/passwd',
      message: `The user ${name} is not in /etc/passwd, so a runtime refuses to start the container ("unable to find user ${name}").`,
      fix: 'Set user to a user of /etc/passwd (nonroot, root, nobody) or a numeric uid:gid.'
    })
    return undefined
  }
  const uid = entry?.uid ?? Number(name)
  const gid = group !== undefined && /^\d+$/.test(group) ? Number(group) : (entry?.gid ?? 0)
  return { uid, gid, entry }
}

/** execve's permission check: root needs any execute bit, others the bit of the class they fall in. */
function mayExecute(node: Node, user: User): boolean {
  if (user.uid === 0) return (node.mode & 0o111) !== 0
  if (node.uid === user.uid) return (node.mode & 0o100) !== 0
  if (node.gid === user.gid) return (node.mode & 0o010) !== 0
  return (node.mode & 0o001) !== 0
}

const ENTRYPOINT_FIX =
  'Point entrypoint at the binary (leave it empty for /<binary-name>), or give the program file an execute bit.'

function checkEntrypoint(u: Unpacked, run: RunConfig, user: User, out: Finding[]): void {
  const argv0 = run.argv[0]
  if (!argv0) {
    out.push({
      path: '/',
      message:
        'The image has neither an entrypoint nor a command, so a runtime has nothing to start.',
      fix: ENTRYPOINT_FIX
    })
    return
  }
  // runc runs exec.LookPath: a name with a slash as it is (from the working directory), else each PATH directory.
  const dirs = (envValue(run.env, 'PATH') ?? DEFAULT_PATH.slice('PATH='.length)).split(':')
  const candidates = argv0.includes('/')
    ? [path.posix.resolve('/', run.workdir, argv0)]
    : dirs.map(d => path.posix.resolve('/', run.workdir, d || '.', argv0))
  const looked = candidates.map(c => ({
    at: c,
    r: resolve(u.root, splitPath(c)!, { follow: true })
  }))
  const found = looked.find(
    ({ r }) => r.ok && r.node && r.node.type !== 'directory' && r.node.mode & 0o111
  )
  const subject = `The entrypoint ${argv0}`
  if (found) {
    const node = (found.r as { node: Node }).node
    if (node.type === 'file' && mayExecute(node, user)) return
    out.push({
      path: found.at,
      layer: node.layer,
      message:
        node.type === 'file'
          ? `${subject} is ${found.at}, mode ${octal(node.mode)}, owned by ${node.uid}:${node.gid}: user ${user.uid}:${user.gid} may not execute it.`
          : `${subject} is ${found.at}, which is ${describe(u, node)}, not a regular file.`,
      fix: ENTRYPOINT_FIX
    })
    return
  }
  const existing = looked.find(({ r }) => !r.ok || r.node) ?? looked[0]!
  const where = argv0.includes('/')
    ? `${subject} cannot be executed: ${explain(u, existing.r)}`
    : `${subject} is in no directory of PATH (${dirs.join(':')}) as an executable file` +
      (existing.r.ok && existing.r.node ? `: ${explain(u, existing.r)}` : '')
  out.push({
    path: existing.at,
    layer: blame(existing.r),
    message: `${where}.`,
    fix: ENTRYPOINT_FIX
  })
}

function checkHome(u: Unpacked, user: User, out: Finding[]): void {
  const home = user.entry?.home
  // Debian's convention (and distroless's nobody): /nonexistent means the user has no home.
  if (!home || home === '/nonexistent') return
  const r = resolve(u.root, splitPath(home) ?? [], { follow: true })
  const node = r.ok ? r.node : undefined
  if (node?.type === 'directory' && node.uid === user.uid) return
  const whose = `The home of user ${user.uid} (${user.entry!.name} in /etc/passwd), ${home},`
  out.push({
    path: home,
    layer: blame(r),
    message:
      node?.type === 'directory'
        ? `${whose} is owned by ${node.uid}:${node.gid}, so the program cannot write there.`
        : `${whose} must be a directory that user owns, but ${explain(u, r)}.`,
    fix: 'Use a user whose home the image holds (user: nonroot, the default, owns /home/nonroot).'
  })
}

/** /tmp, SSL_CERT_FILE and WORKDIR: each a path that must be one type of thing. */
function checkPaths(u: Unpacked, run: RunConfig, out: Finding[]): void {
  const want = (
    at: string,
    type: 'directory' | 'file',
    what: string,
    fix: string
  ): Node | undefined => {
    const r = resolve(u.root, splitPath(at) ?? [], { follow: true })
    if (r.ok && r.node?.type === type) return r.node
    out.push({
      path: at,
      layer: blame(r),
      message: `${what} must be a ${type}, but ${explain(u, r)}.`,
      fix
    })
    return undefined
  }
  const tmp = want('/tmp', 'directory', '/tmp', 'Leave /tmp to the system layer.')
  if (tmp && (tmp.mode & 0o7777) !== 0o1777)
    out.push({
      path: '/tmp',
      layer: tmp.layer,
      message: `/tmp has mode ${octal(tmp.mode)} (${describe(u, tmp)}); programs need 1777, where anyone may create files and only their owner delete them.`,
      fix: 'Leave /tmp to the system layer.'
    })
  const cert = envValue(run.env, 'SSL_CERT_FILE')
  if (cert)
    want(
      path.posix.resolve('/', run.workdir, cert),
      'file',
      `SSL_CERT_FILE (${cert})`,
      `Point SSL_CERT_FILE in env at a file of the image (the CA bundle is /${CA_BUNDLE_PATH}), or leave it unset.`
    )
  const fix = 'Set workdir to a directory the image holds (e.g. /, the default).'
  if (!run.workdir.startsWith('/'))
    out.push({
      path: run.workdir,
      message: `WORKDIR ${run.workdir} is not absolute, which runc refuses.`,
      fix
    })
  else want(run.workdir, 'directory', `WORKDIR ${run.workdir}`, fix)
}

/** Every way the unpacked image would break its program, with the fix for each. */
export function checkUnpacked(u: Unpacked, run: RunConfig): Finding[] {
  const out: Finding[] = u.problems.map(p => ({
    ...p,
    fix: 'Report this: a layer the action wrote would not unpack.'
  }))
  const user = runUser(u, run.user, out)
  if (user) {
    checkEntrypoint(u, run, user, out)
    checkHome(u, user, out)
  }
  checkPaths(u, run, out)
  // A path a layer broke is that layer's input to fix, whichever rule noticed.
  return out.map(f => ({ ...f, fix: LAYER_FIX[u.layers[f.layer ?? -1] ?? ''] ?? f.fix }))
}
