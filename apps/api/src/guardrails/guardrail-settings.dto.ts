import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BANK_HOLIDAY_REGIONS, HINT_IDS, type BankHolidayRegion, type HintId } from '@outside-in/guardrails';
import { APPROVER_ROLES, MAX_CANDIDATE_NAMES } from '@outside-in/guardrail-settings';
import type { Role } from '@outside-in/database';
import { trim } from '../http/dto-transforms';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- Office hours ----

export class OpeningIntervalDto {
  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: 'Write the opening time as HH:mm on the 24-hour clock, for example 09:00' })
  open: string;

  @ApiProperty({ example: '17:00', description: "'24:00' means to the end of the day" })
  @Matches(CLOSE_TIME, { message: 'Write the closing time as HH:mm on the 24-hour clock, for example 17:00' })
  close: string;
}

/** One weekday's opening times: absent or empty means closed all day. */
const dayProperty = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [OpeningIntervalDto], description: 'Empty or absent: closed all day' }),
    IsOptional(),
    IsArray({ message: 'Give each day as a list of opening times' }),
    ArrayMaxSize(6, { message: 'A day can have at most 6 opening times' }),
    ValidateNested({ each: true }),
    Type(() => OpeningIntervalDto),
  );

export class WeeklyHoursDto {
  @dayProperty() monday?: OpeningIntervalDto[];
  @dayProperty() tuesday?: OpeningIntervalDto[];
  @dayProperty() wednesday?: OpeningIntervalDto[];
  @dayProperty() thursday?: OpeningIntervalDto[];
  @dayProperty() friday?: OpeningIntervalDto[];
  @dayProperty() saturday?: OpeningIntervalDto[];
  @dayProperty() sunday?: OpeningIntervalDto[];
}

export class AutoReplyDto {
  @ApiProperty({ description: 'Send an out-of-hours reply' })
  @IsBoolean({ message: 'Say whether the out-of-hours reply is switched on (true or false)' })
  enabled: boolean;

  @ApiProperty({ description: 'On every channel (true) or only the channels listed' })
  @IsBoolean({ message: 'Say whether the reply goes out on every channel (true or false)' })
  allChannels: boolean;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray({ message: 'channelIds must be a list of channel ids' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'Each channel must be a channel id' })
  channelIds: string[];

  @ApiProperty({ description: 'The reply, in English' })
  @IsString({ message: 'The reply must be text' })
  @MaxLength(2000, { message: 'Keep the reply under 2,000 characters' })
  text: string;

  @ApiPropertyOptional({ description: 'The same reply in Welsh; empty for none' })
  @IsOptional()
  @IsString({ message: 'The Welsh reply must be text' })
  @MaxLength(2000, { message: 'Keep the Welsh reply under 2,000 characters' })
  welshText?: string;
}

export class OfficeHoursDto {
  @ApiProperty({ type: WeeklyHoursDto })
  @IsDefined({ message: 'Give the weekly hours (weekly), even if every day is closed' })
  @IsObject({ message: 'weekly must be an object with a list of opening times per day' })
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weekly: WeeklyHoursDto;

  @ApiProperty({ enum: BANK_HOLIDAY_REGIONS, nullable: true, description: 'Null: open on bank holidays' })
  @ValidateIf((o: OfficeHoursDto) => o.bankHolidayRegion !== null)
  @IsIn(BANK_HOLIDAY_REGIONS, {
    message: `bankHolidayRegion must be one of ${BANK_HOLIDAY_REGIONS.join(', ')}, or null`,
  })
  bankHolidayRegion: BankHolidayRegion | null;

  @ApiProperty({ type: [String], example: ['2026-12-24'] })
  @IsArray({ message: 'closedDates must be a list of dates' })
  @ArrayMaxSize(366, { message: 'List at most 366 closed days' })
  @Matches(DATE, { each: true, message: 'Write each closed day as YYYY-MM-DD, for example 2026-12-24' })
  closedDates: string[];

  @ApiProperty({ type: AutoReplyDto })
  @IsDefined({ message: 'Give the out-of-hours reply settings (autoReply)' })
  @IsObject()
  @ValidateNested()
  @Type(() => AutoReplyDto)
  autoReply: AutoReplyDto;
}

