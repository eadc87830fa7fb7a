// Signed SLSA provenance and SBOM attestations: signed by the real @sigstore/sign against @sigstore/mock's Fulcio, Rekor and TSA on a local HTTP server, with a token from an emulated Actions OIDC service, verified by @sigstore/verify against the mock's trust material, and stored through a local GitHub attestations API (see __tests__/sigstore-services.ts for what each server stands for).
import { beforeAll, describe, expect, it } from '@jest/globals'
import type { SerializedBundle } from '@sigstore/bundle'
import { parseProvenance, provenanceOn } from '../../src/attest/config.js'
import { signingEndpoints, type SigstoreEndpoints } from '../../src/attest/endpoints.js'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/ports.js'
import { actionsIdentity, canMintIdToken } from '../../src/attest/oidc.js'
import {
  attachmentsFor,
  BUNDLE_MEDIA_TYPE,
  SBOM_PREDICATE_TYPES,
  signImage,
  SLSA_PROVENANCE_V1,
  type SignedImage
} from '../../src/attest/provenance.js'
import { AttestationRefused, storeAttestation } from '../../src/attest/store.js'
import type { Descriptor } from '../../src/registry/referrers.js'
import {
  DEFAULT_CLAIMS,
  sigstoreServicesForFile,
  startSigstoreServices,
  verifyAttestation
} from '../sigstore-services.js'
import { fakeLogger } from './helpers.js'

const digest = (c: string): string => `sha256:${c.repeat(64)}`
const INDEX: Descriptor = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: digest('a'),
  size: 700
}
const AMD64: Descriptor = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digest('b'),
  size: 1200
}
const ARM64: Descriptor = { ...AMD64, digest: digest('c'), size: 1210 }
const NAME = '127.0.0.1:5000/acme/app'
const SPDX = { spdxVersion: 'SPDX-2.3', name: 'app linux/amd64', packages: [{ name: 'app' }] }

const svc = sigstoreServicesForFile({ processEnv: true })

/** The public-good layout (Fulcio + Rekor) or GitHub's (Fulcio + TSA), on the local servers. */
const endpoints = (instance: 'public-good' | 'github'): SigstoreEndpoints => ({
  fulcioURL: svc.fulcioURL,
  ...(instance === 'public-good' ? { rekorURL: svc.rekorURL } : { tsaServerURL: svc.tsaServerURL }),
  oidcIssuer: svc.issuer
})

async function sign(
  instance: 'public-good' | 'github',
  sboms = true
): Promise<{ signed: SignedImage; log: ReturnType<typeof fakeLogger> }> {
  const log = fakeLogger()
  const signed = await signImage({
    name: NAME,
    top: INDEX,
    manifests: [AMD64, ARM64],
    sboms: sboms ? [{ manifest: AMD64, format: 'spdx', document: SPDX }] : [],
    endpoints: endpoints(instance),
    identity: actionsIdentity(svc.env(), globalThis.fetch, log),
    logger: log
  })
  return { signed, log }
}

