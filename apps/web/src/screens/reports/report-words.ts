/**
 * A duration in words, to the two largest units: "45 seconds", "3 minutes", "2 hours 5 minutes", "3 days 4 hours".
 * Null (nothing answered yet) is "None yet".
 */
export function durationInWords(seconds: number | null): string {
  if (seconds === null) return 'None yet';
  const s = Math.max(0, Math.round(seconds));
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (s < 60) return unit(s, 'second');
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return minutes % 60 ? `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}` : unit(hours, 'hour');
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${unit(days, 'day')} ${unit(hours % 24, 'hour')}` : unit(days, 'day');
}

/** "3 of 4 (75%)": a count out of a total, with the share. */
export function shareInWords(part: number, total: number): string {
  if (total === 0) return '0';
  return `${part} of ${total} (${Math.round((part / total) * 100)}%)`;
}

export const PERIODS = [
  { value: '7', label: 'The last 7 days' },
  { value: '28', label: 'The last 4 weeks' },
  { value: '91', label: 'The last 13 weeks' },
  { value: '365', label: 'The last 12 months' },
] as const;

/** "2 published, 1 failed, 0 missed": the chart's figures beside each bar, so colour is never the only key. */
export function publishedInWords(row: { published: number; failed: number; missed: number }): string {
  return `${row.published} published, ${row.failed} failed, ${row.missed} missed`;
}
