import type { Request } from 'express';
import type { Role } from '@outside-in/database';

export interface Principal {
  userId: string;
  name: string;
  email: string;
  via: 'session' | 'api-token';
  sessionId?: string;
  csrfToken?: string;
  /** Set when the caller used an API token: the one organisation it may act in. */
  tokenOrganisationId?: string;
}

export interface OrganisationAccess {
  organisationId: string;
  role: Role;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  organisation?: OrganisationAccess;
  orgId?: string;
}

/** "Sam Jones <sam@council.gov.uk>": how a person is named in the audit log. */
export function actorLabel(principal: Pick<Principal, 'name' | 'email'>): string {
  return `${principal.name} <${principal.email}>`;
}
