import { ConflictError } from '@outside-in/common';
import { Channel, MediaAsset, SYSTEM_ACTOR } from '@outside-in/database';
import { ChannelConnections } from '@outside-in/channels';
import { contentFingerprint, PostTargetRepository, publishJobId, settleJobId } from '@outside-in/publishing';
import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { clearFaults, injectFault, ledgerEntries, samplePng } from '../platforms/support/sandbox-controls';
import {
  attemptsOf,
  auditActionsOf,
  createTestPostTarget,
  PublishingContext,
  reload,
  startPublishingContext,
} from './support/publishing-context';

const TWEETS = '^POST /x/2/tweets$';

describe('publishing: the runner against the sandbox', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  let org: TestOrganisation;

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([
      startPublishingContext({
        holdRecheckMs: 300,
        heartbeatMs: 200,
        stuckAfterMs: 1500,
        retryBaseDelayMs: 200,
        retryMaxDelayMs: 400,
        settleDelayMs: 200,
        maxAttempts: 3,
      }),
      startSandbox(),
    ]);
    org = await createTestOrganisation(ctx.dataSource);
  });
  afterAll(async () => {
    await ctx?.stop();
    await sandbox?.stop();
  });

  /** A fresh X account per test: its faults, rate limits and ledger are its own. */
  async function xTarget(text?: string) {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'x',
    );
    const target = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id }, { text });
    const posts = () => ledgerEntries(sandbox, { network: 'x', accountId: account.accountId, kind: 'post' });
    return { channel, account, target, posts };
  }

  const publishCalls = () =>
    sandbox.responses.filter((response) => response.method === 'POST' && response.path === '/x/2/tweets')
      .length;

  it('publishes a due target once, records its id and link at once, and does nothing when run again', async () => {
    const { target, posts } = await xTarget();
    const outcome = await ctx.runner.run(target.id, target.version);
    expect(outcome).toMatchObject({ kind: 'published', settledByReadBack: false });

    const row = await reload(ctx.dataSource, target.id);
    const ledger = await posts();
    expect(ledger).toHaveLength(1);
    expect(ledger[0].content).toBe(target.parts[0].text);
    expect(row).toMatchObject({ state: 'published', externalId: ledger[0].objectId, claimToken: null });
    expect(row.externalUrl).toContain(ledger[0].objectId);
    expect(row.publishedAt).toBeInstanceOf(Date);

    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
    expect(await posts()).toHaveLength(1);
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual(['published']);
    expect(await auditActionsOf(ctx.dataSource, target.id)).toEqual([
      'post_target.publishing',
      'post_target.published',
    ]);
  });

  it('two runners racing on one target publish it once', async () => {
    const { target, posts } = await xTarget();
    const outcomes = await Promise.all([
      ctx.runner.run(target.id, target.version),
      ctx.runner.run(target.id, target.version),
      ctx.runner.run(target.id, target.version),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['published', 'skipped', 'skipped']);
    expect(await posts()).toHaveLength(1);
    expect(await attemptsOf(ctx.dataSource, target.id)).toHaveLength(1);
  });

  it('settles a commit-then-drop by reading back: recorded as published, never sent twice', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const first = await ctx.runner.run(target.id, target.version);
    expect(first).toMatchObject({ kind: 'unknown' });
    const unknown = await reload(ctx.dataSource, target.id);
    expect(unknown.state).toBe('publishing');
    expect(unknown.claimToken).not.toBeNull();
    expect(await ctx.queue.getJob(settleJobId(target.id, unknown.claimToken!))).toBeDefined();
    expect(await posts()).toHaveLength(1);

    // A run for the same version does not publish while the outcome is unknown.
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });

    const settled = await ctx.runner.settle(target.id, unknown.claimToken!);
    expect(settled).toMatchObject({ kind: 'published', settledByReadBack: true });
    const ledger = await posts();
    expect(ledger).toHaveLength(1);
    const row = await reload(ctx.dataSource, target.id);
    expect(row).toMatchObject({ state: 'published', externalId: ledger[0].objectId });
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([
      'unknown',
      'settled_by_read_back',
    ]);
    // The old claim's settle job, if it ran late, finds a newer claim and does nothing.
    expect(await ctx.runner.settle(target.id, unknown.claimToken!)).toMatchObject({ kind: 'skipped' });
  });

  it('settles an unknown outcome whose post never arrived by publishing it, once', async () => {
    const { account, target, posts } = await xTarget();
    // The connection is held and cut before the sandbox creates anything: the adapter cannot tell.
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'timeout', ms: 200 },
    });
    const first = await ctx.runner.run(target.id, target.version);
    expect(first).toMatchObject({ kind: 'unknown' });
    expect(await posts()).toHaveLength(0);
    const { claimToken } = await reload(ctx.dataSource, target.id);
    expect(await ctx.runner.settle(target.id, claimToken!)).toMatchObject({
      kind: 'published',
      settledByReadBack: false,
    });
    expect(await posts()).toHaveLength(1);
  });

  it('cancel wins against a job that has not claimed yet: the job does nothing', async () => {
    const { target, posts } = await xTarget();
    const cancelled = await ctx.dataSource.transaction((manager) =>
      ctx.scheduling.cancel(manager, { targetId: target.id, actor: SYSTEM_ACTOR }),
    );
    expect(cancelled).toMatchObject({ state: 'cancelled', version: target.version + 1 });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
    expect(await posts()).toHaveLength(0);
  });

  it('cancel or reschedule during publishing is refused, and the post is published once', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'latency', ms: 1500 },
    });
    const running = ctx.runner.run(target.id, target.version);
    while ((await reload(ctx.dataSource, target.id)).state !== 'publishing') {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const refusal = await ctx.dataSource
      .transaction((manager) => ctx.scheduling.cancel(manager, { targetId: target.id, actor: SYSTEM_ACTOR }))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as Error).message).toMatch(/being published right now/);
    const moving = await ctx.dataSource
      .transaction((manager) =>
        ctx.scheduling.reschedule(manager, {
          targetId: target.id,
          actor: SYSTEM_ACTOR,
          scheduledAt: new Date(Date.now() + 60 * 60 * 1000),
        }),
      )
      .catch((error: unknown) => error);
    expect(moving).toBeInstanceOf(ConflictError);
    expect((moving as Error).message).toMatch(/being published right now, so it cannot be rescheduled/);
    expect(await running).toMatchObject({ kind: 'published' });
    expect((await reload(ctx.dataSource, target.id)).state).toBe('published');
    expect(await posts()).toHaveLength(1);
  });

  it('reschedule bumps the version: the old job does nothing and a job for the new time is queued', async () => {
    const { target, posts } = await xTarget();
    const later = new Date(Date.now() + 60 * 60 * 1000);
    const moved = await ctx.dataSource.transaction((manager) =>
      ctx.scheduling.reschedule(manager, { targetId: target.id, actor: SYSTEM_ACTOR, scheduledAt: later }),
    );
    expect(moved).toMatchObject({ state: 'scheduled', version: target.version + 1 });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
    expect(await ctx.runner.run(target.id, moved.version)).toMatchObject({ kind: 'deferred' });
    expect(await posts()).toHaveLength(0);

    const job = await ctx.queue.getJob(publishJobId(moved));
    expect(job?.data).toEqual({ targetId: target.id, version: moved.version });
    expect(job!.delay).toBeGreaterThan(59 * 60 * 1000);
    expect(await auditActionsOf(ctx.dataSource, target.id)).toEqual(['post_target.rescheduled']);

    const stale = await ctx.dataSource
      .transaction((manager) =>
        ctx.scheduling.reschedule(manager, {
          targetId: target.id,
          actor: SYSTEM_ACTOR,
          scheduledAt: later,
          expectedVersion: target.version,
        }),
      )
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(ConflictError);
  });

  it('a job is queued only once the scheduling transaction commits, and not at all if it rolls back', async () => {
    const { target } = await xTarget();
    const later = new Date(Date.now() + 10 * 60 * 1000);
    await expect(
      ctx.dataSource.transaction(async (manager) => {
        await ctx.scheduling.reschedule(manager, {
          targetId: target.id,
          actor: SYSTEM_ACTOR,
          scheduledAt: later,
        });
        throw new Error('the rest of the change failed');
      }),
    ).rejects.toThrow('the rest of the change failed');
    expect(await ctx.queue.getJob(publishJobId({ ...target, version: target.version + 1 }))).toBeUndefined();
    expect((await reload(ctx.dataSource, target.id)).version).toBe(target.version);

    await ctx.dataSource.transaction(async (manager) => {
      await ctx.scheduling.reschedule(manager, {
        targetId: target.id,
        actor: SYSTEM_ACTOR,
        scheduledAt: later,
      });
      expect(
        await ctx.queue.getJob(publishJobId({ ...target, version: target.version + 1 })),
      ).toBeUndefined();
    });
    expect(await ctx.queue.getJob(publishJobId({ ...target, version: target.version + 1 }))).toBeDefined();
  });

  it('a 429 defers the target to the reset without calling again before it, and other channels go on', async () => {
    const { account, channel, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 120 },
    });
    const before = Date.now();
    const outcome = await ctx.runner.run(target.id, target.version);
    expect(outcome).toMatchObject({ kind: 'deferred' });
    const row = await reload(ctx.dataSource, target.id);
    expect(row).toMatchObject({ state: 'scheduled', attemptCount: 0, claimToken: null });
    expect(row.notBefore!.getTime()).toBeGreaterThan(before + 100_000);
    const limited = await ctx.dataSource.getRepository(Channel).findOneByOrFail({ id: channel.id });
    expect(new Date(limited.rateLimit!.resetAt).getTime()).toBe(row.notBefore!.getTime());
    const job = await ctx.queue.getJob(publishJobId(row));
    expect(job!.delay).toBeGreaterThan(100_000);

    // Run again before the reset (a reconciler, a stray job): the network is not called.
    const calls = publishCalls();
    expect(await ctx.runner.run(target.id, row.version)).toMatchObject({ kind: 'deferred' });
    const other = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
    expect(await ctx.runner.run(other.id, other.version)).toMatchObject({ kind: 'deferred' });
    expect(publishCalls()).toBe(calls);
    expect(await posts()).toHaveLength(0);
    // Deferred targets are on time, not missed, however long the wait.
    await ctx.reconciler.reconcile(new Date(Date.now() + 60 * 60 * 1000));
    expect((await reload(ctx.dataSource, target.id)).state).toBe('scheduled');

    const elsewhere = await xTarget();
    expect(await ctx.runner.run(elsewhere.target.id, elsewhere.target.version)).toMatchObject({
      kind: 'published',
    });
  });

  it('retries a transient 503 after a backoff, then publishes once', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'status', status: 503 },
    });
    const first = await ctx.runner.run(target.id, target.version);
    expect(first).toMatchObject({ kind: 'retrying' });
    const waiting = await reload(ctx.dataSource, target.id);
    expect(waiting).toMatchObject({ state: 'scheduled', attemptCount: 1 });
    expect(waiting.lastError).toMatch(/temporary problem/);
    expect(waiting.notBefore!.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(await ctx.queue.getJob(publishJobId(waiting))).toBeDefined();

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, waiting.notBefore!.getTime() - Date.now())),
    );
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    expect(await posts()).toHaveLength(1);
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([
      'retry',
      'published',
    ]);
  });

  it('gives up after the last attempt with a message saying so', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 3,
      action: { kind: 'status', status: 503 },
    });
    let outcome = await ctx.runner.run(target.id, target.version);
    for (let i = 0; i < 5 && outcome.kind === 'retrying'; i++) {
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, (outcome as { at: Date }).at.getTime() - Date.now())),
      );
      outcome = await ctx.runner.run(target.id, target.version);
    }
    expect(outcome).toMatchObject({ kind: 'failed' });
    const row = await reload(ctx.dataSource, target.id);
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/kept failing .* after 3 attempts/);
    expect(await posts()).toHaveLength(0);
  });

  it('content the network refuses fails with a message saying what to do', async () => {
    const { target, posts } = await xTarget(`Too long for X ${'a'.repeat(300)}`);
    const outcome = await ctx.runner.run(target.id, target.version);
    expect(outcome).toMatchObject({ kind: 'failed' });
    const row = await reload(ctx.dataSource, target.id);
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/^X refused this post: .* Edit it, then retry\.$/s);
    expect(await posts()).toHaveLength(0);
  });

  it('a duplicate is recorded as published only if read back; another target’s post does not count', async () => {
    const { channel, target, posts } = await xTarget();
    await ctx.runner.run(target.id, target.version);
    const copy = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { text: target.parts[0].text },
    );
    const outcome = await ctx.runner.run(copy.id, copy.version);
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect((await reload(ctx.dataSource, copy.id)).lastError).toMatch(/already posted/);
    expect(await posts()).toHaveLength(1);
  });

  it('a target found more than 15 minutes past due is missed, unless a person chose publish now', async () => {
    const { channel, target, posts } = await xTarget();
    const late = new Date(Date.now() - 20 * 60 * 1000);
    await ctx.dataSource.query(`UPDATE post_target SET scheduled_at = $2 WHERE id = $1`, [target.id, late]);
    expect(await ctx.runner.run(target.id, target.version)).toEqual({ kind: 'missed' });
    const row = await reload(ctx.dataSource, target.id);
    expect(row.state).toBe('missed');
    expect(row.lastError).toMatch(/Reschedule it or publish it now/);

    const byReconciler = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { scheduledAt: late },
    );
    const urgent = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { scheduledAt: late, publishNow: true },
    );
    const report = await ctx.reconciler.reconcile();
    expect(report.missed).toBeGreaterThanOrEqual(1);
    expect((await reload(ctx.dataSource, byReconciler.id)).state).toBe('missed');
    expect((await reload(ctx.dataSource, urgent.id)).state).toBe('scheduled');
    expect(await ctx.runner.run(urgent.id, urgent.version)).toMatchObject({ kind: 'published' });
    expect(await posts()).toHaveLength(1);
    expect(await auditActionsOf(ctx.dataSource, target.id)).toEqual(['post_target.missed']);

    // "Publish now" is also the retry of a missed target.
    const retried = await ctx.dataSource.transaction((manager) =>
      ctx.scheduling.publishNow(manager, { targetId: target.id, actor: SYSTEM_ACTOR }),
    );
    expect(await ctx.runner.run(target.id, retried.version)).toMatchObject({ kind: 'published' });
    expect(await posts()).toHaveLength(2);
  });

  it('an access refused even after a refresh fails the target and asks for the channel to be reconnected', async () => {
    const { account, channel, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 2,
      action: { kind: 'status', status: 401 },
    });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'failed' });
    expect((await reload(ctx.dataSource, target.id)).lastError).toMatch(/needs reconnecting/);
    expect((await ctx.dataSource.getRepository(Channel).findOneByOrFail({ id: channel.id })).status).toBe(
      'needs_reconnect',
    );
    // The next target on that channel fails without calling the network.
    const calls = publishCalls();
    const next = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
    expect(await ctx.runner.run(next.id, next.version)).toMatchObject({ kind: 'failed' });
    expect(publishCalls()).toBe(calls);
    expect(await posts()).toHaveLength(0);
  });

  it('the reconciler recreates the job of a due target whose job is gone, once', async () => {
    const { target } = await xTarget();
    await ctx.scheduler.enqueue(target);
    expect(await ctx.queue.getJob(publishJobId(target))).toBeDefined();
    await ctx.queue.obliterate({ force: true });
    expect(await ctx.queue.getJob(publishJobId(target))).toBeUndefined();

    const report = await ctx.reconciler.reconcile();
    expect(report.enqueued).toBeGreaterThanOrEqual(1);
    expect(await ctx.queue.getJob(publishJobId(target))).toBeDefined();
    const waiting = await ctx.queue.getWaitingCount();
    await ctx.reconciler.reconcile();
    expect(await ctx.queue.getWaitingCount()).toBe(waiting);
    await ctx.queue.obliterate({ force: true });
  });

  it('a claim whose worker died before calling is settled by the reconciler: read back, then published once', async () => {
    const { target, posts } = await xTarget();
    const claim = await ctx.app
      .get(PostTargetRepository)
      .claim(target, contentFingerprint(target.parts[0].text));
    expect(claim).not.toBeNull();
    // Not yet stuck: the claim is fresh.
    expect((await ctx.reconciler.reconcile()).settling).toBe(0);

    const report = await ctx.reconciler.reconcile(new Date(Date.now() + 4 * 60 * 1000));
    expect(report.settling).toBe(1);
    expect(await ctx.queue.getJob(settleJobId(target.id, claim!.token))).toBeDefined();
    expect(await ctx.runner.settle(target.id, claim!.token)).toMatchObject({
      kind: 'published',
      settledByReadBack: false,
    });
    expect(await posts()).toHaveLength(1);
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([
      'unknown',
      'published',
    ]);
    await ctx.queue.obliterate({ force: true });
  });

  it('a claim whose worker died after the post went out is settled as published without sending again', async () => {
    const { target, posts } = await xTarget();
    const claim = await ctx.app
      .get(PostTargetRepository)
      .claim(target, contentFingerprint(target.parts[0].text));
    // The worker's call reached the network, then the process was killed before recording anything.
    await ctx.app.get(ChannelConnections).call(target.channelId, (adapter, connection) =>
      adapter.publish(connection, {
        idempotencyKey: `${target.id}:${target.version}`,
        parts: [{ text: target.parts[0].text }],
      }),
    );
    expect(await ctx.runner.settle(target.id, claim!.token)).toMatchObject({
      kind: 'published',
      settledByReadBack: true,
    });
    const ledger = await posts();
    expect(ledger).toHaveLength(1);
    expect((await reload(ctx.dataSource, target.id)).externalId).toBe(ledger[0].objectId);
  });

  it('works the same on Mastodon: a dropped answer is settled by reading the HTML status back', async () => {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'mastodon',
    );
    const text = `Libraries open late on Thursday.\nDetails: https://example.gov.uk/libraries ${Date.now()}`;
    const target = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id }, { text });
    await injectFault(sandbox, {
      network: 'mastodon',
      route: 'POST .*/api/v1/statuses$',
      accountId: account.accountId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'unknown' });
    const { claimToken } = await reload(ctx.dataSource, target.id);
    expect(await ctx.runner.settle(target.id, claimToken!)).toMatchObject({
      kind: 'published',
      settledByReadBack: true,
    });
    const ledger = await ledgerEntries(sandbox, {
      network: 'mastodon',
      accountId: account.accountId,
      kind: 'post',
    });
    expect(ledger).toHaveLength(1);
    expect((await reload(ctx.dataSource, target.id)).externalId).toBe(ledger[0].objectId);
  });

  it('publishes images from the media library with their alt text, and fails clearly when one is gone', async () => {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'x',
    );
    const png = samplePng(4, 3, 200);
    const media = await ctx.dataSource.getRepository(MediaAsset).save({
      organisationId: org.organisationId,
      uploadedById: org.userId,
      filename: 'flood-map.png',
      mimeType: 'image/png',
      sizeBytes: png.length,
      sha256: 'a'.repeat(64),
      data: png,
      altText: 'Map of the roads closed by flooding in the town centre',
    });
    const target = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { parts: [{ text: `Flood map for today ${Date.now()}`, mediaIds: [media.id] }] },
    );
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    const created = await ledgerEntries(sandbox, { network: 'x', accountId: account.accountId });
    expect(created.map((entry) => entry.kind).sort()).toEqual(['media', 'post']);
    const { externalId } = await reload(ctx.dataSource, target.id);
    const shown = await fetch(
      `${sandbox.url}/x/2/tweets/${externalId}?expansions=attachments.media_keys&media.fields=alt_text`,
      { headers: { authorization: `Bearer ${account.credentials.accessToken as string}` } },
    );
    const body = (await shown.json()) as { includes?: { media?: Array<{ alt_text?: string }> } };
    expect(body.includes?.media?.map((m) => m.alt_text)).toEqual([media.altText]);

    const orphan = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { parts: [{ text: `Another map ${Date.now()}`, mediaIds: ['00000000-0000-4000-8000-000000000000'] }] },
    );
    expect(await ctx.runner.run(orphan.id, orphan.version)).toMatchObject({ kind: 'failed' });
    expect((await reload(ctx.dataSource, orphan.id)).lastError).toMatch(/no longer exists: edit the post/);
    expect(await ledgerEntries(sandbox, { network: 'x', accountId: account.accountId })).toHaveLength(2);
  });

  it('a paused channel holds its target without calling the network; it is published once resumed', async () => {
    const { channel, target, posts } = await xTarget();
    const [pause] = await ctx.dataSource.query(
      `INSERT INTO publishing_pause (organisation_id, channel_id, reason, paused_by_label)
       VALUES ($1, $2, 'period of national mourning', 'Test Owner') RETURNING id`,
      [org.organisationId, channel.id],
    );
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({
      kind: 'deferred',
      reason: 'publishing on this channel is paused: period of national mourning',
    });
    const held = await reload(ctx.dataSource, target.id);
    expect(held.state).toBe('scheduled');
    expect(await ctx.queue.getJob(publishJobId(held))).toBeDefined();
    expect(await posts()).toHaveLength(0);
    await ctx.dataSource.query(`UPDATE publishing_pause SET resumed_at = now() WHERE id = $1`, [pause.id]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, held.notBefore!.getTime() - Date.now())));
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    expect(await posts()).toHaveLength(1);
  });

  it('works the same on Bluesky: a dropped createRecord is settled by reading the record back', async () => {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'bluesky',
    );
    const target = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
    await injectFault(sandbox, {
      network: 'bluesky',
      route: 'com\\.atproto\\.repo\\.createRecord$',
      accountId: account.accountId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'unknown' });
    const { claimToken } = await reload(ctx.dataSource, target.id);
    expect(await ctx.runner.settle(target.id, claimToken!)).toMatchObject({
      kind: 'published',
      settledByReadBack: true,
    });
    const ledger = await ledgerEntries(sandbox, {
      network: 'bluesky',
      accountId: account.accountId,
      kind: 'post',
    });
    expect(ledger).toHaveLength(1);
    const row = await reload(ctx.dataSource, target.id);
    expect(row.externalId).toContain(ledger[0].objectId);
  });

  it('a live worker renews its claim during a slow call, so the reconciler never takes it over', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'latency', ms: 3000 },
    });
    const running = ctx.runner.run(target.id, target.version);
    while ((await reload(ctx.dataSource, target.id)).state !== 'publishing') {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // Longer than stuckAfterMs (1.5 s) into a call that takes 3 s.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await ctx.reconciler.reconcile()).settling).toBe(0);
    expect(await running).toMatchObject({ kind: 'published' });
    expect(await posts()).toHaveLength(1);
    expect(await attemptsOf(ctx.dataSource, target.id)).toHaveLength(1);
  });

  it('when the channel cannot be read back, settling waits between tries and finally asks a person', async () => {
    const { account, target, posts } = await xTarget();
    await injectFault(sandbox, {
      network: 'x',
      route: TWEETS,
      accountId: account.accountId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    await injectFault(sandbox, {
      network: 'x',
      route: '^GET /x/2/users/[^/]+/tweets$',
      accountId: account.accountId,
      action: { kind: 'status', status: 503 },
    });
    let outcome = await ctx.runner.run(target.id, target.version);
    const waits: number[] = [];
    for (let i = 0; i < 10 && outcome.kind === 'unknown'; i++) {
      waits.push(outcome.settleAt.getTime() - Date.now());
      const { claimToken } = await reload(ctx.dataSource, target.id);
      outcome = await ctx.runner.settle(target.id, claimToken!);
    }
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect((await reload(ctx.dataSource, target.id)).lastError).toMatch(
      /After 6 tries we still cannot tell whether it went out: check the channel/,
    );
    expect(waits).toHaveLength(5);
    expect(Math.min(...waits)).toBeGreaterThan(100);
    // Nothing was sent blindly: the one post is the one the dropped call created.
    expect(await posts()).toHaveLength(1);
    await clearFaults(sandbox, 'x');
  });

  it('when the headers say no calls are left, the next target waits for the reset without a certain 429', async () => {
    const { channel, target, posts } = await xTarget();
    const limited = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'x',
      endpoint: 'POST /2/tweets',
      limit: 1,
      windowSeconds: 120,
    });
    expect(limited.status).toBe(200);
    try {
      expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
      const row = await ctx.dataSource.getRepository(Channel).findOneByOrFail({ id: channel.id });
      expect(new Date(row.rateLimit!.resetAt).getTime()).toBeGreaterThan(Date.now() + 60_000);

      const calls = publishCalls();
      const next = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
      expect(await ctx.runner.run(next.id, next.version)).toMatchObject({ kind: 'deferred' });
      expect(publishCalls()).toBe(calls);
      expect(await attemptsOf(ctx.dataSource, next.id)).toEqual([]);
      expect(await posts()).toHaveLength(1);
    } finally {
      await sandbox.control('DELETE', '/_sandbox/rate-limits?network=x');
    }
  });
});