export class OpeningIntervalView {
  @ApiProperty() open: string;
  @ApiProperty() close: string;
}

export class WeeklyHoursView {
  @ApiProperty({ type: [OpeningIntervalView] }) monday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) tuesday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) wednesday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) thursday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) friday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) saturday: OpeningIntervalView[];
  @ApiProperty({ type: [OpeningIntervalView] }) sunday: OpeningIntervalView[];
}

export class AutoReplyView {
  @ApiProperty() enabled: boolean;
  @ApiProperty() allChannels: boolean;
  @ApiProperty({ type: [String] }) channelIds: string[];
  @ApiProperty() text: string;
  @ApiProperty() welshText: string;
}

export class OfficeHoursView {
  @ApiProperty({ description: "The organisation's time zone; hours are read in it" }) timeZone: string;
  @ApiProperty({ type: WeeklyHoursView }) weekly: WeeklyHoursView;
  @ApiProperty({ enum: BANK_HOLIDAY_REGIONS, nullable: true }) bankHolidayRegion: BankHolidayRegion | null;
  @ApiProperty({ type: [String] }) closedDates: string[];
  @ApiProperty({ type: AutoReplyView }) autoReply: AutoReplyView;
  @ApiProperty() defaultAutoReplyText: string;
  @ApiProperty() defaultWelshAutoReplyText: string;
  @ApiProperty({ type: Date, nullable: true, description: 'Null while the defaults are in use' })
  updatedAt: Date | null;
}

export class AtQueryDto {
  @ApiPropertyOptional({ description: 'The instant to ask about (ISO 8601); now when absent' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'at must be a date and time such as 2026-12-24T17:30:00Z' })
  at?: Date;
}

export class OfficeStatusView {
  @ApiProperty() at: Date;
  @ApiProperty() timeZone: string;
  @ApiProperty() open: boolean;
  @ApiProperty({ type: Date, nullable: true }) nextOpening: Date | null;
  @ApiProperty({ type: String, nullable: true, example: 'Monday 7 December 2026, 09:00 GMT' })
  nextOpeningText: string | null;
  @ApiProperty({ type: String, nullable: true }) closedPeriodId: string | null;
  @ApiProperty({ example: 'Closed. Opens again Monday 7 December 2026, 09:00 GMT.' }) sentence: string;
}

// ---- Quiet periods ----

export class QuietPeriodDto {
  @ApiProperty({ example: 'Pre-election period' })
  @Transform(trim)
  @IsString({ message: 'Give the period a name' })
  @Length(1, 120, { message: 'The name must be between 1 and 120 characters' })
  name: string;

  @ApiProperty({ example: '2026-03-26', description: 'First day, in the organisation time zone' })
  @Matches(DATE, { message: 'Write the first day as YYYY-MM-DD, for example 2026-03-26' })
  startsOn: string;

  @ApiProperty({ example: '2026-05-07', description: 'Last day, included' })
  @Matches(DATE, { message: 'Write the last day as YYYY-MM-DD, for example 2026-05-07' })
  endsOn: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Empty or absent: every channel' })
  @IsOptional()
  @IsArray({ message: 'channelIds must be a list of channel ids' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'Each channel must be a channel id' })
  channelIds?: string[];

  @ApiProperty({ enum: APPROVER_ROLES, isArray: true, example: ['approver', 'admin', 'owner'] })
  @IsArray({ message: 'Choose who must approve posts and replies' })
  @ArrayMinSize(1, { message: 'Choose at least one role to approve posts and replies' })
  @IsIn(APPROVER_ROLES, { each: true, message: `Approval can be given by ${APPROVER_ROLES.join(', ')}` })
  approverRoles: Role[];

  @ApiPropertyOptional({
    type: [String],
    description: `Candidates and parties, at most ${MAX_CANDIDATE_NAMES}`,
  })
  @IsOptional()
  @IsArray({ message: 'candidateNames must be a list of names' })
  @ArrayMaxSize(MAX_CANDIDATE_NAMES, {
    message: `The list can hold at most ${MAX_CANDIDATE_NAMES.toLocaleString('en-GB')} names`,
  })
  @IsString({ each: true, message: 'Each name must be text' })
  @MaxLength(200, { each: true, message: 'Each name must be under 200 characters' })
  candidateNames?: string[];

