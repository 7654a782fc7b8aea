import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, CannedReply, InboxPolicy, Role } from '@outside-in/database';
import { InboxEventBus, RoundRobinAssigner } from '@outside-in/inbox';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import type {
  AssignDto,
  BulkDto,
  BulkResultView,
  CannedReplyDto,
  CannedReplyView,
  InboxPolicyView,
  NoteDto,
  NoteView,
  StatusDto,
} from './inbox.dto';

export interface InboxCaller {
  actor: AuditActor & { userId: string };
  name: string;
  role: Role;
  ip: string | null;
}

/** Roles that work the inbox (reply, note, assign, change status). Viewers only read. */
export const INBOX_WORKERS = ['owner', 'admin', 'approver', 'editor', 'responder'] as const satisfies Role[];
/** The safe default when an organisation has set nothing: responders' replies need an approver. */
export const DEFAULT_REPLY_APPROVAL_ROLES: Role[] = ['responder'];

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const normaliseTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, '-');

/**
 * Working the inbox: assignment (a person, or round-robin among those who opted in), status with snooze,
 * priority, tags, internal notes with @mentions that notify, bulk actions in one transaction, canned replies and
 * the organisation's inbox policy. Assignment and status changes are audited in their transaction; every change
 * is told to open screens once it commits.
 */
