import { createHmac } from 'node:crypto';
import { oneToOneConversationId, xCrcResponse, XWebhookParser, xSignatureValid } from './x-webhook';

const SECRET = 'consumer-secret';

describe('X webhook signatures', () => {
  it('answers the CRC with sha256= and the base64 HMAC of the token', () => {
    expect(xCrcResponse(SECRET, 'token-1')).toEqual({
      response_token: `sha256=${createHmac('sha256', SECRET).update('token-1').digest('base64')}`,
    });
  });

  it('accepts only the base64 HMAC of the exact body', () => {
    const body = Buffer.from('{"for_user_id":"1"}');
    const good = `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;
    expect(xSignatureValid(SECRET, body, good)).toBe(true);
    expect(xSignatureValid(SECRET, body, undefined)).toBe(false);
    expect(xSignatureValid('other', body, good)).toBe(false);
    expect(xSignatureValid(SECRET, Buffer.from('{"for_user_id":"2"}'), good)).toBe(false);
    expect(xSignatureValid(SECRET, body, good.replace('sha256=', ''))).toBe(false);
  });
});

describe('XWebhookParser', () => {
  const parser = new XWebhookParser();
  const user = (id: string, screen_name: string) => ({
    id: Number(id),
    id_str: id,
    screen_name,
    name: screen_name,
  });
  const tweet = (over: Record<string, unknown>) => ({
    id_str: '900',
    text: 'short',
    timestamp_ms: '1764240000000',
    lang: 'cy',
    user: user('20', 'rhian'),
    in_reply_to_status_id_str: null,
    in_reply_to_user_id_str: null,
    ...over,
  });

  it('maps mentions and replies to us, our own replies as echoes, and skips our posts and retweets', () => {
    const [batch] = parser.parse({
      for_user_id: '10',
      tweet_create_events: [
        tweet({ id_str: '901', text: '@council hello' }),
        tweet({
          id_str: '902',
          in_reply_to_status_id_str: '800',
          in_reply_to_user_id_str: '10',
          text: 'cut',
          extended_tweet: { full_text: 'the whole reply' },
        }),
        tweet({ id_str: '903', user: user('10', 'council'), in_reply_to_status_id_str: '902' }),
        tweet({ id_str: '904', user: user('10', 'council') }),
        tweet({ id_str: '905', retweeted_status: { id_str: '1' } }),
      ],
    });
    expect(batch).toMatchObject({ network: 'x', accountExternalId: '10' });
    expect(batch.items.map((i) => [i.externalId, i.kind, i.threadKey, i.fromAccount])).toEqual([
      ['901', 'mention', '901', false],
      ['902', 'reply', '800', false],
      ['903', 'reply', '902', true],
    ]);
    expect(batch.items[1]).toMatchObject({
      text: 'the whole reply',
      inReplyToExternalId: '800',
      language: 'cy',
      url: 'https://x.com/rhian/status/902',
      createdAt: new Date(1764240000000),
    });
  });

  it("threads DMs by X's one-to-one conversation id, both ways, with the sender's name", () => {
    const [batch] = parser.parse({
      for_user_id: '10',
      direct_message_events: [
        {
          type: 'message_create',
          id: 'dm-1',
          created_timestamp: '1764240000000',
          message_create: { sender_id: '200', target: { recipient_id: '10' }, message_data: { text: 'Hi' } },
        },
        {
          type: 'message_create',
          id: 'dm-2',
          created_timestamp: '1764240001000',
          message_create: {
            sender_id: '10',
            target: { recipient_id: '200' },
            message_data: { text: 'Hello' },
          },
        },
      ],
      users: { '200': { id: '200', name: 'Gwen Price', screen_name: 'gwen' } },
    });
    expect(batch.items.map((i) => [i.externalId, i.threadKey, i.fromAccount])).toEqual([
      ['dm-1', '10-200', false],
      ['dm-2', '10-200', true],
    ]);
    expect(batch.items[0].author).toMatchObject({ handle: 'gwen', displayName: 'Gwen Price' });
  });

  it('orders conversation ids numerically, as X does', () => {
    expect(oneToOneConversationId('9', '10')).toBe('9-10');
    expect(oneToOneConversationId('1000000000000000001', '999')).toBe('999-1000000000000000001');
  });

  it('maps tweet_delete_events to deletions of the posts they name', () => {
    const [batch] = parser.parse({
      for_user_id: '10',
      tweet_delete_events: [{ status: { id: '77', user_id: '10' }, timestamp_ms: '1764240000000' }],
    });
    expect(batch).toMatchObject({ network: 'x', accountExternalId: '10', items: [] });
    expect(batch.changes).toEqual([
      expect.objectContaining({ externalId: '77', change: 'deleted', at: new Date(1764240000000) }),
    ]);
  });

  it('gives nothing for events it does not handle', () => {
    expect(parser.parse({ for_user_id: '10', favorite_events: [{}] })).toEqual([]);
    expect(parser.parse({})).toEqual([]);
  });
});
