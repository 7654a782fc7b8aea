import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { organisationApi } from '../../api/endpoints';
import type { CreatedApiToken } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/field';

const FIELD_IDS = { name: 'token-name', expiresInDays: 'token-expiry' };

const EXPIRY_OPTIONS = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never (not recommended)' },
];

export function CreateTokenForm({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated: (c: CreatedApiToken) => void;
}) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problem = (field: string) => (error instanceof ApiError ? error.problemWith(field) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const expiresInDays = expiry === 'never' ? undefined : Number(expiry);
      onCreated(await organisationApi.createApiToken(orgId, { name: name.trim(), expiresInDays }));
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField
          id={FIELD_IDS.name}
          label="Token name"
          hint="So you can tell your tokens apart, for example “Weekly report spreadsheet”."
          autoComplete="off"
          value={name}
          onChange={setName}
          error={problem('name')}
        />
        <SelectField
          id={FIELD_IDS.expiresInDays}
          label="Expires"
          value={expiry}
          options={EXPIRY_OPTIONS}
          onChange={setExpiry}
          error={problem('expiresInDays')}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating the token…' : 'Create token'}
        </button>
      </form>
    </section>
  );
}
