import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LEDGER_KINDS, LedgerKind } from '../ledger.service';

export class LedgerQueryDto {
  @ApiPropertyOptional({ example: 'x' })
  @IsOptional()
  @IsString()
  network?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  accountId?: string;

  @ApiPropertyOptional({ enum: LEDGER_KINDS })
  @IsOptional()
  @IsIn(LEDGER_KINDS, { message: `kind must be one of ${LEDGER_KINDS.join(', ')}` })
  kind?: LedgerKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries created at or after this instant.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time, for example 2026-11-27T09:00:00Z' })
  since?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  idempotencyKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  objectId?: string;

  @ApiPropertyOptional({ description: 'Paging: entries with an id greater than this.' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'afterId must be a ledger entry id (digits)' })
  afterId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 1000' })
  @Min(1, { message: 'limit must be a whole number from 1 to 1000' })
  @Max(1000, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: number;
}

export class LedgerEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() network: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind: LedgerKind;
  @ApiProperty() objectId: string;
  @ApiProperty({ nullable: true, type: String }) idempotencyKey: string | null;
  @ApiProperty({ nullable: true, type: String }) content: string | null;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) meta: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as afterId for the next page.' })
  nextAfterId: string | null;
}

export class LedgerDuplicatesQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  network?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  accountId?: string;
}

export class LedgerDuplicateDto {
  @ApiProperty() network: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind: LedgerKind;
  @ApiProperty({ enum: ['content', 'idempotencyKey'] }) by: 'content' | 'idempotencyKey';
  @ApiProperty() value: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [String] }) objectIds: string[];
}

export class LedgerDuplicatesDto {
  @ApiProperty({ type: [LedgerDuplicateDto] }) items: LedgerDuplicateDto[];
}
