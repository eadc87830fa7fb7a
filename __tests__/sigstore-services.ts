// Local stand-ins, on 127.0.0.1, for the services a keyless signature in GitHub Actions talks to, started for a test file (sigstoreServicesForFile) or by hand, and a verifier that checks bundles the way `gh attestation verify` does, against the stand-ins' trust material (sigstore-trust.ts).
//
// One real HTTP server (not nock: the real clients, @sigstore/sign's make-fetch-happen, @actions/core's
// HttpClient and the action's own fetch, reach it over TCP) answers as each service documents:
// - Fulcio (/fulcio): POST /api/v2/signingCert with the OIDC token and a public key -> 201 and a certificate
//   chain; @sigstore/mock's handler, which binds the token's claims to the certificate's extensions.
// - Rekor (/rekor): POST /api/v1/log/entries -> 201 and the log entry with its signed entry timestamp
//   (@sigstore/mock's log; the public-good instance). A proposed `dsse` entry is first turned into the body
//   Rekor stores for it (its dsse v0.0.1 type: envelopeHash, payloadHash, signatures with their verifiers), as
//   the real service does; the mock would log the proposal as it came, which no verifier accepts.
// - The TSA (/tsa): POST /api/v1/timestamp -> an RFC 3161 timestamp (@sigstore/mock; GitHub's instance).
// - The Actions OIDC token service (/oidc/token): GET ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD with
//   `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN` -> 200 {"value": JWT} (docs.github.com, "Configuring
//   OpenID Connect in cloud providers": the runtime's token request); a wrong bearer -> 401.
// - The token issuer (/issuer): GET /.well-known/openid-configuration -> {"issuer", "jwks_uri"}, GET
//   jwks_uri -> the JWKS that signs the tokens (OpenID Connect Discovery 1.0), as token.actions.githubusercontent.com.
// - GitHub's attestations API (/api): POST /repos/{owner}/{repo}/attestations with {"bundle": ...} and a Bearer
//   token -> 201 {"id": N} (docs.github.com/rest/repos/repos#create-an-attestation); `refuse` makes it answer
//   403 {"message": "Resource not accessible by integration"}, as for a token without attestations: write.
import { afterAll, beforeAll } from '@jest/globals'
import type { SerializedBundle } from '@sigstore/bundle'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler
} from '@sigstore/mock'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { createHash, generateKeyPairSync, type KeyPairKeyObjectResult } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as jose from 'jose'
import { TEST_ENDPOINTS_ENV, type SigstoreEndpoints } from '../src/attest/endpoints.js'
import { mockTrustRoot } from './sigstore-trust.js'

export { verifyAttestation, type Verified } from './sigstore-trust.js'

