import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiResponseError, ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import { expectValidResponses } from '../../../support/openapi-validator';
import { CapturedResponse, startSandbox, TestSandbox } from '../../../support/sandbox-harness';

/** What POST /_sandbox/accounts returns in `credentials` for network "x". */
export interface XCredentials {
  userId: string;
  username: string;
  clientId: string;
  clientSecret: string;
  consumerKey: string;
  consumerSecret: string;
  appId: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scope: string;
  bearerToken: string;
}

export interface XTestAccount {
  userId: string;
  username: string;
  credentials: XCredentials;
  client: TwitterApi;
}

export async function startXSandbox(): Promise<TestSandbox> {
  return startSandbox();
}

/**
 * twitter-api-v2 has no base-URL setting: this plugin rewrites https://api.x.com/... (and upload.x.com) to
 * <sandbox>/x/... at the last moment, and a plain http.Agent lets Node send it over http (PLATFORMS.md A1).
 */
export function clientSettings(sandbox: TestSandbox): {
  plugins: ITwitterApiClientPlugin[];
  httpAgent: http.Agent;
} {
  const base = new URL(sandbox.url);
  const toSandbox: ITwitterApiClientPlugin = {
    onBeforeRequest({ computedParams }) {
      const url = computedParams.url;
      url.protocol = base.protocol;
      url.host = base.host;
      url.pathname = `/x${url.pathname}`;
    },
  };
  return { plugins: [toSandbox], httpAgent: new http.Agent({ keepAlive: false }) };
}

export function xClient(sandbox: TestSandbox, token: string): TwitterApi {
  return new TwitterApi(token, clientSettings(sandbox));
}

export async function xAccount(sandbox: TestSandbox, handle?: string): Promise<XTestAccount> {
  const account = await sandbox.createAccount<XCredentials>('x', handle ? { handle } : {});
  return {
    userId: account.accountId,
    username: account.handle,
    credentials: account.credentials,
    client: xClient(sandbox, account.credentials.accessToken),
  };
}

/** The ApiResponseError a call fails with (fails the test if it succeeds or fails otherwise). */
export async function apiError(call: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiResponseError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail with an ApiResponseError, but it succeeded');
}

/** Any error a call fails with. */
export async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export function isXResponse(response: CapturedResponse): boolean {
  return response.path.startsWith('/x/');
}

export function headerOf(response: CapturedResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

/** A PNG with a valid header of the given size (the sandbox reads width and height from it). */
export function pngBytes(width = 2, height = 3, totalBytes = 67): Buffer {
  const png = Buffer.alloc(Math.max(totalBytes, 33));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

/** The start of an MP4 file (an ftyp box), padded to the given size. */
export function mp4Bytes(totalBytes = 2048): Buffer {
  const mp4 = Buffer.alloc(totalBytes);
  mp4.writeUInt32BE(24, 0);
  mp4.write('ftypisom', 4, 'latin1');
  return mp4;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A local HTTP server standing in for our webhook receiver; records what it receives. */
export interface WebhookReceiver {
  url: string;
  received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  /** How to answer CRC GETs (default: correctly with this secret). */
  answerCrc: (token: string) => { status: number; body: string };
  /** Answer this many of the next deliveries with 500 (they are still recorded). */
  failNext: number;
  close(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export async function startWebhookReceiver(
  answerCrc: WebhookReceiver['answerCrc'],
): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  const receiver = { received, answerCrc, failNext: 0 } as WebhookReceiver;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET') {
      const answer = receiver.answerCrc(url.searchParams.get('crc_token') ?? '');
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (receiver.failNext > 0) {
        receiver.failNext--;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/webhooks/x`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  receiver.waitFor = async (count: number, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`Expected ${count} webhook deliveries, got ${received.length}`);
      await sleep(25);
    }
  };
  return receiver;
}

export interface LedgerEntry {
  network: string;
  accountId: string;
  kind: string;
  objectId: string;
  content: string | null;
  parentId: string | null;
  meta: Record<string, unknown>;
}

/** GET /_sandbox/ledger for the X network. */
export async function ledger(
  sandbox: TestSandbox,
  query: Record<string, string> = {},
): Promise<LedgerEntry[]> {
  const response = await fetch(
    `${sandbox.url}/_sandbox/ledger?${new URLSearchParams({ network: 'x', ...query })}`,
  );
  const body = (await response.json()) as { items: LedgerEntry[] };
  return body.items;
}

/** OAuth pages and endpoints are not in the X API v2 OpenAPI file (PLATFORMS.md A2 documents them). */
export const X_ROUTES_NOT_IN_SPEC = [
  /^(GET|POST) \/x\/i\/oauth2\/authorize$/,
  /^POST \/x\/2\/oauth2\/(token|revoke)$/,
  /^POST \/x\/oauth2\/token$/,
];

/**
 * Every X response the sandbox sent since the last call must validate against the official OpenAPI file.
 * Call it in afterEach: a response that does not validate fails the test that caused it. X's generic
 * problems (`type: about:blank` for 401, 403 and 429, PLATFORMS.md A3) are what the live API sends, and the
 * spec's Problem schema does not list them, hence allowAboutBlankProblems.
 */
export function expectValidXResponses(sandbox: TestSandbox): void {
  const responses = sandbox.takeResponses().filter(isXResponse);
  expectValidResponses(responses, { notInSpec: X_ROUTES_NOT_IN_SPEC, allowAboutBlankProblems: true });
}

/** POST /_sandbox/faults; throws unless 201. */
export async function addFault(sandbox: TestSandbox, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ network: 'x', ...fault }),
  });
  if (response.status !== 201)
    throw new Error(`POST /_sandbox/faults: ${response.status} ${await response.text()}`);
}

export async function clearFaults(sandbox: TestSandbox): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/faults?network=x`, { method: 'DELETE' });
}

/** PUT /_sandbox/rate-limits for one X endpoint (names as in x-rate-limits.ts). */
export async function setRateLimit(
  sandbox: TestSandbox,
  endpoint: string,
  limit: number,
  windowSeconds: number,
) {
  const response = await fetch(`${sandbox.url}/_sandbox/rate-limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ network: 'x', endpoint, limit, windowSeconds }),
  });
  if (response.status !== 200)
    throw new Error(`PUT /_sandbox/rate-limits: ${response.status} ${await response.text()}`);
}

export async function resetRateLimits(sandbox: TestSandbox): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/rate-limits?network=x`, { method: 'DELETE' });
}
