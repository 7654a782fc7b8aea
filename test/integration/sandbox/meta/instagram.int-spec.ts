import { IGComment, IGMedia, IGUser, Page, ShadowIGMediaBuilder } from 'facebook-nodejs-business-sdk';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { citizenComment, citizenMessage, ledgerFor } from './support/sandbox-controls';
import { sdkError } from './support/sandbox-graph-api';

describe('Meta sandbox: Instagram publishing and comments through facebook-nodejs-business-sdk', () => {
  let sandbox: TestSandbox;
  let ig: MetaAccount;
  let igUserId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    ig = await createMetaAccount(sandbox, 'instagram', { handle: 'visit_conwy', displayName: 'Visit Conwy' });
    igUserId = ig.credentials.instagramUserId!;
    await fetch(`${sandbox.url}/_sandbox/meta/instagram-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imageProcessingMs: 600 }),
    });
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  const user = (): IGUser => new IGUser(igUserId, {}, undefined, ig.pageApi);
  const status = async (id: string): Promise<string> =>
    String(
      (await new ShadowIGMediaBuilder(id, {}, undefined, ig.pageApi).get(['status_code']))._data.status_code,
    );

  it('links the Instagram account to its page (instagram_business_account)', async () => {
    expect(ig.account.accountId).toBe(igUserId);
    expect(igUserId).toMatch(/^1784\d{13}$/);
    const page = await new Page(ig.credentials.pageId, {}, undefined, ig.userApi).get([
      'instagram_business_account',
      'name',
    ]);
    expect(page._data.instagram_business_account).toEqual({ id: igUserId });
  });

  it('takes a container from IN_PROGRESS to FINISHED, refuses to publish it early, then publishes it', async () => {
    const container = await user().createMedia([], {
      image_url: 'https://example.gov.uk/castle.jpg',
      caption: 'Conwy Castle at dawn #VisitWales',
      alt_text: 'A medieval castle above an estuary at sunrise',
    });
    expect(container.id).toMatch(/^\d{17,18}$/);
    expect(await status(container.id)).toBe('IN_PROGRESS');
    const early = await sdkError(() => user().createMediaPublish([], { creation_id: container.id }));
    expect(early.response).toMatchObject({ code: 9007, error_subcode: 2207027 });

    let code = await status(container.id);
    const deadline = Date.now() + 10_000;
    while (code === 'IN_PROGRESS' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      code = await status(container.id);
    }
    expect(code).toBe('FINISHED');

    const media = await user().createMediaPublish([], { creation_id: container.id });
    expect(media.id).toMatch(/^\d{17,18}$/);
    expect(await status(container.id)).toBe('PUBLISHED');
    const again = await sdkError(() => user().createMediaPublish([], { creation_id: container.id }));
    expect(again.response?.code).toBe(100);

    const read = await new IGMedia(media.id, {}, undefined, ig.pageApi).get([
      'caption',
      'alt_text',
      'media_type',
      'permalink',
      'timestamp',
      'username',
    ]);
    expect(read._data).toMatchObject({
      caption: 'Conwy Castle at dawn #VisitWales',
      alt_text: 'A medieval castle above an estuary at sunrise',
      media_type: 'IMAGE',
      username: 'visit_conwy',
    });
    const listed = await user().getMedia(['id', 'caption']);
    expect(listed.map((m) => m.id)).toContain(media.id);
    const entries = await ledgerFor(sandbox, { network: 'instagram', accountId: igUserId });
    expect(entries.map((e) => [e.kind, e.objectId])).toEqual([
      ['media', container.id],
      ['post', media.id],
    ]);
  });

  it('reports the content publishing quota', async () => {
    const limit = await graphFetch(sandbox, `/v21.0/${igUserId}/content_publishing_limit`, {
      token: ig.credentials.pageAccessToken,
    });
    expect(limit.body).toEqual({
      data: [{ quota_usage: 1, config: { quota_total: 100, quota_duration: 86400 } }],
    });
  });

  it('rejects bad containers with Graph errors', async () => {
    const missing = await sdkError(() => user().createMedia([], { caption: 'no image' }));
    expect(missing.response?.code).toBe(100);
    const badUrl = await sdkError(() => user().createMedia([], { image_url: 'ftp://example/x.jpg' }));
    expect(badUrl.response).toMatchObject({ code: 9004, error_subcode: 2207052 });
    const longCaption = await sdkError(() =>
      user().createMedia([], { image_url: 'https://example.gov.uk/a.jpg', caption: 'x'.repeat(2201) }),
    );
    expect(longCaption.response?.code).toBe(100);
    const noCreation = await sdkError(() => user().createMediaPublish([], {}));
    expect(noCreation.response?.code).toBe(100);
  });

  it('lists comments on media and replies to them as the account', async () => {
    const container = await user().createMedia([], {
      image_url: 'https://example.gov.uk/beach.jpg',
      caption: 'Llandudno beach',
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const media = await user().createMediaPublish([], { creation_id: container.id });
    const { id: commentId } = await citizenComment(sandbox, media.id, 'Is the pier open?', 'bethan');
    const comments = await new IGMedia(media.id, {}, undefined, ig.pageApi).getComments([
      'id',
      'text',
      'timestamp',
      'username',
      'from',
    ]);
    expect(comments.map((c) => c._data)).toEqual([
      expect.objectContaining({
        id: commentId,
        text: 'Is the pier open?',
        username: 'bethan',
        from: { id: expect.any(String), username: 'bethan' },
      }),
    ]);
    const reply = await new IGComment(commentId, {}, undefined, ig.pageApi).createReply([], {
      message: 'Yes, 10am to 6pm.',
    });
    expect(reply.id).toMatch(/^\d+$/);
    const replies = await new IGComment(commentId, {}, undefined, ig.pageApi).getReplies([
      'text',
      'username',
    ]);
    expect(replies.map((r) => [r._data.text, r._data.username])).toEqual([
      ['Yes, 10am to 6pm.', 'visit_conwy'],
    ]);
    const top = await new IGMedia(media.id, {}, undefined, ig.pageApi).createComment([], {
      message: 'Thanks for visiting!',
    });
    const kinds = (await ledgerFor(sandbox, { network: 'instagram', accountId: igUserId })).map((e) => [
      e.kind,
      e.objectId,
    ]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['reply', reply.id],
        ['comment', top.id],
      ]),
    );
    expect(await new IGComment(commentId, {}, undefined, ig.pageApi).update([], { hide: true })).toEqual({
      success: true,
    });
  });

  it("carries Instagram Direct messages in the page's conversations with platform=instagram", async () => {
    const inbound = await citizenMessage(sandbox, igUserId, 'Do you sell tickets?', { citizenKey: 'dm_ig' });
    const threads = await new Page(ig.credentials.pageId, {}, undefined, ig.pageApi).getConversations(
      ['id', 'participants'],
      { platform: 'instagram' },
    );
    expect(threads.map((t) => t.id)).toContain(inbound.conversationId);
    const sent = await new Page(ig.credentials.pageId, {}, undefined, ig.pageApi).createMessage([], {
      recipient: { id: inbound.senderId },
      messaging_type: 'RESPONSE',
      message: { text: 'Yes, at the castle shop.' },
    });
    expect(sent._data.recipient_id).toBe(inbound.senderId);
    const dms = await ledgerFor(sandbox, { network: 'instagram', kind: 'dm' });
    expect(dms.map((d) => d.objectId)).toContain(sent._data.message_id);
  });
});
