// The provenance stages on their own: when they sign (provenance on, an image that will be pushed), what they hand the attach stage (the SBOM stage's documents attested too), and how GitHub's answer is reported; signing against @sigstore/mock on a local HTTP server and the local attestations API (see __tests__/sigstore-services.ts).
import { describe, expect, it } from '@jest/globals'
import { SBOM_PREDICATE_TYPES, SLSA_PROVENANCE_V1 } from '../../src/attest/provenance.js'
import { parseConfig } from '../../src/config.js'
import { runOptions } from '../../src/edge.js'
import { contextOf } from '../../src/github-context.js'
import type { Attachment } from '../../src/oci/artifact.js'
import { jsonBlob, type BuiltImage } from '../../src/oci/image.js'
import type { LayerCompressor } from '../../src/oci/layer-compressor.js'
import { buildGraph, type BuildOutputs as Outputs } from '../../src/pipeline/bodies.js'
import type { Deps } from '../../src/pipeline/deps.js'
import type { PipelineOptions } from '../../src/pipeline/options.js'
import { AttestationRefused } from '../../src/attest/store.js'
import { explainFailure, sbomDocuments, signedStage } from '../../src/attest/attestations.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { SPDX_MEDIA_TYPE } from '../../src/sbom/spdx.js'
import { sigstoreServicesForFile, verifyAttestation } from '../sigstore-services.js'
import { fakeLogger } from './helpers.js'

const svc = sigstoreServicesForFile({ processEnv: true })

const manifest = (arch: string): BuiltImage =>
  ({
    platform: { os: 'linux', architecture: arch },
    manifest: jsonBlob('application/vnd.oci.image.manifest.v1+json', { arch })
  }) as unknown as BuiltImage
const IMAGES = [manifest('amd64'), manifest('arm64')]
const TOP = jsonBlob('application/vnd.oci.image.index.v1+json', { manifests: ['amd64', 'arm64'] })
const LOGIN = { ref: { registry: '127.0.0.1:5000', repository: 'acme/app' } } as RegistryClient
const SPDX = { spdxVersion: 'SPDX-2.3', name: 'amd64' }
const SBOM: Attachment[] = [
  {
    subject: {
      mediaType: IMAGES[0]!.manifest.mediaType,
      digest: IMAGES[0]!.manifest.digest,
      size: 1
    },
    artifacts: [
      {
        artifactType: SPDX_MEDIA_TYPE,
        mediaType: SPDX_MEDIA_TYPE,
        data: Buffer.from(JSON.stringify(SPDX))
      }
    ]
  }
]

/** The provenance part of one image's graph (the BUILD table), its bodies bound as a run binds them. */
function provenanceStages(o: PipelineOptions, deps: Deps) {
  const compressor = { key: () => 'unit', warm: () => undefined } as unknown as LayerCompressor
  const all: Deps = { ...deps, toolCacheDir: '/nonexistent/tool-cache', nodeArch: 'x64' }
  return buildGraph(o, all, { tags: [] }, compressor).filter(s =>
    ['signed', 'provenance', 'attestation'].includes(s.name)
  )
}

interface Setup {
  provenance?: string
  env?: Record<string, string>
}

function stages({ provenance = 'auto', env = svc.env() }: Setup = {}) {
  const logger = fakeLogger()
  const config = runOptions(
    parseConfig(
      n => ({ image: '127.0.0.1:5000/acme/app', provenance, 'github-token': 'ghs_unit' })[n] ?? '',
      { GITHUB_WORKSPACE: '/ws', ...env }
    ),
    contextOf(env),
    env
  )
  const deps = {
    logger,
    env,
    fetch: globalThis.fetch,
    sleep: async () => {},
    sigstore: { fulcioURL: svc.fulcioURL, rekorURL: svc.rekorURL, oidcIssuer: svc.issuer }
  } as unknown as Deps
  const list = provenanceStages(config, deps)
  const run = async <K extends 'signed' | 'provenance' | 'attestation'>(
    name: K,
    got: Partial<Outputs>
  ): Promise<Outputs[K]> =>
    (await list
      .find(s => s.name === name)!
      .run(got as Record<string, unknown>, logger)) as Outputs[K]
  return { run, logger, list }
}

const base: Partial<Outputs> = {
  images: { images: IMAGES, top: TOP },
  gate: { sizes: [], failures: [] },
  login: LOGIN,
  sbom: SBOM as Outputs['sbom']
}

const fulcioCalls = (): number =>
  svc.requests.filter(r => r.path === '/fulcio/api/v2/signingCert').length

