import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyMember } from '../auth/access.decorators';
import { AUDIT_CSV_HEADER, auditCsvRow, csvRow } from './audit-csv';
import { AuditPageView, AuditQueryDto, AuditVerificationView } from './audit.dto';
import { AuditQueryService } from './audit-query.service';
import { ParseIdPipe } from '../http/parse-id.pipe';

@ApiTags('Audit log')
@Controller('orgs/:orgId/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'The audit log, newest first, with filters' })
  @ApiOkResponse({ type: AuditPageView })
  list(@Param('orgId', ParseIdPipe) orgId: string, @Query() query: AuditQueryDto): Promise<AuditPageView> {
    return this.audit.page(orgId, query);
  }

  @Get('export.csv')
  @AnyMember()
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The audit log as CSV, with the same filters' })
  async exportCsv(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: AuditQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const date = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="audit-log-${date}.csv"`);
    res.write('\uFEFF' + csvRow(AUDIT_CSV_HEADER));
    for await (const event of this.audit.all(orgId, query)) {
      if (!res.write(auditCsvRow(event))) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  @Get('verify')
  @AnyMember()
  @ApiOperation({ summary: 'Check that no event has been changed or removed' })
  @ApiOkResponse({ type: AuditVerificationView })
  verify(@Param('orgId', ParseIdPipe) orgId: string): Promise<AuditVerificationView> {
    return this.audit.verify(orgId);
  }
}
