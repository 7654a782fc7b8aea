import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setSessionEndedHandler } from '../api/client';
import { authApi } from '../api/endpoints';
import type { Membership, Session } from '../api/types';

type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; ended: boolean }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Store a session payload returned by sign-up, sign-in, accept or switch. */
  setSession: (session: Session) => void;
  signOut: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const load = useCallback(() => {
    setState({ status: 'loading' });
    authApi
      .session()
      .then((session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', session });
      })
      .catch((error: unknown) => {
        setCsrfToken(null);
        if (error instanceof ApiError && error.statusCode === 401)
          setState({ status: 'signed-out', ended: false });
        else
          setState({
            status: 'unreachable',
            message: error instanceof ApiError ? error.message : String(error),
          });
      });
  }, []);

  useEffect(() => {
    load();
    // A 401 on any signed-in request means the session lapsed: send the person back to sign in, saying why.
    setSessionEndedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out', ended: true });
    });
    return () => setSessionEndedHandler(null);
  }, [load]);

  const setSession = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.signOut();
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', ended: false });
    }
  }, []);

  const value = useMemo(
    () => ({ state, setSession, signOut, retry: load }),
    [state, setSession, signOut, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside SessionProvider');
  return value;
}

export interface SignedIn {
  session: Session;
  /** The organisation the person is working in; the frame only renders when there is one. */
  organisation: Membership;
  setSession: (session: Session) => void;
  signOut: () => Promise<void>;
}

/** For screens inside the frame, where a session and a current organisation are guaranteed. */
export function useSignedIn(): SignedIn {
  const { state, setSession, signOut } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSignedIn used outside a signed-in screen');
  const organisation = currentMembership(state.session);
  if (!organisation) throw new Error('useSignedIn used without a current organisation');
  return { session: state.session, organisation, setSession, signOut };
}

export function currentMembership(session: Session): Membership | undefined {
  return session.memberships.find((m) => m.organisationId === session.currentOrganisationId);
}

export function canManageMembers(membership: Membership): boolean {
  return membership.role === 'owner' || membership.role === 'admin';
}
