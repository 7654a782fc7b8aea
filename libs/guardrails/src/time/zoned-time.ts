/**
 * Wall-clock time in IANA zones, built on the runtime's Intl time-zone data (no dependency).
 *
 * The DST rule, used everywhere in Outside In (office hours, the scheduler):
 * - a wall time that falls in a spring-forward gap does not exist; it moves forward by the length of
 *   the gap (Europe/London 01:30 on the last Sunday of March becomes 02:30 BST);
 * - a wall time that falls in a fall-back overlap happens twice; it means the EARLIER instant
 *   (Europe/London 01:30 on the last Sunday of October is 00:30Z, while still BST).
 * The result says which of the two happened so callers can tell the person.
 */

export type WallTimeAdjustment = 'none' | 'gap-moved-forward' | 'overlap-earlier';

export interface ZonedInstant {
  instant: Date;
  adjustment: WallTimeAdjustment;
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ZonedParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: IsoWeekday;
  /** Local minus UTC, in minutes (London in summer: 60; New York in winter: -300). */
  offsetMinutes: number;
  /** 'YYYY-MM-DD' in the zone. */
  date: string;
  /** 'HH:mm' in the zone. */
  time: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (!formatter) {
    // Throws RangeError for a zone the runtime does not know, which is what callers want.
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      era: 'short',
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, IsoWeekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    partFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone, with the zone's offset at that instant. */
export function instantToZonedParts(instant: Date, zone: string): ZonedParts {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('instantToZonedParts: invalid Date');
  const fields: Record<string, string> = {};
  for (const part of partFormatter(zone).formatToParts(instant)) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const month = Number(fields.month);
  const day = Number(fields.day);
  const hour = Number(fields.hour);
  const minute = Number(fields.minute);
  const second = Number(fields.second);
  // Intl drops milliseconds; compare against the instant truncated to the second.
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallAsUtc - (ms - mod(ms, 1000))) / MINUTE);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: WEEKDAYS[fields.weekday],
    offsetMinutes,
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
  };
}

/** The zone's offset from UTC at an instant, in minutes. */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  return instantToZonedParts(instant, zone).offsetMinutes;
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`, by the DST rule above.
 * Throws RangeError for a malformed date or time or an unknown zone.
 */
export function zonedWallTimeToInstant(date: string, time: string, zone: string): ZonedInstant {
  const wall = parseWallTime(date, time);
  // Every offset the zone might have near this wall time. Real zones change offset at most once in
  // two days, so the offsets a day either side cover both sides of any transition.
  const before = zoneOffsetMinutes(new Date(wall - DAY), zone);
  const after = zoneOffsetMinutes(new Date(wall + DAY), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((ms) => zoneOffsetMinutes(new Date(ms), zone) * MINUTE === wall - ms)
    .sort((a, b) => a - b);
  if (candidates.length === 1) return { instant: new Date(candidates[0]), adjustment: 'none' };
  if (candidates.length > 1) return { instant: new Date(candidates[0]), adjustment: 'overlap-earlier' };
  // In a gap: read the wall time with the offset in force before the transition. That instant is
  // after the transition, and its wall time is the requested one plus the gap length.
  return { instant: new Date(wall - before * MINUTE), adjustment: 'gap-moved-forward' };
}

/** 'YYYY-MM-DD' plus n calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  const ms = parseWallTime(date, '00:00') + n * DAY;
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function weekdayOfDate(date: string): IsoWeekday {
  const day = new Date(parseWallTime(date, '00:00')).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

const longFormatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date ('YYYY-MM-DD') in words: "Thursday 7 May 2026", or "Thursday 7 May" without the year. */
export function dateInWords(date: string, withYear = true): string {
  const [year, month, day] = date.split('-').map(Number);
  const text = `${WEEKDAY_NAMES[weekdayOfDate(date) - 1]} ${day} ${MONTH_NAMES[month - 1]}`;
  return withYear ? `${text} ${year}` : text;
}

/**
 * Human text for an instant in a zone, in British style: "Tuesday 3 March 2026, 10:00 GMT".
 * The zone abbreviation is the en-GB one (GMT/BST); where en-GB only knows "GMT-5", the en-US
 * abbreviation ("EST") is used when there is one.
 */
export function formatInZone(instant: Date, zone: string): string {
  const parts = instantToZonedParts(instant, zone);
  const weekday = WEEKDAY_NAMES[parts.weekday - 1];
  const month = MONTH_NAMES[parts.month - 1];
  return `${weekday} ${parts.day} ${month} ${parts.year}, ${parts.time} ${zoneAbbreviation(instant, zone)}`;
}

function zoneAbbreviation(instant: Date, zone: string): string {
  const british = zoneName(instant, zone, 'en-GB');
  if (!/^(GMT|UTC)[+-]/.test(british)) return british;
  const american = zoneName(instant, zone, 'en-US');
  return /^[A-Z]{2,5}$/.test(american) ? american : british;
}

function zoneName(instant: Date, zone: string, locale: string): string {
  const key = `${locale}|${zone}`;
  let formatter = longFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    longFormatters.set(key, formatter);
  }
  return formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Milliseconds since the epoch of the wall time read as if it were UTC; validates both fields. */
function parseWallTime(date: string, time: string): number {
  const d = DATE_PATTERN.exec(date);
  const t = TIME_PATTERN.exec(time);
  if (!d) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  if (!t) throw new RangeError(`Expected a time as HH:mm, got "${time}"`);
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    throw new RangeError(`No such date and time: ${date} ${time}`);
  }
  return ms;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
