import { Application, IGMedia, IGUser, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { createHmac } from 'node:crypto';
import { createMetaAccount, MetaAccount, startSandbox, TestSandbox } from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { SandboxGraphApi } from './support/sandbox-graph-api';
import { WebhookReceiver } from './support/webhook-receiver';

async function control(sandbox: TestSandbox, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

describe('Meta sandbox: the crowd comments and writes on Facebook and Instagram; state survives a restart', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;
  let ig: MetaAccount;
  let postId: string;
  let mediaId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', { handle: 'crowd_fb', displayName: 'Crowd Council' });
    ig = await createMetaAccount(sandbox, 'instagram', { handle: 'crowd_ig', displayName: 'Crowd Museum' });
    postId = (
      await new Page(fb.credentials.pageId, {}, undefined, fb.pageApi).createFeed([], {
        message: 'Tell us what you think',
      })
    ).id;
    await fetch(`${sandbox.url}/_sandbox/meta/instagram-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imageProcessingMs: 0 }),
    });
    const igUser = new IGUser(ig.credentials.instagramUserId!, {}, undefined, ig.pageApi);
    const container = await igUser.createMedia([], {
      image_url: 'https://example.gov.uk/museum.jpg',
      caption: 'New exhibition',
    });
    mediaId = (await igUser.createMediaPublish([], { creation_id: container.id })).id;
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  it('delivers a burst as comments and messages that the SDK then reads back', async () => {
    await control(sandbox, '/_sandbox/crowd', {
      seed: 'meta-crowd',
      ratePerMinute: 0,
      networks: ['facebook', 'instagram'],
    });
    const status = await control(sandbox, '/_sandbox/crowd/burst', { count: 60, wait: true });
    expect(JSON.stringify(status)).toContain('"delivered":60');

    const comments = await new PagePost(postId, {}, undefined, fb.pageApi).getComments(['message', 'from'], {
      limit: 100,
      summary: true,
    });
    const conversations = await new Page(fb.credentials.pageId, {}, undefined, fb.pageApi).getConversations(
      ['id'],
      { limit: 100 },
    );
    const igComments = await new IGMedia(mediaId, {}, undefined, ig.pageApi).getComments(
      ['text', 'username'],
      { limit: 100 },
    );
    const igThreads = await new Page(ig.credentials.pageId, {}, undefined, ig.pageApi).getConversations(
      ['id'],
      { platform: 'instagram', limit: 100 },
    );
    const total =
      Number(comments.summary?.total_count) + conversations.length + igComments.length + igThreads.length;
    expect(total).toBeGreaterThan(0);
    expect(comments.length + conversations.length).toBeGreaterThan(0);
    expect(igComments.length + igThreads.length).toBeGreaterThan(0);
    for (const comment of comments)
      expect(comment._data.from).toEqual({ id: expect.stringMatching(/^\d+$/), name: expect.any(String) });
  });

  it('bursts 10,000 items within a minute, with webhooks batched and signed', async () => {
    const receiver = new WebhookReceiver('burst-token');
    const callbackUrl = await receiver.start();
    try {
      const appApi = new SandboxGraphApi(
        `${fb.credentials.appId}|${fb.credentials.appSecret}`,
        `${sandbox.url}/meta`,
      );
      await new Application(fb.credentials.appId, {}, undefined, appApi).createSubscription([], {
        object: 'page',
        callback_url: callbackUrl,
        verify_token: 'burst-token',
        fields: 'feed,messages',
      });
      await new Page(fb.credentials.pageId, {}, undefined, fb.pageApi).createSubscribedApp([], {
        subscribed_fields: 'feed,messages',
      });
      const before = await new PagePost(postId, {}, undefined, fb.pageApi).getComments(['id'], {
        summary: true,
        limit: 1,
      });
      const started = Date.now();
      const status = await control(sandbox, '/_sandbox/crowd/burst', { count: 10_000, wait: true });
      const elapsed = Date.now() - started;
      expect(status.burst).toMatchObject({ requested: 10_000, delivered: 10_000, failed: 0 });
      expect(elapsed).toBeLessThan(60_000);

      const after = await new PagePost(postId, {}, undefined, fb.pageApi).getComments(['id'], {
        summary: true,
        limit: 1,
      });
      const newComments = Number(after.summary?.total_count) - Number(before.summary?.total_count);
      expect(newComments).toBeGreaterThan(0);
      // Every new comment on the page's post reaches the callback, many entries per signed POST.
      const deadline = Date.now() + 20_000;
      const commentEntries = (): number =>
        receiver.deliveries
          .map(
            (d) =>
              JSON.parse(d.rawBody.toString('utf8')) as {
                entry: Array<{ changes?: Array<{ value: { item?: string } }> }>;
              },
          )
          .flatMap((b) => b.entry)
          .filter((e) => e.changes?.[0].value.item === 'comment').length;
      while (commentEntries() < newComments && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(commentEntries()).toBe(newComments);
      expect(receiver.deliveries.length).toBeLessThan(newComments);
      for (const delivery of receiver.deliveries) {
        const expected = `sha256=${createHmac('sha256', fb.credentials.appSecret).update(delivery.rawBody).digest('hex')}`;
        expect(delivery.headers['x-hub-signature-256']).toBe(expected);
      }
    } finally {
      await receiver.stop();
    }
  }, 120_000);

  it('keeps pages, posts and tokens across a restart of the sandbox', async () => {
    await sandbox.restart();
    const post = await new PagePost(postId, {}, undefined, fb.pageApi).get(['message']);
    expect(post._data.message).toBe('Tell us what you think');
    const media = await new IGMedia(mediaId, {}, undefined, ig.pageApi).get(['caption']);
    expect(media._data.caption).toBe('New exhibition');
  });
});
