import type { InboundItem } from '@outside-in/platforms';
import { conversationKindOf, placeItems } from './threading';

const item = (externalId: string, over: Partial<InboundItem> = {}): InboundItem => ({
  externalId,
  kind: 'mention',
  threadKey: externalId,
  author: { externalId: 'p', handle: 'p', displayName: 'P', profileUrl: '' },
  text: '',
  createdAt: new Date(0),
  fromAccount: false,
  raw: {},
  ...over,
});

describe('threading', () => {
  it('maps item kinds to conversation kinds', () => {
    expect(conversationKindOf('direct_message')).toBe('direct');
    expect(conversationKindOf('comment')).toBe('comment_thread');
    expect(conversationKindOf('mention')).toBe('mention_thread');
    expect(conversationKindOf('reply')).toBe('mention_thread');
  });

  it('places by thread key, a reply to a stored message in its conversation, and a reply to one earlier in the batch with it', () => {
    const placements = placeItems(
      [
        item('a', { kind: 'comment', threadKey: 'post-1', inReplyToExternalId: 'post-1' }),
        item('b', { threadKey: 'b', inReplyToExternalId: 'stored-1' }),
        item('c', { threadKey: 'c', inReplyToExternalId: 'b' }),
        item('d', { kind: 'reply', threadKey: 'root', inReplyToExternalId: 'unknown' }),
      ],
      new Map([['stored-1', 'conversation-7']]),
    );
    expect(placements).toEqual([
      { kind: 'comment_thread', threadKey: 'post-1' },
      { conversationId: 'conversation-7' },
      { conversationId: 'conversation-7' },
      { kind: 'mention_thread', threadKey: 'root' },
    ]);
  });
});
