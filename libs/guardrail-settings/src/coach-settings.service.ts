import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '@outside-in/database';
import {
  blocking,
  coachText,
  detectLanguage,
  HINT_IDS,
  type CoachMedia,
  type DetectableLanguage,
  type Hint,
} from '@outside-in/guardrails';
import { CoachSettings, defaultCoach } from './defaults';
import { auditDiff } from './audit-diff';
import { SettingsStore, StoredSetting } from './settings-store';

export interface CoachAdvice {
  language: DetectableLanguage | 'unknown';
  /** True when the language was detected rather than given. */
  languageDetected: boolean;
  hints: Hint[];
  /** The hints that stop publishing under the organisation's settings. */
  blocking: Hint[];
}

/** Which coach hints the organisation makes mandatory, and the reading age it aims at. */
@Injectable()
export class CoachSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  get(organisationId: string): Promise<StoredSetting<CoachSettings>> {
    return this.store.read(organisationId, 'coach', defaultCoach);
  }

  async update(organisationId: string, input: CoachSettings, actor: AuditActor, ip: string | null) {
    const document: CoachSettings = {
      mandatoryHints: HINT_IDS.filter((id) => input.mandatoryHints.includes(id)),
      targetReadingAge: input.targetReadingAge,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.store.lockOrganisation(manager, organisationId);
      const before = await this.store.read(organisationId, 'coach', defaultCoach, manager);
      await this.store.write(manager, organisationId, 'coach', document, actor.userId);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'settings.coach_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: auditDiff({ ...before.document }, { ...document }),
        ip,
      });
    });
  }

  /** The coach's hints on a draft under the organisation's settings. */
  async coach(
    organisationId: string,
    input: { text: string; media?: CoachMedia[]; language?: DetectableLanguage },
  ): Promise<CoachAdvice> {
    const { document } = await this.get(organisationId);
    const detected = input.language ? null : detectLanguage(input.text);
    const language = input.language ?? detected!.language;
    const hints = coachText(input.text, {
      language: language === 'unknown' ? undefined : language,
      media: input.media ?? [],
      mandatory: document.mandatoryHints,
      targetReadingAge: document.targetReadingAge,
    });
    return {
      language,
      languageDetected: detected !== null,
      hints,
      blocking: blocking(hints, document.mandatoryHints),
    };
  }
}
