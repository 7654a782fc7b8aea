import { graphTime, unixSeconds } from './graph-time';
import type { MetaComment } from '../store/meta-content.repository';
import type { MetaMessage } from '../store/meta-messaging.repository';

/** One `entry` of a webhook payload, as Meta documents them for each object and field. */
export type WebhookEntry = Record<string, unknown>;

/**
 * `object: page`, field `feed`, item `comment`: a comment or reply on a page post was added, edited by its author
 * (`edited`, with the new `message`) or removed (`remove`, without a message).
 */
export function feedCommentEntry(
  pageId: string,
  comment: MetaComment,
  author: { id: string; name: string },
  verb: 'add' | 'edited' | 'remove' = 'add',
): WebhookEntry {
  const postId = comment.object_id;
  return {
    id: pageId,
    time: unixSeconds(new Date()),
    changes: [
      {
        field: 'feed',
        value: {
          from: { id: author.id, name: author.name },
          post: {
            status_type: 'mobile_status_update',
            is_published: true,
            updated_time: graphTime(new Date()),
            permalink_url: `https://www.facebook.com/${postId.replace('_', '/posts/')}`,
            promotion_status: 'inactive',
            id: postId,
          },
          ...(verb === 'remove' ? {} : { message: comment.message }),
          post_id: postId,
          comment_id: comment.id,
          created_time: unixSeconds(comment.created_at),
          item: 'comment',
          parent_id: comment.parent_id ?? postId,
          verb,
        },
      },
    ],
  };
}

/** `object: instagram`, field `comments`: a comment or reply on Instagram media. */
export function igCommentEntry(
  igUserId: string,
  comment: MetaComment,
  author: { id: string; username: string },
): WebhookEntry {
  return {
    id: igUserId,
    time: unixSeconds(new Date()),
    changes: [
      {
        field: 'comments',
        value: {
          from: { id: author.id, username: author.username },
          media: { id: comment.object_id, media_product_type: 'FEED' },
          id: comment.id,
          parent_id: comment.parent_id ?? undefined,
          text: comment.message,
        },
      },
    ],
  };
}

/** Messenger and Instagram Direct (`messaging`): a person's message to the page or account. */
export function inboundMessageEntry(
  recipientId: string,
  senderId: string,
  message: MetaMessage,
): WebhookEntry {
  return {
    id: recipientId,
    time: Date.now(),
    messaging: [
      {
        sender: { id: senderId },
        recipient: { id: recipientId },
        timestamp: message.created_at.getTime(),
        message: { mid: message.id, text: message.text ?? undefined },
      },
    ],
  };
}
