import { randomUUID } from 'node:crypto';
import { ChannelConnections } from '@outside-in/channels';
import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { createFacebookChannel } from '../../support/inbox-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { injectFault, ledgerEntries } from '../platforms/support/sandbox-controls';
import {
  attemptsOf,
  createTestPostTarget,
  PublishingContext,
  reload,
  startPublishingContext,
} from './support/publishing-context';

/**
 * An unknown outcome is settled by reading the channel back, however many posts went out after it: more than one
 * page of the network's read-back (Graph's largest is 100, Mastodon's 40). CI's chaos run once sent 48 posts of a
 * Facebook page beside one whose answer was lost; a read-back of the newest 40 missed it, the retry met Graph's
 * duplicate check and the post failed although it was out. Here the posts after it go out through the adapter,
 * as a person posting on the page meanwhile would.
 */
describe('publishing: reading back past a busy channel', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  let org: TestOrganisation;

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startPublishingContext({ settleDelayMs: 200 }), startSandbox()]);
    org = await createTestOrganisation(ctx.dataSource);
    // Beyond 30 posts a minute Graph blocks a page for going too fast; this test is not about that.
    const limited = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'facebook',
      endpoint: 'feed_posts',
      limit: 1000,
      windowSeconds: 60,
    });
    expect(limited.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await ctx?.stop();
    await sandbox?.stop();
  });

  const cases = [
    { network: 'facebook', publishRoute: '^POST /meta/v[0-9.]+/[0-9]+/feed$', after: 105 },
    { network: 'mastodon', publishRoute: 'POST .*/api/v1/statuses$', after: 45 },
  ] as const;

  it.each(cases)(
    '$network: a lost answer followed by $after other posts is found and recorded, never sent twice',
    async ({ network, publishRoute, after }) => {
      const { channel } =
        network === 'facebook'
          ? await createFacebookChannel(ctx.dataSource, ctx.vault, sandbox, org.organisationId)
          : await createSandboxChannel(ctx.dataSource, ctx.vault, sandbox, org.organisationId, network);
      const accountId = channel.externalAccountId;
      const target = await createTestPostTarget(ctx.dataSource, { ...org, channelId: channel.id });
      await injectFault(sandbox, {
        network,
        route: publishRoute,
        accountId,
        count: 1,
        action: { kind: 'commit-then-drop' },
      });
      expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'unknown' });

      const connections = ctx.app.get(ChannelConnections);
      for (let from = 0; from < after; from += 15) {
        await Promise.all(
          Array.from({ length: Math.min(15, after - from) }, (_, n) =>
            connections.call(channel.id, (adapter, connection) =>
              adapter.publish(connection, {
                idempotencyKey: randomUUID(),
                parts: [{ text: `Meanwhile ${from + n}: bin collections move to Friday ${randomUUID()}` }],
              }),
            ),
          ),
        );
      }

      const { claimToken } = await reload(ctx.dataSource, target.id);
      expect(await ctx.runner.settle(target.id, claimToken!)).toMatchObject({
        kind: 'published',
        settledByReadBack: true,
      });
      const copies = (await ledgerEntries(sandbox, { network, accountId, kind: 'post' })).filter(
        (entry) => entry.content === target.parts[0].text,
      );
      expect(copies).toHaveLength(1);
      expect(await reload(ctx.dataSource, target.id)).toMatchObject({
        state: 'published',
        externalId: copies[0].objectId,
      });
      expect((await attemptsOf(ctx.dataSource, target.id)).map((a) => a.outcome)).toEqual([
        'unknown',
        'settled_by_read_back',
      ]);
    },
  );
});
