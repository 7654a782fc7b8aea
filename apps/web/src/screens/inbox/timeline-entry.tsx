import { useRef, useState } from 'react';
import { inboxApi, type ConversationDetail, type TimelineItem } from '../../api/inbox';
import { recordsApi, type FoiRequest } from '../../api/records';
import type { Role } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { AbuseShield } from './abuse-shield';
import { AuthorChanges } from './author-changes';
import { namesInWords, NETWORK_NAMES, replyStateInWords } from './inbox-words';
import { ReasonForm } from './reason-form';

/** Roles that approve replies and delete comments on the network (the API's REPLY_APPROVERS). */
export const APPROVER_ROLES: Role[] = ['owner', 'admin', 'approver'];

export interface EntryContext {
  orgId: string;
  detail: ConversationDetail;
  canWork: boolean;
  role: Role;
  meId: string;
  /** Open FOI requests of this conversation, by the message marked. */
  foi: Map<string, FoiRequest>;
  onChanged: (what: string) => void;
}

/** One message or internal note in the conversation, with what a person may do to it. */
export function TimelineEntry({ item, context }: { item: TimelineItem; context: EntryContext }) {
  const body = item.abusive ? <AbuseShield text={item.body} /> : item.body;
  if (item.type === 'note') {
    return (
      <li className="inbox__entry inbox__entry--note">
        <p className="inbox__entry-who">
          Internal note by {item.by?.name ?? 'someone'} · {formatDateTime(item.at)}
        </p>
        <p className="inbox__entry-body">{body}</p>
        {item.mentioned && item.mentioned.length > 0 && (
          <p className="inbox__entry-who">Told {namesInWords(item.mentioned.map((m) => m.name))}</p>
        )}
      </li>
    );
  }
  if (item.direction === 'out') {
    return (
      <li className="inbox__entry inbox__entry--out">
        <p className="inbox__entry-who">
          {item.outbound?.automatic
            ? 'Automatic out-of-hours reply'
            : `Reply from ${item.outbound?.author?.name ?? 'our team'}`}{' '}
          · {formatDateTime(item.at)}
        </p>
        <p className="inbox__entry-body">{body}</p>
        <OutboundState item={item} context={context} />
      </li>
    );
  }
  const author = item.author ? (item.author.displayName ?? `@${item.author.handle}`) : 'Someone';
  const foi = context.foi.get(item.id);
  return (
    <li className="inbox__entry inbox__entry--in">
      <p className="inbox__entry-who">
        {author} · {formatDateTime(item.at)}
        {item.url && (
          <>
            {' · '}
            <a href={item.url} rel="noreferrer" target="_blank">
              See it on the network
            </a>
          </>
        )}
      </p>
      <p className="inbox__entry-body">{body}</p>
      <AuthorChanges item={item} />
      {foi && (
        <p className="inbox__foi" data-testid="foi-clock">
          FOI request: {foi.clockInWords} (due {foi.dueInWords}).
        </p>
      )}
      {(item.moderation ?? []).map((m) => (
        <p key={`${m.action}-${m.at}`} className="inbox__moderation">
          {{
            hide: 'Hidden on the network',
            unhide: 'Shown again on the network',
            delete: 'Deleted on the network',
          }[m.action] ?? m.action}{' '}
          by {m.by?.name ?? 'someone'}, {formatDateTime(m.at)}. Reason: {m.reason}. Our copy is kept here.
        </p>
      ))}
      {context.canWork && <InboundTools item={item} context={context} marked={!!foi} />}
    </li>
  );
}

