import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../../core/sandbox-db';
import { XDmEventRow, XMentionEntity, XTagEntity, XTweetRow, XUrlEntity, XUserRow } from './x-rows';

export interface BatchTweet {
  id: string;
  author_id: string;
  text: string;
  source_text: string;
  conversation_id: string;
  in_reply_to_tweet_id: string | null;
  in_reply_to_user_id: string | null;
  mentions: XMentionEntity[];
  hashtags: XTagEntity[];
  urls: XUrlEntity[];
  mentioned_user_ids: string[];
  lang: string | null;
}

export interface BatchDm {
  id: string;
  dm_conversation_id: string;
  sender_id: string;
  recipient_id: string;
  text: string;
}

export interface BatchCitizen {
  id: string;
  username: string;
  name: string;
  citizen_key: string;
  language: string;
}

/**
 * Multi-row writes for the crowd's burst mode (10,000 items a minute): one statement per kind of row and
 * batch, through jsonb_to_recordset, instead of one round trip per item.
 */
@Injectable()
export class XCrowdBatchRepository {
  constructor(readonly db: SandboxDb) {}

  async citizensByKeys(keys: string[]): Promise<XUserRow[]> {
    if (!keys.length) return [];
    return this.db.query<XUserRow>('SELECT * FROM x_users WHERE citizen_key = ANY($1::text[])', [keys]);
  }

  /** Inserts the citizens that do not exist yet; a clash on username or key leaves that one out. */
  async insertCitizens(citizens: BatchCitizen[]): Promise<void> {
    if (!citizens.length) return;
    await this.db.execute(
      `INSERT INTO x_users (id, username, name, description, citizen_key, language)
       SELECT id, username, name, '', citizen_key, language
         FROM jsonb_to_recordset($1::jsonb) AS c(id bigint, username text, name text, citizen_key text, language text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(citizens)],
    );
  }

  async insertTweets(tweets: BatchTweet[]): Promise<XTweetRow[]> {
    if (!tweets.length) return [];
    return this.db.query<XTweetRow>(
      `INSERT INTO x_tweets (id, author_id, text, source_text, conversation_id, in_reply_to_tweet_id,
         in_reply_to_user_id, mentions, hashtags, urls, mentioned_user_ids, lang)
       SELECT id, author_id, text, source_text, conversation_id, in_reply_to_tweet_id, in_reply_to_user_id,
              mentions, hashtags, urls, ARRAY(SELECT jsonb_array_elements_text(mentioned_user_ids))::bigint[], lang
         FROM jsonb_to_recordset($1::jsonb) AS t(id bigint, author_id bigint, text text, source_text text,
              conversation_id bigint, in_reply_to_tweet_id bigint, in_reply_to_user_id bigint, mentions jsonb,
              hashtags jsonb, urls jsonb, mentioned_user_ids jsonb, lang text)
       RETURNING *`,
      [JSON.stringify(tweets)],
    );
  }

  async insertDms(dms: BatchDm[]): Promise<XDmEventRow[]> {
    if (!dms.length) return [];
    return this.db.query<XDmEventRow>(
      `INSERT INTO x_dm_events (id, dm_conversation_id, sender_id, recipient_id, text)
       SELECT id, dm_conversation_id, sender_id, recipient_id, text
         FROM jsonb_to_recordset($1::jsonb) AS d(id bigint, dm_conversation_id text, sender_id bigint,
              recipient_id bigint, text text)
       RETURNING *`,
      [JSON.stringify(dms)],
    );
  }

  /** Whether any valid webhook listens to these users (if not, a batch skips per-item delivery lookups). */
  async anySubscription(userIds: string[]): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM x_webhook_subscriptions s JOIN x_webhooks w ON w.id = s.webhook_id
        WHERE s.user_id = ANY($1::bigint[]) AND w.valid LIMIT 1`,
      [userIds],
    );
    return rows.length > 0;
  }
}
