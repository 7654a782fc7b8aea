import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, ROLES } from '@outside-in/database';
import type { ConversationPriority, ConversationStatus, Role } from '@outside-in/database';
import { trim } from '../http/dto-transforms';

export const INBOX_VIEWS = [
  'mine',
  'unassigned',
  'open',
  'pending',
  'snoozed',
  'closed',
  'flagged',
  'channel',
  'tag',
] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

// ---------- Requests ----------

export class ConversationListQueryDto {
  @ApiPropertyOptional({ enum: INBOX_VIEWS, default: 'open' })
  @IsOptional()
  @IsIn(INBOX_VIEWS, { message: `view must be one of ${INBOX_VIEWS.join(', ')}` })
  view?: InboxView;

  @ApiPropertyOptional({ description: 'For view=channel: the channel' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be the id of one of the organisation’s channels' })
  channelId?: string;

  @ApiPropertyOptional({ description: 'For view=tag: the tag' })
  @IsOptional()
  @IsString({ message: 'tag must be text' })
  @MaxLength(40, { message: 'tag is at most 40 characters' })
  tag?: string;

  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES, description: 'For view=channel or tag (default open)' })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES, { message: `status must be one of ${CONVERSATION_STATUSES.join(', ')}` })
  status?: ConversationStatus;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'cursor must be the nextCursor of the previous page' })
  @MaxLength(200, { message: 'cursor must be the nextCursor of the previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;
}

export class ThreadQueryDto {
  @ApiPropertyOptional({ description: 'The olderCursor of the thread: the 100 messages before it' })
  @IsOptional()
  @IsString({ message: 'before must be the olderCursor of the thread' })
  @MaxLength(200, { message: 'before must be the olderCursor of the thread' })
  before?: string;
}

export class SearchQueryDto {
  @ApiProperty({ description: 'Words to find in messages, contact names and handles' })
  @Transform(trim)
  @IsString({ message: 'q must be the words to search for' })
  @MinLength(1, { message: 'q must be the words to search for' })
  @MaxLength(200, { message: 'q is at most 200 characters' })
  q: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page of messages' })
  @IsOptional()
  @IsString({ message: 'cursor must be the nextCursor of the previous page' })
  @MaxLength(200, { message: 'cursor must be the nextCursor of the previous page' })
  cursor?: string;
}

export class AssignDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The person; null to unassign' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be the id of a member, or null to unassign' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: 'Give it to the next responder who opted in to round-robin' })
  @IsOptional()
  @IsBoolean({ message: 'roundRobin must be true or false' })
  roundRobin?: boolean;
}

export class StatusDto {
  @ApiProperty({ enum: CONVERSATION_STATUSES })
  @IsIn(CONVERSATION_STATUSES, { message: `status must be one of ${CONVERSATION_STATUSES.join(', ')}` })
  status: ConversationStatus;

  @ApiPropertyOptional({ description: 'For snoozed: when it comes back (ISO 8601 instant, in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'snoozedUntil must be an instant like 2026-03-03T10:00:00Z' })
  snoozedUntil?: string;
}

export class PriorityDto {
  @ApiProperty({ enum: CONVERSATION_PRIORITIES })
  @IsIn(CONVERSATION_PRIORITIES, { message: `priority must be one of ${CONVERSATION_PRIORITIES.join(', ')}` })
  priority: ConversationPriority;
}

export class TagsDto {
  @ApiProperty({ type: [String], description: 'The whole set of tags (replaces the old set)' })
  @IsArray({ message: 'tags must be a list of words' })
  @ArrayMaxSize(20, { message: 'a conversation can have at most 20 tags' })
  @IsString({ each: true, message: 'each tag must be text' })
  @MaxLength(40, { each: true, message: 'each tag is at most 40 characters' })
  tags: string[];
}

export class NoteDto {
  @ApiProperty({ description: 'The note (seen by the team only)' })
  @Transform(trim)
  @IsString({ message: 'body must be the words of the note' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(5000, { message: 'body is at most 5,000 characters' })
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'Members @mentioned (they are notified)' })
  @IsOptional()
  @IsArray({ message: 'mentionedUserIds must be a list of member ids' })
  @ArrayMaxSize(20, { message: 'a note can mention at most 20 people' })
  @IsUUID('all', { each: true, message: 'each of mentionedUserIds must be the id of a member' })
  mentionedUserIds?: string[];
}

export const BULK_ACTIONS = ['assign', 'close', 'tag', 'untag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export class BulkDto {
  @ApiProperty({ type: [String], description: 'Conversation ids (1 to 500)' })
  @IsArray({ message: 'ids must be a list of conversation ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one conversation' })
  @ArrayMaxSize(500, { message: 'ids can name at most 500 conversations at once' })
  @IsUUID('all', { each: true, message: 'each of ids must be a conversation id' })
  ids: string[];

  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `action must be one of ${BULK_ACTIONS.join(', ')}` })
  action: BulkAction;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'For assign: the person (null unassigns)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be the id of a member' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: 'For tag and untag' })
  @IsOptional()
  @IsString({ message: 'tag must be text' })
  @MaxLength(40, { message: 'tag is at most 40 characters' })
  tag?: string;
}

