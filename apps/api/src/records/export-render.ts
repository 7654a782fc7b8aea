import { formatInZone } from '@outside-in/guardrails';
import type { ExportMessage, ExportNote, RecordsExport } from '@outside-in/records';
import { csvRow } from '../audit/audit-csv';

/** A file to send: its bytes, type and name. */
export interface RenderedExport {
  body: string;
  contentType: string;
  fileName: string;
}

export function renderExport(record: RecordsExport): RenderedExport {
  const stem = `${record.scope}-${record.subjectId}-${record.exportedAt.toISOString().slice(0, 10)}`;
  if (record.format === 'csv') {
    return { body: exportCsv(record), contentType: 'text/csv; charset=utf-8', fileName: `${stem}.csv` };
  }
  if (record.format === 'html') {
    return { body: exportHtml(record), contentType: 'text/html; charset=utf-8', fileName: `${stem}.html` };
  }
  return {
    body: JSON.stringify(record, null, 2),
    contentType: 'application/json; charset=utf-8',
    fileName: `${stem}.json`,
  };
}

const OUTBOUND_WORDS: Record<string, string> = {
  draft: 'draft, not sent',
  pending_approval: 'waiting for approval, not sent',
  approved: 'approved, not yet sent',
  sending: 'being sent',
  sent: 'sent',
  failed: 'failed to send',
};

function outboundWords(state: string | null): string {
  return state ? (OUTBOUND_WORDS[state] ?? state) : '';
}

function authorWords(m: ExportMessage, record: RecordsExport): string {
  if (m.author)
    return m.author.displayName && m.author.displayName !== m.author.handle
      ? `${m.author.displayName} (${m.author.handle})`
      : m.author.handle;
  return `${record.organisation.name} (${m.channel.handle})`;
}

export const EXPORT_CSV_HEADER = [
  'record',
  'time (UTC)',
  `time (local)`,
  'conversation id',
  'channel',
  'direction',
  'outbound state',
  'from',
  'text or action',
  'external id',
  'link',
  'details',
];

/**
 * One table for a spreadsheet: a row per message, note and audit event in time order. Every cell goes through
 * csvCell, which neutralises cells a spreadsheet would run as a formula.
 */
