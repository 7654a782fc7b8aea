import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyMember } from '../auth/access.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { PublishingReportQueryDto, PublishingReportView } from './publishing-report.dto';
import { PublishingReportService } from './publishing-report.service';

/** Reports on publishing: every member reads them, as they read the inbox's response-times report. */
@ApiTags('Reports')
@ApiBadRequestResponse({
  description:
    'The period is wrong (start not before end, longer than 366 days, not an instant); the message says what to change',
})
@Controller('orgs/:orgId/reports')
export class PublishingReportController {
  constructor(private readonly reports: PublishingReportService) {}

  @Get('publishing')
  @AnyMember()
  @ApiOperation({ summary: 'Posts published, failed and missed in a period, by channel or by week' })
  @ApiOkResponse({ type: PublishingReportView })
  publishing(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Query() query: PublishingReportQueryDto,
  ): Promise<PublishingReportView> {
    return this.reports.report(orgId, new Date(query.from), new Date(query.to), query.groupBy ?? 'channel');
  }
}
