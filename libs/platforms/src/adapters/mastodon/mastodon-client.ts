import { createRestAPIClient, mastodon } from 'masto';
import { AuthExpired } from '../../port/platform-errors';
import type { ChannelConnection } from '../../port/platform-types';

/** Long enough for a media upload; a status that takes longer has an unknown outcome. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A masto client for one channel. Credentials: `accessToken` (an OAuth token of the instance; Mastodon
 * tokens do not expire). masto keeps only the origin of `url`, so the channel's baseUrl is the instance origin.
 */
export function mastoClientFor(connection: ChannelConnection): mastodon.rest.Client {
  const accessToken = connection.credentials.accessToken;
  if (!accessToken) {
    throw new AuthExpired(
      'mastodon',
      `Channel ${connection.channelId} has no Mastodon accessToken; reconnect it`,
    );
  }
  return createRestAPIClient({ url: connection.baseUrl, accessToken, timeout: REQUEST_TIMEOUT_MS });
}

/** A client without a token, for the instance's public configuration. */
export function anonymousMastoClient(baseUrl: string): mastodon.rest.Client {
  return createRestAPIClient({ url: baseUrl, timeout: REQUEST_TIMEOUT_MS });
}
