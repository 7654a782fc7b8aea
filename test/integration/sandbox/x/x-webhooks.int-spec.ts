import { createHmac } from 'node:crypto';
import { TwitterApi } from 'twitter-api-v2';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  apiError,
  clientSettings,
  expectValidXResponses,
  startWebhookReceiver,
  startXSandbox,
  WebhookReceiver,
  xAccount,
  xClient,
  XTestAccount,
} from './x-test-kit';

/** The documented algorithm, written out here independently of the sandbox's code. */
function sign(consumerSecret: string, message: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

interface MentionPayload {
  for_user_id: string;
  user_has_blocked?: string;
  tweet_create_events: Array<{ id_str: string; text: string; user: { id_str: string; screen_name: string } }>;
}

interface DmPayload {
  for_user_id: string;
  direct_message_events: Array<{
    type: string;
    id: string;
    message_create: { sender_id: string; target: { recipient_id: string }; message_data: { text: string } };
  }>;
  users: Record<string, { screen_name: string }>;
}

describe('X sandbox: Account Activity webhooks (CRC and signed deliveries)', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;
  let resident: XTestAccount;
  let appClient: TwitterApi;
  let receiver: WebhookReceiver;
  let webhookId: string;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'conwycouncil');
    resident = await xAccount(sandbox, 'gareth_conwy');
    appClient = xClient(sandbox, council.credentials.bearerToken);
    receiver = await startWebhookReceiver((token) => ({
      status: 200,
      body: JSON.stringify({ response_token: sign(council.credentials.consumerSecret, token) }),
    }));
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(async () => {
    await receiver.close();
    await sandbox.stop();
  });

  it('registers a webhook only after it answers the CRC check correctly', async () => {
    const crcTokens: string[] = [];
    const correct = receiver.answerCrc;
    receiver.answerCrc = (token) => {
      crcTokens.push(token);
      return {
        status: 200,
        body: JSON.stringify({ response_token: sign('not-the-consumer-secret', token) }),
      };
    };
    const refused = await apiError(appClient.v2.post('webhooks', { url: receiver.url }));
    expect(refused.code).toBe(400);
    expect(JSON.stringify(refused.errors)).toContain('CRC validation failed');
    expect(crcTokens).toHaveLength(1);

    receiver.answerCrc = (token) => {
      crcTokens.push(token);
      return correct(token);
    };
    const created = await appClient.v2.post<{ data: { id: string; url: string; valid: boolean } }>(
      'webhooks',
      {
        url: receiver.url,
      },
    );
    expect(created.data).toMatchObject({
      url: receiver.url,
      valid: true,
      id: expect.stringMatching(/^\d+$/),
    });
    webhookId = created.data.id;
    expect(crcTokens).toHaveLength(2);
    expect(crcTokens[1]).not.toBe(crcTokens[0]);

    const list = await appClient.v2.get<{ data: Array<{ id: string }> }>('webhooks');
    expect(list.data.map((w) => w.id)).toEqual([webhookId]);
    const revalidated = await appClient.v2.put<{ data: { valid: boolean } }>(`webhooks/${webhookId}`);
    expect(revalidated.data.valid).toBe(true);
  });

  it('takes webhook registration only with the app-only bearer token', async () => {
    const error = await apiError(council.client.v2.post('webhooks', { url: receiver.url }));
    expect(error.code).toBe(403);
  });

  it('delivers a mention, signed with the consumer secret, to the subscribed user’s webhook', async () => {
    const subscribed = await council.client.v2.post<{ data: { subscribed: boolean } }>(
      `account_activity/webhooks/${webhookId}/subscriptions/all`,
    );
    expect(subscribed.data.subscribed).toBe(true);
    const check = await council.client.v2.get<{ data: { subscribed: boolean } }>(
      `account_activity/webhooks/${webhookId}/subscriptions/all`,
    );
    expect(check.data.subscribed).toBe(true);
    const list = await appClient.v2.get<{ data: { subscriptions: Array<{ user_id: string }> } }>(
      `account_activity/webhooks/${webhookId}/subscriptions/all/list`,
    );
    expect(list.data.subscriptions).toEqual([{ user_id: council.userId }]);

    const before = receiver.received.length;
    const { data: mention } = await resident.client.v2.tweet(
      '@conwycouncil the A55 is flooded near Llanddulas',
    );
    await receiver.waitFor(before + 1);
    const delivery = receiver.received[before];
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['x-twitter-webhooks-signature']).toBe(
      sign(council.credentials.consumerSecret, delivery.body),
    );
    const payload = JSON.parse(delivery.body) as MentionPayload;
    expect(payload.for_user_id).toBe(council.userId);
    expect(payload.tweet_create_events[0]).toMatchObject({
      id_str: mention.id,
      text: '@conwycouncil the A55 is flooded near Llanddulas',
      user: { id_str: resident.userId, screen_name: 'gareth_conwy' },
    });
    // The numeric id is written with all its digits, as X does (consumers must read id_str).
    expect(delivery.body).toContain(`"id":${mention.id},`);
  });

  it('delivers DMs both ways: received and sent (so an inbox can recognise its own)', async () => {
    const before = receiver.received.length;
    await resident.client.v2.sendDmToParticipant(council.userId, {
      text: 'Is the tip open on bank holidays?',
    });
    await receiver.waitFor(before + 1);
    await council.client.v2.sendDmToParticipant(resident.userId, { text: 'Yes, 9am to 4pm.' });
    await receiver.waitFor(before + 2);
    const payloads = receiver.received.slice(before).map((d) => {
      expect(d.headers['x-twitter-webhooks-signature']).toBe(
        sign(council.credentials.consumerSecret, d.body),
      );
      return JSON.parse(d.body) as DmPayload;
    });
    expect(payloads.map((p) => p.direct_message_events[0].message_create.message_data.text)).toEqual([
      'Is the tip open on bank holidays?',
      'Yes, 9am to 4pm.',
    ]);
    expect(payloads[1].direct_message_events[0].message_create.sender_id).toBe(payloads[1].for_user_id);
    expect(payloads[0].users[resident.userId].screen_name).toBe('gareth_conwy');
  });

  it('delivers what the crowd of simulated citizens sends', async () => {
    const before = receiver.received.length;
    const configure = await fetch(`${sandbox.url}/_sandbox/crowd`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        seed: 'x-webhooks',
        ratePerMinute: 0,
        networks: ['x'],
        accountIds: [council.userId],
      }),
    });
    expect(configure.status).toBeLessThan(300);
    const burst = await fetch(`${sandbox.url}/_sandbox/crowd/burst`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 12, wait: true }),
    });
    expect(burst.status).toBeLessThan(300);
    await receiver.waitFor(before + 12, 10_000);
    const kinds = receiver.received
      .slice(before)
      .map((d) => Object.keys(JSON.parse(d.body) as object).join(','));
    expect(kinds.some((k) => k.includes('tweet_create_events'))).toBe(true);
    for (const delivery of receiver.received.slice(before)) {
      expect(delivery.headers['x-twitter-webhooks-signature']).toBe(
        sign(council.credentials.consumerSecret, delivery.body),
      );
    }
    const mentions = await council.client.v2.userMentionTimeline(council.userId, { max_results: 100 });
    expect(mentions.data.data.length).toBeGreaterThan(1);
  });

  it('retries a delivery the receiver did not accept', async () => {
    const before = receiver.received.length;
    receiver.failNext = 1;
    await resident.client.v2.tweet('@conwycouncil second try please');
    await receiver.waitFor(before + 2, 5000);
    const [failed, retried] = receiver.received.slice(before);
    expect(retried.body).toBe(failed.body);
    expect(JSON.parse(retried.body).tweet_create_events[0].text).toBe('@conwycouncil second try please');
  });

  it('stops delivering after the subscription is removed, and deletes the webhook', async () => {
    const removed = await appClient.v2.delete<{ data: { subscribed: boolean } }>(
      `account_activity/webhooks/${webhookId}/subscriptions/${council.userId}/all`,
    );
    expect(removed.data.subscribed).toBe(false);
    const before = receiver.received.length;
    await resident.client.v2.tweet('@conwycouncil nobody is listening now');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(before);
    const deleted = await appClient.v2.delete<{ data: { deleted: boolean } }>(`webhooks/${webhookId}`);
    expect(deleted.data.deleted).toBe(true);
  });

  it('issues the app-only bearer token through the client-credentials grant (appLogin)', async () => {
    const consumer = new TwitterApi(
      { appKey: council.credentials.consumerKey, appSecret: council.credentials.consumerSecret },
      clientSettings(sandbox),
    );
    const app = await consumer.appLogin();
    const list = await app.v2.get<{ meta: { result_count: number } }>('webhooks');
    expect(list.meta.result_count).toBe(0);
  });
});
