import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import { Visibility } from './mastodon-entities';
import { PageParams, pageSql } from './mastodon-paging';

export interface ScheduledStatusRow {
  id: string;
  account_id: string;
  scheduled_at: Date;
  text: string;
  spoiler_text: string;
  visibility: Visibility;
  sensitive: boolean | null;
  language: string | null;
  in_reply_to_id: string | null;
  media_ids: string[];
  idempotency_key: string | null;
  application_id: string | null;
  application_name: string | null;
  published_at: Date | null;
  status_id: string | null;
}

export type NewScheduledStatus = Omit<ScheduledStatusRow, 'published_at' | 'status_id'>;

/** Statuses posted with `scheduled_at`, waiting for their time. */
@Injectable()
export class MastodonScheduledRepository {
  constructor(private readonly db: SandboxDb) {}

  async insert(row: NewScheduledStatus, tx: SandboxQueryable): Promise<ScheduledStatusRow> {
    const [inserted] = await tx.query<ScheduledStatusRow>(
      `INSERT INTO mastodon_scheduled_statuses (id, account_id, scheduled_at, text, spoiler_text, visibility, sensitive,
         language, in_reply_to_id, media_ids, idempotency_key, application_id, application_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [
        row.id,
        row.account_id,
        row.scheduled_at,
        row.text,
        row.spoiler_text,
        row.visibility,
        row.sensitive,
        row.language,
        row.in_reply_to_id,
        row.media_ids,
        row.idempotency_key,
        row.application_id,
        row.application_name,
      ],
    );
    return inserted;
  }

  async byId(id: string, db: SandboxQueryable = this.db): Promise<ScheduledStatusRow | null> {
    const rows = await db.query<ScheduledStatusRow>(
      'SELECT * FROM mastodon_scheduled_statuses WHERE id = $1::bigint',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The account's statuses still waiting (published ones leave the list, as on Mastodon). */
  async pending(accountId: string, page: PageParams): Promise<ScheduledStatusRow[]> {
    const paging = pageSql('id', page, 2);
    const params: unknown[] = [accountId, ...paging.params, page.limit];
    const rows = await this.db.query<ScheduledStatusRow>(
      `SELECT * FROM mastodon_scheduled_statuses
        WHERE ${['account_id = $1::bigint', 'published_at IS NULL', ...paging.where].join(' AND ')}
        ORDER BY ${paging.order} LIMIT $${params.length}`,
      params,
    );
    return paging.ascending ? rows.reverse() : rows;
  }

  async remove(id: string, tx: SandboxQueryable): Promise<void> {
    await tx.execute('DELETE FROM mastodon_scheduled_statuses WHERE id = $1::bigint', [id]);
  }

  /** Ids of statuses whose time has come. */
  async dueIds(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM mastodon_scheduled_statuses WHERE published_at IS NULL AND scheduled_at <= now()
        ORDER BY scheduled_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** Locks one due status for publishing; null if another process took it or it was deleted meanwhile. */
  async lockDue(id: string, tx: SandboxQueryable): Promise<ScheduledStatusRow | null> {
    const rows = await tx.query<ScheduledStatusRow>(
      `SELECT * FROM mastodon_scheduled_statuses WHERE id = $1::bigint AND published_at IS NULL FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markPublished(id: string, statusId: string | null, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute(
      'UPDATE mastodon_scheduled_statuses SET published_at = now(), status_id = $2 WHERE id = $1::bigint',
      [id, statusId],
    );
  }
}
