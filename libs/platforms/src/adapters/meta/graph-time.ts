/** Graph writes times as 2024-01-02T01:00:00+0000; the colon-less offset is made ISO before parsing. */
export function parseGraphTime(value: unknown): Date {
  if (typeof value !== 'string') return new Date(0);
  const parsed = new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}
