import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField, TextField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { PASSWORD_RULE } from '../../components/password-rule';
import { PublicLayout } from '../../components/public-layout';
import { useSessionContext } from '../../session/session-context';

const FIELD_IDS = {
  organisationName: 'sign-up-organisation',
  name: 'sign-up-name',
  email: 'sign-up-email',
  password: 'sign-up-password',
};

export function SignUpScreen() {
  const { setSession } = useSessionContext();
  const navigate = useNavigate();
  const [organisationName, setOrganisationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(
        await authApi.signUp({
          organisationName: organisationName.trim(),
          name: name.trim(),
          email: email.trim(),
          password,
        }),
      );
      navigate('/settings/members', { replace: true, state: { welcome: true } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  return (
    <PublicLayout>
      <PageHeading title="Create an account for your organisation">
        <p>
          You will be the owner of your organisation in Outside In. Once you are in, you can invite your
          colleagues.
        </p>
      </PageHeading>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField
          id={FIELD_IDS.organisationName}
          label="Organisation name"
          hint="For example, Anytown Borough Council"
          autoComplete="organization"
          value={organisationName}
          onChange={setOrganisationName}
          error={problem('organisationName')}
        />
        <TextField
          id={FIELD_IDS.name}
          label="Your full name"
          autoComplete="name"
          value={name}
          onChange={setName}
          error={problem('name')}
        />
        <TextField
          id={FIELD_IDS.email}
          label="Your work email address"
          hint="You will use this to sign in."
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={problem('email')}
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
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </PublicLayout>
  );
}
