import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  inboxApi,
  type ConversationListItem,
  type InboxEvent,
  type InboxView,
  type Presence,
} from '../../api/inbox';
import { channelApi } from '../../api/endpoints';
import { recordsApi } from '../../api/records';
import { useAnnounce } from '../../components/announcer';
import { ErrorSummary } from '../../components/error-summary';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { ApprovalsQueue } from './approvals-queue';
import { BulkBar } from './bulk-bar';
import { ConversationList } from './conversation-list';
import { ConversationPane, type ConversationActions } from './conversation-pane';
import { InboxViewsNav } from './inbox-views-nav';
import { isTypingTarget, VIEW_LABELS } from './inbox-words';
import { SearchResults } from './search-results';
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
  const tag = params.get('tag') ?? undefined;
  const query = params.get('q') ?? '';
  const asked = params.get('view') ?? 'open';
  const view = (
    (asked === 'channel' && !channelId) || (asked === 'tag' && !tag) || (asked === 'search' && !query)
      ? 'open'
      : asked
  ) as InboxView;
  // The list's place in the address, kept when a conversation opens so the list stays the same.
  const search =
    view === 'channel'
      ? `?view=channel&channelId=${encodeURIComponent(channelId ?? '')}`
      : view === 'tag'
        ? `?view=tag&tag=${encodeURIComponent(tag ?? '')}`
        : view === 'search'
          ? `?view=search&q=${encodeURIComponent(query)}`
          : `?view=${view}`;
  const listsConversations = view !== 'approvals' && view !== 'search';
  const channels = useApiData(() => channelApi.list(orgId), `channels:${orgId}`);
  const channelNow = channels.data?.channels.find((c) => c.id === channelId);
  const navigate = useNavigate();
  const announce = useAnnounce();

  const counts = useApiData(() => inboxApi.counts(orgId), orgId);
  const tags = useApiData(() => inboxApi.tags(orgId), `tags:${orgId}`);
  // Open FOI requests' clocks, shown on their conversations in the list (issue 7: the clock is in the inbox).
  const foi = useApiData(() => recordsApi.foiRequests(orgId, 'open'), `foi:${orgId}`);
  const foiClocks = useMemo(() => {
    const clocks = new Map<string, { left: number; words: string }>();
    for (const f of foi.data?.items ?? []) {
      const left = f.workingDaysLeft ?? 0;
      const known = clocks.get(f.conversationId);
      if (!known || left < known.left) clocks.set(f.conversationId, { left, words: f.clockInWords });
    }
    return new Map([...clocks].map(([id, c]) => [id, c.words]));
  }, [foi.data]);
  const [approvalsVersion, setApprovalsVersion] = useState(0);
  const [items, setItems] = useState<ConversationListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [listState, setListState] = useState<'loading' | 'ready' | 'more'>('loading');
  const [listError, setListError] = useState<unknown>(null);
  const listGeneration = useRef(0);

  const loadFirstPage = useCallback(
    async (keepLoaded: boolean) => {
      const mine = ++listGeneration.current;
      if (!listsConversations) {
        setItems([]);
        setNextCursor(null);
        setListState('ready');
        return;
      }
      if (!keepLoaded) setListState('loading');
      try {
        const page = await inboxApi.conversations(orgId, view, { channelId, tag, limit: PAGE_SIZE });
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
    [orgId, view, channelId, tag, listsConversations],
  );

  useEffect(() => {
    void loadFirstPage(false);
  }, [loadFirstPage]);

  // One page at a time: the window asks again as it scrolls, and a request already on its way is not repeated.
  const loadingMore = useRef(false);
  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    setListState('more');
    try {
      const page = await inboxApi.conversations(orgId, view, {
        channelId,
        tag,
        cursor: nextCursor,
        limit: PAGE_SIZE,
      });
      setItems((old) => {
        const seen = new Set(old.map((o) => o.id));
        return [...old, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setNextCursor(page.nextCursor);
    } catch (error) {
      setListError(error);
    } finally {
      loadingMore.current = false;
      setListState('ready');
    }
  }, [orgId, view, channelId, tag, nextCursor]);

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
      void tags.reload();
      setApprovalsVersion((v) => v + 1);
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
  useEffect(() => setSelected(new Set()), [search]);
  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const afterBulk = (what: string, ids: string[]) => {
    setSelected(new Set());
    announce(what);
    void counts.reload();
    void tags.reload();
    void loadFirstPage(true);
    if (conversationId && ids.includes(conversationId)) void detail.reload();
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
  const reloadTags = tags.reload;
  const reloadFoi = foi.reload;
  const afterChange = useCallback(() => {
    void reloadCounts();
    void reloadTags();
    void reloadFoi();
    setApprovalsVersion((v) => v + 1);
    void loadFirstPage(true);
    void reloadDetail();
  }, [reloadCounts, reloadTags, reloadFoi, loadFirstPage, reloadDetail]);

  const listHeading =
    view === 'channel'
      ? channelNow
        ? `${channelNow.networkName} ${channelNow.handle.startsWith('@') ? '' : '@'}${channelNow.handle}`
        : 'One channel'
      : view === 'tag'
        ? `Tagged ${tag}`
        : view === 'search'
          ? `Search: ${query}`
          : view === 'approvals'
            ? 'Replies waiting for approval'
            : (VIEW_LABELS[view] ?? 'Conversations');

  return (
    <div className={`inbox${conversationId ? ' inbox--reading' : ''}`}>
      <PageHeading title="Inbox">
        <Link to="/inbox/canned-replies" className="button button--secondary">
          Canned replies
        </Link>
        <button type="button" className="button button--secondary" onClick={() => setShortcutsOpen(true)}>
          Keyboard shortcuts
        </button>
      </PageHeading>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <div className="inbox__panes">
        <InboxViewsNav
          view={view}
          channelId={channelId}
          tag={tag}
          query={query}
          counts={counts.data}
          channels={channels.data?.channels ?? []}
          tags={tags.data?.items ?? []}
        />

        <section aria-labelledby="inbox-list-heading" className="inbox__list">
          <h2 id="inbox-list-heading">{listHeading}</h2>
          {view === 'approvals' ? (
            <ApprovalsQueue
              orgId={orgId}
              search={search}
              currentId={conversationId}
              version={approvalsVersion}
            />
          ) : view === 'search' ? (
            <SearchResults orgId={orgId} query={query} search={search} />
          ) : (
            <>
              {listError ? <ErrorSummary error={listError} title="The list did not load" /> : null}
              {canWork && selected.size > 0 && (
                <BulkBar
                  orgId={orgId}
                  meId={session.user.id}
                  chosen={selected}
                  onDone={afterBulk}
                  onClear={() => setSelected(new Set())}
                />
              )}
              {listState === 'loading' ? (
                <Loading what="conversations" />
              ) : items.length === 0 ? (
                <p className="muted">Nothing here. New messages appear as they arrive.</p>
              ) : (
                <ConversationList
                  items={items}
                  search={search}
                  currentId={conversationId}
                  chosen={canWork ? selected : undefined}
                  onChoose={toggle}
                  foiClocks={foiClocks}
                  hasMore={!!nextCursor}
                  onNeedMore={() => void loadMore()}
                />
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
            </>
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
              role={organisation.role}
              csrfToken={session.csrfToken}
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
