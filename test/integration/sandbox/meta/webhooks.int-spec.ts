import { Application, IGUser, Page } from 'facebook-nodejs-business-sdk';
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { citizenComment, citizenMessage } from './support/sandbox-controls';
import { sdkError, SandboxGraphApi } from './support/sandbox-graph-api';
import { ReceivedDelivery, WebhookReceiver } from './support/webhook-receiver';

/** Meta's documented check: X-Hub-Signature-256 is "sha256=" + hex HMAC-SHA256 of the raw body with the app secret. */
function verifySignature(delivery: ReceivedDelivery, appSecret: string): boolean {
  const header = String(delivery.headers['x-hub-signature-256'] ?? '');
  const expected = `sha256=${createHmac('sha256', appSecret).update(delivery.rawBody).digest('hex')}`;
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

describe('Meta sandbox: webhook verification and signed deliveries', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;
  let receiver: WebhookReceiver;
  let appApi: SandboxGraphApi;
  let callbackUrl: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', {
      handle: 'ceredigion',
      displayName: 'Ceredigion Council',
    });
    receiver = new WebhookReceiver('my-verify-token');
    callbackUrl = await receiver.start();
    appApi = new SandboxGraphApi(
      `${fb.credentials.appId}|${fb.credentials.appSecret}`,
      `${sandbox.url}/meta`,
    );
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
    await receiver.stop();
  });

  const app = (): Application => new Application(fb.credentials.appId, {}, undefined, appApi);

  it('verifies the callback with hub.mode, hub.verify_token and hub.challenge before subscribing', async () => {
    const wrongToken = await sdkError(() =>
      app().createSubscription([], {
        object: 'page',
        callback_url: callbackUrl,
        verify_token: 'guess',
        fields: 'feed,messages',
      }),
    );
    expect(wrongToken.response).toMatchObject({ code: 2200 });

    receiver.echoWrongChallenge = true;
    const wrongEcho = await sdkError(() =>
      app().createSubscription([], {
        object: 'page',
        callback_url: callbackUrl,
        verify_token: 'my-verify-token',
        fields: 'feed',
      }),
    );
    expect(wrongEcho.response).toMatchObject({ code: 2201 });
    receiver.echoWrongChallenge = false;

    const ok = await app().createSubscription([], {
      object: 'page',
      callback_url: callbackUrl,
      verify_token: 'my-verify-token',
      fields: 'feed,messages',
    });
    expect(ok._data).toMatchObject({ success: true });
    const last = receiver.verifications[receiver.verifications.length - 1];
    expect(last.get('hub.mode')).toBe('subscribe');
    expect(last.get('hub.verify_token')).toBe('my-verify-token');
    expect(last.get('hub.challenge')).toMatch(/^\d+$/);

    const subs = await app().getSubscriptions([]);
    expect(subs.map((s) => s._data)).toEqual([
      {
        object: 'page',
        callback_url: callbackUrl,
        active: true,
        fields: [
          { name: 'feed', version: 'v24.0' },
          { name: 'messages', version: 'v24.0' },
        ],
      },
    ]);
    const notApp = await sdkError(() =>
      new Application(fb.credentials.appId, {}, undefined, fb.pageApi).getSubscriptions([]),
    );
    expect(notApp.response?.code).toBe(15);
  });

  it('delivers signed feed comment and message events once the page installed the app', async () => {
    const page = new Page(fb.credentials.pageId, {}, undefined, fb.pageApi);
    expect((await page.createSubscribedApp([], { subscribed_fields: 'feed,messages' }))._data).toMatchObject({
      success: true,
    });
    const post = await page.createFeed([], { message: 'Beach cleaning on Saturday' });
    const comment = await citizenComment(sandbox, post.id, 'Can children come?', 'lowri');
    const message = await citizenMessage(sandbox, fb.credentials.pageId, 'Where do we meet?', {
      citizenKey: 'dafydd',
    });

    // Three events: the page's own post (feed), the comment (feed), the message (messages).
    const deliveries = await receiver.waitFor(3);
    for (const delivery of deliveries) {
      expect(verifySignature(delivery, fb.credentials.appSecret)).toBe(true);
      expect(verifySignature(delivery, 'another-secret')).toBe(false);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(String(delivery.headers['x-hub-signature'])).toBe(
        `sha1=${createHmac('sha1', fb.credentials.appSecret).update(delivery.rawBody).digest('hex')}`,
      );
    }
    const bodies = deliveries.map(
      (d) =>
        JSON.parse(d.rawBody.toString('utf8')) as { object: string; entry: Array<Record<string, unknown>> },
    );
    expect(bodies.every((b) => b.object === 'page' && b.entry[0].id === fb.credentials.pageId)).toBe(true);

    const commentEvent = bodies
      .map((b) => b.entry[0].changes as Array<{ field: string; value: Record<string, unknown> }> | undefined)
      .find((c) => c?.[0].value.item === 'comment');
    expect(commentEvent?.[0]).toMatchObject({
      field: 'feed',
      value: {
        item: 'comment',
        verb: 'add',
        comment_id: comment.id,
        post_id: post.id,
        parent_id: post.id,
        message: 'Can children come?',
        from: { id: comment.authorId, name: 'Citizen lowri' },
      },
    });
    const messaging = bodies
      .map((b) => b.entry[0].messaging as Array<Record<string, unknown>> | undefined)
      .find(Boolean);
    expect(messaging?.[0]).toMatchObject({
      sender: { id: message.senderId },
      recipient: { id: fb.credentials.pageId },
      timestamp: expect.any(Number),
      message: { mid: message.messageId, text: 'Where do we meet?' },
    });

    const log = (await (
      await fetch(`${sandbox.url}/_sandbox/meta/webhook-deliveries?appId=${fb.credentials.appId}`)
    ).json()) as { items: Array<{ state: string }> };
    expect(log.items.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it("delivers signed Instagram comment events and Messenger echoes of the page's own replies", async () => {
    await app().createSubscription([], {
      object: 'instagram',
      callback_url: callbackUrl,
      verify_token: 'my-verify-token',
      fields: 'comments',
    });
    await app().createSubscription([], {
      object: 'page',
      callback_url: callbackUrl,
      verify_token: 'my-verify-token',
      fields: 'message_echoes',
    });
    const ig = await createMetaAccount(sandbox, 'instagram', { handle: 'ig_hooks' });
    await new Page(ig.credentials.pageId, {}, undefined, ig.pageApi).createSubscribedApp([], {
      subscribed_fields: 'feed,messages,message_echoes',
    });
    await fetch(`${sandbox.url}/_sandbox/meta/instagram-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imageProcessingMs: 0 }),
    });
    const igUser = new IGUser(ig.credentials.instagramUserId!, {}, undefined, ig.pageApi);
    const container = await igUser.createMedia([], {
      image_url: 'https://example.gov.uk/x.jpg',
      caption: 'Hooks',
    });
    const media = await igUser.createMediaPublish([], { creation_id: container.id });
    const before = receiver.deliveries.length;
    const comment = await citizenComment(sandbox, media.id, 'Lovely photo', 'iggy');
    const inbound = await citizenMessage(sandbox, ig.credentials.pageId, 'Hello page', {
      citizenKey: 'echo_me',
    });
    await new Page(ig.credentials.pageId, {}, undefined, ig.pageApi).createMessage([], {
      recipient: { id: inbound.senderId },
      messaging_type: 'RESPONSE',
      message: { text: 'Hello back' },
    });
    const deliveries = (await receiver.waitFor(before + 3)).slice(before);
    expect(deliveries.every((d) => verifySignature(d, fb.credentials.appSecret))).toBe(true);
    const bodies = deliveries.map(
      (d) =>
        JSON.parse(d.rawBody.toString('utf8')) as { object: string; entry: Array<Record<string, unknown>> },
    );
    const igEvent = bodies.find((b) => b.object === 'instagram');
    expect(igEvent?.entry[0]).toMatchObject({
      id: ig.credentials.instagramUserId,
      changes: [
        {
          field: 'comments',
          value: {
            id: comment.id,
            text: 'Lovely photo',
            media: { id: media.id },
            from: { username: 'iggy' },
          },
        },
      ],
    });
    const echo = bodies
      .flatMap((b) => (b.entry[0].messaging as Array<{ message: Record<string, unknown> }> | undefined) ?? [])
      .find((m) => m.message.is_echo);
    expect(echo?.message).toMatchObject({ text: 'Hello back', is_echo: true, app_id: fb.credentials.appId });
  });

  it("lists the page's installed apps and removes subscriptions", async () => {
    const installed = await graphFetch(sandbox, `/v21.0/${fb.credentials.pageId}/subscribed_apps`, {
      token: fb.credentials.pageAccessToken,
    });
    expect(installed.body.data).toEqual([
      expect.objectContaining({ id: fb.credentials.appId, subscribed_fields: ['feed', 'messages'] }),
    ]);
    const appToken = `${fb.credentials.appId}|${fb.credentials.appSecret}`;
    const removed = await graphFetch(sandbox, `/v21.0/${fb.credentials.appId}/subscriptions`, {
      method: 'DELETE',
      token: appToken,
      query: { object: 'instagram' },
    });
    expect(removed.body).toEqual({ success: true });
    const left = await app().getSubscriptions([]);
    expect(left.map((s) => s._data.object)).toEqual(['page']);
  });

  it('delivers nothing for a page that has not installed the app', async () => {
    const other = await createMetaAccount(sandbox, 'facebook');
    const before = receiver.deliveries.length;
    const post = await new Page(other.credentials.pageId, {}, undefined, other.pageApi).createFeed([], {
      message: 'Quiet page',
    });
    await citizenComment(sandbox, post.id, 'Hello?', 'quiet');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.deliveries.length).toBe(before);
  });
});
