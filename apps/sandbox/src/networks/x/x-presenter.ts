import { Injectable } from '@nestjs/common';
import { resourceNotFound, XProblemBody } from './x-problem';
import { TweetRenderOptions } from './x-query';
import { XDmEventRow, XMediaRow, XTweetRow, XUserRow } from './x-rows';
import { XRepository } from './x.repository';

type Json = Record<string, unknown>;

export interface RenderedTweets {
  data: Json[];
  includes?: Json;
  errors?: XProblemBody[];
}

/** An edit window of one hour and five edits, as X gives every post. */
const EDIT_WINDOW_MS = 60 * 60 * 1000;

/**
 * Turns stored rows into X v2 objects with exactly the fields asked for (X's defaults: id, text and
 * edit_history_tweet_ids for posts; id, name, username for users; media_key and type for media), and builds
 * `includes` from the expansions. Names: twitter-api-v2 and X's live API say `referenced_tweets`,
 * `edit_history_tweet_ids`, `includes.tweets`, `retweet_count`, `tweet_count`; the OpenAPI file says
 * `referenced_posts`, `edit_history_post_ids`, `includes.posts`, `repost_count`, `post_count`. Both are
 * written so either reader works and every answer validates against the OpenAPI file.
 */
@Injectable()
export class XPresenter {
  constructor(private readonly repository: XRepository) {}

  async tweets(rows: XTweetRow[], options: TweetRenderOptions): Promise<RenderedTweets> {
    const metrics = options.tweetFields.has('public_metrics') ? await this.metrics(rows) : undefined;
    const data = rows.map((row) => this.tweet(row, options.tweetFields, metrics?.get(row.id)));
    const includes: Json = {};
    const errors: XProblemBody[] = [];
    const { expansions } = options;

    const referencedIds = new Set<string>();
    if (expansions.has('referenced_tweets.id') || expansions.has('referenced_posts')) {
      for (const row of rows) for (const ref of references(row)) referencedIds.add(ref.id);
    }
    const referenced = await this.repository.findTweets([...referencedIds]);
    const foundReferenced = new Set(referenced.map((row) => String(row.id)));
    for (const id of referencedIds) {
      if (!foundReferenced.has(id)) errors.push(resourceNotFound('tweet', 'referenced_tweets.id', id));
    }
    if (referenced.length) {
      const rendered = referenced.map((row) => this.tweet(row, options.tweetFields, undefined));
      includes.tweets = rendered;
      includes.posts = rendered;
    }

    const userIds = new Set<string>();
    for (const row of rows) {
      if (expansions.has('author_id')) userIds.add(String(row.author_id));
      if (expansions.has('in_reply_to_user_id') && row.in_reply_to_user_id) {
        userIds.add(String(row.in_reply_to_user_id));
      }
      if (expansions.has('entities.mentions.username')) {
        for (const id of row.mentioned_user_ids) userIds.add(String(id));
      }
    }
    if (expansions.has('referenced_tweets.id.author_id')) {
      for (const row of referenced) userIds.add(String(row.author_id));
    }
    const users = await this.repository.findUsers([...userIds]);
    if (users.length) includes.users = await this.users(users, options.userFields);

    if (expansions.has('attachments.media_keys')) {
      const keys = new Set(rows.flatMap((row) => row.media_keys));
      const media = await this.repository.findMediaByKeys([...keys]);
      if (media.length) includes.media = media.map((row) => this.media(row, options.mediaFields));
    }

    const result: RenderedTweets = { data };
    if (Object.keys(includes).length) result.includes = includes;
    if (errors.length) result.errors = errors;
    return result;
  }

  tweet(row: XTweetRow, fields: Set<string>, metrics: Json | undefined): Json {
    const id = String(row.id);
    const tweet: Json = { id, text: row.text, edit_history_tweet_ids: [id], edit_history_post_ids: [id] };
    if (fields.has('author_id')) tweet.author_id = String(row.author_id);
    if (fields.has('created_at')) tweet.created_at = row.created_at.toISOString();
    if (fields.has('conversation_id')) tweet.conversation_id = String(row.conversation_id);
    if (fields.has('in_reply_to_user_id') && row.in_reply_to_user_id) {
      tweet.in_reply_to_user_id = String(row.in_reply_to_user_id);
    }
    const refs = references(row);
    if (fields.has('referenced_tweets') && refs.length) {
      tweet.referenced_tweets = refs;
      tweet.referenced_posts = refs;
    }
    if (fields.has('attachments') && row.media_keys.length)
      tweet.attachments = { media_keys: row.media_keys };
    if (fields.has('entities')) {
      const entities = this.entities(row);
      if (entities) tweet.entities = entities;
    }
    if (fields.has('lang')) tweet.lang = row.lang ?? 'en';
    if (fields.has('possibly_sensitive')) tweet.possibly_sensitive = false;
    if (fields.has('reply_settings')) tweet.reply_settings = row.reply_settings;
    if (fields.has('public_metrics')) tweet.public_metrics = metrics ?? zeroMetrics();
    if (fields.has('edit_controls')) {
      const until = new Date(row.created_at.getTime() + EDIT_WINDOW_MS);
      tweet.edit_controls = {
        edits_remaining: 5,
        is_edit_eligible: !row.in_reply_to_tweet_id && !row.quote_tweet_id,
        editable_until: until.toISOString(),
      };
    }
    return tweet;
  }

