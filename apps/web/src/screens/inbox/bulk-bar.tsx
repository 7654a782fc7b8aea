import { useState } from 'react';
import { organisationApi } from '../../api/endpoints';
import { inboxApi, type BulkAction } from '../../api/inbox';
import { ErrorSummary } from '../../components/error-summary';
import { useApiData } from '../../components/use-api-data';
import { tagsFromText } from './inbox-words';

/**
 * Changes to the chosen conversations at once (the API does each in one transaction): assign to a person, close,
 * add or remove a tag. Says how many changed when done.
 */
export function BulkBar({
  orgId,
  meId,
  chosen,
  onDone,
  onClear,
}: {
  orgId: string;
  meId: string;
  chosen: Set<string>;
  onDone: (what: string, ids: string[]) => void;
  onClear: () => void;
}) {
  const members = useApiData(() => organisationApi.members(orgId), `members:${orgId}`);
  const workers = (members.data?.items ?? []).filter((m) => m.role !== 'viewer');
  const [assignee, setAssignee] = useState(meId);
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const run = async (
    action: BulkAction,
    words: string,
    extra: { assigneeId?: string | null; tag?: string },
  ) => {
    setBusy(true);
    setProblem(null);
    try {
      const ids = [...chosen];
      const result = await inboxApi.bulk(orgId, ids, action, extra);
      onDone(`${result.changed} ${result.changed === 1 ? 'conversation' : 'conversations'} ${words}.`, ids);
      setTag('');
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const withTag = (action: 'tag' | 'untag') => {
    const [clean] = tagsFromText(tag);
    if (!clean) {
      setProblem(new Error('Write the tag first.'));
      return;
    }
    void run(action, action === 'tag' ? `tagged ${clean}` : `no longer tagged ${clean}`, { tag: clean });
  };
  const person = workers.find((m) => m.userId === assignee);

  return (
    <div className="inbox__bulk" role="group" aria-label="Change the chosen conversations">
      <p>{chosen.size} chosen</p>
      <div className="inbox__bulk-row">
        <label htmlFor="bulk-assignee">Assign them to</label>
        <select id="bulk-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
          {workers.length === 0 && <option value={meId}>Me</option>}
          {workers.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.userId === meId ? `${m.name} (you)` : m.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() =>
            void run(
              'assign',
              assignee === meId ? 'assigned to you' : `assigned to ${person?.name ?? 'them'}`,
              {
                assigneeId: assignee,
              },
            )
          }
        >
          {assignee === meId ? 'Assign to me' : 'Assign'}
        </button>
      </div>
      <div className="inbox__bulk-row">
        <label htmlFor="bulk-tag">Tag</label>
        <input id="bulk-tag" value={tag} onChange={(event) => setTag(event.target.value)} />
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => withTag('tag')}
        >
          Add the tag
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => withTag('untag')}
        >
          Remove the tag
        </button>
      </div>
      <div className="inbox__bulk-row">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void run('close', 'closed', {})}
        >
          Close them
        </button>
        <button type="button" className="link-button" onClick={onClear}>
          Clear the choice
        </button>
      </div>
      {problem ? <ErrorSummary error={problem} /> : null}
    </div>
  );
}
