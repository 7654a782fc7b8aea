import { dayInWords, nextHourInZone, summaryBeforeActing, zoneName } from './post-words';

describe('post words', () => {
  it('names the zone as people say it', () => {
    expect(zoneName('Europe/London')).toBe('London time');
    expect(zoneName('America/New_York')).toBe('New York time');
  });

  it('writes the day out from the calendar date', () => {
    expect(dayInWords('2026-03-03')).toBe('Tuesday 3 March');
    expect(dayInWords('2026-10-25')).toBe('Sunday 25 October');
  });

  it('says what will happen before acting', () => {
    expect(
      summaryBeforeActing({
        networks: ['X', 'Facebook', 'Mastodon'],
        date: '2026-03-03',
        time: '10:00',
        timeZone: 'Europe/London',
        needsApproval: false,
      }),
    ).toBe('This will publish to X, Facebook and Mastodon at 10:00 on Tuesday 3 March (London time).');
    expect(summaryBeforeActing({ networks: ['X'], timeZone: 'Europe/London', needsApproval: true })).toBe(
      'This will send the post for approval. Once approved, it will publish to X as soon as possible.',
    );
  });

  it('starts the picker at the next whole hour in the zone', () => {
    const { date, time } = nextHourInZone('Pacific/Auckland');
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(time).toMatch(/^\d{2}:00$/);
  });
});