describe('signed SLSA provenance (public-good: Fulcio and Rekor)', () => {
  let signed: SignedImage
  let log: ReturnType<typeof fakeLogger>
  beforeAll(async () => {
    ;({ signed, log } = await sign('public-good'))
  }, 60_000)

  it('verifies against the trust root, for the pushed digest and each platform manifest', () => {
    for (const d of [INDEX, AMD64, ARM64]) {
      const { statement, signer } = verifyAttestation(
        signed.provenance.bundle,
        svc.trustedRoot,
        d.digest
      )
      expect(statement.predicateType).toBe(SLSA_PROVENANCE_V1)
      expect(statement.subject.map(s => s.name)).toEqual([NAME, NAME, NAME])
      // Fulcio bound the token's subject and claims into the certificate.
      expect(signer.identity?.subjectAlternativeName).toBe(
        `repo:acme/app:ref:${DEFAULT_CLAIMS.ref}`
      )
    }
    // The first subject is the digest the tags point to.
    const { statement } = verifyAttestation(signed.provenance.bundle, svc.trustedRoot, INDEX.digest)
    expect(statement.subject[0]!.digest).toEqual({ sha256: 'a'.repeat(64) })
    expect(signed.provenance.bundle.verificationMaterial.tlogEntries).toHaveLength(1)
  })

  it('carries the workflow ref, the commit and the builder id', () => {
    const { statement } = verifyAttestation(signed.provenance.bundle, svc.trustedRoot, INDEX.digest)
    const p = statement.predicate as {
      buildDefinition: {
        externalParameters: { workflow: { ref: string; repository: string; path: string } }
        resolvedDependencies: { uri: string; digest: { gitCommit: string } }[]
      }
      runDetails: { builder: { id: string }; metadata: { invocationId: string } }
    }
    expect(p.buildDefinition.externalParameters.workflow).toEqual({
      ref: 'refs/tags/v1.2.3',
      repository: 'https://github.com/acme/app',
      path: '.github/workflows/release.yml'
    })
    expect(p.buildDefinition.resolvedDependencies[0]).toEqual({
      uri: 'git+https://github.com/acme/app@refs/tags/v1.2.3',
      digest: { gitCommit: process.env.GITHUB_SHA }
    })
    expect(p.runDetails.builder.id).toBe(
      'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'
    )
    expect(p.runDetails.metadata.invocationId).toBe(
      'https://github.com/acme/app/actions/runs/4242/attempts/1'
    )
  })

  it('fails verification when the statement is tampered with', () => {
    const bundle = structuredClone(signed.provenance.bundle) as SerializedBundle & {
      dsseEnvelope: { payload: string }
    }
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString())
    statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit = 'f'.repeat(40)
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
    expect(() => verifyAttestation(bundle, svc.trustedRoot, INDEX.digest)).toThrow()
    // ...and when the signature itself is changed.
    const forged = structuredClone(signed.provenance.bundle) as SerializedBundle & {
      dsseEnvelope: { signatures: { sig: string }[] }
    }
    const sig = Buffer.from(forged.dsseEnvelope.signatures[0]!.sig, 'base64')
    sig[sig.length - 1] = sig[sig.length - 1]! ^ 1
    forged.dsseEnvelope.signatures[0]!.sig = sig.toString('base64')
    expect(() => verifyAttestation(forged, svc.trustedRoot, INDEX.digest)).toThrow()
  })

  it('fails verification for a digest it is not about, and against another trust root', async () => {
    expect(() => verifyAttestation(signed.provenance.bundle, svc.trustedRoot, digest('d'))).toThrow(
      /do not include sha256:d{64}/
    )
    // A bundle that verifies is about its own subjects only: the SBOM's is about amd64, not arm64.
    expect(() => verifyAttestation(signed.sboms[0]!.bundle, svc.trustedRoot, ARM64.digest)).toThrow(
      /do not include/
    )
    const other = await startSigstoreServices()
    try {
      expect(() =>
        verifyAttestation(signed.provenance.bundle, other.trustedRoot, INDEX.digest)
      ).toThrow()
    } finally {
      await other.close()
    }
  }, 30_000)

  it('attests the SBOM of a platform with the SPDX document as predicate', () => {
    const [sbom] = signed.sboms
    const { statement } = verifyAttestation(sbom!.bundle, svc.trustedRoot, AMD64.digest)
    expect(statement.predicateType).toBe('https://spdx.dev/Document/v2.3')
    expect(statement.subject).toEqual([{ name: NAME, digest: { sha256: 'b'.repeat(64) } }])
    expect(statement.predicate).toEqual(SPDX)
  })

  it('attaches the provenance to every subject and the SBOM attestation to its platform, as cosign does', () => {
    const by = new Map(signed.attachments.map(a => [a.subject.digest, a.artifacts]))
    expect([...by.keys()]).toEqual([INDEX.digest, AMD64.digest, ARM64.digest])
    const types = (d: string): string[] =>
      by.get(d)!.map(a => a.annotations!['dev.sigstore.bundle.predicateType']!)
    expect(types(INDEX.digest)).toEqual([SLSA_PROVENANCE_V1])
    expect(types(AMD64.digest)).toEqual([SLSA_PROVENANCE_V1, SBOM_PREDICATE_TYPES.spdx])
    expect(types(ARM64.digest)).toEqual([SLSA_PROVENANCE_V1])
    for (const a of signed.attachments.flatMap(x => x.artifacts)) {
      expect(a.artifactType).toBe(BUNDLE_MEDIA_TYPE)
      expect(a.mediaType).toBe(BUNDLE_MEDIA_TYPE)
      expect(a.annotations!['dev.sigstore.bundle.content']).toBe('dsse-envelope')
      // The layer is the bundle itself, verifiable as it is read back.
      const bundle = JSON.parse(Buffer.from(a.data).toString()) as SerializedBundle
      expect(bundle.mediaType).toBe(BUNDLE_MEDIA_TYPE)
    }
    // The subject is the attachment's subject, untouched: the image index gets no entry of its own.
    expect(signed.attachments[0]!.subject).toBe(INDEX)
  })

  it('logs what was signed and where, never the OIDC token', () => {
    expect(svc.tokens.length).toBeGreaterThan(0)
    const text = log.lines.join('\n')
    expect(text).toContain(
      `Signed SLSA v1 provenance for ${INDEX.digest}, ${AMD64.digest}, ${ARM64.digest}`
    )
    expect(text).toMatch(
      /builder https:\/\/github\.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.2\.3; Rekor log index \d+/
    )
    for (const t of svc.tokens) expect(text).not.toContain(t)
    for (const t of svc.tokens) expect(text).not.toContain(t.split('.')[1]!)
    expect(text).not.toContain(svc.requestToken)
    // The sigstore token was masked before anything could print it, and so was the request token.
    expect(log.masked).toContain(svc.requestToken)
    const fulcio = svc.requests.filter(r => r.path === '/fulcio/api/v2/signingCert')
    const sent = (JSON.parse(fulcio[0]!.body) as { credentials: { oidcIdentityToken: string } })
      .credentials.oidcIdentityToken
    expect(log.masked).toContain(sent)
    // One token for the run (audience sigstore), shared by the three signatures.
    expect(fulcio).toHaveLength(2)
    expect(
      new Set(
        fulcio.map(
          r =>
            (JSON.parse(r.body) as { credentials: { oidcIdentityToken: string } }).credentials
              .oidcIdentityToken
        )
      ).size
    ).toBe(1)
  })
})

