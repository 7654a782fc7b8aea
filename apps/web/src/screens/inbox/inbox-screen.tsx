import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  inboxApi,
  INBOX_VIEWS,
  type ConversationListItem,
  type InboxEvent,
  type InboxView,
  type Presence,
} from '../../api/inbox';
import { channelApi } from '../../api/endpoints';
import { useAnnounce } from '../../components/announcer';
import { ErrorSummary } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { NetworkIcon } from '../channels/network-icon';
import { ConversationPane, type ConversationActions } from './conversation-pane';
import { AbuseShield } from './abuse-shield';
import { isTypingTarget, languageInWords, NETWORK_NAMES, VIEW_LABELS, waitingInWords } from './inbox-words';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useInboxEvents } from './use-inbox-events';

/** What we know of who is looking at or typing in a conversation, and until when it holds. */
export interface LivePresence extends Presence {
  viewingUntil: number;
  typingUntil: number;
}

const PAGE_SIZE = 50;

/** Three panes (UI.md Inbox): views on the left, the list in the middle, the conversation on the right. */
export function InboxScreen() {
  const { organisation, session } = useSignedIn();
  const orgId = organisation.organisationId;
  const canWork = organisation.role !== 'viewer';
  const { conversationId } = useParams();
  const [params] = useSearchParams();
  const channelId = params.get('channelId') ?? undefined;
  const view = (
    params.get('view') === 'channel' && !channelId ? 'open' : (params.get('view') ?? 'open')
  ) as InboxView;
  // The list's place in the address, kept when a conversation opens so the list stays the same.
  const search =
    view === 'channel' ? `?view=channel&channelId=${encodeURIComponent(channelId ?? '')}` : `?view=${view}`;
  const channels = useApiData(() => channelApi.list(orgId), `channels:${orgId}`);
  const channelNow = channels.data?.channels.find((c) => c.id === channelId);
  const navigate = useNavigate();
  const announce = useAnnounce();

  const counts = useApiData(() => inboxApi.counts(orgId), orgId);
  const [items, setItems] = useState<ConversationListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [listState, setListState] = useState<'loading' | 'ready' | 'more'>('loading');
  const [listError, setListError] = useState<unknown>(null);
  const listGeneration = useRef(0);

  const loadFirstPage = useCallback(
    async (keepLoaded: boolean) => {
      const mine = ++listGeneration.current;
      if (!keepLoaded) setListState('loading');
      try {
        const page = await inboxApi.conversations(orgId, view, { channelId, limit: PAGE_SIZE });
        if (mine !== listGeneration.current) return;
        setItems((old) => {
          if (!keepLoaded) return page.items;
          // Pages already loaded below the first stay; the first page replaces what it now covers.
          const seen = new Set(page.items.map((i) => i.id));
          const last = page.items[page.items.length - 1];
          const rest =
            page.nextCursor && last
              ? old.filter((i) => !seen.has(i.id) && i.lastMessageAt < last.lastMessageAt)
              : [];
          return [...page.items, ...rest];
        });
        if (!keepLoaded) setNextCursor(page.nextCursor);
        setListError(null);
      } catch (error) {
        if (mine === listGeneration.current) setListError(error);
      } finally {
        if (mine === listGeneration.current) setListState('ready');
      }
    },
    [orgId, view, channelId],
  );

  useEffect(() => {
    void loadFirstPage(false);
  }, [loadFirstPage]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setListState('more');
    try {
      const page = await inboxApi.conversations(orgId, view, {
        channelId,
        cursor: nextCursor,
        limit: PAGE_SIZE,
      });
      setItems((old) => [...old, ...page.items.filter((i) => !old.some((o) => o.id === i.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setListError(error);
    } finally {
      setListState('ready');
    }
  };

  const detail = useApiData(
    () => (conversationId ? inboxApi.conversation(orgId, conversationId) : Promise.resolve(undefined)),
    `${orgId}:${conversationId ?? ''}`,
  );

  const [presence, setPresence] = useState<Record<string, LivePresence>>({});
  const rememberPresence = useCallback((p: Presence) => {
    const now = Date.now();
    setPresence((old) => ({
      ...old,
      [p.conversationId]: {
        ...p,
        viewingUntil: now + (p.viewingTtlMs ?? 20_000),
        typingUntil: now + (p.typingTtlMs ?? 6_000),
      },
    }));
  }, []);
  useEffect(() => {
    if (detail.data?.presence) rememberPresence(detail.data.presence);
  }, [detail.data, rememberPresence]);

  // Events name what changed; several arriving together become one re-read.
  const refreshTimer = useRef<number | undefined>(undefined);
  const pendingDetail = useRef(false);
  const scheduleRefresh = (withDetail: boolean) => {
    pendingDetail.current ||= withDetail;
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => {
      void counts.reload();
      void loadFirstPage(true);
      if (pendingDetail.current) void detail.reload();
      pendingDetail.current = false;
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  useInboxEvents(orgId, (event: InboxEvent) => {
    if (event.type === 'presence') {
      rememberPresence(event);
      return;
    }
    scheduleRefresh(event.conversationId === conversationId);
    if (event.type === 'reply.updated' && event.conversationId === conversationId) {
      if (event.state === 'sent') announce('The reply was sent.');
      if (event.state === 'failed') announce('A reply could not be sent. It has a Retry button.');
    }
    if (event.type === 'message.created' && event.direction === 'in')
      announce('A new message arrived in the inbox.');
  });

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkProblem, setBulkProblem] = useState<unknown>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  useEffect(() => setSelected(new Set()), [search]);
  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const bulk = async (action: 'assign' | 'close', words: string) => {
    setBulkBusy(true);
    setBulkProblem(null);
    try {
      const ids = [...selected];
      const result = await inboxApi.bulk(
        orgId,
        ids,
        action,
        action === 'assign' ? { assigneeId: session.user.id } : {},
      );
      setSelected(new Set());
      announce(`${result.changed} ${result.changed === 1 ? 'conversation' : 'conversations'} ${words}.`);
      void counts.reload();
      void loadFirstPage(true);
      if (conversationId && ids.includes(conversationId)) void detail.reload();
    } catch (error) {
      setBulkProblem(error);
    } finally {
      setBulkBusy(false);
    }
  };

  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const actionsRef = useRef<ConversationActions | null>(null);

  // Where j and k move from: the conversation last moved to, so quick presses do not wait for each render.
  const cursorId = useRef(conversationId);
  useEffect(() => {
    cursorId.current = conversationId;
  }, [conversationId]);
  const open = useCallback(
    (id: string) => {
      cursorId.current = id;
      navigate({ pathname: `/inbox/${id}`, search });
    },
    [navigate, search],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]') && event.key !== '?') return;
      const index = items.findIndex((i) => i.id === cursorId.current);
      const actions = actionsRef.current;
      switch (event.key) {
        case 'j': {
          const next = items[index + 1] ?? (index === -1 ? items[0] : undefined);
          if (next) open(next.id);
          break;
        }
        case 'k': {
          const previous = index > 0 ? items[index - 1] : undefined;
          if (previous) open(previous.id);
          break;
        }
        case 'a':
          if (actions?.assignToMe) void actions.assignToMe();
          else return;
          break;
        case 'e':
          if (actions?.close) void actions.close();
          else return;
          break;
        case 's':
          if (actions?.snooze) void actions.snooze();
          else return;
          break;
        case 'r':
          if (!replyRef.current) return;
          replyRef.current.focus();
          break;
        case '?':
          setShortcutsOpen(true);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, open]);

  const reloadCounts = counts.reload;
  const reloadDetail = detail.reload;
  const afterChange = useCallback(() => {
    void reloadCounts();
    void loadFirstPage(true);
    void reloadDetail();
  }, [reloadCounts, loadFirstPage, reloadDetail]);

  return (
    <div className={`inbox${conversationId ? ' inbox--reading' : ''}`}>
      <PageHeading title="Inbox">
        <button type="button" className="button button--secondary" onClick={() => setShortcutsOpen(true)}>
          Keyboard shortcuts
        </button>
      </PageHeading>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <div className="inbox__panes">
        <nav aria-label="Inbox views" className="inbox__views">
          <ul>
            {INBOX_VIEWS.map((v) => (
              <li key={v}>
                <Link
                  to={{ pathname: '/inbox', search: `?view=${v}` }}
                  aria-current={v === view ? 'page' : undefined}
                  className="inbox__view-link"
                >
                  <span>{VIEW_LABELS[v]}</span>
                  {counts.data && (
                    <span className="inbox__count">{counts.data[v].toLocaleString('en-GB')}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
          {channels.data && channels.data.channels.length > 0 && (
            <>
              <h2 className="inbox__views-heading" id="inbox-by-channel">
                By channel
              </h2>
              <ul aria-labelledby="inbox-by-channel">
                {channels.data.channels.map((c) => (
                  <li key={c.id}>
                    <Link
                      to={{ pathname: '/inbox', search: `?view=channel&channelId=${c.id}` }}
                      aria-current={view === 'channel' && c.id === channelId ? 'page' : undefined}
                      className="inbox__view-link"
                    >
                      <span>
                        <NetworkIcon network={c.network} /> {c.networkName}{' '}
                        {c.handle.startsWith('@') ? '' : '@'}
                        {c.handle}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>

        <section aria-labelledby="inbox-list-heading" className="inbox__list">
          <h2 id="inbox-list-heading">
            {view === 'channel'
              ? channelNow
                ? `${channelNow.networkName} ${channelNow.handle.startsWith('@') ? '' : '@'}${channelNow.handle}`
                : 'One channel'
              : (VIEW_LABELS[view] ?? 'Conversations')}
          </h2>
          {listError ? <ErrorSummary error={listError} title="The list did not load" /> : null}
          {canWork && selected.size > 0 && (
            <div className="inbox__bulk" role="group" aria-label="Change the chosen conversations">
              <p>{selected.size} chosen</p>
              <button
                type="button"
                className="button button--secondary"
                disabled={bulkBusy}
                onClick={() => void bulk('assign', 'assigned to you')}
              >
                Assign to me
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={bulkBusy}
                onClick={() => void bulk('close', 'closed')}
              >
                Close them
              </button>
              <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
                Clear the choice
              </button>
            </div>
          )}
          {bulkProblem ? <ErrorSummary error={bulkProblem} /> : null}
          {listState === 'loading' ? (
            <Loading what="conversations" />
          ) : items.length === 0 ? (
            <p className="muted">Nothing here. New messages appear as they arrive.</p>
          ) : (
            <ul className="inbox__items">
              {items.map((item) => (
                <ConversationRow
                  key={item.id}
                  item={item}
                  search={search}
                  current={item.id === conversationId}
                  chosen={canWork ? selected.has(item.id) : undefined}
                  onChoose={(on) => toggle(item.id, on)}
                />
              ))}
            </ul>
          )}
          {nextCursor && listState !== 'loading' && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void loadMore()}
              disabled={listState === 'more'}
            >
              {listState === 'more' ? 'Loading more…' : 'Show more conversations'}
            </button>
          )}
        </section>

        <section aria-label="Conversation" className="inbox__conversation">
          {!conversationId ? (
            <p className="muted">Choose a conversation to read it. Press ? for keyboard shortcuts.</p>
          ) : detail.error ? (
            <LoadFailure what="the conversation" error={detail.error} retry={() => void detail.reload()} />
          ) : !detail.data ? (
            <Loading what="the conversation" />
          ) : (
            <ConversationPane
              orgId={orgId}
              detail={detail.data}
              canWork={canWork}
              me={session.user}
              presence={presence[detail.data.id]}
              replyRef={replyRef}
              actionsRef={actionsRef}
              onChanged={afterChange}
              backTo={`/inbox${search}`}
            />
          )}
        </section>
      </div>
    </div>
  );
}

interface RowProps {
  item: ConversationListItem;
  search: string;
  current: boolean;
  /** Whether it is chosen for a bulk change; undefined where the person cannot change conversations. */
  chosen: boolean | undefined;
  onChoose: (on: boolean) => void;
}

function ConversationRow({ item, search, current, chosen, onChoose }: RowProps) {
  const who = item.contact ? (item.contact.displayName ?? `@${item.contact.handle}`) : 'Someone';
  const waiting = waitingInWords(item.waitingSince);
  const language = languageInWords(item.language);
  return (
    <li className={`inbox__item${current ? ' inbox__item--current' : ''}`}>
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
      </p>
    </li>
  );
}
