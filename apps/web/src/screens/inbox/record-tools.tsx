import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ConversationDetail } from '../../api/inbox';
import { recordsApi, type ExportFormat, type HoldSubject, type LegalHold } from '../../api/records';
import type { Role } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { useApiData } from '../../components/use-api-data';
import { downloadExport } from '../records/download-export';
import { ReasonForm } from './reason-form';

/** Records' roles (apps/api/src/records): holds are placed by owners and admins; exports by them and approvers. */
const HOLD_ROLES: Role[] = ['owner', 'admin'];
const EXPORT_ROLES: Role[] = ['owner', 'admin', 'approver'];

const FORMATS: [ExportFormat, string][] = [
  ['html', 'Printable page'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
];

/**
 * Issue 7's records where the conversation is read: legal hold on the conversation or on everything from the
 * person (retention never purges what is held), and exports of either for FOI and subject-access requests. Each
 * export is recorded in the audit log by the API.
 */
export function RecordTools({
  orgId,
  csrfToken,
  detail,
  role,
  onChanged,
}: {
  orgId: string;
  csrfToken: string;
  detail: ConversationDetail;
  role: Role;
  onChanged: (what: string) => void;
}) {
  const mayHold = HOLD_ROLES.includes(role);
  const mayExport = EXPORT_ROLES.includes(role);
  const holds = useApiData(
    () =>
      mayExport ? recordsApi.legalHolds(orgId, 'active') : Promise.resolve({ items: [] as LegalHold[] }),
    `holds:${orgId}:${detail.id}`,
  );
  const [asking, setAsking] = useState<'conversation' | 'contact' | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const openers = useRef<Record<string, HTMLButtonElement | null>>({});
  if (!mayExport) return null;

  const contactId = detail.contact?.id;
  const who = detail.contact ? (detail.contact.displayName ?? `@${detail.contact.handle}`) : 'this person';
  const held = (holds.data?.items ?? []).filter(
    (h) => h.conversationId === detail.id || (contactId && h.contactId === contactId),
  );
  const heldConversation = held.some((h) => h.conversationId === detail.id);
  const heldContact = held.some((h) => contactId && h.contactId === contactId);

  const act = async (what: string, change: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await change();
      setAsking(null);
      onChanged(what);
      void holds.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const download = async (subject: HoldSubject, format: ExportFormat) => {
    setBusy(true);
    setProblem(null);
    try {
      const file = await downloadExport(orgId, csrfToken, subject, format);
      onChanged(`Downloaded ${file}.`);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const keep = () => {
    const was = asking;
    setAsking(null);
    requestAnimationFrame(() => (was ? openers.current[was]?.focus() : undefined));
  };

  return (
    <section className="inbox__records" aria-labelledby="records-heading">
      <h4 id="records-heading">Records</h4>
      {held.length > 0 ? (
        <ul className="inbox__holds">
          {held.map((h) => (
            <li key={h.id}>
              On legal hold ({h.subjectType === 'contact' ? `everything from ${who}` : 'this conversation'}):{' '}
              {h.reason}. Placed by {h.placedBy.label.replace(/\s*<[^>]*>$/, '')}.
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No legal hold. Retention may remove these messages when they are old enough.</p>
      )}
      {mayHold && asking === null && (
        <div className="inbox__actions" role="group" aria-label="Legal hold">
          {!heldConversation && (
            <button
              ref={(el) => {
                openers.current.conversation = el;
              }}
              type="button"
              className="button button--secondary"
              onClick={() => setAsking('conversation')}
            >
              Hold this conversation
            </button>
          )}
          {contactId && !heldContact && (
            <button
              ref={(el) => {
                openers.current.contact = el;
              }}
              type="button"
              className="button button--secondary"
              onClick={() => setAsking('contact')}
            >
              Hold everything from {who}
            </button>
          )}
        </div>
      )}
      {asking && (
        <ReasonForm
          what={
            asking === 'conversation'
              ? 'This will place a legal hold on this conversation: retention will keep every message and note of it until an owner or admin releases the hold under Records.'
              : `This will place a legal hold on everything from ${who}, on every channel: retention will keep it until the hold is released under Records.`
          }
          label="Why hold it? (a case or request reference helps)"
          confirm="Place the hold"
          keep="Do not hold it"
          busy={busy}
          onConfirm={(reason) =>
            void act('Legal hold placed.', () =>
              recordsApi.placeHold(
                orgId,
                asking === 'conversation' ? { conversationId: detail.id } : { contactId: contactId! },
                reason,
              ),
            )
          }
          onKeep={keep}
        />
      )}
      <h5>Download a copy (the download is recorded in the audit log)</h5>
      <ul className="inbox__exports">
        <li>
          This conversation:{' '}
          {FORMATS.map(([format, label]) => (
            <button
              key={format}
              type="button"
              className="link-button"
              disabled={busy}
              aria-label={`Download this conversation as ${label}`}
              onClick={() => void download({ conversationId: detail.id }, format)}
            >
              {label}
            </button>
          ))}
        </li>
        {contactId && (
          <li>
            Everything from {who}:{' '}
            {FORMATS.map(([format, label]) => (
              <button
                key={format}
                type="button"
                className="link-button"
                disabled={busy}
                aria-label={`Download everything from ${who} as ${label}`}
                onClick={() => void download({ contactId }, format)}
              >
                {label}
              </button>
            ))}
          </li>
        )}
      </ul>
      <p>
        <Link to="/records">FOI clocks and legal holds under Records</Link>
      </p>
      {problem ? <ErrorSummary error={problem} /> : null}
    </section>
  );
}
