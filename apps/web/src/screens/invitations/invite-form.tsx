import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { organisationApi } from '../../api/endpoints';
import type { CreatedInvitation, Role } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/field';
import { ROLE_DESCRIPTIONS } from '../../components/format';
import { RoleGuide } from '../../components/role-guide';
import { roleOptions } from '../../components/roles';

const FIELD_IDS = { email: 'invite-email', role: 'invite-role' };

interface InviteFormProps {
  orgId: string;
  myRole: Role;
  onCreated: (created: CreatedInvitation) => void;
}

export function InviteForm({ orgId, myRole, onCreated }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await organisationApi.invite(orgId, { email: email.trim(), role }));
      setEmail('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField
          id={FIELD_IDS.email}
          label="Their email address"
          hint="They will sign in with this address."
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={problem('email')}
        />
        <SelectField
          id={FIELD_IDS.role}
          label="Their role"
          hint={ROLE_DESCRIPTIONS[role]}
          value={role}
          options={roleOptions(myRole)}
          onChange={(value) => setRole(value as Role)}
          error={problem('role')}
        />
        <RoleGuide />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating the link…' : 'Create invitation link'}
        </button>
      </form>
    </section>
  );
}
