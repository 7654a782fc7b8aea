import { useEffect, useState } from 'react';
import { inboxApi, PRIORITIES, type ConversationDetail, type Priority } from '../../api/inbox';
import { ErrorSummary } from '../../components/error-summary';
import { PRIORITY_LABELS, tagsFromText } from './inbox-words';

/**
 * A conversation's priority (high and urgent put it in Flagged) and tags (each has a view on the left). One
 * small form with one button, so a keyboard user changes both and hears once what was saved.
 */
export function ConversationLabels({
  orgId,
  detail,
  canWork,
  onSaved,
}: {
  orgId: string;
  detail: ConversationDetail;
  canWork: boolean;
  onSaved: (what: string) => void;
}) {
  const [priority, setPriority] = useState<Priority>(detail.priority);
  const [tags, setTags] = useState(detail.tags.join(', '));
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Re-read when the saved values change (here or by someone else), not on every re-read of the conversation:
  // an event arriving while someone types tags must not wipe what they typed.
  const savedTags = detail.tags.join(', ');
  useEffect(() => {
    setPriority(detail.priority);
    setTags(savedTags);
  }, [detail.id, detail.priority, savedTags]);

  if (!canWork)
    return (
      <p className="muted">
        Priority: {PRIORITY_LABELS[detail.priority]}
        {detail.tags.length > 0 ? ` · Tagged ${detail.tags.join(', ')}` : ' · No tags'}
      </p>
    );

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const wanted = tagsFromText(tags);
      if (priority !== detail.priority) await inboxApi.setPriority(orgId, detail.id, priority);
      if ([...wanted].sort().join(',') !== [...detail.tags].sort().join(','))
        await inboxApi.setTags(orgId, detail.id, wanted);
      onSaved(
        `Priority ${PRIORITY_LABELS[priority].toLowerCase()}; ${wanted.length ? `tagged ${wanted.join(', ')}` : 'no tags'}.`,
      );
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inbox__labels"
      aria-label="Priority and tags"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="inbox__field">
        <label htmlFor="conversation-priority">Priority</label>
        <select
          id="conversation-priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as Priority)}
          aria-describedby="priority-hint"
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
        <span id="priority-hint" className="muted">
          High and urgent show in Flagged.
        </span>
      </div>
      <div className="inbox__field">
        <label htmlFor="conversation-tags">Tags, separated by commas</label>
        <input id="conversation-tags" value={tags} onChange={(event) => setTags(event.target.value)} />
      </div>
      {problem ? <ErrorSummary error={problem} /> : null}
      <button type="submit" className="button button--secondary" disabled={busy}>
        Save priority and tags
      </button>
    </form>
  );
}
