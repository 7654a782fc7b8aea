import { useEffect, useRef, useState } from 'react';
import { organisationApi } from '../../api/endpoints';
import { guardrailApi, type PhraseSet, type Safeguarding } from '../../api/guardrails';
import type { Member } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { ROLE_LABELS } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import {
  CheckboxField,
  lines,
  ReadOnlyNotice,
  TextAreaField,
  useCanEditSettings,
  useSave,
} from './settings-controls';
import './guardrails.css';

interface SetDraft extends Omit<PhraseSet, 'phrases'> {
  phrasesText: string;
  /** A key for React that survives renaming. */
  key: string;
}

interface Draft {
  sets: SetDraft[];
  notifyUserIds: string[];
  runbook: string;
  abuseText: string;
}

let nextKey = 0;

function draftOf(s: Safeguarding): Draft {
  return {
    sets: s.phraseSets.map((set) => ({
      id: set.id,
      name: set.name,
      enabled: set.enabled,
      phrasesText: set.phrases.join('\n'),
      key: set.id ?? `new-${nextKey++}`,
    })),
    notifyUserIds: s.notifyUserIds,
    runbook: s.runbook,
    abuseText: s.abusePhrases.join('\n'),
  };
}

export function SafeguardingScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const data = useApiData(
    () => Promise.all([guardrailApi.safeguarding(orgId), organisationApi.members(orgId)]),
    orgId,
  );
  return (
    <>
      <PageHeading title="Safeguarding">
        <p>
          When a message matches one of these phrases, the conversation is marked urgent, the people you name
          are told, and whoever opens it sees your runbook. It is never answered automatically.
        </p>
      </PageHeading>
      {data.error !== null && data.data === undefined && (
        <LoadFailure what="the safeguarding settings" error={data.error} retry={() => void data.reload()} />
      )}
      {data.data === undefined && data.loading && <Loading what="safeguarding settings" />}
      {data.data && <SafeguardingForm orgId={orgId} initial={data.data[0]} members={data.data[1].items} />}
    </>
  );
}

