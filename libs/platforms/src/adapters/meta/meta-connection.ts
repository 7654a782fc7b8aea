import type { Network } from '../../port/network';
import { AuthExpired } from '../../port/platform-errors';
import type { ChannelConnection } from '../../port/platform-types';
import { GraphApi } from './graph-api';

/**
 * Credentials of a Facebook or Instagram channel: `pageAccessToken`, the page token from /me/accounts
 * (derived from a long-lived user token, so it does not expire). For Instagram, `pageId` is the linked
 * page and externalAccountId the Instagram user id.
 */
export function graphApiFor(network: Network, connection: ChannelConnection, timeoutMs?: number): GraphApi {
  const token = connection.credentials.pageAccessToken;
  if (!token) {
    throw new AuthExpired(
      network,
      `Channel ${connection.channelId} has no pageAccessToken: reconnect it with Facebook Login`,
    );
  }
  return new GraphApi(token, connection.baseUrl, timeoutMs);
}
