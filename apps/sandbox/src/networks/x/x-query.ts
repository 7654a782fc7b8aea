import type { Request } from 'express';
import { decodePageToken, PageCursor } from './x-pagination';
import { invalidRequest, InvalidParameter, XProblemError } from './x-problem';
import { isSnowflake } from './x-ids';

/**
 * Query-string reading for X endpoints: X rejects unknown field names, out-of-range numbers and malformed ids
 * with a 400 that names the parameter, so the sandbox does too (an adapter asking for a field X does not have
 * must fail here, not in production).
 */

/** tweet.fields as twitter-api-v2 knows them and post.fields as the OpenAPI file names them. */
export const TWEET_FIELDS = [
  'article',
  'article_title',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'matched_media_notes',
  'media_metadata',
  'non_public_metrics',
  'note_post',
  'note_request_suggestions',
  'note_tweet',
  'organic_metrics',
  'paid_partnership',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'suggested_source_links',
  'suggested_source_links_with_counts',
  'text',
  'withheld',
] as const;

export const TWEET_EXPANSIONS = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_post_ids',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'entities.note.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'referenced_posts',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
  'username',
] as const;

export const USER_FIELDS = [
  'affiliation',
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscribes_to_you',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
] as const;

export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'] as const;

export const MEDIA_FIELDS = [
  'alt_text',
  'duration_ms',
  'height',
  'media_key',
  'non_public_metrics',
  'organic_metrics',
  'preview_image_url',
  'promoted_metrics',
  'public_metrics',
  'type',
  'url',
  'variants',
  'width',
] as const;

export const POLL_FIELDS = ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status'] as const;
export const PLACE_FIELDS = [
  'contained_within',
  'country',
  'country_code',
  'full_name',
  'geo',
  'id',
  'name',
  'place_type',
] as const;

export const DM_EVENT_FIELDS = [
  'attachments',
  'created_at',
  'dm_conversation_id',
  'entities',
  'event_type',
  'id',
  'participant_ids',
  'referenced_tweets',
  'sender_id',
  'text',
] as const;

export const DM_EVENT_EXPANSIONS = [
  'attachments.media_keys',
  'participant_ids',
  'referenced_posts',
  'referenced_tweets.id',
  'sender_id',
] as const;

/** Collects every bad parameter of one request, so the 400 lists them all at once as X does. */
export class XQueryReader {
  private readonly problems: InvalidParameter[] = [];

  constructor(private readonly query: Request['query']) {}

  /** A comma-separated list (or repeated parameter) of names from `allowed`. */
  list(name: string, allowed: readonly string[]): Set<string> {
    const raw = this.raw(name);
    const result = new Set<string>();
    if (raw === undefined) return result;
    const values = raw.split(',').map((value) => value.trim());
    for (const value of values) {
      if (!allowed.includes(value)) {
        this.problems.push({
          parameter: name,
          value,
          message: `The \`${name}\` query parameter value [${value}] is not one of [${allowed.join(',')}]`,
        });
      } else {
        result.add(value);
      }
    }
    return result;
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = /^-?[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push({
        parameter: name,
        value: raw,
        message: `The \`${name}\` query parameter value [${raw}] is not between ${min} and ${max}`,
      });
      return fallback;
    }
    return value;
  }

  id(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (!isSnowflake(raw)) {
      this.problems.push({
        parameter: name,
        value: raw,
        message: `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`,
      });
      return undefined;
    }
    return raw;
  }

  time(name: string): Date | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)
      ? new Date(raw)
      : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      this.problems.push({
        parameter: name,
        value: raw,
        message: `Invalid '${name}':'${raw}'. '${name}' must be a valid RFC3339 date-time (YYYY-MM-DDTHH:mm:ssZ).`,
      });
      return undefined;
    }
    return date;
  }

  token(name: string): PageCursor | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const cursor = decodePageToken(raw);
    if (!cursor) {
      this.problems.push({
        parameter: name,
        value: raw,
        message: `The \`${name}\` query parameter value [${raw}] is not a valid pagination token. Use the meta.next_token of a previous page.`,
      });
    }
    return cursor;
  }

  string(name: string, options: { required?: boolean; maxLength?: number } = {}): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === '') {
      if (options.required) {
        this.problems.push({
          parameter: name,
          message: `The \`${name}\` query parameter can not be empty`,
        });
      }
      return undefined;
    }
    if (options.maxLength && raw.length > options.maxLength) {
      this.problems.push({
        parameter: name,
        value: raw,
        message: `The \`${name}\` query parameter value is longer than ${options.maxLength} characters`,
      });
    }
    return raw;
  }

  /** A problem found by the caller (e.g. since_id not below until_id). */
  fail(parameter: string, value: string | undefined, message: string): void {
    this.problems.push({ parameter, value, message });
  }

  /** Throws X's 400 listing every bad parameter, if any. */
  done(): void {
    if (this.problems.length) throw this.error();
  }

  error(): XProblemError {
    return invalidRequest(this.problems);
  }

  private raw(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String).join(',');
    if (typeof value === 'string') return value;
    return String(value);
  }
}

/** The fields and expansions a tweet-returning endpoint was asked for. */
export interface TweetRenderOptions {
  tweetFields: Set<string>;
  expansions: Set<string>;
  userFields: Set<string>;
  mediaFields: Set<string>;
}

export function readTweetRenderOptions(reader: XQueryReader): TweetRenderOptions {
  const tweetFields = reader.list('tweet.fields', TWEET_FIELDS);
  for (const field of reader.list('post.fields', TWEET_FIELDS)) tweetFields.add(field);
  const options = {
    tweetFields,
    expansions: reader.list('expansions', TWEET_EXPANSIONS),
    userFields: reader.list('user.fields', USER_FIELDS),
    mediaFields: reader.list('media.fields', MEDIA_FIELDS),
  };
  reader.list('poll.fields', POLL_FIELDS);
  reader.list('place.fields', PLACE_FIELDS);
  return options;
}
