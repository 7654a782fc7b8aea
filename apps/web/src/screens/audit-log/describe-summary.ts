import type { AuditSummary } from '../../api/types';
import { formatDate, ROLE_LABELS } from '../../components/format';
import type { Role } from '../../api/types';

const KEY_WORDS: Record<string, string> = {
  email: 'Email',
  role: 'Role',
  name: 'Name',
  prefix: 'Starts with',
  expiresAt: 'Expires',
  timeZone: 'Time zone',
  invitationId: 'Invitation',
};

function keyWords(key: string): string {
  if (KEY_WORDS[key]) return KEY_WORDS[key];
  const spaced = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueWords(key: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDate(value, timeZone);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Puts an audit event's before/after record into words, e.g. "Email: ravi@council.gov.uk. Role changed from
 * Responder to Approver." Unknown fields are still shown, so nothing recorded is hidden from the reader.
 */
export function describeSummary(summary: AuditSummary, timeZone: string): string {
  if (typeof summary === 'string') return summary;
  const record = asRecord(summary);
  const { before, after, ...rest } = record;
  const was = asRecord(before);
  const now = asRecord(after);
  const sentences: string[] = [];
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'invitationId') continue; // an internal id; the subject column of the CSV keeps it
    sentences.push(`${keyWords(key)}: ${valueWords(key, value, timeZone)}`);
  }
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  for (const key of keys) {
    const inBefore = key in was;
    const inAfter = key in now;
    if (inBefore && inAfter) {
      sentences.push(
        `${keyWords(key)} changed from ${valueWords(key, was[key], timeZone)} to ${valueWords(key, now[key], timeZone)}`,
      );
    } else if (inAfter) {
      sentences.push(`${keyWords(key)}: ${valueWords(key, now[key], timeZone)}`);
    } else {
      sentences.push(`${keyWords(key)} was ${valueWords(key, was[key], timeZone)}`);
    }
  }
  return sentences.length ? `${sentences.join('. ')}.` : 'No details recorded.';
}