describe("GitHub's instance (Fulcio and a timestamp authority, no public log)", () => {
  it('signs with an RFC 3161 timestamp that verifies against the TSA chain', async () => {
    const { signed, log } = await sign('github', false)
    expect(signed.provenance.bundle.verificationMaterial.tlogEntries ?? []).toEqual([])
    expect(
      signed.provenance.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps
    ).toHaveLength(1)
    const { statement } = verifyAttestation(
      signed.provenance.bundle,
      svc.trustedRoot,
      ARM64.digest,
      {
        tlog: false
      }
    )
    expect(statement.predicateType).toBe(SLSA_PROVENANCE_V1)
    expect(log.lines.join('\n')).toContain('an RFC 3161 timestamp')
  }, 60_000)

  it('is the instance of a private repository, public-good that of a public one', () => {
    expect(signingEndpoints('public')).toEqual({
      fulcioURL: 'https://fulcio.sigstore.dev',
      rekorURL: 'https://rekor.sigstore.dev'
    })
    expect(signingEndpoints('private')).toEqual({
      fulcioURL: 'https://fulcio.githubapp.com',
      tsaServerURL: 'https://timestamp.githubapp.com'
    })
    expect(signingEndpoints('internal', 'https://acme.ghe.com')).toEqual({
      fulcioURL: 'https://fulcio.acme.ghe.com',
      tsaServerURL: 'https://timestamp.acme.ghe.com'
    })
  })
})

