import { useEffect, useState } from 'react';
import { channelApi } from '../../api/endpoints';
import {
  guardrailApi,
  WEEKDAYS,
  type BankHolidayRegion,
  type OfficeHours,
  type OfficeHoursInput,
  type OfficeStatus,
  type Weekday,
} from '../../api/guardrails';
import type { Channel } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/field';
import { formatDate } from '../../components/format';
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
import './guardrails.css';

const DAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

const REGION_OPTIONS = [
  { value: 'england-and-wales', label: 'England and Wales' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'northern-ireland', label: 'Northern Ireland' },
  { value: 'none', label: 'None: we are open on bank holidays' },
];

/** The form keeps closed dates as the text the person typed, one per line. */
interface Draft extends Omit<OfficeHoursInput, 'closedDates'> {
  closedDatesText: string;
}

function draftOf(hours: OfficeHours): Draft {
  return {
    weekly: hours.weekly,
    bankHolidayRegion: hours.bankHolidayRegion,
    closedDatesText: hours.closedDates.join('\n'),
    autoReply: hours.autoReply,
  };
}

export function OfficeHoursScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const hours = useApiData(() => guardrailApi.officeHours(orgId), orgId);
  return (
    <>
      <PageHeading title="Office hours">
        <p>
          When someone is there to answer messages. Outside these hours Outside In can send an honest reply
          that says when you will be back and where to get help now.
        </p>
      </PageHeading>
      {hours.error !== null && hours.data === undefined && (
        <LoadFailure what="the office hours" error={hours.error} retry={() => void hours.reload()} />
      )}
      {hours.data === undefined && hours.loading && <Loading what="office hours" />}
      {hours.data && <OfficeHoursForm orgId={orgId} initial={hours.data} />}
    </>
  );
}

function OfficeHoursForm({ orgId, initial }: { orgId: string; initial: OfficeHours }) {
  const canEdit = useCanEditSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  const [channels, setChannels] = useState<Channel[]>([]);
  const timeZone = initial.timeZone;

  useEffect(() => {
    void guardrailApi.officeStatus(orgId).then(setStatus, () => setStatus(null));
    void channelApi.list(orgId).then(
      (r) => setChannels(r.channels),
      () => setChannels([]),
    );
  }, [orgId]);

  const save = useSave(
    () => {
      const { closedDatesText, ...rest } = draft;
      return guardrailApi.saveOfficeHours(orgId, { ...rest, closedDates: lines(closedDatesText) });
    },
    'Office hours saved.',
    (saved) => {
      setDraft(draftOf(saved));
      void guardrailApi.officeStatus(orgId).then(setStatus, () => setStatus(null));
    },
  );

  const setDay = (day: Weekday, intervals: Draft['weekly'][Weekday]) =>
    setDraft((d) => ({ ...d, weekly: { ...d.weekly, [day]: intervals } }));
  const setReply = (changes: Partial<Draft['autoReply']>) =>
    setDraft((d) => ({ ...d, autoReply: { ...d.autoReply, ...changes } }));
  const closedDates = lines(draft.closedDatesText);
  const validClosed = closedDates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));

  const fieldIds: Record<string, string> = {
    bankHolidayRegion: 'office-region',
    closedDates: 'office-closed-dates',
    'autoReply.text': 'office-reply-text',
    'autoReply.welshText': 'office-reply-welsh',
    'autoReply.channelIds': 'office-reply-scope-some',
  };
  for (const day of WEEKDAYS) fieldIds[`weekly.${day}`] = `office-${day}-open`;

  return (
    <>
      {status && (
        <p className="lead">
          <strong>Right now:</strong> {status.sentence}
        </p>
      )}
      {!canEdit && <ReadOnlyNotice what="the office hours" />}
      <ErrorSummary error={save.error} fieldIds={fieldIds} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <fieldset className="gr-fieldset">
          <legend>Weekly hours</legend>
          <p className="field__hint">
            Times are in {timeZone} time, on the 24-hour clock, for example 09:00.
          </p>
          {WEEKDAYS.map((day) => (
            <DayRow
              key={day}
              day={day}
              intervals={draft.weekly[day] ?? []}
              onChange={(v) => setDay(day, v)}
              readOnly={!canEdit}
              error={save.problem(`weekly.${day}`)}
            />
          ))}
        </fieldset>

        <fieldset className="gr-fieldset">
          <legend>Bank holidays and other closed days</legend>
          {canEdit ? (
            <SelectField
              id="office-region"
              label="Closed on the bank holidays of"
              value={draft.bankHolidayRegion ?? 'none'}
              options={REGION_OPTIONS}
              onChange={(v) =>
                setDraft((d) => ({ ...d, bankHolidayRegion: v === 'none' ? null : (v as BankHolidayRegion) }))
              }
              error={save.problem('bankHolidayRegion')}
            />
          ) : (
            <p>
              <strong>Closed on the bank holidays of:</strong>{' '}
              {REGION_OPTIONS.find((o) => o.value === (draft.bankHolidayRegion ?? 'none'))?.label}
            </p>
          )}
          <TextAreaField
            id="office-closed-dates"
            label="Other days you are closed"
            hint="One date a line, written year-month-day, for example 2026-12-24."
            rows={4}
            value={draft.closedDatesText}
            onChange={(v) => setDraft((d) => ({ ...d, closedDatesText: v }))}
            readOnly={!canEdit}
            spellCheck={false}
            error={save.problem('closedDates')}
          />
          {validClosed.length > 0 && (
            <>
              <p className="field__label">Closed on</p>
              <ul>
                {validClosed.map((d) => (
                  <li key={d}>{formatDate(`${d}T12:00:00Z`, 'UTC')}</li>
                ))}
              </ul>
            </>
          )}
        </fieldset>

        <fieldset className="gr-fieldset">
          <legend>Out-of-hours reply</legend>
          <p className="field__hint">
            Sent once to each person who writes while you are closed. Never sent to a message that matches a
            safeguarding phrase: those wait for a person.
          </p>
          <CheckboxField
            id="office-reply-enabled"
            label="Send an out-of-hours reply"
            checked={draft.autoReply.enabled}
            disabled={!canEdit}
            onChange={(enabled) => setReply({ enabled })}
          />
          <RadioGroup
            name="office-reply-scope"
            legend="Send it on"
            value={draft.autoReply.allChannels ? 'all' : 'some'}
            disabled={!canEdit}
            onChange={(v) => setReply({ allChannels: v === 'all' })}
            error={save.problem('autoReply.channelIds')}
            options={[
              { value: 'all', label: 'Every channel' },
              { value: 'some', label: 'Only the channels I choose' },
            ]}
          />
          {!draft.autoReply.allChannels && (
            <fieldset className="gr-fieldset gr-fieldset--plain">
              <legend className="field__label">Channels</legend>
              {channels.length === 0 && <p>There are no channels yet.</p>}
              {channels.map((c) => (
                <CheckboxField
                  key={c.id}
                  id={`office-reply-channel-${c.id}`}
                  label={`${c.displayName} (${c.networkName}, ${c.handle})`}
                  checked={draft.autoReply.channelIds.includes(c.id)}
                  disabled={!canEdit}
                  onChange={(on) =>
                    setReply({
                      channelIds: on
                        ? [...draft.autoReply.channelIds, c.id]
                        : draft.autoReply.channelIds.filter((id) => id !== c.id),
                    })
                  }
                />
              ))}
            </fieldset>
          )}
          <TextAreaField
            id="office-reply-text"
            label="The reply"
            hint="Say plainly that no one is reading, and where to go if it cannot wait: 999, 111 and 101."
            value={draft.autoReply.text}
            onChange={(text) => setReply({ text })}
            readOnly={!canEdit}
            error={save.problem('autoReply.text')}
          />
          {canEdit && draft.autoReply.text !== initial.defaultAutoReplyText && (
            <p>
              <button
                type="button"
                className="button button--secondary button--compact"
                onClick={() => setReply({ text: initial.defaultAutoReplyText })}
              >
                Use the suggested reply
              </button>
            </p>
          )}
          <TextAreaField
            id="office-reply-welsh"
            label="The reply in Welsh (optional)"
            hint="Sent after the English. Ask a Welsh speaker to check it. Leave it empty if you do not reply in Welsh."
            value={draft.autoReply.welshText}
            onChange={(welshText) => setReply({ welshText })}
            readOnly={!canEdit}
            error={save.problem('autoReply.welshText')}
          />
        </fieldset>
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save office hours'}
          </button>
        )}
      </form>
    </>
  );
}

