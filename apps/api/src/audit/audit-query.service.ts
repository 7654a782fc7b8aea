import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditEvent, Organisation, verifyChain } from '@outside-in/database';
import { AuditEventView, AuditPageView, AuditQueryDto, AuditVerificationView } from './audit.dto';

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paged by sequence number. */
  async page(organisationId: string, query: AuditQueryDto): Promise<AuditPageView> {
    const limit = query.limit ?? 50;
    const rows = await this.filtered(organisationId, query)
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** Every matching event, newest first, in batches: for the CSV export. */
  async *all(organisationId: string, query: AuditQueryDto): AsyncGenerator<AuditEventView> {
    let cursor = query.cursor;
    for (;;) {
      const rows = await this.filtered(organisationId, { ...query, cursor })
        .take(1000)
        .getMany();
      for (const row of rows) yield toView(row);
      if (rows.length < 1000) return;
      cursor = rows[rows.length - 1].seq;
    }
  }

  async verify(organisationId: string): Promise<AuditVerificationView> {
    const head = await this.dataSource.getRepository(Organisation).findOneByOrFail({ id: organisationId });
    const events: AuditEvent[] = [];
    let after = '0';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.organisationId = :organisationId AND e.seq > :after', { organisationId, after })
        .orderBy('e.seq', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      events.push(...batch);
      if (batch.length < VERIFY_BATCH) break;
      after = batch[batch.length - 1].seq;
    }
    const problems = verifyChain(events, { seq: head.auditHeadSeq, hash: head.auditHeadHash });
    const message = problems.length
      ? `${problems.length} problem${problems.length === 1 ? '' : 's'} found: ${problems.map((p) => p.problem).join('; ')}. The log has been changed outside Outside In; keep this result and tell your information governance lead.`
      : `All ${events.length} events are intact: none has been changed or removed.`;
    return { ok: problems.length === 0, checked: events.length, problems, message };
  }

  private filtered(organisationId: string, query: AuditQueryDto): SelectQueryBuilder<AuditEvent> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.organisationId = :organisationId', { organisationId })
      .orderBy('e.seq', 'DESC');
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorUserId) qb.andWhere('e.actorUserId = :actor', { actor: query.actorUserId });
    if (query.subjectType) qb.andWhere('e.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.from) qb.andWhere('e.createdAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.createdAt < :to', { to: query.to });
    if (query.cursor) qb.andWhere('e.seq < :cursor', { cursor: query.cursor });
    return qb;
  }
}

function toView(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    seq: e.seq,
    createdAt: e.createdAt,
    actor: { userId: e.actorUserId, label: e.actorLabel },
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    summary: e.summary,
    ip: e.ip,
  };
}