function SafeguardingForm({
  orgId,
  initial,
  members,
}: {
  orgId: string;
  initial: Safeguarding;
  members: Member[];
}) {
  const canEdit = useCanEditSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const save = useSave(
    () =>
      guardrailApi.saveSafeguarding(orgId, {
        phraseSets: draft.sets.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          name: s.name,
          enabled: s.enabled,
          phrases: lines(s.phrasesText),
        })),
        notifyUserIds: draft.notifyUserIds,
        runbook: draft.runbook,
        abusePhrases: lines(draft.abuseText),
      }),
    'Safeguarding settings saved.',
    (saved) => setDraft(draftOf(saved)),
  );
  const added = useRef<string | null>(null);
  useEffect(() => {
    if (added.current) document.getElementById(`set-${added.current}-name`)?.focus();
    added.current = null;
  }, [draft.sets.length]);
  const setSet = (key: string, changes: Partial<SetDraft>) =>
    setDraft((d) => ({ ...d, sets: d.sets.map((s) => (s.key === key ? { ...s, ...changes } : s)) }));

  const fieldIds: Record<string, string> = {
    notifyUserIds: 'safeguarding-people',
    runbook: 'safeguarding-runbook',
    abusePhrases: 'safeguarding-abuse',
  };
  draft.sets.forEach((s, i) => {
    fieldIds[`phraseSets.${i}.name`] = `set-${s.key}-name`;
    fieldIds[`phraseSets.${i}.phrases`] = `set-${s.key}-phrases`;
  });

  return (
    <>
      {!canEdit && <ReadOnlyNotice what="the safeguarding settings" />}
      <ErrorSummary error={save.error} fieldIds={fieldIds} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <h2>Phrases to watch for</h2>
        <p className="field__hint">
          One word or phrase a line. Capitals and punctuation do not matter. A * at the end of a word matches
          any ending: suicid* matches suicide and suicidal.
        </p>
        {draft.sets.map((set, index) => (
          <fieldset className="gr-fieldset" key={set.key}>
            <legend>{set.name || 'New phrase set'}</legend>
            <CheckboxField
              id={`set-${set.key}-enabled`}
              label={`Watch for “${set.name || 'this set'}”`}
              checked={set.enabled}
              disabled={!canEdit}
              onChange={(enabled) => setSet(set.key, { enabled })}
            />
            <TextField
              id={`set-${set.key}-name`}
              label="Name"
              value={set.name}
              readOnly={!canEdit}
              onChange={(name) => setSet(set.key, { name })}
              error={save.problem(`phraseSets.${index}.name`)}
            />
            <TextAreaField
              id={`set-${set.key}-phrases`}
              label={`Phrases (${lines(set.phrasesText).length})`}
              rows={6}
              value={set.phrasesText}
              readOnly={!canEdit}
              spellCheck={false}
              onChange={(phrasesText) => setSet(set.key, { phrasesText })}
              error={save.problem(`phraseSets.${index}.phrases`)}
            />
            {canEdit && (!set.id || set.id.startsWith('custom-')) && (
              <button
                type="button"
                className="button button--secondary button--compact"
                onClick={() => setDraft((d) => ({ ...d, sets: d.sets.filter((s) => s.key !== set.key) }))}
              >
                Remove {set.name ? `“${set.name}”` : 'this new set'}
              </button>
            )}
          </fieldset>
        ))}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const key = `new-${nextKey++}`;
                added.current = key;
                setDraft((d) => ({
                  ...d,
                  sets: [...d.sets, { name: '', enabled: true, phrasesText: '', key }],
                }));
              }}
            >
              Add a phrase set
            </button>
          </p>
        )}

        <fieldset className="gr-fieldset" id="safeguarding-people" tabIndex={-1}>
          <legend>Who to tell</legend>
          <p className="field__hint">They are told at once, whatever the time, when a message matches.</p>
          {save.problem('notifyUserIds') && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {save.problem('notifyUserIds')}
            </p>
          )}
          {members.map((m) => (
            <CheckboxField
              key={m.userId}
              id={`notify-${m.userId}`}
              label={`${m.name} (${ROLE_LABELS[m.role]}, ${m.email})`}
              checked={draft.notifyUserIds.includes(m.userId)}
              disabled={!canEdit}
              onChange={(on) =>
                setDraft((d) => ({
                  ...d,
                  notifyUserIds: on
                    ? [...d.notifyUserIds, m.userId]
                    : d.notifyUserIds.filter((id) => id !== m.userId),
                }))
              }
            />
          ))}
          {draft.notifyUserIds.length === 0 && <p>No one is named yet.</p>}
        </fieldset>

        <h2>Runbook</h2>
        <TextAreaField
          id="safeguarding-runbook"
          label="What responders read beside a matching message"
          hint="Plain steps: who to call, who to tell, what not to do."
          rows={16}
          value={draft.runbook}
          readOnly={!canEdit}
          onChange={(runbook) => setDraft((d) => ({ ...d, runbook }))}
          error={save.problem('runbook')}
        />
        {canEdit && draft.runbook !== initial.defaultRunbook && (
          <p>
            <button
              type="button"
              className="button button--secondary button--compact"
              onClick={() => setDraft((d) => ({ ...d, runbook: initial.defaultRunbook }))}
            >
              Use the suggested runbook
            </button>
          </p>
        )}

        <h2>Abuse</h2>
        <p>
          Messages with these words are blurred in the inbox until someone chooses to read them. The list
          holds offensive words, so it is hidden until you open it.
        </p>
        <details className="details">
          <summary>Show the abuse word list ({lines(draft.abuseText).length} entries)</summary>
          <TextAreaField
            id="safeguarding-abuse"
            label="Abuse words and phrases"
            hint="One a line. Criticism of your organisation is not abuse: do not list words like “useless”."
            rows={12}
            value={draft.abuseText}
            readOnly={!canEdit}
            spellCheck={false}
            onChange={(abuseText) => setDraft((d) => ({ ...d, abuseText }))}
            error={save.problem('abusePhrases')}
          />
        </details>

        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save safeguarding settings'}
          </button>
        )}
      </form>
    </>
  );
}
