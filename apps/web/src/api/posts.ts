import { apiRequest, ApiError, errorFromBody, queryString } from './client';
import type { ApprovalPolicy } from './approval-policy';
import type { Network } from './types';

/**
 * The posts API (issue 5, apps/api/src/posts/README.md): compose, review, schedule, the calendar, the pause and
 * notifications. Kept apart from routes.ts so that each area's client is small; the browser test
 * publishing-journey.e2e-spec.ts checks every route here against the OpenAPI document.
 */
export const POST_ROUTES = {
  validatePost: ['POST', '/api/orgs/{orgId}/posts/validate'],
  createPost: ['POST', '/api/orgs/{orgId}/posts'],
  post: ['GET', '/api/orgs/{orgId}/posts/{postId}'],
  updatePost: ['PUT', '/api/orgs/{orgId}/posts/{postId}'],
  submitPost: ['POST', '/api/orgs/{orgId}/posts/{postId}/submit'],
  approvePost: ['POST', '/api/orgs/{orgId}/posts/{postId}/approve'],
  requestChanges: ['POST', '/api/orgs/{orgId}/posts/{postId}/request-changes'],
  rejectPost: ['POST', '/api/orgs/{orgId}/posts/{postId}/reject'],
  schedulePost: ['POST', '/api/orgs/{orgId}/posts/{postId}/schedule'],
  cancelPost: ['POST', '/api/orgs/{orgId}/posts/{postId}/cancel'],
  publishTargetNow: ['POST', '/api/orgs/{orgId}/posts/{postId}/targets/{targetId}/publish-now'],
  cancelTarget: ['POST', '/api/orgs/{orgId}/posts/{postId}/targets/{targetId}/cancel'],
  calendar: ['GET', '/api/orgs/{orgId}/calendar'],
  approvals: ['GET', '/api/orgs/{orgId}/approvals'],
  approvalCount: ['GET', '/api/orgs/{orgId}/approvals/count'],
  approvalPolicy: ['GET', '/api/orgs/{orgId}/settings/approval-policy'],
  bilingualSettings: ['GET', '/api/orgs/{orgId}/settings/bilingual'],
  saveBilingualSettings: ['PUT', '/api/orgs/{orgId}/settings/bilingual'],
  uploadMedia: ['POST', '/api/orgs/{orgId}/media'],
  media: ['GET', '/api/orgs/{orgId}/media/{mediaId}'],
  mediaContent: ['GET', '/api/orgs/{orgId}/media/{mediaId}/content'],
  pause: ['GET', '/api/orgs/{orgId}/publishing/pause'],
  notifications: ['GET', '/api/orgs/{orgId}/notifications'],
  readAllNotifications: ['POST', '/api/orgs/{orgId}/notifications/read-all'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PUT' | 'DELETE', string]>;

export type PostRouteName = keyof typeof POST_ROUTES;

export function postPath(name: PostRouteName, params: Record<string, string>): string {
  return POST_ROUTES[name][1].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
}

function call<T>(name: PostRouteName, params: Record<string, string>, body?: unknown, query = '') {
  return apiRequest<T>(POST_ROUTES[name][0], `${postPath(name, params)}${query}`, body);
}

export type TargetState =
  | 'draft'
  | 'in_review'
  | 'changes_requested'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'missed'
  | 'cancelled';

export interface PostPart {
  text: string;
  mediaIds?: string[];
  link?: string | null;
}

export interface ComposePost {
  title?: string;
  internalNote?: string;
  text: string;
  mediaIds?: string[];
  link?: string;
  /** A bilingual post: its two halves (the organisation's first language is published first). */
  pair?: PairHalfInput[] | null;
  /** `language`: on a bilingual post, this channel carries only that half (a paired account). */
  channels: { channelId: string; language?: string; parts?: PostPart[] }[];
}

export interface PairHalfInput {
  language: string;
  text: string;
}

export interface PairLanguage {
  code: string;
  name: string;
  nativeName: string;
}

export interface BilingualSettings {
  firstLanguage: string | null;
  defaultPair: string[];
  languages: PairLanguage[];
  ruleText: string;
}

export interface ChannelSummary {
  id: string;
  network: Network;
  networkName: string;
  handle: string;
  displayName: string;
  practice: boolean;
  status: string;
}

export interface Attempt {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  outcomeText: string;
  error: string | null;
}

export interface PostTarget {
  id: string;
  channel: ChannelSummary;
  /** The half of a bilingual post (a language code), or null. */
  language: string | null;
  languageName: string | null;
  /** Why the engine holds this half back, in words. */
  heldReason: string | null;
  state: TargetState;
  stateText: string;
  version: number;
  parts: PostPart[];
  customised: boolean;
  scheduledAt: string | null;
  scheduledAtText: string | null;
  publishNow: boolean;
  externalUrl: string | null;
  publishedAt: string | null;
  lastError: string | null;
  attemptCount: number;
  attempts?: Attempt[];
}

export interface Approval {
  required: boolean;
  approvalsRequired: number;
  approvals: number;
  canReview: boolean;
  cannotReviewBecause: string | null;
  mayEditWhileApproving: boolean;
}

export interface ReviewEdit {
  /** Null for the shared text. */
  channelId: string | null;
  before: string;
  after: string;
}

export interface Review {
  id: string;
  decisionText: string;
  comment: string | null;
  round: number;
  current: boolean;
  createdAt: string;
  edit: ReviewEdit[] | null;
}

export interface AuditEntry {
  id: string;
  createdAt: string;
  action: string;
  actor: string;
  summary: Record<string, unknown>;
}

export interface Post {
  id: string;
  pair: { name: string; halves: { language: string; languageName: string; text: string }[] } | null;
  title: string | null;
  internalNote: string | null;
  text: string;
  mediaIds: string[];
  link: string | null;
  author: { id: string; name: string } | null;
  state: string;
  stateText: string;
  reviewRound: number;
  approval: Approval;
  targets: PostTarget[];
  createdAt: string;
  updatedAt: string;
  /** On the post page and in the approvals queue: quiet-period names the post mentions, in words. */
  quietFlags?: string[];
  reviews?: Review[];
  audit?: AuditEntry[];
}

export interface Schedule {
  at: string;
  timeZone: string;
  written: string;
  adjustment: string | null;
  adjustmentText: string | null;
}

export interface PostResult {
  post: Post;
  message: string;
  outcome?: string;
  schedule?: Schedule;
}

export interface ChannelCheck {
  channelId: string;
  language: string | null;
  channel: ChannelSummary;
  ok: boolean;
  problems: string[];
  parts: { characters: number; maxCharacters: number; mediaCount: number }[];
}

export interface Validation {
  ok: boolean;
  problems: string[];
  channels: ChannelCheck[];
  /** Names from a quiet period's list of candidates and parties the post mentions, in words. */
  quietFlags?: string[];
}

export interface CalendarItem {
  targetId: string;
  postId: string;
  title: string | null;
  excerpt: string;
  channel: ChannelSummary;
  state: TargetState;
  stateText: string;
  at: string;
  atText: string;
  externalUrl: string | null;
  version: number;
  /** A bilingual post is one item; its halves are here. */
  halves: CalendarHalf[] | null;
}

export interface CalendarHalf {
  targetId: string;
  language: string;
  languageName: string;
  channel: ChannelSummary;
  state: TargetState;
  stateText: string;
}

export interface CalendarPage {
  from: string;
  to: string;
  timeZone: string;
  truncated: boolean;
  items: CalendarItem[];
}

export interface Media {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  kind: string;
  altText: string | null;
  needsAltText: boolean;
}

export interface PauseState {
  organisationPaused: boolean;
  banner: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  message: string;
  postId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ScheduleInput {
  date: string;
  time: string;
}

export const postsApi = {
  validate: (orgId: string, input: ComposePost) => call<Validation>('validatePost', { orgId }, input),
  create: (orgId: string, input: ComposePost) => call<PostResult>('createPost', { orgId }, input),
  update: (orgId: string, postId: string, input: ComposePost) =>
    call<PostResult>('updatePost', { orgId, postId }, input),
  get: (orgId: string, postId: string) => call<Post>('post', { orgId, postId }),
  submit: (orgId: string, postId: string, input: { schedule?: ScheduleInput; publishNow?: boolean }) =>
    call<PostResult>('submitPost', { orgId, postId }, input),
  approve: (orgId: string, postId: string, input: { comment?: string; edit?: ComposePost } = {}) =>
    call<PostResult>('approvePost', { orgId, postId }, input),
  requestChanges: (orgId: string, postId: string, comment: string) =>
    call<PostResult>('requestChanges', { orgId, postId }, { comment }),
  reject: (orgId: string, postId: string, comment: string) =>
    call<PostResult>('rejectPost', { orgId, postId }, { comment }),
  schedule: (orgId: string, postId: string, input: ScheduleInput & { targetId?: string }) =>
    call<PostResult>('schedulePost', { orgId, postId }, input),
  cancel: (orgId: string, postId: string) => call<PostResult>('cancelPost', { orgId, postId }, {}),
  publishTargetNow: (orgId: string, postId: string, targetId: string, expectedVersion?: number) =>
    call<PostResult>('publishTargetNow', { orgId, postId, targetId }, { expectedVersion }),
  cancelTarget: (orgId: string, postId: string, targetId: string, expectedVersion?: number) =>
    call<PostResult>('cancelTarget', { orgId, postId, targetId }, { expectedVersion }),
  calendar: (orgId: string, from: string, to: string) =>
    call<CalendarPage>('calendar', { orgId }, undefined, queryString({ from, to })),
  approvals: (orgId: string) => call<{ items: Post[] }>('approvals', { orgId }),
  approvalCount: (orgId: string) => call<{ waiting: number }>('approvalCount', { orgId }),
  approvalPolicy: (orgId: string) => call<ApprovalPolicy>('approvalPolicy', { orgId }),
  bilingualSettings: (orgId: string) => call<BilingualSettings>('bilingualSettings', { orgId }),
  saveBilingualSettings: (orgId: string, input: { firstLanguage: string | null; defaultPair: string[] }) =>
    call<BilingualSettings>('saveBilingualSettings', { orgId }, input),
  pause: (orgId: string) => call<PauseState>('pause', { orgId }),
  notifications: (orgId: string) =>
    call<{ items: Notification[]; unread: number }>('notifications', { orgId }),
  readAllNotifications: (orgId: string) => call<unknown>('readAllNotifications', { orgId }, {}),
  media: (orgId: string, mediaId: string) => call<Media>('media', { orgId, mediaId }),
  mediaUrl: (orgId: string, mediaId: string) => postPath('mediaContent', { orgId, mediaId }),
  /** Multipart upload: the file with its alt text, sent with the session's CSRF token. */
  async upload(orgId: string, csrfToken: string, file: File, altText: string): Promise<Media> {
    const form = new FormData();
    form.append('file', file);
    if (altText) form.append('altText', altText);
    let response: Response;
    try {
      response = await fetch(postPath('uploadMedia', { orgId }), {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
        credentials: 'same-origin',
        body: form,
      });
    } catch {
      throw new ApiError('We could not reach Outside In. Check your connection, then try again.', 0);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromBody(response.status, body);
    return body as Media;
  },
};

/** "X, Facebook and Mastodon": names joined as a sentence says them. */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
