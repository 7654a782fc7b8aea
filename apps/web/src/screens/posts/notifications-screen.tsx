import { useState } from 'react';
import { Link } from 'react-router-dom';
import { postsApi } from '../../api/posts';
import { messageOf } from '../../components/error-summary';
import { formatDateTime } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';

/** What happened to my posts and what waits for me: submitted, approved, changes requested, rejected. */
export function NotificationsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const { timeZone } = useOrganisationDetails();
  const list = useApiData(() => postsApi.notifications(orgId), orgId);
  const [message, setMessage] = useState('');

  async function readAll() {
    try {
      await postsApi.readAllNotifications(orgId);
      setMessage('All notifications are marked as read.');
      await list.reload();
    } catch (err) {
      setMessage(messageOf(err));
    }
  }

  return (
    <>
      <PageHeading title="Notifications" />
      <StatusMessage>{message}</StatusMessage>
      {list.error ? (
        <LoadFailure what="your notifications" error={list.error} retry={() => void list.reload()} />
      ) : !list.data ? (
        <Loading what="your notifications" />
      ) : list.data.items.length === 0 ? (
        <p>You have no notifications.</p>
      ) : (
        <>
          <p>{list.data.unread === 0 ? 'You have read them all.' : `${list.data.unread} not read yet.`}</p>
          {list.data.unread > 0 && (
            <button type="button" className="button button--secondary" onClick={() => void readAll()}>
              Mark all as read
            </button>
          )}
          <ul className="plain-list history">
            {list.data.items.map((n) => (
              <li key={n.id} className="notification">
                {!n.readAt && <strong>New: </strong>}
                {n.postId ? <Link to={`/posts/${n.postId}`}>{n.message}</Link> : n.message}{' '}
                <span className="muted">{formatDateTime(n.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
