// Makes the registry clients tests talk through: a repository over a fetch (scripted, in memory, or the real transport), a recording logger and recorded waits, and the fake clock and silences of the time-limit tests.
import { setTimeout as delay } from 'node:timers/promises'
import { SilenceError } from '../src/http/errors.js'
import type { Fetch } from '../src/ports.js'
import { RegistryClient, type ClientOptions } from '../src/registry/client.js'
import { parseImage } from '../src/registry/reference.js'
import { fakeFetch, fakeLogger, type RecordingLogger, type Reply } from './unit/helpers.js'

export interface TestClient {
  client: RegistryClient
  logger: RecordingLogger
  /** Every wait the client asked for between attempts, in ms. */
  sleeps: number[]
}

export type TestClientOptions = Omit<Partial<ClientOptions>, 'logger'> & { fetch: Fetch }

/**
 * A client of `image` (host/repository) over o.fetch, with a recording logger. baseUrl defaults to http://host.
 * Waits are recorded in sleeps, then waited with o.sleep (a fake clock's, noWait), else for real as the action
 * does.
 */
export function registryClient(image: string, o: TestClientOptions): TestClient {
  const ref = parseImage(image)
  const logger = fakeLogger()
  const sleeps: number[] = []
  const wait = o.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }))
  const client = new RegistryClient(ref, {
    baseUrl: `http://${ref.registry}`,
    ...o,
    logger,
    sleep: async (ms, signal) => {
      sleeps.push(ms)
      await wait(ms, signal)
    }
  })
  return { client, logger, sleeps }
}

/** A wait that returns at once, for clients whose retries a test counts rather than times. */
export const noWait = async (): Promise<void> => undefined

/** The repository most unit tests push to, and its registry's base URL. */
export const IMAGE = 'localhost:5000/acme/app'
export const BASE = 'http://localhost:5000'

/**
 * A client of IMAGE (unless o.image says otherwise) answered by a script (see fakeFetch), with the most jitter
 * the backoff allows (so waits are the plain exponential ones) and no real waits.
 */
export function scriptedClient(
  script: Reply[],
  o: Omit<Partial<ClientOptions>, 'logger' | 'fetch'> & { image?: string } = {}
): TestClient & { requests: ReturnType<typeof fakeFetch>['requests'] } {
  const { image = IMAGE, ...options } = o
  const f = fakeFetch(script)
  const made = registryClient(image, { random: () => 1, sleep: noWait, ...options, fetch: f.fetch })
  return { ...made, requests: f.requests }
}

/** The requests as `METHOD URL` lines. */
export const calls = (requests: { method: string; url: string }[]): string[] =>
  requests.map(r => `${r.method} ${r.url}`)

/** A clock that moves only when told: by the fake transport's silences and by the client's waits. */
export function fakeClock() {
  let t = 0
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: async (ms: number) => void (t += ms)
  }
}

export type FakeClock = ReturnType<typeof fakeClock>

/** What the transport does with a registry that accepts connections and never answers: fail after the limit. */
export const silence = (clock: FakeClock, ms: number) => (): Response => {
  clock.advance(ms)
  throw new SilenceError('answer', ms)
}
