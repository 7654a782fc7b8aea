import { fillExample } from './canned-variables';
import {
  mentionedIn,
  namesInWords,
  priorityInWords,
  replyStateInWords,
  tagsFromText,
  waitingInWords,
} from './inbox-words';

describe('inbox words', () => {
  const now = Date.parse('2026-03-03T12:00:00Z');

  it('says how long someone has waited in words', () => {
    expect(waitingInWords(null, now)).toBeNull();
    expect(waitingInWords('2026-03-03T11:59:30Z', now)).toBe('moments');
    expect(waitingInWords('2026-03-03T11:59:00Z', now)).toBe('1 minute');
    expect(waitingInWords('2026-03-03T11:15:00Z', now)).toBe('45 minutes');
    expect(waitingInWords('2026-03-03T09:00:00Z', now)).toBe('3 hours');
    expect(waitingInWords('2026-03-01T12:00:00Z', now)).toBe('2 days');
  });

  it('puts a reply’s progress into words', () => {
    const base = {
      mode: 'public' as const,
      author: null,
      approvedBy: null,
      approvalReason: null,
      attempts: 1,
      sentAt: null,
    };
    expect(replyStateInWords({ ...base, state: 'pending_approval', error: null })).toBe(
      'Waiting for approval',
    );
    expect(replyStateInWords({ ...base, state: 'sending', error: null })).toBe('Sending…');
    expect(replyStateInWords({ ...base, state: 'sent', error: null })).toBe('Sent');
    expect(replyStateInWords({ ...base, state: 'failed', error: 'The post was deleted' })).toBe(
      'Failed: The post was deleted',
    );
  });

  it('joins names in words', () => {
    expect(namesInWords(['Sam'])).toBe('Sam');
    expect(namesInWords(['Sam', 'Ali'])).toBe('Sam and Ali');
    expect(namesInWords(['Sam', 'Ali', 'Jo'])).toBe('Sam, Ali and Jo');
  });

  it('finds the members a note mentions by full or first name, not inside other words', () => {
    const members = [
      { userId: '1', name: 'Sam Responder' },
      { userId: '2', name: 'Ali Khan' },
      { userId: '3', name: 'Sammy Lee' },
    ];
    expect(mentionedIn('@Sam can you check?', members).map((m) => m.userId)).toEqual(['1']);
    expect(mentionedIn('cc @ali khan and @sammy', members).map((m) => m.userId)).toEqual(['2', '3']);
    expect(mentionedIn('no one here, sam', members)).toEqual([]);
  });

  it('says a sent-back reply once, whether the reason names who sent it back or not', () => {
    const base = {
      mode: 'public' as const,
      author: null,
      approvedBy: null,
      approvalReason: null,
      attempts: 0,
      sentAt: null,
    };
    expect(replyStateInWords({ ...base, state: 'draft', error: 'Sent back by Ann: add the link' })).toBe(
      'Sent back by Ann: add the link',
    );
    expect(replyStateInWords({ ...base, state: 'draft', error: 'add the link' })).toBe(
      'Sent back: add the link',
    );
    expect(replyStateInWords({ ...base, state: 'draft', error: null })).toBe('Draft');
  });

  it('names only the priorities that ask for attention, and keeps tags as the API does', () => {
    expect(priorityInWords('urgent')).toBe('Urgent');
    expect(priorityInWords('high')).toBe('High priority');
    expect(priorityInWords('normal')).toBeNull();
    expect(tagsFromText(' Roads,  Health and safety , roads,,')).toEqual(['roads', 'health-and-safety']);
  });

  it('fills a canned reply’s variables for the preview and leaves unknown ones visible', () => {
    expect(
      fillExample(
        'Hello {{contact.name}} ({{ contact.handle }}), {{agent.name}} at {{organisation.name}} {{x.y}}',
        'Sam',
        'Ceredigion',
      ),
    ).toBe('Hello Cai Citizen (cai_citizen), Sam at Ceredigion {{x.y}}');
  });
});
