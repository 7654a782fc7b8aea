import { AtpAgent } from '@atproto/api';
import { AuthExpired, BlueskyAdapter } from '@outside-in/platforms';
import type { ChannelConnection, InboundItem } from '@outside-in/platforms';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { randomUUID } from 'node:crypto';
import {
  RealBlueskyAccount,
  RealBlueskyNetwork,
  startRealBlueskyNetwork,
} from './support/real-bluesky-network';
import { TINY_PNG } from './support/tiny-png';

/**
 * The Bluesky adapter against a real AT Protocol network (@atproto/dev-env: PLC, PDS and AppView on
 * localhost), not the sandbox: what the sandbox imitates, checked at the source.
 */
describe('Bluesky adapter against a real PDS and AppView (@atproto/dev-env)', () => {
  let network: RealBlueskyNetwork;
  let alice: RealBlueskyAccount;
  let bob: RealBlueskyAccount;
  let aliceChannel: ChannelConnection;
  let bobChannel: ChannelConnection;
  const adapter = new BlueskyAdapter();
  /** Reads records from the PDS, and what the AppView made of them, without signing in. */
  let reader: AtpAgent;
  let appView: AtpAgent;

  const channelFor = (account: RealBlueskyAccount): ChannelConnection => ({
    channelId: randomUUID(),
    network: 'bluesky',
    externalAccountId: account.did,
    handle: account.handle,
    baseUrl: network.pdsUrl,
    credentials: { identifier: account.identifier, password: account.password },
  });

  const recordOf = async (uri: string) => {
    const [, , repo, collection, rkey] = uri.split('/');
    const found = await reader.com.atproto.repo.getRecord({ repo, collection, rkey });
    return found.data as { uri: string; cid: string; value: Record<string, unknown> };
  };

  /** Every new inbound item for a channel, polled until `count` have arrived (the AppView indexes later). */
  const inboundFor = async (channel: ChannelConnection, count: number, cursor: string | null = null) =>
    network.eventually(async () => {
      const page = await adapter.fetchInbound(channel, cursor);
      return page.items.length >= count ? page : undefined;
    }, `${count} inbound items for ${channel.handle}`);

  beforeAll(async () => {
    network = await startRealBlueskyNetwork();
    alice = await network.createAccount('alice');
    bob = await network.createAccount('bob');
    aliceChannel = channelFor(alice);
    bobChannel = channelFor(bob);
    reader = new AtpAgent({ service: network.pdsUrl });
    appView = new AtpAgent({ service: network.appViewUrl });
  }, 90_000);
  afterAll(() => network?.stop());

  it('signs in with the app password and reads the account', async () => {
    const profile = await adapter.verifyCredentials(aliceChannel);
    expect(profile).toEqual({
      externalAccountId: alice.did,
      handle: 'alice.test',
      // No profile record yet: the AppView has no display name, so the handle stands in.
      displayName: 'alice.test',
      profileUrl: 'https://bsky.app/profile/alice.test',
    });
  });

  it('turns a wrong app password into AuthExpired', async () => {
    const wrong = {
      ...aliceChannel,
      channelId: randomUUID(),
      credentials: { identifier: alice.identifier, password: 'aaaa-bbbb-cccc-dddd' },
    };
    await expect(adapter.verifyCredentials(wrong)).rejects.toBeInstanceOf(AuthExpired);
  });

  it('refreshes the session: new tokens that a fresh channel resumes without signing in', async () => {
    const first = await adapter.refreshCredentials(aliceChannel);
    expect(first.credentials).toEqual(
      expect.objectContaining({ accessJwt: expect.any(String), refreshJwt: expect.any(String) }),
    );
    expect(first.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    const second = await adapter.refreshCredentials({ ...aliceChannel, credentials: first.credentials });
    // PDS access tokens carry no jti, so two issued in the same second are equal; refresh tokens differ.
    expect(second.credentials.refreshJwt).not.toBe(first.credentials.refreshJwt);
    const resumed = { ...aliceChannel, channelId: randomUUID(), credentials: second.credentials };
    expect((await adapter.verifyCredentials(resumed)).externalAccountId).toBe(alice.did);
  });

  it('publishes a post: the record on the PDS and the post in the AppView', async () => {
    const text = `Bin collections move to Tuesday ${randomUUID().slice(0, 8)}`;
    const published = await adapter.publish(aliceChannel, {
      idempotencyKey: randomUUID(),
      parts: [{ text }],
    });
    expect(published.externalId).toMatch(
      new RegExp(`^at://${alice.did}/app\\.bsky\\.feed\\.post/[a-z2-7]{13}$`),
    );
    expect(published.url).toBe(
      `https://bsky.app/profile/alice.test/post/${published.externalId.split('/').pop()}`,
    );
    const record = await recordOf(published.externalId);
    expect(record.value).toEqual(
      expect.objectContaining({ $type: 'app.bsky.feed.post', text, createdAt: expect.any(String) }),
    );
    const thread = await network.eventually(async () => {
      const found = await appView.app.bsky.feed.getPostThread({ uri: published.externalId });
      return found.data.thread;
    }, 'the post in the AppView');
    expect(thread).toEqual(expect.objectContaining({ post: expect.objectContaining({ cid: record.cid }) }));
  });

  it('publishes an image with its alt text: the blob stored, the record referencing it, readers shown the alt', async () => {
    const altText = 'A map of the new bin collection rounds';
    const published = await adapter.publish(aliceChannel, {
      idempotencyKey: randomUUID(),
      parts: [
        { text: 'New rounds from Monday', media: [{ data: TINY_PNG, mimeType: 'image/png', altText }] },
      ],
    });
    const record = await recordOf(published.externalId);
    const blobCid = CID.createV1(0x55, await sha256.digest(TINY_PNG)).toString();
    const embed = record.value.embed as {
      $type: string;
      images: { alt: string; image: { $type: string; ref: unknown; mimeType: string; size: number } }[];
    };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images).toHaveLength(1);
    const [image] = embed.images;
    expect(image.alt).toBe(altText);
    // The agent hands the blob back as a BlobRef; its JSON is the record's own form.
    expect(JSON.parse(JSON.stringify(image.image))).toEqual({
      $type: 'blob',
      ref: { $link: blobCid },
      mimeType: 'image/png',
      size: TINY_PNG.length,
    });
    const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: blobCid });
    expect(Buffer.from(blob.data)).toEqual(TINY_PNG);
    // What readers get: the AppView's image view carries the alt text.
    const view = await network.eventually(async () => {
      const found = await appView.app.bsky.feed.getPosts({ uris: [published.externalId] });
      return found.data.posts[0]?.embed;
    }, 'the image post in the AppView');
    expect(view).toEqual(
      expect.objectContaining({
        $type: 'app.bsky.embed.images#view',
        images: [expect.objectContaining({ alt: altText, thumb: expect.stringContaining(blobCid) })],
      }),
    );
  });

  it('publishes a thread as a reply chain, and a retry with the same key posts nothing twice', async () => {
    const idempotencyKey = randomUUID();
    const parts = [{ text: 'Road closures this week (1/3)' }, { text: '(2/3)' }, { text: '(3/3)' }];
    const published = await adapter.publish(aliceChannel, { idempotencyKey, parts });
    expect(published.parts).toHaveLength(3);
    const [root, second, third] = await Promise.all(published.parts.map((part) => recordOf(part.externalId)));
    expect(root.value.reply).toBeUndefined();
    expect(second.value.reply).toEqual({
      root: { uri: root.uri, cid: root.cid },
      parent: { uri: root.uri, cid: root.cid },
    });
    expect(third.value.reply).toEqual({
      root: { uri: root.uri, cid: root.cid },
      parent: { uri: second.uri, cid: second.cid },
    });
    // The PDS answers a create onto an existing record key with a 500; the adapter reads the record back.
    const retried = await adapter.publish(aliceChannel, { idempotencyKey, parts });
    expect(retried.parts.map((part) => part.externalId)).toEqual(
      published.parts.map((part) => part.externalId),
    );

    const posts = await network.eventually(async () => {
      const read = await adapter.readBack(aliceChannel, { limit: 50 });
      return read.some((post) => post.externalId === third.uri) ? read : undefined;
    }, 'the thread in the author feed');
    const ours = posts.filter((post) => published.parts.some((part) => part.externalId === post.externalId));
    expect(ours.map((post) => [post.text, post.inReplyToExternalId])).toEqual([
      ['(3/3)', second.uri],
      ['(2/3)', root.uri],
      ['Road closures this week (1/3)', undefined],
    ]);
  });

  it('walks every mention even when likes and reposts fill the notification pages between them', async () => {
    // A fresh pair, so that nothing earlier is in the way.
    const [carol, dave] = [await network.createAccount('carol'), await network.createAccount('dave')];
    const carolChannel = channelFor(carol);
    const daveAgent = new AtpAgent({ service: network.pdsUrl });
    await daveAgent.login({ identifier: dave.identifier, password: dave.password });
    const carolAgent = new AtpAgent({ service: network.pdsUrl });
    await carolAgent.login({ identifier: carol.identifier, password: carol.password });
    // Two commits (applyWrites) instead of ninety: Carol's thirty notices, then Dave's like or repost of each
    // with a mention of Carol after it. Their createdAt, a minute ago and a second apart, orders them in the
    // AppView, so that newest first its pages hold a like or a repost between every two mentions.
    const at = (i: number) => new Date(Date.now() - 60_000 + i * 1000).toISOString();
    const created = async (agent: AtpAgent, values: Record<string, unknown>[]) => {
      const response = await agent.com.atproto.repo.applyWrites({
        repo: agent.session!.did,
        writes: values.map((value) => ({
          $type: 'com.atproto.repo.applyWrites#create' as const,
          collection: String(value.$type),
          value,
        })),
      });
      return (response.data.results ?? []).map((result) => result as { uri: string; cid: string });
    };
    const notices = await created(
      carolAgent,
      Array.from({ length: 30 }, (_, i) => ({
        $type: 'app.bsky.feed.post',
        text: `Notice ${i}`,
        createdAt: at(0),
      })),
    );
    const mention = (i: number) => ({
      $type: 'app.bsky.feed.post',
      text: `@carol.test question ${i}`,
      facets: [
        {
          index: { byteStart: 0, byteEnd: '@carol.test'.length },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: carol.did }],
        },
      ],
      createdAt: at(2 * i + 2),
    });
    const daveWrites = notices.flatMap((notice, i) => [
      {
        $type: i % 2 ? 'app.bsky.feed.repost' : 'app.bsky.feed.like',
        subject: { uri: notice.uri, cid: notice.cid },
        createdAt: at(2 * i + 1),
      },
      mention(i),
    ]);
    const mentions = (await created(daveAgent, daveWrites))
      .filter((result) => result.uri.includes('/app.bsky.feed.post/'))
      .map((result) => result.uri);
    expect(mentions).toHaveLength(30);
    await network.eventually(async () => {
      const seen = await carolAgent.listNotifications({ limit: 100 });
      return seen.data.notifications.length >= 60 ? true : undefined;
    }, 'sixty notifications for carol');

    const delivered: string[] = [];
    let cursor: string | null = null;
    for (let calls = 0; calls < 10; calls++) {
      const page = await adapter.fetchInbound(carolChannel, cursor);
      delivered.push(...page.items.map((item) => item.externalId));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    // The next sweep starts from the top and finds nothing new.
    const next = await adapter.fetchInbound(carolChannel, cursor);
    expect(next.items).toEqual([]);
    expect([...delivered].sort()).toEqual([...mentions].sort());
  });

  it('receives mentions and replies through notifications, replies in the thread, and deletes', async () => {
    const original = await adapter.publish(aliceChannel, {
      idempotencyKey: randomUUID(),
      parts: [{ text: 'Library opening hours are changing' }],
    });
    const mention = await adapter.publish(bobChannel, {
      idempotencyKey: randomUUID(),
      parts: [{ text: `@alice.test is the library open on Sunday?` }],
    });
    const bobReply = await adapter.reply(bobChannel, {
      idempotencyKey: randomUUID(),
      inReplyToExternalId: original.externalId,
      text: 'Will the children’s section keep its hours?',
    });

    const page = await inboundFor(aliceChannel, 2);
    const byId = new Map<string, InboundItem>(page.items.map((item) => [item.externalId, item]));
    expect(byId.get(mention.externalId)).toEqual(
      expect.objectContaining({
        kind: 'mention',
        threadKey: mention.externalId,
        text: '@alice.test is the library open on Sunday?',
        fromAccount: false,
        url: `https://bsky.app/profile/bob.test/post/${mention.externalId.split('/').pop()}`,
        author: {
          externalId: bob.did,
          handle: 'bob.test',
          displayName: 'bob.test',
          profileUrl: 'https://bsky.app/profile/bob.test',
        },
      }),
    );
    expect(byId.get(bobReply.externalId)).toEqual(
      expect.objectContaining({
        kind: 'reply',
        threadKey: original.externalId,
        inReplyToExternalId: original.externalId,
        text: 'Will the children’s section keep its hours?',
        fromAccount: false,
      }),
    );
    expect(page.hasMore).toBe(false);
    // The cursor remembers what was delivered: the next poll brings nothing again.
    const again = await adapter.fetchInbound(aliceChannel, page.nextCursor);
    expect(again.items).toEqual([]);

    // Alice answers in the thread: the reply hangs under Bob's, and the thread's root stays her post.
    const answer = await adapter.reply(aliceChannel, {
      idempotencyKey: randomUUID(),
      inReplyToExternalId: bobReply.externalId,
      text: 'Yes, the same hours.',
    });
    const answerRecord = await recordOf(answer.externalId);
    const originalRecord = await recordOf(original.externalId);
    const bobRecord = await recordOf(bobReply.externalId);
    expect(answerRecord.value.reply).toEqual({
      root: { uri: original.externalId, cid: originalRecord.cid },
      parent: { uri: bobReply.externalId, cid: bobRecord.cid },
    });
    const bobInbound = await inboundFor(bobChannel, 1);
    expect(bobInbound.items).toEqual([
      expect.objectContaining({
        externalId: answer.externalId,
        kind: 'reply',
        threadKey: original.externalId,
        inReplyToExternalId: bobReply.externalId,
        fromAccount: false,
      }),
    ]);
    // Alice does not get a notification for her own reply.
    expect((await adapter.fetchInbound(aliceChannel, page.nextCursor)).items).toEqual([]);

    await adapter.deletePost(aliceChannel, answer.externalId);
    await expect(recordOf(answer.externalId)).rejects.toMatchObject({ error: 'RecordNotFound' });
    const afterDelete = await network.eventually(async () => {
      const read = await adapter.readBack(aliceChannel, { limit: 50 });
      return read.some((post) => post.externalId === answer.externalId) ? undefined : read;
    }, 'the deleted reply gone from the author feed');
    expect(afterDelete.map((post) => post.externalId)).toContain(original.externalId);
    // Deleting what is already gone succeeds: the PDS treats deleteRecord as idempotent.
    await expect(adapter.deletePost(aliceChannel, answer.externalId)).resolves.toBeUndefined();
  });
});
