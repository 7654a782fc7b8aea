import { joinNames } from '../../api/posts';
import { MONTHS, WEEKDAYS } from './calendar-days';

/** "London time" for Europe/London, "New York time" for America/New_York. */
export function zoneName(timeZone: string): string {
  const city = timeZone.split('/').pop() ?? timeZone;
  return `${city.replace(/_/g, ' ')} time`;
}

/** "Tuesday 3 March" for 2026-03-03 (the calendar date itself, whatever the zone). */
export function dayInWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]}`;
}

/** The sentence before acting: "This will publish to X, Facebook and Mastodon at 10:00 on Tuesday 3 March (London time)." */
export function summaryBeforeActing(input: {
  networks: string[];
  date?: string;
  time?: string;
  timeZone: string;
  needsApproval: boolean;
}): string {
  const to = joinNames(input.networks);
  const when =
    input.date && input.time
      ? `at ${input.time} on ${dayInWords(input.date)} (${zoneName(input.timeZone)})`
      : 'as soon as possible';
  if (input.needsApproval)
    return `This will send the post for approval. Once approved, it will publish to ${to} ${when}.`;
  return `This will publish to ${to} ${when}.`;
}

/** Today's date and the next whole hour in the organisation's zone, to start the schedule picker from. */
export function nextHourInZone(timeZone: string): { date: string; time: string } {
  const next = new Date(Date.now() + 60 * 60 * 1000);
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(next))
    parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:00` };
}

/** Networks that take a thread of several parts. */
export const THREAD_NETWORKS = new Set(['x', 'mastodon', 'bluesky']);
