import { createOAuthAPIClient, createRestAPIClient, MastoHttpError, mastodon } from 'masto';
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

/** Validates every Mastodon response captured since the last call (placeholder until the validator lands). */
export function expectValidMastodonResponses(sandbox: TestSandbox): void {
  sandbox.takeResponses();
}
