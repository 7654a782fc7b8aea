import { apiRequest, queryString } from './client';

/**
 * The records API (issue 7 part 6): legal holds, FOI requests and exports. The browser test records.e2e-spec.ts
 * checks every route here against the OpenAPI document.
 */
export const RECORDS_ROUTES = {
  legalHolds: ['GET', '/api/orgs/{orgId}/records/legal-holds'],
  placeHold: ['POST', '/api/orgs/{orgId}/records/legal-holds'],
  releaseHold: ['POST', '/api/orgs/{orgId}/records/legal-holds/{holdId}/release'],
  foiRequests: ['GET', '/api/orgs/{orgId}/records/foi-requests'],
  markFoi: ['POST', '/api/orgs/{orgId}/records/foi-requests'],
  completeFoi: ['POST', '/api/orgs/{orgId}/records/foi-requests/{foiRequestId}/complete'],
  unmarkFoi: ['POST', '/api/orgs/{orgId}/records/foi-requests/{foiRequestId}/unmark'],
  findContacts: ['GET', '/api/orgs/{orgId}/records/contacts'],
  exportConversation: ['POST', '/api/orgs/{orgId}/records/exports/conversations/{conversationId}'],
  exportContact: ['POST', '/api/orgs/{orgId}/records/exports/contacts/{contactId}'],
} as const satisfies Record<string, readonly ['GET' | 'POST', string]>;

export type RecordsRouteName = keyof typeof RECORDS_ROUTES;

export function recordsPath(name: RecordsRouteName, params: Record<string, string>): string {
  return RECORDS_ROUTES[name][1].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
}

function call<T>(name: RecordsRouteName, params: Record<string, string>, body?: unknown, query = '') {
  return apiRequest<T>(RECORDS_ROUTES[name][0], `${recordsPath(name, params)}${query}`, body);
}

export interface PersonRef {
  userId: string | null;
  label: string;
}

export interface LegalHold {
  id: string;
  subjectType: 'conversation' | 'contact';
  conversationId: string | null;
  contactId: string | null;
  subjectLabel: string;
  reason: string;
  placedBy: PersonRef;
  placedAt: string;
  releasedAt: string | null;
  releasedBy: PersonRef | null;
  releaseReason: string | null;
}

export interface FoiRequest {
  id: string;
  messageId: string;
  conversationId: string;
  excerpt: string;
  contact: { id: string; handle: string; displayName: string; network: string } | null;
  receivedOn: string;
  dueOn: string;
  dueInWords: string;
  bankHolidayRegion: string;
  workingDaysLeft: number | null;
  clockInWords: string;
  markedBy: PersonRef;
  markedAt: string;
  closedAt: string | null;
  closedBy: PersonRef | null;
  outcome: 'completed' | 'unmarked' | null;
  closeNote: string | null;
}

export interface ContactMatch {
  id: string;
  network: string;
  handle: string;
  displayName: string;
  profileUrl: string | null;
  conversations: number;
  messages: number;
}

export type ExportFormat = 'json' | 'csv' | 'html';
export type HoldSubject = { conversationId: string } | { contactId: string };

export const recordsApi = {
  legalHolds: (orgId: string, state: 'active' | 'released' | 'all' = 'active') =>
    call<{ items: LegalHold[] }>('legalHolds', { orgId }, undefined, queryString({ state })),
  placeHold: (orgId: string, subject: HoldSubject, reason: string) =>
    call<LegalHold>('placeHold', { orgId }, { ...subject, reason }),
  releaseHold: (orgId: string, holdId: string, reason: string) =>
    call<LegalHold>('releaseHold', { orgId, holdId }, { reason }),
  foiRequests: (orgId: string, state: 'open' | 'closed' = 'open') =>
    call<{ items: FoiRequest[]; timeZone: string }>(
      'foiRequests',
      { orgId },
      undefined,
      queryString({ state }),
    ),
  markFoi: (orgId: string, messageId: string) => call<FoiRequest>('markFoi', { orgId }, { messageId }),
  completeFoi: (orgId: string, foiRequestId: string, note: string) =>
    call<FoiRequest>('completeFoi', { orgId, foiRequestId }, note ? { note } : {}),
  unmarkFoi: (orgId: string, foiRequestId: string, reason: string) =>
    call<FoiRequest>('unmarkFoi', { orgId, foiRequestId }, { reason }),
  findContacts: (orgId: string, q: string) =>
    call<{ items: ContactMatch[] }>('findContacts', { orgId }, undefined, queryString({ q })),
};
