import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import { ConversationRow, NotificationRow } from './mastodon-entities';
import { PageParams, pageSql } from './mastodon-paging';

export interface NewConversationMember {
  conversationId: string;
  accountId: string;
  participantIds: string[];
  lastStatusId: string;
  unread: boolean;
}

/** Notifications (mentions) and each participant's view of direct conversations: what the inbox reads. */
@Injectable()
export class MastodonInboxRepository {
  constructor(private readonly db: SandboxDb) {}

  async insertMentionNotifications(
    notifications: { accountId: string; fromAccountId: string; statusId: string }[],
    db: SandboxQueryable,
  ): Promise<void> {
    if (notifications.length === 0) return;
    await db.execute(
      `INSERT INTO mastodon_notifications (account_id, from_account_id, type, status_id)
       SELECT account_id, from_account_id, 'mention', status_id
         FROM jsonb_to_recordset($1::jsonb) AS n(account_id bigint, from_account_id bigint, status_id bigint)`,
      [
        JSON.stringify(
          notifications.map((n) => ({
            account_id: n.accountId,
            from_account_id: n.fromAccountId,
            status_id: n.statusId,
          })),
        ),
      ],
    );
  }

  async notifications(
    accountId: string,
    types: string[],
    excludeTypes: string[],
    fromAccountId: string | null,
    page: PageParams,
  ) {
    const params: unknown[] = [accountId];
    // A deleted status takes its mention notification with it, as on Mastodon.
    const where = [
      'n.account_id = $1::bigint',
      'NOT EXISTS (SELECT 1 FROM mastodon_statuses s WHERE s.id = n.status_id AND s.deleted_at IS NOT NULL)',
    ];
    if (types.length) {
      params.push(types);
      where.push(`n.type = ANY($${params.length}::text[])`);
    }
    if (excludeTypes.length) {
      params.push(excludeTypes);
      where.push(`NOT (n.type = ANY($${params.length}::text[]))`);
    }
    if (fromAccountId) {
      params.push(fromAccountId);
      where.push(`n.from_account_id = $${params.length}::bigint`);
    }
    const paging = pageSql('n.id', page, params.length + 1);
    params.push(...paging.params, page.limit);
    const rows = await this.db.query<NotificationRow>(
      `SELECT n.* FROM mastodon_notifications n WHERE ${[...where, ...paging.where].join(' AND ')}
       ORDER BY ${paging.order} LIMIT $${params.length}`,
      params,
    );
    return paging.ascending ? rows.reverse() : rows;
  }

  /** Records direct statuses in the conversation of each participant (see conversationMembers). */
  async upsertConversationMembers(members: NewConversationMember[], db: SandboxQueryable): Promise<void> {
    if (members.length === 0) return;
    await db.execute(
      `INSERT INTO mastodon_conversation_members (conversation_id, account_id, participant_ids, last_status_id, unread)
       SELECT conversation_id, account_id, participant_ids, last_status_id, unread
         FROM jsonb_to_recordset($1::jsonb) AS c(conversation_id bigint, account_id bigint, participant_ids bigint[],
              last_status_id bigint, unread boolean)
       ON CONFLICT (conversation_id, account_id) DO UPDATE
         SET participant_ids = EXCLUDED.participant_ids, last_status_id = EXCLUDED.last_status_id, unread = EXCLUDED.unread`,
      [
        JSON.stringify(
          members.map((m) => ({
            conversation_id: m.conversationId,
            account_id: m.accountId,
            participant_ids: m.participantIds,
            last_status_id: m.lastStatusId,
            unread: m.unread,
          })),
        ),
      ],
    );
  }

  /** Marks one participant's conversation read; returns it, or null if the account is not in it. */
  async markConversationRead(conversationId: string, accountId: string): Promise<ConversationRow | null> {
    const rows = await this.db.query<ConversationRow>(
      `UPDATE mastodon_conversation_members SET unread = false
        WHERE conversation_id = $1::bigint AND account_id = $2::bigint RETURNING *`,
      [conversationId, accountId],
    );
    return rows[0] ?? null;
  }

  /** Conversations page by their last status, as Mastodon's AccountConversation does. */
  async conversations(accountId: string, page: PageParams): Promise<ConversationRow[]> {
    const paging = pageSql('c.last_status_id', page, 2);
    const params: unknown[] = [accountId, ...paging.params, page.limit];
    const rows = await this.db.query<ConversationRow>(
      `SELECT c.* FROM mastodon_conversation_members c
        WHERE ${['c.account_id = $1::bigint', ...paging.where].join(' AND ')}
        ORDER BY ${paging.order} LIMIT $${params.length}`,
      params,
    );
    return paging.ascending ? rows.reverse() : rows;
  }
}
