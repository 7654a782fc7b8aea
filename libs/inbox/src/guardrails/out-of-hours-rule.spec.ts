import type { OfficeSchedule } from '@outside-in/guardrails';
import {
  answerablePeriod,
  chooseOutOfHoursReplies,
  outOfHoursText,
  replyReference,
  SHORT_TEXT,
  SHORT_WELSH_TEXT,
  type OutOfHoursCandidate,
} from './out-of-hours-rule';

const schedule: OfficeSchedule = {
  zone: 'Europe/London',
  weekly: { monday: [{ open: '09:00', close: '17:00' }], tuesday: [{ open: '09:00', close: '17:00' }] },
  bankHolidayRegion: null,
};

function candidate(overrides: Partial<OutOfHoursCandidate>): OutOfHoursCandidate {
  return {
    messageId: 'm1',
    conversationId: 'c1',
    contactId: 'p1',
    direction: 'in',
    writtenAt: new Date('2026-11-24T20:00:00Z'), // Tuesday night
    safeguardingMatch: false,
    conversationFlagged: false,
    ...overrides,
  };
}

const tuesdayNight = new Date('2026-11-24T21:00:00Z');

describe('answerablePeriod', () => {
  it('is the closed period when the message was written and read in it', () => {
    expect(answerablePeriod(schedule, new Date('2026-11-24T20:00:00Z'), tuesdayNight)).toBe(
      '2026-11-24T17:00:00.000Z',
    );
  });
  it('is null while open, and for last night’s message read after opening', () => {
    expect(
      answerablePeriod(schedule, new Date('2026-11-24T10:00:00Z'), new Date('2026-11-24T10:01:00Z')),
    ).toBe(null);
    expect(
      answerablePeriod(schedule, new Date('2026-11-23T20:00:00Z'), new Date('2026-11-24T09:30:00Z')),
    ).toBe(null);
  });
});

describe('chooseOutOfHoursReplies', () => {
  it('answers each contact once, at their earliest message', () => {
    const choices = chooseOutOfHoursReplies(
      [
        candidate({ messageId: 'late', writtenAt: new Date('2026-11-24T20:30:00Z') }),
        candidate({ messageId: 'early' }),
        candidate({ messageId: 'other', contactId: 'p2', conversationId: 'c2' }),
      ],
      schedule,
      tuesdayNight,
    );
    expect(choices).toEqual([
      {
        contactId: 'p1',
        messageId: 'early',
        conversationId: 'c1',
        closedPeriodId: '2026-11-24T17:00:00.000Z',
      },
      {
        contactId: 'p2',
        messageId: 'other',
        conversationId: 'c2',
        closedPeriodId: '2026-11-24T17:00:00.000Z',
      },
    ]);
  });

  it('never answers a safeguarding match, a flagged conversation, our own messages or an unknown author', () => {
    expect(
      chooseOutOfHoursReplies(
        [
          candidate({ contactId: 'a', safeguardingMatch: true }),
          candidate({ contactId: 'a', messageId: 'calm', writtenAt: new Date('2026-11-24T19:00:00Z') }),
          candidate({ contactId: 'b', conversationFlagged: true }),
          candidate({ contactId: null }),
          candidate({ contactId: 'c', direction: 'out' }),
        ],
        schedule,
        tuesdayNight,
      ),
    ).toEqual([]);
  });
});

describe('outOfHoursText', () => {
  const texts = { text: 'We are closed. Call 999, 111 or 101.', welshText: 'Rydyn ni ar gau. Ffoniwch 999.' };
  it('sends the organisation’s text, in Welsh to Welsh, labelled as automatic with a reference', () => {
    expect(outOfHoursText(texts, 'en', 280, 'AB12CD')).toBe(
      'We are closed. Call 999, 111 or 101. (Automatic reply, reference AB12CD.)',
    );
    expect(outOfHoursText(texts, 'cy', 280, 'AB12CD')).toBe(
      'Rydyn ni ar gau. Ffoniwch 999. (Ateb awtomatig, cyfeirnod AB12CD.)',
    );
    expect(outOfHoursText({ ...texts, welshText: null }, 'cy', 280, 'AB12CD')).toMatch(/^We are closed/);
  });
  it('falls back to the short signposting text when the network would refuse the length', () => {
    const long = { text: 'x'.repeat(400), welshText: 'y'.repeat(400) };
    expect(outOfHoursText(long, 'en', 280, 'AB12CD')).toBe(
      `${SHORT_TEXT} (Automatic reply, reference AB12CD.)`,
    );
    expect(outOfHoursText(long, 'cy', 300, 'AB12CD')).toBe(
      `${SHORT_WELSH_TEXT} (Ateb awtomatig, cyfeirnod AB12CD.)`,
    );
    expect([...outOfHoursText(long, 'en', 280, 'AB12CD')].length).toBeLessThanOrEqual(280);
  });
  it('makes a reference from the reply’s id', () => {
    expect(replyReference('3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe('3FA85F');
  });
});
