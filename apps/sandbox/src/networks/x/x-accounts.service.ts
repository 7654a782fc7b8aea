import { ConflictException, Injectable } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import { Citizen, ProvisionAccountOptions, ProvisionedAccount } from '../../core/sandbox-network';
import { nextSnowflake } from './x-ids';
import { XOAuthService } from './x-oauth.service';
import { PROVISIONED_SCOPES } from './x-oauth.types';
import { XUserRow } from './x-rows';
import { XRepository } from './x.repository';
import { XAuthRepository } from './x-auth.repository';

/** What POST /_sandbox/accounts { network: 'x' } returns in `credentials`. */
export interface XAccountCredentials {
  userId: string;
  username: string;
  /** OAuth 2.0 client of the account's own sandbox app (PKCE, refresh, revoke). */
  clientId: string;
  clientSecret: string;
  /** API key and secret of the same app: the consumer secret signs webhooks (CRC and deliveries). */
  consumerKey: string;
  consumerSecret: string;
  appId: string;
  /** OAuth 2.0 user token with every scope an inbox and scheduler need. */
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scope: string;
  /** App-only bearer token, for POST /2/webhooks and the subscription list. */
  bearerToken: string;
}

function randomToken(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

/** Sandbox X accounts: each gets a user, an app of its own, and tokens, as a developer would set up on X. */
@Injectable()
export class XAccountsService {
  constructor(
    private readonly auth: XAuthRepository,
    private readonly repository: XRepository,
    private readonly oauth: XOAuthService,
  ) {}

  async provision(options: ProvisionAccountOptions): Promise<ProvisionedAccount> {
    const username = options.handle ?? `sandbox_${randomToken(6).replace(/[^A-Za-z0-9]/g, '0')}`;
    if (await this.repository.findUserByUsername(username)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `The X username @${username} is taken in this sandbox: choose another handle or leave it out.`,
      });
    }
    const name = options.displayName ?? username;
    const userId = nextSnowflake();
    const app = {
      client_id: randomToken(34),
      client_secret: randomToken(50),
      consumer_key: randomToken(25),
      consumer_secret: randomToken(50),
      app_id: String(randomInt(10_000_000, 99_999_999)),
      name: `${name} (sandbox app)`,
    };
    await this.repository.db.transaction(async (tx) => {
      await this.auth.insertApp(app, tx);
      await this.repository.insertUser(
        { id: userId, username, name, description: '', citizen_key: null, language: null },
        tx,
      );
    });
    const token = await this.oauth.issue(app.client_id, userId, PROVISIONED_SCOPES);
    const credentials: XAccountCredentials = {
      userId,
      username,
      clientId: app.client_id,
      clientSecret: app.client_secret,
      consumerKey: app.consumer_key,
      consumerSecret: app.consumer_secret,
      appId: app.app_id,
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? '',
      expiresIn: token.expires_in,
      scope: token.scope,
      bearerToken: await this.oauth.issueAppToken(app.client_id),
    };
    return { accountId: userId, handle: username, displayName: name, credentials: { ...credentials } };
  }

  /** The citizen's own X account, created the first time they speak. */
  async citizenUser(citizen: Citizen): Promise<XUserRow> {
    const existing = await this.repository.findCitizen(citizen.key);
    if (existing) return existing;
    let username = citizen.handle.slice(0, 15);
    if (await this.repository.findUserByUsername(username)) {
      username = `${username.slice(0, 10)}_${randomInt(1000, 9999)}`;
    }
    try {
      return await this.repository.insertUser({
        id: nextSnowflake(),
        username,
        name: citizen.displayName,
        description: '',
        citizen_key: citizen.key,
        language: citizen.language,
      });
    } catch (error) {
      // Two crowd items for a new citizen at once: the other insert won.
      const raced = await this.repository.findCitizen(citizen.key);
      if (raced) return raced;
      throw error;
    }
  }
}
