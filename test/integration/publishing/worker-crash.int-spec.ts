import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../../support/worker-process';
import { injectFault, ledgerEntries } from '../platforms/support/sandbox-controls';
import {
  attemptsOf,
  createTestPostTarget,
  PublishingContext,
  reload,
  startPublishingContext,
} from './support/publishing-context';

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs: number,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Real worker processes killed with SIGKILL mid-publish: the post still goes out exactly once. */
describe('publishing: a worker killed mid-publish', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  let org: TestOrganisation;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startPublishingContext(), startSandbox()]);
    org = await createTestOrganisation(ctx.dataSource);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await ctx?.stop();
    await sandbox?.stop();
  });

  const startWorker = async () => {
    const worker = await startWorkerProcess({
      DATABASE_URL: ctx.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: ctx.prefix,
    });
    workers.push(worker);
    return worker;
  };

  it('after the network took the post but before the worker recorded it, settling finds it: one post', async () => {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'x',
    );
    const target = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
    const posts = () => ledgerEntries(sandbox, { network: 'x', accountId: account.accountId, kind: 'post' });
    // The sandbox sits on the call long enough for the worker to die while it is in flight; the post is
    // created afterwards all the same, as a network that received the request would.
    await injectFault(sandbox, {
      network: 'x',
      route: '^POST /x/2/tweets$',
      accountId: account.accountId,
      count: 1,
      action: { kind: 'latency', ms: 2500 },
    });

    const first = await startWorker();
    await ctx.scheduler.enqueue(target);
    await until(
      'the claim',
      () => reload(ctx.dataSource, target.id),
      (row) => row.state === 'publishing',
      30_000,
    );
    await first.kill('SIGKILL');
    await until('the post on the network', posts, (created) => created.length === 1, 10_000);
    expect((await reload(ctx.dataSource, target.id)).state).toBe('publishing');
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([null]);

    // Another worker, and the reconciler once the claim counts as stuck (3 minutes; asked here with a later now).
    await startWorker();
    expect((await ctx.reconciler.reconcile(new Date(Date.now() + 4 * 60 * 1000))).settling).toBe(1);
    const row = await until(
      'the settlement',
      () => reload(ctx.dataSource, target.id),
      (r) => r.state !== 'publishing',
      30_000,
    );
    const created = await posts();
    expect(created).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: created[0].objectId });
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([
      'unknown',
      'settled_by_read_back',
    ]);
  });
});
