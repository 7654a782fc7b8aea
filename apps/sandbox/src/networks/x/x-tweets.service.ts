import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { LedgerService } from '../../core/ledger.service';
import { SandboxQueryable } from '../../core/sandbox-db';
import { createTweetSchema, parseBody } from './x-body';
import { X_NETWORK } from './x-gate.service';
import { nextSnowflake } from './x-ids';
import { duplicateContent, forbidden, invalidRequest, notFoundProblem } from './x-problem';
import { XMediaRow, XTweetRow } from './x-rows';
import { composeText, MAX_WEIGHTED_LENGTH } from './x-text';
import { XWebhookDeliveryService } from './x-webhook-delivery.service';
import { XRepository } from './x.repository';

export type CreateTweetBody = z.infer<typeof createTweetSchema>;

/** X refuses the same text from the same account while the earlier post is recent (and not deleted). */
const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface TweetDraft {
  authorId: string;
  text: string;
  inReplyToTweetId?: string;
  quoteTweetId?: string;
  mediaIds?: string[];
  replySettings?: string;
  poll?: unknown;
  lang?: string | null;
}

/** Creating, deleting and looking up posts, with X's rules (length, duplicates, replies, media). */
@Injectable()
export class XTweetsService {
  constructor(
    private readonly repository: XRepository,
    private readonly ledger: LedgerService,
    private readonly webhooks: XWebhookDeliveryService,
  ) {}

  parseCreate(body: unknown): CreateTweetBody {
    const parsed = parseBody(createTweetSchema, body);
    if (parsed.edit_options) {
      throw invalidRequest([
        {
          parameter: '$.edit_options',
          message:
            '$.edit_options: editing posts is not available in the sandbox. Delete the post and create a new one.',
        },
      ]);
    }
    if (parsed.poll && parsed.media) {
      throw invalidRequest([
        { parameter: '$.poll', message: '$.poll: a post can carry a poll or media, not both.' },
      ]);
    }
    if (parsed.poll && parsed.quote_tweet_id) {
      throw invalidRequest([{ parameter: '$.poll', message: '$.poll: a quote post can not carry a poll.' }]);
    }
    return parsed;
  }

  /** POST /2/tweets as a client of the sandbox: checked, stored and recorded in the ledger in one transaction. */
  async create(authorId: string, body: CreateTweetBody): Promise<XTweetRow> {
    const draft: TweetDraft = {
      authorId,
      text: body.text ?? '',
      inReplyToTweetId: body.reply?.in_reply_to_tweet_id,
      quoteTweetId: body.quote_tweet_id,
      mediaIds: body.media?.media_ids,
      replySettings: body.reply_settings,
      poll: body.poll,
    };
    return this.store(draft, true);
  }

  /** A post by a simulated citizen (the crowd): same rules, not in the ledger (the ledger is what clients made). */
  async createAsCitizen(draft: TweetDraft): Promise<XTweetRow> {
    return this.store(draft, false);
  }

  async delete(userId: string, id: string): Promise<void> {
    const tweet = await this.repository.findTweetIncludingDeleted(id);
    if (!tweet || tweet.deleted_at) throw notFoundProblem('tweet', 'id', id);
    if (String(tweet.author_id) !== userId)
      throw forbidden('You are not allowed to delete a Tweet that is not yours.');
    await this.repository.markTweetDeleted(id);
    this.webhooks.tweetDeleted(tweet);
  }

