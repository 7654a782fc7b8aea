import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { postsApi } from '../../api/posts';

/** The top bar's link to the notifications, with how many are new in words (asked again on each screen). */
export function NotificationsLink({ organisationId }: { organisationId: string }) {
  const [unread, setUnread] = useState(0);
  const { pathname } = useLocation();
  useEffect(() => {
    let live = true;
    postsApi
      .notifications(organisationId)
      .then((answer) => live && setUnread(answer.unread))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [organisationId, pathname]);
  return (
    <Link to="/notifications" className="top-bar__notifications">
      Notifications{unread > 0 ? ` (${unread} new)` : ''}
    </Link>
  );
}
