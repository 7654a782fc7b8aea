import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { POST_TARGET_STATES, REVIEW_DECISIONS, ROLES } from '@outside-in/database';
import { trim } from '../http/dto-transforms';

// ---------- Requests ----------

export class PartDto {
  @ApiProperty({ description: 'The text of this part (one post of a thread)' })
  @IsString({ message: 'text must be the words of the post' })
  @MaxLength(10_000, { message: 'text is far too long for any network (10,000 characters at most)' })
  text: string;

  @ApiPropertyOptional({ type: [String], description: 'Uploaded media ids, in order' })
  @IsOptional()
  @IsArray({ message: 'mediaIds must be a list of uploaded media ids' })
  @ArrayMaxSize(10, { message: 'mediaIds can list at most 10 items' })
  @IsUUID('all', { each: true, message: 'each of mediaIds must be the id of an uploaded image or video' })
  mediaIds?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.cardiff.gov.uk/bins' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be a web address starting with https://' })
  @MaxLength(2000, { message: 'link must be at most 2,000 characters' })
  link?: string | null;
}

export class PairHalfDto {
  @ApiProperty({ example: 'cy', description: 'The language of this half (ISO 639 code, e.g. cy, en, gd)' })
  @IsString({ message: 'language must be a language code such as cy or en' })
  @MaxLength(12, { message: 'language must be a language code such as cy or en' })
  language: string;

  @ApiProperty({ description: 'The text this half starts from on every channel' })
  @IsString({ message: 'text must be the words of this half' })
  @MaxLength(10_000, { message: 'text is far too long for any network (10,000 characters at most)' })
  text: string;
}

export class VariantDto {
  @ApiProperty({ description: 'One of the organisation’s connected channels' })
  @IsUUID('all', { message: 'channelId must be the id of one of the organisation’s channels' })
  channelId: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'cy',
    description:
      'Bilingual posts only: this channel carries only this language’s half (a Welsh account paired with an English one). Omit for a channel that carries both halves.',
  })
  @IsOptional()
  @IsString({ message: 'language must be one of the pair’s language codes' })
  @MaxLength(12, { message: 'language must be one of the pair’s language codes' })
  language?: string | null;

  @ApiPropertyOptional({
    type: [PartDto],
    description: 'The variant for this channel (several parts make a thread). Omit to use the shared text.',
  })
  @IsOptional()
  @IsArray({ message: 'parts must be a list of the posts of a thread' })
  @ArrayMaxSize(25, { message: 'a thread can have at most 25 parts' })
  @ValidateNested({ each: true })
  @Type(() => PartDto)
  parts?: PartDto[];
}

export class ComposePostDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A name for the calendar; never published',
  })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'title must be text' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A note for colleagues; never published',
  })
  @IsOptional()
  @IsString({ message: 'internalNote must be text' })
  @MaxLength(5000, { message: 'internalNote must be at most 5,000 characters' })
  internalNote?: string | null;

  @ApiProperty({ description: 'The text every channel starts from' })
  @IsString({ message: 'text must be the words of the post' })
  @MaxLength(10_000, { message: 'text is far too long for any network (10,000 characters at most)' })
  text: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'mediaIds must be a list of uploaded media ids' })
  @ArrayMaxSize(10, { message: 'mediaIds can list at most 10 items' })
  @IsUUID('all', { each: true, message: 'each of mediaIds must be the id of an uploaded image or video' })
  mediaIds?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be a web address starting with https://' })
  @MaxLength(2000, { message: 'link must be at most 2,000 characters' })
  link?: string | null;

  @ApiPropertyOptional({
    type: [PairHalfDto],
    nullable: true,
    description:
      'A bilingual post: exactly two halves, one per language, approved as one post and published together (the organisation’s first language first). `text` is then ignored.',
  })
  @IsOptional()
  @IsArray({ message: 'pair must list the two halves, each with its language and text' })
  @ValidateNested({ each: true })
  @Type(() => PairHalfDto)
  pair?: PairHalfDto[] | null;

  @ApiProperty({ type: [VariantDto], description: 'The channels, each with its variant if adapted' })
  @IsArray({ message: 'channels must list the channels to publish to' })
  @ArrayMaxSize(50, { message: 'channels can list at most 50 channels' })
  @ValidateNested({ each: true })
  @Type(() => VariantDto)
  channels: VariantDto[];
}

