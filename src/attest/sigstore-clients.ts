// Fulcio, Rekor and the timestamp authority over the action's HTTP layer: @sigstore/sign's Signer and Witness interfaces with the same request bodies as its FulcioSigner, RekorWitness and TSAWitness, which run on a fetch of their own.
import type { Signer, SignatureBundle, VerificationMaterial, Witness } from '@sigstore/sign'
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import type { Fetch } from '../ports.js'
import type { IdentityProvider } from './oidc.js'

/** An answer other than the one asked for: the status and the service's own message ({"message": ...} or the text). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly location?: string
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

async function post(
  fetch: Fetch,
  service: string,
  url: string,
  body: unknown,
  accept?: string
): Promise<Response> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: JSON.stringify(body)
  })
  if (res.ok) return res
  throw await refusal(service, 'POST', url, res)
}

async function refusal(
  service: string,
  method: string,
  url: string,
  res: Response
): Promise<ServiceError> {
  const text = await res.text().catch(() => '')
  let message = text.slice(0, 200)
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message
    if (typeof m === 'string') message = m
  } catch {
    // Not JSON: the start of the text says it.
  }
  const path = new URL(url).pathname
  return new ServiceError(
    `${service} answered HTTP ${res.status} to ${method} ${path}${message ? `: ${message}` : ''}`,
    res.status,
    res.headers.get('location') ?? undefined
  )
}

/** The OIDC token's subject Fulcio checks the proof of possession against (sigstore-js's extractJWTSubject). */
function jwtSubject(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    iss?: string
    sub?: string
    email?: string
  }
  const byEmail = ['https://accounts.google.com', 'https://oauth2.sigstore.dev/auth']
  const subject = byEmail.includes(payload.iss ?? '') ? payload.email : payload.sub
  if (typeof subject !== 'string') throw new Error('the OIDC token has no subject to prove')
  return subject
}

/**
 * FulcioSigner's work: an ephemeral P-256 key, a certificate for it from Fulcio (POST /api/v2/signingCert with the
 * token and a signature over its subject), and the signature, keyed by the certificate's leaf.
 */
export function fulcioSigner(o: {
  fetch: Fetch
  fulcioURL: string
  identity: IdentityProvider
}): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString('ascii')
  return {
    async sign(data: Buffer) {
      const token = await o.identity.getToken()
      let subject: string
      try {
        subject = jwtSubject(token)
      } catch {
        // The token itself stays out of the message: it is a credential until it expires.
        throw new Error('the OIDC token the runner gave cannot be read as a JWT')
      }
      const url = `${o.fulcioURL.replace(/\/+$/, '')}/api/v2/signingCert`
      const res = await post(o.fetch, 'Fulcio', url, {
        credentials: { oidcIdentityToken: token },
        publicKeyRequest: {
          publicKey: { algorithm: 'ECDSA', content: pem },
          proofOfPossession: sign(null, Buffer.from(subject), privateKey).toString('base64')
        }
      })
      const answer = (await res.json()) as Record<
        string,
        { chain?: { certificates?: string[] } } | undefined
      >
      const chain = (answer.signedCertificateEmbeddedSct ?? answer.signedCertificateDetachedSct)
        ?.chain?.certificates
      if (!chain?.[0]) throw new Error('Fulcio answered without a certificate chain')
      return {
        signature: sign(null, data, privateKey),
        key: { $case: 'x509Certificate', certificate: chain[0] }
      }
    }
  }
}

interface RekorEntry {
  uuid: string
  body: string
  integratedTime: number
  logID: string
  logIndex: number
  verification?: {
    signedEntryTimestamp?: string
    inclusionProof?: {
      logIndex: number
      treeSize: number
      rootHash: string
      hashes: string[]
      checkpoint: string
    }
  }
}