  @ApiPropertyOptional({ description: 'The explainer post; the shipped template when absent or empty' })
  @IsOptional()
  @IsString({ message: 'The explainer post must be text' })
  @MaxLength(5000, { message: 'Keep the explainer post under 5,000 characters' })
  explainerTemplate?: string;
}

export class QuietPeriodView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ description: 'Midnight starting startsOn in the organisation zone' }) startsAt: Date;
  @ApiProperty({ description: 'Midnight ending endsOn (exclusive)' }) endsAt: Date;
  @ApiProperty({ example: 'From Thursday 26 March 2026 to the end of Thursday 7 May 2026 (Europe/London)' })
  datesText: string;
  @ApiProperty({ type: [String] }) channelIds: string[];
  @ApiProperty({ enum: APPROVER_ROLES, isArray: true }) approverRoles: Role[];
  @ApiProperty({ type: [String] }) candidateNames: string[];
  @ApiProperty() explainerTemplate: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class QuietPeriodListView {
  @ApiProperty({ type: [QuietPeriodView] }) items: QuietPeriodView[];
  @ApiProperty() defaultExplainerTemplate: string;
  @ApiProperty() timeZone: string;
}

export class ActiveQuietPeriodView {
  @ApiProperty({ type: QuietPeriodView, nullable: true }) period: QuietPeriodView | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'Pre-election period until Thursday 7 May: every post and reply needs approval by an approver, admin or owner.',
  })
  banner: string | null;
}

export class ActiveQuietPeriodQueryDto extends AtQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only periods that cover this channel' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId?: string;
}

// ---- Safeguarding ----

export class PhraseSetDto {
  @ApiPropertyOptional({ example: 'self-harm', description: 'Absent for a new set' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'A set id is lower-case letters, digits and hyphens' })
  id?: string;

  @ApiProperty({ example: 'Self-harm or suicide' })
  @IsString({ message: 'Give the set a name' })
  @Length(1, 80, { message: 'The set name must be between 1 and 80 characters' })
  name: string;

  @ApiProperty()
  @IsBoolean({ message: 'Say whether the set is switched on (true or false)' })
  enabled: boolean;

  @ApiProperty({ type: [String], example: ['suicid*', 'end it all'] })
  @IsArray({ message: 'phrases must be a list of words or phrases' })
  @ArrayMaxSize(1000, { message: 'A set can hold at most 1,000 phrases' })
  @IsString({ each: true, message: 'Each phrase must be text' })
  @MaxLength(100, { each: true, message: 'Each phrase must be under 100 characters' })
  phrases: string[];
}

export class SafeguardingDto {
  @ApiProperty({ type: [PhraseSetDto] })
  @IsArray({ message: 'phraseSets must be a list of phrase sets' })
  @ArrayMaxSize(30, { message: 'Keep to at most 30 phrase sets' })
  @ValidateNested({ each: true })
  @Type(() => PhraseSetDto)
  phraseSets: PhraseSetDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Members told at once about a match' })
  @IsArray({ message: 'notifyUserIds must be a list of people' })
  @ArrayMaxSize(50, { message: 'Name at most 50 people to notify' })
  @IsUUID('all', { each: true, message: 'Each person to notify must be a member id' })
  notifyUserIds: string[];

  @ApiProperty({ description: 'What responders read beside a matching message' })
  @IsString({ message: 'The runbook must be text' })
  @Length(1, 20000, { message: 'Write a runbook of up to 20,000 characters' })
  runbook: string;

  @ApiProperty({ type: [String] })
  @IsArray({ message: 'abusePhrases must be a list of words or phrases' })
  @ArrayMaxSize(2000, { message: 'The abuse list can hold at most 2,000 entries' })
  @IsString({ each: true, message: 'Each abuse word or phrase must be text' })
  @MaxLength(100, { each: true, message: 'Each abuse word or phrase must be under 100 characters' })
  abusePhrases: string[];
}

export class PhraseSetView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: [String] }) phrases: string[];
}

