import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { INBOX_VIEWS, type InboxCounts, type InboxView, type TagCount } from '../../api/inbox';
import type { Channel } from '../../api/types';
import { NetworkIcon } from '../channels/network-icon';
import { VIEW_LABELS } from './inbox-words';

/** The left pane: search, the views with their counts, replies waiting for approval, by channel, by tag. */
export function InboxViewsNav({
  view,
  channelId,
  tag,
  query,
  counts,
  channels,
  tags,
}: {
  view: InboxView;
  channelId: string | undefined;
  tag: string | undefined;
  query: string;
  counts: InboxCounts | undefined;
  channels: Channel[];
  tags: TagCount[];
}) {
  const navigate = useNavigate();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const link = (search: string, current: boolean, label: React.ReactNode, count?: number) => (
    <Link
      to={{ pathname: '/inbox', search }}
      aria-current={current ? 'page' : undefined}
      className="inbox__view-link"
    >
      <span>{label}</span>
      {count !== undefined && <span className="inbox__count">{count.toLocaleString('en-GB')}</span>}
    </Link>
  );
  return (
    <nav aria-label="Inbox views" className="inbox__views">
      <form
        role="search"
        className="inbox__search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim())
            navigate({ pathname: '/inbox', search: `?view=search&q=${encodeURIComponent(text.trim())}` });
        }}
      >
        <label htmlFor="inbox-search">Search messages and people</label>
        <input
          id="inbox-search"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </form>
      <ul>
        {INBOX_VIEWS.map((v) => (
          <li key={v}>{link(`?view=${v}`, v === view, VIEW_LABELS[v], counts?.[v])}</li>
        ))}
        <li>
          {link('?view=approvals', view === 'approvals', 'Waiting for approval', counts?.awaitingApproval)}
        </li>
      </ul>
      {channels.length > 0 && (
        <>
          <h2 className="inbox__views-heading" id="inbox-by-channel">
            By channel
          </h2>
          <ul aria-labelledby="inbox-by-channel">
            {channels.map((c) => (
              <li key={c.id}>
                {link(
                  `?view=channel&channelId=${c.id}`,
                  view === 'channel' && c.id === channelId,
                  <>
                    <NetworkIcon network={c.network} /> {c.networkName} {c.handle.startsWith('@') ? '' : '@'}
                    {c.handle}
                  </>,
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {tags.length > 0 && (
        <>
          <h2 className="inbox__views-heading" id="inbox-by-tag">
            By tag
          </h2>
          <ul aria-labelledby="inbox-by-tag">
            {tags.map((t) => (
              <li key={t.tag}>
                {link(
                  `?view=tag&tag=${encodeURIComponent(t.tag)}`,
                  view === 'tag' && t.tag === tag,
                  <>
                    <span aria-hidden="true">#</span>
                    {t.tag}
                  </>,
                  t.open,
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
