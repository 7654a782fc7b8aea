import { zonedWallTimeToInstant } from '@outside-in/guardrails';
import { scheduleView } from './post-views';

describe('scheduleView', () => {
  it('says when a time in a spring-forward gap was moved', () => {
    const zoned = zonedWallTimeToInstant('2027-03-28', '01:30', 'Europe/London');
    expect(scheduleView('2027-03-28', '01:30', zoned, 'Europe/London')).toEqual({
      at: new Date('2027-03-28T01:30:00Z'),
      timeZone: 'Europe/London',
      written: 'Sunday 28 March 2027, 02:30 BST',
      adjustment: 'gap-moved-forward',
      adjustmentText:
        '01:30 does not exist on Sunday 28 March (the clocks go forward); scheduled for 02:30 BST.',
    });
  });

  it('says which of two 01:30s an autumn overlap means', () => {
    const zoned = zonedWallTimeToInstant('2027-10-31', '01:30', 'Europe/London');
    expect(scheduleView('2027-10-31', '01:30', zoned, 'Europe/London').adjustmentText).toBe(
      '01:30 happens twice on Sunday 31 October (the clocks go back); scheduled for the first, 01:30 BST.',
    );
  });

  it('says nothing for an ordinary time, and uses the zone’s own abbreviation', () => {
    const zoned = zonedWallTimeToInstant('2027-01-12', '10:00', 'Pacific/Auckland');
    const view = scheduleView('2027-01-12', '10:00', zoned, 'Pacific/Auckland');
    expect(view.adjustmentText).toBeNull();
    expect(view.written.startsWith('Tuesday 12 January 2027, 10:00')).toBe(true);
  });
});
