import { startSandbox, SandboxAccountCredentials, TestSandbox } from '../../../../support/sandbox-harness';
import { SandboxGraphApi } from './sandbox-graph-api';

/** What POST /_sandbox/accounts returns for network facebook or instagram. */
export interface MetaCredentials {
  appId: string;
  appSecret: string;
  userId: string;
  userAccessToken: string;
  pageId: string;
  pageAccessToken: string;
  instagramUserId: string | null;
  graphPath: string;
  graphVersion: string;
}

export interface MetaAccount {
  account: SandboxAccountCredentials<MetaCredentials>;
  credentials: MetaCredentials;
  /** The SDK acting as the page (page access token). */
  pageApi: SandboxGraphApi;
  /** The SDK acting as the page's admin (user access token). */
  userApi: SandboxGraphApi;
}

export async function createMetaAccount(
  sandbox: TestSandbox,
  network: 'facebook' | 'instagram',
  options: { handle?: string; displayName?: string } = {},
): Promise<MetaAccount> {
  const account = await sandbox.createAccount<MetaCredentials>(network, options);
  const credentials = account.credentials;
  const base = `${sandbox.url}${credentials.graphPath}`;
  return {
    account,
    credentials,
    pageApi: new SandboxGraphApi(credentials.pageAccessToken, base),
    userApi: new SandboxGraphApi(credentials.userAccessToken, base),
  };
}

/** A raw Graph call (for what the SDK cannot send, and to see status and headers). */
export async function graphFetch(
  sandbox: TestSandbox,
  path: string,
  init: {
    method?: string;
    token?: string;
    query?: Record<string, string>;
    body?: unknown;
    form?: FormData;
  } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const url = new URL(`${sandbox.url}/meta${path}`);
  if (init.token) url.searchParams.set('access_token', init.token);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export { startSandbox };
export type { TestSandbox };
