import {
  addWorkingDays,
  BANK_HOLIDAY_REGIONS,
  BankHolidayRegion,
  createBankHolidayCalendar,
  isBankHoliday,
  isWorkingDay,
  ukBankHolidays,
} from './bank-holidays';
import { addCalendarDays, weekdayOfDate } from '../time/zoned-time';

/** Gregorian Easter Sunday (anonymous Gregorian algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const firstMonday = (year: number, month: number) => {
  let date = `${year}-${String(month).padStart(2, '0')}-01`;
  while (weekdayOfDate(date) !== 1) date = addCalendarDays(date, 1);
  return date;
};
const lastMonday = (year: number, month: number) => {
  let date = addCalendarDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
  while (weekdayOfDate(date) !== 1) date = addCalendarDays(date, -1);
  return date;
};

/** Fixed-date holidays roll to the next weekday not already taken. */
function rollForward(dates: string[]): string[] {
  const taken = new Set<string>();
  return dates.map((date) => {
    let d = date;
    while (weekdayOfDate(d) >= 6 || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    return d;
  });
}

/** The standard rules; one-off holidays (coronations, jubilees) are not computable. */
function computed(year: number, region: BankHolidayRegion): string[] {
  const easter = easterSunday(year);
  const goodFriday = addCalendarDays(easter, -2);
  const easterMonday = addCalendarDays(easter, 1);
  const mays = [firstMonday(year, 5), lastMonday(year, 5)];
  const [christmas, boxing] = rollForward([`${year}-12-25`, `${year}-12-26`]);
  if (region === 'scotland') {
    const [newYear, second] = rollForward([`${year}-01-01`, `${year}-01-02`]);
    const [standrew] = rollForward([`${year}-11-30`]);
    return [newYear, second, goodFriday, ...mays, firstMonday(year, 8), standrew, christmas, boxing].sort();
  }
  const [newYear] = rollForward([`${year}-01-01`]);
  const common = [newYear, goodFriday, easterMonday, ...mays, lastMonday(year, 8), christmas, boxing];
  if (region === 'northern-ireland') {
    const [patrick] = rollForward([`${year}-03-17`]);
    const [boyne] = rollForward([`${year}-07-12`]);
    return [...common, patrick, boyne].sort();
  }
  return common.sort();
}

describe('shipped bank holidays', () => {
  it.each(
    BANK_HOLIDAY_REGIONS.flatMap((region) => [2025, 2026, 2027, 2028].map((year) => [region, year] as const)),
  )('%s %d follows the standard rules', (region, year) => {
    const shipped = ukBankHolidays
      .holidays(region)
      .filter((e) => e.date.startsWith(`${year}-`))
      .map((e) => e.date);
    expect(shipped).toEqual(computed(year, region));
  });

  it('has every holiday on a weekday, with the published titles', () => {
    for (const region of BANK_HOLIDAY_REGIONS) {
      for (const event of ukBankHolidays.holidays(region))
        expect(weekdayOfDate(event.date)).toBeLessThanOrEqual(5);
    }
    expect(ukBankHolidays.holidays('scotland').find((e) => e.date === '2026-11-30')?.title).toBe(
      'St Andrew’s Day',
    );
    expect(ukBankHolidays.holidays('england-and-wales').find((e) => e.date === '2026-12-28')?.notes).toBe(
      'Substitute day',
    );
  });

  it('answers isBankHoliday and isWorkingDay by region', () => {
    expect(isBankHoliday('2026-08-31', 'england-and-wales')).toBe(true);
    expect(isBankHoliday('2026-08-31', 'scotland')).toBe(false);
    expect(isBankHoliday('2026-08-03', 'scotland')).toBe(true);
    expect(isBankHoliday('2026-07-13', 'northern-ireland')).toBe(true);
    expect(isWorkingDay('2026-03-03', 'england-and-wales')).toBe(true);
    expect(isWorkingDay('2026-03-07', 'england-and-wales')).toBe(false);
    expect(isWorkingDay('2026-12-28', 'scotland')).toBe(false);
  });
});

describe('addWorkingDays (FOI: 20 working days)', () => {
  it('does not count the day of receipt', () => {
    expect(addWorkingDays('2026-03-02', 1, 'england-and-wales')).toBe('2026-03-03');
    expect(addWorkingDays('2026-03-02', 0, 'england-and-wales')).toBe('2026-03-02');
  });

  it('gives four weeks for a request in an ordinary month', () => {
    expect(addWorkingDays('2026-02-02', 20, 'england-and-wales')).toBe('2026-03-02');
  });

  it('skips Easter in England but only Good Friday in Scotland', () => {
    // Received Monday 23 March 2026: Good Friday 3 April and Easter Monday 6 April are not counted.
    expect(addWorkingDays('2026-03-23', 20, 'england-and-wales')).toBe('2026-04-22');
    expect(addWorkingDays('2026-03-23', 20, 'scotland')).toBe('2026-04-21');
  });

  it('starts counting on the next working day when received at a weekend', () => {
    expect(addWorkingDays('2026-03-07', 1, 'england-and-wales')).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-08', 20, 'england-and-wales')).toBe(
      addWorkingDays('2026-03-06', 20, 'england-and-wales'),
    );
  });

  it('crosses Christmas and New Year', () => {
    // 2026: 25 Dec (Fri), 28 Dec (Boxing Day substitute), 1 Jan 2027.
    expect(addWorkingDays('2026-12-24', 3, 'england-and-wales')).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-24', 4, 'england-and-wales')).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-24', 4, 'scotland')).toBe('2027-01-05');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2026-04-07', -1, 'england-and-wales')).toBe('2026-04-02');
  });

  it('refuses to guess beyond the data', () => {
    expect(() => addWorkingDays('2028-12-20', 20, 'england-and-wales')).toThrow(
      /No england-and-wales bank holiday data for 2029/,
    );
    expect(() => addWorkingDays('2026-03-02', 1.5, 'england-and-wales')).toThrow(RangeError);
  });

  it('accepts a calendar refreshed from GOV.UK', () => {
    const calendar = createBankHolidayCalendar({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ title: 'Extra', date: '2029-01-02', notes: '', bunting: true }],
      },
      scotland: { division: 'scotland', events: [] },
      'northern-ireland': { division: 'northern-ireland', events: [] },
    });
    expect(addWorkingDays('2029-01-01', 1, 'england-and-wales', calendar)).toBe('2029-01-03');
    expect(calendar.covers('2029-06-01', 'scotland')).toBe(false);
  });
});
