// Provenance's requests on the HTTP layer: the predicate from the verified job claims (against the emulated Actions
// OIDC service and issuer of __tests__/sigstore-services.ts), and the OIDC token service, Fulcio and GitHub's
// attestations API each standing for a host that accepts connections and never answers
// (__tests__/silent-server.ts): every one ends within its bound, naming the service, the limit and the fix.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { actionsIdentity } from '../../src/attest/oidc.js'
import { defaultIssuer, slsaPredicate } from '../../src/attest/predicate.js'
import { signImage } from '../../src/attest/provenance.js'
import { statement, signStatement } from '../../src/attest/sign.js'
import { rekorWitness } from '../../src/attest/sigstore-clients.js'
import { storeAttestation } from '../../src/attest/store.js'
import { httpTransport, type HttpFetch } from '../../src/http/transport.js'
import { DEFAULT_CLAIMS, sigstoreServicesForFile } from '../sigstore-services.js'
import { startSilentServer, type SilentServer } from '../silent-server.js'
import { fakeFetch, fakeLogger, reply } from './helpers.js'

const svc = sigstoreServicesForFile()
let silent: SilentServer
/** The transport with a 0.2 s registry-timeout: each service's budget is 2.5 of it, 0.5 s. */
let transport: HttpFetch

beforeAll(async () => {
  silent = await startSilentServer()
  transport = httpTransport({ timeoutMs: 200 })
})

afterAll(async () => {
  await transport.close()
  await silent.close()
})

const SILENCE = 'within 0\\.2 s \\(registry-timeout\\); gave up after \\d attempts? in [\\d.]+ s'

describe('the SLSA predicate', () => {
  it('is built from the claims of a token the issuer’s keys verify, as @actions/attest builds it', async () => {
    const { type, params } = await slsaPredicate({
      env: svc.env(),
      fetch: transport,
      logger: fakeLogger(),
      issuer: svc.issuer
    })
    const { repository: repo, ref, sha, workflowPath, runId } = DEFAULT_CLAIMS
    const server = 'https://github.com'
    expect(type).toBe('https://slsa.dev/provenance/v1')
    expect(params).toEqual({
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: { ref, repository: `${server}/${repo}`, path: workflowPath }
        },
        internalParameters: {
          github: {
            event_name: 'push',
            repository_id: '123456',
            repository_owner_id: '654321',
            runner_environment: 'github-hosted'
          }
        },
        resolvedDependencies: [{ uri: `git+${server}/${repo}@${ref}`, digest: { gitCommit: sha } }]
      },
      runDetails: {
        builder: { id: `${server}/${repo}/${workflowPath}@${ref}` },
        metadata: { invocationId: `${server}/${repo}/actions/runs/${runId}/attempts/1` }
      }
    })
    // The claims token came from the Actions token service, through the layer.
    expect(svc.requests.some(r => r.path.startsWith('/oidc/token'))).toBe(true)
  })

  it('refuses a token that another issuer signed', async () => {
    await expect(
      slsaPredicate({
        env: svc.env(),
        fetch: transport,
        logger: fakeLogger(),
        issuer: `${svc.base}/no-such-issuer`
      })
    ).rejects.toThrow(/^Failed to get ID token: /)
  })

  it('uses GitHub’s issuer for github.com and a GHE.com tenant’s for theirs', () => {
    expect(defaultIssuer()).toBe('https://token.actions.githubusercontent.com')
    expect(defaultIssuer('https://acme.ghe.com')).toBe('https://token.actions.acme.ghe.com')
    expect(() => defaultIssuer('https://evil.example')).toThrow('Invalid server URL')
  })
})

