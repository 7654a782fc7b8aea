import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ConversationListItem } from '../../api/inbox';
import { NetworkIcon } from '../channels/network-icon';
import { AbuseShield } from './abuse-shield';
import { languageInWords, NETWORK_NAMES, priorityInWords, waitingInWords } from './inbox-words';

/** Lists up to this long are rendered whole; longer ones render only the rows in and near the scrolled view. */
export const WINDOW_FROM = 120;
/** Rows rendered above and below the visible ones, so quick scrolling and j/k never show a gap. */
const OVERSCAN = 15;
/** When this few loaded rows remain below the window, the next keyset page is asked for. */
const LOAD_AHEAD = 25;

interface Props {
  items: ConversationListItem[];
  search: string;
  currentId: string | undefined;
  /** The conversations chosen for a bulk change; undefined where the person cannot change conversations. */
  chosen: Set<string> | undefined;
  onChoose: (id: string, on: boolean) => void;
  /** The FOI clock of conversations holding an open FOI request, in words ("19 working days left"). */
  foiClocks: Map<string, string>;
  hasMore: boolean;
  onNeedMore: () => void;
}

/**
 * The middle pane's list. With 10,000 open conversations the page holds only the loaded keyset pages, and the
 * DOM only the rows near the scrolled view (plus spacers of the estimated height of the rest), so scrolling and
 * re-renders cost the same whatever the length. The next page loads as the window nears the end of what is
 * loaded; the "Show more" button below the list does the same for people who do not scroll.
 */
export function ConversationList(props: Props) {
  const { items, search, currentId, chosen, onChoose, foiClocks, hasMore, onNeedMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [rowHeight, setRowHeight] = useState(96);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const windowed = items.length > WINDOW_FROM;

  // The rows in view (by the estimated row height), whether or not the list is long enough to window.
  const inViewLast = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight));
  const first = windowed ? Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN) : 0;
  const last = windowed ? Math.min(items.length, inViewLast + OVERSCAN) : items.length;

  // The estimate follows the rows actually rendered (they wrap differently at 320 px and at 400% zoom).
  useLayoutEffect(() => {
    const rows = list.current?.querySelectorAll<HTMLElement>(':scope > li');
    if (!rows || rows.length === 0) return;
    let total = 0;
    rows.forEach((row) => (total += row.offsetHeight));
    const average = Math.max(24, Math.round(total / rows.length));
    if (Math.abs(average - rowHeight) > 2) setRowHeight(average);
  }, [first, last, items, rowHeight]);

  // What is in view: the list's own scrolling on wide screens, the page's on narrow ones (the list then grows).
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const measure = () => {
      const above = Math.max(0, -box.getBoundingClientRect().top);
      setScrollTop(box.scrollTop + above);
      setViewport(Math.min(box.clientHeight || window.innerHeight, window.innerHeight));
    };
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      box.removeEventListener('scroll', measure);
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, []);

  useEffect(() => {
    if (hasMore && inViewLast >= items.length - LOAD_AHEAD) onNeedMore();
  }, [hasMore, inViewLast, items.length, onNeedMore]);

  // j/k (or a link) may open a conversation outside the window: bring it into view.
  useEffect(() => {
    const box = scroller.current;
    if (!box || !currentId) return;
    const index = items.findIndex((i) => i.id === currentId);
    if (index < 0) return;
    const top = index * rowHeight;
    if (windowed && (top < box.scrollTop || top + rowHeight > box.scrollTop + box.clientHeight))
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [currentId, items, rowHeight, windowed]);

  return (
    <div ref={scroller} className="inbox__scroller" data-testid="conversation-scroller">
      <ul
        ref={list}
        className="inbox__items"
        aria-label="Conversations"
        style={
          windowed ? { paddingTop: first * rowHeight, paddingBottom: (items.length - last) * rowHeight } : {}
        }
      >
        {items.slice(first, last).map((item, i) => (
          <ConversationRow
            key={item.id}
            item={item}
            position={first + i + 1}
            search={search}
            current={item.id === currentId}
            chosen={chosen ? chosen.has(item.id) : undefined}
            foi={foiClocks.get(item.id)}
            onChoose={(on) => onChoose(item.id, on)}
          />
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  item: ConversationListItem;
  position: number;
  search: string;
  current: boolean;
  chosen: boolean | undefined;
  foi: string | undefined;
  onChoose: (on: boolean) => void;
}

function ConversationRow({ item, position, search, current, chosen, foi, onChoose }: RowProps) {
  const who = item.contact ? (item.contact.displayName ?? `@${item.contact.handle}`) : 'Someone';
  const waiting = waitingInWords(item.waitingSince);
  const language = languageInWords(item.language);
  const priority = priorityInWords(item.priority);
  return (
    <li className={`inbox__item${current ? ' inbox__item--current' : ''}`} aria-posinset={position}>
      {chosen !== undefined && (
        <input
          type="checkbox"
          className="inbox__choose"
          checked={chosen}
          aria-label={`Choose the conversation with ${who}`}
          onChange={(event) => onChoose(event.target.checked)}
        />
      )}
      <Link
        to={{ pathname: `/inbox/${item.id}`, search }}
        aria-current={current ? 'true' : undefined}
        className="inbox__item-link"
      >
        <span className="inbox__item-who">{who}</span>
        <span className="inbox__item-channel">
          <NetworkIcon network={item.channel.network} />{' '}
          {NETWORK_NAMES[item.channel.network] ?? item.channel.network}
        </span>
      </Link>
      <p className="inbox__item-preview">
        {item.previewAbusive ? (
          <AbuseShield text={item.preview ?? ''} compact />
        ) : (
          (item.preview ?? 'No words, only media')
        )}
      </p>
      <p className="inbox__item-meta muted">
        {waiting ? `Waiting ${waiting}` : item.status === 'closed' ? 'Closed' : 'Answered'}
        {' · '}
        {item.assignee ? `Assigned to ${item.assignee.name}` : 'Unassigned'}
        {language ? ` · ${language}` : ''}
        {priority ? ` · ${priority}` : ''}
        {item.tags.length > 0 ? ` · Tagged ${item.tags.join(', ')}` : ''}
      </p>
      {foi && <p className="inbox__item-foi">FOI request: {foi}</p>}
    </li>
  );
}
