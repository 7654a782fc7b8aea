import { useState } from 'react';
import { guardrailApi, type CoachAdvice, type CoachSettings, type HintId } from '../../api/guardrails';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/field';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import {
  CheckboxField,
  ReadOnlyNotice,
  TextAreaField,
  useCanEditSettings,
  useSave,
} from './settings-controls';
import './guardrails.css';

const AGES = Array.from({ length: 14 }, (_, i) => String(i + 5));
const LANGUAGES: Record<string, string> = {
  en: 'English',
  cy: 'Welsh',
  gd: 'Scottish Gaelic',
  unknown: 'unknown',
};

export function CoachSettingsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const settings = useApiData(() => guardrailApi.coachSettings(orgId), orgId);
  return (
    <>
      <PageHeading title="Writing coach">
        <p>
          The coach gives hints beside the text as people write posts: plain words, short sentences, images
          described for people who cannot see them. Hints never stop a post unless you make them a must.
        </p>
      </PageHeading>
      {settings.error !== null && settings.data === undefined && (
        <LoadFailure
          what="the writing coach settings"
          error={settings.error}
          retry={() => void settings.reload()}
        />
      )}
      {settings.data === undefined && settings.loading && <Loading what="writing coach settings" />}
      {settings.data && (
        <>
          <CoachSettingsForm orgId={orgId} initial={settings.data} />
          <TryTheCoach orgId={orgId} />
        </>
      )}
    </>
  );
}

function CoachSettingsForm({ orgId, initial }: { orgId: string; initial: CoachSettings }) {
  const canEdit = useCanEditSettings();
  const [mandatory, setMandatory] = useState<HintId[]>(initial.mandatoryHints);
  const [age, setAge] = useState(String(initial.targetReadingAge));
  const save = useSave(
    () => guardrailApi.saveCoachSettings(orgId, { mandatoryHints: mandatory, targetReadingAge: Number(age) }),
    'Writing coach settings saved.',
  );
  return (
    <>
      {!canEdit && <ReadOnlyNotice what="the writing coach settings" />}
      <ErrorSummary
        error={save.error}
        fieldIds={{ targetReadingAge: 'coach-age', mandatoryHints: `coach-must-${initial.hintKinds[0]?.id}` }}
      />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        {canEdit ? (
          <SelectField
            id="coach-age"
            label="Reading age to aim for"
            hint="Public-sector guidance aims at 9: most people can then read a post at a glance."
            value={age}
            options={AGES.map((a) => ({ value: a, label: a }))}
            onChange={setAge}
            error={save.problem('targetReadingAge')}
          />
        ) : (
          <p>
            <strong>Reading age to aim for:</strong> {age}
          </p>
        )}
        <fieldset className="gr-fieldset">
          <legend>Hints that must be fixed before publishing</legend>
          <p className="field__hint">Leave a hint unticked to keep it as advice only.</p>
          {initial.hintKinds.map((kind) => (
            <CheckboxField
              key={kind.id}
              id={`coach-must-${kind.id}`}
              label={kind.label}
              hint={kind.description}
              checked={mandatory.includes(kind.id)}
              disabled={!canEdit}
              onChange={(on) =>
                setMandatory((m) => (on ? [...m, kind.id] : m.filter((id) => id !== kind.id)))
              }
            />
          ))}
        </fieldset>
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save writing coach settings'}
          </button>
        )}
      </form>
    </>
  );
}

/** A place to see what the coach says, with the saved settings. */
function TryTheCoach({ orgId }: { orgId: string }) {
  const [text, setText] = useState('');
  const [advice, setAdvice] = useState<CoachAdvice | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function check() {
    setError(null);
    try {
      setAdvice(await guardrailApi.coach(orgId, { text }));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="try-coach-heading">
      <h2 id="try-coach-heading">Try the coach</h2>
      <ErrorSummary error={error} fieldIds={{ text: 'coach-try-text' }} />
      <form
        className="gr-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <TextAreaField id="coach-try-text" label="A post to check" rows={4} value={text} onChange={setText} />
        <button type="submit" className="button button--secondary">
          Check this post
        </button>
      </form>
      <div role="status">
        {advice &&
          (advice.hints.length === 0 ? (
            <p>No hints: this reads well.</p>
          ) : (
            <>
              <p>
                {advice.hints.length} {advice.hints.length === 1 ? 'hint' : 'hints'} (language:{' '}
                {LANGUAGES[advice.language]}
                {advice.languageDetected ? ', detected' : ''}).
              </p>
              <ul className="gr-hint-list">
                {advice.hints.map((h, i) => (
                  <li key={`${h.id}-${i}`}>
                    {h.blocking && <strong>Must fix: </strong>}
                    {h.message}
                    {h.suggestion && ` Try “${h.suggestion}”.`}
                  </li>
                ))}
              </ul>
            </>
          ))}
      </div>
    </section>
  );
}