export interface Recorded {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** The claims of the Actions OIDC token (docs.github.com, "About security hardening with OpenID Connect"). */
export interface JobClaims {
  repository: string
  ref: string
  sha: string
  workflowPath: string
  runId: string
}

export interface SigstoreServices {
  base: string
  fulcioURL: string
  rekorURL: string
  tsaServerURL: string
  issuer: string
  /** ACTIONS_ID_TOKEN_REQUEST_URL, with the query the runner's URL has (core.getIDToken appends &audience=). */
  tokenURL: string
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string
  /** GITHUB_API_URL. */
  apiURL: string
  /** Every token minted, so tests can check none reached a log. */
  tokens: string[]
  requests: Recorded[]
  /** Bundles POSTed to the attestations API, by id. */
  stored: Map<string, { repository: string; bundle: SerializedBundle }>
  /** Makes the attestations API refuse (403), as for a job without attestations: write. */
  refuse: boolean
  trustedRoot: TrustedRoot
  /** The public-good layout (Fulcio and Rekor) on these services, with this issuer's keys for the job's token. */
  endpoints: SigstoreEndpoints
  /** Environment of a job that may mint tokens here (the runner's variables). */
  env(): Record<string, string>
  /**
   * The environment of a bundled action's run that signs here: env(), the test-only pointer at endpoints
   * (TEST_ENDPOINTS_ENV), and over.
   */
  actionEnv(over?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

export const DEFAULT_CLAIMS: JobClaims = {
  repository: 'acme/app',
  ref: 'refs/tags/v1.2.3',
  sha: '6f0ee4d2b3a1c5e7f9081726354a5b6c7d8e9f01',
  workflowPath: '.github/workflows/release.yml',
  runId: '4242'
}

function claimsFor(c: JobClaims, issuer: string, audience: string): jose.JWTPayload {
  const owner = c.repository.split('/')[0]!
  const workflowRef = `${c.repository}/${c.workflowPath}@${c.ref}`
  return {
    iss: issuer,
    aud: audience,
    sub: `repo:${c.repository}:ref:${c.ref}`,
    ref: c.ref,
    sha: c.sha,
    repository: c.repository,
    repository_owner: owner,
    repository_id: '123456',
    repository_owner_id: '654321',
    repository_visibility: 'public',
    event_name: 'push',
    workflow: 'release',
    workflow_ref: workflowRef,
    workflow_sha: c.sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: c.sha,
    runner_environment: 'github-hosted',
    run_id: c.runId,
    run_number: '7',
    run_attempt: '1'
  }
}

const sha256hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')

/** The entry Rekor's dsse v0.0.1 type stores for a proposed one (rekor/pkg/types/dsse/v0.0.1); others unchanged. */
function rekorCanonical(request: string): string {
  const proposed = JSON.parse(request) as {
    kind: string
    apiVersion: string
    spec: { proposedContent?: { envelope: string; verifiers: string[] } }
  }
  if (proposed.kind !== 'dsse' || !proposed.spec.proposedContent) return request
  const { envelope, verifiers } = proposed.spec.proposedContent
  const env = JSON.parse(envelope) as { payload: string; signatures: { sig: string }[] }
  return JSON.stringify({
    kind: 'dsse',
    apiVersion: '0.0.1',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256hex(envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256hex(Buffer.from(env.payload, 'base64')) },
      signatures: env.signatures.map(s => ({ signature: s.sig, verifier: verifiers[0] }))
    }
  })
}

async function body(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

const ecKeys = (): KeyPairKeyObjectResult => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })

export async function startSigstoreServices(
  claims: JobClaims = DEFAULT_CLAIMS
): Promise<SigstoreServices> {
  const server = http.createServer()
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const issuer = `${base}/issuer`
  const rekorURL = `${base}/rekor`

  const caKeys = ecKeys()
  const ctlog = await initializeCTLog(caKeys)
  const ca = await initializeCA(caKeys, ctlog)
  const tlogKeys = ecKeys()
  const tlog = await initializeTLog(rekorURL, tlogKeys)
  const tsa = await initializeTSA(ecKeys())
  // Whole seconds: the mock's pkijs writes genTime's milliseconds the DER way, trailing zeros dropped (.12Z), which
  // @sigstore/core's parser (three digits or none) refuses, so about one timestamp in eleven failed to verify.
  ;(tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () =>
    new Date(Math.floor(Date.now() / 1000) * 1000)
  const rekor = rekorHandler(tlog)
  const routes = new Map([
    [`/fulcio${fulcioHandler(ca).path}`, fulcioHandler(ca).fn],
    [`/rekor${rekor.path}`, (b: string) => rekor.fn(rekorCanonical(b))],
    [`/tsa${tsaHandler(tsa).path}`, tsaHandler(tsa).fn]
  ])

  const jwtKeys = await jose.generateKeyPair('ES256')
  const jwk = {
    ...(await jose.exportJWK(jwtKeys.publicKey)),
    kid: 'test',
    alg: 'ES256',
    use: 'sig'
  }
  const requestToken = `request-token-${Math.random().toString(36).slice(2)}`
  let nextId = 1

  const state: SigstoreServices = {
    base,
    fulcioURL: `${base}/fulcio`,
    rekorURL,
    tsaServerURL: `${base}/tsa`,
    issuer,
    tokenURL: `${base}/oidc/token?api-version=2.0`,
    requestToken,
    apiURL: `${base}/api`,
    tokens: [],
    requests: [],
    stored: new Map(),
    refuse: false,
    trustedRoot: mockTrustRoot(base, { ca, ctlog, tlog, tsa }),
    endpoints: { fulcioURL: `${base}/fulcio`, rekorURL, oidcIssuer: issuer },
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: state.tokenURL,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      GITHUB_API_URL: state.apiURL,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: claims.repository,
      GITHUB_SHA: claims.sha,
      GITHUB_REF: claims.ref
    }),
    actionEnv: (over = {}) => ({
      ...state.env(),
      [TEST_ENDPOINTS_ENV]: JSON.stringify(state.endpoints),
      ...over
    }),
    close: () => new Promise(r => server.close(() => r()))
  }

