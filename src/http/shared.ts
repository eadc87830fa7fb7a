// The process's one HTTP transport for the clients whose callers pass none yet (the PR comment's Octokit): the edge installs its own, made with registry-timeout.
import { DEFAULT_TIMEOUT_MS, httpTransport, type HttpFetch } from './transport.js'

let shared: HttpFetch | undefined

/** The transport the edge installed, else one with the default registry-timeout (the comment-from path). */
export function sharedFetch(): HttpFetch {
  shared ??= httpTransport({ timeoutMs: DEFAULT_TIMEOUT_MS })
  return shared
}

/** Makes fetch the process's shared transport: called once by the edge, which built it from the inputs. */
export function useSharedFetch(fetch: HttpFetch): void {
  shared = fetch
}
