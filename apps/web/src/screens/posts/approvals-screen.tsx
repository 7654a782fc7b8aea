import { useState } from 'react';
import { Link } from 'react-router-dom';
import { postsApi, type ComposePost, type Post } from '../../api/posts';
import { useAnnounce } from '../../components/announcer';
import { messageOf } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { QuietNameFlags } from './quiet-name-flags';
import { APPROVALS_CHANGED } from './approvals-nav-count';
import { PostPreview } from './post-preview';
import { WordDiffView } from './word-diff-view';

/** The queue of posts waiting for me, each with its preview per channel and the three decisions. */
export function ApprovalsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const queue = useApiData(() => postsApi.approvals(orgId), orgId);
  const [done, setDone] = useState('');

  return (
    <>
      <PageHeading title="Approvals">
        <p>Posts waiting for your decision. Nothing goes out until it is approved.</p>
      </PageHeading>
      <StatusMessage>{done}</StatusMessage>
      {queue.error ? (
        <LoadFailure what="your approvals" error={queue.error} retry={() => void queue.reload()} />
      ) : !queue.data ? (
        <Loading what="your approvals" />
      ) : queue.data.items.length === 0 ? (
        <p>Nothing is waiting for you.</p>
      ) : (
        <ul className="plain-list approval-list">
          {queue.data.items.map((post) => (
            <ApprovalItem
              key={post.id}
              orgId={orgId}
              post={post}
              onDecided={(message) => {
                setDone(message);
                window.dispatchEvent(new Event(APPROVALS_CHANGED));
                void queue.reload();
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function ApprovalItem({
  orgId,
  post,
  onDecided,
}: {
  orgId: string;
  post: Post;
  onDecided: (message: string) => void;
}) {
  const announce = useAnnounce();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(post.text);
  const changed = editing && edited !== post.text;
  const name = post.title || post.text.slice(0, 60) || 'Untitled post';
  const commentId = `comment-${post.id}`;
  const when = post.targets.find((t) => t.scheduledAtText)?.scheduledAtText;

  async function decide(kind: 'approve' | 'request-changes' | 'reject') {
    if (kind !== 'approve' && !comment.trim()) {
      setProblem(
        kind === 'reject'
          ? 'Say why you are rejecting it, so the author knows.'
          : 'Say what needs to change, so the author knows what to do.',
      );
      document.getElementById(commentId)?.focus();
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      const answer =
        kind === 'approve'
          ? await postsApi.approve(orgId, post.id, {
              ...(comment.trim() ? { comment: comment.trim() } : {}),
              ...(changed ? { edit: editOf(post, edited) } : {}),
            })
          : kind === 'reject'
            ? await postsApi.reject(orgId, post.id, comment.trim())
            : await postsApi.requestChanges(orgId, post.id, comment.trim());
      announce(answer.message);
      onDecided(answer.message);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="approval">
      <article aria-labelledby={`approval-${post.id}`}>
        <h2 id={`approval-${post.id}`}>
          <Link to={`/posts/${post.id}`}>{name}</Link>
        </h2>
        <dl className="summary-list">
          <dt>Written by</dt>
          <dd>{post.author?.name ?? 'A former member'}</dd>
          <dt>When</dt>
          <dd>{when ?? 'As soon as it is approved'}</dd>
          <dt>Approvals</dt>
          <dd>
            {post.approval.approvals} of {post.approval.approvalsRequired} needed
          </dd>
        </dl>
        {post.internalNote && <p className="muted">Note from the author: {post.internalNote}</p>}
        <QuietNameFlags flags={post.quietFlags} />
        {post.pair && (
          <p>
            Bilingual post ({post.pair.name}): both halves are approved together, and the{' '}
            {post.pair.halves[0].languageName} half goes out first.
          </p>
        )}
        {post.targets.map((t) => (
          <section
            key={t.id}
            aria-label={`${t.languageName ? `${t.languageName} half on ` : ''}${t.channel.networkName} ${t.channel.handle}`}
          >
            <h3>
              {t.languageName && `${t.languageName} half on `}
              {t.channel.networkName} {t.channel.handle}
              {t.channel.practice && <span className="tag">Practice</span>}
            </h3>
            <div lang={t.language ?? undefined}>
              <PostPreview channel={t.channel} parts={t.parts} />
            </div>
          </section>
        ))}
        {!post.approval.canReview && post.approval.cannotReviewBecause ? (
          <p>{post.approval.cannotReviewBecause}</p>
        ) : (
          <>
            <div className={problem ? 'field field--error' : 'field'}>
              <label className="field__label" htmlFor={commentId}>
                Comment for the author
              </label>
              <p className="field__hint" id={`${commentId}-hint`}>
                Optional when you approve; needed when you ask for changes or reject.
              </p>
              {problem && (
                <p className="field__error" id={`${commentId}-error`} role="alert">
                  <span className="visually-hidden">Error: </span>
                  {problem}
                </p>
              )}
              <textarea
                id={commentId}
                className="input input--full textarea"
                rows={3}
                value={comment}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`${commentId}-hint${problem ? ` ${commentId}-error` : ''}`}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            {post.approval.mayEditWhileApproving && post.pair && (
              <p className="muted">
                This is a bilingual post: to change it, request changes, so the author can change both halves
                together.
              </p>
            )}
            {post.approval.mayEditWhileApproving && !post.pair && (
              <div className="field">
                <div className="checkbox">
                  <input
                    id={`edit-${post.id}`}
                    type="checkbox"
                    checked={editing}
                    onChange={(e) => setEditing(e.target.checked)}
                  />
                  <label htmlFor={`edit-${post.id}`}>Change the shared text before approving</label>
                </div>
                {editing && (
                  <>
                    <label className="field__label" htmlFor={`edited-${post.id}`}>
                      Shared text
                    </label>
                    <textarea
                      id={`edited-${post.id}`}
                      className="input input--full textarea"
                      rows={4}
                      value={edited}
                      onChange={(e) => setEdited(e.target.value)}
                    />
                    {changed && (
                      <>
                        <p className="field__label">Your change</p>
                        <WordDiffView before={post.text} after={edited} />
                      </>
                    )}
                  </>
                )}
              </div>
            )}
            <div className="button-row">
              <button type="button" className="button" disabled={busy} onClick={() => void decide('approve')}>
                {changed ? 'Approve with your change' : `Approve “${name}”`}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void decide('request-changes')}
              >
                Request changes
              </button>
              <button
                type="button"
                className="button button--warning"
                disabled={busy}
                onClick={() => void decide('reject')}
              >
                Reject
              </button>
            </div>
          </>
        )}
      </article>
    </li>
  );
}

/** The post as it is, with the approver's new shared text (channels adapted by hand keep their own words). */
function editOf(post: Post, text: string): ComposePost {
  return {
    title: post.title ?? undefined,
    internalNote: post.internalNote ?? undefined,
    text,
    mediaIds: post.mediaIds,
    link: post.link ?? undefined,
    channels: post.targets.map((t) =>
      t.customised
        ? {
            channelId: t.channel.id,
            parts: t.parts.map((p) => ({ text: p.text, mediaIds: p.mediaIds, link: p.link ?? undefined })),
          }
        : { channelId: t.channel.id },
    ),
  };
}
