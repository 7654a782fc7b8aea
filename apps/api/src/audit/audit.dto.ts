import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'member.role_changed' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'actorUserId must be the id of a person' })
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'member' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  subjectType?: string;

  @ApiPropertyOptional({ description: 'Events at or after this time (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be a date and time such as 2026-11-01T00:00:00Z' })
  from?: Date;

  @ApiPropertyOptional({ description: 'Events before this time (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be a date and time such as 2026-11-30T00:00:00Z' })
  to?: Date;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be between 1 and 200' })
  @Max(200, { message: 'limit must be between 1 and 200' })
  limit?: number;
}

export class AuditActorView {
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty() label: string;
}

export class AuditEventView {
  @ApiProperty() id: string;
  @ApiProperty() seq: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: AuditActorView }) actor: AuditActorView;
  @ApiProperty() action: string;
  @ApiProperty() subjectType: string;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) summary: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AuditProblemView {
  @ApiProperty() seq: string;
  @ApiProperty() problem: string;
}

export class AuditVerificationView {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ type: [AuditProblemView] }) problems: AuditProblemView[];
  @ApiProperty({ description: 'The result in words' }) message: string;
}
