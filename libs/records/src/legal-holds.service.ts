import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { ConflictError, NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, Contact, Conversation, LegalHold } from '@outside-in/database';
import { HOLD_LOCK_SQL } from './record-locks';

export type HoldSubject = { conversationId: string } | { contactId: string };
export type HoldState = 'active' | 'released' | 'all';

export interface HoldView {
  id: string;
  subjectType: 'conversation' | 'contact';
  conversationId: string | null;
  contactId: string | null;
  /** What is held, in words: "Direct messages with @sam on Mastodon (@council)", "@sam on X". */
  subjectLabel: string;
  reason: string;
  placedBy: { userId: string | null; label: string };
  placedAt: Date;
  releasedAt: Date | null;
  releasedBy: { userId: string | null; label: string } | null;
  releaseReason: string | null;
}

const KIND_WORDS: Record<string, string> = {
  direct: 'Direct messages',
  comment_thread: 'Comments',
  mention_thread: 'Mentions',
};

const UNIQUE_VIOLATION = '23505';

/**
 * Legal holds on conversations and contacts. A hold in force stops the retention purge from deleting what it
 * covers (see RetentionPurger); placing and releasing are audited against the conversation or contact, so a
 * record's export carries its holds.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string, state: HoldState = 'active'): Promise<HoldView[]> {
    const where =
      state === 'all'
        ? { organisationId }
        : { organisationId, releasedAt: state === 'active' ? IsNull() : Not(IsNull()) };
    const holds = await this.dataSource.getRepository(LegalHold).find({
      where,
      order: { placedAt: 'DESC' },
      take: 500,
    });
    return this.views(holds);
  }

  /** The holds in force on a conversation, directly or through its contact. */
  async activeFor(organisationId: string, subject: HoldSubject): Promise<HoldView[]> {
    const repo = this.dataSource.getRepository(LegalHold);
    if ('contactId' in subject) {
      return this.views(
        await repo.find({ where: { organisationId, contactId: subject.contactId, releasedAt: IsNull() } }),
      );
    }
    const conversation = await this.dataSource
      .getRepository(Conversation)
      .findOneBy({ id: subject.conversationId, organisationId });
    if (!conversation) return [];
    const holds = await repo.find({
      where: [
        { organisationId, conversationId: conversation.id, releasedAt: IsNull() },
        ...(conversation.contactId
          ? [{ organisationId, contactId: conversation.contactId, releasedAt: IsNull() }]
          : []),
      ],
    });
    return this.views(holds);
  }

  async place(
    organisationId: string,
    subject: HoldSubject,
    reason: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<HoldView> {
    const hold = await this.dataSource.transaction(async (manager) => {
      await manager.query(HOLD_LOCK_SQL.shared, [organisationId]);
      const isConversation = 'conversationId' in subject;
      const subjectId = isConversation ? subject.conversationId : subject.contactId;
      const exists = await manager
        .getRepository(isConversation ? Conversation : Contact)
        .exists({ where: { id: subjectId, organisationId } });
      if (!exists) {
        throw new NotFoundError(
          isConversation
            ? 'There is no such conversation in this organisation. Check the conversation id.'
            : 'There is no such contact in this organisation. Search for the contact again.',
        );
      }
      const current = await manager.getRepository(LegalHold).findOne({
        where: {
          organisationId,
          releasedAt: IsNull(),
          ...(isConversation ? { conversationId: subjectId } : { contactId: subjectId }),
        },
      });
      if (current) throw this.alreadyHeld(current, isConversation);
      let saved: LegalHold;
      try {
        saved = await manager.getRepository(LegalHold).save(
          manager.getRepository(LegalHold).create({
            organisationId,
            conversationId: isConversation ? subjectId : null,
            contactId: isConversation ? null : subjectId,
            reason,
            placedById: actor.userId,
            placedByLabel: actor.label,
          }),
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new ConflictError(
            `This ${isConversation ? 'conversation' : 'contact'} was put on hold by someone else a moment ago.`,
          );
        }
        throw error;
      }
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'records.hold_placed',
        subjectType: isConversation ? 'conversation' : 'contact',
        subjectId,
        summary: { holdId: saved.id, reason },
        ip,
      });
      return saved;
    });
    return (await this.views([hold]))[0];
  }

  async release(
    organisationId: string,
    holdId: string,
    reason: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<HoldView> {
    const hold = await this.dataSource.transaction(async (manager: EntityManager) => {
      const repo = manager.getRepository(LegalHold);
      const found = await repo
        .createQueryBuilder('h')
        .setLock('pessimistic_write')
        .where('h.id = :holdId AND h.organisation_id = :organisationId', { holdId, organisationId })
        .getOne();
      if (!found) throw new NotFoundError('There is no such legal hold in this organisation.');
      if (found.releasedAt) {
        throw new ConflictError(
          `This hold was already released by ${found.releasedByLabel ?? 'someone'}; nothing changed.`,
        );
      }
      found.releasedAt = new Date();
      found.releasedById = actor.userId;
      found.releasedByLabel = actor.label;
      found.releaseReason = reason;
      await repo.save(found);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'records.hold_released',
        subjectType: found.conversationId ? 'conversation' : 'contact',
        subjectId: found.conversationId ?? found.contactId,
        summary: { holdId: found.id, reason, placedBy: found.placedByLabel },
        ip,
      });
      return found;
    });
    return (await this.views([hold]))[0];
  }

  private alreadyHeld(current: LegalHold, isConversation: boolean): ConflictError {
    return new ConflictError(
      `This ${isConversation ? 'conversation' : 'contact'} is already on hold (placed by ${current.placedByLabel}: "${current.reason}"). Release that hold first if the reason has changed.`,
    );
  }

  /** Describes each hold's subject in words, with one query per kind of subject. */
  private async views(holds: LegalHold[]): Promise<HoldView[]> {
    const conversationIds = holds.flatMap((h) => (h.conversationId ? [h.conversationId] : []));
    const contactIds = holds.flatMap((h) => (h.contactId ? [h.contactId] : []));
    const labels = new Map<string, string>();
    if (conversationIds.length) {
      const rows: Array<{
        id: string;
        kind: string;
        network: string;
        channel: string;
        contact: string | null;
      }> = await this.dataSource.query(
        `SELECT c.id, c.kind, ch.network, ch.handle AS channel, ct.handle AS contact
             FROM conversation c JOIN channel ch ON ch.id = c.channel_id
             LEFT JOIN contact ct ON ct.id = c.contact_id
            WHERE c.id = ANY($1)`,
        [conversationIds],
      );
      for (const r of rows) {
        const kind = KIND_WORDS[r.kind] ?? 'Conversation';
        labels.set(
          r.id,
          `${kind}${r.contact ? ` with ${r.contact}` : ''} on ${networkName(r.network)} (${r.channel})`,
        );
      }
    }
    if (contactIds.length) {
      const rows: Array<{ id: string; handle: string; display_name: string; network: string }> =
        await this.dataSource.query(
          `SELECT id, handle, display_name, network FROM contact WHERE id = ANY($1)`,
          [contactIds],
        );
      for (const r of rows) {
        const name =
          r.display_name && r.display_name !== r.handle ? `${r.display_name} (${r.handle})` : r.handle;
        labels.set(
          r.id,
          `${name} on ${networkName(r.network)}, everything they sent and every conversation they started`,
        );
      }
    }
    return holds.map((h) => ({
      id: h.id,
      subjectType: h.conversationId ? 'conversation' : 'contact',
      conversationId: h.conversationId,
      contactId: h.contactId,
      subjectLabel: labels.get((h.conversationId ?? h.contactId)!) ?? 'Removed record',
      reason: h.reason,
      placedBy: { userId: h.placedById, label: h.placedByLabel },
      placedAt: h.placedAt,
      releasedAt: h.releasedAt,
      releasedBy: h.releasedAt ? { userId: h.releasedById, label: h.releasedByLabel ?? '' } : null,
      releaseReason: h.releaseReason,
    }));
  }
}

const NETWORK_NAMES: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

export function networkName(network: string): string {
  return NETWORK_NAMES[network] ?? network;
}
