import type { RecordsExport } from '@outside-in/records';
import { escapeHtml, exportCsv, exportHtml, renderExport } from './export-render';

const at = (iso: string) => new Date(iso);

function record(overrides: Partial<RecordsExport> = {}): RecordsExport {
  const channel = { network: 'x', networkName: 'X', handle: '@council' };
  return {
    scope: 'conversation',
    subjectId: 'c1',
    title: 'Conversation with @sam on X (@council)',
    organisation: { id: 'o1', name: 'Anytown Council', timeZone: 'Europe/London' },
    exportedAt: at('2026-07-01T09:00:00Z'),
    exportedBy: 'Sam Jones <sam@anytown.gov.uk>',
    format: 'csv',
    contact: null,
    conversations: [
      {
        id: 'c1',
        kind: 'mention_thread',
        status: 'open',
        channel: { id: 'ch1', ...channel, displayName: 'Anytown' },
        contact: { id: 'p1', network: 'x', handle: '@sam', displayName: '@sam', profileUrl: null },
        firstMessageAt: at('2026-06-30T08:00:00Z'),
        lastMessageAt: at('2026-06-30T09:00:00Z'),
        tags: [],
      },
    ],
    messages: [
      {
        id: 'm2',
        conversationId: 'c1',
        direction: 'out',
        author: null,
        body: '-1 is our answer',
        createdAt: at('2026-06-30T09:00:00Z'),
        receivedAt: at('2026-06-30T09:00:01Z'),
        channel,
        outboundState: 'sent',
        externalId: '2',
        url: null,
        inReplyToExternalId: '1',
        language: null,
      },
      {
        id: 'm1',
        conversationId: 'c1',
        direction: 'in',
        author: { id: 'p1', network: 'x', handle: '@sam', displayName: '@sam', profileUrl: null },
        body: '@council =cmd|" /C calc"!A0 <b>hi</b>',
        createdAt: at('2026-06-30T08:00:00Z'),
        receivedAt: at('2026-06-30T08:00:02Z'),
        channel,
        outboundState: null,
        externalId: '1',
        url: 'https://x.example/1?a=1&b=2',
        inReplyToExternalId: null,
        language: 'en',
      },
    ],
    notes: [],
    auditEvents: [],
    ...overrides,
  };
}

describe('export rendering', () => {
  it('writes CSV rows in time order with every formula-like cell neutralised', () => {
    const csv = exportCsv(record());
    const lines = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`'@council =cmd|`);
    expect(lines[2]).toContain(`'-1 is our answer`);
    // Local time in words, in summer time.
    expect(lines[1]).toContain('Tuesday 30 June 2026, 09:00 BST');
  });

  it('escapes every piece of text in the printable page, including link addresses', () => {
    const html = exportHtml(record({ format: 'html' }));
    expect(html).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(html).toContain('href="https://x.example/1?a=1&amp;b=2"');
    expect(html).not.toContain('<b>hi</b>');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('names the file after the subject and the day, with the right type', () => {
    const file = renderExport(record({ format: 'json' }));
    expect(file).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      fileName: 'conversation-c1-2026-07-01.json',
    });
    expect(JSON.parse(file.body).messages).toHaveLength(2);
  });
});
