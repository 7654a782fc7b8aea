import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { PublicLayout } from '../components/public-layout';
import { currentMembership, useSessionContext } from './session-context';

/** Screens inside the frame need a session and an organisation; this says what to do when either is missing. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, signOut } = useSessionContext();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <PublicLayout>
        <Loading what="Outside In" />
      </PublicLayout>
    );
  }
  if (state.status === 'unreachable') return <Unreachable message={state.message} />;
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const to = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (!currentMembership(state.session)) {
    return (
      <PublicLayout>
        <PageHeading title="You are not in an organisation">
          <p>
            You are signed in as {state.session.user.email}, but you are not a member of any organisation at
            the moment. Ask a colleague to invite you, then open the link they send you.
          </p>
        </PageHeading>
        <button type="button" className="button button--secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </PublicLayout>
    );
  }
  return <>{children}</>;
}

function Unreachable({ message }: { message: string }) {
  const { retry } = useSessionContext();
  return (
    <PublicLayout>
      <PageHeading title="We could not reach Outside In" />
      <p role="alert">{message}</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </PublicLayout>
  );
}
