import { useState } from 'react';
import { guardrailApi, type Retention } from '../../api/guardrails';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { formatDateTime } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { RadioGroup, ReadOnlyNotice, useCanEditSettings, useSave } from './settings-controls';
import './guardrails.css';

export function RetentionScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const retention = useApiData(() => guardrailApi.retention(orgId), orgId);
  return (
    <>
      <PageHeading title="Retention">
        <p>
          How long messages from the public are kept. Keep them only as long as you need them, as your records
          policy says.
        </p>
      </PageHeading>
      {retention.error !== null && retention.data === undefined && (
        <LoadFailure
          what="the retention setting"
          error={retention.error}
          retry={() => void retention.reload()}
        />
      )}
      {retention.data === undefined && retention.loading && <Loading what="the retention setting" />}
      {retention.data && <RetentionForm orgId={orgId} initial={retention.data} />}
    </>
  );
}

function RetentionForm({ orgId, initial }: { orgId: string; initial: Retention }) {
  const canEdit = useCanEditSettings();
  const { timeZone } = useOrganisationDetails();
  const [current, setCurrent] = useState(initial);
  const [forever, setForever] = useState(initial.keepMessagesForMonths === null);
  const [months, setMonths] = useState(String(initial.keepMessagesForMonths ?? 24));
  const save = useSave(
    () => {
      const trimmed = months.trim();
      // A number the API can check; anything else is sent as it is, so the API names the problem.
      const value = /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
      return guardrailApi.saveRetention(orgId, forever ? null : value);
    },
    'Retention saved.',
    setCurrent,
  );
  return (
    <>
      <p className="lead">
        <strong>Now:</strong> {current.sentence}
        {current.cutoff &&
          ` Messages received before ${formatDateTime(current.cutoff, timeZone)} are due for deletion.`}
      </p>
      {!canEdit && <ReadOnlyNotice what="the retention setting" />}
      <ErrorSummary error={save.error} fieldIds={{ keepMessagesForMonths: 'retention-months' }} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <RadioGroup
          name="retention-choice"
          legend="Keep messages"
          value={forever ? 'forever' : 'months'}
          disabled={!canEdit}
          onChange={(v) => setForever(v === 'forever')}
          options={[
            { value: 'forever', label: 'For ever' },
            { value: 'months', label: 'For a number of months, then delete them' },
          ]}
        />
        {!forever && (
          <TextField
            id="retention-months"
            label="Number of months"
            hint="Between 1 and 240. Messages older than this are deleted, with an entry in the audit log."
            width="short"
            value={months}
            readOnly={!canEdit}
            onChange={setMonths}
            error={save.problem('keepMessagesForMonths')}
          />
        )}
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save retention'}
          </button>
        )}
      </form>
    </>
  );
}
