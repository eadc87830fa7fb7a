// The OCI API of RegistryClient over a scripted registry: blob HEAD, POST (with mount) and PUT to the Location,
// manifests, and the tags list with its page limit. The layers beneath have their own tests: registry-auth,
// registry-retry, registry-errors and registry-ping.
import { describe, expect, it } from '@jest/globals'
import { MEDIA, toBlob } from '../../src/oci/image.js'
import type { Fetch } from '../../src/ports.js'
import { RegistryError } from '../../src/registry/errors.js'
import { BASE, calls, IMAGE, registryClient, scriptedClient } from '../registry-client.js'
import { reply } from './helpers.js'

const blob = toBlob(MEDIA.layer, Buffer.from('layer bytes'))
const blobUrl = `${BASE}/v2/acme/app/blobs/${blob.digest}`
const uploadsUrl = `${BASE}/v2/acme/app/blobs/uploads/`
const digestParam = `digest=${encodeURIComponent(blob.digest)}`

describe('RegistryClient.uploadBlob', () => {
  it('does HEAD, POST, then PUT to a relative Location, keeping its query and adding the digest', async () => {
    const { client, requests } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/uuid-1?_state=abc' }),
      reply(201, { 'docker-content-digest': blob.digest })
    ])
    await expect(client.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/uuid-1?_state=abc&${digestParam}`
    ])
    const put = requests[2]!
    expect(put.body?.equals(blob.data)).toBe(true)
    expect(put.headers['content-type']).toBe('application/octet-stream')
    expect(put.headers['content-length']).toBe(String(blob.size))
  })

  it('PUTs to an absolute Location on another host, without credentials', async () => {
    const { client, requests } = scriptedClient(
      [
        reply(401, { 'www-authenticate': 'Basic realm="x"' }),
        reply(200),
        reply(404),
        reply(202, { location: 'http://uploads.example:9000/up/uuid-2?sig=s1&x=1' }),
        reply(201)
      ],
      { credentials: { username: 'u', password: 'p' } }
    )
    await client.login()
    await expect(client.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests).slice(2)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT http://uploads.example:9000/up/uuid-2?sig=s1&x=1&${digestParam}`
    ])
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`
    expect(requests[2]!.headers.authorization).toBe(basic)
    expect(requests[3]!.headers.authorization).toBe(basic)
    expect(requests[4]!.headers.authorization).toBeUndefined()
  })

  it('skips the upload when HEAD finds the blob', async () => {
    const { client, requests } = scriptedClient([reply(200)])
    await expect(client.uploadBlob(blob)).resolves.toBe('exists')
    expect(calls(requests)).toEqual([`HEAD ${blobUrl}`])
  })

  it('starts a fresh session from byte 0 when the PUT fails with a 503', async () => {
    const { client, requests, sleeps } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/first' }),
      reply(503),
      reply(202, { location: '/v2/acme/app/blobs/uploads/second' }),
      reply(201)
    ])
    await expect(client.uploadBlob(blob)).resolves.toBe('uploaded')
    expect(calls(requests)).toEqual([
      `HEAD ${blobUrl}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/first?${digestParam}`,
      `POST ${uploadsUrl}`,
      `PUT ${BASE}/v2/acme/app/blobs/uploads/second?${digestParam}`
    ])
    expect(requests[4]!.body?.equals(blob.data)).toBe(true)
    expect(sleeps).toEqual([500])
  })

  it('fails when the registry stores another digest', async () => {
    const { client } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u' }),
      reply(201, { 'docker-content-digest': 'sha256:0000' })
    ])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      `localhost:5000 stored sha256:0000 where ${blob.digest} was sent; the upload was corrupted.`
    )
  })

  it('fails when the upload starts without a Location', async () => {
    const { client } = scriptedClient([reply(404), reply(202)])
    await expect(client.uploadBlob(blob)).rejects.toThrow(
      'localhost:5000 started an upload without a Location header.'
    )
  })
})

describe('RegistryClient.putManifest', () => {
  it('PUTs the manifest with its media type', async () => {
    const manifest = toBlob(MEDIA.manifest, Buffer.from('{"schemaVersion":2}'))
    const { client, requests } = scriptedClient([
      reply(201, { 'docker-content-digest': manifest.digest })
    ])
    await client.putManifest('v1', manifest)
    expect(calls(requests)).toEqual([`PUT ${BASE}/v2/acme/app/manifests/v1`])
    expect(requests[0]!.headers['content-type']).toBe(MEDIA.manifest)
    expect(requests[0]!.body?.toString()).toBe('{"schemaVersion":2}')
  })
})

describe('RegistryClient.uploadBlob: mounts', () => {
  it('mounts a blob from another repository of the registry without sending it', async () => {
    const { client, requests } = scriptedClient([reply(404), reply(201)])
    await expect(client.uploadBlob(blob, 'acme/base')).resolves.toBe('mounted')
    expect(calls(requests)[1]).toBe(
      `POST ${uploadsUrl}?mount=${encodeURIComponent(blob.digest)}&from=acme%2Fbase`
    )
  })

  it('uploads through the session a registry opens when it cannot mount', async () => {
    const { client, requests } = scriptedClient([
      reply(404),
      reply(202, { location: '/v2/acme/app/blobs/uploads/u?_state=s' }),
      reply(201)
    ])
    await expect(client.uploadBlob(blob, 'acme/base')).resolves.toBe('uploaded')
    expect(requests[2]!.method).toBe('PUT')
    expect(requests[2]!.body?.equals(blob.data)).toBe(true)
  })
})

describe('RegistryClient.listTags', () => {
  it('reads every page the Link header names, and none from another host', async () => {
    const { client, requests } = scriptedClient([
      reply(
        200,
        { link: '</v2/acme/app/tags/list?n=1000&last=b>; rel="next"' },
        JSON.stringify({ name: 'acme/app', tags: ['a', 'b'] })
      ),
      reply(
        200,
        { link: '<https://elsewhere.example/v2/acme/app/tags/list?last=c>; rel="next"' },
        JSON.stringify({ name: 'acme/app', tags: ['c'] })
      )
    ])
    expect(await client.listTags()).toEqual(['a', 'b', 'c'])
    expect(calls(requests)).toEqual([
      `GET ${BASE}/v2/acme/app/tags/list?n=1000`,
      `GET ${BASE}/v2/acme/app/tags/list?n=1000&last=b`
    ])
  })

  it('gives no tags for a repository the registry does not know (404 NAME_UNKNOWN), and tags: null as none', async () => {
    expect(
      await scriptedClient([
        reply(404, {}, '{"errors":[{"code":"NAME_UNKNOWN"}]}')
      ]).client.listTags()
    ).toEqual([])
    expect(
      await scriptedClient([reply(200, {}, '{"name":"acme/app","tags":null}')]).client.listTags()
    ).toEqual([])
  })
})

describe('RegistryClient.listTags: the page limit', () => {
  /** A registry whose every page of tags links to a next one, up to pages (then the list ends). */
  function paging(pages: number) {
    let n = 0
    const fetch = (async () => {
      n++
      const next = `</v2/acme/app/tags/list?n=1000&last=t${n}>; rel="next"`
      const link: Record<string, string> = n < pages ? { link: next } : {}
      return reply(200, link, JSON.stringify({ name: 'acme/app', tags: [`t${n}`] }))
    }) as Fetch
    return { ...registryClient(IMAGE, { fetch }), requests: () => n }
  }

  it('fails when a next page is still named after 1000 pages, instead of returning part of the list', async () => {
    const { client, requests } = paging(Infinity)
    await expect(client.listTags()).rejects.toThrow(
      new RegistryError(
        'localhost:5000 listed more than 1000 pages of tags for acme/app (1000 tags, and a Link to more); the ' +
          `list was not read to its end. Delete old tags, or check that the registry's Link rel="next" does not ` +
          'lead back to a page already read.'
      )
    )
    expect(requests()).toBe(1000)
  })

  it('reads a list of exactly 1000 pages to its end', async () => {
    const { client } = paging(1000)
    const tags = await client.listTags()
    expect(tags).toHaveLength(1000)
    expect(tags.at(-1)).toBe('t1000')
  })
})
