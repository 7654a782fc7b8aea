import {
  addCalendarDays,
  instantToZonedParts,
  isValidTimeZone,
  weekdayOfDate,
  zonedWallTimeToInstant,
} from '../time/zoned-time';
import { BankHolidayCalendar, BankHolidayRegion, ukBankHolidays } from './bank-holidays';

/**
 * An organisation's office hours: when people are there to answer. Used for honest out-of-hours
 * replies (one per contact per closed period) and for first-response clocks that only tick while
 * the office is open.
 *
 * Wall times are read in `zone` by the DST rule in zoned-time.ts: an opening time inside a
 * spring-forward gap moves forward by the gap; one inside a fall-back overlap is the earlier instant.
 */

export type WeekdayName = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export const WEEKDAY_NAMES: readonly WeekdayName[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export interface OpeningInterval {
  /** 'HH:mm', local to the schedule's zone. */
  open: string;
  /** 'HH:mm' after `open`; '24:00' means to the end of the day. Overnight cover is two intervals. */
  close: string;
}

export interface OfficeSchedule {
  /** IANA zone, e.g. 'Europe/London'. */
  zone: string;
  /** Opening intervals per weekday; a missing or empty day is closed. */
  weekly: Partial<Record<WeekdayName, OpeningInterval[]>>;
  /** Closed all day on this region's bank holidays; null or absent ignores bank holidays. */
  bankHolidayRegion?: BankHolidayRegion | null;
  /** Extra whole-day closures, 'YYYY-MM-DD' (e.g. the days between Christmas and New Year). */
  closedDates?: string[];
}

/** An open stretch, [start, end). */
export interface OpenPeriod {
  start: Date;
  end: Date;
}

/** How far the searches look: a year and a bit covers any real pattern of closures. */
const SEARCH_DAYS = 400;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a schedule, in plain English; empty when it is usable. */
export function officeScheduleProblems(schedule: OfficeSchedule): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(schedule.zone)) problems.push(`"${schedule.zone}" is not a time zone we know`);
  for (const [day, intervals] of Object.entries(schedule.weekly ?? {})) {
    if (!WEEKDAY_NAMES.includes(day as WeekdayName)) {
      problems.push(`"${day}" is not a day of the week`);
      continue;
    }
    const sorted = [...(intervals ?? [])].sort((a, b) => a.open.localeCompare(b.open));
    sorted.forEach((interval, index) => {
      const openValid = TIME.test(interval.open);
      const closeValid = TIME.test(interval.close) || interval.close === '24:00';
      if (!openValid) problems.push(`${day}: opening time "${interval.open}" is not HH:mm`);
      if (!closeValid) problems.push(`${day}: closing time "${interval.close}" is not HH:mm`);
      if (openValid && closeValid && interval.close <= interval.open) {
        problems.push(`${day}: closes at ${interval.close}, not after it opens at ${interval.open}`);
      }
      const next = sorted[index + 1];
      if (next && next.open < interval.close) {
        problems.push(`${day}: ${interval.open}–${interval.close} overlaps ${next.open}–${next.close}`);
      }
    });
  }
  for (const date of schedule.closedDates ?? []) {
    if (!DATE.test(date)) problems.push(`closed date "${date}" is not YYYY-MM-DD`);
  }
  return problems;
}

const checked = new WeakSet<OfficeSchedule>();

function assertUsable(schedule: OfficeSchedule): void {
  if (checked.has(schedule)) return;
  const problems = officeScheduleProblems(schedule);
  if (problems.length > 0) throw new RangeError(`Invalid office schedule: ${problems.join('; ')}`);
  checked.add(schedule);
}

/** The schedule's opening intervals on one local date, as instants (not merged across midnight). */
function intervalsOn(
  schedule: OfficeSchedule,
  date: string,
  calendar: BankHolidayCalendar,
): Array<[number, number]> {
  if (schedule.closedDates?.includes(date)) return [];
  if (schedule.bankHolidayRegion && calendar.isBankHoliday(date, schedule.bankHolidayRegion)) return [];
  const intervals = schedule.weekly[WEEKDAY_NAMES[weekdayOfDate(date) - 1]] ?? [];
  return intervals.map(({ open, close }) => {
    const start = zonedWallTimeToInstant(date, open, schedule.zone).instant.getTime();
    const end =
      close === '24:00'
        ? zonedWallTimeToInstant(addCalendarDays(date, 1), '00:00', schedule.zone).instant.getTime()
        : zonedWallTimeToInstant(date, close, schedule.zone).instant.getTime();
    return [start, end] as [number, number];
  });
}

