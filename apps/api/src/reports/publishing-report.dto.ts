import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export const PUBLISHING_REPORT_GROUPS = ['channel', 'week'] as const;
export type PublishingReportGroup = (typeof PUBLISHING_REPORT_GROUPS)[number];

export class PublishingReportQueryDto {
  @ApiProperty({
    description: 'From this instant (posts that went out, failed or were missed in [from, to))',
  })
  @IsISO8601({ strict: true }, { message: 'from must be an instant like 2026-03-01T00:00:00Z' })
  from: string;

  @ApiProperty({ description: 'Up to this instant (excluded); at most 366 days after from' })
  @IsISO8601({ strict: true }, { message: 'to must be an instant like 2026-04-01T00:00:00Z' })
  to: string;

  @ApiPropertyOptional({ enum: PUBLISHING_REPORT_GROUPS, default: 'channel' })
  @IsOptional()
  @IsIn(PUBLISHING_REPORT_GROUPS, {
    message: `groupBy must be one of ${PUBLISHING_REPORT_GROUPS.join(', ')}`,
  })
  groupBy?: PublishingReportGroup;
}

export class PublishingReportRowView {
  @ApiProperty({ description: 'Channel id or the week’s Monday (YYYY-MM-DD, organisation time zone)' })
  key: string;
  @ApiProperty({ description: 'In words: “Mastodon @council” or “Week of 2 March 2026”' })
  label: string;
  @ApiProperty({ description: 'Posts that went out' }) published: number;
  @ApiProperty({ description: 'Posts that failed and wait for a person to retry them' }) failed: number;
  @ApiProperty({ description: 'Posts that were due too long ago to send (missed)' }) missed: number;
  @ApiProperty({ description: 'Publishing attempts made for these posts (retries included)' })
  attempts: number;
}

export class PublishingReportView {
  @ApiProperty({ enum: PUBLISHING_REPORT_GROUPS }) groupBy: PublishingReportGroup;
  @ApiProperty({ description: 'The organisation’s time zone, in which weeks start on Monday' })
  timeZone: string;
  @ApiProperty({ type: [PublishingReportRowView] }) rows: PublishingReportRowView[];
}