export function exportCsv(record: RecordsExport): string {
  const zone = record.organisation.timeZone;
  type Row = { at: Date; order: number; cells: unknown[] };
  const rows: Row[] = [
    ...record.messages.map((m) => ({
      at: m.createdAt,
      order: 0,
      cells: [
        'message',
        m.createdAt.toISOString(),
        formatInZone(m.createdAt, zone),
        m.conversationId,
        `${m.channel.networkName} ${m.channel.handle}`,
        m.direction === 'in' ? 'from the public' : 'from us',
        outboundWords(m.outboundState),
        authorWords(m, record),
        m.body,
        m.externalId,
        m.url,
        { receivedAt: m.receivedAt.toISOString(), inReplyTo: m.inReplyToExternalId, language: m.language },
      ],
    })),
    ...record.notes.map((n) => ({
      at: n.createdAt,
      order: 1,
      cells: [
        'internal note',
        n.createdAt.toISOString(),
        formatInZone(n.createdAt, zone),
        n.conversationId,
        '',
        '',
        '',
        n.author,
        n.body,
        '',
        '',
        '',
      ],
    })),
    ...record.auditEvents.map((e) => ({
      at: e.createdAt,
      order: 2,
      cells: [
        'audit event',
        e.createdAt.toISOString(),
        formatInZone(e.createdAt, zone),
        '',
        '',
        '',
        '',
        e.actor,
        e.action,
        '',
        '',
        { sequence: e.seq, subjectType: e.subjectType, subjectId: e.subjectId, ...e.summary },
      ],
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  return '\uFEFF' + csvRow(EXPORT_CSV_HEADER) + rows.map((r) => csvRow(r.cells)).join('');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function time(at: Date, zone: string): string {
  return `<time datetime="${at.toISOString()}">${escapeHtml(formatInZone(at, zone))}</time>`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

const PAGE_STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5;
         color: #111; background: #fff; max-width: 50rem; margin: 0 auto; padding: 1.5rem; }
  h1 { font-size: 1.75rem; } h2 { font-size: 1.35rem; margin-top: 2rem; border-top: 2px solid #111; padding-top: 1rem; }
  h3 { font-size: 1.1rem; } h4 { font-size: 1rem; margin: 0 0 0.25rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
  ol.thread { list-style: none; padding: 0; }
  ol.thread > li { border: 1px solid #555; border-radius: 4px; padding: 0.75rem; margin: 0 0 0.75rem; break-inside: avoid; }
  ol.thread > li.out { margin-left: 2rem; }
  ol.thread > li.note { border-style: dashed; background: #fff8dc; }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0; }
  .meta { font-size: 0.9rem; color: #333; margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border: 1px solid #555; padding: 0.35rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
  @media print {
    body { max-width: none; padding: 0; font-size: 11pt; }
    h2 { break-before: auto; break-after: avoid; } h3, h4 { break-after: avoid; }
    a { color: inherit; } a[href]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
    ol.thread > li.note { background: none; }
    thead { display: table-header-group; } tr { break-inside: avoid; }
  }
`;

/** A printable, accessible page: headings that outline it, dates in words in the organisation's zone. */
export function exportHtml(record: RecordsExport): string {
  const zone = record.organisation.timeZone;
  const messagesBy = new Map<string, ExportMessage[]>();
  for (const m of record.messages)
    messagesBy.set(m.conversationId, [...(messagesBy.get(m.conversationId) ?? []), m]);
  const notesBy = new Map<string, ExportNote[]>();
  for (const n of record.notes) notesBy.set(n.conversationId, [...(notesBy.get(n.conversationId) ?? []), n]);

  const conversations = record.conversations
    .map((c, index) => {
      const items = [
        ...(messagesBy.get(c.id) ?? []).map((m) => ({ at: m.createdAt, html: messageItem(m, record, zone) })),
        ...(notesBy.get(c.id) ?? []).map((n) => ({ at: n.createdAt, html: noteItem(n, zone) })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime());
      const heading = `Conversation ${index + 1}: ${escapeHtml(KIND_WORDS[c.kind] ?? c.kind)}${
        c.contact ? ` with ${escapeHtml(c.contact.handle)}` : ''
      } on ${escapeHtml(c.channel.networkName)}`;
      return `<section aria-labelledby="c${index}">
<h2 id="c${index}">${heading}</h2>
<dl class="facts">
  <dt>Channel</dt><dd>${escapeHtml(c.channel.networkName)} ${escapeHtml(c.channel.handle)}</dd>
  <dt>Started</dt><dd>${time(c.firstMessageAt, zone)}</dd>
  <dt>Last message</dt><dd>${time(c.lastMessageAt, zone)}</dd>
  <dt>Status</dt><dd>${escapeHtml(c.status)}</dd>
  <dt>Conversation id</dt><dd>${escapeHtml(c.id)}</dd>
</dl>
<h3>Messages and internal notes (${plural(items.length, 'item')})</h3>
${items.length ? `<ol class="thread">\n${items.map((i) => i.html).join('\n')}\n</ol>` : '<p>None held.</p>'}
</section>`;
    })
    .join('\n');

  const audit = record.auditEvents.length
    ? `<table>
<caption>${plural(record.auditEvents.length, 'audit event')}, oldest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead>
<tbody>
${record.auditEvents
  .map(
    (e) =>
      `<tr><td>${time(e.createdAt, zone)}</td><td>${escapeHtml(e.actor)}</td><td>${escapeHtml(e.action)}</td><td>${escapeHtml(
        JSON.stringify({
          sequence: e.seq,
          subject: `${e.subjectType} ${e.subjectId ?? ''}`.trim(),
          ...e.summary,
        }),
      )}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : '<p>No audit events.</p>';

  const contact = record.contact
    ? `<dt>Person</dt><dd>${escapeHtml(record.contact.displayName)} (${escapeHtml(record.contact.handle)} on ${escapeHtml(
        record.contact.network,
      )})</dd>`
    : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(record.title)}: ${escapeHtml(record.organisation.name)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(record.title)}</h1>
<p>Complete record held by ${escapeHtml(record.organisation.name)}, for a freedom-of-information or subject-access request. Times are in ${escapeHtml(
    zone,
  )} time.</p>
<dl class="facts">
  ${contact}
  <dt>Exported</dt><dd>${time(record.exportedAt, zone)} by ${escapeHtml(record.exportedBy)}</dd>
  <dt>Contents</dt><dd>${plural(record.conversations.length, 'conversation')}, ${plural(
    record.messages.length,
    'message',
  )}, ${plural(record.notes.length, 'internal note')}, ${plural(record.auditEvents.length, 'audit event')}</dd>
</dl>
</header>
<main>
${conversations || '<p>No conversations are held.</p>'}
<section aria-labelledby="audit">
<h2 id="audit">Audit trail</h2>
${audit}
</section>
</main>
</body>
</html>
`;
}

const KIND_WORDS: Record<string, string> = {
  direct: 'direct messages',
  comment_thread: 'comments',
  mention_thread: 'mentions',
};

function messageItem(m: ExportMessage, record: RecordsExport, zone: string): string {
  const from =
    m.direction === 'in'
      ? `From ${escapeHtml(authorWords(m, record))}`
      : `Our reply from ${escapeHtml(m.channel.handle)}`;
  const facts = [
    m.direction === 'out' && m.outboundState ? `State: ${escapeHtml(outboundWords(m.outboundState))}` : '',
    `Received by us ${time(m.receivedAt, zone)}`,
    m.url ? `<a href="${escapeHtml(m.url)}">View on ${escapeHtml(m.channel.networkName)}</a>` : '',
    m.externalId ? `Network id ${escapeHtml(m.externalId)}` : '',
  ].filter(Boolean);
  return `<li class="${m.direction}"><article>
<h4>${from}, ${time(m.createdAt, zone)}</h4>
<p class="body">${escapeHtml(m.body)}</p>
<p class="meta">${facts.join(' · ')}</p>
</article></li>`;
}

function noteItem(n: ExportNote, zone: string): string {
  return `<li class="note"><article>
<h4>Internal note by ${escapeHtml(n.author)}, ${time(n.createdAt, zone)}</h4>
<p class="body">${escapeHtml(n.body)}</p>
</article></li>`;
}