@Injectable()
export class InboxWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: InboxEventBus,
    private readonly notifications: NotificationsService,
    private readonly roundRobin: RoundRobinAssigner,
  ) {}

  async assign(
    organisationId: string,
    conversationId: string,
    dto: AssignDto,
    caller: InboxCaller,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const conversation = await this.lock(manager, organisationId, conversationId);
      let assigneeId: string | null;
      if (dto.roundRobin) {
        assigneeId = await this.roundRobin.nextInTurn(manager, organisationId);
        if (!assigneeId)
          throw new ConflictError(
            'Nobody has opted in to round-robin assignment yet: assign a person instead.',
          );
      } else if (dto.assigneeId === undefined)
        throw new InvalidInputError('Say who: assigneeId (null to unassign) or roundRobin: true.', [
          { field: 'assigneeId', problem: 'Required unless roundRobin is true' },
        ]);
      else assigneeId = dto.assigneeId;
      if (assigneeId) await this.assertWorker(manager, organisationId, assigneeId, 'assigneeId');
      if (conversation.assignee_id === assigneeId) return;
      await manager.query(`UPDATE conversation SET assignee_id = $2, updated_at = now() WHERE id = $1`, [
        conversationId,
        assigneeId,
      ]);
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.assigned',
        subjectType: 'conversation',
        subjectId: conversationId,
        summary: { from: conversation.assignee_id, to: assigneeId, roundRobin: !!dto.roundRobin },
        ip: caller.ip,
      });
      await this.changed(manager, organisationId, conversationId, 'assignee', caller);
    });
  }

  async setStatus(
    organisationId: string,
    conversationId: string,
    dto: StatusDto,
    caller: InboxCaller,
  ): Promise<void> {
    let until: Date | null = null;
    if (dto.status === 'snoozed') {
      until = dto.snoozedUntil ? new Date(dto.snoozedUntil) : null;
      if (!until || until.getTime() <= Date.now())
        throw new InvalidInputError('Snoozing needs snoozedUntil: a time in the future when it comes back.', [
          { field: 'snoozedUntil', problem: 'Required for snoozed, in the future' },
        ]);
    } else if (dto.snoozedUntil) {
      throw new InvalidInputError('snoozedUntil is only for status snoozed.', [
        { field: 'snoozedUntil', problem: 'Only with status snoozed' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const conversation = await this.lock(manager, organisationId, conversationId);
      if (conversation.status === dto.status && dto.status !== 'snoozed') return;
      // Resolution time: set when closed, cleared when worked again.
      await manager.query(
        `UPDATE conversation SET status = $2::varchar, snoozed_until = $3::timestamptz,
                resolved_at = CASE WHEN $2::varchar = 'closed' THEN now() ELSE NULL END, updated_at = now()
          WHERE id = $1`,
        [conversationId, dto.status, until],
      );
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.status_changed',
        subjectType: 'conversation',
        subjectId: conversationId,
        summary: { from: conversation.status, to: dto.status, snoozedUntil: until?.toISOString() ?? null },
        ip: caller.ip,
      });
      await this.changed(manager, organisationId, conversationId, 'status', caller);
    });
  }

  async setPriority(organisationId: string, conversationId: string, priority: string, caller: InboxCaller) {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, organisationId, conversationId);
      await manager.query(`UPDATE conversation SET priority = $2, updated_at = now() WHERE id = $1`, [
        conversationId,
        priority,
      ]);
      await this.changed(manager, organisationId, conversationId, 'priority', caller);
    });
  }

  async setTags(organisationId: string, conversationId: string, tags: string[], caller: InboxCaller) {
    const clean = [...new Set(tags.map(normaliseTag).filter(Boolean))].sort();
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, organisationId, conversationId);
      await manager.query(`UPDATE conversation SET tags = $2, updated_at = now() WHERE id = $1`, [
        conversationId,
        clean,
      ]);
      await this.changed(manager, organisationId, conversationId, 'tags', caller);
    });
  }

  async addNote(
    organisationId: string,
    conversationId: string,
    dto: NoteDto,
    caller: InboxCaller,
  ): Promise<NoteView> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await this.lock(manager, organisationId, conversationId);
      const wanted = [...new Set(dto.mentionedUserIds ?? [])];
      const members = (await manager.query(
        `SELECT u.id, u.name FROM app_user u JOIN membership m ON m.user_id = u.id
          WHERE m.organisation_id = $1 AND u.id = ANY($2::uuid[]) ORDER BY u.name`,
        [organisationId, wanted],
      )) as Array<{ id: string; name: string }>;
      const missing = wanted.filter((id) => !members.some((m) => m.id === id));
      if (missing.length)
        throw new InvalidInputError('Only members of this organisation can be mentioned.', [
          { field: 'mentionedUserIds', problem: `Not members: ${missing.join(', ')}` },
        ]);
      const [note] = (await manager.query(
        `INSERT INTO inbox_note (organisation_id, conversation_id, author_id, body, mentioned_user_ids)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
        [organisationId, conversationId, caller.actor.userId, dto.body, members.map((m) => m.id)],
      )) as Row[];
      const who = conversation.contact_name ? ` with ${conversation.contact_name}` : '';
      await this.notifications.notifyUsers(
        manager,
        members.map((m) => m.id).filter((id) => id !== caller.actor.userId),
        {
          organisationId,
          kind: 'inbox.mentioned',
          message: `${caller.name} mentioned you in a note on the conversation${who}: inbox/${conversationId}`,
          postId: null,
          subject: `${caller.name} mentioned you in the inbox`,
        },
      );
      await this.events.publishAfterCommit(this.dataSource, manager, organisationId, {
        type: 'note.created',
        conversationId,
        noteId: note.id,
        by: caller.actor.userId,
      });
      return { id: note.id, body: dto.body, mentioned: members, createdAt: note.created_at };
    });
  }

  async bulk(organisationId: string, dto: BulkDto, caller: InboxCaller): Promise<BulkResultView> {
    const ids = [...new Set(dto.ids.map((id) => id.toLowerCase()))];
    return this.dataSource.transaction(async (manager) => {
      const found = (await manager.query(
        `SELECT id FROM conversation WHERE organisation_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
        [organisationId, ids],
      )) as Row[];
      const existing = found.map((r) => r.id as string);
      const notFound = ids.filter((id) => !existing.includes(id));
      let sql: string;
      let params: unknown[];
      switch (dto.action) {
        case 'assign': {
          if (dto.assigneeId === undefined)
            throw new InvalidInputError('Bulk assign needs assigneeId (null to unassign).', [
              { field: 'assigneeId', problem: 'Required for assign' },
            ]);
          if (dto.assigneeId) await this.assertWorker(manager, organisationId, dto.assigneeId, 'assigneeId');
          sql = `UPDATE conversation SET assignee_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`;
          params = [existing, dto.assigneeId];
          break;
        }
        case 'close':
          sql = `UPDATE conversation SET status = 'closed', snoozed_until = NULL,
                        resolved_at = COALESCE(CASE WHEN status = 'closed' THEN resolved_at END, now()), updated_at = now()
                  WHERE id = ANY($1::uuid[])`;
          params = [existing];
          break;
        case 'tag':
        case 'untag': {
          const tag = dto.tag ? normaliseTag(dto.tag) : '';
          if (!tag)
            throw new InvalidInputError(`Bulk ${dto.action} needs tag.`, [
              { field: 'tag', problem: 'Required' },
            ]);
          sql =
            dto.action === 'tag'
              ? `UPDATE conversation SET tags = array(SELECT DISTINCT unnest(tags || ARRAY[$2]::text[]) ORDER BY 1),
                        updated_at = now() WHERE id = ANY($1::uuid[]) AND NOT tags @> ARRAY[$2]::text[]`
              : `UPDATE conversation SET tags = array_remove(tags, $2), updated_at = now() WHERE id = ANY($1::uuid[])`;
          params = [existing, tag];
          break;
        }
      }
      if (existing.length) await manager.query(sql, params);
      if (existing.length && (dto.action === 'assign' || dto.action === 'close'))
        await this.audit.record(manager, {
          organisationId,
          actor: caller.actor,
          action: dto.action === 'assign' ? 'inbox.bulk_assigned' : 'inbox.bulk_closed',
          subjectType: 'conversation',
          subjectId: null,
          summary: { conversations: existing, count: existing.length, to: dto.assigneeId ?? null },
          ip: caller.ip,
        });
      await this.events.publishAfterCommit(
        this.dataSource,
        manager,
        organisationId,
        ...existing.map((conversationId) => ({
          type: 'conversation.updated' as const,
          conversationId,
          change: dto.action,
          by: caller.actor.userId,
        })),
      );
      return { changed: existing.length, notFound };
    });
  }

  // ---------- canned replies ----------

  async listCanned(organisationId: string): Promise<CannedReplyView[]> {
    const rows = await this.dataSource
      .getRepository(CannedReply)
      .find({ where: { organisationId }, order: { title: 'ASC' } });
    return rows.map(cannedView);
  }

  async saveCanned(organisationId: string, id: string | null, dto: CannedReplyDto, caller: InboxCaller) {
    const repository = this.dataSource.getRepository(CannedReply);
    const clash = await repository.findOneBy({ organisationId, title: dto.title });
    if (clash && clash.id !== id)
      throw new ConflictError(`A canned reply is already called “${dto.title}”. Choose another title.`);
    if (id) {
      const existing = await repository.findOneBy({ organisationId, id });
      if (!existing) throw new NotFoundError('No such canned reply in this organisation.');
      await repository.update({ id }, { title: dto.title, body: dto.body });
      return cannedView((await repository.findOneByOrFail({ id }))!);
    }
    const saved = await repository.save({
      organisationId,
      title: dto.title,
      body: dto.body,
      createdById: caller.actor.userId,
    });
    return cannedView(saved);
  }

  async deleteCanned(organisationId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(CannedReply).delete({ organisationId, id });
    if (!result.affected) throw new NotFoundError('No such canned reply in this organisation.');
  }

  /** Fills {{contact.name}}, {{agent.name}} and {{organisation.name}}; unknown variables are left visible. */
  async renderCanned(organisationId: string, id: string, conversationId: string, caller: InboxCaller) {
    const canned = await this.dataSource.getRepository(CannedReply).findOneBy({ organisationId, id });
    if (!canned) throw new NotFoundError('No such canned reply in this organisation.');
    const [row] = (await this.dataSource.query(
      `SELECT o.name AS organisation_name, ct.display_name, ct.handle
         FROM conversation c JOIN organisation o ON o.id = c.organisation_id
         LEFT JOIN contact ct ON ct.id = c.contact_id
        WHERE c.organisation_id = $1 AND c.id = $2`,
      [organisationId, conversationId],
    )) as Row[];
    if (!row) throw new NotFoundError('No such conversation in this organisation.');
    const values: Record<string, string> = {
      'contact.name': row.display_name || row.handle || 'there',
      'contact.handle': row.handle ?? '',
      'agent.name': caller.name,
      'organisation.name': row.organisation_name,
    };
    return {
      text: canned.body.replace(
        /\{\{\s*([a-z.]+)\s*\}\}/gi,
        (all, key: string) => values[key.toLowerCase()] ?? all,
      ),
    };
  }

  // ---------- policy ----------

  async policy(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InboxPolicyView> {
    const row = await manager.getRepository(InboxPolicy).findOneBy({ organisationId });
    const ids = row?.roundRobinUserIds ?? [];
    const people = (await manager.query(
      `SELECT u.id, u.name FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE m.organisation_id = $1 AND u.id = ANY($2::uuid[])`,
      [organisationId, ids],
    )) as Array<{ id: string; name: string }>;
    return {
      replyApprovalRoles: row?.replyApprovalRoles ?? DEFAULT_REPLY_APPROVAL_ROLES,
      roundRobin: ids
        .map((id) => people.find((p) => p.id === id))
        .filter((p): p is { id: string; name: string } => !!p),
    };
  }

  async setPolicy(organisationId: string, roles: Role[], caller: InboxCaller): Promise<InboxPolicyView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.policy(organisationId, manager);
      await manager.query(
        `INSERT INTO inbox_policy (organisation_id, reply_approval_roles, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id) DO UPDATE SET reply_approval_roles = $2, updated_by = $3, updated_at = now()`,
        [organisationId, JSON.stringify([...new Set(roles)]), caller.actor.userId],
      );
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.policy_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: { replyApprovalRoles: { from: before.replyApprovalRoles, to: [...new Set(roles)] } },
        ip: caller.ip,
      });
      return this.policy(organisationId, manager);
    });
  }

  async setRoundRobin(
    organisationId: string,
    optedIn: boolean,
    caller: InboxCaller,
  ): Promise<InboxPolicyView> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO inbox_policy (organisation_id, reply_approval_roles) VALUES ($1, $2)
         ON CONFLICT (organisation_id) DO NOTHING`,
        [organisationId, JSON.stringify(DEFAULT_REPLY_APPROVAL_ROLES)],
      );
      const [row] = (await manager.query(
        `SELECT round_robin_user_ids FROM inbox_policy WHERE organisation_id = $1 FOR UPDATE`,
        [organisationId],
      )) as Row[];
      const ids = (row.round_robin_user_ids as string[]).filter((id) => id !== caller.actor.userId);
      if (optedIn) ids.push(caller.actor.userId);
      await manager.query(`UPDATE inbox_policy SET round_robin_user_ids = $2 WHERE organisation_id = $1`, [
        organisationId,
        JSON.stringify(ids),
      ]);
      return this.policy(organisationId, manager);
    });
  }

  // ---------- helpers ----------

  private async assertWorker(manager: EntityManager, organisationId: string, userId: string, field: string) {
    const [member] = (await manager.query(
      `SELECT role FROM membership WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    )) as Row[];
    if (!member || member.role === 'viewer')
      throw new InvalidInputError(
        'Conversations can be given only to members who work the inbox (not viewers).',
        [{ field, problem: member ? 'A viewer cannot be assigned' : 'Not a member of this organisation' }],
      );
  }

  async lock(manager: EntityManager, organisationId: string, conversationId: string): Promise<Row> {
    const [row] = (await manager.query(
      `SELECT c.id, c.status, c.assignee_id, c.kind, c.channel_id, c.contact_id, ct.display_name AS contact_name
         FROM conversation c LEFT JOIN contact ct ON ct.id = c.contact_id
        WHERE c.organisation_id = $1 AND c.id = $2 FOR UPDATE OF c`,
      [organisationId, conversationId],
    )) as Row[];
    if (!row) throw new NotFoundError('No such conversation in this organisation.');
    return row;
  }

  private async changed(
    manager: EntityManager,
    organisationId: string,
    conversationId: string,
    change: string,
    caller: InboxCaller,
  ): Promise<void> {
    await this.events.publishAfterCommit(this.dataSource, manager, organisationId, {
      type: 'conversation.updated',
      conversationId,
      change,
      by: caller.actor.userId,
    });
  }
}

function cannedView(row: CannedReply): CannedReplyView {
  return { id: row.id, title: row.title, body: row.body, updatedAt: row.updatedAt };
}