function DayRow({
  day,
  intervals,
  onChange,
  readOnly,
  error,
}: {
  day: Weekday;
  intervals: Draft['weekly'][Weekday];
  onChange: (intervals: Draft['weekly'][Weekday]) => void;
  readOnly: boolean;
  error?: string;
}) {
  const name = DAY_NAMES[day];
  const open = intervals.length > 0;
  return (
    <div className="gr-day">
      <CheckboxField
        id={`office-${day}-is-open`}
        label={`Open on ${name}`}
        checked={open}
        disabled={readOnly}
        onChange={(on) => onChange(on ? [{ open: '09:00', close: '17:00' }] : [])}
      />
      {intervals.map((interval, index) => (
        <div className="gr-time" key={index}>
          <TextField
            id={index === 0 ? `office-${day}-open` : `office-${day}-open-${index}`}
            label={`${name}${index ? ` (${index + 1})` : ''} opens at`}
            width="short"
            value={interval.open}
            readOnly={readOnly}
            error={index === 0 ? error : undefined}
            onChange={(v) => onChange(intervals.map((x, i) => (i === index ? { ...x, open: v } : x)))}
          />
          <TextField
            id={`office-${day}-close-${index}`}
            label={`${name}${index ? ` (${index + 1})` : ''} closes at`}
            width="short"
            value={interval.close}
            readOnly={readOnly}
            onChange={(v) => onChange(intervals.map((x, i) => (i === index ? { ...x, close: v } : x)))}
          />
          {!readOnly && intervals.length > 1 && (
            <button
              type="button"
              className="button button--secondary button--compact"
              onClick={() => onChange(intervals.filter((_, i) => i !== index))}
            >
              Remove {name} {interval.open}–{interval.close}
            </button>
          )}
        </div>
      ))}
      {!readOnly && open && intervals.length < 6 && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange([...intervals, { open: '', close: '' }])}
        >
          Add {intervals.length === 1 ? 'a second' : 'another'} opening time on {name}
        </button>
      )}
      {error && !open && (
        <p className="field__error" id={`office-${day}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </div>
  );
}