export class CannedReplyDto {
  @ApiProperty({ example: 'Bin collection missed' })
  @Transform(trim)
  @IsString({ message: 'title must be text' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(120, { message: 'title is at most 120 characters' })
  title: string;

  @ApiProperty({ example: 'Hello {{contact.name}}, sorry about that. {{agent.name}}, {{organisation.name}}' })
  @IsString({ message: 'body must be the words of the reply' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(5000, { message: 'body is at most 5,000 characters' })
  body: string;
}

export class RenderCannedDto {
  @ApiProperty({ description: 'The conversation the reply is for (fills {{contact.name}})' })
  @IsUUID('all', { message: 'conversationId must be a conversation id' })
  conversationId: string;
}

export class ReplyDto {
  @ApiProperty({ description: 'The words of the reply' })
  @IsString({ message: 'text must be the words of the reply' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(10_000, { message: 'text is at most 10,000 characters' })
  text: string;

  @ApiPropertyOptional({
    description: 'Public threads: the message answered (default: the latest from the public)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'inReplyToMessageId must be a message id of this conversation' })
  inReplyToMessageId?: string;

  @ApiPropertyOptional({ default: true, description: 'false keeps it as a draft' })
  @IsOptional()
  @IsBoolean({ message: 'submit must be true or false' })
  submit?: boolean;
}

export class EditReplyDto {
  @ApiProperty({ description: 'The new words of the reply' })
  @IsString({ message: 'text must be the words of the reply' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(10_000, { message: 'text is at most 10,000 characters' })
  text: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why, in words kept with the record' })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @MinLength(3, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(1000, { message: 'reason is at most 1,000 characters' })
  reason: string;
}

export class HideDto extends ReasonDto {
  @ApiPropertyOptional({ default: true, description: 'false shows the comment again' })
  @IsOptional()
  @IsBoolean({ message: 'hidden must be true or false' })
  hidden?: boolean;
}

export class InboxPolicyDto {
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles whose replies need an approver' })
  @IsArray({ message: 'replyApprovalRoles must be a list of roles' })
  @IsIn(ROLES, { each: true, message: `each of replyApprovalRoles must be one of ${ROLES.join(', ')}` })
  replyApprovalRoles: Role[];
}

export class RoundRobinDto {
  @ApiProperty({ description: 'Whether the caller takes part in round-robin assignment' })
  @IsBoolean({ message: 'optedIn must be true or false' })
  optedIn: boolean;
}

export class PresenceDto {
  @ApiPropertyOptional({ default: false, description: 'The caller is typing a reply' })
  @IsOptional()
  @IsBoolean({ message: 'typing must be true or false' })
  typing?: boolean;

  @ApiPropertyOptional({ default: false, description: 'The caller left the conversation' })
  @IsOptional()
  @IsBoolean({ message: 'left must be true or false' })
  left?: boolean;
}

export const REPORT_GROUPS = ['channel', 'assignee', 'week', 'language'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export class ResponseTimesQueryDto {
  @ApiProperty({ description: 'From this instant (conversations first written in [from, to))' })
  @IsISO8601({ strict: true }, { message: 'from must be an instant like 2026-03-01T00:00:00Z' })
  from: string;

  @ApiProperty({ description: 'Up to this instant (excluded)' })
  @IsISO8601({ strict: true }, { message: 'to must be an instant like 2026-04-01T00:00:00Z' })
  to: string;

  @ApiPropertyOptional({ enum: REPORT_GROUPS, default: 'channel' })
  @IsOptional()
  @IsIn(REPORT_GROUPS, { message: `groupBy must be one of ${REPORT_GROUPS.join(', ')}` })
  groupBy?: ReportGroup;
}

// ---------- Views ----------

export class ContactSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() network: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) profileUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
}

export class ChannelSummaryView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Network key for the icon: x, facebook, instagram, mastodon, bluesky' })
  network: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
}

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ConversationListItemView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['comment_thread', 'mention_thread', 'direct'] }) kind: string;
  @ApiProperty({ type: ContactSummaryView, nullable: true }) contact: ContactSummaryView | null;
  @ApiProperty({ type: ChannelSummaryView }) channel: ChannelSummaryView;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'First line of the latest message from the public',
  })
  preview: string | null;
  @ApiProperty({
    description: 'The preview matches the abuse list: blur it until a person chooses to read it',
  })
  previewAbusive: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'Waiting for us since (null: answered)' })
  waitingSince: Date | null;
  @ApiProperty() lastMessageAt: Date;
  @ApiProperty({ type: PersonView, nullable: true }) assignee: PersonView | null;
  @ApiProperty({ type: String, nullable: true }) language: string | null;
  @ApiProperty({ enum: CONVERSATION_STATUSES }) status: string;
  @ApiProperty({ type: Date, nullable: true }) snoozedUntil: Date | null;
  @ApiProperty({ enum: CONVERSATION_PRIORITIES }) priority: string;
  @ApiProperty({ type: [String] }) tags: string[];
}

export class ConversationListView {
  @ApiProperty({ type: [ConversationListItemView] }) items: ConversationListItemView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;
}

export class InboxCountsView {
  @ApiProperty({ description: 'Open conversations assigned to the caller (the nav badge)' }) mine: number;
  @ApiProperty() unassigned: number;
  @ApiProperty() open: number;
  @ApiProperty() pending: number;
  @ApiProperty() snoozed: number;
  @ApiProperty() closed: number;
  @ApiProperty({ description: 'Open with priority high or urgent' }) flagged: number;
  @ApiProperty({ description: 'Replies waiting for approval' }) awaitingApproval: number;
}

export class ModerationView {
  @ApiProperty({ enum: ['hide', 'unhide', 'delete'] }) action: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: PersonView, nullable: true }) by: PersonView | null;
  @ApiProperty() at: Date;
}

