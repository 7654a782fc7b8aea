import { withBaseUrl } from './mastodon-text';

/**
 * Database rows and the Mastodon entities (snake_case, as on the wire) they are served as. The shapes follow
 * the Mastodon OpenAPI file's Account, CredentialAccount, Status, MediaAttachment, Notification and
 * Conversation schemas, with every required field present.
 */
export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  note: string;
  bot: boolean;
  language: string | null;
  created_at: Date;
  statuses_count: number;
  last_status_at: Date | null;
}

export interface StatusRow {
  id: string;
  account_id: string;
  text: string;
  content: string;
  spoiler_text: string;
  visibility: Visibility;
  sensitive: boolean;
  language: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  conversation_id: string;
  mention_ids: string[];
  tags: string[];
  application_name: string | null;
  created_at: Date;
  deleted_at: Date | null;
  replies_count: number;
}

export interface MediaRow {
  id: string;
  account_id: string;
  status_id: string | null;
  type: MediaType;
  content_type: string;
  file_name: string | null;
  size: number;
  description: string | null;
  focus: string | null;
  width: number | null;
  height: number | null;
  created_at: Date;
  processed_at: Date;
}

export interface NotificationRow {
  id: string;
  account_id: string;
  from_account_id: string;
  type: string;
  status_id: string | null;
  created_at: Date;
}

export interface ConversationRow {
  conversation_id: string;
  account_id: string;
  participant_ids: string[];
  last_status_id: string;
  unread: boolean;
}

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A placeholder picture every Mastodon instance serves for accounts without an avatar or header. */
const MISSING_AVATAR = '/avatars/original/missing.png';
const MISSING_HEADER = '/headers/original/missing.png';
/** A plausible blurhash (Mastodon computes one from the picture; clients only use it as a placeholder). */
const PLACEHOLDER_BLURHASH = 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}';

export function serializeAccount(row: AccountRow, base: string): JsonObject {
  return {
    id: row.id,
    username: row.username,
    acct: row.username,
    display_name: row.display_name,
    locked: false,
    bot: row.bot,
    discoverable: true,
    indexable: true,
    group: false,
    hide_collections: false,
    noindex: false,
    created_at: midnightUtc(row.created_at),
    note: row.note ? `<p>${row.note}</p>` : '',
    url: `${base}/@${row.username}`,
    uri: `${base}/users/${row.username}`,
    avatar: base + MISSING_AVATAR,
    avatar_static: base + MISSING_AVATAR,
    header: base + MISSING_HEADER,
    header_static: base + MISSING_HEADER,
    followers_count: 0,
    following_count: 0,
    statuses_count: Number(row.statuses_count),
    last_status_at: row.last_status_at ? row.last_status_at.toISOString().slice(0, 10) : null,
    emojis: [],
    fields: [],
    roles: [],
  };
}

/** verify_credentials adds `source` (the editable profile) and `role` to the Account. */
export function serializeCredentialAccount(row: AccountRow, base: string): JsonObject {
  return {
    ...serializeAccount(row, base),
    source: {
      privacy: 'public',
      sensitive: false,
      language: row.language ?? '',
      note: row.note,
      fields: [],
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: true,
      indexable: true,
      attribution_domains: [],
    },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  };
}

/** A MediaAttachment; `url` stays null until processing has finished, as on a real instance. */
export function serializeMedia(row: MediaRow, base: string, now: Date): JsonObject {
  const processed = row.processed_at.getTime() <= now.getTime();
  const file = `${base}/system/media_attachments/files/${row.id}`;
  const extension = extensionFor(row.content_type);
  const meta: JsonObject = {};
  if (row.width && row.height) {
    const dims = {
      width: row.width,
      height: row.height,
      size: `${row.width}x${row.height}`,
      aspect: row.width / row.height,
    };
    meta.original = dims;
    meta.small = dims;
  }
  if (row.focus) {
    const [x, y] = row.focus.split(',').map(Number);
    meta.focus = { x, y };
  }
  return {
    id: row.id,
    type: row.type,
    url: processed ? `${file}/original.${extension}` : null,
    preview_url: row.type === 'audio' ? null : `${file}/small.${extension}`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta,
    description: row.description,
    blurhash:
      row.type === 'image' || row.type === 'video' || row.type === 'gifv' ? PLACEHOLDER_BLURHASH : null,
  };
}

