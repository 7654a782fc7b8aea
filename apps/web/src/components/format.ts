import type { Role } from '../api/types';

/** The time zone used when an organisation has not said otherwise: our users are in the UK. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

function parts(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const date = new Date(iso);
  const out: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

function validDate(iso: string | null | undefined): iso is string {
  return typeof iso === 'string' && !Number.isNaN(new Date(iso).getTime());
}

/** "Tuesday 3 March 2026, 10:00 GMT": dates in words with the time zone, as UI.md asks. */
export function formatDateTime(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!validDate(iso)) return 'Unknown time';
  const p = parts(iso, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "Tuesday 3 March 2026". */
export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!validDate(iso)) return 'Unknown date';
  const p = parts(iso, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  approver: 'Approver',
  editor: 'Editor',
  responder: 'Responder',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Can do everything, including managing owners and the organisation itself.',
  admin: 'Manages members, channels and policies, and can pause publishing.',
  approver: 'Does everything an editor can, and approves or sends back posts and replies.',
  editor: 'Writes, schedules and edits their own posts, submits them for approval, and replies in the inbox.',
  responder: 'Works the inbox: replies, notes, assigns and closes conversations. Cannot publish posts.',
  viewer: 'Can look at the calendar, inbox, reports and audit log, but cannot change anything.',
};

/** "an editor", "an admin": role names inside sentences. */
export function roleWithArticle(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'organisation.created': 'Organisation created',
  'organisation.updated': 'Organisation details changed',
  'member.joined': 'Member joined',
  'member.role_changed': 'Role changed',
  'member.removed': 'Member removed',
  'invitation.created': 'Invitation created',
  'invitation.revoked': 'Invitation withdrawn',
  'invitation.accepted': 'Invitation accepted',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
};

/** The audit action in words; actions added by later features fall back to a readable form of their name. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
