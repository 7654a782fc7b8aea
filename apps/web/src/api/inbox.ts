import { apiRequest, queryString } from './client';

/**
 * The inbox API (issue 6, apps/api/src/inbox/README.md). Kept apart from routes.ts, as posts.ts is, so each
 * area's client stays small; test/browser/inbox-journey.e2e-spec.ts checks every route here against the
 * OpenAPI document (the events stream is a text/event-stream GET, checked the same way).
 */
export const INBOX_ROUTES = {
  inboxConversations: ['GET', '/api/orgs/{orgId}/inbox/conversations'],
  inboxCounts: ['GET', '/api/orgs/{orgId}/inbox/counts'],
  inboxConversation: ['GET', '/api/orgs/{orgId}/inbox/conversations/{conversationId}'],
  inboxAssign: ['PUT', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/assignee'],
  inboxStatus: ['PUT', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/status'],
  inboxReply: ['POST', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/replies'],
  inboxRetry: ['POST', '/api/orgs/{orgId}/inbox/replies/{messageId}/retry'],
  inboxPresence: ['POST', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/presence'],
  inboxEvents: ['GET', '/api/orgs/{orgId}/inbox/events'],
  inboxNote: ['POST', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/notes'],
  inboxBulk: ['POST', '/api/orgs/{orgId}/inbox/conversations/bulk'],
  inboxCannedReplies: ['GET', '/api/orgs/{orgId}/inbox/canned-replies'],
  inboxRenderCanned: ['POST', '/api/orgs/{orgId}/inbox/canned-replies/{cannedId}/render'],
  inboxCreateCanned: ['POST', '/api/orgs/{orgId}/inbox/canned-replies'],
  inboxUpdateCanned: ['PUT', '/api/orgs/{orgId}/inbox/canned-replies/{cannedId}'],
  inboxDeleteCanned: ['DELETE', '/api/orgs/{orgId}/inbox/canned-replies/{cannedId}'],
  inboxPriority: ['PUT', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/priority'],
  inboxSetTags: ['PUT', '/api/orgs/{orgId}/inbox/conversations/{conversationId}/tags'],
  inboxTags: ['GET', '/api/orgs/{orgId}/inbox/tags'],
  inboxContact: ['GET', '/api/orgs/{orgId}/inbox/contacts/{contactId}'],
  inboxSearch: ['GET', '/api/orgs/{orgId}/inbox/search'],
  inboxAwaiting: ['GET', '/api/orgs/{orgId}/inbox/replies/awaiting-approval'],
  inboxApprove: ['POST', '/api/orgs/{orgId}/inbox/replies/{messageId}/approve'],
  inboxSendBack: ['POST', '/api/orgs/{orgId}/inbox/replies/{messageId}/send-back'],
  inboxHide: ['POST', '/api/orgs/{orgId}/inbox/messages/{messageId}/hide'],
  inboxDeleteOnNetwork: ['POST', '/api/orgs/{orgId}/inbox/messages/{messageId}/delete-on-network'],
  inboxPolicy: ['GET', '/api/orgs/{orgId}/inbox/policy'],
  inboxSetPolicy: ['PUT', '/api/orgs/{orgId}/inbox/policy'],
  inboxRoundRobinMe: ['PUT', '/api/orgs/{orgId}/inbox/round-robin/me'],
  inboxRoundRobinAuto: ['GET', '/api/orgs/{orgId}/inbox/round-robin/automatic'],
  inboxSetRoundRobinAuto: ['PUT', '/api/orgs/{orgId}/inbox/round-robin/automatic'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PUT' | 'DELETE', string]>;

export type InboxRouteName = keyof typeof INBOX_ROUTES;

export function inboxPath(name: InboxRouteName, params: Record<string, string>): string {
  return INBOX_ROUTES[name][1].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
}

function call<T>(name: InboxRouteName, params: Record<string, string>, body?: unknown, query = '') {
  return apiRequest<T>(INBOX_ROUTES[name][0], `${inboxPath(name, params)}${query}`, body);
}

export const INBOX_VIEWS = ['mine', 'unassigned', 'open', 'pending', 'snoozed', 'closed', 'flagged'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number] | 'channel' | 'tag' | 'approvals' | 'search';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'closed';
export type OutboundState = 'draft' | 'pending_approval' | 'approved' | 'sending' | 'sent' | 'failed';

export interface InboxContact {
  id: string;
  network: string;
  handle: string;
  displayName: string | null;
  profileUrl: string | null;
  avatarUrl: string | null;
}

export interface Person {
  id: string;
  name: string;
}

export interface ConversationListItem {
  id: string;
  kind: 'comment_thread' | 'mention_thread' | 'direct';
  contact: InboxContact | null;
  channel: { id: string; network: string; handle: string; displayName: string | null };
  preview: string | null;
  previewAbusive: boolean;
  waitingSince: string | null;
  lastMessageAt: string;
  assignee: Person | null;
  language: string | null;
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority;
  tags: string[];
}

export interface ConversationPage {
  items: ConversationListItem[];
  nextCursor: string | null;
}

export interface InboxCounts {
  mine: number;
  unassigned: number;
  open: number;
  pending: number;
  snoozed: number;
  closed: number;
  flagged: number;
  awaitingApproval: number;
}

export interface Outbound {
  state: OutboundState;
  mode: 'public' | 'direct';
  author: Person | null;
  approvedBy: Person | null;
  approvalReason: string | null;
  approverRoles?: string[];
  error: string | null;
  attempts: number;
  sentAt: string | null;
  /** Sent by Outside In itself (the out-of-hours reply), not by a person. */
  automatic?: boolean;
}

export interface TimelineItem {
  type: 'message' | 'note';
  id: string;
  at: string;
  body: string;
  abusive: boolean;
  direction?: 'in' | 'out';
  author?: InboxContact | null;
  url?: string | null;
  externalId?: string | null;
  outbound?: Outbound | null;
  moderation?: Moderation[];
  /** When the author edited it on the network, and what it said before, oldest first. */
  editedAt?: string | null;
  previousVersions?: Array<{ body: string; replacedAt: string }>;
  /** When the author deleted it on the network (our copy is kept). */
  authorDeletedAt?: string | null;
  by?: Person | null;
  mentioned?: Person[];
}

export interface Moderation {
  action: 'hide' | 'unhide' | 'delete';
  reason: string;
  by: Person | null;
  at: string;
}

export interface PresencePerson {
  userId: string;
  name: string;
}

export interface Presence {
  conversationId: string;
  viewing: PresencePerson[];
  typing: PresencePerson[];
  viewingTtlMs?: number;
  typingTtlMs?: number;
}

export interface ContactPanel extends InboxContact {
  conversations: {
    id: string;
    channelId: string;
    network: string;
    kind: string;
    status: string;
    lastMessageAt: string;
  }[];
  messagesFromThem: number;
  firstSeenAt: string;
}

/** A conversation whose messages matched the organisation's safeguarding phrases (issue 7). */
export interface SafeguardingFlag {
  sets: Array<{ id: string; name: string }>;
  flaggedAt: string;
  runbook: string;
  neverAutoReplied: boolean;
}

export interface ConversationDetail extends ConversationListItem {
  safeguarding?: SafeguardingFlag | null;
  firstResponseSeconds?: number | null;
  firstResponseOfficeSeconds?: number | null;
  timeline: TimelineItem[];
  olderCursor: string | null;
  contactPanel: ContactPanel | null;
  presence: Presence;
  capabilities: { hideComments: boolean; deleteComments: boolean; directMessages: boolean };
}

export interface ReplyResult {
  messageId: string;
  outbound: Outbound;
}

export interface CannedReply {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

export type BulkAction = 'assign' | 'close' | 'tag' | 'untag';

export interface TagCount {
  tag: string;
  open: number;
  total: number;
}

export interface SearchResults {
  messages: {
    messageId: string;
    conversationId: string;
    body: string;
    abusive: boolean;
    at: string;
    rank: number;
    contact: InboxContact | null;
  }[];
  nextCursor: string | null;
  contacts: InboxContact[];
}

export interface AwaitingReply {
  messageId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  author: Person | null;
  approvalReason: string | null;
  approverRoles: string[];
  contact: InboxContact | null;
  channel: { id: string; network: string; handle: string; displayName: string | null };
}

export interface InboxPolicy {
  replyApprovalRoles: string[];
  roundRobin: Person[];
}

export interface RoundRobinAuto {
  everyChannel: boolean;
  channelIds: string[];
}

export const inboxApi = {
  conversations: (
    orgId: string,
    view: InboxView,
    extra: { channelId?: string; tag?: string; cursor?: string; limit?: number } = {},
  ) => call<ConversationPage>('inboxConversations', { orgId }, undefined, queryString({ view, ...extra })),
  counts: (orgId: string) => call<InboxCounts>('inboxCounts', { orgId }),
  conversation: (orgId: string, conversationId: string, before?: string) =>
    call<ConversationDetail>(
      'inboxConversation',
      { orgId, conversationId },
      undefined,
      before ? queryString({ before }) : '',
    ),
  assign: (orgId: string, conversationId: string, assigneeId: string | null) =>
    call<ConversationDetail>('inboxAssign', { orgId, conversationId }, { assigneeId }),
  setStatus: (orgId: string, conversationId: string, status: ConversationStatus, snoozedUntil?: string) =>
    call<ConversationDetail>('inboxStatus', { orgId, conversationId }, { status, snoozedUntil }),
  reply: (orgId: string, conversationId: string, text: string) =>
    call<ReplyResult>('inboxReply', { orgId, conversationId }, { text }),
  retry: (orgId: string, messageId: string) => call<unknown>('inboxRetry', { orgId, messageId }),
  presence: (orgId: string, conversationId: string, body: { typing?: boolean; left?: boolean }) =>
    call<Presence>('inboxPresence', { orgId, conversationId }, body),
  note: (orgId: string, conversationId: string, body: string, mentionedUserIds: string[]) =>
    call<{ id: string }>('inboxNote', { orgId, conversationId }, { body, mentionedUserIds }),
  bulk: (
    orgId: string,
    ids: string[],
    action: BulkAction,
    extra: { assigneeId?: string | null; tag?: string } = {},
  ) => call<{ changed: number; notFound: string[] }>('inboxBulk', { orgId }, { ids, action, ...extra }),
  cannedReplies: (orgId: string) => call<CannedReply[]>('inboxCannedReplies', { orgId }),
  renderCanned: (orgId: string, cannedId: string, conversationId: string) =>
    call<{ text: string }>('inboxRenderCanned', { orgId, cannedId }, { conversationId }),
  eventsUrl: (orgId: string) => inboxPath('inboxEvents', { orgId }),
  createCanned: (orgId: string, body: { title: string; body: string }) =>
    call<CannedReply>('inboxCreateCanned', { orgId }, body),
  updateCanned: (orgId: string, cannedId: string, body: { title: string; body: string }) =>
    call<CannedReply>('inboxUpdateCanned', { orgId, cannedId }, body),
  deleteCanned: (orgId: string, cannedId: string) => call<void>('inboxDeleteCanned', { orgId, cannedId }),
  setPriority: (orgId: string, conversationId: string, priority: Priority) =>
    call<ConversationDetail>('inboxPriority', { orgId, conversationId }, { priority }),
  setTags: (orgId: string, conversationId: string, tags: string[]) =>
    call<ConversationDetail>('inboxSetTags', { orgId, conversationId }, { tags }),
  tags: (orgId: string) => call<{ items: TagCount[] }>('inboxTags', { orgId }),
  contact: (orgId: string, contactId: string) => call<ContactPanel>('inboxContact', { orgId, contactId }),
  search: (orgId: string, q: string, cursor?: string) =>
    call<SearchResults>('inboxSearch', { orgId }, undefined, queryString({ q, cursor })),
  awaiting: (orgId: string, cursor?: string) =>
    call<{ items: AwaitingReply[]; nextCursor: string | null }>(
      'inboxAwaiting',
      { orgId },
      undefined,
      queryString({ cursor }),
    ),
  approve: (orgId: string, messageId: string) => call<ReplyResult>('inboxApprove', { orgId, messageId }),
  sendBack: (orgId: string, messageId: string, reason: string) =>
    call<ReplyResult>('inboxSendBack', { orgId, messageId }, { reason }),
  hide: (orgId: string, messageId: string, reason: string, hidden = true) =>
    call<void>('inboxHide', { orgId, messageId }, { reason, hidden }),
  deleteOnNetwork: (orgId: string, messageId: string, reason: string) =>
    call<void>('inboxDeleteOnNetwork', { orgId, messageId }, { reason }),
  policy: (orgId: string) => call<InboxPolicy>('inboxPolicy', { orgId }),
  setPolicy: (orgId: string, replyApprovalRoles: string[]) =>
    call<InboxPolicy>('inboxSetPolicy', { orgId }, { replyApprovalRoles }),
  setRoundRobinMe: (orgId: string, optedIn: boolean) =>
    call<InboxPolicy>('inboxRoundRobinMe', { orgId }, { optedIn }),
  roundRobinAuto: (orgId: string) => call<RoundRobinAuto>('inboxRoundRobinAuto', { orgId }),
  setRoundRobinAuto: (orgId: string, body: RoundRobinAuto) =>
    call<RoundRobinAuto>('inboxSetRoundRobinAuto', { orgId }, body),
  assignInTurn: (orgId: string, conversationId: string) =>
    call<ConversationDetail>('inboxAssign', { orgId, conversationId }, { roundRobin: true }),
};

/** The events the stream names (README "Realtime"); each carries ids only, so screens re-read what changed. */
export type InboxEvent =
  | { type: 'message.created'; conversationId: string; messageId: string; direction: 'in' | 'out' }
  | { type: 'conversation.updated'; conversationId: string; change: string }
  | { type: 'note.created'; conversationId: string; noteId: string }
  | { type: 'reply.updated'; conversationId: string; messageId: string; state: OutboundState }
  | ({ type: 'presence' } & Presence);

export const INBOX_EVENT_TYPES = [
  'message.created',
  'conversation.updated',
  'note.created',
  'reply.updated',
  'presence',
] as const;
