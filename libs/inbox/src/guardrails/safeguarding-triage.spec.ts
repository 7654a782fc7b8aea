import { CHILD_AT_RISK, PhraseMatcher, SELF_HARM, THREATS_OF_VIOLENCE } from '@outside-in/guardrails';
import { triageMessages } from './safeguarding-triage';

describe('triageMessages', () => {
  const matcher = new PhraseMatcher([SELF_HARM, THREATS_OF_VIOLENCE, CHILD_AT_RISK]);

  it('gathers matches per conversation, sets in the organisation’s order', () => {
    const found = triageMessages(
      [
        { messageId: 'm1', conversationId: 'c1', body: 'I think there is a child at risk next door' },
        { messageId: 'm2', conversationId: 'c1', body: 'and honestly I want to end my life' },
        { messageId: 'm3', conversationId: 'c2', body: 'When is bin day?' },
      ],
      matcher,
    );
    expect([...found.values()]).toEqual([
      { conversationId: 'c1', setIds: ['self-harm', 'child-at-risk'], messageIds: ['m1', 'm2'] },
    ]);
  });

  it('finds nothing in ordinary messages', () => {
    expect(
      triageMessages([{ messageId: 'm', conversationId: 'c', body: 'Thanks for fixing the road!' }], matcher)
        .size,
    ).toBe(0);
  });
});
