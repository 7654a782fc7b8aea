import { foiDueOn, NO_REGION, workingDaysLeft } from './working-days';

describe('FOI working days', () => {
  it('skips Christmas Day, the substitute Boxing Day and New Year in England and Wales', () => {
    // Received Monday 21 December 2026: 25 Dec (Fri), 28 Dec (Mon, Boxing Day substitute) and
    // 1 Jan 2027 (Fri) are bank holidays, so day 20 is Thursday 21 January 2027.
    expect(foiDueOn('2026-12-21', 'england-and-wales')).toBe('2027-01-21');
    // Weekends only: three fewer days skipped.
    expect(foiDueOn('2026-12-21', NO_REGION)).toBe('2027-01-18');
  });

  it('does not count the day of receipt, even at a weekend', () => {
    expect(foiDueOn('2026-03-21', 'england-and-wales', 1)).toBe('2026-03-23');
  });

  it('counts working days left, zero on the day and negative once overdue', () => {
    expect(workingDaysLeft('2026-12-21', '2027-01-21', 'england-and-wales')).toBe(20);
    expect(workingDaysLeft('2027-01-21', '2027-01-21', 'england-and-wales')).toBe(0);
    expect(workingDaysLeft('2027-01-25', '2027-01-21', 'england-and-wales')).toBe(-2);
    expect(workingDaysLeft('2027-01-23', '2027-01-21', 'england-and-wales')).toBe(-1);
  });
});
