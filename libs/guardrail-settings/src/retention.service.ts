import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '@outside-in/database';
import { instantToZonedParts, zonedWallTimeToInstant } from '@outside-in/guardrails';
import { defaultRetention, RetentionSettings } from './defaults';
import { auditDiff } from './audit-diff';
import { SettingsStore, StoredSetting } from './settings-store';

/** How long messages are kept. The purge itself (and legal hold) belongs to the inbox. */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  get(organisationId: string): Promise<StoredSetting<RetentionSettings>> {
    return this.store.read(organisationId, 'retention', defaultRetention);
  }

  /**
   * Messages received before this instant are due for purging; null keeps everything. Counted in whole local
   * days: keeping 12 months on 15 March keeps everything from midnight starting 15 March a year before, in
   * the organisation's zone (the 31st of a shorter month becomes its last day).
   */
  async retentionCutoff(organisationId: string, now: Date): Promise<Date | null> {
    const [{ document }, timeZone] = await Promise.all([
      this.get(organisationId),
      this.store.timeZone(organisationId),
    ]);
    return cutoffFor(document.keepMessagesForMonths, now, timeZone);
  }

  async update(organisationId: string, input: RetentionSettings, actor: AuditActor, ip: string | null) {
    const document: RetentionSettings = { keepMessagesForMonths: input.keepMessagesForMonths ?? null };
    await this.dataSource.transaction(async (manager) => {
      await this.store.lockOrganisation(manager, organisationId);
      const before = await this.store.read(organisationId, 'retention', defaultRetention, manager);
      await this.store.write(manager, organisationId, 'retention', document, actor.userId);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'settings.retention_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: auditDiff({ ...before.document }, { ...document }),
        ip,
      });
    });
  }
}

export function cutoffFor(months: number | null, now: Date, timeZone: string): Date | null {
  if (months === null) return null;
  const { year, month, day } = instantToZonedParts(now, timeZone);
  const monthIndex = year * 12 + (month - 1) - months;
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
  return zonedWallTimeToInstant(date, '00:00', timeZone).instant;
}
