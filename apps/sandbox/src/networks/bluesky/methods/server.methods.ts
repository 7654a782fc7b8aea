import { Inject, Injectable } from '@nestjs/common';
import { BlueskyAuthService } from '../auth/bluesky-auth.service';
import { BlueskyAccountsService } from '../bluesky-accounts.service';
import { BlueskyRepository } from '../bluesky.repository';
import { BLUESKY_SETTINGS, BlueskySettings } from '../bluesky-settings';
import { invalidRequest } from '../xrpc/xrpc-error';
import { XrpcMethod, json } from '../xrpc/xrpc-method';

/** com.atproto.server.*: sessions with app passwords, and the server description. */
@Injectable()
export class ServerMethods {
  constructor(
    private readonly auth: BlueskyAuthService,
    private readonly accounts: BlueskyAccountsService,
    private readonly repo: BlueskyRepository,
    @Inject(BLUESKY_SETTINGS) private readonly settings: BlueskySettings,
  ) {}

  methods(): [string, XrpcMethod][] {
    return [
      [
        'com.atproto.server.createSession',
        {
          auth: 'none',
          rateLimits: (call) => {
            const identifier = String((call.input as { identifier: string }).identifier).toLowerCase();
            return [
              { endpoint: 'create-session-5min', key: identifier, points: 1 },
              { endpoint: 'create-session-day', key: identifier, points: 1 },
            ];
          },
          handle: async (call) => {
            const { identifier, password } = call.input as { identifier: string; password: string };
            const account = await this.accounts.login(identifier, password);
            const tokens = await this.auth.issue(account.did);
            return json({ ...tokens, ...this.accounts.sessionInfo(account) });
          },
        },
      ],
      [
        'com.atproto.server.refreshSession',
        {
          auth: 'refresh',
          handle: async (call) => {
            const { did, tokens } = await this.auth.rotate(call.req);
            const account = await this.repo.accountByDid(did);
            if (!account) throw invalidRequest(`Could not find user info for account: ${did}`);
            return json({ ...tokens, ...this.accounts.sessionInfo(account) });
          },
        },
      ],
      [
        'com.atproto.server.getSession',
        {
          auth: 'access',
          handle: async (call) => {
            const account = await this.repo.accountByDid(call.did!);
            if (!account) throw invalidRequest(`Could not find user info for account: ${call.did}`);
            return json(this.accounts.sessionInfo(account));
          },
        },
      ],
      [
        'com.atproto.server.deleteSession',
        {
          auth: 'refresh',
          handle: async (call) => {
            await this.auth.revoke(call.req);
            return { kind: 'empty' };
          },
        },
      ],
      [
        'com.atproto.server.describeServer',
        {
          auth: 'none',
          handle: async () =>
            json({
              did: this.auth.pdsDid,
              availableUserDomains: [this.settings.handleDomain],
              inviteCodeRequired: false,
              // bsky.social's (and a PDS's default) policy links.
              links: {
                privacyPolicy: 'https://bsky.social/about/support/privacy-policy',
                termsOfService: 'https://bsky.social/about/support/tos',
              },
              contact: {},
            }),
        },
      ],
    ];
  }
}
