/** Calendar days as 'YYYY-MM-DD' keys in the organisation's zone, and arithmetic on them. */

export function dayKey(iso: string | number | Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso)))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function utc(key: string): Date {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function keyOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(key: string, days: number): string {
  const date = utc(key);
  date.setUTCDate(date.getUTCDate() + days);
  return keyOf(date);
}

export function addMonths(key: string, months: number): string {
  const date = utc(key);
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  return keyOf(date);
}

/** The Monday of the week the day is in (weeks start on Monday in the UK). */
export function mondayOf(key: string): string {
  return addDays(key, -((utc(key).getUTCDay() + 6) % 7));
}

/** The 42 days (six weeks from a Monday) a month grid shows. */
export function monthGrid(key: string): string[] {
  const first = mondayOf(`${key.slice(0, 7)}-01`);
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

export function weekDays(key: string): string[] {
  const first = mondayOf(key);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** Instants safely around a span of days in any zone (a day either side); the items are then grouped by key. */
export function spanInstants(firstKey: string, lastKey: string): { from: string; to: string } {
  return {
    from: utc(addDays(firstKey, -1)).toISOString(),
    to: utc(addDays(lastKey, 2)).toISOString(),
  };
}

/** English month and weekday names, for dates written in words on the publishing screens. */
export const MONTHS = [
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
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function monthName(key: string): string {
  return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

/** "Friday 27 November 2026". */
export function dayName(key: string): string {
  const date = utc(key);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
