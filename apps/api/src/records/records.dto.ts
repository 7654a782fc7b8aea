import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@outside-in/records';
import { trim } from '../http/dto-transforms';

// ---- Legal holds ----

export class PlaceHoldDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Hold one conversation (give this or contactId)' })
  @IsOptional()
  @IsUUID('all', { message: 'Give the conversation as its id (from the conversation page or an export)' })
  conversationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Hold a contact: everything they sent and every conversation they started',
  })
  @IsOptional()
  @IsUUID('all', { message: 'Give the contact as its id (search for the contact by handle)' })
  contactId?: string;

  @ApiProperty({ example: 'Complaint 2026/114 may go to the ombudsman', minLength: 3, maxLength: 1000 })
  @Transform(trim)
  @IsString({ message: 'Say why this is on hold' })
  @Length(3, 1000, { message: 'Say why this is on hold, in 3 to 1,000 characters' })
  reason: string;
}

export class ReleaseHoldDto {
  @ApiProperty({ example: 'The complaint was closed on 3 March', minLength: 3, maxLength: 1000 })
  @Transform(trim)
  @IsString({ message: 'Say why the hold is released' })
  @Length(3, 1000, { message: 'Say why the hold is released, in 3 to 1,000 characters' })
  reason: string;
}

export class HoldListQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'released', 'all'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'released', 'all'], { message: 'state must be active, released or all' })
  state?: 'active' | 'released' | 'all';
}

export class PersonRefView {
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty({ example: 'Sam Jones <sam@council.gov.uk>' }) label: string;
}

export class HoldView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['conversation', 'contact'] }) subjectType: 'conversation' | 'contact';
  @ApiProperty({ type: String, nullable: true }) conversationId: string | null;
  @ApiProperty({ type: String, nullable: true }) contactId: string | null;
  @ApiProperty({ description: 'What is held, in words' }) subjectLabel: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: PersonRefView }) placedBy: PersonRefView;
  @ApiProperty() placedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) releasedAt: Date | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) releasedBy: PersonRefView | null;
  @ApiProperty({ type: String, nullable: true }) releaseReason: string | null;
}

export class HoldListView {
  @ApiProperty({ type: [HoldView] }) items: HoldView[];
}

// ---- FOI requests ----

export class MarkFoiDto {
  @ApiProperty({ format: 'uuid', description: 'The message from the public that makes the request' })
  @IsUUID('all', { message: 'Give the message as its id' })
  messageId: string;
}

export class CompleteFoiDto {
  @ApiPropertyOptional({ example: 'Answered by e-mail on 12 January', maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'The note must be text' })
  @MaxLength(1000, { message: 'Keep the note to 1,000 characters' })
  note?: string;
}

export class UnmarkFoiDto {
  @ApiProperty({ example: 'A question about bin days, not a request for information', minLength: 3 })
  @Transform(trim)
  @IsString({ message: 'Say why this is not an FOI request' })
  @Length(3, 1000, { message: 'Say why this is not an FOI request, in 3 to 1,000 characters' })
  reason: string;
}

export class FoiListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed'], { message: 'state must be open or closed' })
  state?: 'open' | 'closed';
}

export class FoiContactView {
  @ApiProperty() id: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty() network: string;
}

export class FoiRequestView {
  @ApiProperty() id: string;
  @ApiProperty() messageId: string;
  @ApiProperty() conversationId: string;
  @ApiProperty({ description: 'The start of the message' }) excerpt: string;
  @ApiProperty({ type: FoiContactView, nullable: true }) contact: FoiContactView | null;
  @ApiProperty({ example: '2026-12-21', description: 'Day the request was received (organisation zone)' })
  receivedOn: string;
  @ApiProperty({ example: '2027-01-21', description: '20 working days after receivedOn' }) dueOn: string;
  @ApiProperty({ example: 'Thursday 21 January 2027' }) dueInWords: string;
  @ApiProperty({ example: 'england-and-wales' }) bankHolidayRegion: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Working days left to the due date: 0 on it, negative once overdue; null once closed',
  })
  workingDaysLeft: number | null;
  @ApiProperty({ example: '12 working days left', description: 'The clock in words' }) clockInWords: string;
  @ApiProperty({ type: PersonRefView }) markedBy: PersonRefView;
  @ApiProperty() markedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) closedBy: PersonRefView | null;
  @ApiProperty({ enum: ['completed', 'unmarked'], nullable: true }) outcome: 'completed' | 'unmarked' | null;
  @ApiProperty({ type: String, nullable: true }) closeNote: string | null;
}

export class FoiListView {
  @ApiProperty({ type: [FoiRequestView] }) items: FoiRequestView[];
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
}

// ---- Exports ----

export class ExportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'json, csv (spreadsheet-safe) or html (printable page)' })
  @IsIn(EXPORT_FORMATS as unknown as string[], { message: 'Choose the format: json, csv or html' })
  format: ExportFormat;
}

export class ContactSearchQueryDto {
  @ApiProperty({ example: '@sam', description: 'Part of the handle or name', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString({ message: 'Type part of the handle or name' })
  @Length(1, 200, { message: 'Type part of the handle or name (up to 200 characters)' })
  q: string;
}

export class ContactMatchView {
  @ApiProperty() id: string;
  @ApiProperty() network: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) profileUrl: string | null;
  @ApiProperty({ description: 'Conversations they started' }) conversations: number;
  @ApiProperty({ description: 'Messages they wrote' }) messages: number;
}

export class ContactMatchListView {
  @ApiProperty({ type: [ContactMatchView] }) items: ContactMatchView[];
}
