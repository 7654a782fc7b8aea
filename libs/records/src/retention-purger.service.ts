import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '@outside-in/database';
import { RetentionService } from '@outside-in/guardrail-settings';
import { HOLD_LOCK_SQL, PURGE_RUN_LOCK_SQL } from './record-locks';

/** Rows deleted per statement, so a purge never holds long locks or builds a huge transaction. */
export const PURGE_BATCH_SIZE = 500;
/** Batches per organisation per run; what is left waits for the next run (the job repeats hourly). */
export const PURGE_MAX_BATCHES = 200;

export interface PurgeResult {
  organisationId: string;
  /** False when another worker was purging this organisation: this run left it alone. */
  ran: boolean;
  cutoff: Date | null;
  messages: number;
  conversations: number;
  contacts: number;
  /** True when the batch limit stopped the run with more still due. */
  more: boolean;
}

/**
 * A message is covered by a legal hold in force on its conversation, on its conversation's contact, or on its
 * author; and an open FOI request keeps the message it was made in. `m` is the message.
 */
const MESSAGE_KEPT = `(
     EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.conversation_id = m.conversation_id)
  OR EXISTS (SELECT 1 FROM legal_hold h JOIN conversation hc ON hc.contact_id = h.contact_id
              WHERE h.released_at IS NULL AND hc.id = m.conversation_id)
  OR (m.author_contact_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.contact_id = m.author_contact_id))
  OR EXISTS (SELECT 1 FROM foi_request f WHERE f.closed_at IS NULL AND f.message_id = m.id)
)`;

/** `c` is the conversation. */
const CONVERSATION_KEPT = `(
     EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.conversation_id = c.id)
  OR (c.contact_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.contact_id = c.contact_id))
)`;

/**
 * The retention purge: for each organisation that keeps messages for a limited time, deletes the messages
 * received before `RetentionService.retentionCutoff`, then the conversations left with no messages and the
 * contacts left with nothing, never anything a legal hold covers. One audit event per run per organisation says
 * how many of each went (none when nothing did, so an hourly job does not fill the audit log with zeros).
 *
 * Safe to run twice at once: a run takes a session advisory lock per organisation (try, never wait) and the
 * other run skips that organisation. Idempotent: what is gone stays gone and the next run finds only what has
 * newly passed the cutoff. Conversations and contacts are locked (FOR UPDATE SKIP LOCKED) before a second
 * statement, with a fresh snapshot, checks they are still empty: a message arriving at that moment either
 * commits first (and keeps its conversation, whose last_message_at it also moves past the cutoff) or waits for
 * the purge's commit, fails its foreign key and is ingested again by the retried poll or webhook event.
 */
@Injectable()
export class RetentionPurger {
  private readonly logger = new Logger(RetentionPurger.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly retention: RetentionService,
    private readonly audit: AuditService,
  ) {}

  /** Every organisation with a retention period. */
  async runAll(now = new Date()): Promise<PurgeResult[]> {
    const rows: Array<{ organisation_id: string }> = await this.dataSource.query(
      `SELECT organisation_id FROM organisation_setting
        WHERE area = 'retention' AND jsonb_typeof(document -> 'keepMessagesForMonths') = 'number'
        ORDER BY organisation_id`,
    );
    const results: PurgeResult[] = [];
    for (const { organisation_id } of rows) {
      try {
        results.push(await this.runFor(organisation_id, now));
      } catch (error) {
        // One organisation's failure must not stop the others; the next run tries it again.
        this.logger.error(
          { err: error, orgId: organisation_id },
          'Retention purge failed for an organisation',
        );
      }
    }
    return results;
  }

