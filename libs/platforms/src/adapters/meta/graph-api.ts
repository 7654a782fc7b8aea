import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import type { GraphFailure } from './graph-errors';

export const DEFAULT_GRAPH_TIMEOUT_MS = 30_000;

/** What a call Graph did not answer in time rejects with: sent, so its outcome is unknown. */
function graphTimeout(ms: number): GraphFailure {
  return {
    name: 'GraphTimeout',
    message: `Graph did not answer within ${ms} ms`,
    status: null,
    response: null,
    headers: null,
    timedOut: true,
  };
}

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
    /** The SDK sets no timeout: a call Graph never answers is given up after this long. */
    readonly timeoutMs: number = DEFAULT_GRAPH_TIMEOUT_MS,
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
    const call = super.call(method, path, params, files, useMultipartFormData, urlOverride || this.graphBase);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(graphTimeout(this.timeoutMs)), this.timeoutMs);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }

  /** `<base>/<version>/<path>`: the URL the SDK would call, for the one request it cannot send (multipart). */
  urlFor(path: string): string {
    return `${this.graphBase.replace(/\/+$/, '')}/${FacebookAdsApi.VERSION}/${path}`;
  }
}