describe('the OIDC token', () => {
  it('is mintable only with both runner variables (permissions: id-token: write)', () => {
    expect(canMintIdToken(svc.env())).toBe(true)
    expect(canMintIdToken({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x' })).toBe(false)
    expect(canMintIdToken({})).toBe(false)
  })

  it('names the permission when the token service refuses, without quoting the request token', async () => {
    const log = fakeLogger()
    const identity = actionsIdentity(
      { ...svc.env(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong-request-token' },
      globalThis.fetch,
      log
    )
    const err = (await identity.getToken().catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(/answered 401 .*permissions: id-token: write/)
    expect(err.message).not.toContain('wrong-request-token')
  })
})

describe("GitHub's attestations API", () => {
  it('stores the bundle and answers its id', async () => {
    const { signed } = await sign('public-good', false)
    const id = await storeAttestation(signed.provenance.bundle, {
      fetch: globalThis.fetch,
      apiUrl: svc.apiURL,
      repository: 'acme/app',
      token: 'ghs_actionstoken'
    })
    const stored = svc.stored.get(id)!
    expect(stored.repository).toBe('acme/app')
    expect(stored.bundle).toEqual(signed.provenance.bundle)
    const post = svc.requests.filter(r => r.path === '/api/repos/acme/app/attestations').at(-1)!
    expect(post.headers.authorization).toBe('Bearer ghs_actionstoken')
    expect(post.headers['x-github-api-version']).toBe('2022-11-28')
    // What GitHub keeps verifies as what was signed.
    verifyAttestation(stored.bundle, svc.trustedRoot, INDEX.digest)
  }, 60_000)

  it('names the permission when GitHub refuses', async () => {
    svc.refuse = true
    try {
      const err = (await storeAttestation(
        {},
        {
          fetch: globalThis.fetch,
          apiUrl: svc.apiURL,
          repository: 'acme/app',
          token: 't'
        }
      ).catch((e: unknown) => e)) as AttestationRefused
      expect(err).toBeInstanceOf(AttestationRefused)
      expect(err.status).toBe(403)
      expect(err.message).toMatch(
        /403 Resource not accessible by integration.*permissions: attestations: write/
      )
    } finally {
      svc.refuse = false
    }
  })
})

describe('attachments', () => {
  it('attach a single-platform image once, provenance and SBOM to the one manifest', () => {
    const bundle = { mediaType: BUNDLE_MEDIA_TYPE } as SerializedBundle
    const prov = { predicateType: SLSA_PROVENANCE_V1, subjects: [], bundle }
    const sbom = { predicateType: SBOM_PREDICATE_TYPES.cyclonedx, subjects: [], bundle }
    const out = attachmentsFor(AMD64, [AMD64], prov, [{ manifest: AMD64, attestation: sbom }])
    expect(out).toHaveLength(1)
    expect(out[0]!.artifacts.map(a => a.annotations!['dev.sigstore.bundle.predicateType'])).toEqual(
      [SLSA_PROVENANCE_V1, 'https://cyclonedx.org/bom']
    )
  })
})

describe('the provenance input', () => {
  const tokenEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://x/t?a=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r'
  }
  const get =
    (inputs: Record<string, string>) =>
    (name: string): string =>
      inputs[name] ?? ''

  it('is auto by default, on only when the job can mint a token', () => {
    expect(parseProvenance('', {})).toBe('auto')
    expect(provenanceOn('auto', {})).toBe(false)
    expect(provenanceOn('auto', tokenEnv)).toBe(true)
    expect(provenanceOn('false', tokenEnv)).toBe(false)
    expect(parseProvenance(' TRUE ', tokenEnv)).toBe('true')
  })

  it('rejects other values, naming the choices', () => {
    expect(() => parseProvenance('yes', {})).toThrow(
      new InputError(
        "provenance: 'yes' is not auto, true or false. auto signs SLSA provenance when the job can mint an OIDC token (permissions: id-token: write)."
      )
    )
  })

  it('true without a token fails while the inputs are read, naming id-token: write', () => {
    const inputs = { image: '127.0.0.1:5000/acme/app', provenance: 'true' }
    expect(() => parseConfig(get(inputs), { GITHUB_WORKSPACE: '/ws' })).toThrow(
      /^provenance: true, but this job cannot mint an OIDC token .*`permissions: id-token: write`/
    )
    const config = parseConfig(get({ ...inputs, 'github-token': ' ghs_x ' }), {
      GITHUB_WORKSPACE: '/ws',
      ...tokenEnv
    })
    expect(config.provenance).toBe('true')
    expect(config.githubToken).toBe('ghs_x')
  })
})
