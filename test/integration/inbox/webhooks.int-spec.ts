import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { ChannelConnections } from '@outside-in/channels';
import { InstagramAdapter } from '@outside-in/platforms';
import type { Channel } from '@outside-in/database';
import { createTestOrganisation } from '../../support/channel-fixtures';
import { startApi, TestApi } from '../../support/api-harness';
import {
  createFacebookChannel,
  InboxContext,
  insertChannel,
  MetaCredentials,
  messagesOf,
  startInboxContext,
} from '../../support/inbox-fixtures';
import { SandboxAccountCredentials, startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { crowdBurst } from '../platforms/support/sandbox-controls';

interface XCredentials {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  consumerSecret: string;
  bearerToken: string;
}

const VERIFY_TOKEN = `verify-${randomUUID()}`;

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs = 15_000,
): Promise<T> {
  const until = Date.now() + withinMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await probe();
  }
  return value;
}

describe('inbox: webhooks from Meta and X', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let ctx: InboxContext;
  let page: SandboxAccountCredentials<MetaCredentials>;
  let council: SandboxAccountCredentials<XCredentials>;
  let organisationId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    page = await sandbox.createAccount<MetaCredentials>('facebook');
    council = await sandbox.createAccount<XCredentials>('x');
    api = await startApi({
      META_APP_SECRET: page.credentials.appSecret,
      META_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
      X_CONSUMER_SECRET: council.credentials.consumerSecret,
    });
    ctx = await startInboxContext({ databaseUrl: api.database.url });
    ({ organisationId } = await createTestOrganisation(ctx.dataSource));
  });
  afterAll(async () => {
    await ctx?.stop();
    await api?.stop();
    await sandbox?.stop();
  });

  const storedEvents = async (): Promise<Array<{ id: string; source: string; processed_at: Date | null }>> =>
    ctx.dataSource.query(`SELECT id, source, processed_at FROM webhook_event ORDER BY received_at`);

  const metaSign = (secret: string, body: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const xSign = (secret: string, body: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

  describe('verification', () => {
    it("answers Meta's subscription check only with our verify token", async () => {
      const ok = await request(api.url)
        .get('/api/webhooks/meta')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' })
        .expect(200);
      expect(ok.text).toBe('1158201444');
      const wrong = await request(api.url)
        .get('/api/webhooks/meta')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' })
        .expect(403);
      expect(wrong.body.message).toMatch(/verify token/);
      await request(api.url).get('/api/webhooks/meta').expect(400);
    });

    it("answers X's CRC with the consumer secret's signature of the token", async () => {
      const answer = await request(api.url)
        .get('/api/webhooks/x')
        .query({ crc_token: 'challenge-123' })
        .expect(200);
      expect(answer.body).toEqual({
        response_token: xSign(council.credentials.consumerSecret, 'challenge-123'),
      });
      await request(api.url).get('/api/webhooks/x').expect(400);
    });
  });

  describe('forged and unsigned deliveries', () => {
    const metaBody = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: '1',
          time: 1,
          messaging: [
            { sender: { id: '2' }, recipient: { id: '1' }, message: { mid: 'm.forged', text: 'hi' } },
          ],
        },
      ],
    });
    const xBody = JSON.stringify({ for_user_id: '1', tweet_create_events: [] });

    it('refuses Meta deliveries without a valid X-Hub-Signature-256 and stores nothing', async () => {
      const post = () => request(api.url).post('/api/webhooks/meta').set('content-type', 'application/json');
      const unsigned = await post().send(metaBody).expect(403);
      expect(unsigned.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await post()
        .set('x-hub-signature-256', metaSign('not-the-app-secret', metaBody))
        .send(metaBody)
        .expect(403);
      // Signed, but for other bytes (a re-serialised body does not match).
      await post()
        .set('x-hub-signature-256', metaSign(page.credentials.appSecret, metaBody))
        .send(JSON.stringify(JSON.parse(metaBody), null, 2))
        .expect(403);
      await post().set('x-hub-signature-256', 'sha256=zz').send(metaBody).expect(403);
      await post()
        .set(
          'x-hub-signature',
          `sha1=${createHmac('sha1', page.credentials.appSecret).update(metaBody).digest('hex')}`,
        )
        .send(metaBody)
        .expect(403);
      expect(await storedEvents()).toEqual([]);
    });

    it('refuses X deliveries without a valid x-twitter-webhooks-signature and stores nothing', async () => {
      const post = () => request(api.url).post('/api/webhooks/x').set('content-type', 'application/json');
      await post().send(xBody).expect(403);
      await post()
        .set('x-twitter-webhooks-signature', xSign('not-the-secret', xBody))
        .send(xBody)
        .expect(403);
      await post()
        .set('x-twitter-webhooks-signature', metaSign(council.credentials.consumerSecret, xBody))
        .send(xBody)
        .expect(403);
      expect(await storedEvents()).toEqual([]);
    });

    it('refuses a body over the size limit without storing it', async () => {
      const big = JSON.stringify({ object: 'page', entry: [], padding: 'x'.repeat(1_100_000) });
      await request(api.url)
        .post('/api/webhooks/meta')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', metaSign(page.credentials.appSecret, big))
        .send(big)
        .expect(413);
      expect(await storedEvents()).toEqual([]);
    });
  });

  describe('signed deliveries from the sandbox', () => {
    let facebook: Channel;

    async function graph(method: string, path: string, token: string, body?: Record<string, unknown>) {
      const url = new URL(`${sandbox.url}/meta/v24.0/${path}`);
      url.searchParams.set('access_token', token);
      const response = await fetch(url, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = await response.json();
      if (!response.ok)
        throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer as Record<string, unknown>;
    }

    async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
      const { status, body: answer } = await sandbox.control<Record<string, unknown>>('POST', path, body);
      if (status >= 300) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
      return answer;
    }

    beforeAll(async () => {
      ({ channel: facebook } = await createFacebookChannel(
        ctx.dataSource,
        ctx.vault,
        sandbox,
        organisationId,
        page,
      ));
      const appToken = `${page.credentials.appId}|${page.credentials.appSecret}`;
      // The sandbox first checks the callback with Meta's GET (verify token, challenge) against our route.
      await graph('POST', `${page.credentials.appId}/subscriptions`, appToken, {
        object: 'page',
        callback_url: `${api.url}/api/webhooks/meta`,
        verify_token: VERIFY_TOKEN,
        fields: 'feed,messages',
      });
      await graph('POST', `${page.credentials.pageId}/subscribed_apps`, page.credentials.pageAccessToken, {
        subscribed_fields: 'feed,messages',
      });
    });

    it('stores a signed Meta delivery, processes it into messages, and a poll and a replay add nothing', async () => {
      const post = await ctx.app.get(ChannelConnections).call(facebook.id, (adapter, connection) =>
        adapter.publish(connection, {
          idempotencyKey: randomUUID(),
          parts: [{ text: `The library reopens on Monday ${randomUUID().slice(0, 6)}` }],
        }),
      );
      for (let i = 0; i < 3; i++)
        await control('/_sandbox/meta/inbound/comments', {
          objectId: post.externalId,
          message: `Will the café open too? (${i})`,
          citizenKey: `reader${i}`,
          citizenName: `Reader ${i}`,
        });
      await control('/_sandbox/meta/inbound/messages', {
        accountId: page.credentials.pageId,
        message: 'Can I return books early?',
        citizenKey: 'borrower',
        citizenName: 'Bethan Borrower',
      });

      // The page's own post, three comments and one message; Meta may batch them into fewer deliveries.
      const events = await waitFor(
        async () => {
          for (const event of await storedEvents())
            if (!event.processed_at) await ctx.webhookEvents.process(event.id);
          return messagesOf(ctx.dataSource, facebook.id);
        },
        (rows) => rows.length >= 4,
      );
      expect(events.map((m) => m.body).sort()).toEqual(
        [
          'Can I return books early?',
          'Will the café open too? (0)',
          'Will the café open too? (1)',
          'Will the café open too? (2)',
        ].sort(),
      );
      const stored = await storedEvents();
      expect(stored.every((e) => e.source === 'meta' && e.processed_at)).toBe(true);

      // Second path: polling finds the same items and stores nothing new.
      const poll = await ctx.poller.poll(facebook.id);
      expect(poll.received).toBeGreaterThanOrEqual(4);
      expect(poll.inserted).toBe(0);
      // Third: the deliveries replayed.
      await ctx.dataSource.query(`UPDATE webhook_event SET processed_at = NULL`);
      for (const event of stored) {
        const replay = await ctx.webhookEvents.process(event.id);
        expect(replay.inserted).toBe(0);
      }
      const after = await messagesOf(ctx.dataSource, facebook.id);
      expect(after).toHaveLength(4);
      expect(after.every((m) => m.direction === 'in')).toBe(true);
    });

    it('threads a Messenger conversation alike by webhook and by polling, and learns the name from polling', async () => {
      const first = await control('/_sandbox/meta/inbound/messages', {
        accountId: page.credentials.pageId,
        message: 'Is the swimming pool open?',
        citizenKey: 'swimmer',
        citizenName: 'Siân Swimmer',
      });
      const byWebhook = await waitFor(
        async () => {
          for (const event of await storedEvents())
            if (!event.processed_at) await ctx.webhookEvents.process(event.id);
          return (await messagesOf(ctx.dataSource, facebook.id)).filter(
            (m) => m.body === 'Is the swimming pool open?',
          );
        },
        (rows) => rows.length === 1,
      );
      expect(byWebhook).toHaveLength(1);
      const [contactBefore] = await ctx.dataSource.query(`SELECT display_name FROM contact WHERE id = $1`, [
        byWebhook[0].author_contact_id,
      ]);
      expect(contactBefore.display_name).toBe('Facebook user'); // Messenger webhooks name only the id

      // The page stops receiving webhooks; the next message comes by polling only.
      await graph('DELETE', `${page.credentials.pageId}/subscribed_apps`, page.credentials.pageAccessToken);
      await control('/_sandbox/meta/inbound/messages', {
        accountId: page.credentials.pageId,
        message: 'And the sauna?',
        citizenKey: 'swimmer',
        citizenName: 'Siân Swimmer',
      });
      for (let i = 0; i < 5; i++) if ((await ctx.poller.poll(facebook.id)).received === 0) break;
      const rows = (await messagesOf(ctx.dataSource, facebook.id)).filter((m) =>
        ['Is the swimming pool open?', 'And the sauna?'].includes(m.body),
      );
      expect(rows).toHaveLength(2);
      expect(rows[0].conversation_id).toBe(rows[1].conversation_id);
      expect(rows[0].author_contact_id).toBe(rows[1].author_contact_id);
      const [contactAfter] = await ctx.dataSource.query(
        `SELECT display_name, external_id FROM contact WHERE id = $1`,
        [rows[0].author_contact_id],
      );
      expect(contactAfter).toEqual({ display_name: 'Siân Swimmer', external_id: first.senderId });
    });

    it('takes an Instagram crowd burst by webhook, and polling the account then adds nothing', async () => {
      const ig = await sandbox.createAccount<MetaCredentials & { instagramUserId: string }>('instagram');
      expect(ig.credentials.appSecret).toBe(page.credentials.appSecret); // one sandbox app for every page
      const instagram = await insertChannel(ctx.dataSource, ctx.vault, {
        organisationId,
        network: 'instagram',
        externalAccountId: ig.credentials.instagramUserId,
        handle: ig.handle,
        baseUrl: `${sandbox.url}/meta`,
        credentials: { pageAccessToken: ig.credentials.pageAccessToken, pageId: ig.credentials.pageId },
      });
      const appToken = `${ig.credentials.appId}|${ig.credentials.appSecret}`;
      await graph('POST', `${ig.credentials.appId}/subscriptions`, appToken, {
        object: 'instagram',
        callback_url: `${api.url}/api/webhooks/meta`,
        verify_token: VERIFY_TOKEN,
        fields: 'comments,messages',
      });
      await graph('POST', `${ig.credentials.pageId}/subscribed_apps`, ig.credentials.pageAccessToken, {
        subscribed_fields: 'feed,messages',
      });
      // The crowd comments on recent media: give the account one (the sandbox takes any image URL).
      await new InstagramAdapter({ mediaUrl: async () => 'https://media.example.org/van.jpg' }).publish(
        {
          channelId: instagram.id,
          network: 'instagram',
          externalAccountId: ig.credentials.instagramUserId,
          handle: ig.handle,
          baseUrl: `${sandbox.url}/meta`,
          credentials: { pageAccessToken: ig.credentials.pageAccessToken, pageId: ig.credentials.pageId },
        },
        {
          idempotencyKey: randomUUID(),
          parts: [
            {
              text: 'Our new mobile library',
              media: [{ data: Buffer.from('img'), mimeType: 'image/jpeg', altText: 'A van full of books' }],
            },
          ],
        },
      );
      const delivered = await crowdBurst(
        sandbox,
        'instagram',
        [ig.credentials.instagramUserId],
        12,
        `ig-${randomUUID()}`,
      );
      const messages = await waitFor(
        async () => {
          for (const event of await storedEvents())
            if (!event.processed_at) await ctx.webhookEvents.process(event.id);
          return messagesOf(ctx.dataSource, instagram.id);
        },
        (rows) => rows.length >= delivered,
      );
      expect(messages).toHaveLength(delivered);
      const kinds = await ctx.dataSource.query(
        `SELECT DISTINCT c.kind FROM conversation c WHERE c.channel_id = $1 ORDER BY c.kind`,
        [instagram.id],
      );
      expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['comment_thread', 'direct']);
      let inserted = 0;
      for (let i = 0; i < 6; i++) {
        const poll = await ctx.poller.poll(instagram.id);
        inserted += poll.inserted;
        if (poll.received === 0) break;
      }
      expect(inserted).toBe(0);
    });

    it('stores signed X Account Activity deliveries and processes mentions and DMs, once each', async () => {
      const x = await insertChannel(ctx.dataSource, ctx.vault, {
        organisationId,
        network: 'x',
        externalAccountId: council.accountId,
        handle: council.handle,
        baseUrl: `${sandbox.url}/x`,
        credentials: {
          accessToken: council.credentials.accessToken,
          refreshToken: council.credentials.refreshToken,
          clientId: council.credentials.clientId,
          clientSecret: council.credentials.clientSecret,
        },
      });
      // Register our route (the sandbox runs the CRC against it) and subscribe the council's account.
      const registered = await fetch(`${sandbox.url}/x/2/webhooks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${council.credentials.bearerToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ url: `${api.url}/api/webhooks/x` }),
      });
      const webhook = (await registered.json()) as { data: { id: string; valid: boolean } };
      expect(registered.status).toBe(200);
      expect(webhook.data.valid).toBe(true);
      const subscribed = await fetch(
        `${sandbox.url}/x/2/account_activity/webhooks/${webhook.data.id}/subscriptions/all`,
        { method: 'POST', headers: { authorization: `Bearer ${council.credentials.accessToken}` } },
      );
      expect(subscribed.status).toBeLessThan(300);

      const delivered = await crowdBurst(sandbox, 'x', [council.accountId], 12, `webhook-${randomUUID()}`);
      const messages = await waitFor(
        async () => {
          for (const event of await storedEvents())
            if (!event.processed_at) await ctx.webhookEvents.process(event.id);
          return messagesOf(ctx.dataSource, x.id);
        },
        (rows) => rows.length >= delivered,
      );
      expect(messages).toHaveLength(delivered);
      expect((await storedEvents()).filter((e) => e.source === 'x').length).toBeGreaterThan(0);

      // Polling the same channel finds the same items: nothing new.
      let inserted = 0;
      for (let i = 0; i < 5; i++) {
        const poll = await ctx.poller.poll(x.id);
        inserted += poll.inserted;
        if (poll.received === 0) break;
      }
      expect(inserted).toBe(0);
      expect(await messagesOf(ctx.dataSource, x.id)).toHaveLength(delivered);
    });
  });

  it('processes events for a channel waiting to be reconnected, not for a disabled one', async () => {
    const channelFor = async (pageId: string, status: string) => {
      const channel = await insertChannel(ctx.dataSource, ctx.vault, {
        organisationId,
        network: 'facebook',
        externalAccountId: pageId,
        handle: pageId,
        baseUrl: `${sandbox.url}/meta`,
        credentials: { pageAccessToken: 'unused' },
      });
      await ctx.dataSource.query(`UPDATE channel SET status = $2 WHERE id = $1`, [channel.id, status]);
      return channel;
    };
    const waiting = await channelFor('page-waiting', 'needs_reconnect');
    const disabled = await channelFor('page-disabled', 'disabled');
    const event = (pageId: string) =>
      JSON.stringify({
        object: 'page',
        entry: [
          {
            id: pageId,
            time: Date.now(),
            messaging: [
              {
                sender: { id: `psid-${pageId}` },
                recipient: { id: pageId },
                timestamp: Date.now(),
                message: { mid: `m_${randomUUID()}`, text: 'Hello?' },
              },
            ],
          },
        ],
      });
    const outcomes = [];
    for (const pageId of ['page-waiting', 'page-disabled']) {
      const [row] = await ctx.dataSource.query(
        `INSERT INTO webhook_event (source, headers, raw_body) VALUES ('meta', '{}', $1) RETURNING id`,
        [event(pageId)],
      );
      outcomes.push(await ctx.webhookEvents.process(row.id));
    }
    expect(outcomes[0]).toMatchObject({ outcome: 'processed', inserted: 1, unmatchedAccounts: 0 });
    expect(outcomes[1]).toMatchObject({ outcome: 'processed', inserted: 0, unmatchedAccounts: 1 });
    expect(await messagesOf(ctx.dataSource, waiting.id)).toHaveLength(1);
    expect(await messagesOf(ctx.dataSource, disabled.id)).toHaveLength(0);
  });

  it('marks an unreadable event processed with the reason, without retrying it', async () => {
    const [row] = await ctx.dataSource.query(
      `INSERT INTO webhook_event (source, headers, raw_body) VALUES ('meta', '{}', 'not json') RETURNING id`,
    );
    expect(await ctx.webhookEvents.process(row.id)).toMatchObject({ outcome: 'unreadable' });
    const [stored] = await ctx.dataSource.query(
      `SELECT processed_at, error FROM webhook_event WHERE id = $1`,
      [row.id],
    );
    expect(stored.processed_at).not.toBeNull();
    expect(stored.error).toMatch(/JSON/);
    expect(await ctx.webhookEvents.process(row.id)).toMatchObject({ outcome: 'already_processed' });
  });
});
