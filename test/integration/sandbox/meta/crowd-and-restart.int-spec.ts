import { IGMedia, IGUser, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { createMetaAccount, MetaAccount, startSandbox, TestSandbox } from './support/meta-fixture';

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
  afterAll(() => sandbox.stop());

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

  it('keeps pages, posts and tokens across a restart of the sandbox', async () => {
    await sandbox.restart();
    const post = await new PagePost(postId, {}, undefined, fb.pageApi).get(['message']);
    expect(post._data.message).toBe('Tell us what you think');
    const media = await new IGMedia(mediaId, {}, undefined, ig.pageApi).get(['caption']);
    expect(media._data.caption).toBe('New exhibition');
  });
});
