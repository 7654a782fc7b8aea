import { AtpAgent } from '@atproto/api';
import { TestNetwork } from '@atproto/dev-env';
import { createDatabaseIfMissing, dropDatabase } from '@outside-in/database';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { databaseUrl, runId, TEST_REDIS_URL, uniqueSuffix } from '../../../support/test-env';

/** An account on the real network, signed in the way a channel is: with an app password. */
export interface RealBlueskyAccount {
  did: string;
  handle: string;
  /** What a channel stores: the handle and an app password (not the account password). */
  identifier: string;
  password: string;
  email: string;
}

export interface RealBlueskyNetwork {
  /** The PDS's URL (http://localhost:<port>): a channel's baseUrl. */
  pdsUrl: string;
  /** The AppView's URL, which the PDS proxies app.bsky.* reads to. */
  appViewUrl: string;
  /** Creates `<name>.test` on the PDS, confirms its e-mail, and makes an app password for it. */
  createAccount(name: string): Promise<RealBlueskyAccount>;
  /** Waits until the AppView has indexed every write the PDS has made so far. */
  processAll(): Promise<void>;
  /** Polls until `check` answers something (the AppView indexes some things, e.g. notifications, later). */
  eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real AT Protocol network from @atproto/dev-env (test tooling only): a PLC directory, a PDS (SQLite in a
 * temporary folder) and the Bluesky AppView with its Ozone labeller, on free localhost ports. The AppView and
 * Ozone keep their tables in a fresh Postgres database of this run (oi_test_<run>_bsky_<suffix>, dropped by
 * stop() and, should a test file crash, by the global teardown). dev-env insists on REDIS_HOST although this
 * release's AppView never connects to it; it is set for the duration of create() only.
 */
export async function startRealBlueskyNetwork(): Promise<RealBlueskyNetwork> {
  const dbUrl = databaseUrl(`oi_test_${runId()}_bsky_${uniqueSuffix()}`);
  await createDatabaseIfMissing(dbUrl);
  // Each PDS (dev-env makes two) puts its SQLite files and blobs in new folders under os.tmpdir(), and
  // leaves them. Jest's process.env is a copy, so TMPDIR cannot steer it: os.tmpdir itself is pointed at a
  // folder of ours while the network starts, and stop() removes it.
  const tmp = await mkdtemp(join(os.tmpdir(), 'oi-bsky-'));
  const tmpdir = jest.spyOn(os, 'tmpdir').mockReturnValue(tmp);
  const savedRedisHost = process.env.REDIS_HOST;
  process.env.REDIS_HOST = new URL(TEST_REDIS_URL).host;
  let network: TestNetwork;
  try {
    network = await TestNetwork.create({ dbPostgresUrl: dbUrl, dbPostgresSchema: 'outside_in' });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    await dropDatabase(dbUrl);
    throw error;
  } finally {
    tmpdir.mockRestore();
    if (savedRedisHost === undefined) delete process.env.REDIS_HOST;
    else process.env.REDIS_HOST = savedRedisHost;
  }
  const net = network;

  /** Waits for the AppView to index what the PDS has sequenced (dev-env gives up after `timeoutMs`). */
  const processAll = () => net.processAll(15_000);
  const eventually = async <T>(
    check: () => Promise<T | undefined>,
    what: string,
    timeoutMs = 20_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await processAll();
      const found = await check();
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`The real network did not show ${what} within ${timeoutMs} ms`);
      await sleep(100);
    }
  };

  return {
    pdsUrl: net.pds.url,
    appViewUrl: net.bsky.url,
    async createAccount(name) {
      const handle = `${name}.test`;
      const email = `${name}@example.org`;
      const agent = new AtpAgent({ service: net.pds.url });
      await agent.createAccount({ email, handle, password: `${name}-account-password` });
      const appPassword = await agent.com.atproto.server.createAppPassword({ name: 'outside-in' });
      const did = agent.session?.did;
      if (!did) throw new Error(`createAccount for ${handle} left no session`);
      // Confirmed, as a working account is: the PDS mints the token it would have e-mailed.
      const token = await net.pds.ctx.accountManager.createEmailToken(
        did as `did:${string}:${string}`,
        'confirm_email',
      );
      await agent.com.atproto.server.confirmEmail({ email, token });
      await processAll();
      return { did, handle, identifier: handle, password: appPassword.data.password, email };
    },
    processAll,
    eventually,
    async stop() {
      try {
        // Bounded, so that a server that will not close fails this hook by name instead of hanging it.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('The dev-env network did not close within 30 s')),
            30_000,
          );
        });
        await Promise.race([net.close(), timeout]).finally(() => clearTimeout(timer));
      } finally {
        await rm(tmp, { recursive: true, force: true });
        await dropDatabase(dbUrl);
      }
    },
  };
}