/** Rekor's answer, {uuid: entry}, as the entry with its uuid. */
async function entryOf(res: Response): Promise<RekorEntry> {
  const entries = Object.entries((await res.json()) as Record<string, Omit<RekorEntry, 'uuid'>>)
  if (entries.length !== 1) throw new Error('Rekor answered with other than one entry')
  const [uuid, entry] = entries[0]!
  return { ...entry, uuid }
}

/**
 * RekorWitness's work for a DSSE envelope: a dsse v0.0.1 entry (the envelope as JSON, the certificate as the
 * verifier) POSTed to /api/v1/log/entries; on 409 the entry that is already there (its Location), as
 * fetchOnConflict does.
 */
export function rekorWitness(o: { fetch: Fetch; rekorURL: string }): Witness {
  const base = o.rekorURL.replace(/\/+$/, '')
  return {
    async testify(content: SignatureBundle, publicKey: string): Promise<VerificationMaterial> {
      if (content.$case !== 'dsseEnvelope') throw new Error('only DSSE envelopes are logged')
      const { envelopeToJSON } = await import('@sigstore/bundle')
      const proposed = {
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          proposedContent: {
            envelope: JSON.stringify(envelopeToJSON(content.dsseEnvelope)),
            verifiers: [Buffer.from(publicKey).toString('base64')]
          }
        }
      }
      const url = `${base}/api/v1/log/entries`
      let entry: RekorEntry
      try {
        entry = await entryOf(await post(o.fetch, 'Rekor', url, proposed, 'application/json'))
      } catch (e) {
        if (!(e instanceof ServiceError && e.status === 409 && e.location)) throw e
        const at = `${url}/${e.location.split('/').pop() ?? ''}`
        const res = await o.fetch(at, { headers: { accept: 'application/json' } })
        if (!res.ok) throw await refusal('Rekor', 'GET', at, res)
        entry = await entryOf(res)
      }
      return { tlogEntries: [tlogEntry(entry)] }
    }
  }
}

function tlogEntry(entry: RekorEntry): NonNullable<VerificationMaterial['tlogEntries']>[number] {
  const body = JSON.parse(Buffer.from(entry.body, 'base64').toString()) as {
    kind: string
    apiVersion: string
  }
  const set = entry.verification?.signedEntryTimestamp
  const proof = entry.verification?.inclusionProof
  return {
    logIndex: entry.logIndex.toString(),
    logId: { keyId: Buffer.from(entry.logID, 'hex') },
    integratedTime: entry.integratedTime.toString(),
    kindVersion: { kind: body.kind, version: body.apiVersion },
    inclusionPromise: set ? { signedEntryTimestamp: Buffer.from(set, 'base64') } : undefined,
    inclusionProof: proof
      ? {
          logIndex: proof.logIndex.toString(),
          treeSize: proof.treeSize.toString(),
          rootHash: Buffer.from(proof.rootHash, 'hex'),
          hashes: proof.hashes.map(h => Buffer.from(h, 'hex')),
          checkpoint: { envelope: proof.checkpoint }
        }
      : undefined,
    canonicalizedBody: Buffer.from(entry.body, 'base64')
  }
}

/** TSAWitness's work: an RFC 3161 timestamp over the signature's sha256 (POST /api/v1/timestamp). */
export function tsaWitness(o: { fetch: Fetch; tsaURL: string }): Witness {
  const url = `${o.tsaURL.replace(/\/+$/, '')}/api/v1/timestamp`
  return {
    async testify(content: SignatureBundle): Promise<VerificationMaterial> {
      const signature =
        content.$case === 'dsseEnvelope'
          ? content.dsseEnvelope.signatures[0]!.sig
          : content.messageSignature.signature
      const res = await post(o.fetch, 'The timestamp authority', url, {
        artifactHash: createHash('sha256').update(signature).digest('base64'),
        hashAlgorithm: 'sha256'
      })
      return { rfc3161Timestamps: [{ signedTimestamp: Buffer.from(await res.arrayBuffer()) }] }
    }
  }
}
