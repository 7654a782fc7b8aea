import { Link, useNavigate } from 'react-router-dom';
import { Disclosure } from '../../components/disclosure';
import { ROLE_LABELS } from '../../components/format';
import { useSignedIn } from '../../session/session-context';

export function UserMenu() {
  const { session, organisation, signOut } = useSignedIn();
  const navigate = useNavigate();
  return (
    <Disclosure
      className="top-bar__user"
      buttonContent={
        <>
          <span className="visually-hidden">Your account: </span>
          {session.user.name}
        </>
      }
    >
      {(close) => (
        <div className="panel panel--end">
          <p className="panel__title">{session.user.name}</p>
          <p className="muted">
            {session.user.email}
            <br />
            {ROLE_LABELS[organisation.role]} in {organisation.organisationName}
          </p>
          <ul className="plain-list">
            <li>
              <Link to="/settings/api-tokens" onClick={close}>
                Your API tokens
              </Link>
            </li>
            <li>
              <button
                type="button"
                className="link-button"
                onClick={() => void signOut().then(() => navigate('/sign-in', { replace: true }))}
              >
                Sign out
              </button>
            </li>
          </ul>
        </div>
      )}
    </Disclosure>
  );
}
