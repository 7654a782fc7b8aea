import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import {
  XDmEventRow,
  XMediaRow,
  XMentionEntity,
  XTagEntity,
  XTweetRow,
  XUrlEntity,
  XUserRow,
} from './x-rows';

export interface NewTweet {
  id: string;
  authorId: string;
  text: string;
  sourceText: string;
  conversationId: string;
  inReplyToTweetId: string | null;
  inReplyToUserId: string | null;
  quoteTweetId: string | null;
  mediaKeys: string[];
  mentions: XMentionEntity[];
  hashtags: XTagEntity[];
  urls: XUrlEntity[];
  replySettings: string;
  poll: unknown;
  lang: string | null;
  createdAt: Date;
}

/** Filters shared by the timelines (user tweets, mentions, search): ids are snowflakes, newest first. */
export interface TimelineWindow {
  sinceId?: string;
  untilId?: string;
  startTime?: Date;
  endTime?: Date;
  /** Page bound from a pagination token: id < before, or id > after. */
  before?: string;
  after?: string;
  limit: number;
}

/** Users, posts, timelines, media and direct messages of the X network in the sandbox database. */
@Injectable()
export class XRepository {
  constructor(readonly db: SandboxDb) {}

  // Users

  async insertUser(
    user: Pick<XUserRow, 'id' | 'username' | 'name' | 'description' | 'citizen_key' | 'language'>,
    db: SandboxQueryable = this.db,
  ): Promise<XUserRow> {
    const [row] = await db.query<XUserRow>(
      `INSERT INTO x_users (id, username, name, description, citizen_key, language)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [user.id, user.username, user.name, user.description, user.citizen_key, user.language],
    );
    return row;
  }

  async findUser(id: string): Promise<XUserRow | undefined> {
    const [row] = await this.db.query<XUserRow>('SELECT * FROM x_users WHERE id = $1', [id]);
    return row;
  }

  async findUsers(ids: string[]): Promise<XUserRow[]> {
    if (!ids.length) return [];
    return this.db.query<XUserRow>('SELECT * FROM x_users WHERE id = ANY($1::bigint[])', [ids]);
  }

  async findUserByUsername(username: string): Promise<XUserRow | undefined> {
    const [row] = await this.db.query<XUserRow>('SELECT * FROM x_users WHERE lower(username) = lower($1)', [
      username,
    ]);
    return row;
  }

  async findUsersByUsernames(usernames: string[]): Promise<XUserRow[]> {
    if (!usernames.length) return [];
    return this.db.query<XUserRow>('SELECT * FROM x_users WHERE lower(username) = ANY($1::text[])', [
      usernames.map((name) => name.toLowerCase()),
    ]);
  }

  async findCitizen(key: string): Promise<XUserRow | undefined> {
    const [row] = await this.db.query<XUserRow>('SELECT * FROM x_users WHERE citizen_key = $1', [key]);
    return row;
  }

  async userStats(id: string): Promise<{ tweet_count: number }> {
    const [row] = await this.db.query<{ tweet_count: number }>(
      'SELECT count(*)::int AS tweet_count FROM x_tweets WHERE author_id = $1 AND deleted_at IS NULL',
      [id],
    );
    return row;
  }

  // Tweets

  async insertTweet(tweet: NewTweet, mentionedUserIds: string[], db: SandboxQueryable): Promise<XTweetRow> {
    const [row] = await db.query<XTweetRow>(
      `INSERT INTO x_tweets (id, author_id, text, conversation_id, in_reply_to_tweet_id, in_reply_to_user_id,
         quote_tweet_id, media_keys, mentions, hashtags, urls, mentioned_user_ids, reply_settings, poll, created_at,
         source_text, lang)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING *`,
      [
        tweet.id,
        tweet.authorId,
        tweet.text,
        tweet.conversationId,
        tweet.inReplyToTweetId,
        tweet.inReplyToUserId,
        tweet.quoteTweetId,
        tweet.mediaKeys,
        JSON.stringify(tweet.mentions),
        JSON.stringify(tweet.hashtags),
        JSON.stringify(tweet.urls),
        mentionedUserIds,
        tweet.replySettings,
        tweet.poll === undefined ? null : JSON.stringify(tweet.poll),
        tweet.createdAt,
        tweet.sourceText,
        tweet.lang,
      ],
    );
    return row;
  }

  /** Live (not deleted) tweets by id, in no particular order. */
  async findTweets(ids: string[]): Promise<XTweetRow[]> {
    if (!ids.length) return [];
    return this.db.query<XTweetRow>(
      'SELECT * FROM x_tweets WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL',
      [ids],
    );
  }

  async findTweetIncludingDeleted(id: string): Promise<XTweetRow | undefined> {
    const [row] = await this.db.query<XTweetRow>('SELECT * FROM x_tweets WHERE id = $1', [id]);
    return row;
  }

  /** The author's live tweet with exactly this text and media, within the duplicate window. */
  async findDuplicate(
    authorId: string,
    text: string,
    since: Date,
    db: SandboxQueryable,
  ): Promise<string | undefined> {
    const [row] = await db.query<{ id: string }>(
      `SELECT id FROM x_tweets WHERE author_id = $1 AND source_text = $2 AND created_at >= $3 AND deleted_at IS NULL
       LIMIT 1`,
      [authorId, text, since],
    );
    return row?.id;
  }

  async markTweetDeleted(id: string): Promise<number> {
    return this.db.execute('UPDATE x_tweets SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [
      id,
    ]);
  }

  async userTimeline(userId: string, window: TimelineWindow, excludeReplies: boolean): Promise<XTweetRow[]> {
    const where = ['author_id = $1'];
    if (excludeReplies) where.push('in_reply_to_tweet_id IS NULL');
    return this.timeline(where, [userId], window);
  }

  /** Tweets that mention the user or reply to them, not written by them: X's mentions timeline. */
  async mentionsTimeline(userId: string, window: TimelineWindow): Promise<XTweetRow[]> {
    return this.timeline(
      [
        '($1::bigint = ANY(mentioned_user_ids) OR in_reply_to_user_id = $1::bigint)',
        'author_id <> $1::bigint',
      ],
      [userId],
      window,
    );
  }

  /** Search: the caller builds the predicate from the parsed query (see x-search-query.ts). */
  async search(predicates: string[], params: unknown[], window: TimelineWindow): Promise<XTweetRow[]> {
    return this.timeline(predicates, params, window);
  }

  private async timeline(where: string[], params: unknown[], window: TimelineWindow): Promise<XTweetRow[]> {
    const clauses = [...where, 'deleted_at IS NULL'];
    const values = [...params];
    const add = (sql: string, value: unknown): void => {
      values.push(value);
      clauses.push(sql.replace('?', `$${values.length}`));
    };
    if (window.sinceId) add('id > ?::bigint', window.sinceId);
    if (window.untilId) add('id < ?::bigint', window.untilId);
    if (window.startTime) add('created_at >= ?', window.startTime);
    if (window.endTime) add('created_at <= ?', window.endTime);
    if (window.before) add('id < ?::bigint', window.before);
    if (window.after) add('id > ?::bigint', window.after);
    // A "previous" page walks up from its bound, then is shown newest first like every page.
    const order = window.after ? 'ASC' : 'DESC';
    values.push(window.limit + 1);
    const rows = await this.db.query<XTweetRow>(
      `SELECT * FROM x_tweets WHERE ${clauses.join(' AND ')} ORDER BY id ${order} LIMIT $${values.length}`,
      values,
    );
    return window.after ? rows.reverse() : rows;
  }

  async replyAndQuoteCounts(ids: string[]): Promise<Map<string, { replies: number; quotes: number }>> {
    const counts = new Map<string, { replies: number; quotes: number }>();
    if (!ids.length) return counts;
    const rows = await this.db.query<{ id: string; replies: number; quotes: number }>(
      `SELECT t.id::text AS id,
              (SELECT count(*)::int FROM x_tweets r WHERE r.in_reply_to_tweet_id = t.id AND r.deleted_at IS NULL) AS replies,
              (SELECT count(*)::int FROM x_tweets q WHERE q.quote_tweet_id = t.id AND q.deleted_at IS NULL) AS quotes
         FROM unnest($1::bigint[]) AS t(id)`,
      [ids],
    );
    for (const row of rows) counts.set(row.id, { replies: row.replies, quotes: row.quotes });
    return counts;
  }

  async recentTweetsOf(userId: string, limit: number): Promise<XTweetRow[]> {
    return this.db.query<XTweetRow>(
      `SELECT * FROM x_tweets WHERE author_id = $1 AND deleted_at IS NULL ORDER BY id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  // Media

  async insertMedia(
    media: Pick<
      XMediaRow,
      'id' | 'media_key' | 'owner_id' | 'additional_owners' | 'media_type' | 'media_category' | 'total_bytes'
    > & { expires_at: Date },
    db: SandboxQueryable = this.db,
  ): Promise<XMediaRow> {
    const [row] = await db.query<XMediaRow>(
      `INSERT INTO x_media (id, media_key, owner_id, additional_owners, media_type, media_category, total_bytes,
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        media.id,
        media.media_key,
        media.owner_id,
        media.additional_owners,
        media.media_type,
        media.media_category,
        media.total_bytes,
        media.expires_at,
      ],
    );
    return row;
  }

  async findMedia(id: string): Promise<XMediaRow | undefined> {
    const [row] = await this.db.query<XMediaRow>('SELECT * FROM x_media WHERE id = $1', [id]);
    return row;
  }

  async findMediaByKeys(keys: string[]): Promise<XMediaRow[]> {
    if (!keys.length) return [];
    return this.db.query<XMediaRow>('SELECT * FROM x_media WHERE media_key = ANY($1::text[])', [keys]);
  }

  async findMediaByIds(ids: string[]): Promise<XMediaRow[]> {
    if (!ids.length) return [];
    return this.db.query<XMediaRow>('SELECT * FROM x_media WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Records one appended segment (its size; the first segment's leading bytes for type sniffing). */
  async appendSegment(
    id: string,
    segmentIndex: number,
    size: number,
    head: Buffer | null,
  ): Promise<XMediaRow> {
    const [row] = await this.db.query<XMediaRow>(
      `UPDATE x_media SET segments = segments || jsonb_build_object($2::text, $3::int),
         head = CASE WHEN $2::int = 0 THEN $4 ELSE head END
       WHERE id = $1 RETURNING *`,
      [id, String(segmentIndex), size, head],
    );
    return row;
  }

  async finalizeMedia(
    id: string,
    fields: { processingState: XMediaRow['processing_state']; width: number | null; height: number | null },
    db: SandboxQueryable,
  ): Promise<XMediaRow | undefined> {
    const [row] = await db.query<XMediaRow>(
      `UPDATE x_media SET state = 'finalized', finalized_at = now(), processing_state = $2, width = $3, height = $4
       WHERE id = $1 AND state = 'initialized' RETURNING *`,
      [id, fields.processingState, fields.width, fields.height],
    );
    return row;
  }

  async setAltText(id: string, altText: string): Promise<void> {
    await this.db.execute('UPDATE x_media SET alt_text = $2 WHERE id = $1', [id, altText]);
  }

  async setProcessingState(id: string, state: XMediaRow['processing_state']): Promise<void> {
    await this.db.execute('UPDATE x_media SET processing_state = $2 WHERE id = $1', [id, state]);
  }

  // Direct messages

  async insertDmEvent(event: Omit<XDmEventRow, 'created_at'>, db: SandboxQueryable): Promise<XDmEventRow> {
    const [row] = await db.query<XDmEventRow>(
      `INSERT INTO x_dm_events (id, dm_conversation_id, sender_id, recipient_id, text, media_keys)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [event.id, event.dm_conversation_id, event.sender_id, event.recipient_id, event.text, event.media_keys],
    );
    return row;
  }

  /** The user's DM events (sent or received), newest first; `conversationId` narrows to one conversation. */
  async dmEvents(userId: string, window: TimelineWindow, conversationId?: string): Promise<XDmEventRow[]> {
    const clauses = ['(sender_id = $1 OR recipient_id = $1)'];
    const values: unknown[] = [userId];
    if (conversationId) {
      values.push(conversationId);
      clauses.push(`dm_conversation_id = $${values.length}`);
    }
    if (window.before) {
      values.push(window.before);
      clauses.push(`id < $${values.length}::bigint`);
    }
    if (window.after) {
      values.push(window.after);
      clauses.push(`id > $${values.length}::bigint`);
    }
    const order = window.after ? 'ASC' : 'DESC';
    values.push(window.limit + 1);
    const rows = await this.db.query<XDmEventRow>(
      `SELECT * FROM x_dm_events WHERE ${clauses.join(' AND ')} ORDER BY id ${order} LIMIT $${values.length}`,
      values,
    );
    return window.after ? rows.reverse() : rows;
  }
}
