import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ChannelSummaryView, ContactSummaryView, PersonView } from './inbox.dto';

// ---------- Requests ----------

export class AwaitingQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'cursor must be the nextCursor of the previous page' })
  @MaxLength(200, { message: 'cursor is not one this API gave: load the first page again' })
  cursor?: string;
}

export class RoundRobinAutoDto {
  @ApiProperty({ description: 'Give every channel’s new conversations in turn' })
  @IsBoolean({ message: 'everyChannel must be true or false' })
  everyChannel: boolean;

  @ApiProperty({
    type: [String],
    description: 'When not every channel: the channels whose new conversations are given in turn',
  })
  @IsArray({ message: 'channelIds must be a list of channel ids (empty for none)' })
  @ArrayMaxSize(500, { message: 'channelIds can name at most 500 channels' })
  @IsUUID('all', { each: true, message: 'each of channelIds must be a channel id' })
  channelIds: string[];
}

// ---------- Views ----------

export class TagCountView {
  @ApiProperty({ description: 'The tag (lower case, hyphens for spaces)' }) tag: string;
  @ApiProperty({ description: 'Open conversations with it' }) open: number;
  @ApiProperty({ description: 'All conversations with it, whatever their status' }) total: number;
}

export class TagListView {
  @ApiProperty({ type: [TagCountView], description: 'Every tag in use, alphabetically (at most 200)' })
  items: TagCountView[];
}

export class AwaitingReplyView {
  @ApiProperty() messageId: string;
  @ApiProperty() conversationId: string;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: PersonView, nullable: true, description: 'Who wrote the reply' })
  author: PersonView | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it needs approval, in words' })
  approvalReason: string | null;
  @ApiProperty({ type: [String], description: 'Roles that may approve it' }) approverRoles: string[];
  @ApiProperty({ type: ContactSummaryView, nullable: true, description: 'Whom it answers' })
  contact: ContactSummaryView | null;
  @ApiProperty({ type: ChannelSummaryView }) channel: ChannelSummaryView;
}

export class AwaitingReplyListView {
  @ApiProperty({ type: [AwaitingReplyView], description: 'Oldest first (they have waited longest)' })
  items: AwaitingReplyView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RoundRobinAutoView {
  @ApiProperty() everyChannel: boolean;
  @ApiProperty({ type: [String] }) channelIds: string[];
}