  const send = (
    res: http.ServerResponse,
    status: number,
    value: unknown,
    type = 'application/json'
  ): void => {
    res.writeHead(status, { 'content-type': type })
    res.end(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value))
  }

  server.on('request', (req, res) => {
    void (async () => {
      const raw = await body(req)
      const url = new URL(req.url ?? '/', base)
      state.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body: raw.toString()
      })
      const handler = req.method === 'POST' ? routes.get(url.pathname) : undefined
      if (handler) {
        const r = await handler(raw.toString())
        return send(
          res,
          r.statusCode,
          Buffer.from(r.response as Uint8Array | string),
          r.contentType ?? 'text/plain'
        )
      }
      if (req.method === 'GET' && url.pathname === '/oidc/token') {
        if (req.headers.authorization !== `Bearer ${requestToken}`)
          return send(res, 401, { message: 'Unauthorized' })
        const audience = url.searchParams.get('audience') ?? 'https://github.com/acme'
        const now = Math.floor(Date.now() / 1000)
        const jwt = await new jose.SignJWT(claimsFor(claims, issuer, audience))
          .setProtectedHeader({ alg: 'ES256', kid: 'test', typ: 'JWT' })
          .setIssuedAt(now)
          .setNotBefore(now - 5)
          .setExpirationTime(now + 300)
          .sign(jwtKeys.privateKey)
        state.tokens.push(jwt)
        return send(res, 200, { count: 1, value: jwt })
      }
      if (req.method === 'GET' && url.pathname === '/issuer/.well-known/openid-configuration') {
        return send(res, 200, { issuer, jwks_uri: `${issuer}/jwks` })
      }
      if (req.method === 'GET' && url.pathname === '/issuer/jwks')
        return send(res, 200, { keys: [jwk] })
      const m = /^\/api\/repos\/([^/]+\/[^/]+)\/attestations$/.exec(url.pathname)
      if (req.method === 'POST' && m) {
        if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
          return send(res, 401, { message: 'Requires authentication' })
        if (state.refuse)
          return send(res, 403, { message: 'Resource not accessible by integration' })
        const parsed = JSON.parse(raw.toString()) as { bundle?: SerializedBundle }
        if (!parsed.bundle)
          return send(res, 422, { message: 'Invalid request: bundle is required' })
        const id = String(nextId++)
        state.stored.set(id, { repository: m[1]!, bundle: parsed.bundle })
        return send(res, 201, { id: Number(id) })
      }
      send(res, 404, { message: 'Not Found' })
    })().catch(e => send(res, 500, { message: String(e) }))
  })
  return state
}

/**
 * The services for the test file that calls this at its top level: started before its tests, closed after them,
 * and read through the returned object meanwhile (it forwards to the started services, refuse included). With
 * processEnv, the job's variables (env()) are in process.env meanwhile too, for code that reads the runner's
 * variables there (signImage's predicate, unless given env).
 */
export function sigstoreServicesForFile(o: { processEnv?: boolean } = {}): SigstoreServices {
  let started: SigstoreServices | undefined
  const saved = { ...process.env }
  beforeAll(async () => {
    started = await startSigstoreServices()
    if (o.processEnv) Object.assign(process.env, started.env())
  })
  afterAll(async () => {
    if (o.processEnv) process.env = saved
    await started?.close()
  })
  const running = (): SigstoreServices => {
    if (!started) throw new Error('the Sigstore services are used before beforeAll started them')
    return started
  }
  return new Proxy({} as SigstoreServices, {
    get: (_, key) => Reflect.get(running(), key),
    set: (_, key, value) => Reflect.set(running(), key, value)
  })
}
