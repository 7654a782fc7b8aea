import { describeSummary } from './describe-summary';

describe('describeSummary', () => {
  it('says what a role change did', () => {
    expect(
      describeSummary(
        { email: 'ravi@council.gov.uk', before: { role: 'responder' }, after: { role: 'approver' } },
        'Europe/London',
      ),
    ).toBe('Email: ravi@council.gov.uk. Role changed from Responder to Approver.');
  });

  it('writes dates in words and keeps what was removed', () => {
    expect(
      describeSummary(
        { after: { email: 'a@b.gov.uk', role: 'editor', expiresAt: '2026-03-10T09:00:00.000Z' } },
        'Europe/London',
      ),
    ).toBe('Email: a@b.gov.uk. Role: Editor. Expires: Tuesday 10 March 2026.');
    expect(describeSummary({ before: { name: 'Old token' } }, 'Europe/London')).toBe('Name was Old token.');
  });

  it('passes sentences through and copes with nothing', () => {
    expect(describeSummary('Created the organisation', 'Europe/London')).toBe('Created the organisation');
    expect(describeSummary(null, 'Europe/London')).toBe('No details recorded.');
    expect(describeSummary({}, 'Europe/London')).toBe('No details recorded.');
  });
});