export class OutboundView {
  @ApiProperty({ enum: ['draft', 'pending_approval', 'approved', 'sending', 'sent', 'failed'] })
  state: string;
  @ApiProperty({ enum: ['public', 'direct'] }) mode: string;
  @ApiProperty({ type: PersonView, nullable: true }) author: PersonView | null;
  @ApiProperty({ type: PersonView, nullable: true }) approvedBy: PersonView | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it needs approval' }) approvalReason:
    string | null;
  @ApiProperty({ type: [String], description: 'Roles that may approve it' }) approverRoles: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed, in words; or what is happening' })
  error: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty({
    description:
      'Sent by Outside In itself (the out-of-hours reply), not by a person: show it as an automatic reply',
  })
  automatic: boolean;
}

export class PreviousVersionView {
  @ApiProperty({ description: 'The text before an edit' }) body: string;
  @ApiProperty({ description: 'When the edit replaced it' }) replacedAt: string;
}

export class TimelineItemView {
  @ApiProperty({ enum: ['message', 'note'] }) type: 'message' | 'note';
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['in', 'out'], required: false }) direction?: 'in' | 'out';
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Matches the abuse list: blur until a person chooses to read it' })
  abusive: boolean;
  @ApiProperty({ type: ContactSummaryView, nullable: true, required: false })
  author?: ContactSummaryView | null;
  @ApiProperty({ type: PersonView, nullable: true, required: false, description: 'Note author' })
  by?: PersonView | null;
  @ApiProperty({ type: [PersonView], required: false }) mentioned?: PersonView[];
  @ApiProperty({ type: String, nullable: true, required: false }) externalId?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) url?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) inReplyToExternalId?: string | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    required: false,
    description: 'When its author last edited it on the network',
  })
  editedAt?: Date | null;
  @ApiProperty({
    type: [PreviousVersionView],
    required: false,
    description: 'What it said before each edit, oldest first',
  })
  previousVersions?: PreviousVersionView[];
  @ApiProperty({
    type: Date,
    nullable: true,
    required: false,
    description: 'When its author deleted it on the network; it is kept here as evidence',
  })
  authorDeletedAt?: Date | null;
  @ApiProperty({ type: OutboundView, nullable: true, required: false }) outbound?: OutboundView | null;
  @ApiProperty({
    type: [ModerationView],
    required: false,
    description: 'Hidden/deleted on the network; kept here',
  })
  moderation?: ModerationView[];
}

export class ContactConversationView {
  @ApiProperty() id: string;
  @ApiProperty() channelId: string;
  @ApiProperty() network: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiProperty() lastMessageAt: Date;
}

export class ContactPanelView extends ContactSummaryView {
  @ApiProperty({ type: [ContactConversationView], description: 'Their conversations, newest first (50)' })
  conversations: ContactConversationView[];
  @ApiProperty() messagesFromThem: number;
  @ApiProperty() firstSeenAt: Date;
}

export class PresencePersonView {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
}