function OutboundState({ item, context }: { item: TimelineItem; context: EntryContext }) {
  const { orgId, canWork, role, meId, onChanged } = context;
  const outbound = item.outbound;
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (!outbound) return null;
  const run = async (what: string, change: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await change();
      setSendingBack(false);
      onChanged(what);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const mayApprove =
    outbound.state === 'pending_approval' &&
    APPROVER_ROLES.includes(role) &&
    outbound.author?.id !== meId &&
    (!outbound.approverRoles?.length || outbound.approverRoles.includes(role));
  return (
    <>
      <p className="inbox__reply-state" data-testid="reply-state">
        {replyStateInWords(outbound)}
      </p>
      {outbound.state === 'pending_approval' && outbound.approvalReason && (
        <p className="muted">{outbound.approvalReason}</p>
      )}
      {canWork && outbound.state === 'failed' && (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void run('The reply is going out again.', () => inboxApi.retry(orgId, item.id))}
        >
          Retry
        </button>
      )}
      {mayApprove && !sendingBack && (
        <div className="inbox__actions" role="group" aria-label="Approve this reply">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run('Reply approved: it is going out now.', () => inboxApi.approve(orgId, item.id))
            }
          >
            Approve and send
          </button>
          <button
            ref={opener}
            type="button"
            className="button button--secondary"
            onClick={() => setSendingBack(true)}
          >
            Send back
          </button>
        </div>
      )}
      {sendingBack && (
        <ReasonForm
          what={`This will send the reply back to ${outbound.author?.name ?? 'its author'} as a draft, with your reason. It will not go out.`}
          label="What should change?"
          confirm="Send it back"
          keep="Keep it waiting"
          busy={busy}
          onConfirm={(reason) =>
            void run('Sent back to its author.', () => inboxApi.sendBack(orgId, item.id, reason))
          }
          onKeep={() => {
            setSendingBack(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      )}
      {problem ? <ErrorSummary error={problem} /> : null}
    </>
  );
}

type Asking = 'hide' | 'unhide' | 'delete' | 'foi' | null;

/** On a message from the public: mark it as an FOI request; hide or delete it on the network. */
function InboundTools({
  item,
  context,
  marked,
}: {
  item: TimelineItem;
  context: EntryContext;
  marked: boolean;
}) {
  const { orgId, detail, role, onChanged } = context;
  const [asking, setAsking] = useState<Asking>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const openers = useRef<Record<string, HTMLButtonElement | null>>({});
  const network = NETWORK_NAMES[detail.channel.network] ?? detail.channel.network;
  const publicComment = detail.kind !== 'direct' && !!item.externalId;
  const moderation = item.moderation ?? [];
  const deleted = moderation.some((m) => m.action === 'delete');
  const hidden = !deleted && moderation.length > 0 && moderation[moderation.length - 1].action === 'hide';
  const canHide = publicComment && detail.capabilities.hideComments && !deleted;
  const canDelete =
    publicComment && detail.capabilities.deleteComments && !deleted && APPROVER_ROLES.includes(role);

  const run = async (what: string, change: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await change();
      setAsking(null);
      onChanged(what);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const keep = () => {
    const was = asking;
    setAsking(null);
    requestAnimationFrame(() => (was ? openers.current[was]?.focus() : undefined));
  };
  const button = (kind: Exclude<Asking, null>, label: string) => (
    <button
      ref={(el) => {
        openers.current[kind] = el;
      }}
      type="button"
      className="button button--secondary"
      onClick={() => setAsking(kind)}
    >
      {label}
    </button>
  );

  return (
    <>
      {asking === null && (
        <div className="inbox__actions" role="group" aria-label="Act on this message">
          {!marked && button('foi', 'Mark as an FOI request')}
          {canHide &&
            (hidden ? button('unhide', `Show again on ${network}`) : button('hide', `Hide on ${network}`))}
          {canDelete && button('delete', `Delete on ${network}`)}
        </div>
      )}
      {asking === 'foi' && (
        <div className="inbox__reason" role="group" aria-label="Mark as an FOI request">
          <p>
            This will record the message as a freedom of information request and start its clock: 20 working
            days from the day it came, shown here and under Records.
          </p>
          <div className="inbox__actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              ref={(el) => el?.focus()}
              onClick={() =>
                void run('Marked as an FOI request: its 20-working-day clock has started.', () =>
                  recordsApi.markFoi(orgId, item.id),
                )
              }
            >
              Start the FOI clock
            </button>
            <button type="button" className="button button--secondary" onClick={keep}>
              Not an FOI request
            </button>
          </div>
        </div>
      )}
      {(asking === 'hide' || asking === 'unhide') && (
        <ReasonForm
          what={
            asking === 'hide'
              ? `This will hide the comment on ${network}: the public will no longer see it, but its author and their friends may. Our copy stays here as evidence, with your reason.`
              : `This will show the comment on ${network} to the public again. Your reason is kept with the record.`
          }
          label={asking === 'hide' ? 'Why hide it?' : 'Why show it again?'}
          confirm={asking === 'hide' ? `Hide it on ${network}` : `Show it again on ${network}`}
          keep="Leave it as it is"
          busy={busy}
          onConfirm={(reason) =>
            void run(asking === 'hide' ? `Hidden on ${network}.` : `Shown again on ${network}.`, () =>
              inboxApi.hide(orgId, item.id, reason, asking === 'hide'),
            )
          }
          onKeep={keep}
        />
      )}
      {asking === 'delete' && (
        <ReasonForm
          what={`This will delete the comment on ${network} for everyone, and it cannot be brought back there. Our copy stays here as evidence, with your reason.`}
          label="Why delete it?"
          confirm={`Delete it on ${network}`}
          keep="Keep it"
          busy={busy}
          onConfirm={(reason) =>
            void run(`Deleted on ${network}. Our copy is kept.`, () =>
              inboxApi.deleteOnNetwork(orgId, item.id, reason),
            )
          }
          onKeep={keep}
        />
      )}
      {problem ? <ErrorSummary error={problem} /> : null}
    </>
  );
}
