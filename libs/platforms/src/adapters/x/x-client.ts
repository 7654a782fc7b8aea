import http from 'node:http';
import https from 'node:https';
import { type IClientSettings, type ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import { Permanent } from '../../port/platform-errors';
import type { ChannelConnection } from '../../port/platform-types';

/** Where twitter-api-v2 sends its requests: its hosts are constants (PLATFORMS.md A1). */
export const X_DEFAULT_BASE_URL = 'https://api.x.com';

function parseBaseUrl(connection: ChannelConnection): URL {
  try {
    const url = new URL(connection.baseUrl || X_DEFAULT_BASE_URL);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new Permanent(
      'x',
      `The X channel ${connection.handle} has an invalid base URL "${connection.baseUrl}": use ${X_DEFAULT_BASE_URL} or the sandbox's /x root.`,
    );
  }
}

/**
 * Client settings for one channel. The library has no base-URL setting, so for any root other than
 * api.x.com a plugin rewrites each URL at the last moment (after signing and body-type detection) and a
 * plain http.Agent lets Node send http: requests at all. Each channel gets its own settings, so sandbox
 * and real channels live side by side in one process.
 */
export function xClientSettings(connection: ChannelConnection): Partial<IClientSettings> {
  const base = parseBaseUrl(connection);
  const prefix = base.pathname.replace(/\/+$/, '');
  if (base.origin === X_DEFAULT_BASE_URL && prefix === '') return {};
  const rewrite: ITwitterApiClientPlugin = {
    onBeforeRequest({ computedParams }) {
      const url = computedParams.url;
      url.protocol = base.protocol;
      url.host = base.host;
      url.pathname = `${prefix}${url.pathname}`;
    },
  };
  const httpAgent = base.protocol === 'http:' ? new http.Agent() : new https.Agent();
  return { plugins: [rewrite], httpAgent };
}

export function xUserClient(connection: ChannelConnection, accessToken: string): TwitterApi {
  return new TwitterApi(accessToken, xClientSettings(connection));
}

export function xAppClient(
  connection: ChannelConnection,
  clientId: string,
  clientSecret: string | undefined,
): TwitterApi {
  return new TwitterApi(
    clientSecret ? { clientId, clientSecret } : { clientId },
    xClientSettings(connection),
  );
}