describe('the stages', () => {
  it('declare what they need: signing waits for the images, the gate and the SBOM, not for the push', () => {
    const { list } = stages()
    const needs = Object.fromEntries(list.map(s => [s.name, [...s.needs]]))
    expect(needs).toEqual({
      signed: ['images', 'gate', 'login', 'sbom'],
      provenance: ['signed'],
      attestation: ['signed', 'push', 'images']
    })
  })

  it('sign the pushed digest and every platform, attest the SBOM, and store both with GitHub', async () => {
    const { run, logger } = stages()
    const signed = await run('signed', base)
    expect(signed!.provenance.subjects.map(s => `sha256:${s.digest.sha256}`)).toEqual([
      TOP.digest,
      IMAGES[0]!.manifest.digest,
      IMAGES[1]!.manifest.digest
    ])
    const { statement } = verifyAttestation(
      signed!.sboms[0]!.bundle,
      svc.trustedRoot,
      IMAGES[0]!.manifest.digest
    )
    expect(statement.predicateType).toBe(SBOM_PREDICATE_TYPES.spdx)
    expect(statement.predicate).toEqual(SPDX)

    const attachments = await run('provenance', { signed })
    expect(attachments).toBe(signed!.attachments)
    expect(attachments!.map(a => a.subject.digest)).toEqual([
      TOP.digest,
      IMAGES[0]!.manifest.digest,
      IMAGES[1]!.manifest.digest
    ])

    const before = svc.stored.size
    const stored = await run('attestation', { signed, push: true, images: base.images })
    expect(svc.stored.size).toBe(before + 2)
    expect(stored!.url).toBe(`https://github.com/acme/app/attestations/${stored!.id}`)
    const kept = svc.stored.get(stored!.id)!.bundle
    expect(verifyAttestation(kept, svc.trustedRoot, TOP.digest).statement.predicateType).toBe(
      SLSA_PROVENANCE_V1
    )
    expect(logger.masked).toContain('ghs_unit')
    expect(logger.lines.join('\n')).toContain(
      `${SLSA_PROVENANCE_V1}: attestation ${stored!.id} https://github.com/acme/app/attestations/${stored!.id}`
    )
  }, 60_000)

  it('under auto without a token: one notice when an image is pushed, none when nothing is', async () => {
    const { run, logger } = stages({ env: {} })
    const calls = fulcioCalls()
    expect(await run('signed', base)).toBeUndefined()
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^provenance: auto, and this job cannot mint an OIDC token .*id-token: write/
      )
    ])
    const quiet = stages({ env: {} })
    expect(await quiet.run('signed', { ...base, login: undefined })).toBeUndefined()
    expect(quiet.logger.lines).toEqual([])
    expect(fulcioCalls()).toBe(calls)
  })

  it('sign nothing for an image over its budget (it is not pushed) or with provenance: false', async () => {
    const calls = fulcioCalls()
    const over = { ...base, gate: { sizes: [], failures: ['over budget'] } }
    expect(await stages({ provenance: 'true' }).run('signed', over)).toBeUndefined()
    // provenance: false leaves the stages out of the graph; their body, run all the same, signs and says nothing.
    const off = stages({ provenance: 'false' })
    expect(off.list).toEqual([])
    const body = signedStage(
      { provenance: 'false', githubToken: 'ghs_unit' },
      contextOf(svc.env()),
      {
        fetch: globalThis.fetch,
        env: svc.env(),
        logger: off.logger
      }
    )
    expect(await body.run(base as Parameters<typeof body.run>[0], off.logger)).toBeUndefined()
    expect(off.logger.lines).toEqual([])
    expect(fulcioCalls()).toBe(calls)
  })

  it('store nothing when the push did not happen', async () => {
    const { run } = stages()
    const signed = await run('signed', base)
    const before = svc.stored.size
    expect(await run('attestation', { signed, push: false, images: base.images })).toBeUndefined()
    expect(svc.stored.size).toBe(before)
  }, 60_000)
})

