import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';

/**
 * facebook-nodejs-business-sdk acting for one channel. The SDK's GRAPH and VERSION are process-wide
 * statics and FacebookAdsApi.init sets a process-wide default API, so neither is touched: each channel
 * gets its own instance whose every call goes to the channel's base URL (https://graph.facebook.com,
 * or the sandbox's /meta). crash_log=false keeps the SDK from installing its process-wide crash
 * reporter, which would call Graph with our token on any uncaught exception.
 */
export class GraphApi extends FacebookAdsApi {
  constructor(
    accessToken: string,
    readonly graphBase: string,
  ) {
    super(accessToken, 'en_US', false);
  }

  override call(
    method: string,
    path: string | string[],
    params: Record<string, unknown> = {},
    files: Record<string, unknown> = {},
    useMultipartFormData = false,
    urlOverride = '',
  ): Promise<unknown> {
    return super.call(method, path, params, files, useMultipartFormData, urlOverride || this.graphBase);
  }

  /** `<base>/<version>/<path>`: the URL the SDK would call, for the one request it cannot send (multipart). */
  urlFor(path: string): string {
    return `${this.graphBase.replace(/\/+$/, '')}/${FacebookAdsApi.VERSION}/${path}`;
  }
}
