import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError } from '@outside-in/common';
import { Notification, Role } from '@outside-in/database';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationListView, NotificationView } from '../posts/post.dto';
import { OutgoingEmail } from './mailer.service';

export interface NotificationDraft {
  organisationId: string;
  kind: string;
  message: string;
  postId: string | null;
  subject: string;
}

/**
 * In-app notifications, written in the transaction that made the decision; the e-mails to go with them are
 * returned for the caller to send once that transaction has committed.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Notifies these people (members of the organisation only) and returns the e-mails to send after commit. */
  async notifyUsers(
    manager: EntityManager,
    userIds: string[],
    draft: NotificationDraft,
  ): Promise<OutgoingEmail[]> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return [];
    const people: Array<{ id: string; email: string }> = await manager.query(
      `SELECT u.id, u.email FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE m.organisation_id = $1 AND u.id = ANY($2::uuid[])`,
      [draft.organisationId, ids],
    );
    if (!people.length) return [];
    await manager.getRepository(Notification).insert(
      people.map((person) => ({
        organisationId: draft.organisationId,
        userId: person.id,
        kind: draft.kind,
        message: draft.message,
        postId: draft.postId,
      })),
    );
    return people.map((person) => ({ to: person.email, subject: draft.subject, text: draft.message }));
  }

  /** Notifies every member with one of these roles, except `exceptUserId` (the author never reviews). */
  async notifyRoles(
    manager: EntityManager,
    roles: Role[],
    exceptUserId: string | null,
    draft: NotificationDraft,
  ): Promise<OutgoingEmail[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT user_id FROM membership WHERE organisation_id = $1 AND role = ANY($2::text[])`,
      [draft.organisationId, roles],
    );
    return this.notifyUsers(
      manager,
      rows.map((row) => row.user_id).filter((id) => id !== exceptUserId),
      draft,
    );
  }

  async list(organisationId: string, userId: string): Promise<NotificationListView> {
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { organisationId, userId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE organisation_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [organisationId, userId],
    );
    return { items: rows.map(view), unread: count };
  }

  async markRead(organisationId: string, userId: string, id: string): Promise<NotificationView> {
    const repository = this.dataSource.getRepository(Notification);
    const row = await repository.findOneBy({ id, organisationId, userId });
    if (!row) throw new NotFoundError('You have no notification with that id in this organisation.');
    if (!row.readAt) {
      row.readAt = new Date();
      await repository.update({ id }, { readAt: row.readAt });
    }
    return view(row);
  }

  async markAllRead(organisationId: string, userId: string): Promise<NotificationListView> {
    await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE organisation_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [organisationId, userId],
    );
    return this.list(organisationId, userId);
  }
}

function view(row: Notification): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    message: row.message,
    postId: row.postId,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
