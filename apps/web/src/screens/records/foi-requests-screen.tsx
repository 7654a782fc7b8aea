import { useRef, useState, type FormEvent } from 'react';
import { recordsApi, type FoiRequest } from '../../api/records';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { formatDate, formatDateTime } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { RadioGroup } from '../guardrails/settings-controls';
import { canHandleRecords, canMarkFoi } from './records-routes';
import './records.css';

/** Open FOI requests by due date, with the clock in words; closed ones on request. */
export function FoiRequestsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [status, setStatus] = useState('');
  const list = useApiData(() => recordsApi.foiRequests(orgId, state), `${orgId}:${state}`);
  const canClose = canHandleRecords(organisation.role);
  // When a row's own buttons go (the request was closed), focus moves to the news of what happened.
  const newsRef = useRef<HTMLDivElement>(null);
  return (
    <>
      <PageHeading title="FOI requests">
        <p>
          Freedom-of-information requests must be answered within 20 working days of the day they arrive.
          Weekends and the bank holidays in your office hours settings do not count.
        </p>
      </PageHeading>
      {canMarkFoi(organisation.role) && (
        <MarkFoiForm
          orgId={orgId}
          onMarked={(r) => {
            setStatus(`Marked as an FOI request. Due ${r.dueInWords}: ${r.clockInWords.toLowerCase()}.`);
            void list.reload();
          }}
        />
      )}
      <div ref={newsRef} tabIndex={-1} className="records-news">
        <StatusMessage>{status}</StatusMessage>
      </div>
      <RadioGroup
        name="foi-state"
        legend="Show"
        value={state}
        onChange={(v) => setState(v as 'open' | 'closed')}
        options={[
          { value: 'open', label: 'Open requests' },
          { value: 'closed', label: 'Answered or unmarked' },
        ]}
      />
      {list.error !== null && list.data === undefined && (
        <LoadFailure what="the FOI requests" error={list.error} retry={() => void list.reload()} />
      )}
      {list.data === undefined && list.loading && <Loading what="the FOI requests" />}
      {list.data && list.data.items.length === 0 && (
        <p>{state === 'open' ? 'No open FOI requests.' : 'No answered or unmarked FOI requests yet.'}</p>
      )}
      {list.data && list.data.items.length > 0 && (
        <TableScroller label={state === 'open' ? 'Open FOI requests' : 'Closed FOI requests'}>
          <table className="table">
            <caption className="visually-hidden">
              {state === 'open' ? 'Open FOI requests, soonest due first' : 'Closed FOI requests'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
                <th scope="col">{state === 'open' ? 'Time left' : 'Outcome'}</th>
                {state === 'open' && canClose && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <FoiRow
                  key={r.id}
                  request={r}
                  orgId={orgId}
                  timeZone={list.data!.timeZone}
                  canClose={state === 'open' && canClose}
                  onClosed={(message) => {
                    setStatus(message);
                    newsRef.current?.focus();
                    void list.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}

function MarkFoiForm({ orgId, onMarked }: { orgId: string; onMarked: (r: FoiRequest) => void }) {
  const [messageId, setMessageId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const marked = await recordsApi.markFoi(orgId, messageId.trim());
      setMessageId('');
      onMarked(marked);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="records-disclosure">
      <summary>Mark a message as an FOI request</summary>
      <ErrorSummary error={error} fieldIds={{ messageId: 'foi-message-id' }} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="foi-message-id"
          label="Message id"
          hint="From the message in the inbox. The clock starts from the day the message arrived."
          value={messageId}
          onChange={setMessageId}
          spellCheck={false}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? 'Marking…' : 'Start the FOI clock'}
        </button>
      </form>
    </details>
  );
}

function FoiRow({
  request: r,
  orgId,
  timeZone,
  canClose,
  onClosed,
}: {
  request: FoiRequest;
  orgId: string;
  timeZone: string;
  canClose: boolean;
  onClosed: (message: string) => void;
}) {
  const [closing, setClosing] = useState<'completed' | 'unmarked' | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const who = r.contact ? `${r.contact.displayName} (${r.contact.handle})` : 'Someone';
  const overdue = (r.workingDaysLeft ?? 0) < 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (closing === 'completed') await recordsApi.completeFoi(orgId, r.id, text.trim());
      else await recordsApi.unmarkFoi(orgId, r.id, text.trim());
      const message =
        closing === 'completed'
          ? `The request from ${who} is marked as answered.`
          : `The request from ${who} is no longer counted as an FOI request.`;
      onClosed(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fieldId = `foi-${r.id}-text`;
  return (
    <tr>
      <td>
        <strong>{who}</strong>
        <p className="records-excerpt">{r.excerpt}</p>
        <p className="records-meta">
          Marked by {r.markedBy.label.replace(/ <.*>$/, '')} on {formatDateTime(r.markedAt, timeZone)}
        </p>
      </td>
      <td>{formatDate(`${r.receivedOn}T12:00:00Z`, timeZone)}</td>
      <td>{r.dueInWords}</td>
      <td>
        {overdue ? <strong className="records-overdue">{r.clockInWords}</strong> : r.clockInWords}
        {r.closeNote && <p className="records-meta">{r.closeNote}</p>}
      </td>
      {canClose && (
        <td>
          {closing === null ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary button--compact"
                onClick={() => setClosing('completed')}
              >
                Mark as answered<span className="visually-hidden">: request from {who}</span>
              </button>
              <button
                type="button"
                className="button button--secondary button--compact"
                onClick={() => setClosing('unmarked')}
              >
                Not an FOI request<span className="visually-hidden">: request from {who}</span>
              </button>
            </div>
          ) : (
            <form noValidate onSubmit={(e) => void submit(e)} className="records-inline-form">
              <ErrorSummary error={error} fieldIds={{ reason: fieldId, note: fieldId }} />
              <TextField
                id={fieldId}
                label={
                  closing === 'completed' ? 'How it was answered (optional)' : 'Why it is not an FOI request'
                }
                value={text}
                onChange={setText}
              />
              <div className="button-row">
                <button type="submit" className="button button--compact" aria-disabled={busy || undefined}>
                  {closing === 'completed' ? 'Mark as answered' : 'Unmark'}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--compact"
                  onClick={() => setClosing(null)}
                >
                  Cancel
                </button>
              </div>
            </form>
          )}
        </td>
      )}
    </tr>
  );
}
