import type { AuditEventView } from './audit.dto';

export const AUDIT_CSV_HEADER = [
  'sequence',
  'time (UTC)',
  'actor',
  'actor id',
  'action',
  'subject type',
  'subject id',
  'summary',
  'ip',
];

/**
 * One RFC 4180 CSV cell. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * are prefixed with an apostrophe, as OWASP advises against CSV injection.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function auditCsvRow(e: AuditEventView): string {
  return csvRow([
    e.seq,
    e.createdAt.toISOString(),
    e.actor.label,
    e.actor.userId,
    e.action,
    e.subjectType,
    e.subjectId,
    e.summary,
    e.ip,
  ]);
}
