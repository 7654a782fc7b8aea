import { useState } from 'react';
import { Link } from 'react-router-dom';
import { inboxApi, type AwaitingReply } from '../../api/inbox';
import { ErrorSummary } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { Loading } from '../../components/loading';
import { useApiData } from '../../components/use-api-data';
import { NetworkIcon } from '../channels/network-icon';
import { NETWORK_NAMES } from './inbox-words';

/**
 * Replies waiting for an approver, oldest first. Each opens its conversation, where the approver reads the
 * thread and approves the reply or sends it back with a reason.
 */
export function ApprovalsQueue({
  orgId,
  search,
  currentId,
  version,
}: {
  orgId: string;
  search: string;
  currentId: string | undefined;
  /** Changes when an event says replies may have moved on: the queue is read again. */
  version: number;
}) {
  const first = useApiData(() => inboxApi.awaiting(orgId), `awaiting:${orgId}:${version}`);
  const [more, setMore] = useState<AwaitingReply[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;
  if (first.error) return <ErrorSummary error={first.error} title="The replies waiting did not load" />;
  if (!first.data) return <Loading what="replies waiting for approval" />;
  const items = [
    ...first.data.items,
    ...more.filter((m) => !first.data!.items.some((i) => i.messageId === m.messageId)),
  ];
  if (items.length === 0) return <p className="muted">No replies are waiting for approval.</p>;
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await inboxApi.awaiting(orgId, next);
      setMore((old) => [...old, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <ul className="inbox__items inbox__scroller" aria-label="Replies waiting for approval">
        {items.map((r) => {
          const who = r.contact ? (r.contact.displayName ?? `@${r.contact.handle}`) : 'someone';
          return (
            <li
              key={r.messageId}
              className={`inbox__item${r.conversationId === currentId ? ' inbox__item--current' : ''}`}
            >
              <Link
                to={{ pathname: `/inbox/${r.conversationId}`, search }}
                aria-current={r.conversationId === currentId ? 'true' : undefined}
                className="inbox__item-link"
              >
                <span className="inbox__item-who">
                  {r.author?.name ?? 'Someone'}’s reply to {who}
                </span>
                <span className="inbox__item-channel">
                  <NetworkIcon network={r.channel.network} />{' '}
                  {NETWORK_NAMES[r.channel.network] ?? r.channel.network}
                </span>
              </Link>
              <p className="inbox__item-preview">{r.body}</p>
              <p className="inbox__item-meta muted">
                Written {formatDateTime(r.createdAt)}
                {r.approvalReason ? ` · ${r.approvalReason}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
      {problem ? <ErrorSummary error={problem} /> : null}
      {next && (
        <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
          Show more replies
        </button>
      )}
    </>
  );
}