export class PresenceView {
  @ApiProperty() conversationId: string;
  @ApiProperty({ type: [PresencePersonView] }) viewing: PresencePersonView[];
  @ApiProperty({ type: [PresencePersonView] }) typing: PresencePersonView[];
}

export class SafeguardingSetView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'As named in Settings → Safeguarding, e.g. “Self-harm or suicide”' })
  name: string;
}

export class SafeguardingFlagView {
  @ApiProperty({ type: [SafeguardingSetView], description: 'The phrase sets messages here matched' })
  sets: SafeguardingSetView[];
  @ApiProperty({ description: 'When a message here first matched' }) flaggedAt: Date;
  @ApiProperty({ description: 'The organisation’s runbook: show it at the top of the conversation' })
  runbook: string;
  @ApiProperty({ description: 'Always true: such conversations are never answered automatically' })
  neverAutoReplied: boolean;
}

export class ConversationDetailView extends ConversationListItemView {
  @ApiProperty() threadKey: string;
  @ApiProperty() firstMessageAt: Date;
  @ApiProperty({ type: Date, nullable: true }) firstResponseAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from first message to first response' })
  firstResponseSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from first message to resolution' })
  resolutionSeconds: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'First response time counting office hours only (nights, weekends, bank holidays excluded)',
  })
  firstResponseOfficeSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Resolution time counting office hours only' })
  resolutionOfficeSeconds: number | null;
  @ApiProperty({
    type: SafeguardingFlagView,
    nullable: true,
    description: 'Set when a message matched a safeguarding phrase set (the conversation is then urgent)',
  })
  safeguarding: SafeguardingFlagView | null;
  @ApiProperty({ type: [TimelineItemView], description: 'Messages and notes, oldest first' })
  timeline: TimelineItemView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as before for older messages' })
  olderCursor: string | null;
  @ApiProperty({ type: ContactPanelView, nullable: true }) contactPanel: ContactPanelView | null;
  @ApiProperty({ type: PresenceView }) presence: PresenceView;
  @ApiProperty({ description: 'What the channel can do: hide or delete comments, direct messages' })
  capabilities: { hideComments: boolean; deleteComments: boolean; directMessages: boolean };
}

export class SearchMessageHitView {
  @ApiProperty() messageId: string;
  @ApiProperty() conversationId: string;
  @ApiProperty() body: string;
  @ApiProperty() abusive: boolean;
  @ApiProperty() at: Date;
  @ApiProperty() rank: number;
  @ApiProperty({ type: ContactSummaryView, nullable: true }) contact: ContactSummaryView | null;
}

export class SearchView {
  @ApiProperty({ type: [SearchMessageHitView], description: 'Messages, best match first' })
  messages: SearchMessageHitView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: [ContactSummaryView], description: 'Contacts, best match first (10)' })
  contacts: ContactSummaryView[];
}

export class BulkResultView {
  @ApiProperty() changed: number;
  @ApiProperty({ type: [String], description: 'Ids not found in this organisation' }) notFound: string[];
}

export class CannedReplyView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() updatedAt: Date;
}

export class RenderedCannedView {
  @ApiProperty() text: string;
}

export class InboxPolicyView {
  @ApiProperty({ enum: ROLES, isArray: true }) replyApprovalRoles: Role[];
  @ApiProperty({ type: [PersonView], description: 'Opted in to round-robin, in order' })
  roundRobin: PersonView[];
}

export class ReplyResultView {
  @ApiProperty() messageId: string;
  @ApiProperty({ type: OutboundView }) outbound: OutboundView;
}

export class NoteView {
  @ApiProperty() id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [PersonView] }) mentioned: PersonView[];
  @ApiProperty() createdAt: Date;
}

export class ResponseTimesRowView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Channel id, person id, week start date or language',
  })
  key: string | null;
  @ApiProperty({
    description: 'In words: the channel handle, the person, “Week of 2 March 2026”, the language',
  })
  label: string;
  @ApiProperty() conversations: number;
  @ApiProperty() answered: number;
  @ApiProperty() resolved: number;
  @ApiProperty({ type: Number, nullable: true }) medianFirstResponseSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90FirstResponseSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Counting office hours only' })
  medianFirstResponseOfficeSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Counting office hours only' })
  p90FirstResponseOfficeSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianResolutionSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Counting office hours only' })
  medianResolutionOfficeSeconds: number | null;
}

export class ResponseTimesView {
  @ApiProperty({ enum: REPORT_GROUPS }) groupBy: string;
  @ApiProperty({ description: 'The organisation’s time zone: weeks run Monday to Sunday in it' })
  timeZone: string;
  @ApiProperty({ type: [ResponseTimesRowView] }) rows: ResponseTimesRowView[];
}
