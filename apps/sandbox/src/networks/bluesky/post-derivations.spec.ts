import { hasMedia, postNotifications, replyRefs } from './post-derivations';

const author = 'did:plc:authorauthorauthorauthor';
const council = 'did:plc:councilcouncilcouncilcou';
const resident = 'did:plc:residentresidentresident';
const mention = (did: string) => ({
  index: { byteStart: 0, byteEnd: 5 },
  features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
});
const post = (uriDid: string, rkey: string) => `at://${uriDid}/app.bsky.feed.post/${rkey}`;

describe('post derivations', () => {
  const everyone = () => true;

  it('notifies a reply to the parent author and the root author, once each, never the author', () => {
    const reply = { root: post(council, 'root'), parent: post(resident, 'parent') };
    const record = { text: 'hi', reply: { root: { uri: reply.root }, parent: { uri: reply.parent } } };
    expect(replyRefs(record)).toEqual(reply);
    const out = postNotifications(
      { authorDid: author, uri: post(author, 'r'), cid: 'c', record, reply },
      everyone,
    );
    expect(out.map((n) => [n.recipient_did, n.reason, n.reason_subject])).toEqual([
      [resident, 'reply', reply.parent],
      [council, 'reply', reply.root],
    ]);
    const own = postNotifications(
      {
        authorDid: council,
        uri: post(council, 'r'),
        cid: 'c',
        record,
        reply: { root: reply.root, parent: reply.root },
      },
      everyone,
    );
    expect(own).toEqual([]);
  });

  it('lets a mention take precedence over a reply notification for the same person', () => {
    const reply = { root: post(council, 'root'), parent: post(council, 'root') };
    const record = { text: '@council hi', facets: [mention(council), mention(council)] };
    const out = postNotifications(
      { authorDid: author, uri: post(author, 'r'), cid: 'c', record, reply },
      everyone,
    );
    expect(out.map((n) => [n.recipient_did, n.reason])).toEqual([[council, 'mention']]);
  });

  it('skips accounts that do not exist here, and spots image and video embeds', () => {
    const record = { text: 'x', facets: [mention(resident)] };
    expect(postNotifications({ authorDid: author, uri: 'u', cid: 'c', record }, () => false)).toEqual([]);
    expect(hasMedia({ embed: { $type: 'app.bsky.embed.images', images: [] } })).toBe(true);
    expect(
      hasMedia({
        embed: { $type: 'app.bsky.embed.recordWithMedia', media: { $type: 'app.bsky.embed.video' } },
      }),
    ).toBe(true);
    expect(hasMedia({ embed: { $type: 'app.bsky.embed.external', external: {} } })).toBe(false);
  });
});
