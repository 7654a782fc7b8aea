import { addCalendarDays, weekdayOfDate } from '../time/zoned-time';
import shippedBankHolidays from './bank-holidays.json';

/**
 * UK bank holidays, in the shape of GOV.UK's https://www.gov.uk/bank-holidays.json so the shipped
 * file can be replaced by (or a calendar built from) a fresh download without code changes.
 *
 * The shipped bank-holidays.json holds 2025 to 2028. 2025 to 2027 are the dates GOV.UK publishes.
 * 2028 is computed by the usual rules (Easter by the Gregorian computus; New Year, 2 January,
 * St Andrew's Day, the Boyne, Christmas and Boxing Day move to the next free weekday when they fall
 * at a weekend) because GOV.UK had not published it when the file was written. Replace it with the
 * published dates when they appear: one-off holidays (coronations, jubilees) are never computable.
 */

export type BankHolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const BANK_HOLIDAY_REGIONS: readonly BankHolidayRegion[] = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
];

export interface BankHolidayEvent {
  title: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  notes: string;
  bunting: boolean;
}

/** GOV.UK's bank-holidays.json. */
export type GovUkBankHolidays = Record<BankHolidayRegion, { division: string; events: BankHolidayEvent[] }>;

export interface BankHolidayCalendar {
  isBankHoliday(date: string, region: BankHolidayRegion): boolean;
  holidays(region: BankHolidayRegion): readonly BankHolidayEvent[];
  /** True when the calendar holds that date's whole year for the region, so "not a holiday" is known. */
  covers(date: string, region: BankHolidayRegion): boolean;
}

/** A calendar from GOV.UK-shaped data; years covered are those with at least one event. */
export function createBankHolidayCalendar(data: GovUkBankHolidays): BankHolidayCalendar {
  const byRegion = new Map<
    BankHolidayRegion,
    { events: BankHolidayEvent[]; dates: Set<string>; years: Set<string> }
  >();
  for (const region of BANK_HOLIDAY_REGIONS) {
    const events = [...(data[region]?.events ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    byRegion.set(region, {
      events,
      dates: new Set(events.map((e) => e.date)),
      years: new Set(events.map((e) => e.date.slice(0, 4))),
    });
  }
  const entry = (region: BankHolidayRegion) => {
    const found = byRegion.get(region);
    if (!found) throw new RangeError(`Unknown bank holiday region "${region}"`);
    return found;
  };
  return {
    isBankHoliday: (date, region) => entry(region).dates.has(date),
    holidays: (region) => entry(region).events,
    covers: (date, region) => entry(region).years.has(date.slice(0, 4)),
  };
}

/** The calendar shipped with Outside In (2025–2028). */
export const ukBankHolidays: BankHolidayCalendar = createBankHolidayCalendar(
  shippedBankHolidays as GovUkBankHolidays,
);

export function isBankHoliday(
  date: string,
  region: BankHolidayRegion,
  calendar: BankHolidayCalendar = ukBankHolidays,
): boolean {
  return calendar.isBankHoliday(date, region);
}

/** Monday to Friday and not a bank holiday in the region. */
export function isWorkingDay(
  date: string,
  region: BankHolidayRegion,
  calendar: BankHolidayCalendar = ukBankHolidays,
): boolean {
  return weekdayOfDate(date) <= 5 && !calendar.isBankHoliday(date, region);
}

/**
 * The date n working days after `date` (before it, for negative n), skipping weekends and the
 * region's bank holidays. The start date itself is never counted, which is how FOI deadlines work:
 * "20 working days following the date of receipt", so a request received on a Saturday or a bank
 * holiday still has day 1 on the next working day. n = 0 returns the date unchanged.
 *
 * Throws RangeError when the count would pass a year the calendar does not cover: a deadline
 * silently computed without bank holidays is worse than a loud failure asking for fresh data.
 */
export function addWorkingDays(
  date: string,
  n: number,
  region: BankHolidayRegion,
  calendar: BankHolidayCalendar = ukBankHolidays,
): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  addCalendarDays(date, 0); // validates the date
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (!calendar.covers(current, region)) {
      throw new RangeError(
        `No ${region} bank holiday data for ${current.slice(0, 4)}: update libs/guardrails/src/hours/bank-holidays.json from GOV.UK`,
      );
    }
    if (isWorkingDay(current, region, calendar)) remaining -= 1;
  }
  return current;
}
