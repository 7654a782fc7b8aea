import { CannedReply } from './canned-reply.entity';
import { ConversationMeasure } from './conversation-measure.entity';
import { OutOfHoursReply } from './out-of-hours-reply.entity';
import { InboxNote } from './inbox-note.entity';
import { InboxPolicy } from './inbox-policy.entity';
import { MessageModeration } from './message-moderation.entity';
import { OutboundReply } from './outbound-reply.entity';
import { ApiToken } from './api-token.entity';
import { ApprovalPolicy } from './approval-policy.entity';
import { AuditEvent } from './audit-event.entity';
import { Channel } from './channel.entity';
import { ChannelConnectAttempt } from './channel-connect-attempt.entity';
import { Contact } from './contact.entity';
import { Conversation } from './conversation.entity';
import { FoiRequest } from './foi-request.entity';
import { InboundPoll } from './inbound-poll.entity';
import { OAuthClientRegistration } from './oauth-client.entity';
import { Invitation } from './invitation.entity';
import { LegalHold } from './legal-hold.entity';
import { MediaAsset } from './media-asset.entity';
import { Message } from './message.entity';
import { Notification } from './notification.entity';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';
import { OrganisationSetting } from './organisation-setting.entity';
import { Post } from './post.entity';
import { PostTarget } from './post-target.entity';
import { PublishAttempt } from './publish-attempt.entity';
import { PublishingPause } from './publishing-pause.entity';
import { QuietPeriod } from './quiet-period.entity';
import { Review } from './review.entity';
import { Session } from './session.entity';
import { SignInThrottle } from './sign-in-throttle.entity';
import { User } from './user.entity';
import { WebhookEvent } from './webhook-event.entity';

export * from './role';
export {
  CannedReply,
  ConversationMeasure,
  OutOfHoursReply,
  InboxNote,
  InboxPolicy,
  MessageModeration,
  OutboundReply,
  ApiToken,
  ApprovalPolicy,
  AuditEvent,
  Channel,
  ChannelConnectAttempt,
  Contact,
  Conversation,
  FoiRequest,
  InboundPoll,
  OAuthClientRegistration,
  Invitation,
  LegalHold,
  MediaAsset,
  Membership,
  Message,
  Notification,
  Organisation,
  OrganisationSetting,
  Post,
  PostTarget,
  PublishAttempt,
  PublishingPause,
  QuietPeriod,
  Review,
  Session,
  SignInThrottle,
  User,
  WebhookEvent,
};
export type { AuditSummary } from './audit-event.entity';
export { CHANNEL_STATUSES, WEBHOOK_STATES } from './channel.entity';
export type { ChannelRateLimit, ChannelStatus, WebhookState } from './channel.entity';
export { POST_TARGET_STATES } from './post-target.entity';
export type { PostTargetPart, PostTargetState, PublishedTargetPart } from './post-target.entity';
export type { PostLanguagePair } from './post.entity';
export { PUBLISH_ATTEMPT_OUTCOMES } from './publish-attempt.entity';
export type { PublishAttemptOutcome } from './publish-attempt.entity';
export { REVIEW_DECISIONS } from './review.entity';
export type { ReviewDecision } from './review.entity';
export { CONVERSATION_KINDS, CONVERSATION_PRIORITIES, CONVERSATION_STATUSES } from './conversation.entity';
export type { ConversationKind, ConversationPriority, ConversationStatus } from './conversation.entity';
export { SETTING_AREAS } from './organisation-setting.entity';
export type { SettingArea } from './organisation-setting.entity';
export { MESSAGE_DIRECTIONS, OUTBOUND_STATES } from './message.entity';
export type { MessageDirection, OutboundState } from './message.entity';

export const ENTITIES = [
  LegalHold,
  FoiRequest,
  Organisation,
  User,
  Membership,
  Invitation,
  ApiToken,
  Session,
  SignInThrottle,
  AuditEvent,
  Channel,
  ChannelConnectAttempt,
  OAuthClientRegistration,
  Post,
  PostTarget,
  MediaAsset,
  PublishAttempt,
  Review,
  Contact,
  Conversation,
  Message,
  WebhookEvent,
  InboundPoll,
  OrganisationSetting,
  QuietPeriod,
  ApprovalPolicy,
  Notification,
  PublishingPause,
  InboxNote,
  CannedReply,
  OutboundReply,
  InboxPolicy,
  MessageModeration,
  OutOfHoursReply,
  ConversationMeasure,
];
export { REPLY_MODES } from './outbound-reply.entity';
export type { ReplyMode } from './outbound-reply.entity';
export { MODERATION_ACTIONS } from './message-moderation.entity';
export type { ModerationAction } from './message-moderation.entity';
export { FOI_OUTCOMES } from './foi-request.entity';
export type { FoiOutcome } from './foi-request.entity';
