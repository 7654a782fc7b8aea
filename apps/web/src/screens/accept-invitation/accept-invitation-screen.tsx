import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { invitationApi } from '../../api/endpoints';
import type { InvitationPreview } from '../../api/types';
import { ErrorSummary, messageOf } from '../../components/error-summary';
import { PasswordField, TextField } from '../../components/field';
import { formatDateTime, ROLE_DESCRIPTIONS, roleWithArticle } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { PASSWORD_RULE } from '../../components/password-rule';
import { PublicLayout } from '../../components/public-layout';
import { useSessionContext } from '../../session/session-context';

const FIELD_IDS = { name: 'accept-name', password: 'accept-password' };

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; preview: InvitationPreview };

function failureText(error: unknown): string {
  if (error instanceof ApiError && error.statusCode === 404) {
    return 'We could not find this invitation. Check that you copied the whole link, or ask the person who invited you for a new one.';
  }
  return messageOf(error);
}

export function AcceptInvitationScreen() {
  const { token = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    invitationApi
      .preview(token)
      .then((preview) => live && setLoaded({ status: 'ready', preview }))
      .catch((error: unknown) => live && setLoaded({ status: 'failed', error }));
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <PublicLayout>
      <PageHeading title="Accept your invitation" />
      {loaded.status === 'loading' && <Loading what="your invitation" />}
      {loaded.status === 'failed' && (
        <div className="notice notice--problem" role="alert">
          <p>{failureText(loaded.error)}</p>
        </div>
      )}
      {loaded.status === 'ready' && <InvitationDetails token={token} preview={loaded.preview} />}
    </PublicLayout>
  );
}

function InvitationDetails({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { signOut } = useSessionContext();
  const signedInAsInvitee = preview.signedInAs?.toLowerCase() === preview.email.toLowerCase();
  const next = encodeURIComponent(`/invitations/${token}`);

  return (
    <>
      <p className="lead">
        You have been invited to join <strong>{preview.organisationName}</strong> as{' '}
        {roleWithArticle(preview.role)}.
      </p>
      <dl className="summary-list">
        <div>
          <dt>Invitation for</dt>
          <dd>{preview.email}</dd>
        </div>
        <div>
          <dt>Your role</dt>
          <dd>{ROLE_DESCRIPTIONS[preview.role]}</dd>
        </div>
        <div>
          <dt>Link expires</dt>
          <dd>{formatDateTime(preview.expiresAt)}</dd>
        </div>
      </dl>

      {!preview.accountExists && <CreateAccountForm token={token} preview={preview} />}
      {preview.accountExists && signedInAsInvitee && <JoinForm token={token} preview={preview} />}
      {preview.accountExists && !signedInAsInvitee && (
        <section aria-labelledby="sign-in-first">
          <h2 id="sign-in-first">Sign in to accept</h2>
          {preview.signedInAs ? (
            <>
              <p>
                You are signed in as {preview.signedInAs}, but this invitation is for {preview.email}. Sign
                out, then sign in as {preview.email}.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => void signOut().then(() => window.location.assign(`/sign-in?next=${next}`))}
              >
                Sign out
              </button>
            </>
          ) : (
            <p>
              {preview.email} already has an Outside In account.{' '}
              <Link to={`/sign-in?next=${next}`}>Sign in as {preview.email}</Link> and you will come back here
              to accept.
            </p>
          )}
        </section>
      )}
    </>
  );
}

function useAccept(token: string) {
  const { setSession } = useSessionContext();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function accept(input: { name?: string; password?: string }) {
    setBusy(true);
    setError(null);
    try {
      setSession(await invitationApi.accept(token, input));
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return { accept, error, busy };
}

function CreateAccountForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { accept, error, busy } = useAccept(token);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    void accept({ name: name.trim(), password });
  }

  return (
    <section aria-labelledby="create-account">
      <h2 id="create-account">Create your account</h2>
      <p>You will sign in with {preview.email}.</p>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id={FIELD_IDS.name}
          label="Your full name"
          autoComplete="name"
          value={name}
          onChange={setName}
          error={problem('name')}
        />
        <PasswordField
          id={FIELD_IDS.password}
          label="Create a password"
          hint={PASSWORD_RULE}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={problem('password')}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Joining…' : `Create account and join ${preview.organisationName}`}
        </button>
      </form>
    </section>
  );
}

function JoinForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { accept, error, busy } = useAccept(token);
  return (
    <section aria-labelledby="join">
      <h2 id="join">Join {preview.organisationName}</h2>
      <p>You are signed in as {preview.email}.</p>
      <ErrorSummary error={error} />
      <button type="button" className="button" disabled={busy} onClick={() => void accept({})}>
        {busy ? 'Joining…' : `Join ${preview.organisationName}`}
      </button>
    </section>
  );
}
