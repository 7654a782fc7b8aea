import {
  addDays,
  addMonths,
  dayKey,
  dayName,
  monthGrid,
  mondayOf,
  spanInstants,
  weekDays,
} from './calendar-days';

describe('calendar days', () => {
  it('reads the day in the organisation zone, not UTC', () => {
    expect(dayKey('2026-03-02T23:30:00Z', 'Europe/London')).toBe('2026-03-02');
    expect(dayKey('2026-07-02T23:30:00Z', 'Europe/London')).toBe('2026-07-03');
    expect(dayKey('2026-07-02T23:30:00Z', 'America/New_York')).toBe('2026-07-02');
  });

  it('moves by days and months across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('lays a month out in six weeks from a Monday', () => {
    const grid = monthGrid('2026-11-27');
    expect(grid).toHaveLength(42);
    expect(grid[0]).toBe('2026-10-26');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(weekDays('2026-11-27')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });

  it('asks for a day either side, so no zone loses an edge', () => {
    expect(spanInstants('2026-11-23', '2026-11-29')).toEqual({
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    expect(dayName('2026-11-27')).toBe('Friday 27 November 2026');
  });
});