  async runFor(organisationId: string, now = new Date()): Promise<PurgeResult> {
    const result: PurgeResult = {
      organisationId,
      ran: false,
      cutoff: null,
      messages: 0,
      conversations: 0,
      contacts: 0,
      more: false,
    };
    const cutoff = await this.retention.retentionCutoff(organisationId, now);
    result.cutoff = cutoff;
    if (!cutoff) return result;

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(PURGE_RUN_LOCK_SQL.tryLock, [organisationId]);
      if (!locked) return result;
      try {
        result.ran = true;
        await this.purge(runner, organisationId, cutoff, result);
        if (result.messages + result.conversations + result.contacts > 0) {
          await this.recordRun(runner, organisationId, cutoff, result);
          this.logger.log({ orgId: organisationId, ...result }, 'Purged messages past retention');
        }
      } finally {
        await runner.query(PURGE_RUN_LOCK_SQL.unlock, [organisationId]);
      }
    } finally {
      await runner.release();
    }
    return result;
  }

  private async purge(runner: QueryRunner, organisationId: string, cutoff: Date, result: PurgeResult) {
    let batches = 0;
    /**
     * Runs batches until one finds fewer due rows than the batch size. Each batch is its own transaction and
     * takes the hold lock first, so a hold placed meanwhile is seen by the next statement. Returns false when
     * the batch limit stopped it.
     */
    const drain = async (
      batch: () => Promise<{ due: number; deleted: number }>,
      add: (n: number) => void,
    ) => {
      for (;;) {
        if (batches >= PURGE_MAX_BATCHES) return false;
        batches += 1;
        await runner.startTransaction();
        let outcome: { due: number; deleted: number };
        try {
          await runner.query(HOLD_LOCK_SQL.exclusive, [organisationId]);
          outcome = await batch();
          await runner.commitTransaction();
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
        add(outcome.deleted);
        if (outcome.due < PURGE_BATCH_SIZE) return true;
      }
    };

    // Messages, oldest first.
    const messagesDone = await drain(
      async () => {
        const deleted = affectedRows(
          await runner.query(
            `DELETE FROM message WHERE id IN (
             SELECT m.id FROM message m
              WHERE m.organisation_id = $1 AND m.received_at < $2 AND NOT ${MESSAGE_KEPT}
              ORDER BY m.received_at
              LIMIT $3
                FOR UPDATE SKIP LOCKED)`,
            [organisationId, cutoff, PURGE_BATCH_SIZE],
          ),
        );
        return { due: deleted, deleted };
      },
      (n) => (result.messages += n),
    );
    if (!messagesDone) return void (result.more = true);

    // Conversations left empty: locked first, then checked again by a statement with a fresh snapshot.
    const conversationsDone = await drain(
      async () => {
        const locked: Array<{ id: string }> = await runner.query(
          `SELECT c.id FROM conversation c
            WHERE c.organisation_id = $1 AND c.last_message_at < $2
              AND NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id)
              AND NOT ${CONVERSATION_KEPT}
            ORDER BY c.last_message_at
            LIMIT $3
              FOR UPDATE SKIP LOCKED`,
          [organisationId, cutoff, PURGE_BATCH_SIZE],
        );
        if (!locked.length) return { due: 0, deleted: 0 };
        const deleted = affectedRows(
          await runner.query(
            `DELETE FROM conversation c
            WHERE c.id = ANY($1) AND c.last_message_at < $2
              AND NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id)`,
            [locked.map((r) => r.id), cutoff],
          ),
        );
        return { due: locked.length, deleted };
      },
      (n) => (result.conversations += n),
    );
    if (!conversationsDone) return void (result.more = true);

    // Contacts with nothing left: no conversation they started, no message they wrote, no hold.
    const contactsDone = await drain(
      async () => {
        const locked: Array<{ id: string }> = await runner.query(
          `SELECT ct.id FROM contact ct
            WHERE ct.organisation_id = $1 AND ct.created_at < $2
              AND NOT EXISTS (SELECT 1 FROM conversation c WHERE c.contact_id = ct.id)
              AND NOT EXISTS (SELECT 1 FROM message m WHERE m.author_contact_id = ct.id)
              AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.contact_id = ct.id)
            ORDER BY ct.created_at
            LIMIT $3
              FOR UPDATE SKIP LOCKED`,
          [organisationId, cutoff, PURGE_BATCH_SIZE],
        );
        if (!locked.length) return { due: 0, deleted: 0 };
        const deleted = affectedRows(
          await runner.query(
            `DELETE FROM contact ct
            WHERE ct.id = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM conversation c WHERE c.contact_id = ct.id)
              AND NOT EXISTS (SELECT 1 FROM message m WHERE m.author_contact_id = ct.id)`,
            [locked.map((r) => r.id)],
          ),
        );
        return { due: locked.length, deleted };
      },
      (n) => (result.contacts += n),
    );
    if (!contactsDone) result.more = true;
  }

  private async recordRun(runner: QueryRunner, organisationId: string, cutoff: Date, result: PurgeResult) {
    await runner.startTransaction();
    try {
      await this.audit.record(runner.manager, {
        organisationId,
        actor: SYSTEM_ACTOR,
        action: 'records.retention_purged',
        subjectType: 'organisation',
        subjectId: organisationId,
        summary: {
          cutoff: cutoff.toISOString(),
          messages: result.messages,
          conversations: result.conversations,
          contacts: result.contacts,
          ...(result.more ? { more: true } : {}),
        },
      });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }
}

/** TypeORM's Postgres driver answers a DELETE with [rows, affected count]. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