export class WallTimeDto {
  @ApiProperty({ example: '2026-03-29', description: 'The date in the organisation’s time zone' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date like 2026-03-29' })
  date: string;

  @ApiProperty({ example: '10:00', description: 'The time (24-hour clock) in the organisation’s time zone' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be a time like 09:30 (24-hour clock)' })
  time: string;
}

export class SubmitPostDto {
  @ApiPropertyOptional({ type: WallTimeDto, description: 'When to publish; omit to choose later' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WallTimeDto)
  schedule?: WallTimeDto;

  @ApiPropertyOptional({ description: 'Publish as soon as it may go (approved, where approval is needed)' })
  @IsOptional()
  @IsBoolean({ message: 'publishNow must be true or false' })
  publishNow?: boolean;
}

export class ScheduleDto extends WallTimeDto {
  @ApiPropertyOptional({ description: 'Only this channel’s target; omit for every channel of the post' })
  @IsOptional()
  @IsUUID('all', { message: 'targetId must be the id of one of this post’s channels' })
  targetId?: string;
}

export class TargetActionDto {
  @ApiPropertyOptional({ description: 'The version the person saw; refused if someone changed it meanwhile' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion must be a whole number' })
  @Min(1)
  expectedVersion?: number;
}

export class ApproveDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'comment must be text' })
  @MaxLength(5000, { message: 'comment must be at most 5,000 characters' })
  comment?: string | null;

  @ApiPropertyOptional({
    type: ComposePostDto,
    description: 'Changes made while approving (only where the approval policy allows approvers to edit)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComposePostDto)
  edit?: ComposePostDto;
}

export class DecisionCommentDto {
  @ApiProperty({ description: 'What to change, or why not: the author reads this' })
  @Transform(trim)
  @IsString({ message: 'Write a comment saying what to change' })
  @MinLength(1, { message: 'Write a comment saying what to change' })
  @MaxLength(5000, { message: 'comment must be at most 5,000 characters' })
  comment: string;
}

export class ApprovalPolicyDto {
  @ApiProperty({ enum: ROLES, isArray: true, description: 'The roles whose posts need approval' })
  @IsArray({ message: 'rolesRequiringApproval must be a list of roles' })
  @IsIn(['owner', 'admin', 'approver', 'editor'], {
    each: true,
    message: 'rolesRequiringApproval may list owner, admin, approver and editor',
  })
  rolesRequiringApproval: string[];

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'approvalsRequired must be a whole number from 1 to 5' })
  @Min(1, { message: 'approvalsRequired must be a whole number from 1 to 5' })
  @Max(5, { message: 'approvalsRequired must be a whole number from 1 to 5' })
  approvalsRequired: number;

  @ApiProperty()
  @IsBoolean({ message: 'approversMayEdit must be true or false' })
  approversMayEdit: boolean;
}

export class CalendarQueryDto {
  @ApiProperty({ example: '2026-03-01T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'from must be an instant like 2026-03-01T00:00:00Z' })
  from: string;

  @ApiProperty({ example: '2026-04-01T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'to must be an instant like 2026-04-01T00:00:00Z' })
  to: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be the id of one of the organisation’s channels' })
  channelId?: string;

  @ApiPropertyOptional({ enum: POST_TARGET_STATES })
  @IsOptional()
  @IsIn(POST_TARGET_STATES, { message: `state must be one of ${POST_TARGET_STATES.join(', ')}` })
  state?: string;
}

export class PostListQueryDto {
  @ApiPropertyOptional({ enum: POST_TARGET_STATES, description: 'Posts with a channel in this state' })
  @IsOptional()
  @IsIn(POST_TARGET_STATES, { message: `state must be one of ${POST_TARGET_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ description: 'Only posts written by the caller' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'mine must be true or false' })
  mine?: string;

  @ApiPropertyOptional({ description: 'The cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class PauseDto {
  @ApiProperty({ example: 'A period of national mourning' })
  @Transform(trim)
  @IsString({ message: 'Give a reason for the pause: the team sees it on every screen' })
  @MinLength(3, { message: 'Give a reason for the pause: the team sees it on every screen' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason: string;

  @ApiPropertyOptional({ description: 'Pause only this channel; omit to pause the whole organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be the id of one of the organisation’s channels' })
  channelId?: string;
}

export class ResumeDto {
  @ApiPropertyOptional({ description: 'Resume only this channel; omit to lift the organisation-wide pause' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be the id of one of the organisation’s channels' })
  channelId?: string;
}

// ---------- Views ----------

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ChannelSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() network: string;
  @ApiProperty({ example: 'X' }) networkName: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty() practice: boolean;
  @ApiProperty() status: string;
}

export class PartView {
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) mediaIds: string[];
  @ApiProperty({ type: String, nullable: true }) link: string | null;
}

export class ScheduleView {
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
  @ApiProperty({ example: 'Sunday 29 March 2026, 02:30 BST' }) written: string;
  @ApiProperty({ enum: ['none', 'gap-moved-forward', 'overlap-earlier'] }) adjustment: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '01:30 does not exist on Sunday 29 March (the clocks go forward); scheduled for 02:30 BST.',
  })
  adjustmentText: string | null;
}

export class AttemptView {
  @ApiProperty() id: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ description: 'The outcome in words' }) outcomeText: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class TargetView {
  @ApiProperty() id: string;
  @ApiProperty({ type: ChannelSummaryView }) channel: ChannelSummaryView;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The half of a bilingual post (a language code)',
  })
  language: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Welsh' }) languageName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the engine holds this half of a bilingual pair, in words',
  })
  heldReason: string | null;
  @ApiProperty({ enum: POST_TARGET_STATES }) state: string;
  @ApiProperty({ example: 'Scheduled for Tuesday 3 March 2026, 10:00 GMT' }) stateText: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [PartView] }) parts: PartView[];
  @ApiProperty({ description: 'The variant differs from the shared text' }) customised: boolean;
  @ApiProperty({ type: Date, nullable: true }) scheduledAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) scheduledAtText: string | null;
  @ApiProperty() publishNow: boolean;
  @ApiProperty({ type: String, nullable: true }) externalUrl: string | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() attemptCount: number;
  @ApiPropertyOptional({ type: [AttemptView] }) attempts?: AttemptView[];
}

export class ReviewView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: string;
  @ApiProperty({ example: 'Approved by Sam Jones' }) decisionText: string;
  @ApiProperty({ type: PersonView, nullable: true }) reviewer: PersonView | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() round: number;
  @ApiProperty({ description: 'Counts towards the current round' }) current: boolean;
  @ApiProperty({ type: Object, isArray: true, nullable: true, description: 'channelId, before, after' })
  edit: Array<{ channelId: string | null; before: string; after: string }> | null;
  @ApiProperty() createdAt: Date;
}

export class ApprovalStatusView {
  @ApiProperty({
    description:
      'The caller’s own posts need approval under the policy, so the composer’s primary action is “Submit for approval” rather than “Schedule” (a quiet period may also require it: submit answers with the outcome)',
  })
  required: boolean;
  @ApiProperty() approvalsRequired: number;
  @ApiProperty({ description: 'Approvals in the current round' }) approvals: number;
  @ApiProperty({ description: 'The caller may approve, request changes or reject now' }) canReview: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the caller cannot review, in words' })
  cannotReviewBecause: string | null;
  @ApiProperty({ description: 'The caller may edit while approving' }) mayEditWhileApproving: boolean;
}

export class AuditEntryView {
  @ApiProperty() id: string;
  @ApiProperty() action: string;
  @ApiProperty() actor: string;
  @ApiProperty() subjectType: string;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
  @ApiProperty({ type: Object }) summary: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
}

export class PairHalfView {
  @ApiProperty({ example: 'cy' }) language: string;
  @ApiProperty({ example: 'Welsh' }) languageName: string;
  @ApiProperty() text: string;
}

export class PairView {
  @ApiProperty({ type: [PairHalfView], description: 'The two halves, in the order they are published' })
  halves: PairHalfView[];
  @ApiProperty({ example: 'Welsh and English' }) name: string;
}

export class PostView {
  @ApiProperty() id: string;
  @ApiProperty({ type: PairView, nullable: true, description: 'Set for a bilingual post' })
  pair: PairView | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) internalNote: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) mediaIds: string[];
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({ type: PersonView, nullable: true }) author: PersonView | null;
  @ApiProperty({
    description:
      'The post’s state: draft, in_review, changes_requested, approved, scheduled, publishing, published, failed, partly_published, missed, cancelled, rejected or mixed',
  })
  state: string;
  @ApiProperty({ description: 'The state in words' }) stateText: string;
  @ApiProperty() reviewRound: number;
  @ApiProperty({ type: ApprovalStatusView }) approval: ApprovalStatusView;
  @ApiProperty({ type: [TargetView] }) targets: TargetView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({
    type: [String],
    description:
      'On the post page and in the approvals queue: names from a quiet period’s list of candidates and parties that the post mentions, in words',
  })
  quietFlags?: string[];
}

export class PostPageView extends PostView {
  @ApiProperty({ type: [ReviewView] }) reviews: ReviewView[];
  @ApiProperty({ type: [AuditEntryView] }) audit: AuditEntryView[];
}

export class PostResultView {
  @ApiProperty({ type: PostView }) post: PostView;
  @ApiProperty({ description: 'What happened, in words, to show the person' }) message: string;
  @ApiPropertyOptional({
    enum: ['saved', 'submitted_for_approval', 'scheduled', 'publishing_now', 'approved', 'back_to_review'],
  })
  outcome?: string;
  @ApiPropertyOptional({ type: ScheduleView }) schedule?: ScheduleView;
}

export class PostListView {
  @ApiProperty({ type: [PostView] }) items: PostView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PartCountView {
  @ApiProperty() characters: number;
  @ApiProperty() maxCharacters: number;
  @ApiProperty() mediaCount: number;
}

export class ChannelValidationView {
  @ApiProperty() channelId: string;
  @ApiProperty({ type: String, nullable: true, description: 'The half of a bilingual post checked here' })
  language: string | null;
  @ApiProperty({ type: ChannelSummaryView, nullable: true }) channel: ChannelSummaryView | null;
  @ApiProperty({ type: [PartCountView] }) parts: PartCountView[];
  @ApiProperty({ type: [String], description: 'Each problem as a sentence saying what to do' })
  problems: string[];
  @ApiProperty() ok: boolean;
}

export class ValidationResultView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [ChannelValidationView] }) channels: ChannelValidationView[];
  @ApiProperty({ type: [String], description: 'Problems not tied to one channel' }) problems: string[];
  @ApiPropertyOptional({
    type: [String],
    description:
      'Always given by the validate route: names from a quiet period’s list of candidates and parties (in force or to come) that the post mentions, each as a sentence (never blocking)',
  })
  quietFlags?: string[];
}

export class ApprovalPolicyView {
  @ApiProperty({ enum: ROLES, isArray: true }) rolesRequiringApproval: string[];
  @ApiProperty() approvalsRequired: number;
  @ApiProperty() approversMayEdit: boolean;
  @ApiProperty({ description: 'False when no one has saved a policy and the safe default applies' })
  saved: boolean;
  @ApiProperty({ type: Date, nullable: true }) updatedAt: Date | null;
  @ApiProperty({ description: 'Members who may approve (owners, admins, approvers)' })
  reviewerCount: number;
  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description:
      'Roles named by the policy that publish without approval because nobody else could approve their posts (owners and admins only; recorded in the audit log)',
  })
  publishDirectly: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When some posts cannot be approved by anyone else: what happens and the way out, in words',
  })
  notice: string | null;
}

export class ApprovalQueueView {
  @ApiProperty({ type: [PostView] }) items: PostView[];
}

export class ApprovalCountView {
  @ApiProperty({ description: 'Posts waiting for the caller’s decision (0 for roles that do not review)' })
  waiting: number;
}

export class CalendarHalfView {
  @ApiProperty() targetId: string;
  @ApiProperty({ example: 'cy' }) language: string;
  @ApiProperty({ example: 'Welsh' }) languageName: string;
  @ApiProperty({ type: ChannelSummaryView }) channel: ChannelSummaryView;
  @ApiProperty({ enum: POST_TARGET_STATES }) state: string;
  @ApiProperty() stateText: string;
}

export class CalendarItemView {
  @ApiProperty() targetId: string;
  @ApiProperty() postId: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ description: 'The start of the text, for the chip' }) excerpt: string;
  @ApiProperty({ type: ChannelSummaryView }) channel: ChannelSummaryView;
  @ApiProperty({ enum: POST_TARGET_STATES }) state: string;
  @ApiProperty() stateText: string;
  @ApiProperty({ description: 'When it is (or was) due, or when it was published' }) at: Date;
  @ApiProperty({ example: 'Tuesday 3 March 2026, 10:00 GMT' }) atText: string;
  @ApiProperty({ type: String, nullable: true }) externalUrl: string | null;
  @ApiProperty() version: number;
  @ApiProperty({
    type: [CalendarHalfView],
    nullable: true,
    description: 'A bilingual post is one item: its halves (each channel and language) are listed here',
  })
  halves: CalendarHalfView[] | null;
}

export class CalendarView {
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: [CalendarItemView] }) items: CalendarItemView[];
  @ApiProperty({ description: 'More items than the limit: narrow the range' }) truncated: boolean;
}

export class PauseEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ type: ChannelSummaryView, nullable: true }) channel: ChannelSummaryView | null;
  @ApiProperty() reason: string;
  @ApiProperty() pausedBy: string;
  @ApiProperty() pausedAt: Date;
  @ApiProperty() pausedAtText: string;
}

export class PauseStateView {
  @ApiProperty() organisationPaused: boolean;
  @ApiProperty({ type: PauseEntryView, nullable: true }) organisation: PauseEntryView | null;
  @ApiProperty({ type: [PauseEntryView] }) channels: PauseEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'The sentence for the frame banner' })
  banner: string | null;
  @ApiPropertyOptional({ description: 'Posts made due again by a resume' }) resumedTargets?: number;
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true }) postId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt: Date | null;
}

export class NotificationListView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() unread: number;
}

export class BilingualSettingsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'cy',
    description:
      'The language whose half is published first when a pair includes it (null: the order the post gives)',
  })
  @IsOptional()
  @IsString({ message: 'firstLanguage must be a language code such as cy, or null' })
  @MaxLength(12, { message: 'firstLanguage must be a language code such as cy, or null' })
  firstLanguage: string | null;

  @ApiProperty({ type: [String], example: ['cy', 'en'], description: 'The pair the composer starts with' })
  @IsArray({ message: 'defaultPair must list two language codes, such as ["cy", "en"]' })
  @IsString({ each: true, message: 'defaultPair must list two language codes, such as ["cy", "en"]' })
  defaultPair: string[];
}

export class PairLanguageView {
  @ApiProperty({ example: 'cy' }) code: string;
  @ApiProperty({ example: 'Welsh' }) name: string;
  @ApiProperty({ example: 'Cymraeg' }) nativeName: string;
}

export class BilingualSettingsView {
  @ApiProperty({ type: String, nullable: true }) firstLanguage: string | null;
  @ApiProperty({ type: [String] }) defaultPair: string[];
  @ApiProperty({ type: [PairLanguageView], description: 'The languages a post can pair' })
  languages: PairLanguageView[];
  @ApiProperty({ description: 'The rule in words, for the settings page and the composer' }) ruleText: string;
  @ApiProperty({ type: Date, nullable: true }) updatedAt: Date | null;
}
