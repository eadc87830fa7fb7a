// The trust material of the local Sigstore stand-ins (__tests__/sigstore-services.ts) and a verifier that checks bundles against it the way `gh attestation verify` does.
import { bundleFromJSON } from '@sigstore/bundle'
import type { initializeCA, initializeCTLog, initializeTLog, initializeTSA } from '@sigstore/mock'
import {
  HashAlgorithm,
  PublicKeyDetails,
  type TransparencyLogInstance,
  type TrustedRoot
} from '@sigstore/protobuf-specs'
import { toSignedEntity, toTrustMaterial, Verifier, type Signer } from '@sigstore/verify'
import { createHash } from 'node:crypto'

/** The mock's certificate authority, CT log, transparency log and timestamp authority. */
export interface MockAuthorities {
  ca: Awaited<ReturnType<typeof initializeCA>>
  ctlog: Awaited<ReturnType<typeof initializeCTLog>>
  tlog: Awaited<ReturnType<typeof initializeTLog>>
  tsa: Awaited<ReturnType<typeof initializeTSA>>
}

const ALWAYS = { start: new Date(0), end: undefined }

/** A transparency or CT log the root trusts: its P-256 key and the id entries carry. */
function trustedLog(baseUrl: string, publicKey: Buffer, keyId: Buffer): TransparencyLogInstance {
  return {
    baseUrl,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: {
      rawBytes: publicKey,
      keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
      validFor: ALWAYS
    },
    logId: { keyId },
    checkpointKeyId: undefined,
    operator: 'mock'
  }
}

/** The trusted root a verifier needs for services served under base (/fulcio, /rekor, /ctlog, /tsa). */
export function mockTrustRoot(
  base: string,
  { ca, ctlog, tlog, tsa }: MockAuthorities
): TrustedRoot {
  const der = (c: { buffer: ArrayBuffer }) => ({ rawBytes: Buffer.from(c.buffer) })
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      trustedLog(
        `${base}/rekor`,
        tlog.publicKey,
        createHash('sha256').update(tlog.publicKey).digest()
      )
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: `${base}/fulcio`,
        certChain: { certificates: [der(ca.rootCertificate)] },
        validFor: ALWAYS,
        operator: 'mock'
      }
    ],
    ctlogs: [trustedLog(`${base}/ctlog`, ctlog.publicKey, Buffer.from(ctlog.logID.buffer))],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: `${base}/tsa`,
        certChain: { certificates: [der(tsa.intCertificate), der(tsa.rootCertificate)] },
        validFor: ALWAYS,
        operator: 'mock'
      }
    ]
  }
}

export interface Verified {
  statement: {
    _type: string
    subject: { name: string; digest: Record<string, string> }[]
    predicateType: string
    predicate: Record<string, unknown>
  }
  signer: Signer
}

/**
 * What `gh attestation verify oci://IMAGE@DIGEST` checks of a bundle: the signature over the DSSE envelope with a
 * certificate that chains to the trusted Fulcio root, SCT, log entry or timestamp from trusted keys, and a
 * statement whose subject is the image's digest. Throws when any of them fails.
 */
export function verifyAttestation(
  json: unknown,
  root: TrustedRoot,
  digest: string,
  o: { tlog?: boolean } = {}
): Verified {
  const bundle = bundleFromJSON(json)
  const tlog = o.tlog ?? true
  const verifier = new Verifier(toTrustMaterial(root), {
    tlogThreshold: tlog ? 1 : 0,
    tsaThreshold: tlog ? 0 : 1
  })
  const signer = verifier.verify(toSignedEntity(bundle))
  if (bundle.content.$case !== 'dsseEnvelope') throw new Error('not a DSSE bundle')
  const envelope = bundle.content.dsseEnvelope
  if (envelope.payloadType !== 'application/vnd.in-toto+json') {
    throw new Error(`payload type ${envelope.payloadType}`)
  }
  const statement = JSON.parse(Buffer.from(envelope.payload).toString()) as Verified['statement']
  const [alg, hex] = digest.split(':')
  if (!statement.subject.some(s => s.digest[alg!] === hex)) {
    throw new Error(`the statement's subjects do not include ${digest}`)
  }
  return { statement, signer }
}
