import { useState, type FormEvent } from 'react';
import type { ExportFormat, HoldSubject } from '../../api/records';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useSignedIn } from '../../session/session-context';
import { RadioGroup } from '../guardrails/settings-controls';
import { ContactSearch, contactName } from './contact-search';
import { downloadExport } from './download-export';
import { canHandleRecords } from './records-routes';
import './records.css';

const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'html', label: 'Printable page (HTML)' },
  { value: 'csv', label: 'Spreadsheet (CSV)' },
  { value: 'json', label: 'Data (JSON)' },
];

/**
 * Exports for freedom-of-information and subject-access requests: a contact's whole history, or one
 * conversation. Every export is recorded in the audit log with who took it and in which format.
 */
export function ExportsScreen() {
  const { organisation, session } = useSignedIn();
  const orgId = organisation.organisationId;
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function download(subject: HoldSubject, format: ExportFormat, what: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus(`Preparing ${what}…`);
    try {
      const file = await downloadExport(orgId, session.csrfToken, subject, format);
      setStatus(`Downloaded ${what} as ${file}. The export is recorded in the audit log.`);
    } catch (err) {
      setStatus('');
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!canHandleRecords(organisation.role)) {
    return (
      <>
        <PageHeading title="Exports" />
        <div className="notice">
          <p>Only owners, admins and approvers can export records. Ask one of them.</p>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeading title="Exports">
        <p>
          Everything held about a person or a conversation, for a freedom-of-information or subject-access
          request: every message in and out, internal notes and the audit trail. Each export is recorded in
          the audit log.
        </p>
      </PageHeading>
      <ErrorSummary error={error} title="The export did not work" />
      <StatusMessage>{status}</StatusMessage>

      <section className="records-section" aria-labelledby="export-contact-heading">
        <h2 id="export-contact-heading">A person’s history</h2>
        <p>The conversations they started and every message they wrote elsewhere.</p>
        <ContactSearch
          orgId={orgId}
          idPrefix="export"
          actions={(c) => (
            <div className="button-row">
              {FORMATS.map((f) => (
                <button
                  key={f.value}
                  type="button"
                  className="button button--secondary button--compact"
                  aria-label={`${f.label} for ${contactName(c)}`}
                  aria-disabled={busy || undefined}
                  onClick={() =>
                    void download({ contactId: c.id }, f.value, `the history of ${contactName(c)}`)
                  }
                >
                  {f.label}
                </button>
              ))}
            </div>
          )}
        />
      </section>

      <section className="records-section" aria-labelledby="export-conversation-heading">
        <h2 id="export-conversation-heading">One conversation</h2>
        <ConversationExportForm
          busy={busy}
          onDownload={(conversationId, format) =>
            void download({ conversationId }, format, 'the conversation')
          }
        />
      </section>
    </>
  );
}

function ConversationExportForm({
  busy,
  onDownload,
}: {
  busy: boolean;
  onDownload: (conversationId: string, format: ExportFormat) => void;
}) {
  const [conversationId, setConversationId] = useState('');
  const [format, setFormat] = useState<ExportFormat>('html');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!conversationId.trim()) {
      setProblem('Enter the conversation id');
      document.getElementById('export-conversation-id')?.focus();
      return;
    }
    setProblem(undefined);
    onDownload(conversationId.trim(), format);
  }
  return (
    <form noValidate onSubmit={submit}>
      <TextField
        id="export-conversation-id"
        label="Conversation id"
        hint="From the conversation in the inbox, or from a legal hold."
        value={conversationId}
        onChange={setConversationId}
        spellCheck={false}
        error={problem}
      />
      <RadioGroup
        name="export-format"
        legend="Format"
        value={format}
        onChange={(v) => setFormat(v as ExportFormat)}
        options={FORMATS}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Download the conversation
      </button>
    </form>
  );
}
