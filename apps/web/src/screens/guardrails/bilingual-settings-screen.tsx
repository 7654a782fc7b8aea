import { useState } from 'react';
import { postsApi, type BilingualSettings } from '../../api/posts';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/field';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { ReadOnlyNotice, useCanEditSettings, useSave } from './settings-controls';
import './guardrails.css';

/** Which language of a bilingual post goes first, and the pair the composer starts with (issue 7). */
export function BilingualSettingsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const settings = useApiData(() => postsApi.bilingualSettings(orgId), orgId);
  return (
    <>
      <PageHeading title="Bilingual posts">
        <p>
          A bilingual post goes out in two languages, for example Welsh and English. Both halves are approved
          together and published together: neither half goes out alone, and if one fails the other is held and
          you are told.
        </p>
      </PageHeading>
      {settings.error !== null && settings.data === undefined && (
        <LoadFailure
          what="the bilingual settings"
          error={settings.error}
          retry={() => void settings.reload()}
        />
      )}
      {settings.data === undefined && settings.loading && <Loading what="bilingual settings" />}
      {settings.data && <BilingualSettingsForm orgId={orgId} initial={settings.data} />}
    </>
  );
}

function BilingualSettingsForm({ orgId, initial }: { orgId: string; initial: BilingualSettings }) {
  const canEdit = useCanEditSettings();
  const [first, setFirst] = useState(initial.firstLanguage ?? '');
  const [pairA, setPairA] = useState(initial.defaultPair[0]);
  const [pairB, setPairB] = useState(initial.defaultPair[1]);
  const [rule, setRule] = useState(initial.ruleText);
  const save = useSave(
    () =>
      postsApi.saveBilingualSettings(orgId, { firstLanguage: first || null, defaultPair: [pairA, pairB] }),
    'Bilingual settings saved.',
    (saved) => setRule(saved.ruleText),
  );
  const languages = initial.languages.map((l) => ({ value: l.code, label: l.name }));
  const name = (code: string) => initial.languages.find((l) => l.code === code)?.name ?? code;
  if (!canEdit) {
    return (
      <>
        <ReadOnlyNotice what="the bilingual settings" />
        <p>{rule}</p>
        <p>
          <strong>Usual pair:</strong> {name(pairA)} and {name(pairB)}
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary
        error={save.error}
        fieldIds={{ firstLanguage: 'bilingual-first', defaultPair: 'bilingual-pair-a' }}
      />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <SelectField
          id="bilingual-first"
          label="Which language goes first"
          hint="Welsh public bodies usually publish Welsh first. This applies to posts saved from now on."
          value={first}
          options={[{ value: '', label: 'The one written first in the composer' }, ...languages]}
          onChange={setFirst}
          error={save.problem('firstLanguage')}
        />
        <fieldset className="gr-fieldset">
          <legend>The pair the composer starts with</legend>
          <SelectField
            id="bilingual-pair-a"
            label="One language"
            value={pairA}
            options={languages}
            onChange={setPairA}
            error={save.problem('defaultPair')}
          />
          <SelectField
            id="bilingual-pair-b"
            label="The other language"
            value={pairB}
            options={languages}
            onChange={setPairB}
          />
        </fieldset>
        <p id="bilingual-rule">{rule}</p>
        <StatusMessage>{save.status}</StatusMessage>
        <button type="submit" className="button" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save bilingual settings'}
        </button>
      </form>
    </>
  );
}
