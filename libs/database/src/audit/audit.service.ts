import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent, AuditSummary, Organisation } from '../entities';
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
    const organisation = await manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .setLock('for_no_key_update')
      .where('o.id = :id', { id: record.organisationId })
      .getOneOrFail();
    const fields = {
      organisationId: record.organisationId,
      seq: String(BigInt(organisation.auditHeadSeq) + 1n),
      actorUserId: record.actor.userId,
      actorLabel: record.actor.label,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId ?? null,
      summary: record.summary ?? {},
      ip: record.ip ?? null,
      createdAt: new Date(),
      prevHash: organisation.auditHeadHash,
    };
    const hash = eventHash(fields);
    const event = await manager
      .getRepository(AuditEvent)
      .save(manager.getRepository(AuditEvent).create({ ...fields, hash }));
    await manager
      .getRepository(Organisation)
      .update({ id: record.organisationId }, { auditHeadSeq: fields.seq, auditHeadHash: hash });
    return event;
  }
}
