import { AtpAgent } from '@atproto/api';
import type { ConnectedAccount, PasswordConnector } from '../../port/account-connector';
import { mapBlueskyError } from './bluesky-errors';
import { jwtExpiry } from './bluesky-session';

/**
 * Bluesky channels connect with an app password: people make one on bsky.app (Settings, Privacy and security,
 * App passwords) and give it with their handle; it can be revoked there without touching their real password. We sign in once to check it and keep the
 * session with the app password, so the session can be renewed without asking again.
 */
export class BlueskyConnector implements PasswordConnector {
  readonly method = 'app_password' as const;
  readonly network = 'bluesky' as const;

  async signIn(request: {
    apiBaseUrl: string;
    identifier: string;
    password: string;
  }): Promise<ConnectedAccount[]> {
    const agent = new AtpAgent({ service: request.apiBaseUrl });
    try {
      const session = await agent.login({ identifier: request.identifier, password: request.password });
      const profile = await agent.getProfile({ actor: session.data.did }).catch(() => null);
      return [
        {
          externalAccountId: session.data.did,
          handle: session.data.handle,
          displayName: profile?.data.displayName || session.data.handle,
          profileUrl: `https://bsky.app/profile/${session.data.handle}`,
          credentials: {
            identifier: request.identifier,
            password: request.password,
            accessJwt: session.data.accessJwt,
            refreshJwt: session.data.refreshJwt,
          },
          expiresAt: jwtExpiry(session.data.accessJwt),
        },
      ];
    } catch (error) {
      throw mapBlueskyError(error, false);
    }
  }
}
