import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@outside-in/common';
import {
  AuditActor,
  AuditService,
  FoiRequest,
  Message,
  Organisation,
  type FoiOutcome,
} from '@outside-in/database';
import { OfficeHoursService } from '@outside-in/guardrail-settings';
import { instantToZonedParts } from '@outside-in/guardrails';
import { foiDueOn, FoiRegion, FOI_WORKING_DAYS, NO_REGION, workingDaysLeft } from './working-days';

export type FoiState = 'open' | 'closed';

export interface FoiRequestView {
  id: string;
  messageId: string;
  conversationId: string;
  /** The first 200 characters of the message. */
  excerpt: string;
  contact: { id: string; handle: string; displayName: string; network: string } | null;
  receivedOn: string;
  dueOn: string;
  bankHolidayRegion: string;
  /** Working days after today up to the due date; 0 on it, negative once overdue. Null once closed. */
  workingDaysLeft: number | null;
  markedBy: { userId: string | null; label: string };
  markedAt: Date;
  closedAt: Date | null;
  closedBy: { userId: string | null; label: string } | null;
  outcome: FoiOutcome | null;
  closeNote: string | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The FOI clock. Marking an inbound message as a freedom-of-information request stores its due date: 20 working
 * days after the day it was received (in the organisation's zone), skipping weekends and the bank holidays of the
 * region chosen in the office-hours settings (weekends only when none is chosen). The region is stored with the
 * request, so a later change of settings does not move a deadline already given.
 */
@Injectable()
export class FoiRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly officeHours: OfficeHoursService,
  ) {}

  async mark(organisationId: string, messageId: string, actor: AuditActor, ip: string | null) {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id: messageId, organisationId });
    if (!message) throw new NotFoundError('There is no such message in this organisation.');
    if (message.direction !== 'in') {
      throw new InvalidInputError('Only a message from the public can be an FOI request; this one is ours.');
    }
    const { document, timeZone } = await this.officeHours.get(organisationId);
    const region: FoiRegion = document.bankHolidayRegion ?? NO_REGION;
    const receivedOn = instantToZonedParts(message.createdAt, timeZone).date;
    let dueOn: string;
    try {
      dueOn = foiDueOn(receivedOn, region);
    } catch (error) {
      if (error instanceof RangeError) {
        throw new ConflictError(
          `We cannot work out the due date: ${error.message}. Ask whoever runs Outside In to update the bank holidays.`,
        );
      }
      throw error;
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      let request: FoiRequest;
      try {
        request = await manager.getRepository(FoiRequest).save(
          manager.getRepository(FoiRequest).create({
            organisationId,
            messageId,
            conversationId: message.conversationId,
            receivedOn,
            dueOn,
            bankHolidayRegion: region,
            markedById: actor.userId,
            markedByLabel: actor.label,
          }),
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new ConflictError('This message is already marked as an FOI request.');
        }
        throw error;
      }
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'records.foi_marked',
        subjectType: 'message',
        subjectId: messageId,
        summary: {
          foiRequestId: request.id,
          conversationId: message.conversationId,
          receivedOn,
          dueOn,
          workingDays: FOI_WORKING_DAYS,
          bankHolidayRegion: region,
        },
        ip,
      });
      return request;
    });
    return (await this.views([saved], timeZone))[0];
  }

  async list(organisationId: string, state: FoiState = 'open', now = new Date()): Promise<FoiRequestView[]> {
    const timeZone = await this.timeZone(organisationId);
    const requests = await this.dataSource
      .getRepository(FoiRequest)
      .createQueryBuilder('f')
      .where('f.organisation_id = :organisationId', { organisationId })
      .andWhere(state === 'open' ? 'f.closed_at IS NULL' : 'f.closed_at IS NOT NULL')
      .orderBy(state === 'open' ? 'f.due_on' : 'f.closed_at', state === 'open' ? 'ASC' : 'DESC')
      .addOrderBy('f.marked_at', 'ASC')
      .take(500)
      .getMany();
    return this.views(requests, timeZone, now);
  }

  /** Completes (answered) or unmarks (not an FOI request after all) an open request. */
  async close(
    organisationId: string,
    foiRequestId: string,
    outcome: FoiOutcome,
    note: string | null,
    actor: AuditActor,
    ip: string | null,
  ): Promise<FoiRequestView> {
    const closed = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(FoiRequest);
      const request = await repo
        .createQueryBuilder('f')
        .setLock('pessimistic_write')
        .where('f.id = :foiRequestId AND f.organisation_id = :organisationId', {
          foiRequestId,
          organisationId,
        })
        .getOne();
      if (!request) throw new NotFoundError('There is no such FOI request in this organisation.');
      if (request.closedAt) {
        throw new ConflictError(
          `This FOI request was already ${request.outcome === 'completed' ? 'completed' : 'unmarked'} by ${request.closedByLabel ?? 'someone'}.`,
        );
      }
      request.closedAt = new Date();
      request.closedById = actor.userId;
      request.closedByLabel = actor.label;
      request.outcome = outcome;
      request.closeNote = note;
      await repo.save(request);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: outcome === 'completed' ? 'records.foi_completed' : 'records.foi_unmarked',
        subjectType: 'message',
        subjectId: request.messageId,
        summary: { foiRequestId: request.id, dueOn: request.dueOn, ...(note ? { note } : {}) },
        ip,
      });
      return request;
    });
    return (await this.views([closed], await this.timeZone(organisationId)))[0];
  }

  private async timeZone(organisationId: string): Promise<string> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    return organisation.timeZone;
  }

  private async views(requests: FoiRequest[], timeZone: string, now = new Date()): Promise<FoiRequestView[]> {
    if (!requests.length) return [];
    const rows: Array<{
      id: string;
      body: string;
      contact_id: string | null;
      handle: string | null;
      display_name: string | null;
      network: string | null;
    }> = await this.dataSource.query(
      `SELECT m.id, left(m.body, 200) AS body, ct.id AS contact_id, ct.handle, ct.display_name, ct.network
         FROM message m LEFT JOIN contact ct ON ct.id = m.author_contact_id
        WHERE m.id = ANY($1)`,
      [requests.map((r) => r.messageId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const today = instantToZonedParts(now, timeZone).date;
    return requests.map((r) => {
      const m = byId.get(r.messageId);
      return {
        id: r.id,
        messageId: r.messageId,
        conversationId: r.conversationId,
        excerpt: m?.body ?? '',
        contact:
          m?.contact_id && m.handle
            ? {
                id: m.contact_id,
                handle: m.handle,
                displayName: m.display_name ?? m.handle,
                network: m.network ?? '',
              }
            : null,
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        bankHolidayRegion: r.bankHolidayRegion,
        workingDaysLeft: r.closedAt
          ? null
          : workingDaysLeft(today, r.dueOn, r.bankHolidayRegion as FoiRegion),
        markedBy: { userId: r.markedById, label: r.markedByLabel },
        markedAt: r.markedAt,
        closedAt: r.closedAt,
        closedBy: r.closedAt ? { userId: r.closedById, label: r.closedByLabel ?? '' } : null,
        outcome: r.outcome,
        closeNote: r.closeNote,
      };
    });
  }
}
