import { createHmac } from 'node:crypto';
import { MetaWebhookParser, metaSignatureValid } from './meta-webhook';

const SECRET = 'app-secret';
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('metaSignatureValid', () => {
  const body = '{"object":"page","entry":[]}';

  it('accepts the hex HMAC-SHA256 of the exact bytes with the app secret', () => {
    expect(metaSignatureValid(SECRET, Buffer.from(body), sign(body))).toBe(true);
  });

  it('refuses a missing, malformed, other-secret or other-body signature', () => {
    expect(metaSignatureValid(SECRET, Buffer.from(body), undefined)).toBe(false);
    expect(metaSignatureValid(SECRET, Buffer.from(body), 'sha256=')).toBe(false);
    expect(metaSignatureValid(SECRET, Buffer.from(body), 'sha256=nothex')).toBe(false);
    expect(metaSignatureValid(SECRET, Buffer.from(body), sign(body, 'other'))).toBe(false);
    expect(metaSignatureValid(SECRET, Buffer.from(body + ' '), sign(body))).toBe(false);
    expect(metaSignatureValid(SECRET, Buffer.from(body), sign(body).replace('sha256=', 'sha1='))).toBe(false);
  });
});

describe('MetaWebhookParser', () => {
  const parser = new MetaWebhookParser();

  it('maps a page feed comment to a comment in the thread of its post', () => {
    const [batch] = parser.parse({
      object: 'page',
      entry: [
        {
          id: 'page-1',
          time: 1764240000,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: 'post-9_c-1',
                post_id: 'page-1_post-9',
                parent_id: 'page-1_post-9',
                from: { id: 'person-7', name: 'Rhian Jones' },
                message: 'When does it open?',
                created_time: 1764240001,
              },
            },
            { field: 'feed', value: { item: 'status', verb: 'add', post_id: 'page-1_post-10' } },
          ],
        },
      ],
    });
    expect(batch).toMatchObject({ network: 'facebook', accountExternalId: 'page-1' });
    expect(batch.items).toEqual([
      expect.objectContaining({
        externalId: 'post-9_c-1',
        kind: 'comment',
        threadKey: 'page-1_post-9',
        inReplyToExternalId: 'page-1_post-9',
        author: expect.objectContaining({ externalId: 'person-7', displayName: 'Rhian Jones' }),
        text: 'When does it open?',
        createdAt: new Date(1764240001 * 1000),
        fromAccount: false,
      }),
    ]);
  });

  it('threads Messenger messages by the other person, both ways, and skips receipts', () => {
    const [batch] = parser.parse({
      object: 'page',
      entry: [
        {
          id: 'page-1',
          time: 1764240000000,
          messaging: [
            {
              sender: { id: 'psid-5' },
              recipient: { id: 'page-1' },
              timestamp: 1764240000123,
              message: { mid: 'm_1', text: 'Hello' },
            },
            {
              sender: { id: 'page-1' },
              recipient: { id: 'psid-5' },
              timestamp: 1764240000456,
              message: { mid: 'm_2', text: 'Hi, how can we help?', is_echo: true },
            },
            { sender: { id: 'psid-5' }, recipient: { id: 'page-1' }, delivery: { mids: ['m_2'] } },
          ],
        },
      ],
    });
    expect(batch.items.map((i) => [i.externalId, i.threadKey, i.fromAccount])).toEqual([
      ['m_1', 'psid-5', false],
      ['m_2', 'psid-5', true],
    ]);
    expect(batch.items[0].author).toMatchObject({ externalId: 'psid-5', nameUnknown: true });
    expect(batch.items[0].createdAt).toEqual(new Date(1764240000123));
  });

  it('maps Instagram comments and messages to the Instagram account', () => {
    const [batch] = parser.parse({
      object: 'instagram',
      entry: [
        {
          id: 'ig-1',
          time: 1764240000,
          changes: [
            {
              field: 'comments',
              value: {
                id: 'igc-1',
                text: 'Lovely',
                from: { id: 'igsid-3', username: 'lowri' },
                media: { id: 'media-4' },
              },
            },
          ],
        },
      ],
    });
    expect(batch).toMatchObject({ network: 'instagram', accountExternalId: 'ig-1' });
    expect(batch.items[0]).toMatchObject({
      externalId: 'igc-1',
      kind: 'comment',
      threadKey: 'media-4',
      inReplyToExternalId: 'media-4',
      author: { handle: 'lowri', profileUrl: 'https://www.instagram.com/lowri/' },
    });
  });

  it('maps edited and removed comments, Messenger edits and unsent Instagram messages to changes, not items', () => {
    const [page] = parser.parse({
      object: 'page',
      entry: [
        {
          id: 'page-1',
          time: 1764240100,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'edited',
                comment_id: 'post-1_c-1',
                post_id: 'page-1_post-1',
                message: 'Fixed my typo',
                from: { id: 'person-1', name: 'Ann' },
                created_time: 1764240000,
              },
            },
            { field: 'feed', value: { item: 'comment', verb: 'remove', comment_id: 'post-1_c-2' } },
            { field: 'feed', value: { item: 'reaction', verb: 'add', post_id: 'page-1_post-1' } },
          ],
          messaging: [
            {
              sender: { id: 'psid-1' },
              recipient: { id: 'page-1' },
              timestamp: 1764240200000,
              message_edit: { mid: 'm_1', text: 'new words', num_edit: 1 },
            },
          ],
        },
      ],
    });
    expect(page.items).toEqual([]);
    expect(page.changes).toEqual([
      expect.objectContaining({
        externalId: 'post-1_c-1',
        change: 'edited',
        text: 'Fixed my typo',
        at: new Date(1764240100_000),
      }),
      expect.objectContaining({ externalId: 'post-1_c-2', change: 'deleted', at: new Date(1764240100_000) }),
      expect.objectContaining({
        externalId: 'm_1',
        change: 'edited',
        text: 'new words',
        at: new Date(1764240200000),
      }),
    ]);
    const [ig] = parser.parse({
      object: 'instagram',
      entry: [
        {
          id: 'ig-1',
          time: 1764240300000,
          messaging: [
            {
              sender: { id: 'igsid-1' },
              recipient: { id: 'ig-1' },
              timestamp: 1764240300000,
              message: { mid: 'm_2', is_deleted: true },
            },
          ],
        },
      ],
    });
    expect(ig).toMatchObject({ network: 'instagram', accountExternalId: 'ig-1', items: [] });
    expect(ig.changes).toEqual([expect.objectContaining({ externalId: 'm_2', change: 'deleted' })]);
  });

  it('gives nothing for payloads it does not handle', () => {
    expect(parser.parse(null)).toEqual([]);
    expect(parser.parse({ object: 'user', entry: [{ id: '1', changes: [] }] })).toEqual([]);
    expect(parser.parse({ object: 'page', entry: 'nope' })).toEqual([]);
  });
});
