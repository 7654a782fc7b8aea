import { MediaRow, serializeMedia } from './mastodon-entities';
import { ScheduledStatusRow } from './mastodon-scheduled.repository';

/** Mastodon refuses `scheduled_at` less than five minutes ahead (ScheduledStatus::MINIMUM_OFFSET). */
export const MINIMUM_SCHEDULE_OFFSET_MS = 5 * 60_000;

/**
 * A ScheduledStatus. Mastodon serialises `params` as stored, so `in_reply_to_id` and `application_id` are JSON
 * integers (bigint here: see jsonWithIntegers), while `media_ids` are strings.
 */
export function serializeScheduledStatus(
  row: ScheduledStatusRow,
  media: MediaRow[],
  base: string,
  now: Date,
) {
  return {
    id: row.id,
    scheduled_at: row.scheduled_at.toISOString(),
    params: {
      text: row.text,
      poll: null,
      media_ids: row.media_ids.length ? row.media_ids : null,
      sensitive: row.sensitive,
      spoiler_text: row.spoiler_text || null,
      visibility: row.visibility,
      language: row.language,
      scheduled_at: null,
      in_reply_to_id: row.in_reply_to_id === null ? null : BigInt(row.in_reply_to_id),
      application_id: row.application_id === null ? 0n : BigInt(row.application_id),
      idempotency: row.idempotency_key,
      with_rate_limit: false,
    },
    media_attachments: media.map((m) => serializeMedia(m, base, now)),
  };
}

/** JSON.stringify that writes bigint values as bare JSON integers (Mastodon's 64-bit ids), digit for digit. */
export function jsonWithIntegers(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `\u0000int:${v.toString()}\u0000` : v,
  ).replace(/"\\u0000int:(-?\d+)\\u0000"/g, '$1');
}
