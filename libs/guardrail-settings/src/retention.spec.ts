import { cutoffFor } from './retention.service';

describe('cutoffFor', () => {
  const london = 'Europe/London';

  it('keeps everything when there is no period', () => {
    expect(cutoffFor(null, new Date('2026-03-31T12:00:00Z'), london)).toBeNull();
  });

  it('counts whole local days back, at midnight in the zone', () => {
    expect(cutoffFor(1, new Date('2026-03-31T12:00:00Z'), london)!.toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(cutoffFor(1, new Date('2026-01-15T09:00:00Z'), london)!.toISOString()).toBe(
      '2025-12-15T00:00:00.000Z',
    );
    expect(cutoffFor(12, new Date('2026-07-15T10:00:00Z'), london)!.toISOString()).toBe(
      '2025-07-14T23:00:00.000Z',
    );
    expect(cutoffFor(24, new Date('2028-02-29T10:00:00Z'), london)!.toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
  });

  it('reads "today" in the zone, not in UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(cutoffFor(1, new Date('2026-06-30T23:30:00Z'), london)!.toISOString()).toBe(
      '2026-05-31T23:00:00.000Z',
    );
    expect(cutoffFor(1, new Date('2026-06-30T23:30:00Z'), 'UTC')!.toISOString()).toBe(
      '2026-05-30T00:00:00.000Z',
    );
  });
});
