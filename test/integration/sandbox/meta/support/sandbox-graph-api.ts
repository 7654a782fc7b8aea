import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';

/**
 * facebook-nodejs-business-sdk pointed at the sandbox, per account, without touching the SDK's globals.
 *
 * How the SDK builds URLs (src/api.js, FacebookAdsApi.call): for a path given as an array (every object
 * method), `url = [urlOverride || FacebookAdsApi.GRAPH, FacebookAdsApi.VERSION, ...path].join('/')` and
 * `?access_token=...` is appended; for a path given as a string (Cursor.next() following `paging.next`) the
 * string is used as the URL verbatim. So overriding `call` to pass `<sandbox>/meta` as `urlOverride` sends
 * every object call to `<sandbox>/meta/v24.0/...`, and paging follows the sandbox's absolute `next` URLs.
 * crash_log=false keeps the SDK from installing its process-wide crash reporter (which calls Graph itself).
 */
export class SandboxGraphApi extends FacebookAdsApi {
  constructor(
    accessToken: string,
    private readonly graphBase: string,
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
}

/** The error the SDK throws for a non-2xx answer or a dropped connection (FacebookRequestError, not exported). */
export interface SdkError {
  name: string;
  message: string;
  status: number | null;
  response: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    is_transient?: boolean;
    error_user_title?: string;
    error_user_msg?: string;
    fbtrace_id: string;
  } | null;
  headers: Record<string, string> | null;
}

/** Runs `call`, expects it to fail, and returns the SDK's error. */
export async function sdkError(call: () => Promise<unknown>): Promise<SdkError> {
  try {
    await call();
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('Expected the Graph call to fail, but it succeeded');
}
