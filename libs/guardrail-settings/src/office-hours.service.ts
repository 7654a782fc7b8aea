import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldProblem } from '@outside-in/common';
import { AuditActor, AuditService } from '@outside-in/database';
import {
  closedPeriodId,
  formatInZone,
  isOpen,
  nextOpening,
  officeScheduleProblems,
  WEEKDAY_NAMES,
  type OfficeSchedule,
} from '@outside-in/guardrails';
import { auditDiff, officeHoursForAudit } from './audit-diff';
import { defaultOfficeHours, OfficeHoursSettings } from './defaults';
import { assertNoProblems, cleanList, isCalendarDate } from './field-problems';
import { foreignChannelIds } from './organisation-refs';
import { SettingsStore, StoredSetting } from './settings-store';

export interface OfficeStatus {
  at: Date;
  timeZone: string;
  open: boolean;
  /** The instant itself when open; null when the office never opens in the next 400 days. */
  nextOpening: Date | null;
  nextOpeningText: string | null;
  /** Null when open; the same for every instant of one closed stretch (see closedPeriodId). */
  closedPeriodId: string | null;
  /** "Open now." or "Closed. Opens again Monday 7 December 2026, 09:00 GMT." */
  sentence: string;
}

export interface OutOfHoursReply {
  text: string;
  welshText: string | null;
  /** Send one reply per contact per closed period: key what was sent on (contact, this). */
  closedPeriodId: string;
}

/**
 * Office hours: the weekly pattern in the organisation's zone, bank holidays and extra closed days, and the
 * honest out-of-hours reply. The schedule is always read in the organisation's current time zone.
 */
@Injectable()
export class OfficeHoursService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  async get(organisationId: string): Promise<StoredSetting<OfficeHoursSettings> & { timeZone: string }> {
    const [stored, timeZone] = await Promise.all([
      this.store.read(organisationId, 'office_hours', defaultOfficeHours),
      this.store.timeZone(organisationId),
    ]);
    return { ...stored, timeZone };
  }

  /** The schedule as the guardrails library reads it. */
  async scheduleFor(organisationId: string): Promise<OfficeSchedule> {
    const { document, timeZone } = await this.get(organisationId);
    return toSchedule(document, timeZone);
  }

  async update(
    organisationId: string,
    input: OfficeHoursSettings,
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    const document = normalise(input);
    await this.dataSource.transaction(async (manager) => {
      const organisation = await this.store.lockOrganisation(manager, organisationId);
      const problems = scheduleProblems(document, organisation.timeZone);
      const foreign = await foreignChannelIds(manager, organisationId, document.autoReply.channelIds);
      for (const id of foreign)
        problems.push({
          field: `autoReply.channelIds.${document.autoReply.channelIds.indexOf(id)}`,
          problem: `There is no channel ${id} in this organisation. Choose from your connected channels.`,
        });
      if (
        document.autoReply.enabled &&
        !document.autoReply.allChannels &&
        !document.autoReply.channelIds.length
      )
        problems.push({
          field: 'autoReply.channelIds',
          problem: 'Choose at least one channel for the out-of-hours reply, or send it on every channel.',
        });
      if (document.autoReply.enabled && !document.autoReply.text.trim())
        problems.push({
          field: 'autoReply.text',
          problem: 'Write the out-of-hours reply, or switch it off.',
        });
      assertNoProblems(problems, 'The office hours');
      const before = await this.store.read(organisationId, 'office_hours', defaultOfficeHours, manager);
      await this.store.write(manager, organisationId, 'office_hours', document, actor.userId);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'settings.office_hours_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: auditDiff(officeHoursForAudit(before.document), officeHoursForAudit(document)),
        ip,
      });
    });
  }

  async status(organisationId: string, at: Date): Promise<OfficeStatus> {
    const { document, timeZone } = await this.get(organisationId);
    const schedule = toSchedule(document, timeZone);
    const open = isOpen(schedule, at);
    const next = nextOpening(schedule, at);
    const nextOpeningText = next ? formatInZone(next, timeZone) : null;
    return {
      at,
      timeZone,
      open,
      nextOpening: next,
      nextOpeningText,
      closedPeriodId: closedPeriodId(schedule, at),
      sentence: open
        ? 'Open now.'
        : next
          ? `Closed. Opens again ${nextOpeningText}.`
          : 'Closed, with no opening in the next year. Check the weekly hours.',
    };
  }

  /**
   * The out-of-hours reply due on this channel at this instant, or null (open, switched off, or not this
   * channel). The caller must still skip it for safeguarding matches and send it once per contact per
   * closedPeriodId.
   */
  async outOfHoursReply(
    organisationId: string,
    channelId: string,
    at: Date,
  ): Promise<OutOfHoursReply | null> {
    const { document, timeZone } = await this.get(organisationId);
    return outOfHoursReplyFor(document, timeZone, channelId, at);
  }
}

/** outOfHoursReply for settings already read (ingestion reads them once per batch with the other areas). */
export function outOfHoursReplyFor(
  document: OfficeHoursSettings,
  timeZone: string,
  channelId: string,
  at: Date,
): OutOfHoursReply | null {
  const reply = document.autoReply;
  if (!reply.enabled || !reply.text.trim()) return null;
  if (!reply.allChannels && !reply.channelIds.includes(channelId)) return null;
  const period = closedPeriodId(toSchedule(document, timeZone), at);
  if (period === null) return null;
  return { text: reply.text, welshText: reply.welshText.trim() || null, closedPeriodId: period };
}

export function toSchedule(document: OfficeHoursSettings, zone: string): OfficeSchedule {
  return {
    zone,
    weekly: document.weekly,
    bankHolidayRegion: document.bankHolidayRegion,
    closedDates: document.closedDates,
  };
}

function normalise(input: OfficeHoursSettings): OfficeHoursSettings {
  const weekly = Object.fromEntries(
    WEEKDAY_NAMES.map((day) => [
      day,
      [...(input.weekly?.[day] ?? [])]
        .map(({ open, close }) => ({ open, close }))
        .sort((a, b) => a.open.localeCompare(b.open)),
    ]),
  ) as OfficeHoursSettings['weekly'];
  return {
    weekly,
    bankHolidayRegion: input.bankHolidayRegion ?? null,
    closedDates: [...new Set(input.closedDates ?? [])].sort(),
    autoReply: {
      enabled: input.autoReply.enabled,
      allChannels: input.autoReply.allChannels,
      channelIds: cleanList(input.autoReply.allChannels ? [] : (input.autoReply.channelIds ?? [])),
      text: input.autoReply.text.trim(),
      welshText: (input.autoReply.welshText ?? '').trim(),
    },
  };
}

/** officeScheduleProblems, checked one day at a time so that each problem names its field. */
function scheduleProblems(document: OfficeHoursSettings, zone: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const day of WEEKDAY_NAMES) {
    for (const problem of officeScheduleProblems({ zone, weekly: { [day]: document.weekly[day] } }))
      problems.push({ field: `weekly.${day}`, problem: sentence(problem) });
  }
  document.closedDates.forEach((date, index) => {
    if (!isCalendarDate(date))
      problems.push({
        field: `closedDates.${index}`,
        problem: `"${date}" is not a date. Write it as YYYY-MM-DD, for example 2026-12-24.`,
      });
  });
  return problems;
}

function sentence(problem: string): string {
  const text = problem.charAt(0).toUpperCase() + problem.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}
