import { createOAuthAPIClient, createRestAPIClient, MastoHttpError, mastodon } from 'masto';
import { OpenApiResponseValidator } from '../../../support/openapi-validator';
import { CapturedResponse, startSandbox, TestSandbox } from '../../../support/sandbox-harness';

/** What POST /_sandbox/accounts returns for network "mastodon". */
export interface MastodonCredentials {
  accessToken: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

export interface MastodonTestAccount {
  accountId: string;
  handle: string;
  credentials: MastodonCredentials;
  masto: mastodon.rest.Client;
}

export async function startMastodonSandbox(): Promise<TestSandbox> {
  return startSandbox();
}

/** A provisioned account and a real masto client pointed at the sandbox exactly as an adapter would be. */
export async function mastodonAccount(sandbox: TestSandbox, handle?: string): Promise<MastodonTestAccount> {
  const account = await sandbox.createAccount<MastodonCredentials>('mastodon', handle ? { handle } : {});
  return {
    accountId: account.accountId,
    handle: account.handle,
    credentials: account.credentials,
    masto: mastoClient(sandbox, account.credentials.accessToken),
  };
}

export function mastoClient(
  sandbox: TestSandbox,
  accessToken?: string,
  timeout?: number,
): mastodon.rest.Client {
  return createRestAPIClient({ url: `${sandbox.url}/mastodon`, accessToken, timeout });
}

export function oauthClient(sandbox: TestSandbox): mastodon.oauth.Client {
  return createOAuthAPIClient({ url: `${sandbox.url}/mastodon` });
}

/** The MastoHttpError a call fails with (fails the test if it succeeds or fails otherwise). */
export async function httpError(call: PromiseLike<unknown>): Promise<MastoHttpError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof MastoHttpError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail with a MastoHttpError, but it succeeded');
}

/** Is this captured response one of the Mastodon network's (served under /mastodon or at the root for masto)? */
export function isMastodonResponse(response: CapturedResponse): boolean {
  return /^(\/mastodon)?\/(api|oauth)\//.test(response.path);
}

export function headerOf(response: CapturedResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

export function jsonOf<T = unknown>(response: CapturedResponse): T {
  return JSON.parse(response.body.toString('utf8')) as T;
}

/** A 1x1 PNG (valid header, so the sandbox can read its size). */
export function tinyPng(width = 1, height = 1): Buffer {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Routes the sandbox serves for browsers and files, which the Mastodon API spec does not describe: the
 * consent form's submit (Doorkeeper's POST/DELETE /oauth/authorize) and stored media files.
 */
const NOT_IN_SPEC = [
  /^(POST|DELETE) (\/mastodon)?\/oauth\/authorize$/,
  /^GET \/mastodon\/system\/media_attachments\/files\//,
];

/**
 * Answers the spec documents without a body although Mastodon sends one and masto needs it (masto parses
 * every 2xx by its content type and throws on a body-less one). Each is checked as strictly as the spec
 * allows instead of being skipped.
 */
function checkSpecGap(response: CapturedResponse): string | null | undefined {
  const route = `${response.method} ${response.path.replace(/^\/mastodon/, '')} ${response.status}`;
  // GET /api/v1/media/:id answers 206 with the (still processing) MediaAttachment: validate it as the 200.
  if (/^GET \/api\/v1\/media\/\d+ 206$/.test(route)) {
    const result = OpenApiResponseValidator.forSpec('mastodon').validate({ ...response, status: 200 });
    return result.valid ? null : result.errors.join('; ');
  }
  // Doorkeeper answers a revocation, and Mastodon a cancelled scheduled status, with an empty JSON object.
  if (/^(POST \/oauth\/revoke|DELETE \/api\/v1\/scheduled_statuses\/\d+) 200$/.test(route)) {
    return response.body.toString('utf8') === '{}' && /^application\/json/.test(response.contentType ?? '')
      ? null
      : `${route}: expected the JSON body {}`;
  }
  // The consent page is HTML ("String (URL) or HTML response").
  if (/^GET \/oauth\/authorize 200$/.test(route)) {
    return /^text\/html/.test(response.contentType ?? '') ? null : `${route}: expected an HTML page`;
  }
  // Doorkeeper sends errors it may redirect (bad scope, unsupported response type) back to the app.
  if (/^GET \/oauth\/authorize 302$/.test(route)) {
    const location = String(response.headers.location ?? '');
    return /[?&]error=/.test(location) ? null : `${route}: expected a redirect carrying ?error=`;
  }
  return undefined;
}

/**
 * Validates every Mastodon response the sandbox sent since the last call against the Mastodon OpenAPI
 * file (served under /mastodon or, for masto, at the root) and throws, failing the test, on any mismatch.
 */
export function expectValidMastodonResponses(sandbox: TestSandbox): void {
  const problems: string[] = [];
  let checked = 0;
  for (const response of sandbox.takeResponses()) {
    if (!isMastodonResponse(response) && !/^\/mastodon\//.test(response.path)) continue;
    if (NOT_IN_SPEC.some((pattern) => pattern.test(`${response.method} ${response.path}`))) continue;
    checked++;
    const gap = checkSpecGap(response);
    if (gap !== undefined) {
      if (gap) problems.push(gap);
      continue;
    }
    const result = OpenApiResponseValidator.forSpec('mastodon').validate(response);
    if (!result.valid) problems.push(...result.errors);
  }
  if (problems.length) {
    throw new Error(
      `${problems.length} of ${checked} Mastodon response(s) do not match the OpenAPI spec:\n  ${problems.join('\n  ')}`,
    );
  }
}
