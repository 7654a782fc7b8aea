import { ChannelConnections } from '@outside-in/channels';
import { contentFingerprint, PostTargetRepository } from '@outside-in/publishing';
import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { LedgerEntry, ledgerEntries } from '../platforms/support/sandbox-controls';
import {
  attemptsOf,
  createTestPostTarget,
  PublishingContext,
  reload,
  startPublishingContext,
} from './support/publishing-context';

/** Threads: a failure or a crash part-way never sends a part twice; a later attempt carries on after the last. */
describe('publishing: threads', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  let org: TestOrganisation;

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startPublishingContext({ settleDelayMs: 200 }), startSandbox()]);
    org = await createTestOrganisation(ctx.dataSource);
  });
  afterAll(async () => {
    await ctx?.stop();
    await sandbox?.stop();
  });

  async function xThread(texts: string[]) {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      org.organisationId,
      'x',
    );
    const target = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { parts: texts.map((text) => ({ text, mediaIds: [] })) },
    );
    const created = async (): Promise<LedgerEntry[]> =>
      (await ledgerEntries(sandbox, { network: 'x', accountId: account.accountId })).filter(
        (entry) => entry.kind === 'post' || entry.kind === 'reply',
      );
    return { channel, target, created };
  }

  const texts = (label: string) => [
    `Storm update ${label}: the seafront road is closed.`,
    `Storm update ${label}: sandbags are at the leisure centre.`,
    `Storm update ${label}: call 999 if life is at risk.`,
  ];

  it('publishes a thread as a reply chain and records every part', async () => {
    const { target, created } = await xThread(texts(`a${Date.now()}`));
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    const row = await reload(ctx.dataSource, target.id);
    const ledger = await created();
    expect(ledger.map((entry) => entry.content)).toEqual(
      expect.arrayContaining(target.parts.map((p) => p.text)),
    );
    expect(ledger).toHaveLength(3);
    expect(row.publishedParts!.map((part) => part.externalId)).toHaveLength(3);
    expect(row.externalId).toBe(row.publishedParts![0].externalId);
  });

  it('a worker that died after the first part: settling finds it and carries on with the rest, each part once', async () => {
    const { target, created } = await xThread(texts(`b${Date.now()}`));
    const claim = await ctx.app
      .get(PostTargetRepository)
      .claim(target, contentFingerprint(target.parts[0].text));
    // The dead worker's call got the first part out and nothing more.
    await ctx.app.get(ChannelConnections).call(target.channelId, (adapter, connection) =>
      adapter.publish(connection, {
        idempotencyKey: 'first-part',
        parts: [{ text: target.parts[0].text }],
      }),
    );
    expect(await ctx.runner.settle(target.id, claim!.token)).toMatchObject({ kind: 'published' });

    const ledger = await created();
    expect(ledger).toHaveLength(3);
    const row = await reload(ctx.dataSource, target.id);
    const [root, second, third] = row.publishedParts!;
    expect(ledger.find((entry) => entry.objectId === root.externalId)?.content).toBe(target.parts[0].text);
    expect(ledger.find((entry) => entry.objectId === second.externalId)?.parentId).toBe(root.externalId);
    expect(ledger.find((entry) => entry.objectId === third.externalId)?.parentId).toBe(second.externalId);
  });

  it('a part refused half-way fails the target saying which parts went out, and keeps them', async () => {
    const label = `c${Date.now()}`;
    const parts = texts(label);
    const { channel, target, created } = await xThread(parts);
    // X refuses the same text twice in 24 hours: post the second part's text alone first.
    const earlier = await createTestPostTarget(
      ctx.dataSource,
      { ...org, channelId: channel.id },
      { text: parts[1] },
    );
    expect(await ctx.runner.run(earlier.id, earlier.version)).toMatchObject({ kind: 'published' });

    const outcome = await ctx.runner.run(target.id, target.version);
    expect(outcome).toMatchObject({ kind: 'failed' });
    const row = await reload(ctx.dataSource, target.id);
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(
      /^The first 1 of the 3 posts of this thread went out \(.+\); the rest did not\. /,
    );
    expect(row.publishedParts).toHaveLength(1);
    const ledger = await created();
    expect(ledger.filter((entry) => entry.content === parts[0])).toHaveLength(1);
    expect(ledger).toHaveLength(2);
    expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual(['failed']);
  });
});
