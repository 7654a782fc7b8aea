import { AppBskyFeedDefs, AtpAgent } from '@atproto/api';
import { SandboxNetworkRegistry } from '../../../../apps/sandbox/src/core/network-registry';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import {
  BlueskyTestAccount,
  createBlueskyAccount,
  lexiconProblems,
  signedInAgent,
} from './bluesky-test-support';

type ThreadNode = AppBskyFeedDefs.ThreadViewPost;

describe('Bluesky sandbox: threads, notifications and read-back', () => {
  let sandbox: TestSandbox;
  let council: BlueskyTestAccount;
  let resident: BlueskyTestAccount;
  let councilAgent: AtpAgent;
  let residentAgent: AtpAgent;

  beforeAll(async () => {
    sandbox = await startSandbox();
    council = await createBlueskyAccount(sandbox, 'gwynedd', 'Cyngor Gwynedd');
    resident = await createBlueskyAccount(sandbox, 'megan', 'Megan');
    councilAgent = await signedInAgent(sandbox, council);
    residentAgent = await signedInAgent(sandbox, resident);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  afterEach(() => {
    expect(lexiconProblems(sandbox)).toEqual([]);
  });

  it('builds a thread from reply refs (root and parent with uri and cid) and serves it with getPostThread', async () => {
    const root = await councilAgent.post({ text: 'Road closures this weekend: ask us anything.' });
    const question = await residentAgent.post({
      text: 'Is the A487 closed on Sunday?',
      reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } },
    });
    const answer = await councilAgent.post({
      text: 'Only between 8am and noon.',
      reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: question.uri, cid: question.cid } },
    });
    const thanks = await residentAgent.post({
      text: 'Diolch!',
      reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: answer.uri, cid: answer.cid } },
    });

    const fromRoot = await councilAgent.getPostThread({ uri: root.uri });
    const top = fromRoot.data.thread as ThreadNode;
    expect(top.$type).toBe('app.bsky.feed.defs#threadViewPost');
    expect(top.post).toMatchObject({ uri: root.uri, cid: root.cid, replyCount: 1 });
    expect(top.post.author).toMatchObject({
      did: council.did,
      handle: council.handle,
      displayName: 'Cyngor Gwynedd',
    });
    const level1 = top.replies![0] as ThreadNode;
    expect(level1.post.uri).toBe(question.uri);
    const level2 = level1.replies![0] as ThreadNode;
    expect(level2.post.uri).toBe(answer.uri);
    expect((level2.replies![0] as ThreadNode).post.uri).toBe(thanks.uri);

    const fromLeaf = await councilAgent.getPostThread({ uri: thanks.uri, depth: 0 });
    const leaf = fromLeaf.data.thread as ThreadNode;
    const parents: string[] = [];
    for (
      let node = leaf.parent as ThreadNode | undefined;
      node;
      node = node.parent as ThreadNode | undefined
    ) {
      parents.push(node.post.uri);
    }
    expect(parents).toEqual([answer.uri, question.uri, root.uri]);

    const byHandle = await councilAgent.getPostThread({
      uri: root.uri.replace(council.did, council.handle),
      depth: 0,
    });
    expect((byHandle.data.thread as ThreadNode).post.uri).toBe(root.uri);

    const shallow = await councilAgent.getPostThread({ uri: root.uri, depth: 1 });
    const first = (shallow.data.thread as ThreadNode).replies![0] as ThreadNode;
    expect(first.replies ?? []).toEqual([]);

    const feed = await residentAgent.getAuthorFeed({ actor: resident.did });
    const replyItem = feed.data.feed.find((item) => item.post.uri === thanks.uri)!;
    expect((replyItem.reply!.root as AppBskyFeedDefs.PostView).uri).toBe(root.uri);
    expect((replyItem.reply!.parent as AppBskyFeedDefs.PostView).uri).toBe(answer.uri);
    const noReplies = await residentAgent.getAuthorFeed({ actor: resident.did, filter: 'posts_no_replies' });
    expect(noReplies.data.feed).toEqual([]);
  });

  it('notifies replies and mentions, pages them with a cursor, and marks them read after updateSeen', async () => {
    const fresh = await createBlueskyAccount(sandbox, 'ceredigion');
    const freshAgent = await signedInAgent(sandbox, fresh);
    const post = await freshAgent.post({ text: 'Library reopens on Monday.' });
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await residentAgent.post({
        text: `Question ${i}`,
        reply: { root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri, cid: post.cid } },
      });
      replies.push(reply.uri);
    }
    const mention = await residentAgent.post({
      text: `@${fresh.handle} are you open late?`,
      facets: [
        {
          index: { byteStart: 0, byteEnd: Buffer.byteLength(`@${fresh.handle}`) },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: fresh.did }],
        },
      ],
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await freshAgent.listNotifications({ limit: 2, cursor });
      seen.push(...page.data.notifications.map((n) => `${n.reason}:${n.uri}`));
      // As the real AppView: never marked seen, the first page counts up to its newest as seen (that one
      // alone unread) and says so in seenAt; later pages have no last-seen time and show all as read.
      expect(page.data.seenAt).toBe(pages === 0 ? page.data.notifications[0].indexedAt : undefined);
      page.data.notifications.forEach((n, i) => {
        expect(n.isRead).toBe(!(pages === 0 && i === 0));
      });
      for (const n of page.data.notifications) {
        expect(n.author.did).toBe(resident.did);
        if (n.reason === 'reply') expect(n.reasonSubject).toBe(post.uri);
      }
      cursor = page.data.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([`mention:${mention.uri}`, ...[...replies].reverse().map((uri) => `reply:${uri}`)]);
    expect(pages).toBe(4); // 2 + 2 + 2, then an empty last page without a cursor

    const onlyMentions = await freshAgent.listNotifications({ reasons: ['mention'] });
    expect(onlyMentions.data.notifications.map((n) => n.uri)).toEqual([mention.uri]);

    expect((await freshAgent.countUnreadNotifications()).data.count).toBe(6);
    const seenAt = new Date().toISOString();
    await freshAgent.updateSeenNotifications(
      seenAt as `${string}-${string}-${string}T${string}:${string}:${string}Z`,
    );
    const after = await freshAgent.listNotifications();
    expect(after.data.seenAt).toBe(seenAt);
    expect(after.data.notifications.every((n) => n.isRead)).toBe(true);
    expect((await freshAgent.countUnreadNotifications()).data.count).toBe(0);
    await residentAgent.post({
      text: 'One more',
      reply: { root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri, cid: post.cid } },
    });
    expect((await freshAgent.countUnreadNotifications()).data.count).toBe(1);
    const afterMore = await freshAgent.listNotifications();
    expect(afterMore.data.notifications.map((n) => n.isRead)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    // The lexicon still lists a seenAt parameter; the AppView refuses it.
    await expect(freshAgent.listNotifications({ seenAt: '2000-01-01T00:00:00.000Z' })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidRequest',
      message: 'The seenAt parameter is unsupported',
    });
    await expect(
      freshAgent.countUnreadNotifications({ seenAt: '2000-01-01T00:00:00.000Z' }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'InvalidRequest',
      message: 'The seenAt parameter is unsupported',
    });
  });

  it('does not notify people about their own replies, and removes notifications of deleted posts', async () => {
    const own = await councilAgent.post({ text: 'Self thread 1/2' });
    await councilAgent.post({
      text: 'Self thread 2/2',
      reply: { root: { uri: own.uri, cid: own.cid }, parent: { uri: own.uri, cid: own.cid } },
    });
    const before = await councilAgent.listNotifications();
    expect(before.data.notifications.filter((n) => n.reasonSubject === own.uri)).toEqual([]);

    const reply = await residentAgent.post({
      text: 'Posted in error',
      reply: { root: { uri: own.uri, cid: own.cid }, parent: { uri: own.uri, cid: own.cid } },
    });
    const withReply = await councilAgent.listNotifications();
    expect(withReply.data.notifications.map((n) => n.uri)).toContain(reply.uri);
    await residentAgent.deletePost(reply.uri);
    const withoutReply = await councilAgent.listNotifications();
    expect(withoutReply.data.notifications.map((n) => n.uri)).not.toContain(reply.uri);

    // A reply whose parent was deleted still has a thread: the parent is a notFoundPost.
    const middle = await residentAgent.post({
      text: 'Soon deleted',
      reply: { root: { uri: own.uri, cid: own.cid }, parent: { uri: own.uri, cid: own.cid } },
    });
    const orphan = await councilAgent.post({
      text: 'Answer to a deleted post',
      reply: { root: { uri: own.uri, cid: own.cid }, parent: { uri: middle.uri, cid: middle.cid } },
    });
    await residentAgent.deletePost(middle.uri);
    const thread = await councilAgent.getPostThread({ uri: orphan.uri });
    expect((thread.data.thread as ThreadNode).parent).toEqual({
      $type: 'app.bsky.feed.defs#notFoundPost',
      uri: middle.uri,
      notFound: true,
    });
  });

  it('keeps accounts, posts and sessions across a restart of the sandbox', async () => {
    const post = await councilAgent.post({ text: 'Still here after a restart' });
    await sandbox.restart();
    const record = await councilAgent.com.atproto.repo.getRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      rkey: post.uri.split('/').pop()!,
    });
    expect(record.data.cid).toBe(post.cid);
    // The signing secret is kept in the database, so the access token issued before the restart still works.
    const session = await councilAgent.com.atproto.server.getSession();
    expect(session.data.did).toBe(council.did);
    const again = new AtpAgent({ service: `${sandbox.url}/bluesky` });
    await again.login({ identifier: council.handle, password: council.credentials.password });
    expect(again.session?.did).toBe(council.did);
  });

  it('lets the crowd reply to and mention the account as real accounts would', async () => {
    const post = await councilAgent.post({ text: 'Tell us about potholes on your street.' });
    const crowd = sandbox.app.get(SandboxNetworkRegistry, { strict: false }).get('bluesky')!.crowd;
    const recent = await crowd.recentPosts(council.did, 5);
    expect(recent[0]).toMatchObject({ postId: post.uri, text: 'Tell us about potholes on your street.' });
    const citizen = { key: 'gwen_01', handle: 'gwen_01', displayName: 'Gwen', language: 'cy' as const };
    const reply = await crowd.reply(council.did, post.uri, citizen, 'Mae twll mawr ar Stryd y Bont.');
    const mention = await crowd.mention(council.did, citizen, 'x'.repeat(400));
    const dm = await crowd.directMessage(council.did, citizen, 'Can someone call me back?');
    const notes = await councilAgent.listNotifications({ limit: 3 });
    expect(notes.data.notifications.map((n) => [n.reason, n.uri])).toEqual([
      ['mention', dm.objectId],
      ['mention', mention.objectId],
      ['reply', reply.objectId],
    ]);
    expect(notes.data.notifications[0].author.handle).toBe('gwen-01.test');
    const gone = await councilAgent.post({ text: 'Deleted before the crowd got to it' });
    await councilAgent.deletePost(gone.uri);
    const late = await crowd.reply(council.did, gone.uri, citizen, 'Too late');
    const lateNote = await councilAgent.listNotifications({ limit: 1 });
    expect(lateNote.data.notifications[0]).toMatchObject({ reason: 'mention', uri: late.objectId });

    const thread = await councilAgent.getPostThread({ uri: post.uri });
    const replyView = (thread.data.thread as ThreadNode).replies![0] as ThreadNode;
    expect(replyView.post).toMatchObject({
      uri: reply.objectId,
      record: { text: 'Mae twll mawr ar Stryd y Bont.', langs: ['cy'] },
    });
    const ledger = await sandbox.control<{ items: { objectId: string }[] }>(
      'GET',
      '/_sandbox/ledger?network=bluesky&limit=1000',
    );
    expect(ledger.body.items.map((entry) => entry.objectId)).not.toContain(reply.objectId);
  });

  it('delivers a burst of crowd items in batches: valid posts, one notification each, quickly', async () => {
    const target = await createBlueskyAccount(sandbox, 'burst_target');
    const targetAgent = await signedInAgent(sandbox, target);
    const post = await targetAgent.post({ text: 'Consultation on the new bus timetable' });
    const crowd = sandbox.app.get(SandboxNetworkRegistry, { strict: false }).get('bluesky')!.crowd;
    const citizens = Array.from({ length: 25 }, (_, i) => ({
      key: `burst_${i}`,
      handle: `burst_${i}`,
      displayName: `Citizen ${i}`,
      language: (i % 3 === 0 ? 'cy' : 'en') as 'cy' | 'en',
    }));
    const items = Array.from({ length: 600 }, (_, i) =>
      i % 2 === 0
        ? { kind: 'reply' as const, postId: post.uri, citizen: citizens[i % 25], text: `Reply ${i} 🚌` }
        : { kind: 'mention' as const, citizen: citizens[i % 25], text: `Mention ${i}` },
    );
    const started = Date.now();
    const refs = await crowd.deliverBatch!(target.did, items);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(refs).toHaveLength(600);
    expect(new Set(refs.map((r) => r.objectId)).size).toBe(600);

    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await targetAgent.listNotifications({ limit: 100, cursor });
      count += page.data.notifications.length;
      cursor = page.data.cursor;
    } while (cursor);
    expect(count).toBe(600);
    const thread = await targetAgent.getPostThread({ uri: post.uri, depth: 1 });
    expect((thread.data.thread as ThreadNode).post.replyCount).toBe(300);
    const citizenAgent = new AtpAgent({ service: `${sandbox.url}/bluesky` });
    const records = await citizenAgent.com.atproto.repo.listRecords({
      repo: 'burst-0.test',
      collection: 'app.bsky.feed.post',
      limit: 100,
    });
    expect(records.data.records).toHaveLength(24);
  });
});