/** Open periods on local dates firstDate..lastDate, merged where one ends as the next starts. */
function periodsForDates(
  schedule: OfficeSchedule,
  firstDate: string,
  lastDate: string,
  calendar: BankHolidayCalendar,
): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (let date = firstDate; date <= lastDate; date = addCalendarDays(date, 1)) {
    raw.push(...intervalsOn(schedule, date, calendar).filter(([start, end]) => end > start));
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of raw) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function localDate(instant: Date | number, zone: string): string {
  return instantToZonedParts(new Date(instant), zone).date;
}

/** The open periods that overlap [from, to), merged across midnight and clipped to nothing. */
export function openPeriodsBetween(
  schedule: OfficeSchedule,
  from: Date,
  to: Date,
  calendar: BankHolidayCalendar = ukBankHolidays,
): OpenPeriod[] {
  assertUsable(schedule);
  if (to.getTime() <= from.getTime()) return [];
  const first = addCalendarDays(localDate(from, schedule.zone), -1);
  const last = addCalendarDays(localDate(to, schedule.zone), 1);
  return periodsForDates(schedule, first, last, calendar)
    .filter(([start, end]) => end > from.getTime() && start < to.getTime())
    .map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** True when the office is open at the instant (opening time inclusive, closing time exclusive). */
export function isOpen(
  schedule: OfficeSchedule,
  instant: Date,
  calendar: BankHolidayCalendar = ukBankHolidays,
): boolean {
  return openPeriodContaining(schedule, instant.getTime(), calendar) !== undefined;
}

function openPeriodContaining(
  schedule: OfficeSchedule,
  t: number,
  calendar: BankHolidayCalendar,
): [number, number] | undefined {
  assertUsable(schedule);
  const date = localDate(t, schedule.zone);
  return periodsForDates(schedule, addCalendarDays(date, -1), addCalendarDays(date, 1), calendar).find(
    ([start, end]) => start <= t && t < end,
  );
}

/**
 * When the office next opens: the instant itself when it is open now, otherwise the start of the
 * next open period. Null when the schedule never opens in the next 400 days.
 */
export function nextOpening(
  schedule: OfficeSchedule,
  instant: Date,
  calendar: BankHolidayCalendar = ukBankHolidays,
): Date | null {
  const t = instant.getTime();
  if (openPeriodContaining(schedule, t, calendar)) return new Date(t);
  let date = localDate(t, schedule.zone);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = addCalendarDays(date, 1)) {
    const starts = intervalsOn(schedule, date, calendar)
      .map(([start]) => start)
      .filter((start) => start > t);
    if (starts.length > 0) return new Date(Math.min(...starts));
  }
  return null;
}

/**
 * A stable id for the closed period containing the instant, or null when the office is open.
 * Every instant in one closed stretch gets the same id, so "one out-of-hours reply per contact per
 * closed period" is a unique key on (contact, id).
 *
 * The id is the ISO instant at which the office closed (e.g. '2026-03-06T17:00:00.000Z'). When it
 * has not opened in the past 400 days it is 'until:' plus the next opening, or 'always-closed'.
 * Changing the schedule can change the ids of periods that have already started.
 */
export function closedPeriodId(
  schedule: OfficeSchedule,
  instant: Date,
  calendar: BankHolidayCalendar = ukBankHolidays,
): string | null {
  const t = instant.getTime();
  if (openPeriodContaining(schedule, t, calendar)) return null;
  let date = localDate(t, schedule.zone);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = addCalendarDays(date, -1)) {
    const ends = intervalsOn(schedule, date, calendar)
      .map(([, end]) => end)
      .filter((end) => end <= t);
    if (ends.length > 0) return new Date(Math.max(...ends)).toISOString();
  }
  const next = nextOpening(schedule, instant, calendar);
  return next ? `until:${next.toISOString()}` : 'always-closed';
}

/**
 * Milliseconds between `from` and `to` during which the office was open: the first-response clock
 * that stops overnight, at weekends and on bank holidays. Zero when `to` is not after `from`.
 */
export function workingMillisBetween(
  schedule: OfficeSchedule,
  from: Date,
  to: Date,
  calendar: BankHolidayCalendar = ukBankHolidays,
): number {
  const a = from.getTime();
  const b = to.getTime();
  return openPeriodsBetween(schedule, from, to, calendar).reduce(
    (total, { start, end }) => total + Math.min(end.getTime(), b) - Math.max(start.getTime(), a),
    0,
  );
}