describe('services that never answer', () => {
  it('the OIDC token service: names it, the limit and what to do', async () => {
    const identity = actionsIdentity(
      {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${silent.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r'
      },
      transport,
      fakeLogger()
    )
    const err = (await identity.getToken().catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(
      new RegExp(
        `^the Actions OIDC token service \\(${silent.host}\\) did not answer GET /token ${SILENCE}\\. It is ` +
          "GitHub's service, not this step's: re-run the job, raise registry-timeout if it is only slow, or use " +
          'provenance: auto to push without signed provenance while it is down\\.$'
      )
    )
  })

  it('Fulcio: the signature fails naming it and the limit', async () => {
    const err = (await signStatement(statement([], 'https://example.com/p', {}), {
      endpoints: { fulcioURL: `${silent.url}/fulcio`, rekorURL: svc.rekorURL },
      identity: actionsIdentity(svc.env(), transport, fakeLogger()),
      fetch: transport
    }).catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(
      new RegExp(
        `^signing failed: Fulcio \\(${silent.host}\\) did not answer POST /fulcio/api/v2/signingCert ${SILENCE}$`
      )
    )
  })

  it('the OIDC service under signImage: the predicate’s token request is bounded too', async () => {
    const env = {
      ...svc.env(),
      ACTIONS_ID_TOKEN_REQUEST_URL: `${silent.url}/token?api-version=2.0`
    }
    const digest = `sha256:${'a'.repeat(64)}`
    const top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1 }
    const err = (await signImage({
      name: '127.0.0.1:5000/acme/app',
      top,
      manifests: [top],
      sboms: [],
      endpoints: svc.endpoints,
      identity: actionsIdentity(env, transport, fakeLogger()),
      env,
      fetch: transport,
      logger: fakeLogger()
    }).catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(
      new RegExp(
        `^Failed to get ID token: the Actions OIDC token service \\(${silent.host}\\) did not answer`
      )
    )
  })

  it('GitHub’s attestations API: names it and the limit', async () => {
    const err = (await storeAttestation(
      {},
      { fetch: transport, apiUrl: silent.url, repository: 'acme/app', token: 't' }
    ).catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(
      new RegExp(
        `^storing the attestation with GitHub failed: GitHub's attestations API \\(${silent.host}\\) did not ` +
          `answer POST /repos/acme/app/attestations ${SILENCE}\\.$`
      )
    )
  })
})

describe('the Rekor witness', () => {
  it('takes the entry that is already in the log on 409, from its Location (fetchOnConflict)', async () => {
    const body = Buffer.from(JSON.stringify({ kind: 'dsse', apiVersion: '0.0.1' })).toString(
      'base64'
    )
    const entry = { body, integratedTime: 1700000000, logID: 'ab'.repeat(32), logIndex: 42 }
    const { fetch, requests } = fakeFetch([
      reply(
        409,
        { location: '/api/v1/log/entries/24296fb2', 'content-type': 'application/json' },
        '{"code":409,"message":"an equivalent entry already exists"}'
      ),
      reply(200, { 'content-type': 'application/json' }, JSON.stringify({ '24296fb2': entry }))
    ])
    const envelope = {
      payload: Buffer.from('{}'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ keyid: '', sig: Buffer.from('sig') }]
    }
    const material = await rekorWitness({ fetch, rekorURL: 'https://rekor.example' }).testify(
      { $case: 'dsseEnvelope', dsseEnvelope: envelope },
      '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n'
    )
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST https://rekor.example/api/v1/log/entries',
      'GET https://rekor.example/api/v1/log/entries/24296fb2'
    ])
    // The proposal is Rekor's dsse v0.0.1 type: the envelope as JSON, the certificate as the verifier.
    const proposed = JSON.parse(requests[0]!.body!.toString()) as {
      kind: string
      spec: { proposedContent: { envelope: string; verifiers: string[] } }
    }
    expect(proposed.kind).toBe('dsse')
    expect(JSON.parse(proposed.spec.proposedContent.envelope)).toEqual({
      payload: Buffer.from('{}').toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      // @sigstore/bundle's envelopeToJSON, as @sigstore/sign's own entry uses it: an empty keyid is left out.
      signatures: [{ sig: Buffer.from('sig').toString('base64') }]
    })
    expect(material.tlogEntries).toEqual([
      {
        logIndex: '42',
        logId: { keyId: Buffer.from('ab'.repeat(32), 'hex') },
        integratedTime: '1700000000',
        kindVersion: { kind: 'dsse', version: '0.0.1' },
        inclusionPromise: undefined,
        inclusionProof: undefined,
        canonicalizedBody: Buffer.from(body, 'base64')
      }
    ])
  })

  it('names Rekor and its answer when it refuses the entry', async () => {
    const { fetch } = fakeFetch([
      reply(
        400,
        { 'content-type': 'application/json' },
        '{"code":400,"message":"invalid signature"}'
      )
    ])
    await expect(
      rekorWitness({ fetch, rekorURL: 'https://rekor.example' }).testify(
        {
          $case: 'dsseEnvelope',
          dsseEnvelope: {
            payload: Buffer.from('{}'),
            payloadType: 't',
            signatures: [{ keyid: '', sig: Buffer.from('s') }]
          }
        },
        'cert'
      )
    ).rejects.toThrow('Rekor answered HTTP 400 to POST /api/v1/log/entries: invalid signature')
  })
})
