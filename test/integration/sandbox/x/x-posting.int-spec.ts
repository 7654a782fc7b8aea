import { TestSandbox } from '../../../support/sandbox-harness';
import {
  apiError,
  expectValidXResponses,
  ledger,
  mp4Bytes,
  pngBytes,
  startXSandbox,
  xAccount,
  XTestAccount,
} from './x-test-kit';

describe('X sandbox: posting with twitter-api-v2', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;
  let citizen: XTestAccount;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'cardiffcouncil');
    citizen = await xAccount(sandbox, 'ann_resident');
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('creates a post and answers 201 with a snowflake id, the text and the edit history', async () => {
    const { data } = await council.client.v2.tweet('Bin collections are running a day late this week.');
    expect(data.id).toMatch(/^[0-9]{18,19}$/);
    expect(data.text).toBe('Bin collections are running a day late this week.');
    expect((data as { edit_history_tweet_ids?: string[] }).edit_history_tweet_ids).toEqual([data.id]);
    // A snowflake encodes its creation time.
    const created = Number((BigInt(data.id) >> 22n) + 1288834974657n);
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);

    const [entry] = await ledger(sandbox, { objectId: data.id });
    expect(entry).toMatchObject({
      network: 'x',
      accountId: council.userId,
      kind: 'post',
      content: data.text,
    });
  });

  it('replies and quotes, and the lookup shows the references, author and conversation', async () => {
    const { data: question } = await citizen.client.v2.tweet(
      '@cardiffcouncil when is the library open on Sunday?',
    );
    const { data: reply } = await council.client.v2.reply('It opens 10:00 to 16:00 on Sundays.', question.id);
    const { data: quote } = await council.client.v2.quote('Our Sunday hours, for everyone asking:', reply.id);

    const lookup = await council.client.v2.singleTweet(reply.id, {
      'tweet.fields': [
        'author_id',
        'conversation_id',
        'in_reply_to_user_id',
        'referenced_tweets',
        'created_at',
      ],
      expansions: ['author_id', 'referenced_tweets.id', 'in_reply_to_user_id'],
    });
    expect(lookup.data).toMatchObject({
      id: reply.id,
      author_id: council.userId,
      conversation_id: question.id,
      in_reply_to_user_id: citizen.userId,
      referenced_tweets: [{ type: 'replied_to', id: question.id }],
    });
    expect(lookup.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(lookup.includes?.tweets?.map((t) => t.id)).toEqual([question.id]);
    expect(lookup.includes?.users?.map((u) => u.username).sort()).toEqual(['ann_resident', 'cardiffcouncil']);

    const quoted = await council.client.v2.singleTweet(quote.id, { 'tweet.fields': ['referenced_tweets'] });
    expect(quoted.data.referenced_tweets).toEqual([{ type: 'quoted', id: reply.id }]);

    const kinds = (await ledger(sandbox, { accountId: council.userId })).map((e) => [e.objectId, e.kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        [reply.id, 'reply'],
        [quote.id, 'post'],
      ]),
    );
  });

  it('uploads an image in chunks (initialize, append, finalize) and attaches it', async () => {
    const image = pngBytes(640, 480, 3000);
    const mediaId = await council.client.v2.uploadMedia(image, { media_type: 'image/png' }, 1024);
    expect(mediaId).toMatch(/^[0-9]{18,19}$/);
    const { data } = await council.client.v2.tweet('Our new recycling centre', {
      media: { media_ids: [mediaId] },
    });
    const lookup = await council.client.v2.singleTweet(data.id, {
      'tweet.fields': ['attachments'],
      expansions: ['attachments.media_keys'],
      'media.fields': ['width', 'height', 'type', 'url'],
    });
    expect(lookup.data.attachments?.media_keys).toEqual([`3_${mediaId}`]);
    expect(lookup.includes?.media).toEqual([
      expect.objectContaining({ media_key: `3_${mediaId}`, type: 'photo', width: 640, height: 480 }),
    ]);
    const media = await ledger(sandbox, { objectId: mediaId });
    expect(media[0]).toMatchObject({ kind: 'media', content: 'image/png 3000 bytes' });
  });

  it('stores alt text through POST /2/media/metadata and shows it as media.alt_text', async () => {
    const mediaId = await council.client.v2.uploadMedia(pngBytes(), { media_type: 'image/png' });
    await council.client.v2.createMediaMetadata(mediaId, { alt_text: { text: 'A gritter on a snowy road' } });
    const { data } = await council.client.v2.tweet('Gritters are out tonight', {
      media: { media_ids: [mediaId] },
    });
    const lookup = await council.client.v2.singleTweet(data.id, {
      expansions: ['attachments.media_keys'],
      'media.fields': ['alt_text'],
    });
    expect(lookup.includes?.media).toEqual([
      expect.objectContaining({ alt_text: 'A gritter on a snowy road' }),
    ]);

    const tooLong = await apiError(
      council.client.v2.createMediaMetadata(mediaId, { alt_text: { text: 'x'.repeat(1001) } }),
    );
    expect(tooLong.code).toBe(400);
    const notMine = await apiError(
      citizen.client.v2.createMediaMetadata(mediaId, { alt_text: { text: 'Someone else’s image' } }),
    );
    expect(notMine.code).toBeGreaterThanOrEqual(400);
  });

  it('processes a video: finalize answers pending, STATUS is polled until it succeeds', async () => {
    const mediaId = await council.client.v2.uploadMedia(mp4Bytes(4096), { media_type: 'video/mp4' }, 2048);
    const statuses = sandbox.responses.filter((r) => r.path === '/x/2/media/upload' && r.method === 'GET');
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    const last = JSON.parse(statuses[statuses.length - 1].body.toString('utf8'));
    expect(last.data.processing_info.state).toBe('succeeded');
    const { data } = await council.client.v2.tweet('Watch: how to sort your recycling', {
      media: { media_ids: [mediaId] },
    });
    expect(data.id).toMatch(/^[0-9]+$/);
  });

  it('refuses media that is not the uploader’s, and bytes that are not the declared type', async () => {
    const mediaId = await citizen.client.v2.uploadMedia(pngBytes(), { media_type: 'image/png' });
    const error = await apiError(council.client.v2.tweet('Not mine', { media: { media_ids: [mediaId] } }));
    expect(error.code).toBe(400);
    expect(error.data.type).toBe('https://api.x.com/2/problems/invalid-request');
    expect(JSON.stringify(error.data.errors)).toContain('Your media IDs are invalid.');

    const bogus = await apiError(
      council.client.v2.uploadMedia(Buffer.from('not a png at all'), { media_type: 'image/png' }),
    );
    expect(bogus.code).toBe(400);
    expect(JSON.stringify(bogus.data)).toContain('media type unrecognized');
  });

  it('refuses a DM-only upload on a post, and a video with images', async () => {
    const dmImage = await council.client.v2.uploadMedia(pngBytes(), {
      media_type: 'image/png',
      media_category: 'dm_image',
    });
    const dmOnly = await apiError(
      council.client.v2.tweet('DM media on a post', { media: { media_ids: [dmImage] } }),
    );
    expect(dmOnly.code).toBe(400);
    const image = await council.client.v2.uploadMedia(pngBytes(4, 4), { media_type: 'image/png' });
    const video = await council.client.v2.uploadMedia(mp4Bytes(1024), { media_type: 'video/mp4' });
    const mixed = await apiError(
      council.client.v2.tweet('Mixed media', { media: { media_ids: [image, video] } }),
    );
    expect(mixed.code).toBe(400);
    expect(JSON.stringify(mixed.errors)).toContain('1 video or GIF on its own');
    const wrongCategory = await apiError(
      council.client.v2.uploadMedia(pngBytes(), { media_type: 'image/png', media_category: 'tweet_video' }),
    );
    expect(wrongCategory.code).toBe(400);
  });

  it('deletes a post: lookups then answer with a not-found error and no data', async () => {
    const { data } = await council.client.v2.tweet('A post to delete');
    const deleted = await council.client.v2.deleteTweet(data.id);
    expect(deleted.data.deleted).toBe(true);
    const lookup = await council.client.v2.singleTweet(data.id);
    expect(lookup.data).toBeUndefined();
    expect(lookup.errors?.[0]).toMatchObject({
      title: 'Not Found Error',
      resource_type: 'tweet',
      resource_id: data.id,
      type: 'https://api.x.com/2/problems/resource-not-found',
    });

    const notMine = await citizen.client.v2.tweet('A citizen post');
    const forbidden = await apiError(council.client.v2.deleteTweet(notMine.data.id));
    expect(forbidden.code).toBe(403);
  });

  it('looks up several posts at once, keeping the order and listing the missing ones', async () => {
    const a = await council.client.v2.tweet('First of several');
    const b = await council.client.v2.tweet('Second of several');
    const result = await council.client.v2.tweets([b.data.id, '1234567890123456789', a.data.id]);
    expect(result.data.map((t) => t.id)).toEqual([b.data.id, a.data.id]);
    expect(result.errors?.map((e) => e.resource_id)).toEqual(['1234567890123456789']);
  });

  it('wraps links in t.co links and counts a link as 23 characters', async () => {
    const longUrl = `https://www.cardiff.gov.uk/ENG/resident/Rubbish-and-recycling/${'a'.repeat(200)}`;
    const text = `${'x'.repeat(250)} ${longUrl}`;
    const { data } = await council.client.v2.tweet(text);
    expect(data.text).toMatch(/^x{250} https:\/\/t\.co\/[A-Za-z0-9]{10}$/);
    const lookup = await council.client.v2.singleTweet(data.id, { 'tweet.fields': ['entities'] });
    expect(lookup.data.entities?.urls?.[0]).toMatchObject({ expanded_url: longUrl, start: 251, end: 274 });
  });

  it('keeps posts and tokens across a restart of the sandbox (state lives in Postgres)', async () => {
    const { data } = await council.client.v2.tweet('Written before the restart');
    await sandbox.restart();
    const lookup = await council.client.v2.singleTweet(data.id, { 'tweet.fields': ['author_id'] });
    expect(lookup.data).toMatchObject({ text: 'Written before the restart', author_id: council.userId });
    const duplicate = await apiError(council.client.v2.tweet('Written before the restart'));
    expect(duplicate.code).toBe(403);
  });
});