export interface StatusContext {
  base: string;
  accounts: Map<string, AccountRow>;
  media: Map<string, MediaRow[]>;
  viewerId: string | null;
  now: Date;
}

/** A Status. `withSource` adds the plain `text`, as Mastodon does in the answer to a DELETE (for redrafting). */
export function serializeStatus(row: StatusRow, ctx: StatusContext, withSource = false): JsonObject {
  const author = ctx.accounts.get(row.account_id);
  if (!author) throw new Error(`Status ${row.id} has no author ${row.account_id} loaded`);
  const media = ctx.media.get(row.id) ?? [];
  const mentions: Json[] = [];
  for (const id of row.mention_ids) {
    const account = ctx.accounts.get(id);
    if (account) {
      mentions.push({
        id: account.id,
        username: account.username,
        acct: account.username,
        url: `${ctx.base}/@${account.username}`,
      });
    }
  }
  const own = ctx.viewerId === row.account_id;
  const status: JsonObject = {
    id: row.id,
    created_at: row.created_at.toISOString(),
    in_reply_to_id: row.in_reply_to_id,
    in_reply_to_account_id: row.in_reply_to_account_id,
    sensitive: row.sensitive,
    spoiler_text: row.spoiler_text,
    visibility: row.visibility,
    language: row.language,
    uri: `${ctx.base}/users/${author.username}/statuses/${row.id}`,
    url: `${ctx.base}/@${author.username}/${row.id}`,
    replies_count: Number(row.replies_count),
    reblogs_count: 0,
    favourites_count: 0,
    quotes_count: 0,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: withBaseUrl(row.content, ctx.base),
    filtered: [],
    reblog: null,
    application: row.application_name ? { name: row.application_name, website: null } : null,
    account: serializeAccount(author, ctx.base),
    media_attachments: media.map((m) => serializeMedia(m, ctx.base, ctx.now)),
    mentions,
    tags: row.tags.map((name) => ({ name, url: `${ctx.base}/tags/${name}` })),
    emojis: [],
    card: null,
    poll: null,
  };
  if (own) status.pinned = false;
  if (withSource) status.text = row.text;
  return status;
}

/** Mentions are never grouped, so their group key is Mastodon's `ungrouped-<id>`. */
export function serializeNotification(
  row: NotificationRow,
  ctx: StatusContext,
  status: JsonObject | null,
): JsonObject {
  const from = ctx.accounts.get(row.from_account_id);
  if (!from) throw new Error(`Notification ${row.id} has no sender ${row.from_account_id} loaded`);
  return {
    id: row.id,
    type: row.type,
    created_at: row.created_at.toISOString(),
    group_key: `ungrouped-${row.id}`,
    account: serializeAccount(from, ctx.base),
    status,
  };
}

export function serializeConversation(
  row: ConversationRow,
  ctx: StatusContext,
  lastStatus: JsonObject | null,
) {
  const accounts: Json[] = [];
  for (const id of row.participant_ids) {
    const account = ctx.accounts.get(id);
    if (account) accounts.push(serializeAccount(account, ctx.base));
  }
  return { id: row.conversation_id, unread: row.unread, accounts, last_status: lastStatus };
}

/** Mastodon serves an account's created_at at midnight UTC, to avoid revealing when exactly it signed up. */
function midnightUtc(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export function extensionFor(contentType: string): string {
  const known: Record<string, string> = {
    'image/jpeg': 'jpeg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'image/heic': 'heic',
    'image/heif': 'heif',
    'image/avif': 'avif',
    'video/mp4': 'mp4',
    'video/webm': 'webm',
    'video/quicktime': 'mov',
    'audio/mpeg': 'mp3',
    'audio/mp3': 'mp3',
    'audio/ogg': 'ogg',
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/flac': 'flac',
    'audio/aac': 'aac',
    'audio/mp4': 'm4a',
  };
  return known[contentType] ?? 'bin';
}
