import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CROWD_CATEGORIES } from '../crowd/crowd-messages';

export class ConfigureCrowdDto {
  @ApiProperty({ example: 'demo-2026', description: 'The same seed gives the same citizens and messages.' })
  @IsString({ message: 'seed must be a string, for example "demo-2026"' })
  @Length(1, 200, { message: 'seed must be 1 to 200 characters' })
  seed: string;

  @ApiProperty({
    example: 10,
    minimum: 0,
    maximum: 60000,
    description: 'Items per minute; 0 for bursts only.',
  })
  @IsInt({ message: 'ratePerMinute must be a whole number from 0 to 60000' })
  @Min(0, { message: 'ratePerMinute must be a whole number from 0 to 60000' })
  @Max(60000, { message: 'ratePerMinute must be a whole number from 0 to 60000' })
  ratePerMinute: number;

  @ApiPropertyOptional({ example: ['x', 'mastodon'], description: 'Only accounts on these networks.' })
  @IsOptional()
  @IsArray({ message: 'networks must be a list of network names, for example ["x", "mastodon"]' })
  @ArrayMinSize(1, { message: 'networks must name at least one network (leave it out for every network)' })
  @ArrayMaxSize(10)
  @IsString({ each: true, message: 'each network must be a string' })
  networks?: string[];

  @ApiPropertyOptional({ description: 'Only these accounts (ids from POST /_sandbox/accounts).' })
  @IsOptional()
  @IsArray({ message: 'accountIds must be a list of account ids' })
  @ArrayMinSize(1, { message: 'accountIds must name at least one account (leave it out for every account)' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'each account id must be a string' })
  accountIds?: string[];
}

export class CrowdBurstDto {
  @ApiProperty({ example: 10000, minimum: 1, maximum: 100000 })
  @IsInt({ message: 'count must be a whole number from 1 to 100000' })
  @Min(1, { message: 'count must be a whole number from 1 to 100000' })
  @Max(100000, { message: 'count must be a whole number from 1 to 100000' })
  count: number;

  @ApiPropertyOptional({ default: false, description: 'Answer only when the burst has finished.' })
  @IsOptional()
  @IsBoolean({ message: 'wait must be true or false' })
  wait?: boolean;
}

export class CrowdSettingsDto {
  @ApiProperty() seed: string;
  @ApiProperty() ratePerMinute: number;
  @ApiProperty({ type: [String], nullable: true }) networks: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) accountIds: string[] | null;
}

export class BurstProgressDto {
  @ApiProperty() requested: number;
  @ApiProperty() delivered: number;
  @ApiProperty() failed: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

export class CrowdStatusDto {
  @ApiProperty({ enum: ['idle', 'running', 'paused'] }) state: 'idle' | 'running' | 'paused';
  @ApiProperty({ type: CrowdSettingsDto, nullable: true }) settings: CrowdSettingsDto | null;
  @ApiProperty({ description: 'Sequence number of the next item of this seed.' }) nextSeq: number;
  @ApiProperty({ type: BurstProgressDto, nullable: true }) burst: BurstProgressDto | null;
  @ApiProperty({ description: 'Accounts the crowd talks to.' }) targets: number;
}

export class CrowdItemsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() network?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() accountId?: string;

  @ApiPropertyOptional({ enum: CROWD_CATEGORIES })
  @IsOptional()
  @IsIn(CROWD_CATEGORIES, { message: `category must be one of ${CROWD_CATEGORIES.join(', ')}` })
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'afterId must be a crowd item id (digits)' })
  afterId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 10000' })
  @Min(1, { message: 'limit must be a whole number from 1 to 10000' })
  @Max(10000, { message: 'limit must be a whole number from 1 to 10000' })
  limit?: number;
}

export class CrowdItemDto {
  @ApiProperty() id: string;
  @ApiProperty() seed: string;
  @ApiProperty() seq: number;
  @ApiProperty() network: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['reply', 'mention', 'dm'] }) kind: string;
  @ApiProperty({ enum: CROWD_CATEGORIES }) category: string;
  @ApiProperty({ enum: ['en', 'cy'] }) language: string;
  @ApiProperty() citizenHandle: string;
  @ApiProperty() citizenName: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) postId: string | null;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CrowdItemsPageDto {
  @ApiProperty({ type: [CrowdItemDto] }) items: CrowdItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextAfterId: string | null;
}