  async users(rows: XUserRow[], fields: Set<string>): Promise<Json[]> {
    const out: Json[] = [];
    for (const row of rows) out.push(await this.user(row, fields));
    return out;
  }

  async user(row: XUserRow, fields: Set<string>): Promise<Json> {
    const user: Json = { id: String(row.id), name: row.name, username: row.username };
    if (fields.has('created_at')) user.created_at = row.created_at.toISOString();
    if (fields.has('description')) user.description = row.description;
    if (fields.has('protected')) user.protected = false;
    if (fields.has('verified')) user.verified = false;
    if (fields.has('verified_type')) user.verified_type = 'none';
    if (fields.has('url')) user.url = '';
    if (fields.has('location') && row.language === 'cy') user.location = 'Cymru';
    if (fields.has('profile_image_url')) {
      user.profile_image_url =
        'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';
    }
    if (fields.has('public_metrics')) {
      const stats = await this.repository.userStats(String(row.id));
      user.public_metrics = {
        followers_count: 0,
        following_count: 0,
        tweet_count: stats.tweet_count,
        post_count: stats.tweet_count,
        listed_count: 0,
        like_count: 0,
        media_count: 0,
      };
    }
    return user;
  }

  media(row: XMediaRow, fields: Set<string>): Json {
    const type = row.media_type.startsWith('video/')
      ? 'video'
      : row.media_type === 'image/gif'
        ? 'animated_gif'
        : 'photo';
    const media: Json = { media_key: row.media_key, type };
    if (fields.has('alt_text') && row.alt_text) media.alt_text = row.alt_text;
    if (fields.has('width') && row.width) media.width = row.width;
    if (fields.has('height') && row.height) media.height = row.height;
    if (fields.has('url') && type === 'photo') {
      media.url = `https://pbs.twimg.com/media/${row.id}.${row.media_type.split('/')[1]}`;
    }
    if (fields.has('preview_image_url') && type !== 'photo') {
      media.preview_image_url = `https://pbs.twimg.com/ext_tw_video_thumb/${row.id}/pu/img/preview.jpg`;
    }
    return media;
  }

  dmEvent(row: XDmEventRow, fields: Set<string>): Json {
    const event: Json = { id: String(row.id), event_type: 'MessageCreate', text: row.text };
    if (fields.has('created_at')) event.created_at = row.created_at.toISOString();
    if (fields.has('sender_id')) event.sender_id = String(row.sender_id);
    if (fields.has('dm_conversation_id')) event.dm_conversation_id = row.dm_conversation_id;
    if (fields.has('attachments') && row.media_keys.length)
      event.attachments = { media_keys: row.media_keys };
    return event;
  }

  private entities(row: XTweetRow): Json | undefined {
    const entities: Json = {};
    if (row.mentions.length) entities.mentions = row.mentions;
    if (row.hashtags.length) entities.hashtags = row.hashtags;
    if (row.urls.length) entities.urls = row.urls;
    return Object.keys(entities).length ? entities : undefined;
  }

  private async metrics(rows: XTweetRow[]): Promise<Map<string, Json>> {
    const ids = rows.map((row) => String(row.id));
    const counts = await this.repository.replyAndQuoteCounts(ids);
    const map = new Map<string, Json>();
    for (const id of ids) {
      const count = counts.get(id);
      map.set(id, { ...zeroMetrics(), reply_count: count?.replies ?? 0, quote_count: count?.quotes ?? 0 });
    }
    return map;
  }
}

function references(row: XTweetRow): Array<{ type: 'replied_to' | 'quoted'; id: string }> {
  const refs: Array<{ type: 'replied_to' | 'quoted'; id: string }> = [];
  if (row.in_reply_to_tweet_id) refs.push({ type: 'replied_to', id: String(row.in_reply_to_tweet_id) });
  if (row.quote_tweet_id) refs.push({ type: 'quoted', id: String(row.quote_tweet_id) });
  return refs;
}

function zeroMetrics(): Json {
  return {
    retweet_count: 0,
    repost_count: 0,
    reply_count: 0,
    like_count: 0,
    quote_count: 0,
    bookmark_count: 0,
    impression_count: 0,
  };
}

/** The conversation id X gives a one-to-one DM conversation: both user ids, lower first. */
export function dmConversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}
