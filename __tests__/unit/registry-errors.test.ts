// The registry client's messages: the registry's error codes, the fix where a cause is known (GHCR's
// packages: write, ECR's missing repository, OCI media types), refusals that name who was refused and whence.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import { InputError } from '../../src/ports.js'
import { failure, noteTries, refused, RegistryError } from '../../src/registry/errors.js'
import { parseImage } from '../../src/registry/reference.js'
import { scriptedClient } from '../registry-client.js'
import { reply } from './helpers.js'

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))

describe('error codes and hints', () => {
  const manifest = toBlob(MEDIA.manifest, Buffer.from('{}'))
  const errors = (code: string): string => JSON.stringify({ errors: [{ code, message: 'no' }] })

  it('does not retry a PUT answered 400 and reports the registry error codes', async () => {
    const body = JSON.stringify({
      errors: [
        { code: 'DIGEST_INVALID', message: 'mismatch' },
        { code: 'SIZE_INVALID', message: 'short' }
      ]
    })
    const { client, requests, sleeps } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(400, { 'content-type': 'application/json' }, body)
    ])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 400 (DIGEST_INVALID: mismatch; SIZE_INVALID: short).`
    )
    expect(requests).toHaveLength(3)
    expect(sleeps).toEqual([])
  })

  it('quotes the start of a body that is not JSON', async () => {
    const { client } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(413, {}, `too large ${'x'.repeat(300)}`)
    ])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000: upload ${blob.digest} failed with HTTP 413 (too large ${'x'.repeat(190)}).`
    )
  })

  it('turns a 403 into an error naming the credential inputs', async () => {
    const { client } = scriptedClient([reply(404), reply(403)])
    const err = await client.uploadBlob(blob).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toBe(
      `registry-username/registry-password: localhost:5000 denied start upload of ${blob.digest} in acme/app ` +
        'to anonymous access (HTTP 403). Use credentials that may push to this repository.'
    )
  })

  it('names the codes of a refused manifest', async () => {
    const manifest = toBlob(MEDIA.manifest, Buffer.from('{}'))
    const body = JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'bad' }] })
    const { client } = scriptedClient([reply(400, {}, body)])
    await expect(client.putManifest('v1', manifest)).rejects.toThrow(
      'localhost:5000: PUT manifest v1 failed with HTTP 400 (MANIFEST_INVALID: bad).'
    )
  })

  it('names the codes of a refused upload start', async () => {
    const body = JSON.stringify({
      errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }]
    })
    const { client } = scriptedClient([reply(404), reply(403, {}, body)])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      /HTTP 403, DENIED: requested access to the resource is denied/
    )
  })

  it('tells a GHCR user which permission the token lacks', async () => {
    const { client } = scriptedClient([reply(403, {}, errors('DENIED'))], {
      image: 'ghcr.io/acme/app',
      baseUrl: 'https://ghcr.io'
    })
    await expect(client.putManifest('v1', manifest)).rejects.toThrow(/permissions: packages: write/)
  })

  it('suggests media-types: docker when a registry refuses the OCI manifest', async () => {
    const { client } = scriptedClient([reply(400, {}, errors('MANIFEST_INVALID'))], {
      attempts: 1
    })
    await expect(client.putManifest('v1', manifest)).rejects.toThrow(
      /MANIFEST_INVALID.*set media-types: docker/
    )
  })

  it('says an ECR repository must exist', async () => {
    const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
    const { client } = scriptedClient([reply(404), reply(404, {}, errors('NAME_UNKNOWN'))], {
      image: `${ecr}/app`,
      baseUrl: `https://${ecr}`
    })
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      /create it first \(aws ecr create-repository\)/
    )
  })

  it('names a dropped connection in words, with its code', async () => {
    const { client } = scriptedClient(
      Array.from(
        { length: 2 },
        () =>
          new TypeError('fetch failed', {
            cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' }
          })
      ),
      { attempts: 2 }
    )
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      /failed after 2 attempts: other side closed \(UND_ERR_SOCKET\)/
    )
  })
})

describe('errors.ts on its own', () => {
  const ctx = { ref: parseImage('localhost:5000/acme/app'), timeoutMs: 60_000 }
  const body = (code: string): string => JSON.stringify({ errors: [{ code, message: 'no' }] })

  it.each([
    [
      'Docker config /home/runner/.docker/config.json (auths: localhost:5000)',
      "refused user 'bot' (from Docker config /home/runner/.docker/config.json (auths: localhost:5000)) (HTTP 401)"
    ],
    ['GITHUB_TOKEN', "refused user 'bot' (from GITHUB_TOKEN) (HTTP 401)"],
    ['registry-username/registry-password', "refused user 'bot' (HTTP 401)"]
  ])('says where refused credentials came from (%s) unless they are the inputs', (source, said) => {
    const err = refused({ ...ctx, credentials: { username: 'bot', password: 'pw', source } }, 401)
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toContain(said)
    expect(err.message).not.toContain('pw')
  })

  it('gives the media-types hint for a manifest only, and the ECR hint on ECR only', async () => {
    const onBlob = await failure(ctx, reply(400, {}, body('MANIFEST_INVALID')), 'upload sha256:0')
    expect(onBlob.message).toBe(
      'localhost:5000: upload sha256:0 failed with HTTP 400 (MANIFEST_INVALID: no).'
    )
    const elsewhere = await failure(ctx, reply(404, {}, body('NAME_UNKNOWN')), 'HEAD blob sha256:0')
    expect(elsewhere.message).not.toMatch(/ECR/)
    expect(elsewhere).toBeInstanceOf(RegistryError)
    expect((elsewhere as RegistryError).status).toBe(404)
  })

  it('says the registry kept failing only for a retryable status that took several attempts', async () => {
    const noted = (status: number, attempts: number): Response => {
      const res = reply(status)
      noteTries(res, { attempts, ms: 1500 })
      return res
    }
    expect((await failure(ctx, noted(429, 3), 'PUT manifest v1')).message).toBe(
      'localhost:5000: PUT manifest v1 failed with HTTP 429 after 3 attempts in 1.5 s; the registry kept ' +
        'failing, so nothing was tagged. Try again later.'
    )
    expect((await failure(ctx, noted(503, 1), 'PUT manifest v1')).message).toBe(
      'localhost:5000: PUT manifest v1 failed with HTTP 503.'
    )
    expect((await failure(ctx, noted(404, 3), 'PUT manifest v1')).message).toBe(
      'localhost:5000: PUT manifest v1 failed with HTTP 404.'
    )
  })
})
