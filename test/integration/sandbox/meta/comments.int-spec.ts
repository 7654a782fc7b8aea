import { Comment, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { createMetaAccount, MetaAccount, startSandbox, TestSandbox } from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { citizenComment, ledgerFor } from './support/sandbox-controls';
import { sdkError } from './support/sandbox-graph-api';

describe('Meta sandbox: comments on page posts through facebook-nodejs-business-sdk', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;
  let postId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', {
      handle: 'swansea_cc',
      displayName: 'Swansea Council',
    });
    postId = (
      await new Page(fb.credentials.pageId, {}, undefined, fb.pageApi).createFeed([], {
        message: 'Road closures this weekend',
      })
    ).id;
    for (let i = 1; i <= 7; i++) await citizenComment(sandbox, postId, `Question ${i}`, `person_${i}`);
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  const post = (): PagePost => new PagePost(postId, {}, undefined, fb.pageApi);

  it('pages through comments with absolute paging.next URLs on the sandbox origin, to the end', async () => {
    let cursor = await post().getComments(['id', 'message', 'from', 'created_time'], {
      limit: 3,
      summary: true,
    });
    expect(cursor.summary).toEqual({ order: 'chronological', total_count: 7, can_comment: true });
    const messages: string[] = [];
    const sizes: number[] = [];
    const nexts: string[] = [];
    for (;;) {
      messages.push(...cursor.map((c) => String(c._data.message)));
      sizes.push(cursor.length);
      if (cursor.paging?.next) nexts.push(cursor.paging.next);
      if (!cursor.hasNext()) break;
      cursor = await cursor.next();
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(messages).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `Question ${i}`));
    expect(nexts).toHaveLength(2);
    for (const next of nexts) {
      const url = new URL(next);
      expect(url.origin).toBe(sandbox.url);
      expect(url.pathname).toBe(`/meta/v24.0/${postId}/comments`);
      expect(url.searchParams.get('access_token')).toBe(fb.credentials.pageAccessToken);
      expect(url.searchParams.get('after')).toBeTruthy();
    }
    const [first] = await post().getComments(['id', 'message', 'from'], { limit: 1 });
    expect(first.id).toMatch(new RegExp(`^${postId.split('_')[1]}_\\d+$`));
    expect(first._data.from).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Citizen person_1' });
  });

  it('nests comments in a post with comments.limit(n).summary(true){...}, with an absolute next for the rest', async () => {
    const read = await post().get(['id', 'message', 'comments.limit(2).summary(true){message,from}']);
    const comments = read._data.comments as {
      data: Array<Record<string, unknown>>;
      paging: { next: string };
      summary: Record<string, unknown>;
    };
    expect(comments.data.map((c) => c.message)).toEqual(['Question 1', 'Question 2']);
    expect(comments.summary).toMatchObject({ total_count: 7 });
    expect(new URL(comments.paging.next).origin).toBe(sandbox.url);
    const rest = (await (await fetch(comments.paging.next)).json()) as {
      data: Array<Record<string, unknown>>;
    };
    expect(rest.data[0].message).toBe('Question 3');
  });

  it('orders reverse_chronological on request and rejects an unknown order with (#100)', async () => {
    const cursor = await post().getComments(['message'], { order: 'reverse_chronological', limit: 2 });
    expect(cursor.map((c) => c._data.message)).toEqual(['Question 7', 'Question 6']);
    const bad = await sdkError(() => post().getComments(['message'], { order: 'sideways' }));
    expect(bad.status).toBe(400);
    expect(bad.response?.code).toBe(100);
  });

  it('replies as the page, lists replies, and records the reply in the ledger', async () => {
    const { id: commentId } = await citizenComment(sandbox, postId, 'Is the A48 closed too?', 'reply_me');
    const reply = await new Comment(commentId, {}, undefined, fb.pageApi).createComment([], {
      message: 'Yes, from 8pm Friday.',
    });
    expect(reply.id).toMatch(/^\d+_\d+$/);
    const replies = await new Comment(commentId, {}, undefined, fb.pageApi).getComments([
      'message',
      'from',
      'parent',
    ]);
    expect(replies.map((r) => r._data.message)).toEqual(['Yes, from 8pm Friday.']);
    expect(replies[0]._data.from).toEqual({ id: fb.credentials.pageId, name: 'Swansea Council' });
    const stream = await post().getComments(['message', 'parent'], { filter: 'stream', limit: 100 });
    expect(stream.find((c) => c.id === reply.id)?._data.parent).toMatchObject({ id: commentId });
    expect(await ledgerFor(sandbox, { network: 'facebook', kind: 'reply' })).toEqual([
      expect.objectContaining({ objectId: reply.id, parentId: commentId, content: 'Yes, from 8pm Friday.' }),
    ]);
    const topLevel = await post().createComment([], { message: 'Diversions are signposted.' });
    expect(
      (await ledgerFor(sandbox, { network: 'facebook', kind: 'comment' })).map((e) => e.objectId),
    ).toContain(topLevel.id);
  });

  it("hides and unhides a comment, and refuses hiding the page's own comment", async () => {
    const { id } = await citizenComment(sandbox, postId, 'Buy cheap followers!!!', 'spammer');
    const comment = new Comment(id, {}, undefined, fb.pageApi);
    expect(await comment.update([], { is_hidden: true })).toEqual({ success: true });
    expect((await new Comment(id, {}, undefined, fb.pageApi).get(['is_hidden']))._data.is_hidden).toBe(true);
    expect(await new Comment(id, {}, undefined, fb.pageApi).update([], { is_hidden: false })).toEqual({
      success: true,
    });
    expect((await new Comment(id, {}, undefined, fb.pageApi).get(['is_hidden']))._data.is_hidden).toBe(false);

    const own = await post().createComment([], { message: 'Thanks all' });
    const refused = await sdkError(() =>
      new Comment(own.id, {}, undefined, fb.pageApi).update([], { is_hidden: true }),
    );
    expect(refused.response?.code).toBe(100);
    const nothing = await sdkError(() => new Comment(id, {}, undefined, fb.pageApi).update([], {}));
    expect(nothing.response?.code).toBe(100);
  });

  it('deletes a comment, which then no longer exists', async () => {
    const { id } = await citizenComment(sandbox, postId, 'Rude words', 'rude');
    expect(await new Comment(id, {}, undefined, fb.pageApi).delete([])).toEqual({ success: true });
    const gone = await sdkError(() => new Comment(id, {}, undefined, fb.pageApi).get(['id']));
    expect(gone.response).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("refuses an empty comment and another page's token", async () => {
    const empty = await sdkError(() => post().createComment([], { message: '' }));
    expect(empty.response?.code).toBe(100);
    const stranger = await createMetaAccount(sandbox, 'facebook');
    const denied = await sdkError(() =>
      new PagePost(postId, {}, undefined, stranger.pageApi).createComment([], { message: 'hi' }),
    );
    expect(denied.response).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
