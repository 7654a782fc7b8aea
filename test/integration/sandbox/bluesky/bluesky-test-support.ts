import { AtpAgent, lexicons } from '@atproto/api';
import type { TestSandbox } from '../../../support/sandbox-harness';

export interface BlueskyCredentials {
  identifier: string;
  password: string;
  did: string;
  email: string;
}

export interface BlueskyTestAccount {
  did: string;
  handle: string;
  credentials: BlueskyCredentials;
}

export async function createBlueskyAccount(
  sandbox: TestSandbox,
  handle?: string,
  displayName?: string,
): Promise<BlueskyTestAccount> {
  const account = await sandbox.createAccount<BlueskyCredentials>('bluesky', { handle, displayName });
  return { did: account.accountId, handle: account.handle, credentials: account.credentials };
}

/** A real AtpAgent pointed at the sandbox, signed in with the account's app password. */
export async function signedInAgent(sandbox: TestSandbox, account: BlueskyTestAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: `${sandbox.url}/bluesky` });
  await agent.login({ identifier: account.credentials.identifier, password: account.credentials.password });
  return agent;
}

/** Raw XRPC call with fetch, for asserting the exact wire (status, headers, body). */
export async function xrpc(
  sandbox: TestSandbox,
  method: 'GET' | 'POST',
  nsid: string,
  opts: { token?: string; query?: Record<string, string>; body?: unknown; contentType?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const query = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${sandbox.url}/bluesky/xrpc/${nsid}${query}`, {
    method,
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/**
 * Checks every successful XRPC JSON response the sandbox sent against the output schema of its lexicon
 * (the agent validates too, but only the calls it makes through typed methods) and every error against the
 * XRPC error shape. Returns the problems found.
 */
export function lexiconProblems(sandbox: TestSandbox): string[] {
  const problems: string[] = [];
  for (const response of sandbox.takeResponses()) {
    const match = /^\/bluesky\/xrpc\/([a-zA-Z0-9.]+)$/.exec(response.path);
    if (!match || !response.contentType?.startsWith('application/json')) continue;
    const nsid = match[1];
    const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    if (response.status >= 400) {
      if (
        typeof body.error !== 'string' ||
        typeof body.message !== 'string' ||
        Object.keys(body).length !== 2
      ) {
        problems.push(`${nsid} ${response.status}: not an XRPC error body: ${JSON.stringify(body)}`);
      }
      continue;
    }
    try {
      lexicons.assertValidXrpcOutput(nsid, body);
    } catch (error) {
      problems.push(`${nsid}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/** A 1x1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
