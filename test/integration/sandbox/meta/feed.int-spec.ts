import { Page, PagePost, Photo } from 'facebook-nodejs-business-sdk';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { sdkError } from './support/sandbox-graph-api';

describe('Meta sandbox: page feed and photos through facebook-nodejs-business-sdk', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', {
      handle: 'cardiff_lib',
      displayName: 'Cardiff Libraries',
    });
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  const page = (): Page => new Page(fb.credentials.pageId, {}, undefined, fb.pageApi);
  const ledger = async (objectId: string): Promise<Array<Record<string, unknown>>> =>
    (
      (await (
        await fetch(`${sandbox.url}/_sandbox/ledger?objectId=${encodeURIComponent(objectId)}`)
      ).json()) as {
        items: Array<Record<string, unknown>>;
      }
    ).items;

  it('publishes a post and answers {pageId}_{postId}, recorded in the ledger', async () => {
    const post = await page().createFeed([], { message: 'Library closed on Monday for staff training' });
    expect(post.id).toMatch(new RegExp(`^${fb.credentials.pageId}_\\d{15,}$`));
    expect(await ledger(post.id)).toEqual([
      expect.objectContaining({
        network: 'facebook',
        accountId: fb.credentials.pageId,
        kind: 'post',
        content: 'Library closed on Monday for staff training',
      }),
    ]);
    const read = await new PagePost(post.id, {}, undefined, fb.pageApi).get([
      'id',
      'message',
      'created_time',
      'permalink_url',
      'is_published',
    ]);
    expect(read._data).toMatchObject({
      id: post.id,
      message: 'Library closed on Monday for staff training',
      is_published: true,
    });
    expect(String(read._data.created_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('posts a link, and schedules an unpublished post that stays out of the feed until its time', async () => {
    const link = await page().createFeed([], {
      message: 'Our new opening hours',
      link: 'https://example.gov.uk/hours',
    });
    const at = Math.floor(Date.now() / 1000) + 3600;
    const scheduled = await page().createFeed([], {
      message: 'Summer reading challenge starts',
      published: false,
      scheduled_publish_time: at,
    });
    const feed = await page().getFeed(['id', 'message'], { limit: 100 });
    const ids = feed.map((p) => p.id);
    expect(ids).toContain(link.id);
    expect(ids).not.toContain(scheduled.id);
    const pending = await page().getScheduledPosts(['id', 'scheduled_publish_time']);
    expect(pending.map((p) => [p.id, p._data.scheduled_publish_time])).toEqual([[scheduled.id, at]]);
  });

  it('refuses bad posts with Graph error objects (#100), never a 500', async () => {
    const empty = await sdkError(() => page().createFeed([], {}));
    expect(empty.status).toBe(400);
    expect(empty.response).toMatchObject({
      code: 100,
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    expect(empty.message).toMatch(/message/);

    const publishedAndScheduled = await sdkError(() =>
      page().createFeed([], { message: 'x', scheduled_publish_time: Math.floor(Date.now() / 1000) + 3600 }),
    );
    expect(publishedAndScheduled.response).toMatchObject({ code: 100 });
    expect(publishedAndScheduled.message).toMatch(/published=false/);

    const tooSoon = await sdkError(() =>
      page().createFeed([], {
        message: 'x',
        published: false,
        scheduled_publish_time: Math.floor(Date.now() / 1000) + 60,
      }),
    );
    expect(tooSoon.response).toMatchObject({ code: 100, error_user_title: 'Invalid Scheduled Publish Time' });

    const badLink = await sdkError(() => page().createFeed([], { message: 'x', link: 'not a url' }));
    expect(badLink.response?.code).toBe(100);
  });

  it('answers (#506) for a duplicate status message', async () => {
    await page().createFeed([], { message: 'Bins collected as normal this week' });
    const duplicate = await sdkError(() =>
      page().createFeed([], { message: 'Bins collected as normal this week' }),
    );
    expect(duplicate.status).toBe(400);
    expect(duplicate.response).toMatchObject({ code: 506, message: '(#506) Duplicate status message' });
  });

  it('refuses posting to a page with a user token (#200), and unknown ids with (#100) subcode 33', async () => {
    const asUser = await sdkError(() =>
      new Page(fb.credentials.pageId, {}, undefined, fb.userApi).createFeed([], { message: 'hi' }),
    );
    expect(asUser.response).toMatchObject({ code: 200 });
    const unknown = await sdkError(() =>
      new PagePost('123456789_987654321', {}, undefined, fb.pageApi).get(['id']),
    );
    expect(unknown.response).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    const badField = await sdkError(() =>
      new PagePost(fb.credentials.pageId, {}, undefined, fb.pageApi).get(['nonsense']),
    );
    expect(badField.response?.message).toMatch(/nonexisting field \(nonsense\) on node type \(Page\)/);
  });

  it('uploads photos by url with caption and alt text, and by multipart source', async () => {
    const photo = (await page().createPhoto([], {
      url: 'https://example.gov.uk/pool.jpg',
      caption: 'The new pool',
      alt_text_custom: 'An indoor swimming pool with six lanes',
    })) as Photo;
    expect(photo.id).toMatch(/^\d{15,}$/);
    expect(photo._data.post_id).toBe(`${fb.credentials.pageId}_${photo.id}`);
    const read = await new Photo(photo.id, {}, undefined, fb.pageApi).get(['alt_text_custom', 'name']);
    expect(read._data).toMatchObject({
      alt_text_custom: 'An indoor swimming pool with six lanes',
      name: 'The new pool',
    });

    // The SDK's multipart path drops the body (src/http.js deletes options.data), so upload as Graph documents it.
    const form = new FormData();
    form.set('caption', 'Uploaded');
    form.set(
      'source',
      new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }),
      'photo.jpg',
    );
    const uploaded = await graphFetch(sandbox, `/v21.0/${fb.credentials.pageId}/photos`, {
      method: 'POST',
      token: fb.credentials.pageAccessToken,
      form,
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      post_id: expect.stringContaining(`${fb.credentials.pageId}_`),
    });

    const missing = await sdkError(() => page().createPhoto([], { caption: 'no file' }));
    expect(missing.response).toMatchObject({ code: 324 });
  });

  it('attaches unpublished photos to a post with attached_media, and refuses non-images', async () => {
    const first = await page().createPhoto([], { url: 'https://example.gov.uk/1.jpg', published: false });
    const second = await page().createPhoto([], { url: 'https://example.gov.uk/2.jpg', published: false });
    expect(first._data.post_id).toBeUndefined();
    const post = await page().createFeed([], {
      message: 'Two photos from the fair',
      attached_media: [{ media_fbid: first.id }, { media_fbid: second.id }],
    });
    const read = await new PagePost(post.id, {}, undefined, fb.pageApi).get(['status_type', 'full_picture']);
    expect(read._data).toMatchObject({
      status_type: 'added_photos',
      full_picture: 'https://example.gov.uk/1.jpg',
    });
    const reused = await sdkError(() =>
      page().createFeed([], { message: 'again', attached_media: [{ media_fbid: first.id }] }),
    );
    expect(reused.response?.code).toBe(100);

    const form = new FormData();
    form.set('source', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    const text = await graphFetch(sandbox, `/v21.0/${fb.credentials.pageId}/photos`, {
      method: 'POST',
      token: fb.credentials.pageAccessToken,
      form,
    });
    expect(text.status).toBe(400);
    expect(text.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
  });

  it('lists the feed newest first with absolute paging.next URLs that the SDK follows to the end', async () => {
    const other = await createMetaAccount(sandbox, 'facebook', { handle: 'paging_page' });
    const otherPage = new Page(other.credentials.pageId, {}, undefined, other.pageApi);
    for (let i = 1; i <= 7; i++) await otherPage.createFeed([], { message: `Update number ${i}` });
    let cursor = await otherPage.getFeed(['id', 'message'], { limit: 3 });
    const seen: string[] = [];
    const pages: number[] = [];
    for (;;) {
      seen.push(...cursor.map((p) => String(p._data.message)));
      pages.push(cursor.length);
      if (cursor.paging?.next) expect(cursor.paging.next.startsWith(`${sandbox.url}/meta/`)).toBe(true);
      if (!cursor.hasNext()) break;
      cursor = await cursor.next();
    }
    expect(pages).toEqual([3, 3, 1]);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `Update number ${i}`));
  });

  it('accepts other Graph versions and writes X-App-Usage and X-Business-Use-Case-Usage headers', async () => {
    for (const version of ['v19.0', 'v21.0', 'v24.0']) {
      const res = await graphFetch(sandbox, `/${version}/${fb.credentials.pageId}`, {
        token: fb.credentials.pageAccessToken,
        query: { fields: 'id,name' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: fb.credentials.pageId, name: 'Cardiff Libraries' });
      expect(JSON.parse(res.headers.get('x-app-usage') ?? '{}')).toEqual({
        call_count: expect.any(Number),
        total_cputime: expect.any(Number),
        total_time: expect.any(Number),
      });
      const buc = JSON.parse(res.headers.get('x-business-use-case-usage') ?? '{}') as Record<
        string,
        Array<Record<string, unknown>>
      >;
      expect(buc[fb.credentials.pageId][0]).toMatchObject({
        type: 'pages',
        estimated_time_to_regain_access: 0,
      });
    }
    const unversioned = await graphFetch(sandbox, `/${fb.credentials.pageId}/feed`, {
      token: fb.credentials.pageAccessToken,
    });
    expect(unversioned.status).toBe(400);
    expect((unversioned.body.error as Record<string, unknown>).code).toBe(2500);
  });

  it('filters the feed with since and until', async () => {
    const before = Math.floor(Date.now() / 1000) - 1;
    const fresh = await page().createFeed([], { message: 'Posted after the since mark' });
    const since = await page().getFeed(['id'], { since: before, limit: 100 });
    expect(since.map((p) => p.id)).toContain(fresh.id);
    const until = await page().getFeed(['id'], { until: before, limit: 100 });
    expect(until.map((p) => p.id)).not.toContain(fresh.id);
    const bad = await sdkError(() => page().getFeed(['id'], { since: 'yesterday-ish' }));
    expect(bad.response?.code).toBe(100);
  });

  it('deletes a post', async () => {
    const post = await page().createFeed([], { message: 'Posted by mistake' });
    expect(await new PagePost(post.id, {}, undefined, fb.pageApi).delete([])).toEqual({ success: true });
    const gone = await sdkError(() => new PagePost(post.id, {}, undefined, fb.pageApi).get(['id']));
    expect(gone.response).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
