import { ConflictError } from '@outside-in/common';
import { SYSTEM_ACTOR } from '@outside-in/database';
import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { injectFault, LedgerEntry, ledgerEntries } from '../platforms/support/sandbox-controls';
import {
  attemptsOf,
  createTestPostTarget,
  PublishingContext,
  reload,
  startPublishingContext,
} from './support/publishing-context';

const ROUNDS = 20;
/** Up to `ms` of delay: the runner reads several rows before it claims, so the person's side waits a little more. */
const jitter = (ms = 10) => new Promise((resolve) => setTimeout(resolve, Math.random() * ms));

/**
 * The races of issue 5, run many times at once with the two sides started together (a little jitter lets
 * either win): whichever lands first, the post is on the network once or not at all, and the row says which.
 * The deterministic orders are in publish-runner.int-spec.ts.
 */
describe('publishing: races, many at once', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  let org: TestOrganisation;

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([
      startPublishingContext({
        settleDelayMs: 300,
        // Twenty runs on one channel at once must each race the claim, not wait their turn for the channel.
        maxInFlightPerChannel: 1000,
      }),
      startSandbox(),
    ]);
    org = await createTestOrganisation(ctx.dataSource);
  });
  afterAll(async () => {
    await ctx?.stop();
    await sandbox?.stop();
  });

  async function dueTargets(label: string) {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'x',
    );
    const targets = [];
    for (let n = 0; n < ROUNDS; n++) {
      targets.push(
        await createTestPostTarget(
          ctx.dataSource,
          { ...org, channelId: channel.id },
          { text: `${label} ${n}: the swimming pool reopens ${Date.now()}` },
        ),
      );
    }
    const posts = () => ledgerEntries(sandbox, { network: 'x', accountId: account.accountId });
    return { targets, posts };
  }

  const copiesOf = (ledger: LedgerEntry[], text: string) =>
    ledger.filter((entry) => entry.content === text).length;

  it('two workers on one target, for many targets at once: each is claimed once and posted once', async () => {
    const { targets, posts } = await dueTargets('Two workers');
    const outcomes = await Promise.all(
      targets.map((target) =>
        Promise.all([
          jitter().then(() => ctx.runner.run(target.id, target.version)),
          jitter().then(() => ctx.runner.run(target.id, target.version)),
        ]),
      ),
    );
    const ledger = await posts();
    for (const [index, target] of targets.entries()) {
      expect(outcomes[index].map((o) => o.kind).sort()).toEqual(['published', 'skipped']);
      expect(copiesOf(ledger, target.parts[0].text)).toBe(1);
      expect(await attemptsOf(ctx.dataSource, target.id)).toHaveLength(1);
      expect((await reload(ctx.dataSource, target.id)).state).toBe('published');
    }
    expect(ledger).toHaveLength(ROUNDS);
  });

  it('cancel against publish: either cancelled and never posted, or refused and posted once', async () => {
    const { targets, posts } = await dueTargets('Cancel race');
    const results = await Promise.all(
      targets.map(async (target) => {
        const [run, cancel] = await Promise.all([
          jitter().then(() => ctx.runner.run(target.id, target.version)),
          jitter(200).then(() =>
            ctx.dataSource
              .transaction((manager) =>
                ctx.scheduling.cancel(manager, { targetId: target.id, actor: SYSTEM_ACTOR }),
              )
              .then(
                () => 'cancelled' as const,
                (error: unknown) => error,
              ),
          ),
        ]);
        return { target, run, cancel };
      }),
    );
    const ledger = await posts();
    const tally = { cancelled: 0, published: 0 };
    for (const { target, run, cancel } of results) {
      const row = await reload(ctx.dataSource, target.id);
      const copies = copiesOf(ledger, target.parts[0].text);
      if (cancel === 'cancelled') {
        tally.cancelled++;
        expect({ state: row.state, run: run.kind, copies }).toEqual({
          state: 'cancelled',
          run: 'skipped',
          copies: 0,
        });
        expect(await attemptsOf(ctx.dataSource, target.id)).toEqual([]);
      } else {
        tally.published++;
        expect(cancel).toBeInstanceOf(ConflictError);
        expect({ state: row.state, run: run.kind, copies }).toEqual({
          state: 'published',
          run: 'published',
          copies: 1,
        });
      }
    }
    expect(ledger).toHaveLength(tally.published);
    console.log(`Cancel against publish, ${ROUNDS} races: ${JSON.stringify(tally)}`);
  });

  it('reschedule against publish: either moved (the old job does nothing) or refused and posted once', async () => {
    const { targets, posts } = await dueTargets('Reschedule race');
    const later = new Date(Date.now() + 60 * 60 * 1000);
    const results = await Promise.all(
      targets.map(async (target) => {
        const [run, moved] = await Promise.all([
          jitter().then(() => ctx.runner.run(target.id, target.version)),
          jitter(200).then(() =>
            ctx.dataSource
              .transaction((manager) =>
                ctx.scheduling.reschedule(manager, {
                  targetId: target.id,
                  actor: SYSTEM_ACTOR,
                  scheduledAt: later,
                }),
              )
              .then(
                () => 'moved' as const,
                (error: unknown) => error,
              ),
          ),
        ]);
        return { target, run, moved };
      }),
    );
    const ledger = await posts();
    const tally = { moved: 0, published: 0 };
    for (const { target, run, moved } of results) {
      const row = await reload(ctx.dataSource, target.id);
      const copies = copiesOf(ledger, target.parts[0].text);
      if (moved === 'moved') {
        tally.moved++;
        expect({ state: row.state, version: row.version, run: run.kind, copies }).toEqual({
          state: 'scheduled',
          version: target.version + 1,
          run: 'skipped',
          copies: 0,
        });
        expect(row.scheduledAt).toEqual(later);
        // The job of the old version, run again later, still does nothing.
        expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
      } else {
        tally.published++;
        expect(moved).toBeInstanceOf(ConflictError);
        expect({ state: row.state, run: run.kind, copies }).toEqual({
          state: 'published',
          run: 'published',
          copies: 1,
        });
      }
    }
    expect(await posts()).toHaveLength(tally.published);
    console.log(`Reschedule against publish, ${ROUNDS} races: ${JSON.stringify(tally)}`);
  });

  it('new posts on a channel wait while an earlier one there is unsettled, so its read-back cannot miss it', async () => {
    // Found by the chaos test: a settle job queued behind a backlog while the channel went on publishing, until
    // the post was beyond the latest posts read back, and was sent again.
    const { targets, posts } = await dueTargets('Settle first');
    const [dropped, next] = targets;
    const [{ accountId }] = await ctx.dataSource.query(
      `SELECT external_account_id AS "accountId" FROM channel WHERE id = $1`,
      [dropped.channelId],
    );
    await injectFault(sandbox, {
      network: 'x',
      route: '^POST /x/2/tweets$',
      accountId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    expect(await ctx.runner.run(dropped.id, dropped.version)).toMatchObject({ kind: 'unknown' });
    expect(await ctx.runner.run(next.id, next.version)).toMatchObject({
      kind: 'deferred',
      reason: 'an earlier post on this channel is being checked first',
    });
    expect(await posts()).toHaveLength(1);

    const { claimToken } = await reload(ctx.dataSource, dropped.id);
    expect(await ctx.runner.settle(dropped.id, claimToken!)).toMatchObject({
      kind: 'published',
      settledByReadBack: true,
    });
    const waiting = await reload(ctx.dataSource, next.id);
    expect(await ctx.runner.run(next.id, waiting.version, waiting.notBefore!)).toMatchObject({
      kind: 'published',
    });
    expect((await posts()).map((entry) => entry.content)).toEqual([
      dropped.parts[0].text,
      next.parts[0].text,
    ]);
  });
});
