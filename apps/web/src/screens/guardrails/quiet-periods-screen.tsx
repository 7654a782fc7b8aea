import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { channelApi } from '../../api/endpoints';
import {
  APPROVER_ROLES,
  guardrailApi,
  type QuietPeriod,
  type QuietPeriodInput,
  type QuietPeriodList,
} from '../../api/guardrails';
import type { Channel, Role } from '../../api/types';
import { ErrorSummary, messageOf } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { formatDate, ROLE_LABELS } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import {
  CheckboxField,
  lines,
  RadioGroup,
  ReadOnlyNotice,
  TextAreaField,
  useCanEditSettings,
  useSave,
} from './settings-controls';
import { QUIET_PERIODS_CHANGED } from './quiet-period-banner';
import { ExplainerPostLink } from './explainer-post-link';
import './guardrails.css';

const MAX_NAMES = 2000;

const FIELD_IDS: Record<string, string> = {
  name: 'quiet-name',
  startsOn: 'quiet-starts',
  endsOn: 'quiet-ends',
  channelIds: 'quiet-scope-all',
  approverRoles: 'quiet-role-owner',
  candidateNames: 'quiet-names',
  explainerTemplate: 'quiet-explainer',
};

/** "Thursday 7 May 2026" for a date typed as 2026-05-07, or nothing while it is not a date yet. */
function dateInWords(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const text = formatDate(`${value}T12:00:00Z`, 'UTC');
  return text === 'Unknown date' ? null : text;
}

function rolesInWords(roles: Role[]): string {
  const names = roles.map((r) => ROLE_LABELS[r].toLowerCase() + 's');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

export function QuietPeriodsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const canEdit = useCanEditSettings();
  const periods = useApiData(() => guardrailApi.quietPeriods(orgId), orgId);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [editing, setEditing] = useState<QuietPeriod | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void channelApi.list(orgId).then(
      (r) => setChannels(r.channels),
      () => setChannels([]),
    );
  }, [orgId]);

  async function changed(message: string) {
    setEditing(null);
    setStatus(message);
    await periods.reload();
    window.dispatchEvent(new Event(QUIET_PERIODS_CHANGED));
    statusRef.current?.focus();
  }

  const channelName = (id: string) => {
    const c = channels.find((x) => x.id === id);
    return c ? `${c.displayName} (${c.networkName})` : 'A channel no longer connected';
  };

  return (
    <>
      <PageHeading title="Quiet periods">
        <p>
          Before an election, public bodies must not publish anything that could look like support for a
          candidate or party. During a quiet period every post and reply needs approval, and posts that name a
          listed candidate or party are flagged.
        </p>
      </PageHeading>
      {!canEdit && <ReadOnlyNotice what="the quiet periods" />}
      <div ref={statusRef} tabIndex={-1} className="focus-target">
        <StatusMessage>{status}</StatusMessage>
      </div>
      {periods.error !== null && periods.data === undefined && (
        <LoadFailure what="the quiet periods" error={periods.error} retry={() => void periods.reload()} />
      )}
      {periods.data === undefined && periods.loading && <Loading what="quiet periods" />}
      {periods.data && editing === null && (
        <>
          {periods.data.items.length === 0 ? (
            <p>There are no quiet periods.</p>
          ) : (
            <ul className="gr-list" aria-label="Quiet periods">
              {periods.data.items.map((p) => (
                <QuietPeriodItem
                  key={p.id}
                  orgId={orgId}
                  period={p}
                  canEdit={canEdit}
                  channelName={channelName}
                  onEdit={() => setEditing(p)}
                  onDeleted={() => void changed(`${p.name} deleted.`)}
                />
              ))}
            </ul>
          )}
          {canEdit && (
            <button type="button" className="button" onClick={() => setEditing('new')}>
              Add a quiet period
            </button>
          )}
        </>
      )}
      {periods.data && editing !== null && (
        <QuietPeriodForm
          orgId={orgId}
          list={periods.data}
          period={editing === 'new' ? null : editing}
          channels={channels}
          onCancel={() => setEditing(null)}
          onSaved={(p, created) => void changed(`${p.name} ${created ? 'added' : 'saved'}. ${p.datesText}.`)}
        />
      )}
    </>
  );
}

