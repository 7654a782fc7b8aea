import { randomBytes, randomInt } from 'node:crypto';

let sequence = randomInt(0, 1000);

/**
 * A numeric Graph id: milliseconds since the epoch, a per-process counter and a random digit, so ids grow
 * over time, do not collide across restarts, and look like Meta's 15-17 digit ids.
 */
function numericId(): string {
  sequence = (sequence + 1) % 1000;
  return `${Date.now()}${String(sequence).padStart(3, '0')}${randomInt(0, 10)}`;
}

export const metaIds = {
  /** Apps, users, pages, photos, the local part of post and comment ids (17 digits, like 100089123456789). */
  numeric: numericId,
  /** Instagram ids start with 17 or 18 and are 17-18 digits (17841400000000000 for accounts). */
  instagram(kind: 'user' | 'media' | 'container' | 'comment'): string {
    const prefix = kind === 'user' ? '1784' : kind === 'comment' ? '179' : '180';
    return `${prefix}${numericId().slice(-(kind === 'user' ? 13 : 15))}`;
  },
  /** Page post ids are `{page-id}_{post-id}`. */
  post(pageId: string, local = numericId()): string {
    return `${pageId}_${local}`;
  },
  /** Facebook comment ids are `{post-local-id}_{comment-id}`. */
  comment(postId: string): string {
    const local = postId.includes('_') ? postId.split('_')[1] : postId;
    return `${local}_${numericId()}`;
  },
  conversation(): string {
    return `t_${numericId()}`;
  },
  /** Messenger message ids are `m_` followed by url-safe base64. */
  message(): string {
    return `m_${randomBytes(36).toString('base64url')}`;
  },
  /** Access tokens look like Meta's: `EAA` and a long alphanumeric tail. */
  accessToken(): string {
    return `EAAG${randomBytes(96).toString('base64').replace(/[+/=]/g, '')}`;
  },
  secret(): string {
    return randomBytes(16).toString('hex');
  },
  oauthCode(): string {
    return `AQ${randomBytes(120).toString('base64url')}`;
  },
};
