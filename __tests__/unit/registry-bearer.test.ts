// The registry client's Bearer tokens (bearer.ts): the scope asked for, a docker login refresh token traded by
// POST, and the rule that credentials go only to an https realm or one on this machine.
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/ports.js'
import { tokenScope } from '../../src/registry/bearer.js'
import { BASE, calls, scriptedClient } from '../registry-client.js'
import { reply } from './helpers.js'

/** A login at a registry whose ping asks for a Bearer token from auth.example, which answers with body. */
const tokenLogin = (body: object): Response[] => [
  reply(401, { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' }),
  reply(200, {}, JSON.stringify(body)),
  reply(200)
]

describe('tokenScope', () => {
  it.each<[string, 'push' | 'pull' | undefined, string[], string]>([
    ['to publish', undefined, [], 'repository:acme/app:push,pull'],
    [
      'to publish, mounting from two sources',
      'push',
      ['acme/base', 'lib/x'],
      'repository:acme/app:push,pull repository:acme/base:pull repository:lib/x:pull'
    ],
    ['to read a baseline', 'pull', [], 'repository:acme/app:pull']
  ])('%s', (_, access, pullScopes, scope) =>
    expect(tokenScope('acme/app', access, pullScopes)).toBe(scope)
  )

  it('asks for pull alone when the client only reads (compare-to)', async () => {
    const { client, requests } = scriptedClient(tokenLogin({ token: 't' }), { access: 'pull' })
    await client.login()
    expect(new URL(requests[1]!.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:pull'
    ])
  })
})

describe('identity tokens and pull scopes', () => {
  it('trades an identity token at the token server, masking the access token', async () => {
    const { client, requests, logger } = scriptedClient(
      tokenLogin({ access_token: 'access-123' }),
      { credentials: { username: '<token>', password: '', identityToken: 'refresh-xyz' } }
    )
    await client.login()
    const token = requests[1]!
    expect(token.method).toBe('POST')
    expect(Object.fromEntries(new URLSearchParams(token.body!.toString()))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-xyz',
      service: 'reg',
      scope: 'repository:acme/app:push,pull',
      client_id: 'go-scratch-image'
    })
    expect(requests[2]!.headers.authorization).toBe('Bearer access-123')
    expect(logger.masked).toContain('access-123')
  })

  it('asks the token for pull access to mount sources too', async () => {
    const { client, requests } = scriptedClient(tokenLogin({ token: 't' }), {
      pullScopes: ['acme/base']
    })
    await client.login()
    expect(new URL(requests[1]!.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:push,pull',
      'repository:acme/base:pull'
    ])
  })
})

describe('credentials and the token realm', () => {
  const bearer = (realm: string): Response =>
    reply(401, { 'www-authenticate': `Bearer realm="${realm}",service="reg"` })
  const creds = { username: 'u', password: 'p' }

  it('sends no credentials to a plain-http realm on another host, and names the realm and the fix', async () => {
    const { client, requests } = scriptedClient([bearer('http://auth.example/token')], {
      credentials: creds
    })
    const err = (await client.login().catch((e: unknown) => e)) as Error
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toBe(
      'registry-username/registry-password: localhost:5000 names the token realm http://auth.example/token in ' +
        'its Bearer challenge, which is not https, so the credentials were not sent to it. Serve the token server ' +
        "over https (the registry's token realm setting), or push anonymously to a registry that needs no credentials."
    )
    // The ping alone: nothing went to the realm.
    expect(calls(requests)).toEqual([`GET ${BASE}/v2/`])
  })

  it('keeps a refresh token (docker login’s identity token) from a plain-http realm too', async () => {
    const { client, requests } = scriptedClient([bearer('http://auth.example/token')], {
      credentials: {
        username: '<token>',
        password: '',
        identityToken: 'refresh-xyz'
      }
    })
    await expect(client.login()).rejects.toThrow(
      /names the token realm http:\/\/auth\.example\/token/
    )
    expect(requests).toHaveLength(1)
  })

  it.each(['https://auth.example/token', 'http://127.0.0.1:5001/token', 'http://localhost/token'])(
    'sends them to %s (https, or plain http on this machine)',
    async realm => {
      const { client, requests } = scriptedClient(
        [bearer(realm), reply(200, {}, JSON.stringify({ token: 'tk' })), reply(200)],
        { credentials: creds }
      )
      await client.login()
      expect(requests[1]!.url.startsWith(realm)).toBe(true)
      expect(requests[1]!.headers.authorization).toBe(
        `Basic ${Buffer.from('u:p').toString('base64')}`
      )
    }
  )

  it('asks a plain-http realm elsewhere for an anonymous token: without credentials there is nothing to expose', async () => {
    const { client, requests } = scriptedClient([
      bearer('http://auth.example/token'),
      reply(200, {}, JSON.stringify({ token: 'anon' })),
      reply(200)
    ])
    await client.login()
    expect(requests[1]!.headers.authorization).toBeUndefined()
    expect(requests[2]!.headers.authorization).toBe('Bearer anon')
  })
})