function QuietPeriodItem(props: {
  orgId: string;
  period: QuietPeriod;
  canEdit: boolean;
  channelName: (id: string) => string;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { period: p, canEdit } = props;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question and comes back to the button when the person keeps the period.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) deleteRef.current?.focus();
    asked.current = confirming || asked.current;
  }, [confirming]);
  async function remove() {
    try {
      await guardrailApi.deleteQuietPeriod(props.orgId, p.id);
      props.onDeleted();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <li>
      <h2>{p.name}</h2>
      <dl className="summary-list">
        <div>
          <dt>Dates</dt>
          <dd>{p.datesText}</dd>
        </div>
        <div>
          <dt>Channels</dt>
          <dd>
            {p.channelIds.length === 0 ? 'Every channel' : p.channelIds.map(props.channelName).join(', ')}
          </dd>
        </div>
        <div>
          <dt>Approval by</dt>
          <dd>{rolesInWords(p.approverRoles)}</dd>
        </div>
        <div>
          <dt>Candidates and parties</dt>
          <dd>{p.candidateNames.length === 0 ? 'None listed' : `${p.candidateNames.length} listed`}</dd>
        </div>
      </dl>
      <ExplainerPostLink period={p} />
      {error !== null && (
        <p className="field__error" role="alert">
          {messageOf(error)}
        </p>
      )}
      {canEdit && !confirming && (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={props.onEdit}>
            Change {p.name}
          </button>
          <button
            type="button"
            className="button button--warning"
            ref={deleteRef}
            onClick={() => setConfirming(true)}
          >
            Delete {p.name}
          </button>
        </div>
      )}
      {canEdit && confirming && (
        <div className="confirm" role="group" aria-label={`Delete ${p.name}?`} tabIndex={-1} ref={confirmRef}>
          <p>Delete “{p.name}” with its list of names? This cannot be undone.</p>
          <div className="button-row">
            <button type="button" className="button button--warning" onClick={() => void remove()}>
              Yes, delete {p.name}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function QuietPeriodForm(props: {
  orgId: string;
  list: QuietPeriodList;
  period: QuietPeriod | null;
  channels: Channel[];
  onCancel: () => void;
  onSaved: (period: QuietPeriod, created: boolean) => void;
}) {
  const { period, list } = props;
  const [draft, setDraft] = useState<Omit<QuietPeriodInput, 'candidateNames'> & { namesText: string }>(
    () => ({
      name: period?.name ?? 'Pre-election period',
      startsOn: period?.startsOn ?? '',
      endsOn: period?.endsOn ?? '',
      channelIds: period?.channelIds ?? [],
      approverRoles: period?.approverRoles ?? ['owner', 'admin', 'approver'],
      namesText: (period?.candidateNames ?? []).join('\n'),
      explainerTemplate: period?.explainerTemplate ?? list.defaultExplainerTemplate,
    }),
  );
  const [allChannels, setAllChannels] = useState(!period || period.channelIds.length === 0);
  const [fileNote, setFileNote] = useState('');
  const set = (changes: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...changes }));
  const names = lines(draft.namesText);

  const save = useSave(
    () => {
      const { namesText, ...rest } = draft;
      const input: QuietPeriodInput = {
        ...rest,
        channelIds: allChannels ? [] : draft.channelIds,
        candidateNames: lines(namesText),
      };
      return period
        ? guardrailApi.saveQuietPeriod(props.orgId, period.id, input)
        : guardrailApi.addQuietPeriod(props.orgId, input);
    },
    period ? 'Quiet period saved.' : 'Quiet period added.',
    (saved) => props.onSaved(saved, !period),
  );

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    const read = lines(text);
    set({ namesText: read.join('\n') });
    setFileNote(
      read.length > MAX_NAMES
        ? `${file.name} has ${read.length} names: the most a period can hold is ${MAX_NAMES.toLocaleString('en-GB')}.`
        : `Read ${read.length} ${read.length === 1 ? 'name' : 'names'} from ${file.name}. Check them below, then save.`,
    );
  }

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const starts = dateInWords(draft.startsOn);
  const ends = dateInWords(draft.endsOn);
  return (
    <section aria-labelledby="quiet-form-heading">
      <h2 id="quiet-form-heading" tabIndex={-1} ref={headingRef}>
        {period ? `Change ${period.name}` : 'Add a quiet period'}
      </h2>
      <ErrorSummary error={save.error} fieldIds={FIELD_IDS} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <TextField
          id="quiet-name"
          label="Name"
          hint="People see it in the banner, for example “Pre-election period”."
          value={draft.name}
          onChange={(name) => set({ name })}
          error={save.problem('name')}
        />
        <TextField
          id="quiet-starts"
          label="First day"
          hint={
            starts
              ? `${starts}, from midnight (${list.timeZone} time).`
              : 'Year-month-day, for example 2027-03-25. It starts at midnight.'
          }
          width="medium"
          value={draft.startsOn}
          onChange={(startsOn) => set({ startsOn: startsOn.trim() })}
          error={save.problem('startsOn')}
        />
        <TextField
          id="quiet-ends"
          label="Last day"
          hint={
            ends
              ? `${ends}, until midnight at its end (${list.timeZone} time).`
              : 'Year-month-day, for example 2027-05-06: polling day. The whole day is included.'
          }
          width="medium"
          value={draft.endsOn}
          onChange={(endsOn) => set({ endsOn: endsOn.trim() })}
          error={save.problem('endsOn')}
        />
        <RadioGroup
          name="quiet-scope"
          legend="Which channels"
          value={allChannels ? 'all' : 'some'}
          onChange={(v) => setAllChannels(v === 'all')}
          error={save.problem('channelIds')}
          options={[
            { value: 'all', label: 'Every channel' },
            { value: 'some', label: 'Only the channels I choose' },
          ]}
        />
        {!allChannels && (
          <fieldset className="gr-fieldset gr-fieldset--plain">
            <legend className="field__label">Channels</legend>
            {props.channels.length === 0 && <p>There are no channels yet.</p>}
            {props.channels.map((c) => (
              <CheckboxField
                key={c.id}
                id={`quiet-channel-${c.id}`}
                label={`${c.displayName} (${c.networkName}, ${c.handle})`}
                checked={draft.channelIds.includes(c.id)}
                onChange={(on) =>
                  set({
                    channelIds: on
                      ? [...draft.channelIds, c.id]
                      : draft.channelIds.filter((id) => id !== c.id),
                  })
                }
              />
            ))}
          </fieldset>
        )}
        <fieldset
          className={`gr-fieldset gr-fieldset--plain ${save.problem('approverRoles') ? 'field--error' : ''}`}
          aria-describedby={save.problem('approverRoles') ? 'quiet-roles-error' : undefined}
        >
          <legend className="field__label">Who must approve posts and replies</legend>
          {save.problem('approverRoles') && (
            <p className="field__error" id="quiet-roles-error">
              <span className="visually-hidden">Error: </span>
              {save.problem('approverRoles')}
            </p>
          )}
          {APPROVER_ROLES.map((role) => (
            <CheckboxField
              key={role}
              id={`quiet-role-${role}`}
              label={`${ROLE_LABELS[role]}s`}
              checked={draft.approverRoles.includes(role)}
              onChange={(on) =>
                set({
                  approverRoles: on
                    ? [...draft.approverRoles, role]
                    : draft.approverRoles.filter((r) => r !== role),
                })
              }
            />
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor="quiet-names-file">
            Upload a list of candidates and parties
          </label>
          <div className="field__hint" id="quiet-names-file-hint">
            A plain text file with one name a line, at most {MAX_NAMES.toLocaleString('en-GB')}. Posts that
            mention one are flagged for the approver.
          </div>
          <input
            id="quiet-names-file"
            type="file"
            accept=".txt,text/plain"
            aria-describedby="quiet-names-file-hint"
            onChange={(e) => void readFile(e)}
          />
          <StatusMessage tone="info">{fileNote}</StatusMessage>
        </div>
        <TextAreaField
          id="quiet-names"
          label={`Candidates and parties (${names.length.toLocaleString('en-GB')} listed)`}
          hint="You can also type or paste them here, one a line."
          rows={6}
          value={draft.namesText}
          onChange={(namesText) => set({ namesText })}
          error={save.problem('candidateNames')}
        />
        <TextAreaField
          id="quiet-explainer"
          label="The “why we are quieter” post"
          hint="A post to publish when the period starts. Replace {election date} before you use it."
          rows={10}
          value={draft.explainerTemplate}
          onChange={(explainerTemplate) => set({ explainerTemplate })}
          error={save.problem('explainerTemplate')}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : period ? 'Save changes' : 'Add quiet period'}
          </button>
          <button type="button" className="button button--secondary" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
