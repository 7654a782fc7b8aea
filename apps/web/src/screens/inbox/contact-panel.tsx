import { Link, useLocation } from 'react-router-dom';
import type { ConversationDetail, ContactPanel as ContactPanelData } from '../../api/inbox';
import type { Role } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { NETWORK_NAMES } from './inbox-words';
import { RecordTools } from './record-tools';

/** The person beside the conversation: who they are, their other conversations, and the records tools. */
export function ContactPanel({
  orgId,
  csrfToken,
  detail,
  panel,
  role,
  onChanged,
}: {
  orgId: string;
  csrfToken: string;
  detail: ConversationDetail;
  panel: ContactPanelData;
  role: Role;
  onChanged: (what: string) => void;
}) {
  const { search } = useLocation();
  const who = panel.displayName ?? `@${panel.handle}`;
  const others = panel.conversations.filter((c) => c.id !== detail.id);
  return (
    <aside className="inbox__contact" aria-labelledby="contact-heading">
      <h3 id="contact-heading">About {who}</h3>
      <dl>
        <dt>Handle</dt>
        <dd>
          {panel.profileUrl ? (
            <a href={panel.profileUrl} rel="noreferrer" target="_blank">
              @{panel.handle}
            </a>
          ) : (
            `@${panel.handle}`
          )}
        </dd>
        <dt>First seen</dt>
        <dd>{formatDateTime(panel.firstSeenAt)}</dd>
        <dt>Messages from them</dt>
        <dd>{panel.messagesFromThem.toLocaleString('en-GB')}</dd>
        <dt>Conversations</dt>
        <dd>{panel.conversations.length.toLocaleString('en-GB')}</dd>
      </dl>
      {others.length > 0 && (
        <>
          <h4>Their other conversations</h4>
          <ul className="inbox__contact-history">
            {others.map((c) => (
              <li key={c.id}>
                <Link to={{ pathname: `/inbox/${c.id}`, search }}>
                  {NETWORK_NAMES[c.network] ?? c.network}, {c.status}, last {formatDateTime(c.lastMessageAt)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <RecordTools orgId={orgId} csrfToken={csrfToken} detail={detail} role={role} onChanged={onChanged} />
    </aside>
  );
}
