import { useState } from 'react';
import { organisationApi } from '../../api/endpoints';
import { inboxApi, type ConversationDetail } from '../../api/inbox';
import { ErrorSummary } from '../../components/error-summary';
import { useApiData } from '../../components/use-api-data';

/**
 * Gives the conversation to a member who works the inbox (viewers cannot be given one), takes it from everyone,
 * or gives it to the next person in turn among those who opted in to round-robin.
 */
export function AssignPicker({
  orgId,
  detail,
  meId,
  onAssigned,
}: {
  orgId: string;
  detail: ConversationDetail;
  meId: string;
  onAssigned: (what: string) => void;
}) {
  const members = useApiData(() => organisationApi.members(orgId), `members:${orgId}`);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const workers = (members.data?.items ?? []).filter((m) => m.role !== 'viewer');

  const run = async (change: () => Promise<{ assignee: { name: string } | null }>) => {
    setBusy(true);
    setProblem(null);
    try {
      const after = await change();
      setChosen('');
      onAssigned(after.assignee ? `Assigned to ${after.assignee.name}.` : 'Nobody is assigned now.');
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inbox__assign"
      aria-label="Assign to someone"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) {
          setProblem(new Error('Choose a person to assign it to.'));
          return;
        }
        void run(() => inboxApi.assign(orgId, detail.id, chosen === 'nobody' ? null : chosen));
      }}
    >
      <label htmlFor="assign-to">Assign to</label>
      <select id="assign-to" value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose a person…</option>
        {workers.map((m) => (
          <option key={m.userId} value={m.userId} disabled={m.userId === detail.assignee?.id}>
            {m.name}
            {m.userId === meId ? ' (you)' : ''}
          </option>
        ))}
        {detail.assignee && <option value="nobody">Nobody (unassign)</option>}
      </select>
      <button type="submit" className="button button--secondary" disabled={busy}>
        Assign
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => void run(() => inboxApi.assignInTurn(orgId, detail.id))}
      >
        Give to the next in turn
      </button>
      {problem ? <ErrorSummary error={problem} /> : null}
    </form>
  );
}
