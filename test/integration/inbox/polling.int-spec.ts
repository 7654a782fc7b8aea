import { randomUUID } from 'node:crypto';
import type { InboundItem } from '@outside-in/platforms';
import { XAdapter } from '@outside-in/platforms';
import { ChannelConnections } from '@outside-in/channels';
import { createSandboxChannel, createTestOrganisation } from '../../support/channel-fixtures';
import { InboxContext, messagesOf, startInboxContext } from '../../support/inbox-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { crowdBurst, injectFault } from '../platforms/support/sandbox-controls';

describe('inbox: polling a channel into contacts, conversations and messages', () => {
  let ctx: InboxContext;
  let sandbox: TestSandbox;
  let organisationId: string;

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startInboxContext(), startSandbox()]);
    ({ organisationId } = await createTestOrganisation(ctx.dataSource));
  });
  afterAll(async () => {
    await ctx?.stop();
    await sandbox?.stop();
  });

  const xChannel = () => createSandboxChannel(ctx.dataSource, ctx.vault, sandbox, organisationId, 'x');

  /** Polls until a poll finds nothing new (the adapter's sweeps are done). */
  async function pollUntilQuiet(channelId: string): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < 10; i++) {
      const outcome = await ctx.poller.poll(channelId);
      expect(outcome.outcome).toBe('polled');
      inserted += outcome.inserted;
      if (outcome.inserted === 0) return inserted;
    }
    throw new Error('The channel never went quiet');
  }

  const cursorOf = async (channelId: string): Promise<string | null> =>
    (await ctx.dataSource.query(`SELECT inbound_cursor FROM channel WHERE id = $1`, [channelId]))[0]
      .inbound_cursor;

  it('stores a crowd burst once per item, threaded, with contacts, and records the cursor and the next poll', async () => {
    const { channel, account } = await xChannel();
    const delivered = await crowdBurst(sandbox, 'x', [account.accountId], 40, `inbox-${randomUUID()}`);
    expect(delivered).toBeGreaterThan(0);

    const inserted = await pollUntilQuiet(channel.id);
    const messages = await messagesOf(ctx.dataSource, channel.id);
    expect(inserted).toBe(messages.length);
    expect(messages.filter((m) => m.direction === 'in')).toHaveLength(delivered);
    expect(new Set(messages.map((m) => m.external_id)).size).toBe(messages.length);
    expect(messages.every((m) => m.author_contact_id !== null)).toBe(true);

    const [counts] = await ctx.dataSource.query(
      `SELECT (SELECT count(*)::int FROM conversation WHERE channel_id = $1) AS conversations,
              (SELECT count(*)::int FROM conversation WHERE channel_id = $1 AND contact_id IS NULL) AS without_contact,
              (SELECT count(*)::int FROM contact WHERE organisation_id = $2 AND network = 'x') AS contacts`,
      [channel.id, organisationId],
    );
    expect(counts.conversations).toBeGreaterThan(0);
    expect(counts.conversations).toBeLessThanOrEqual(messages.length);
    expect(counts.without_contact).toBe(0);
    expect(counts.contacts).toBeGreaterThan(0);

    expect(await cursorOf(channel.id)).not.toBeNull();
    const [poll] = await ctx.dataSource.query(`SELECT * FROM inbound_poll WHERE channel_id = $1`, [
      channel.id,
    ]);
    expect(new Date(poll.next_poll_at).getTime()).toBeGreaterThan(Date.now());
    expect(poll.last_error).toBeNull();
  });

  it('keeps one row per item when the same items come three times: a poll, a poll from the old cursor, a replay', async () => {
    const { channel, account } = await xChannel();
    const delivered = await crowdBurst(sandbox, 'x', [account.accountId], 25, `triple-${randomUUID()}`);
    const first = await pollUntilQuiet(channel.id);
    expect(first).toBe(delivered);

    // Second delivery: the cursor lost (as after a restore), everything fetched again.
    await ctx.dataSource.query(`UPDATE channel SET inbound_cursor = NULL WHERE id = $1`, [channel.id]);
    const again = await ctx.poller.poll(channel.id);
    expect(again.received).toBeGreaterThan(0);
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(again.received);

    // Third: the same items replayed straight into the ingestor (as a webhook replay would).
    const page = await ctx.app
      .get(ChannelConnections)
      .call(channel.id, (adapter, connection) => adapter.fetchInbound(connection, null));
    const replay = await ctx.ingestor.ingest(channel.id, page.items);
    expect(replay).toMatchObject({ inserted: 0, duplicates: page.items.length, newInbound: [] });

    const messages = await messagesOf(ctx.dataSource, channel.id);
    expect(messages).toHaveLength(delivered);
  });

  it('lets two ingestions of the same items race and still stores each item once', async () => {
    const { channel, account } = await xChannel();
    await crowdBurst(sandbox, 'x', [account.accountId], 20, `race-${randomUUID()}`);
    const page = await ctx.app
      .get(ChannelConnections)
      .call(channel.id, (adapter, connection) => adapter.fetchInbound(connection, null));
    const [a, b, c] = await Promise.all([
      ctx.ingestor.ingest(channel.id, page.items),
      ctx.ingestor.ingest(channel.id, [...page.items].reverse()),
      ctx.ingestor.ingest(channel.id, page.items),
    ]);
    expect(a.inserted + b.inserted + c.inserted).toBe(page.items.length);
    expect(await messagesOf(ctx.dataSource, channel.id)).toHaveLength(page.items.length);
  });

  it('stores the cursor with the batch: an ingest that fails leaves the cursor where it was, and nothing is skipped', async () => {
    const { channel, account } = await xChannel();
    const delivered = await crowdBurst(sandbox, 'x', [account.accountId], 10, `crash-${randomUUID()}`);
    await ctx.dataSource.query(`
      CREATE OR REPLACE FUNCTION inbox_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash during ingestion'; END $$`);
    await ctx.dataSource.query(
      `CREATE TRIGGER inbox_test_refuse BEFORE INSERT ON message FOR EACH ROW
       WHEN (NEW.channel_id = '${channel.id}') EXECUTE FUNCTION inbox_test_refuse()`,
    );
    try {
      await expect(ctx.poller.poll(channel.id)).rejects.toThrow('simulated crash during ingestion');
      expect(await cursorOf(channel.id)).toBeNull();
      const [poll] = await ctx.dataSource.query(`SELECT last_error FROM inbound_poll WHERE channel_id = $1`, [
        channel.id,
      ]);
      expect(poll.last_error).toMatch(/^Storing inbound items failed: simulated crash/);
      expect(await messagesOf(ctx.dataSource, channel.id)).toHaveLength(0);
    } finally {
      await ctx.dataSource.query(`DROP TRIGGER inbox_test_refuse ON message`);
    }
    expect(await pollUntilQuiet(channel.id)).toBe(delivered);
  });

  it('recognises our own messages echoed back: a reply we recorded is not stored twice, one sent on X is ours, not new', async () => {
    const council = await xChannel();
    const resident = await xChannel();
    const adapter = new XAdapter();
    const connections = ctx.app.get(ChannelConnections);
    await connections.call(resident.channel.id, (a, connection) =>
      a.sendDirectMessage(connection, {
        idempotencyKey: randomUUID(),
        recipientExternalId: council.account.accountId,
        text: 'My bin was not collected this week',
      }),
    );
    await pollUntilQuiet(council.channel.id);
    const [incoming] = await messagesOf(ctx.dataSource, council.channel.id);
    expect(incoming).toMatchObject({ direction: 'in', body: 'My bin was not collected this week' });

    // A reply sent through Outside In: the reply sender records its external id the moment X answers.
    const sent = await connections.call(council.channel.id, (_a, connection) =>
      adapter.sendDirectMessage(connection, {
        idempotencyKey: randomUUID(),
        recipientExternalId: resident.account.accountId,
        text: 'Sorry about that: we will collect it tomorrow',
      }),
    );
    await ctx.dataSource.query(
      `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, body, created_at, outbound_state)
       VALUES ($1, $2, $3, 'out', $4, 'Sorry about that: we will collect it tomorrow', now(), 'sent')`,
      [organisationId, incoming.conversation_id, council.channel.id, sent.externalId],
    );
    // A message someone sent from X's own app, which Outside In never saw going out.
    await connections.call(council.channel.id, (_a, connection) =>
      adapter.sendDirectMessage(connection, {
        idempotencyKey: randomUUID(),
        recipientExternalId: resident.account.accountId,
        text: 'PS: the crew has been told',
      }),
    );
    await ctx.dataSource.query(`UPDATE channel SET inbound_cursor = NULL WHERE id = $1`, [
      council.channel.id,
    ]);
    const page = await connections.call(council.channel.id, (a, connection) =>
      a.fetchInbound(connection, null),
    );
    const result = await ctx.ingestor.ingest(council.channel.id, page.items);
    expect(result).toMatchObject({ inserted: 1, echoes: 1, newInbound: [] });

    const messages = await messagesOf(ctx.dataSource, council.channel.id);
    expect(messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'My bin was not collected this week'],
      ['out', 'Sorry about that: we will collect it tomorrow'],
      ['out', 'PS: the crew has been told'],
    ]);
    expect(new Set(messages.map((m) => m.conversation_id)).size).toBe(1);
    expect(messages[2].author_contact_id).toBeNull();
    const [conversation] = await ctx.dataSource.query(
      `SELECT status, first_response_at FROM conversation WHERE id = $1`,
      [incoming.conversation_id],
    );
    expect(conversation.status).toBe('open');
    expect(conversation.first_response_at).not.toBeNull();
  });

  it('polls other networks through the same port (Mastodon)', async () => {
    const { channel, account } = await createSandboxChannel(
      ctx.dataSource,
      ctx.vault,
      sandbox,
      organisationId,
      'mastodon',
    );
    const delivered = await crowdBurst(sandbox, 'mastodon', [account.accountId], 15, `masto-${randomUUID()}`);
    expect(await pollUntilQuiet(channel.id)).toBe(delivered);
    const kinds = await ctx.dataSource.query(
      `SELECT DISTINCT kind FROM conversation WHERE channel_id = $1 ORDER BY kind`,
      [channel.id],
    );
    expect(kinds.length).toBeGreaterThan(0);
  });

  it('waits for the reset when the network rate-limits a poll, and does not call it before then', async () => {
    const { channel, account } = await xChannel();
    await injectFault(sandbox, {
      network: 'x',
      accountId: account.accountId,
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 300 },
    });
    const limited = await ctx.poller.poll(channel.id);
    expect(limited.outcome).toBe('rate_limited');
    const waitMs = limited.nextPollAt!.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(250_000);
    expect(waitMs).toBeLessThanOrEqual(302_000); // X gives the reset in whole seconds
    const [row] = await ctx.dataSource.query(`SELECT rate_limit FROM channel WHERE id = $1`, [channel.id]);
    expect(row.rate_limit).not.toBeNull();

    // Asked again before the reset (a job run twice), it does not call X at all.
    sandbox.takeResponses();
    const again = await ctx.poller.poll(channel.id);
    expect(again).toMatchObject({ outcome: 'rate_limited', pages: 0 });
    expect(sandbox.takeResponses().filter((r) => r.path.startsWith('/x/'))).toEqual([]);
  });

  it('slows a quiet channel down and speeds a busy one up', async () => {
    const { channel, account } = await xChannel();
    const interval = async () =>
      (
        await ctx.dataSource.query(`SELECT interval_ms FROM inbound_poll WHERE channel_id = $1`, [channel.id])
      )[0].interval_ms as number;
    await pollUntilQuiet(channel.id);
    const quiet = await interval();
    await ctx.poller.poll(channel.id);
    expect(await interval()).toBeGreaterThan(quiet);
    const slow = await interval();
    await crowdBurst(sandbox, 'x', [account.accountId], 5, `busy-${randomUUID()}`);
    const busy = await ctx.poller.poll(channel.id);
    expect(busy.inserted).toBeGreaterThan(0);
    expect(await interval()).toBeLessThan(slow);
  });

  describe('threading and conversation state (synthetic items)', () => {
    let channelId: string;
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 9, minutes));
    const item = (overrides: Partial<InboundItem> & { externalId: string }): InboundItem => ({
      kind: 'mention',
      threadKey: overrides.externalId,
      author: {
        externalId: 'resident-1',
        handle: 'resident1',
        displayName: 'Rhian Jones',
        profileUrl: 'https://x.com/resident1',
      },
      text: `Message ${overrides.externalId}`,
      createdAt: at(0),
      fromAccount: false,
      raw: { id: overrides.externalId },
      ...overrides,
    });

    beforeAll(async () => {
      channelId = (await xChannel()).channel.id;
    });

    it('puts a reply into the conversation of the message it answers, whatever its thread key', async () => {
      await ctx.ingestor.ingest(channelId, [item({ externalId: 't-root', createdAt: at(1) })]);
      await ctx.ingestor.ingest(channelId, [
        item({
          externalId: 't-reply',
          threadKey: 'something-else',
          inReplyToExternalId: 't-root',
          createdAt: at(2),
        }),
        item({
          externalId: 't-reply-2',
          threadKey: 'another',
          inReplyToExternalId: 't-reply',
          createdAt: at(3),
        }),
      ]);
      const rows = await ctx.dataSource.query(
        `SELECT external_id, conversation_id FROM message WHERE channel_id = $1 AND external_id LIKE 't-%'`,
        [channelId],
      );
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r: { conversation_id: string }) => r.conversation_id)).size).toBe(1);
      const [conversation] = await ctx.dataSource.query(
        `SELECT thread_key, first_message_at, last_message_at FROM conversation WHERE id = $1`,
        [rows[0].conversation_id],
      );
      expect(conversation.thread_key).toBe('t-root');
      expect(new Date(conversation.last_message_at)).toEqual(at(3));
    });

    it('reopens a closed conversation on a new message from the public, and not on a repeat', async () => {
      const first = await ctx.ingestor.ingest(channelId, [
        item({ externalId: 'r-1', kind: 'direct_message', threadKey: 'dm-resident-2', createdAt: at(5) }),
      ]);
      const conversationId = first.newInbound[0].conversationId;
      await ctx.dataSource.query(
        `UPDATE conversation SET status = 'closed', resolved_at = now() WHERE id = $1`,
        [conversationId],
      );
      const repeat = await ctx.ingestor.ingest(channelId, [
        item({ externalId: 'r-1', kind: 'direct_message', threadKey: 'dm-resident-2', createdAt: at(5) }),
      ]);
      expect(repeat).toMatchObject({ inserted: 0, duplicates: 1 });
      const stillClosed = await ctx.dataSource.query(`SELECT status FROM conversation WHERE id = $1`, [
        conversationId,
      ]);
      expect(stillClosed[0].status).toBe('closed');

      await ctx.ingestor.ingest(channelId, [
        item({ externalId: 'r-2', kind: 'direct_message', threadKey: 'dm-resident-2', createdAt: at(6) }),
      ]);
      const [reopened] = await ctx.dataSource.query(
        `SELECT status, resolved_at, last_message_at FROM conversation WHERE id = $1`,
        [conversationId],
      );
      expect(reopened).toMatchObject({ status: 'open', resolved_at: null });
      expect(new Date(reopened.last_message_at)).toEqual(at(6));
    });

    it('keeps a known name when an event names the person only by id', async () => {
      await ctx.ingestor.ingest(channelId, [
        item({
          externalId: 'n-1',
          author: {
            externalId: 'resident-9',
            handle: 'resident-9',
            displayName: 'X user',
            profileUrl: 'https://x.com/i/user/resident-9',
            nameUnknown: true,
          },
        }),
      ]);
      await ctx.ingestor.ingest(channelId, [
        item({
          externalId: 'n-2',
          author: {
            externalId: 'resident-9',
            handle: 'gwen',
            displayName: 'Gwen Price',
            profileUrl: 'https://x.com/gwen',
          },
        }),
      ]);
      await ctx.ingestor.ingest(channelId, [
        item({
          externalId: 'n-3',
          author: {
            externalId: 'resident-9',
            handle: 'resident-9',
            displayName: 'X user',
            profileUrl: 'https://x.com/i/user/resident-9',
            nameUnknown: true,
          },
        }),
      ]);
      const [contact] = await ctx.dataSource.query(
        `SELECT handle, display_name FROM contact WHERE organisation_id = $1 AND network = 'x' AND external_id = 'resident-9'`,
        [organisationId],
      );
      expect(contact).toEqual({ handle: 'gwen', display_name: 'Gwen Price' });
    });

    it('leaves out an item no table can hold without failing the rest of its batch', async () => {
      const result = await ctx.ingestor.ingest(channelId, [
        item({ externalId: 'x'.repeat(400) }),
        item({ externalId: 'ok-1', threadKey: 'k'.repeat(500), language: 'en-GB-oxendict-x-verylongtag' }),
      ]);
      expect(result).toMatchObject({ received: 2, inserted: 1, skipped: 1, duplicates: 0 });
      const [row] = await ctx.dataSource.query(
        `SELECT m.language, length(c.thread_key) AS key_length FROM message m JOIN conversation c ON c.id = m.conversation_id
          WHERE m.channel_id = $1 AND m.external_id = 'ok-1'`,
        [channelId],
      );
      expect(row).toEqual({ language: 'en-GB-oxendict-x-ver', key_length: 300 });
    });

    it('finds messages by full-text search', async () => {
      await ctx.ingestor.ingest(channelId, [
        item({ externalId: 's-1', text: 'Pothole on Heol y Frenhines is getting worse' }),
      ]);
      const rows = await ctx.dataSource.query(
        `SELECT external_id FROM message WHERE channel_id = $1 AND search @@ plainto_tsquery('simple', 'pothole frenhines')`,
        [channelId],
      );
      expect(rows).toEqual([{ external_id: 's-1' }]);
    });
  });
});
