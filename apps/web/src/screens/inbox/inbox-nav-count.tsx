import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { inboxApi } from '../../api/inbox';
import { useSignedIn } from '../../session/session-context';
import { useInboxEvents } from './use-inbox-events';

/**
 * Beside "Inbox" in the navigation: how many open conversations are assigned to me. Asked again on each screen
 * and when the inbox's event stream says a conversation changed or a message arrived.
 */
export function InboxNavCount() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { pathname } = useLocation();
  const [mine, setMine] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  const ask = () => {
    inboxApi
      .counts(orgId)
      .then((counts) => setMine(counts.mine))
      .catch(() => undefined);
  };
  const askRef = useRef(ask);
  askRef.current = ask;

  useEffect(() => {
    askRef.current();
  }, [orgId, pathname]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useInboxEvents(orgId, (event) => {
    if (event.type === 'presence' || event.type === 'note.created') return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => askRef.current(), 1000);
  });

  if (mine === 0) return null;
  return (
    <span className="main-nav__count" data-testid="inbox-mine">
      {' '}
      ({mine.toLocaleString('en-GB')}
      <span className="visually-hidden"> open and assigned to you</span>)
    </span>
  );
}
