/** Graph's timestamp format: `2024-01-02T01:00:00+0000` (UTC, no milliseconds, offset without a colon). */
export function graphTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+0000`;
}

/** Webhook payloads carry Unix seconds (feed) or milliseconds (messaging). */
export function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
