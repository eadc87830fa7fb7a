// Authorizes requests to one registry as its challenges ask: Basic with the credentials, or a Bearer token for this repository's scope (bearer.ts); one authentication at a time, renewed once when a 401 says it went stale.
import { InputError, type Logger } from '../ports.js'
import { basicAuth, fetchToken, type TokenOptions } from './bearer.js'
import { parseChallenge, type Challenge } from './challenge.js'
import { RegistryError, type ClientContext } from './errors.js'
import type { Authorizer, Sender } from './retry.js'

/** The auth layer of one client: what it sends as Authorization, and how it gets a new one. */
export class Authenticator implements Authorizer {
  authorization?: string
  private challenge?: Challenge
  /** One authentication at a time: parallel uploads that all get a 401 share one token request. */
  private authenticating?: Promise<void>
  private readonly ctx: ClientContext
  private readonly logger: Logger

  constructor(
    private readonly sender: Sender,
    private readonly token: Pick<TokenOptions, 'access' | 'pullScopes'> = {}
  ) {
    this.ctx = sender.ctx
    this.logger = sender.logger
  }

  /**
   * After an open ping, as go-containerregistry does: the ping may hide guarded repositories, so Basic
   * credentials go along from the start (not a refresh token alone, which only a token server takes).
   */
  sendBasicAhead(): void {
    const creds = this.ctx.credentials
    if (!creds || (creds.identityToken && !creds.password)) return
    const basic = basicAuth(creds)
    this.logger.mask(basic)
    this.authorization = `Basic ${basic}`
  }

  /** Answers the challenge of a ping that was refused (401). */
  async answer(challenge: Challenge | undefined): Promise<void> {
    this.challenge = challenge
    await this.authenticate()
  }

  private async authenticate(): Promise<void> {
    const c = this.challenge
    const creds = this.ctx.credentials
    if (c?.scheme === 'basic') {
      if (!creds) {
        throw new InputError(
          `registry-username/registry-password: ${this.ctx.ref.registry} requires credentials. Set both inputs (or log in with a Docker config).`
        )
      }
      const basic = basicAuth(creds)
      this.logger.mask(basic)
      this.authorization = `Basic ${basic}`
    } else if (c?.scheme === 'bearer' && c.params.realm) {
      const token = await fetchToken({ sender: this.sender, ...this.token }, c)
      this.authorization = `Bearer ${token}`
    } else {
      const scheme = c ? `${c.scheme} authentication` : 'authentication without saying how'
      throw new RegistryError(
        `${this.ctx.ref.registry} asked for ${scheme}; this action speaks Basic and Bearer only.`
      )
    }
  }

  /**
   * Answers a 401 from the registry: true when the request is worth repeating with the (new) authorization.
   * The challenge is the one this response offers, so a registry whose ping was open gets credentials too.
   */
  async reauthenticate(used: string | undefined, res: Response): Promise<boolean> {
    // Another request refreshed the authorization meanwhile: repeat with it.
    if (this.authorization !== used) return true
    if (this.authenticating) {
      await this.authenticating
      return true
    }
    const challenge = parseChallenge(res.headers.get('www-authenticate'))
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.challenge = challenge
    } else if (challenge?.scheme === 'basic') {
      // Basic credentials that were sent are refused, not stale; without any, the caller says so.
      if (used?.startsWith('Basic ') || !this.ctx.credentials) return false
      this.challenge = challenge
    } else {
      return false
    }
    this.authenticating = this.authenticate().finally(() => (this.authenticating = undefined))
    await this.authenticating
    return true
  }
}