  private async store(draft: TweetDraft, recordInLedger: boolean): Promise<XTweetRow> {
    const mediaIds = draft.mediaIds ?? [];
    if (!draft.text.trim() && !mediaIds.length) {
      throw invalidRequest([
        { parameter: '$.text', message: '$.text: the post text can not be empty unless media is attached.' },
      ]);
    }
    const composed = composeText(draft.text);
    if (composed.weightedLength > MAX_WEIGHTED_LENGTH) {
      throw invalidRequest([
        {
          parameter: '$.text',
          value: String(composed.weightedLength),
          message: `$.text: the text is ${composed.weightedLength} weighted characters long; X allows ${MAX_WEIGHTED_LENGTH} (links count 23, most emoji and CJK characters count 2; see https://github.com/twitter/twitter-text).`,
        },
      ]);
    }
    const parent = draft.inReplyToTweetId ? await this.visibleTweet(draft.inReplyToTweetId) : undefined;
    if (draft.inReplyToTweetId && !parent) {
      throw forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
    }
    if (draft.quoteTweetId && !(await this.visibleTweet(draft.quoteTweetId))) {
      throw forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
    }
    const media = await this.checkMedia(draft.authorId, mediaIds);

    const mentionedUsers = await this.repository.findUsersByUsernames(
      composed.mentions.map((m) => m.username),
    );
    const byName = new Map(mentionedUsers.map((user) => [user.username.toLowerCase(), String(user.id)]));
    const mentions = composed.mentions.map((mention) => {
      const id = byName.get(mention.username.toLowerCase());
      return id ? { ...mention, id } : mention;
    });
    const mentionedUserIds = [...new Set(mentions.flatMap((mention) => (mention.id ? [mention.id] : [])))];

    const id = nextSnowflake();
    const row = await this.repository.db.transaction(async (tx: SandboxQueryable) => {
      // The duplicate check and the insert share a transaction, serialised per author, so two identical
      // posts sent at once cannot both get in.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`x-author:${draft.authorId}`]);
      const since = new Date(Date.now() - DUPLICATE_WINDOW_MS);
      // Citizens of the crowd skip the check: a seeded crowd may repeat a line, and a refused crowd item
      // would only be noise; clients of the sandbox (recordInLedger) always get X's 403.
      const checkDuplicate = recordInLedger && draft.text.trim();
      if (checkDuplicate && (await this.repository.findDuplicate(draft.authorId, draft.text, since, tx))) {
        throw duplicateContent();
      }
      const inserted = await this.repository.insertTweet(
        {
          id,
          authorId: draft.authorId,
          text: composed.text,
          sourceText: draft.text,
          conversationId: parent ? String(parent.conversation_id) : id,
          inReplyToTweetId: parent ? String(parent.id) : null,
          inReplyToUserId: parent ? String(parent.author_id) : null,
          quoteTweetId: draft.quoteTweetId ?? null,
          mediaKeys: media.map((item) => item.media_key),
          mentions,
          hashtags: composed.hashtags,
          urls: composed.urls,
          replySettings: draft.replySettings ?? 'everyone',
          poll: draft.poll,
          lang: draft.lang ?? null,
          createdAt: new Date(),
        },
        mentionedUserIds,
        tx,
      );
      if (recordInLedger) {
        await this.ledger.record(
          {
            network: X_NETWORK,
            accountId: draft.authorId,
            kind: parent ? 'reply' : 'post',
            objectId: id,
            content: draft.text,
            parentId: parent ? String(parent.id) : null,
            meta: {
              ...(mediaIds.length ? { mediaIds } : {}),
              ...(draft.quoteTweetId ? { quoteTweetId: draft.quoteTweetId } : {}),
            },
          },
          tx,
        );
      }
      return inserted;
    });
    this.webhooks.tweetCreated(row);
    return row;
  }

  private async visibleTweet(id: string): Promise<XTweetRow | undefined> {
    const [tweet] = await this.repository.findTweets([id]);
    return tweet;
  }

  /**
   * Media must be the author's (or shared with them through additional_owners), finalized, processed, and
   * uploaded for posts (tweet_* categories); at most four images, or one video or GIF alone.
   */
  private async checkMedia(authorId: string, mediaIds: string[]): Promise<XMediaRow[]> {
    if (!mediaIds.length) return [];
    const rows = await this.repository.findMediaByIds(mediaIds);
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    const ordered = mediaIds.map((id) => byId.get(id));
    const usable = ordered.every(
      (row) =>
        row &&
        (String(row.owner_id) === authorId || row.additional_owners.map(String).includes(authorId)) &&
        row.state === 'finalized' &&
        (row.processing_state === null || row.processing_state === 'succeeded') &&
        row.expires_at.getTime() > Date.now() &&
        !row.media_category.startsWith('dm_') &&
        row.media_category !== 'subtitles',
    );
    if (!usable || new Set(mediaIds).size !== mediaIds.length) {
      throw invalidRequest([
        { parameter: 'media.media_ids', value: mediaIds.join(','), message: 'Your media IDs are invalid.' },
      ]);
    }
    const rowsOk = ordered as XMediaRow[];
    const motion = rowsOk.filter(
      (row) => !row.media_type.startsWith('image/') || row.media_type === 'image/gif',
    );
    if (motion.length && rowsOk.length > 1) {
      throw invalidRequest([
        {
          parameter: 'media.media_ids',
          value: mediaIds.join(','),
          message: 'A post may carry up to 4 images, or 1 video or GIF on its own.',
        },
      ]);
    }
    return rowsOk;
  }
}
