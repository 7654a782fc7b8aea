import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { postsApi, type Post, type PostTarget } from '../../api/posts';
import { useAnnounce } from '../../components/announcer';
import { messageOf } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { NetworkIcon } from '../channels/network-icon';
import { PostPreview } from './post-preview';
import { WordDiffView } from './word-diff-view';
import { QuietNameFlags } from './quiet-name-flags';

/** While anything may still change by itself (a worker publishing), the page asks again this often. */
const POLL_MS = 3000;
const MOVING = new Set(['scheduled', 'publishing', 'approved']);

/** The post page: each channel's state in words, links to the live posts, attempts, reviews and audit trail. */
export function PostScreen() {
  const { postId = '' } = useParams();
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const post = useApiData(() => postsApi.get(orgId, postId), `${orgId}/${postId}`);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const announce = useAnnounce();

  const moving = post.data?.targets.some((t) => MOVING.has(t.state)) ?? false;
  const { reload } = post;
  useEffect(() => {
    if (!moving) return;
    const timer = window.setInterval(() => void reload(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [moving, reload]);

  // Says so when a channel's state changes by itself (published, failed) while the page is open.
  const [lastStates, setLastStates] = useState('');
  useEffect(() => {
    if (!post.data) return;
    const states = post.data.targets.map((t) => `${t.id}:${t.state}`).join(',');
    if (lastStates && states !== lastStates) announce(post.data.stateText);
    setLastStates(states);
  }, [post.data, lastStates, announce]);

  if (post.error && !post.data)
    return <LoadFailure what="the post" error={post.error} retry={() => void post.reload()} />;
  if (!post.data) return <Loading what="the post" />;
  const p: Post = post.data;
  const name = p.title || p.text.slice(0, 60) || 'Untitled post';
  const editable = p.targets.some((t) =>
    ['draft', 'changes_requested', 'in_review', 'approved', 'scheduled'].includes(t.state),
  );
  const cancellable = p.targets.some((t) =>
    ['in_review', 'approved', 'scheduled', 'draft'].includes(t.state),
  );

  async function run(action: () => Promise<{ message: string }>) {
    setProblem('');
    try {
      const answer = await action();
      setMessage(answer.message);
      await post.reload();
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <>
      <PageHeading title={name}>
        <p>{p.stateText}</p>
      </PageHeading>
      <StatusMessage>{message}</StatusMessage>
      {problem && (
        <p className="notice notice--problem" role="alert">
          {problem}
        </p>
      )}
      <QuietNameFlags flags={p.quietFlags} />
      <dl className="summary-list">
        <dt>Written by</dt>
        <dd>{p.author?.name ?? 'A former member'}</dd>
        {p.pair && (
          <>
            <dt>Languages</dt>
            <dd>
              Bilingual: {p.pair.name}. The {p.pair.halves[0].languageName} half goes out first and the{' '}
              {p.pair.halves[1].languageName} half straight after it; neither goes out alone.
            </dd>
          </>
        )}
        <dt>Approval</dt>
        <dd>
          {p.approval.required
            ? `${p.approval.approvals} of ${p.approval.approvalsRequired} approvals`
            : 'Not needed'}
        </dd>
      </dl>
      <div className="button-row">
        {editable && (
          <Link to={`/posts/${p.id}/edit`} className="button button--secondary">
            Edit
          </Link>
        )}
        {cancellable && (
          <button
            type="button"
            className="button button--warning"
            onClick={() => void run(() => postsApi.cancel(orgId, p.id))}
          >
            Cancel this post on every channel that has not published it
          </button>
        )}
      </div>

      <h2>{p.pair ? 'Channels and languages' : 'Channels'}</h2>
      <ul className="plain-list target-list">
        {p.targets.map((t) => (
          <TargetItem
            key={t.id}
            target={t}
            timeZone={timeZone}
            onRetry={() => void run(() => postsApi.publishTargetNow(orgId, p.id, t.id, t.version))}
            onCancel={() => void run(() => postsApi.cancelTarget(orgId, p.id, t.id, t.version))}
          />
        ))}
      </ul>

      <h2>Review history</h2>
      {p.reviews && p.reviews.length > 0 ? (
        <ol className="plain-list history">
          {p.reviews.map((r) => (
            <li key={r.id}>
              <strong>{r.decisionText}</strong>, {formatDateTime(r.createdAt, timeZone)}
              {r.comment && <blockquote>{r.comment}</blockquote>}
              {r.edit?.map((e) => (
                <div key={e.channelId ?? 'shared'}>
                  <p>
                    {e.channelId
                      ? `Changed for ${p.targets.find((t) => t.channel.id === e.channelId)?.channel.networkName ?? 'a channel'}:`
                      : 'Changed the shared text:'}
                  </p>
                  <WordDiffView before={e.before} after={e.after} />
                </div>
              ))}
            </li>
          ))}
        </ol>
      ) : (
        <p>Nobody has reviewed this post yet.</p>
      )}

      <h2>Audit trail</h2>
      {p.audit && p.audit.length > 0 ? (
        <ol className="plain-list history">
          {p.audit.map((a) => (
            <li key={a.id}>
              {formatDateTime(a.createdAt, timeZone)}: {a.action.replace(/[._]/g, ' ')} by {a.actor}
            </li>
          ))}
        </ol>
      ) : (
        <p>Nothing recorded yet.</p>
      )}
    </>
  );
}

function TargetItem({
  target: t,
  timeZone,
  onRetry,
  onCancel,
}: {
  target: PostTarget;
  timeZone: string;
  onRetry: () => void;
  onCancel: () => void;
}) {
  const label = `${t.languageName ? `${t.languageName} half on ` : ''}${t.channel.networkName} ${t.channel.handle}`;
  return (
    <li className="target">
      <section aria-label={label}>
        <h3>
          <NetworkIcon network={t.channel.network} /> {label}
          {t.channel.practice && <span className="tag">Practice</span>}
        </h3>
        <p className="target__state">{t.stateText}</p>
        {t.externalUrl && (
          <p>
            <a href={t.externalUrl} target="_blank" rel="noreferrer">
              View on {t.channel.networkName} ↗<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </p>
        )}
        <div className="button-row">
          {(t.state === 'failed' || t.state === 'missed') && (
            <button type="button" className="button" onClick={onRetry}>
              Try again now on {label}
            </button>
          )}
          {/* Half of a bilingual pair is cancelled with the whole post: neither half goes out alone. */}
          {!t.language && ['in_review', 'approved', 'scheduled'].includes(t.state) && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel on {label}
            </button>
          )}
        </div>
        <details className="details">
          <summary>What it says</summary>
          <div lang={t.language ?? undefined}>
            <PostPreview channel={t.channel} parts={t.parts} />
          </div>
        </details>
        {t.attempts && t.attempts.length > 0 && (
          <>
            <h4>Attempts</h4>
            <ol className="history">
              {t.attempts.map((a) => (
                <li key={a.id}>
                  {formatDateTime(a.startedAt, timeZone)}: {a.outcomeText}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </li>
  );
}
