import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../../core/sandbox-db';
import { metaIds } from '../meta-ids';
import { Slice } from './meta-content.repository';

export type MessagingPlatform = 'messenger' | 'instagram';

export interface MetaConversation {
  id: string;
  page_id: string;
  platform: MessagingPlatform;
  user_id: string;
  updated_at: Date;
  seq: string;
}

export interface MetaMessage {
  id: string;
  conversation_id: string;
  from_page: boolean;
  text: string | null;
  attachment: Record<string, unknown> | null;
  created_at: Date;
  seq: string;
}

/** Messenger and Instagram Direct conversations between a page and one person. */
@Injectable()
export class MetaMessagingRepository {
  constructor(private readonly db: SandboxDb) {}

  /** The page's conversation with this person on this platform, created on first contact. */
  async conversationWith(
    pageId: string,
    platform: MessagingPlatform,
    userId: string,
    db: SandboxQueryable = this.db,
  ): Promise<MetaConversation> {
    const [row] = await db.query<MetaConversation>(
      `INSERT INTO meta_conversations (id, page_id, platform, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (page_id, platform, user_id) DO UPDATE SET page_id = EXCLUDED.page_id RETURNING *`,
      [metaIds.conversation(), pageId, platform, userId],
    );
    return row;
  }

  /** The page's conversations with many people at once (created on first contact), by user id. */
  async conversationsWith(
    pageId: string,
    platform: MessagingPlatform,
    userIds: string[],
    db: SandboxQueryable,
  ): Promise<Map<string, MetaConversation>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    const rows = await db.query<MetaConversation>(
      `INSERT INTO meta_conversations (id, page_id, platform, user_id)
       SELECT id, $2, $3, user_id FROM unnest($1::text[], $4::text[]) AS t(user_id, id)
       ON CONFLICT (page_id, platform, user_id) DO UPDATE SET page_id = EXCLUDED.page_id RETURNING *`,
      [unique, pageId, platform, unique.map(() => metaIds.conversation())],
    );
    return new Map(rows.map((row) => [row.user_id, row]));
  }

  /** Many inbound messages in one statement, in order; their conversations move to the top of the list. */
  async insertInboundMessages(
    rows: Array<{ conversationId: string; text: string }>,
    db: SandboxQueryable,
  ): Promise<MetaMessage[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => metaIds.message());
    const inserted = await db.query<MetaMessage>(
      `INSERT INTO meta_messages (id, conversation_id, from_page, text)
       SELECT id, conversation_id, false, text
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, conversation_id, text, ord)
       ORDER BY ord RETURNING *`,
      [ids, rows.map((row) => row.conversationId), rows.map((row) => row.text)],
    );
    const byId = new Map(inserted.map((message) => [message.id, message]));
    await db.execute(
      `UPDATE meta_conversations SET updated_at = now(), seq = nextval(pg_get_serial_sequence('meta_conversations', 'seq'))
       WHERE id = ANY($1)`,
      [[...new Set(rows.map((row) => row.conversationId))]],
    );
    // RETURNING does not promise the input order: answer in it.
    return ids.map((id) => byId.get(id)!);
  }

  async findConversation(id: string): Promise<MetaConversation | undefined> {
    const [row] = await this.db.query<MetaConversation>('SELECT * FROM meta_conversations WHERE id = $1', [
      id,
    ]);
    return row;
  }

  async findConversationByUser(
    pageId: string,
    platform: MessagingPlatform,
    userId: string,
  ): Promise<MetaConversation | undefined> {
    const [row] = await this.db.query<MetaConversation>(
      'SELECT * FROM meta_conversations WHERE page_id = $1 AND platform = $2 AND user_id = $3',
      [pageId, platform, userId],
    );
    return row;
  }

  /** Most recently active first; the cursor is the conversation's seq within that order. */
  async listConversations(
    pageId: string,
    platform: MessagingPlatform,
    slice: Slice,
    userId?: string,
  ): Promise<MetaConversation[]> {
    return this.db.query<MetaConversation>(
      `SELECT * FROM meta_conversations WHERE page_id = $1 AND platform = $2 AND ($5::text IS NULL OR user_id = $5)
         AND ($3::bigint IS NULL OR seq < $3) AND ($4::bigint IS NULL OR seq > $4)
       ORDER BY seq ${slice.before !== undefined ? 'ASC' : 'DESC'} LIMIT $6`,
      [pageId, platform, slice.after ?? null, slice.before ?? null, userId ?? null, slice.limit + 1],
    );
  }

  async insertMessage(
    message: {
      conversationId: string;
      fromPage: boolean;
      text: string | null;
      attachment?: Record<string, unknown> | null;
      createdAt?: Date;
    },
    db: SandboxQueryable = this.db,
  ): Promise<MetaMessage> {
    const [row] = await db.query<MetaMessage>(
      `INSERT INTO meta_messages (id, conversation_id, from_page, text, attachment, created_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, now())) RETURNING *`,
      [
        metaIds.message(),
        message.conversationId,
        message.fromPage,
        message.text,
        message.attachment ? JSON.stringify(message.attachment) : null,
        message.createdAt ?? null,
      ],
    );
    // A conversation's seq moves to the end when it gets a message, so the list stays "most recent first".
    await db.execute(
      `UPDATE meta_conversations SET updated_at = GREATEST(updated_at, $2), seq = nextval(pg_get_serial_sequence('meta_conversations', 'seq'))
       WHERE id = $1`,
      [message.conversationId, row.created_at],
    );
    return row;
  }

  async findMessage(id: string): Promise<MetaMessage | undefined> {
    const [row] = await this.db.query<MetaMessage>('SELECT * FROM meta_messages WHERE id = $1', [id]);
    return row;
  }

  /** Newest first, as Graph lists a conversation's messages. */
  async listMessages(conversationId: string, slice: Slice): Promise<MetaMessage[]> {
    return this.db.query<MetaMessage>(
      `SELECT * FROM meta_messages WHERE conversation_id = $1
         AND ($2::bigint IS NULL OR seq < $2) AND ($3::bigint IS NULL OR seq > $3)
       ORDER BY seq ${slice.before !== undefined ? 'ASC' : 'DESC'} LIMIT $4`,
      [conversationId, slice.after ?? null, slice.before ?? null, slice.limit + 1],
    );
  }

  /** When the person last wrote to the page: the start of the 24-hour standard messaging window. */
  async lastInboundAt(conversationId: string): Promise<Date | undefined> {
    const [row] = await this.db.query<{ at: Date | null }>(
      'SELECT max(created_at) AS at FROM meta_messages WHERE conversation_id = $1 AND NOT from_page',
      [conversationId],
    );
    return row?.at ?? undefined;
  }

  async countMessages(conversationId: string): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM meta_messages WHERE conversation_id = $1',
      [conversationId],
    );
    return Number(row.n);
  }
}
