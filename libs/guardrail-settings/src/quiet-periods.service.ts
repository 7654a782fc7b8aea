import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, FieldProblem, NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, Channel, QuietPeriod, Role } from '@outside-in/database';
import {
  addCalendarDays,
  instantToZonedParts,
  PhraseMatcher,
  zonedWallTimeToInstant,
} from '@outside-in/guardrails';
import { In } from 'typeorm';
import { auditDiff } from './audit-diff';
import { APPROVER_ROLES, DEFAULT_EXPLAINER_TEMPLATE, MAX_CANDIDATE_NAMES } from './defaults';
import { assertNoProblems, cleanList, isCalendarDate } from './field-problems';
import { foreignChannelIds } from './organisation-refs';
import { SettingsStore } from './settings-store';

export interface QuietPeriodInput {
  name: string;
  startsOn: string;
  endsOn: string;
  channelIds?: string[];
  approverRoles: Role[];
  candidateNames?: string[];
  explainerTemplate?: string;
}

/** A period with the instants it covers in the organisation's zone: [startsAt, endsAt). */
export interface QuietPeriodInZone {
  period: QuietPeriod;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Pre-election quiet periods. A period covers whole local days in the organisation's zone, both ends
 * included, so "6 April to 7 May" means from midnight starting 6 April to midnight ending 7 May, BST or GMT
 * as the calendar says. Two periods that would both apply to one channel on one day are refused, so at most
 * one is in force for any channel at any instant.
 */
@Injectable()
export class QuietPeriodsService {
  private readonly matchers = new Map<string, { version: number; matcher: PhraseMatcher }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string): Promise<QuietPeriodInZone[]> {
    const timeZone = await this.store.timeZone(organisationId);
    const periods = await this.dataSource
      .getRepository(QuietPeriod)
      .find({ where: { organisationId }, order: { startsOn: 'DESC', name: 'ASC' } });
    return periods.map((p) => inZone(p, timeZone));
  }

  async get(organisationId: string, id: string): Promise<QuietPeriodInZone> {
    const timeZone = await this.store.timeZone(organisationId);
    return inZone(await this.find(this.dataSource.manager, organisationId, id), timeZone);
  }

  /**
   * The quiet period in force at this instant: for a channel, the one that covers it (a whole-organisation
   * period or one listing the channel); without a channel, any in force, whole-organisation ones first.
   */
  async quietPeriodAt(
    organisationId: string,
    instant: Date,
    channelId?: string,
  ): Promise<QuietPeriodInZone | null> {
    const timeZone = await this.store.timeZone(organisationId);
    const today = instantToZonedParts(instant, timeZone).date;
    const query = this.dataSource
      .getRepository(QuietPeriod)
      .createQueryBuilder('q')
      .where('q.organisation_id = :organisationId', { organisationId })
      .andWhere('q.starts_on <= :today AND q.ends_on >= :today', { today });
    if (channelId)
      query.andWhere(`(cardinality(q.channel_ids) = 0 OR :channelId = ANY(q.channel_ids))`, { channelId });
    const found = await query
      .orderBy('cardinality(q.channel_ids)', 'ASC')
      .addOrderBy('q.starts_on', 'ASC')
      .addOrderBy('q.id', 'ASC')
      .getOne();
    return found ? inZone(found, timeZone) : null;
  }

  /** The listed candidates and parties this text mentions, as listed, in the order of the list. */
  namesMentioned(text: string, period: QuietPeriod): string[] {
    if (period.candidateNames.length === 0) return [];
    const version = period.updatedAt?.getTime() ?? 0;
    let cached = this.matchers.get(period.id);
    if (!cached || cached.version !== version) {
      // Each name is its own set, so a match says which name; PhraseMatcher handles case and punctuation.
      const sets = period.candidateNames.map((name, index) => ({ id: String(index), name, phrases: [name] }));
      cached = { version, matcher: new PhraseMatcher(sets) };
      this.matchers.set(period.id, cached);
    }
    return cached.matcher.match(text).setIds.map((id) => period.candidateNames[Number(id)]);
  }

