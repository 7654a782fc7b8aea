import { useCallback, useEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import { Link } from 'react-router-dom';
import { inboxApi, type ConversationDetail } from '../../api/inbox';
import type { Role, SessionUser } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { NetworkIcon } from '../channels/network-icon';
import { AssignPicker } from './assign-picker';
import { ContactPanel } from './contact-panel';
import { ConversationLabels } from './conversation-labels';
import { CannedReplyPicker, NoteForm } from './conversation-tools';
import type { LivePresence } from './inbox-screen';
import { SafeguardingPanel } from './safeguarding-panel';
import { languageInWords, namesInWords, NETWORK_NAMES, waitingInWords } from './inbox-words';
import { useThread } from './use-thread';
import { TimelineEntry, type EntryContext } from './timeline-entry';

/** What the keyboard shortcuts can do to the open conversation (null where the person may not). */
export interface ConversationActions {
  assignToMe: (() => Promise<void>) | null;
  close: (() => Promise<void>) | null;
  snooze: (() => Promise<void>) | null;
}

interface Props {
  orgId: string;
  detail: ConversationDetail;
  canWork: boolean;
  role: Role;
  csrfToken: string;
  me: SessionUser;
  presence: LivePresence | undefined;
  replyRef: RefObject<HTMLTextAreaElement | null>;
  actionsRef: MutableRefObject<ConversationActions | null>;
  onChanged: () => void;
  backTo: string;
}

const HEARTBEAT_MS = 10_000;
const TYPING_EVERY_MS = 3_000;

/** 9am tomorrow in the browser's time zone: when a snoozed conversation comes back. */
function tomorrowMorning(): string {
  const when = new Date();
  when.setDate(when.getDate() + 1);
  when.setHours(9, 0, 0, 0);
  return when.toISOString();
}

export function ConversationPane(props: Props) {
  const { orgId, detail, canWork, role, csrfToken, me, presence, replyRef, actionsRef, onChanged, backTo } =
    props;
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const lastTyping = useRef(0);
  const who = detail.contact ? (detail.contact.displayName ?? `@${detail.contact.handle}`) : 'Someone';

  // Say we are here every 10 s while the conversation is open, and that we left when it closes.
  useEffect(() => {
    const beat = () => void inboxApi.presence(orgId, detail.id, {}).catch(() => undefined);
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    return () => {
      window.clearInterval(timer);
      void inboxApi.presence(orgId, detail.id, { left: true }).catch(() => undefined);
    };
  }, [orgId, detail.id]);

  // Presence holds only for its time to live; re-render once a second so a person who left disappears.
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const others = (people: { userId: string; name: string }[]) =>
    people.filter((p) => p.userId !== me.id).map((p) => p.name);
  const viewing = presence && presence.viewingUntil > now ? others(presence.viewing) : [];
  const typing = presence && presence.typingUntil > now ? others(presence.typing) : [];

  const act = useCallback(
    async (what: string, change: () => Promise<unknown>) => {
      setBusy(true);
      setProblem(null);
      try {
        await change();
        setStatus(what);
        onChanged();
      } catch (error) {
        setProblem(error);
      } finally {
        setBusy(false);
      }
    },
    [onChanged],
  );

  const assignToMe = useCallback(
    () => act('Assigned to you.', () => inboxApi.assign(orgId, detail.id, me.id)),
    [act, orgId, detail.id, me.id],
  );
  const close = useCallback(
    () => act('Conversation closed.', () => inboxApi.setStatus(orgId, detail.id, 'closed')),
    [act, orgId, detail.id],
  );
  const reopen = () => act('Conversation reopened.', () => inboxApi.setStatus(orgId, detail.id, 'open'));
  const snooze = useCallback(
    () =>
      act('Snoozed until 9am tomorrow.', () =>
        inboxApi.setStatus(orgId, detail.id, 'snoozed', tomorrowMorning()),
      ),
    [act, orgId, detail.id],
  );

  useEffect(() => {
    actionsRef.current = canWork
      ? {
          assignToMe: detail.assignee?.id === me.id ? null : assignToMe,
          close: detail.status === 'closed' ? null : close,
          snooze: detail.status === 'snoozed' ? null : snooze,
        }
      : null;
    return () => {
      actionsRef.current = null;
    };
  }, [actionsRef, canWork, detail.assignee, detail.status, me.id, assignToMe, close, snooze]);

  const onType = (value: string) => {
    setText(value);
    if (value && Date.now() - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      void inboxApi.presence(orgId, detail.id, { typing: true }).catch(() => undefined);
    }
  };

  const send = async () => {
    if (!text.trim()) {
      setProblem(new Error('Write the reply first.'));
      return;
    }
    await act('Reply sent on its way.', async () => {
      await inboxApi.reply(orgId, detail.id, text);
      setText('');
    });
  };

  const changedBy = useCallback(
    (what: string) => {
      setStatus(what);
      onChanged();
    },
    [onChanged],
  );
  const thread = useThread(orgId, detail);
  const context: EntryContext = {
    orgId,
    detail,
    canWork,
    role,
    meId: me.id,
    foi: thread.foi,
    onChanged: (what) => {
      changedBy(what);
      void thread.reloadFoi();
    },
  };

  const waiting = waitingInWords(detail.waitingSince);
  const language = languageInWords(detail.language);

  return (
    <article className="inbox__detail" aria-labelledby="conversation-heading">
      <Link to={backTo} className="inbox__back">
        Back to the list
      </Link>
      <h2 id="conversation-heading">{who}</h2>
      <p className="muted">
        <NetworkIcon network={detail.channel.network} />{' '}
        {NETWORK_NAMES[detail.channel.network] ?? detail.channel.network} ·{' '}
        {detail.channel.displayName ?? `@${detail.channel.handle}`} · {statusWords(detail.status)}
        {waiting ? ` · waiting ${waiting}` : ''}
        {language ? ` · ${language}` : ''}
        {' · '}
        {detail.assignee
          ? `Assigned to ${detail.assignee.id === me.id ? 'you' : detail.assignee.name}`
          : 'Unassigned'}
      </p>
      <SafeguardingPanel flag={detail.safeguarding} />
      <p className="inbox__presence" data-testid="presence">
        {viewing.length > 0 && `${namesInWords(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing. `}
      </p>
      <p className="inbox__presence" role="status" data-testid="typing">
        {typing.length > 0 && `${namesInWords(typing)} ${typing.length === 1 ? 'is' : 'are'} typing a reply…`}
      </p>

      {canWork && (
        <div className="inbox__actions" role="group" aria-label="Work on this conversation">
          {detail.assignee?.id !== me.id && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void assignToMe()}
            >
              Assign to me
            </button>
          )}
          {detail.status === 'closed' ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void reopen()}
            >
              Reopen
            </button>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void close()}
            >
              Close
            </button>
          )}
          {detail.status !== 'snoozed' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void snooze()}
            >
              Snooze until tomorrow
            </button>
          )}
        </div>
      )}
      {canWork && <AssignPicker orgId={orgId} detail={detail} meId={me.id} onAssigned={changedBy} />}
      <ConversationLabels orgId={orgId} detail={detail} canWork={canWork} onSaved={changedBy} />
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {problem ? <ErrorSummary error={problem} /> : null}

      <h3 className="visually-hidden">Messages and notes</h3>
      {thread.olderCursor && (
        <button
          type="button"
          className="button button--secondary"
          disabled={thread.loadingOlder}
          onClick={() => void thread.loadOlder()}
        >
          {thread.loadingOlder ? 'Loading older messages…' : 'Show older messages'}
        </button>
      )}
      {thread.problem ? <ErrorSummary error={thread.problem} /> : null}
      <ol className="inbox__timeline">
        {thread.timeline.map((item) => (
          <TimelineEntry key={item.id} item={item} context={context} />
        ))}
      </ol>

      {canWork ? (
        <form
          className="inbox__reply"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <CannedReplyPicker
            orgId={orgId}
            conversationId={detail.id}
            onInsert={(canned) => onType(text ? `${text}\n${canned}` : canned)}
          />
          <label htmlFor="reply-text">Reply to {who}</label>
          <textarea
            id="reply-text"
            ref={replyRef}
            rows={4}
            value={text}
            onChange={(event) => onType(event.target.value)}
          />
          <button type="submit" className="button" disabled={busy}>
            Send reply
          </button>
        </form>
      ) : (
        <p className="muted">You can read this conversation. Viewers do not reply.</p>
      )}
      {canWork && <NoteForm orgId={orgId} conversationId={detail.id} onAdded={onChanged} />}

      {detail.contactPanel && (
        <ContactPanel
          orgId={orgId}
          csrfToken={csrfToken}
          detail={detail}
          panel={detail.contactPanel}
          role={role}
          onChanged={changedBy}
        />
      )}
    </article>
  );
}

function statusWords(status: string): string {
  return { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', closed: 'Closed' }[status] ?? status;
}
