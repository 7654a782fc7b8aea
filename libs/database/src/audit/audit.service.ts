import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent, AuditSummary } from '../entities';
import { returnedRows } from '../returned-rows';
import { eventHash } from './audit-chain';

export interface AuditActor {
  userId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system' };

export interface AuditRecord {
  organisationId: string;
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  summary?: AuditSummary;
  ip?: string | null;
}

/**
 * Writes audit events. Always called with the EntityManager of the transaction that makes the
 * change, so the change and its event commit together or not at all. Locking the organisation's
 * row serialises appends per organisation, which keeps the chain linear. FOR NO KEY UPDATE (not
 * FOR UPDATE) because inserting any row that references the organisation takes FOR KEY SHARE on
 * it, and FOR UPDATE would deadlock against those.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction that makes the change');
    }
    // Two round trips: lock the organisation's row and read the chain's head; then the event and the new head
    // in one statement. Raw SQL: this runs in every audited transaction, publishing's hot path included.
    const [head] = (await manager.query(
      `SELECT audit_head_seq, audit_head_hash FROM organisation WHERE id = $1 FOR NO KEY UPDATE`,
      [record.organisationId],
    )) as Array<{ audit_head_seq: string; audit_head_hash: string }>;
    if (!head) throw new Error(`No organisation has the id ${record.organisationId}`);
    const fields = {
      organisationId: record.organisationId,
      seq: String(BigInt(head.audit_head_seq) + 1n),
      actorUserId: record.actor.userId,
      actorLabel: record.actor.label,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId ?? null,
      summary: record.summary ?? {},
      ip: record.ip ?? null,
      createdAt: new Date(),
      prevHash: head.audit_head_hash,
    };
    const hash = eventHash(fields);
    const [row] = returnedRows<{ id: string }>(
      await manager.query(
        `WITH event AS (
         INSERT INTO audit_event (organisation_id, seq, actor_user_id, actor_label, action, subject_type, subject_id,
                                  summary, ip, created_at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
         RETURNING id)
       UPDATE organisation SET audit_head_seq = $2, audit_head_hash = $12 WHERE id = $1
       RETURNING (SELECT id FROM event) AS id`,
        [
          fields.organisationId,
          fields.seq,
          fields.actorUserId,
          fields.actorLabel,
          fields.action,
          fields.subjectType,
          fields.subjectId,
          JSON.stringify(fields.summary),
          fields.ip,
          fields.createdAt,
          fields.prevHash,
          hash,
        ],
      ),
    );
    return Object.assign(new AuditEvent(), { ...fields, id: String(row.id), hash });
  }
}
