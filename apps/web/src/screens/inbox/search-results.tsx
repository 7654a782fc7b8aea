import { useState } from 'react';
import { Link } from 'react-router-dom';
import { inboxApi, type SearchResults as Results } from '../../api/inbox';
import { ErrorSummary } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { Loading } from '../../components/loading';
import { useApiData } from '../../components/use-api-data';
import { AbuseShield } from './abuse-shield';
import { NETWORK_NAMES } from './inbox-words';

/**
 * Ranked full-text search over messages (best match first, paged by cursor) and people. A message opens its
 * conversation; a person opens their latest conversation, where the panel lists the others.
 */
export function SearchResults({ orgId, query, search }: { orgId: string; query: string; search: string }) {
  const first = useApiData(() => inboxApi.search(orgId, query), `search:${orgId}:${query}`);
  const [more, setMore] = useState<Results['messages']>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (first.error) return <ErrorSummary error={first.error} title="The search did not work" />;
  if (!first.data) return <Loading what="search results" />;
  const next = cursor === undefined ? first.data.nextCursor : cursor;
  const messages = [...first.data.messages, ...more];
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await inboxApi.search(orgId, query, next);
      setMore((old) => [...old, ...page.messages]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="inbox__search-results">
      <p role="status">
        {messages.length === 0 && first.data.contacts.length === 0
          ? `Nothing matches “${query}”. Try fewer or different words.`
          : `${messages.length}${next ? ' or more' : ''} ${messages.length === 1 ? 'message' : 'messages'} and ${first.data.contacts.length} ${first.data.contacts.length === 1 ? 'person' : 'people'} match “${query}”.`}
      </p>
      {first.data.contacts.length > 0 && (
        <>
          <h3>People</h3>
          <ul className="inbox__items" aria-label="People who match">
            {first.data.contacts.map((c) => (
              <li key={c.id} className="inbox__item">
                <ContactResult orgId={orgId} contactId={c.id} search={search}>
                  {c.displayName ?? `@${c.handle}`} (@{c.handle} on {NETWORK_NAMES[c.network] ?? c.network})
                </ContactResult>
              </li>
            ))}
          </ul>
        </>
      )}
      {messages.length > 0 && (
        <>
          <h3>Messages, best match first</h3>
          <ul className="inbox__items" aria-label="Messages that match">
            {messages.map((m) => (
              <li key={m.messageId} className="inbox__item">
                <Link to={{ pathname: `/inbox/${m.conversationId}`, search }} className="inbox__item-link">
                  <span className="inbox__item-who">
                    {m.contact ? (m.contact.displayName ?? `@${m.contact.handle}`) : 'Our team'}
                  </span>
                  <span className="inbox__item-channel">{formatDateTime(m.at)}</span>
                </Link>
                <p className="inbox__item-preview">
                  {m.abusive ? <AbuseShield text={m.body} compact /> : m.body}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {problem ? <ErrorSummary error={problem} /> : null}
      {next && (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void loadMore()}
        >
          {busy ? 'Loading more…' : 'Show more messages'}
        </button>
      )}
    </div>
  );
}

/** A person found by search: the link opens their latest conversation (looked up when followed). */
function ContactResult({
  orgId,
  contactId,
  search,
  children,
}: {
  orgId: string;
  contactId: string;
  search: string;
  children: React.ReactNode;
}) {
  const panel = useApiData(() => inboxApi.contact(orgId, contactId), `contact:${orgId}:${contactId}`);
  const latest = panel.data?.conversations[0];
  if (!latest) return <span className="inbox__item-who">{children}</span>;
  return (
    <Link to={{ pathname: `/inbox/${latest.id}`, search }} className="inbox__item-link">
      <span className="inbox__item-who">{children}</span>
      <span className="inbox__item-channel">{panel.data!.conversations.length} conversations</span>
    </Link>
  );
}
