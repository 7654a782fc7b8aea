import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField, TextField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { PublicLayout } from '../../components/public-layout';
import { useSafeNext } from '../../components/use-safe-next';
import { useSessionContext } from '../../session/session-context';

const FIELD_IDS = { email: 'sign-in-email', password: 'sign-in-password' };

export function SignInScreen() {
  const { state, setSession } = useSessionContext();
  const navigate = useNavigate();
  const next = useSafeNext();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sessionEnded = state.status === 'signed-out' && state.ended;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await authApi.signIn({ email: email.trim(), password }));
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  // Already signed in (a bookmark, the back button): carry on to where they were going.
  if (state.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  return (
    <PublicLayout>
      <PageHeading title="Sign in" />
      {sessionEnded && !error && (
        <p className="notice" role="status">
          Your session has ended. Sign in again to carry on where you were.
        </p>
      )}
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField
          id={FIELD_IDS.email}
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={problem('email')}
        />
        <PasswordField
          id={FIELD_IDS.password}
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={problem('password')}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New to Outside In? <Link to="/sign-up">Create an account for your organisation</Link>.
      </p>
      <p className="muted">
        Joining a colleague&apos;s organisation? Open the invitation link they sent you.
      </p>
    </PublicLayout>
  );
}
