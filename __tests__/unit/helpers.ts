// Shared fakes for the unit tests: a recording logger, a scripted fetch, a tar reader, temp dirs, a plain /app image
// and one-file Go programs built with the Go on PATH.
import { afterAll, expect } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { buildImage, type BuiltImage } from '../../src/oci/image.js'
import type { Fetch, Logger } from '../../src/ports.js'
import {
  file,
  orderLayers,
  systemLayer,
  withParents,
  type FilePlan,
  type ImageSettings,
  type Layer
} from '../../src/rootfs/plan.js'

export interface RecordingLogger extends Logger {
  /** Every line, whatever its level. */
  lines: string[]
  /** The info lines alone, and the warnings alone, so a warning can be told from an info line. */
  infos: string[]
  warnings: string[]
  masked: string[]
}

/** A logger that keeps what it was told, so tests can check what reaches the log. */
export function fakeLogger(): RecordingLogger {
  const lines: string[] = []
  const infos: string[] = []
  const warnings: string[] = []
  const masked: string[] = []
  return {
    lines,
    infos,
    warnings,
    masked,
    info: m => void (lines.push(m), infos.push(m)),
    warning: m => void (lines.push(m), warnings.push(m)),
    debug: m => void lines.push(m),
    group: (_n, fn) => fn(),
    mask: s => void masked.push(s)
  }
}

/** A logger that keeps each line with its level, for tests that tell warnings from notices. */
export function leveledLogger(): Logger & { lines: { level: string; text: string }[] } {
  const lines: { level: string; text: string }[] = []
  return {
    lines,
    info: m => void lines.push({ level: 'info', text: m }),
    warning: m => void lines.push({ level: 'warning', text: m }),
    debug: m => void lines.push({ level: 'debug', text: m }),
    group: (_n, fn) => fn(),
    mask: () => undefined
  }
}

export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: Buffer
}

/** One scripted answer: a Response, an Error to throw (a dropped connection), or a function of the request. */
export type Reply = Response | Error | ((req: RecordedRequest) => Response)

/**
 * A fetch that records every request and answers from a script, in order. It fails the test (by throwing a
 * distinctive error) when the client sends more requests than the script has answers.
 */
export function fakeFetch(script: Reply[]): { fetch: Fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const queue = [...script]
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url =
      typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url
    const headers: Record<string, string> = {}
    for (const [k, v] of new Headers(init?.headers).entries()) headers[k] = v
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      url,
      headers,
      body:
        init?.body === undefined || init.body === null
          ? undefined
          : Buffer.from(init.body as Buffer)
    }
    requests.push(req)
    const next = queue.shift()
    if (next === undefined) throw new Error(`fakeFetch: unexpected request ${req.method} ${url}`)
    if (next instanceof Error) throw next
    return typeof next === 'function' ? next(req) : next
  }
  return { fetch: fetch as Fetch, requests }
}

/** A response with an optional body and headers. */
export function reply(
  status: number,
  headers: Record<string, string> = {},
  body?: string
): Response {
  return new Response(body ?? null, { status, headers })
}

export { readTar, type TarEntry } from '../../src/oci/tar.js'

/** A fresh temp directory and its cleanup. */
export async function tempDir(
  prefix = 'gsi-unit-'
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Runs fn with a fresh temp dir, removed after it whatever fn does; returns what fn returns. */
export async function withTempDir<T>(
  fn: (dir: string) => Promise<T>,
  prefix = 'gsi-unit-'
): Promise<T> {
  const { dir, cleanup } = await tempDir(prefix)
  try {
    return await fn(dir)
  } finally {
    await cleanup()
  }
}

/** The error fn throws, checked to be a kind: the test fails when fn returns or throws another. */
export function thrownBy<E extends Error>(fn: () => unknown, kind: new (...args: never[]) => E): E {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  expect(thrown).toBeInstanceOf(kind)
  return thrown as E
}

/** The error p rejects with, checked to be a kind: the test fails when p resolves or rejects with another. */
export async function rejectionOf<E extends Error>(
  p: Promise<unknown>,
  kind: new (...args: never[]) => E
): Promise<E> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(kind)
  return e as E
}

/** The image config of a plain /app image; tests override what they look at. */
export function imageSettings(overrides: Partial<ImageSettings> = {}): ImageSettings {
  return {
    user: '65532:65532',
    workdir: '/',
    env: [],
    entrypoint: ['/app'],
    cmd: [],
    exposedPorts: [],
    labels: {},
    annotations: {},
    ...overrides
  }
}

/** The plan of a plain image: the system layer and the binary as /app (mode 755), in the action's layer order. */
export function appPlan(binary: Buffer, settings: ImageSettings = imageSettings()): FilePlan {
  const app: Layer = {
    name: 'binary',
    entries: withParents([file('app', binary, binary.length, 0o755)])
  }
  return { layers: orderLayers([systemLayer(), app]), image: settings }
}

/** appPlan built for linux/amd64 at epoch 0: the same binary bytes give the same digest (a rebuild). */
export async function appImage(binary: Buffer): Promise<BuiltImage> {
  return buildImage(appPlan(binary), { os: 'linux', architecture: 'amd64' }, 0)
}

const goDirs: string[] = []

// Each test file has its own instance of this module, so this runs once at the end of each file.
afterAll(async () => {
  await Promise.all(goDirs.splice(0).map(d => rm(d, { recursive: true, force: true })))
})

/** A temp dir holding source as main.go, for goBuild; removed when the test file ends. */
export async function goMainDir(prefix: string, source: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  goDirs.push(dir)
  await writeFile(path.join(dir, 'main.go'), source)
  return dir
}

/**
 * Builds one .go file of dir (main.go unless told) with the Go on PATH, -trimpath and ldflags, in GOPATH mode (no
 * go.mod needed), into dir/out; returns the binary.
 */
export async function goBuild(
  dir: string,
  out: string,
  ldflags: string,
  o: { file?: string; cgo?: boolean } = {}
): Promise<Buffer> {
  const env = { ...process.env, CGO_ENABLED: o.cgo ? '1' : '0', GO111MODULE: 'off', GOFLAGS: '' }
  const args = ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', out, o.file ?? 'main.go']
  await promisify(execFile)('go', args, { cwd: dir, env })
  return readFile(path.join(dir, out))
}
