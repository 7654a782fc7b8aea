import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { recordsApi, type ContactMatch, type LegalHold } from '../../api/records';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { formatDateTime } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { RadioGroup, TextAreaField } from '../guardrails/settings-controls';
import { ContactSearch, contactName } from './contact-search';
import { canHandleRecords, canPlaceHolds } from './records-routes';
import './records.css';

const withoutEmail = (label: string) => label.replace(/ <.*>$/, '');

/** Legal holds: what the retention purge must keep, who decided and why. */
export function LegalHoldsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const [state, setState] = useState<'active' | 'released'>('active');
  const [status, setStatus] = useState('');
  const newsRef = useRef<HTMLDivElement>(null);
  const list = useApiData(() => recordsApi.legalHolds(orgId, state), `${orgId}:${state}`);
  const canPlace = canPlaceHolds(organisation.role);

  if (!canHandleRecords(organisation.role)) {
    return (
      <>
        <PageHeading title="Legal holds" />
        <div className="notice">
          <p>Only owners, admins and approvers can see legal holds.</p>
        </div>
      </>
    );
  }
  const news = (message: string) => {
    setStatus(message);
    newsRef.current?.focus();
    void list.reload();
  };
  return (
    <>
      <PageHeading title="Legal holds">
        <p>
          A conversation or a person on hold is kept whatever the retention setting says, until the hold is
          released. Placing and releasing a hold are recorded in the audit log.
        </p>
      </PageHeading>
      {canPlace ? (
        <PlaceHoldForm orgId={orgId} onPlaced={(h) => news(`On hold: ${h.subjectLabel}.`)} />
      ) : (
        <div className="notice">
          <p>Only owners and admins can place or release a hold.</p>
        </div>
      )}
      <div ref={newsRef} tabIndex={-1} className="records-news">
        <StatusMessage>{status}</StatusMessage>
      </div>
      <h2>Holds</h2>
      <RadioGroup
        name="hold-state"
        legend="Show"
        value={state}
        onChange={(v) => setState(v as 'active' | 'released')}
        options={[
          { value: 'active', label: 'In force' },
          { value: 'released', label: 'Released' },
        ]}
      />
      {list.error !== null && list.data === undefined && (
        <LoadFailure what="the legal holds" error={list.error} retry={() => void list.reload()} />
      )}
      {list.data === undefined && list.loading && <Loading what="the legal holds" />}
      {list.data && list.data.items.length === 0 && (
        <p>{state === 'active' ? 'Nothing is on hold.' : 'No hold has been released yet.'}</p>
      )}
      {list.data && list.data.items.length > 0 && (
        <TableScroller label={state === 'active' ? 'Holds in force' : 'Released holds'}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">What is held</th>
                <th scope="col">Why</th>
                <th scope="col">Placed</th>
                {state === 'released' && <th scope="col">Released</th>}
                {state === 'active' && canPlace && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((h) => (
                <HoldRow
                  key={h.id}
                  hold={h}
                  orgId={orgId}
                  timeZone={timeZone}
                  canRelease={state === 'active' && canPlace}
                  onReleased={() => news(`Released: ${h.subjectLabel}.`)}
                />
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}

function PlaceHoldForm({ orgId, onPlaced }: { orgId: string; onPlaced: (hold: LegalHold) => void }) {
  const [kind, setKind] = useState<'conversation' | 'contact'>('contact');
  const [conversationId, setConversationId] = useState('');
  const [contact, setContact] = useState<ContactMatch | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (kind === 'contact' && !contact) {
      setError(
        new ApiError('Find the person and choose them with their “Hold” button first.', 400, [
          { field: 'contactId', problem: 'Find the person and choose them with their “Hold” button first' },
        ]),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const subject =
        kind === 'conversation'
          ? { conversationId: conversationId.trim() }
          : { contactId: contact?.id ?? '' };
      const hold = await recordsApi.placeHold(orgId, subject, reason);
      setConversationId('');
      setContact(null);
      setReason('');
      onPlaced(hold);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="records-section" aria-labelledby="place-hold-heading">
      <h2 id="place-hold-heading">Place a hold</h2>
      <RadioGroup
        name="hold-kind"
        legend="What to hold"
        value={kind}
        onChange={(v) => setKind(v as 'conversation' | 'contact')}
        options={[
          { value: 'contact', label: 'A person: everything they sent and every conversation they started' },
          { value: 'conversation', label: 'One conversation' },
        ]}
      />
      {kind === 'contact' && (
        <>
          {contact ? (
            <p>
              <strong>Chosen:</strong> {contactName(contact)}{' '}
              <button
                type="button"
                className="button button--secondary button--compact"
                onClick={() => setContact(null)}
              >
                Choose someone else
              </button>
            </p>
          ) : (
            <ContactSearch
              orgId={orgId}
              idPrefix="hold"
              actions={(c) => (
                <button
                  type="button"
                  className="button button--secondary button--compact"
                  onClick={() => {
                    setContact(c);
                    window.setTimeout(() => document.getElementById('hold-reason')?.focus(), 0);
                  }}
                >
                  Hold {contactName(c)}
                </button>
              )}
            />
          )}
        </>
      )}
      <ErrorSummary
        error={error}
        fieldIds={{
          conversationId: 'hold-conversation-id',
          reason: 'hold-reason',
          contactId: 'hold-contact-query',
        }}
      />
      <form noValidate onSubmit={(e) => void submit(e)}>
        {kind === 'conversation' && (
          <TextField
            id="hold-conversation-id"
            label="Conversation id"
            hint="From the conversation in the inbox."
            value={conversationId}
            onChange={setConversationId}
            spellCheck={false}
            error={problem('conversationId')}
          />
        )}
        <TextAreaField
          id="hold-reason"
          label="Why it must be kept"
          hint="For example the complaint, claim or request it belongs to. Everyone who can see holds reads this."
          value={reason}
          onChange={setReason}
          rows={3}
          error={problem('reason')}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? 'Placing…' : 'Place the hold'}
        </button>
      </form>
    </section>
  );
}

function HoldRow({
  hold: h,
  orgId,
  timeZone,
  canRelease,
  onReleased,
}: {
  hold: LegalHold;
  orgId: string;
  timeZone: string;
  canRelease: boolean;
  onReleased: () => void;
}) {
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = `release-${h.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await recordsApi.releaseHold(orgId, h.id, reason);
      onReleased();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td>{h.subjectLabel}</td>
      <td>{h.reason}</td>
      <td>
        {formatDateTime(h.placedAt, timeZone)} by {withoutEmail(h.placedBy.label)}
      </td>
      {h.releasedAt && (
        <td>
          {formatDateTime(h.releasedAt, timeZone)} by {withoutEmail(h.releasedBy?.label ?? '')}:{' '}
          {h.releaseReason}
        </td>
      )}
      {canRelease && (
        <td>
          {releasing ? (
            <form noValidate onSubmit={(e) => void submit(e)} className="records-inline-form">
              <ErrorSummary error={error} fieldIds={{ reason: fieldId }} />
              <TextField
                id={fieldId}
                label="Why release it"
                value={reason}
                onChange={setReason}
                error={error instanceof ApiError ? error.problemWith('reason') : undefined}
              />
              <div className="button-row">
                <button type="submit" className="button button--compact" aria-disabled={busy || undefined}>
                  Release the hold
                </button>
                <button
                  type="button"
                  className="button button--secondary button--compact"
                  onClick={() => setReleasing(false)}
                >
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <button
              type="button"
              className="button button--secondary button--compact"
              onClick={() => {
                setReleasing(true);
                window.setTimeout(() => document.getElementById(fieldId)?.focus(), 0);
              }}
            >
              Release<span className="visually-hidden">: {h.subjectLabel}</span>
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
