import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { inboxApi, type CannedReply } from '../../api/inbox';
import { useAnnounce } from '../../components/announcer';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { CANNED_VARIABLES, fillExample } from './canned-variables';

/**
 * The team's canned replies: answers used often, with variables filled in for each conversation when one is
 * put in the reply box. Everyone who works the inbox can add, change and remove them; viewers read them.
 */
export function CannedRepliesScreen() {
  const { organisation, session } = useSignedIn();
  const orgId = organisation.organisationId;
  const canWork = organisation.role !== 'viewer';
  const canned = useApiData(() => inboxApi.cannedReplies(orgId), `canned:${orgId}`);
  const announce = useAnnounce();
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [removing, setRemoving] = useState<CannedReply | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const remove = async (reply: CannedReply) => {
    setProblem(null);
    try {
      await inboxApi.deleteCanned(orgId, reply.id);
      setRemoving(null);
      announce(`Removed “${reply.title}”.`);
      void canned.reload();
      requestAnimationFrame(() => addButton.current?.focus());
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <div className="canned">
      <PageHeading title="Canned replies">
        <Link to="/inbox">Back to the inbox</Link>
      </PageHeading>
      <p>
        Answers your team gives often. Choose one under “Canned reply” beside the reply box: its variables are
        filled in for that conversation, and you can change the words before sending.
      </p>
      {problem ? <ErrorSummary error={problem} /> : null}
      {canWork && editing === null && (
        <button ref={addButton} type="button" className="button" onClick={() => setEditing('new')}>
          Add a canned reply
        </button>
      )}
      {canWork && editing !== null && (
        <CannedReplyForm
          orgId={orgId}
          agentName={session.user.name}
          organisationName={organisation.organisationName}
          existing={editing === 'new' ? null : editing}
          onSaved={(saved, created) => {
            setEditing(null);
            announce(created ? `Added “${saved.title}”.` : `Saved “${saved.title}”.`);
            void canned.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <h2>Your team’s canned replies</h2>
      {canned.error ? (
        <LoadFailure what="the canned replies" error={canned.error} retry={() => void canned.reload()} />
      ) : !canned.data ? (
        <Loading what="canned replies" />
      ) : canned.data.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="canned__list">
          {canned.data.map((c) => (
            <li key={c.id} className="canned__item">
              <h3>{c.title}</h3>
              <p className="canned__body">{c.body}</p>
              {canWork && removing?.id !== c.id && (
                <div className="inbox__actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={`Change “${c.title}”`}
                    onClick={() => setEditing(c)}
                  >
                    Change
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={`Remove “${c.title}”`}
                    onClick={() => setRemoving(c)}
                  >
                    Remove
                  </button>
                </div>
              )}
              {removing?.id === c.id && (
                <div className="inbox__reason" role="group" aria-label={`Remove “${c.title}”`}>
                  <p>
                    This will remove “{c.title}” for everyone in your team. Replies already sent with it do
                    not change.
                  </p>
                  <div className="inbox__actions">
                    <button
                      type="button"
                      className="button"
                      ref={(el) => el?.focus()}
                      onClick={() => void remove(c)}
                    >
                      Remove it
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setRemoving(null)}
                    >
                      Keep it
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CannedReplyForm({
  orgId,
  agentName,
  organisationName,
  existing,
  onSaved,
  onCancel,
}: {
  orgId: string;
  agentName: string;
  organisationName: string;
  existing: CannedReply | null;
  onSaved: (saved: CannedReply, created: boolean) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const [busy, setBusy] = useState(false);
  const text = useRef<HTMLTextAreaElement>(null);

  const insert = (variable: string) => {
    const box = text.current;
    const at = box ? box.selectionStart : body.length;
    const end = box ? box.selectionEnd : body.length;
    const next = `${body.slice(0, at)}${variable}${body.slice(end)}`;
    setBody(next);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + variable.length, at + variable.length);
    });
  };

  const save = async () => {
    const wrong = {
      title: title.trim() ? undefined : 'Give it a title your team will recognise.',
      body: body.trim() ? undefined : 'Write the reply.',
    };
    setErrors(wrong);
    if (wrong.title || wrong.body) return;
    setBusy(true);
    setProblem(null);
    try {
      const payload = { title: title.trim(), body };
      const saved = existing
        ? await inboxApi.updateCanned(orgId, existing.id, payload)
        : await inboxApi.createCanned(orgId, payload);
      onSaved(saved, !existing);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 409) setErrors({ title: error.message });
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="canned__form"
      aria-labelledby="canned-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="canned-form-heading">{existing ? `Change “${existing.title}”` : 'Add a canned reply'}</h2>
      <TextField id="canned-title" label="Title" value={title} onChange={setTitle} error={errors.title} />
      <div className={errors.body ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor="canned-body">
          Reply
        </label>
        <p className="field__hint" id="canned-body-hint">
          Variables are filled in for each conversation.
        </p>
        {errors.body && (
          <p className="field__error" id="canned-body-error">
            <span className="visually-hidden">Error: </span>
            {errors.body}
          </p>
        )}
        <textarea
          id="canned-body"
          ref={text}
          rows={5}
          value={body}
          aria-describedby={`canned-body-hint${errors.body ? ' canned-body-error' : ''}`}
          aria-invalid={errors.body ? true : undefined}
          onChange={(event) => setBody(event.target.value)}
        />
      </div>
      <div className="inbox__actions" role="group" aria-label="Put in a variable">
        {CANNED_VARIABLES.map((v) => (
          <button
            key={v.token}
            type="button"
            className="button button--secondary"
            onClick={() => insert(v.token)}
          >
            Add {v.label}
          </button>
        ))}
      </div>
      {body.trim() && (
        <div className="canned__preview">
          <h3>How it reads</h3>
          <p data-testid="canned-preview">{fillExample(body, agentName, organisationName)}</p>
        </div>
      )}
      {problem ? <ErrorSummary error={problem} /> : null}
      <div className="inbox__actions">
        <button type="submit" className="button" disabled={busy}>
          {existing ? 'Save changes' : 'Add it'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