describe("GitHub's refusal", () => {
  it('is a warning under auto (the bundles are attached all the same), a failure under true', async () => {
    const auto = stages()
    const signed = await auto.run('signed', base)
    svc.refuse = true
    try {
      expect(
        await auto.run('attestation', { signed, push: true, images: base.images })
      ).toBeUndefined()
      expect(auto.logger.lines.join('\n')).toMatch(
        /^provenance: the signed provenance could not be stored with GitHub \(GitHub's attestations API answered HTTP 403\); the image is tagged with it attached in the registry only \(provenance: auto; .*To have it, give the job `permissions: attestations: write`/m
      )
      const strict = stages({ provenance: 'true' })
      await expect(
        strict.run('attestation', { signed, push: true, images: base.images })
      ).rejects.toThrow(
        /^provenance: true, but the signed provenance could not be stored with GitHub \(GitHub's attestations API answered HTTP 403\), so nothing was tagged\. To fix it, give the job `permissions: attestations: write`/
      )
    } finally {
      svc.refuse = false
    }
  }, 60_000)
})

describe('sbomDocuments', () => {
  it('takes the SBOM stage’s SPDX and CycloneDX artifacts, by subject, and nothing else', () => {
    const other = { artifactType: 'application/x-other', mediaType: 'x', data: Buffer.from('{}') }
    const cdx = {
      artifactType: 'application/vnd.cyclonedx+json',
      mediaType: 'application/vnd.cyclonedx+json',
      data: Buffer.from('{"bomFormat":"CycloneDX"}')
    }
    const docs = sbomDocuments([
      { ...SBOM[0]!, artifacts: [...SBOM[0]!.artifacts, other] },
      { subject: { ...SBOM[0]!.subject, digest: IMAGES[1]!.manifest.digest }, artifacts: [cdx] }
    ])
    expect(docs).toEqual([
      { manifest: SBOM[0]!.subject, format: 'spdx', document: SPDX },
      {
        manifest: { ...SBOM[0]!.subject, digest: IMAGES[1]!.manifest.digest },
        format: 'cyclonedx',
        document: { bomFormat: 'CycloneDX' }
      }
    ])
    expect(sbomDocuments(undefined)).toEqual([])
  })
})

describe('a Fulcio that refuses to issue a certificate', () => {
  const refused = async (provenance: string) => {
    const setup = stages({ provenance })
    // No Fulcio at this path: 404, which @sigstore/sign does not retry.
    const deps = { fulcioURL: `${svc.base}/no-fulcio`, oidcIssuer: svc.issuer }
    const list = provenanceStages(
      runOptions(
        parseConfig(n => ({ image: '127.0.0.1:5000/acme/app', provenance })[n] ?? '', {
          GITHUB_WORKSPACE: '/ws',
          ...svc.env()
        }),
        contextOf(svc.env()),
        svc.env()
      ),
      {
        logger: setup.logger,
        env: svc.env(),
        fetch: globalThis.fetch,
        sigstore: deps
      } as unknown as Deps
    )
    const signed = list.find(s => s.name === 'signed')!
    return { run: () => signed.run(base, setup.logger), logger: setup.logger }
  }

  it('is a warning under auto: the image is pushed without provenance', async () => {
    const { run, logger } = await refused('auto')
    expect(await run()).toBeUndefined()
    expect(logger.lines.join('\n')).toMatch(
      /^provenance: the signed provenance could not be made \(Sigstore \(Fulcio, Rekor or the timestamp authority\) answered HTTP 404\); the image is tagged without it \(provenance: auto; .* The error: signing failed: /m
    )
  }, 60_000)

  it('fails the step under provenance: true', async () => {
    const { run } = await refused('true')
    await expect(run()).rejects.toThrow(
      /^provenance: true, but the signed provenance could not be made \(Sigstore \(Fulcio, Rekor or the timestamp authority\) answered HTTP 404\), so nothing was tagged\. To fix it, run the job again once Sigstore answers/
    )
  }, 60_000)
})

describe('explainFailure', () => {
  // Each client's words for a failed request: @actions/core's OidcClient (the SLSA predicate's token), the
  // action's own token request (src/attest/oidc.ts), @sigstore/sign's HTTPError, src/attest/store.ts.
  it.each<[string, unknown, 'sign' | 'store', string, RegExp]>([
    [
      "@actions/core's token request",
      new Error(
        'Failed to get ID token: Error message: Failed to get ID Token. \n \n Error Code : 403\n \n Error Message: Failed request: (403) Forbidden'
      ),
      'sign',
      'the Actions OIDC token service answered HTTP 403',
      /`permissions: id-token: write`.*provenance: auto there/
    ],
    [
      'the action’s own token request',
      new Error(
        'signing failed: error retrieving identity token: the Actions OIDC token service answered 401 Unauthorized.'
      ),
      'sign',
      'the Actions OIDC token service answered HTTP 401',
      /`permissions: id-token: write`/
    ],
    [
      'a token service that fails',
      new Error('the Actions OIDC token service answered 503 Service Unavailable.'),
      'sign',
      'the Actions OIDC token service answered HTTP 503',
      /^run the job again$/
    ],
    [
      'Fulcio',
      new Error('signing failed: error creating signing certificate - (500) Internal Server Error'),
      'sign',
      'Sigstore (Fulcio, Rekor or the timestamp authority) answered HTTP 500',
      /status\.sigstore\.dev/
    ],
    [
      "GitHub's refusal",
      new AttestationRefused('GitHub refused the attestation (403 Forbidden).', 403),
      'store',
      "GitHub's attestations API answered HTTP 403",
      /`permissions: attestations: write`/
    ],
    [
      'a private repository without attestations',
      new AttestationRefused('GitHub refused the attestation (404 Not Found).', 404),
      'store',
      "GitHub's attestations API answered HTTP 404",
      /public repository, or GitHub Enterprise Cloud/
    ],
    [
      'an API that kept failing',
      new Error('storing the attestation with GitHub failed after 4 attempts: 502 Bad Gateway'),
      'store',
      "GitHub's attestations API answered HTTP 502",
      /^run the job again$/
    ],
    [
      'an API that is not reachable',
      new Error('storing the attestation with GitHub failed after 4 attempts: fetch failed'),
      'store',
      "GitHub's attestations API could not be reached",
      /^run the job again$/
    ]
  ])('%s', (_, e, step, cause, fix) => {
    const got = explainFailure(e, step)
    expect(got.cause).toBe(cause)
    expect(got.fix).toMatch(fix)
  })
})