  async create(organisationId: string, input: QuietPeriodInput, actor: AuditActor, ip: string | null) {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.store.lockOrganisation(manager, organisationId);
      const values = normalise(input);
      await this.check(manager, organisationId, values, null);
      const saved = await manager
        .getRepository(QuietPeriod)
        .save(
          manager.getRepository(QuietPeriod).create({ ...values, organisationId, createdById: actor.userId }),
        );
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'quiet_period.created',
        subjectType: 'quiet_period',
        subjectId: saved.id,
        summary: { after: auditView(saved) },
        ip,
      });
      return inZone(saved, organisation.timeZone);
    });
  }

  async update(
    organisationId: string,
    id: string,
    input: QuietPeriodInput,
    actor: AuditActor,
    ip: string | null,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.store.lockOrganisation(manager, organisationId);
      const existing = await this.find(manager, organisationId, id);
      const values = normalise(input);
      await this.check(manager, organisationId, values, id);
      await manager.getRepository(QuietPeriod).update({ id }, values);
      const saved = await this.find(manager, organisationId, id);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'quiet_period.updated',
        subjectType: 'quiet_period',
        subjectId: id,
        summary: auditDiff(auditView(existing), auditView(saved)),
        ip,
      });
      return inZone(saved, organisation.timeZone);
    });
  }

  async remove(organisationId: string, id: string, actor: AuditActor, ip: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.store.lockOrganisation(manager, organisationId);
      const existing = await this.find(manager, organisationId, id);
      await manager.getRepository(QuietPeriod).delete({ id });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'quiet_period.deleted',
        subjectType: 'quiet_period',
        subjectId: id,
        summary: { before: auditView(existing) },
        ip,
      });
    });
  }

  /** Channel names for sentences ("on Anytown Council (Facebook)"), keyed by id. */
  async channelNames(organisationId: string, ids: readonly string[]): Promise<Map<string, Channel>> {
    if (ids.length === 0) return new Map();
    const channels = await this.dataSource
      .getRepository(Channel)
      .find({ where: { organisationId, id: In([...ids]) } });
    return new Map(channels.map((c) => [c.id, c]));
  }

  private async find(manager: EntityManager, organisationId: string, id: string): Promise<QuietPeriod> {
    const period = await manager.getRepository(QuietPeriod).findOneBy({ organisationId, id });
    if (!period) throw new NotFoundError('We could not find that quiet period. It may have been deleted.');
    return period;
  }

  private async check(
    manager: EntityManager,
    organisationId: string,
    values: ReturnType<typeof normalise>,
    exceptId: string | null,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(values.startsOn))
      problems.push({
        field: 'startsOn',
        problem: 'Enter the first day as a real date, for example 2026-03-26.',
      });
    if (!isCalendarDate(values.endsOn))
      problems.push({
        field: 'endsOn',
        problem: 'Enter the last day as a real date, for example 2026-05-07.',
      });
    else if (isCalendarDate(values.startsOn) && values.endsOn < values.startsOn)
      problems.push({ field: 'endsOn', problem: 'The last day must be the same as or after the first day.' });
    if (values.candidateNames.length > MAX_CANDIDATE_NAMES)
      problems.push({
        field: 'candidateNames',
        problem: `The list has ${values.candidateNames.length} names; the most it can hold is ${MAX_CANDIDATE_NAMES}.`,
      });
    for (const id of await foreignChannelIds(manager, organisationId, values.channelIds))
      problems.push({
        field: `channelIds.${values.channelIds.indexOf(id)}`,
        problem: `There is no channel ${id} in this organisation. Choose from your connected channels.`,
      });
    assertNoProblems(problems, 'The quiet period');

    const overlapping = await manager
      .getRepository(QuietPeriod)
      .createQueryBuilder('q')
      .where('q.organisation_id = :organisationId', { organisationId })
      .andWhere('q.starts_on <= :endsOn AND q.ends_on >= :startsOn', values)
      .andWhere(exceptId ? 'q.id <> :exceptId' : 'TRUE', { exceptId })
      .getMany();
    const clash = overlapping.find(
      (other) =>
        other.channelIds.length === 0 ||
        values.channelIds.length === 0 ||
        other.channelIds.some((c) => values.channelIds.includes(c)),
    );
    if (clash)
      throw new ConflictError(
        `These dates overlap "${clash.name}" (${clash.startsOn} to ${clash.endsOn}) on the same channels. Change the dates or the channels, or edit that period instead.`,
        [{ field: 'startsOn', problem: `Overlaps "${clash.name}".` }],
      );
  }
}

function normalise(input: QuietPeriodInput) {
  return {
    name: input.name.trim(),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    channelIds: cleanList(input.channelIds ?? []),
    approverRoles: APPROVER_ROLES.filter((r) => input.approverRoles.includes(r)),
    candidateNames: cleanList(input.candidateNames ?? []),
    explainerTemplate: (input.explainerTemplate ?? '').trim() || DEFAULT_EXPLAINER_TEMPLATE,
  };
}

export function inZone(period: QuietPeriod, timeZone: string): QuietPeriodInZone {
  return {
    period,
    timeZone,
    startsAt: zonedWallTimeToInstant(period.startsOn, '00:00', timeZone).instant,
    endsAt: zonedWallTimeToInstant(addCalendarDays(period.endsOn, 1), '00:00', timeZone).instant,
  };
}

/** What the audit log keeps of a period: the list of names and the template are summarised, not copied. */
function auditView(period: QuietPeriod): Record<string, unknown> {
  return {
    name: period.name,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    channelIds: period.channelIds,
    approverRoles: period.approverRoles,
    candidateNameCount: period.candidateNames.length,
    explainerTemplateLength: period.explainerTemplate.length,
  };
}
