import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { postsApi } from '../../api/posts';
import { useSignedIn } from '../../session/session-context';

/** Fired by the Approvals screen after a decision, so the count does not wait for the next screen. */
export const APPROVALS_CHANGED = 'outside-in:approvals-changed';

/**
 * Beside "Approvals" in the navigation: how many posts wait for my decision (not my own; nothing for roles that
 * do not review). Asked again on each screen and after a decision, as InboxNavCount does for the inbox.
 */
export function ApprovalsNavCount() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { pathname } = useLocation();
  const [waiting, setWaiting] = useState(0);
  const ask = useRef<() => void>(() => undefined);
  ask.current = () => {
    postsApi
      .approvalCount(orgId)
      .then((count) => setWaiting(count.waiting))
      .catch(() => undefined);
  };

  useEffect(() => {
    ask.current();
  }, [orgId, pathname]);
  useEffect(() => {
    const changed = () => ask.current();
    window.addEventListener(APPROVALS_CHANGED, changed);
    return () => window.removeEventListener(APPROVALS_CHANGED, changed);
  }, []);

  if (waiting === 0) return null;
  return (
    <span className="main-nav__count" data-testid="approvals-waiting">
      {' '}
      ({waiting.toLocaleString('en-GB')}
      <span className="visually-hidden"> waiting for you</span>)
    </span>
  );
}