export class SafeguardingView {
  @ApiProperty({ type: [PhraseSetView] }) phraseSets: PhraseSetView[];
  @ApiProperty({ type: [String] }) notifyUserIds: string[];
  @ApiProperty() runbook: string;
  @ApiProperty({ type: [String] }) abusePhrases: string[];
  @ApiProperty() defaultRunbook: string;
  @ApiProperty({ type: Date, nullable: true }) updatedAt: Date | null;
}

// ---- Retention ----

export class RetentionDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 240,
    description: 'Null keeps messages for ever',
  })
  @ValidateIf((o: RetentionDto) => o.keepMessagesForMonths !== null)
  @IsInt({ message: 'Give the number of months as a whole number, or null to keep messages for ever' })
  @Min(1, { message: 'Keep messages for at least 1 month' })
  @Max(240, { message: 'Keep messages for at most 240 months (20 years), or choose to keep them for ever' })
  keepMessagesForMonths: number | null;
}

export class RetentionView {
  @ApiProperty({ type: Number, nullable: true }) keepMessagesForMonths: number | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'Messages received before this are due for deletion',
  })
  cutoff: Date | null;
  @ApiProperty({ example: 'Messages are kept for 24 months, then deleted.' }) sentence: string;
  @ApiProperty({ type: Date, nullable: true }) updatedAt: Date | null;
}

// ---- Coach ----

export class CoachSettingsDto {
  @ApiProperty({ enum: HINT_IDS, isArray: true })
  @IsArray({ message: 'mandatoryHints must be a list of hint ids' })
  @IsIn(HINT_IDS, { each: true, message: `Each mandatory hint must be one of ${HINT_IDS.join(', ')}` })
  mandatoryHints: HintId[];

  @ApiProperty({ minimum: 5, maximum: 18, example: 9 })
  @IsInt({ message: 'The target reading age must be a whole number' })
  @Min(5, { message: 'The target reading age must be between 5 and 18' })
  @Max(18, { message: 'The target reading age must be between 5 and 18' })
  targetReadingAge: number;
}

export class CoachHintKindView {
  @ApiProperty({ enum: HINT_IDS }) id: HintId;
  @ApiProperty() label: string;
  @ApiProperty() description: string;
}

export class CoachSettingsView {
  @ApiProperty({ enum: HINT_IDS, isArray: true }) mandatoryHints: HintId[];
  @ApiProperty() targetReadingAge: number;
  @ApiProperty({ type: [CoachHintKindView] }) hintKinds: CoachHintKindView[];
  @ApiProperty({ type: Date, nullable: true }) updatedAt: Date | null;
}

export class CoachMediaDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString({ message: 'altText must be text' })
  @MaxLength(2000)
  altText?: string | null;
}

export class CoachRequestDto {
  @ApiProperty()
  @IsString({ message: 'Send the text to check' })
  @MaxLength(20000, { message: 'The text must be under 20,000 characters' })
  text: string;

  @ApiPropertyOptional({ type: [CoachMediaDto] })
  @IsOptional()
  @IsArray({ message: 'media must be a list of attachments' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CoachMediaDto)
  media?: CoachMediaDto[];

  @ApiPropertyOptional({ enum: ['en', 'cy', 'gd'], description: 'Detected from the text when absent' })
  @IsOptional()
  @IsIn(['en', 'cy', 'gd'], { message: 'language must be en, cy or gd' })
  language?: 'en' | 'cy' | 'gd';
}

export class TextRangeView {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
}

export class HintView {
  @ApiProperty({ enum: HINT_IDS }) id: HintId;
  @ApiProperty({ enum: ['info', 'advice'] }) severity: 'info' | 'advice';
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: TextRangeView }) range?: TextRangeView;
  @ApiPropertyOptional() suggestion?: string;
  @ApiPropertyOptional() mediaIndex?: number;
  @ApiProperty() blocking: boolean;
}

export class CoachAdviceView {
  @ApiProperty({ enum: ['en', 'cy', 'gd', 'unknown'] }) language: string;
  @ApiProperty() languageDetected: boolean;
  @ApiProperty({ type: [HintView] }) hints: HintView[];
  @ApiProperty({ type: [HintView], description: 'Hints that stop publishing' }) blocking: HintView[];
}
