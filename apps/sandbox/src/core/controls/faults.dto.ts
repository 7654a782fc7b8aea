import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const FAULT_ACTION_KINDS = ['status', 'latency', 'timeout', 'commit-then-drop'] as const;
export const FAULT_STATUSES = [401, 429, 500, 503] as const;

export class FaultActionDto {
  @ApiProperty({ enum: FAULT_ACTION_KINDS })
  @IsIn(FAULT_ACTION_KINDS, { message: `action.kind must be one of ${FAULT_ACTION_KINDS.join(', ')}` })
  kind: (typeof FAULT_ACTION_KINDS)[number];

  @ApiPropertyOptional({ enum: FAULT_STATUSES, description: 'Required when kind is status.' })
  @IsOptional()
  @IsIn(FAULT_STATUSES, { message: `status must be one of ${FAULT_STATUSES.join(', ')}` })
  status?: (typeof FAULT_STATUSES)[number];

  @ApiPropertyOptional({ description: 'For status 429: seconds until the limit resets (default 900).' })
  @IsOptional()
  @IsInt({ message: 'resetInSeconds must be a whole number of seconds from 0 to 86400' })
  @Min(0, { message: 'resetInSeconds must be a whole number of seconds from 0 to 86400' })
  @Max(86400, { message: 'resetInSeconds must be a whole number of seconds from 0 to 86400' })
  resetInSeconds?: number;

  @ApiPropertyOptional({
    description: 'latency: the delay (required). timeout: how long to hold before cutting (default 120000).',
  })
  @IsOptional()
  @IsInt({ message: 'ms must be a whole number of milliseconds from 0 to 600000' })
  @Min(0, { message: 'ms must be a whole number of milliseconds from 0 to 600000' })
  @Max(600000, { message: 'ms must be a whole number of milliseconds from 0 to 600000' })
  ms?: number;
}

export class CreateFaultDto {
  @ApiProperty({
    example: 'x',
    description: 'x, facebook, instagram, mastodon, bluesky, or meta (both Meta networks).',
  })
  @IsString()
  @Length(1, 40)
  network: string;

  @ApiPropertyOptional({
    example: '^POST /x/2/tweets$',
    description: 'A regular expression on `METHOD /path`.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  route?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  accountId?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Affect the next N matching calls. Not with probability.' })
  @IsOptional()
  @IsInt({ message: 'count must be a whole number of at least 1' })
  @Min(1, { message: 'count must be a whole number of at least 1' })
  count?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: 'Affect each matching call with this probability.',
  })
  @IsOptional()
  @IsNumber({}, { message: 'probability must be a number from 0 to 1' })
  @Min(0, { message: 'probability must be a number from 0 to 1' })
  @Max(1, { message: 'probability must be a number from 0 to 1' })
  probability?: number;

  @ApiPropertyOptional({ description: 'Seed for the probability rolls, to make them reproducible.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  seed?: string;

  @ApiProperty({ type: FaultActionDto })
  @IsDefined({ message: 'action is required, for example { "kind": "status", "status": 503 }' })
  @ValidateNested()
  @Type(() => FaultActionDto)
  action: FaultActionDto;
}

export class FaultDto extends CreateFaultDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Calls still to be affected; null: no limit.' })
  remaining: number | null;
  @ApiProperty({ description: 'Calls affected so far.' }) hits: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FaultListDto {
  @ApiProperty({ type: [FaultDto] }) items: FaultDto[];
}

export class ClearFaultsQueryDto {
  @ApiPropertyOptional({ description: 'Only this network’s faults.' })
  @IsOptional()
  @IsString()
  network?: string;
}
