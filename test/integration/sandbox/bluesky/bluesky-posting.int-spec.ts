import { AtpAgent, RichText } from '@atproto/api';
import { isValidTid } from '@atproto/syntax';
import { CID } from 'multiformats/cid';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import {
  BlueskyTestAccount,
  TINY_PNG,
  createBlueskyAccount,
  lexiconProblems,
  signedInAgent,
} from './bluesky-test-support';

describe('Bluesky sandbox: signing in and posting with the real AtpAgent', () => {
  let sandbox: TestSandbox;
  let council: BlueskyTestAccount;
  let agent: AtpAgent;

  beforeAll(async () => {
    sandbox = await startSandbox();
    council = await createBlueskyAccount(sandbox, 'cardiff_council', 'Cardiff Council');
    agent = await signedInAgent(sandbox, council);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  afterEach(() => {
    expect(lexiconProblems(sandbox)).toEqual([]);
  });

  it('signs in with the handle and app password and keeps talking to the sandbox', async () => {
    expect(agent.session?.did).toBe(council.did);
    expect(council.did).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(agent.session?.handle).toBe('cardiff-council.test');
    // Like a PDS with default settings, the sandbox sends no didDoc, so the agent keeps its service URL.
    expect(agent.pdsUrl).toBeUndefined();
    expect(agent.serviceUrl.toString()).toBe(`${sandbox.url}/bluesky`);
    const session = await agent.com.atproto.server.getSession();
    expect(session.data).toMatchObject({ did: council.did, handle: 'cardiff-council.test', active: true });
  });

  it('signs in with the email address too', async () => {
    const byEmail = new AtpAgent({ service: `${sandbox.url}/bluesky` });
    await byEmail.login({ identifier: council.credentials.email, password: council.credentials.password });
    expect(byEmail.session?.did).toBe(council.did);
  });

  it('creates a post with a TID rkey, a real CID and a commit, and reads it back', async () => {
    const created = await agent.post({ text: 'Bin collections are running as normal this week.' });
    expect(created.uri).toMatch(new RegExp(`^at://${council.did}/app\\.bsky\\.feed\\.post/`));
    const rkey = created.uri.split('/').pop()!;
    expect(isValidTid(rkey)).toBe(true);
    expect(CID.parse(created.cid).code).toBe(0x71);
    const record = await agent.com.atproto.repo.getRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      rkey,
    });
    expect(record.data.cid).toBe(created.cid);
    expect(record.data.value).toMatchObject({
      $type: 'app.bsky.feed.post',
      text: 'Bin collections are running as normal this week.',
    });
    // A PDS hands back what it decoded from the DAG-CBOR block: keys in canonical order (shortest first).
    expect(Object.keys(record.data.value)).toEqual(['text', '$type', 'createdAt']);
    const ledger = await sandbox.control<{ items: { kind: string; objectId: string; content: string }[] }>(
      'GET',
      `/_sandbox/ledger?network=bluesky&accountId=${encodeURIComponent(council.did)}`,
    );
    expect(ledger.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'post',
          objectId: created.uri,
          content: 'Bin collections are running as normal this week.',
        }),
      ]),
    );
  });

  it('gives the same record the same CID whatever order its JSON keys came in', async () => {
    const createdAt = '2026-11-27T09:00:00.000Z';
    const a = await agent.com.atproto.repo.createRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'Same words', createdAt },
    });
    const b = await agent.com.atproto.repo.createRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      record: { createdAt, text: 'Same words', $type: 'app.bsky.feed.post' },
    });
    expect(a.data.cid).toBe(b.data.cid);
    expect(a.data.uri).not.toBe(b.data.uri);
    expect(a.data.validationStatus).toBe('valid');
    expect(b.data.commit!.rev > a.data.commit!.rev).toBe(true);
  });

  it('honours swapCommit: a write against the current commit succeeds, a stale one is refused with InvalidSwap', async () => {
    const head = await agent.com.atproto.sync.getLatestCommit({ did: council.did });
    const created = await agent.com.atproto.repo.createRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      swapCommit: head.data.cid,
      record: { $type: 'app.bsky.feed.post', text: 'Swap ok', createdAt: new Date().toISOString() },
    });
    expect(created.data.commit!.rev > head.data.rev).toBe(true);
    const latest = await agent.com.atproto.sync.getLatestCommit({ did: council.did });
    expect(latest.data).toEqual(created.data.commit);
    await expect(
      agent.com.atproto.repo.createRecord({
        repo: council.did,
        collection: 'app.bsky.feed.post',
        swapCommit: head.data.cid,
        record: { $type: 'app.bsky.feed.post', text: 'Swap stale', createdAt: new Date().toISOString() },
      }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'InvalidSwap',
      message: `Commit was at ${latest.data.cid}`,
    });
  });

  it('accepts mention and link facets with byte offsets, and notifies the mentioned account', async () => {
    const resident = await createBlueskyAccount(sandbox, 'resident_rhys');
    const text = `Diolch @${resident.handle}! Manylion: https://example.gov.uk/biniau 🗑️`;
    const rt = new RichText({ text });
    await rt.detectFacets(agent);
    expect(rt.facets).toHaveLength(2);
    const created = await agent.post({ text: rt.text, facets: rt.facets, langs: ['cy'] });
    const stored = await agent.com.atproto.repo.getRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      rkey: created.uri.split('/').pop()!,
    });
    const facets = (stored.data.value as { facets: { index: { byteStart: number; byteEnd: number } }[] })
      .facets;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(facets[0].index.byteStart, facets[0].index.byteEnd).toString('utf8')).toBe(
      `@${resident.handle}`,
    );
    const residentAgent = await signedInAgent(sandbox, resident);
    const notes = await residentAgent.listNotifications();
    expect(notes.data.notifications).toEqual([
      expect.objectContaining({ reason: 'mention', uri: created.uri, cid: created.cid, isRead: false }),
    ]);
    expect(notes.data.notifications[0].author.did).toBe(council.did);
  });

  it('uploads an image and posts it with alt text; the blob ref and the embed view are real', async () => {
    const upload = await agent.uploadBlob(TINY_PNG, { encoding: 'image/png' });
    const blobCid = upload.data.blob.ref.toString();
    expect(CID.parse(blobCid).code).toBe(0x55);
    expect(upload.data.blob.mimeType).toBe('image/png');
    expect(upload.data.blob.size).toBe(TINY_PNG.length);
    const created = await agent.post({
      text: 'Our new library opening hours',
      embed: {
        $type: 'app.bsky.embed.images',
        images: [
          {
            image: upload.data.blob,
            alt: 'Poster listing opening hours, 9am to 5pm',
            aspectRatio: { width: 1, height: 1 },
          },
        ],
      },
    });
    const thread = await agent.getPostThread({ uri: created.uri });
    const post = (thread.data.thread as { post: { embed: { images: { alt: string; fullsize: string }[] } } })
      .post;
    expect(post.embed.images[0].alt).toBe('Poster listing opening hours, 9am to 5pm');
    const image = await fetch(post.embed.images[0].fullsize);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const ledger = await sandbox.control<{ items: { kind: string; objectId: string }[] }>(
      'GET',
      `/_sandbox/ledger?network=bluesky&kind=media&accountId=${encodeURIComponent(council.did)}`,
    );
    expect(ledger.body.items.map((entry) => entry.objectId)).toContain(blobCid);
  });

  it('refuses an image the account never uploaded', async () => {
    const missing = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
    await expect(
      agent.post({
        text: 'Ghost image',
        embed: {
          $type: 'app.bsky.embed.images',
          images: [
            {
              image: { $type: 'blob', ref: { $link: missing }, mimeType: 'image/png', size: 10 } as never,
              alt: 'nothing',
            },
          ],
        },
      }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'BlobNotFound',
      message: `Could not find blob: ${missing}`,
    });
  });

  it('lists records newest first with a cursor, and deletes a post', async () => {
    const { data } = await agent.com.atproto.repo.listRecords({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      limit: 2,
    });
    expect(data.records).toHaveLength(2);
    expect(data.records[0].uri > data.records[1].uri).toBe(true);
    const next = await agent.com.atproto.repo.listRecords({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      limit: 2,
      cursor: data.cursor,
    });
    expect(next.data.records[0].uri < data.records[1].uri).toBe(true);

    const doomed = await agent.post({ text: 'Posted by mistake' });
    await agent.deletePost(doomed.uri);
    await expect(
      agent.com.atproto.repo.getRecord({
        repo: council.did,
        collection: 'app.bsky.feed.post',
        rkey: doomed.uri.split('/').pop()!,
      }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'RecordNotFound',
      message: `Could not locate record: ${doomed.uri}`,
    });
    // Deleting again is a successful no-op, as the lexicon says.
    const again = await agent.com.atproto.repo.deleteRecord({
      repo: council.did,
      collection: 'app.bsky.feed.post',
      rkey: doomed.uri.split('/').pop()!,
    });
    expect(again.data.commit).toBeUndefined();
  });

  it('shows the account and its posts: getProfile, getAuthorFeed, resolveHandle', async () => {
    const profile = await agent.getProfile({ actor: council.handle });
    expect(profile.data).toMatchObject({
      did: council.did,
      handle: council.handle,
      displayName: 'Cardiff Council',
    });
    expect(profile.data.postsCount).toBeGreaterThan(3);
    const feed = await agent.getAuthorFeed({ actor: council.did, limit: 3 });
    expect(feed.data.feed).toHaveLength(3);
    expect(feed.data.cursor).toBeDefined();
    const more = await agent.getAuthorFeed({ actor: council.did, limit: 3, cursor: feed.data.cursor });
    const seen = new Set(feed.data.feed.map((item) => item.post.uri));
    for (const item of more.data.feed) expect(seen.has(item.post.uri)).toBe(false);
    const described = await agent.com.atproto.repo.describeRepo({ repo: council.handle });
    expect(described.data).toMatchObject({
      did: council.did,
      handle: council.handle,
      collections: ['app.bsky.feed.post'],
      handleIsCorrect: true,
    });
    const resolved = await agent.resolveHandle({ handle: council.handle });
    expect(resolved.data.did).toBe(council.did);
  });
});
