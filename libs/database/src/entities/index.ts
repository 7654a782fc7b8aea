import { ApiToken } from './api-token.entity';
import { AuditEvent } from './audit-event.entity';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';
import { Session } from './session.entity';
import { SignInThrottle } from './sign-in-throttle.entity';
import { User } from './user.entity';

export * from './role';
export { ApiToken, AuditEvent, Invitation, Membership, Organisation, Session, SignInThrottle, User };
export type { AuditSummary } from './audit-event.entity';

export const ENTITIES = [
  Organisation,
  User,
  Membership,
  Invitation,
  ApiToken,
  Session,
  SignInThrottle,
  AuditEvent,
];
