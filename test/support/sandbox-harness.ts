import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { loadConfig } from '@outside-in/common';
import { dropDatabase } from '@outside-in/database';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ProvisionedAccount } from '../../apps/sandbox/src/core/sandbox-network';
import { bootstrapSandbox, CapturedResponse } from '../../apps/sandbox/src/sandbox.bootstrap';
import { databaseUrl, runId, uniqueSuffix } from './test-env';

export type { CapturedResponse };

export interface StartSandboxOptions {
  /** Extra Nest modules (the core's tests add a stand-in network). */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** Crowd timer granularity (ms). */
  crowdTickMs?: number;
}

export interface SandboxAccountCredentials<C = Record<string, unknown>> extends ProvisionedAccount {
  network: string;
  credentials: C & Record<string, unknown>;
}

/** The body of a 4xx from the /_sandbox controls. */
export interface ControlError {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; problem: string }[];
}

export interface TestSandbox {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 (add /x, /meta, /mastodon, /bluesky). */
  url: string;
  /** The sandbox's own database (fresh for this sandbox, dropped by stop()). */
  databaseUrl: string;
  app: INestApplication;
  /** POST /_sandbox/accounts; throws with the response body unless 201. */
  createAccount<C = Record<string, unknown>>(
    network: string,
    options?: { handle?: string; displayName?: string },
  ): Promise<SandboxAccountCredentials<C>>;
  /**
   * Calls a control under /_sandbox (path like `/_sandbox/faults`) with a JSON body (a string is sent as is)
   * and returns the status and parsed JSON body (null when there is none).
   */
  control<T = ControlError>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Every response the sandbox sent since start or the last takeResponses(), oldest first. */
  responses: CapturedResponse[];
  /** Returns the captured responses and forgets them. */
  takeResponses(): CapturedResponse[];
  /** Stops the app and starts it again on the same database and port: state must survive this. */
  restart(): Promise<void>;
  /** Stops the app and drops its database. */
  stop(): Promise<void>;
}

/**
 * Starts the whole sandbox in this process on a free port with a fresh database of its own. Use one per test
 * file: `beforeAll(async () => (sandbox = await startSandbox()))`, `afterAll(() => sandbox.stop())`.
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const dbUrl = databaseUrl(`oi_test_${runId()}_sandbox_${uniqueSuffix()}`);
  const config = loadConfig({ NODE_ENV: 'test', SANDBOX_DATABASE_URL: dbUrl, LOG_LEVEL: 'error' });
  const responses: CapturedResponse[] = [];
  const boot = (port: number): Promise<INestApplication> =>
    bootstrapSandbox(config, port, {
      imports: options.imports,
      sandbox: options.crowdTickMs ? { crowdTickMs: options.crowdTickMs } : undefined,
      logger: ['error'],
      host: '127.0.0.1',
      announce: false,
      onResponse: (response) => responses.push(response),
    });
  let app = await boot(0);
  const port = (app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://127.0.0.1:${port.port}`;

  const sandbox: TestSandbox = {
    url,
    databaseUrl: dbUrl,
    app,
    responses,
    takeResponses: () => responses.splice(0, responses.length),
    async control<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async createAccount<C>(network: string, opts: { handle?: string; displayName?: string } = {}) {
      const res = await fetch(`${url}/_sandbox/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ network, ...opts }),
      });
      const body = (await res.json()) as SandboxAccountCredentials<C>;
      if (res.status !== 201) {
        throw new Error(`POST /_sandbox/accounts answered ${res.status}: ${JSON.stringify(body)}`);
      }
      return body;
    },
    async restart() {
      await app.close();
      app = await boot(port.port);
      sandbox.app = app;
    },
    async stop() {
      await app.close();
      await dropDatabase(dbUrl);
    },
  };
  return sandbox;
}
