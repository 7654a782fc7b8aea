import { ConflictException, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Citizen, ProvisionAccountOptions, ProvisionedAccount } from '../../core/sandbox-network';
import { MastodonOAuthRepository } from './mastodon-oauth.repository';
import { MastodonRepository } from './mastodon.repository';

/** The app every provisioned account's token belongs to (statuses show it as their `application`). */
const SANDBOX_APP_NAME = 'Outside In';
const FULL_SCOPES = 'read write follow push';

export interface MastodonCredentials {
  accessToken: string;
  /** For the OAuth consent page (GET /oauth/authorize), which signs in with username and password. */
  username: string;
  password: string;
  /** The app that issued accessToken, so tests and the demo can exchange codes and revoke tokens. */
  clientId: string;
  clientSecret: string;
}

/** Accounts made through POST /_sandbox/accounts, and the crowd's citizens (created lazily). */
@Injectable()
export class MastodonProvisioningService {
  constructor(
    private readonly repo: MastodonRepository,
    private readonly tokens: MastodonOAuthRepository,
  ) {}

  async provision(options: ProvisionAccountOptions): Promise<ProvisionedAccount> {
    const username = options.handle ?? `council_${randomBytes(3).toString('hex')}`;
    const displayName = options.displayName ?? username;
    const password = randomBytes(12).toString('base64url');
    return this.repo.transaction(async (tx) => {
      const accountId = await this.repo.insertAccount({ username, displayName, password }, tx);
      if (!accountId) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `The Mastodon username "${username}" is taken: choose another handle or leave it out.`,
        });
      }
      const clientId = randomBytes(32).toString('base64url');
      const clientSecret = randomBytes(32).toString('base64url');
      const app = await this.tokens.insertApp(
        {
          name: SANDBOX_APP_NAME,
          website: null,
          redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
          scopes: FULL_SCOPES,
          clientId,
          clientSecret,
        },
        tx,
      );
      const accessToken = randomBytes(32).toString('base64url');
      await this.tokens.insertToken(
        { token: accessToken, appId: app.id, accountId, scopes: FULL_SCOPES },
        tx,
      );
      const credentials: MastodonCredentials = { accessToken, username, password, clientId, clientSecret };
      return { accountId, handle: username, displayName, credentials: { ...credentials } };
    });
  }

  /** The citizen's own account, created on first use; stable for the same citizen key. */
  async citizenAccount(citizen: Citizen): Promise<string> {
    const existing = await this.repo.accountIdByCitizenKey(citizen.key);
    if (existing) return existing;
    for (let attempt = 0; attempt < 5; attempt++) {
      const username =
        attempt === 0 ? citizen.handle : `${citizen.handle.slice(0, 24)}_${randomBytes(2).toString('hex')}`;
      const id = await this.repo.insertAccount({
        username,
        displayName: citizen.displayName,
        password: randomBytes(12).toString('base64url'),
        citizenKey: citizen.key,
        language: citizen.language,
      });
      if (id) return id;
      // Lost a race for the same citizen, or the handle belongs to someone else: look again, then vary it.
      const raced = await this.repo.accountIdByCitizenKey(citizen.key);
      if (raced) return raced;
    }
    throw new Error(`Could not create a Mastodon account for citizen ${citizen.key}`);
  }
}
