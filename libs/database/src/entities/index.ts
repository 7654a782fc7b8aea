import { ApiToken } from './api-token.entity';
import { AuditEvent } from './audit-event.entity';
import { Channel } from './channel.entity';
import { ChannelConnectAttempt } from './channel-connect-attempt.entity';
import { OAuthClientRegistration } from './oauth-client.entity';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';
import { Session } from './session.entity';
import { SignInThrottle } from './sign-in-throttle.entity';
import { User } from './user.entity';

export * from './role';
export {
  ApiToken,
  AuditEvent,
  Channel,
  ChannelConnectAttempt,
  OAuthClientRegistration,
  Invitation,
  Membership,
  Organisation,
  Session,
  SignInThrottle,
  User,
};
export type { AuditSummary } from './audit-event.entity';
export { CHANNEL_STATUSES } from './channel.entity';
export type { ChannelRateLimit, ChannelStatus } from './channel.entity';

export const ENTITIES = [
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
];
