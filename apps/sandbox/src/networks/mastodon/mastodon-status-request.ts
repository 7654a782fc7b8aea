import { Visibility, VISIBILITIES } from './mastodon-entities';
import { MastodonError } from './mastodon-error';
import { isRecordId } from './mastodon-ids';
import { countStatusCharacters, graphemeLength } from './mastodon-text';

/** The instance's limits, also announced by GET /api/v1/instance and /api/v2/instance. */
export const MAX_STATUS_CHARACTERS = 500;
export const MAX_MEDIA_ATTACHMENTS = 4;

export interface StatusRequest {
  text: string;
  spoilerText: string;
  visibility: Visibility;
  sensitive: boolean | null;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  scheduledAt: Date | null;
}

/** Mastodon's text rules: not blank unless there is media; at most 500 characters with the spoiler text. */
export function validateText(request: StatusRequest): void {
  if (request.text.trim().length === 0 && request.mediaIds.length === 0) {
    throw MastodonError.validation("Text can't be blank");
  }
  const length = countStatusCharacters(request.text) + graphemeLength(request.spoilerText);
  if (length > MAX_STATUS_CHARACTERS) {
    throw MastodonError.validation(`Text character limit of ${MAX_STATUS_CHARACTERS} exceeded`);
  }
}

/** Reads the JSON or form body of POST /api/v1/statuses into a request, rejecting what Mastodon rejects. */
export function parseStatusRequest(body: unknown): StatusRequest {
  const input: Record<string, unknown> =
    body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const text = optionalString(input.status, 'Text') ?? '';
  const visibility = optionalString(input.visibility, 'Visibility') ?? 'public';
  if (!(VISIBILITIES as readonly string[]).includes(visibility)) {
    throw MastodonError.validation(
      `Visibility must be one of ${VISIBILITIES.join(', ')} (got "${visibility}")`,
    );
  }
  if (input.poll !== undefined && input.poll !== null) {
    throw MastodonError.validation('Polls are not supported by this sandbox: post without `poll`');
  }
  const scheduledAt = parseScheduledAt(input.scheduled_at);
  const rawMedia = input.media_ids ?? input['media_ids[]'];
  const mediaList =
    rawMedia === undefined || rawMedia === null ? [] : Array.isArray(rawMedia) ? rawMedia : [rawMedia];
  const mediaIds = mediaList.map((value) => {
    const id = typeof value === 'number' ? String(value) : value;
    if (!isRecordId(id)) {
      throw new MastodonError(422, `Media ${String(value)} not found or already attached to another post`);
    }
    return id;
  });
  const inReplyTo = input.in_reply_to_id;
  const inReplyToId =
    inReplyTo === undefined || inReplyTo === null || inReplyTo === ''
      ? null
      : typeof inReplyTo === 'number'
        ? String(inReplyTo)
        : inReplyTo;
  if (inReplyToId !== null && typeof inReplyToId !== 'string') throw MastodonError.notFound();
  const language = optionalString(input.language, 'Language');
  return {
    text,
    spoilerText: optionalString(input.spoiler_text, 'Spoiler text') ?? '',
    visibility: visibility as Visibility,
    sensitive: parseBoolean(input.sensitive),
    // Mastodon keeps a valid ISO 639-1 code and quietly drops anything else.
    language: language && /^[a-z]{2,3}$/i.test(language) ? language.toLowerCase() : null,
    inReplyToId,
    mediaIds: [...new Set(mediaIds)],
    scheduledAt,
  };
}

function parseScheduledAt(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    throw MastodonError.validation('Scheduled at is not a valid ISO 8601 date and time');
  return new Date(time);
}

function optionalString(value: unknown, attribute: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw MastodonError.validation(`${attribute} must be a string`);
  return value;
}

function parseBoolean(value: unknown): boolean | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  return ['true', '1', 'on'].includes(String(value).toLowerCase());
}
