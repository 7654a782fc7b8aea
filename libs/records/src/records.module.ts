import { Module } from '@nestjs/common';
import { GuardrailSettingsModule } from '@outside-in/guardrail-settings';
import { FoiRequestsService } from './foi-requests.service';
import { LegalHoldsService } from './legal-holds.service';
import { RecordsExportService, RecordsLookupService } from './records-export.service';
import { RetentionPurger } from './retention-purger.service';

const SERVICES = [
  LegalHoldsService,
  FoiRequestsService,
  RecordsExportService,
  RecordsLookupService,
  RetentionPurger,
];

/** Records (issue 7 part 6): legal holds, the retention purge, FOI and subject-access exports, the FOI clock. */
@Module({ imports: [GuardrailSettingsModule], providers: SERVICES, exports: SERVICES })
export class RecordsModule {}
