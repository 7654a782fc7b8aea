import { useState } from 'react';
import { inboxApi } from '../../api/inbox';
import { organisationApi } from '../../api/endpoints';
import { ErrorSummary } from '../../components/error-summary';
import { useApiData } from '../../components/use-api-data';
import { mentionedIn, namesInWords } from './inbox-words';

/** An internal note for the team; @names tell those members (they get a notification). */
export function NoteForm({
  orgId,
  conversationId,
  onAdded,
}: {
  orgId: string;
  conversationId: string;
  onAdded: () => void;
}) {
  const members = useApiData(() => organisationApi.members(orgId), orgId);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mentioned = mentionedIn(body, members.data?.items ?? []);

  const add = async () => {
    if (!body.trim()) {
      setProblem(new Error('Write the note first.'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await inboxApi.note(
        orgId,
        conversationId,
        body,
        mentioned.map((m) => m.userId),
      );
      setBody('');
      onAdded();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inbox__note-form"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <label htmlFor="note-text">Internal note (only your team sees it)</label>
      <p className="muted" id="note-hint">
        Type @ and a person’s name to tell them, for example @
        {members.data?.items[0]?.name.split(' ')[0] ?? 'Sam'}.
      </p>
      <textarea
        id="note-text"
        rows={2}
        value={body}
        aria-describedby="note-hint note-mentions"
        onChange={(event) => setBody(event.target.value)}
      />
      <p id="note-mentions" className="muted">
        {mentioned.length > 0 ? `Will tell ${namesInWords(mentioned.map((m) => m.name))}.` : ''}
      </p>
      {problem ? <ErrorSummary error={problem} /> : null}
      <button type="submit" className="button button--secondary" disabled={busy}>
        Add note
      </button>
    </form>
  );
}

/** Chooses a canned reply; its variables are filled in for this conversation before it goes into the box. */
export function CannedReplyPicker({
  orgId,
  conversationId,
  onInsert,
}: {
  orgId: string;
  conversationId: string;
  onInsert: (text: string) => void;
}) {
  const canned = useApiData(() => inboxApi.cannedReplies(orgId), orgId);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  if (!canned.data || canned.data.length === 0) return null;
  const insert = async () => {
    if (!chosen) return;
    setProblem(null);
    try {
      const { text } = await inboxApi.renderCanned(orgId, chosen, conversationId);
      onInsert(text);
      setChosen('');
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <div className="inbox__canned">
      <label htmlFor="canned-reply">Canned reply</label>
      <select id="canned-reply" value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose one…</option>
        {canned.data.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      <button type="button" className="button button--secondary" onClick={() => void insert()}>
        Use it
      </button>
      {problem ? <ErrorSummary error={problem} /> : null}
    </div>
  );
}
