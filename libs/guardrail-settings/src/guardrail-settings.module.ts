import { Module } from '@nestjs/common';
import { BilingualSettingsService } from './bilingual-settings.service';
import { CoachSettingsService } from './coach-settings.service';
import { OfficeHoursService } from './office-hours.service';
import { QuietPeriodsService } from './quiet-periods.service';
import { RetentionService } from './retention.service';
import { SafeguardingService } from './safeguarding.service';
import { SettingsStore } from './settings-store';

const SERVICES = [
  SettingsStore,
  OfficeHoursService,
  QuietPeriodsService,
  SafeguardingService,
  RetentionService,
  CoachSettingsService,
  BilingualSettingsService,
];

/** Each organisation's guardrail settings and the questions others ask of them (open now? quiet period?). */
@Module({ providers: SERVICES, exports: SERVICES })
export class GuardrailSettingsModule {}
