import { useState, type FormEvent, type ReactNode } from 'react';
import { recordsApi, type ContactMatch } from '../../api/records';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';

const NETWORKS: Record<string, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

export function networkName(network: string): string {
  return NETWORKS[network] ?? network;
}

export function contactName(c: Pick<ContactMatch, 'displayName' | 'handle'>): string {
  return c.displayName && c.displayName !== c.handle ? `${c.displayName} (${c.handle})` : c.handle;
}

/** Finds contacts by part of a handle or name; each result shows what `actions` gives it. */
export function ContactSearch({
  orgId,
  idPrefix,
  actions,
}: {
  orgId: string;
  idPrefix: string;
  actions: (contact: ContactMatch) => ReactNode;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ContactMatch[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const found = await recordsApi.findContacts(orgId, query);
      setResults(found.items);
      setSearched(query.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const fieldId = `${idPrefix}-contact-query`;
  return (
    <>
      <ErrorSummary error={error} fieldIds={{ q: fieldId }} />
      <form noValidate onSubmit={(e) => void submit(e)} role="search" aria-label="Contacts">
        <TextField
          id={fieldId}
          label="Handle or name"
          hint="For example @sam or Sam Jones. Part of it is enough."
          value={query}
          onChange={setQuery}
          spellCheck={false}
          width="medium"
        />
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {busy ? 'Searching…' : 'Find contacts'}
        </button>
      </form>
      <div role="status">
        {results !== null &&
          (results.length === 0
            ? `No contacts match “${searched}”.`
            : `${results.length} ${results.length === 1 ? 'contact matches' : 'contacts match'} “${searched}”.`)}
      </div>
      {results && results.length > 0 && (
        <ul className="records-results">
          {results.map((c) => (
            <li key={c.id}>
              <h3>{contactName(c)}</h3>
              <p className="records-meta">
                On {networkName(c.network)}. {c.conversations}{' '}
                {c.conversations === 1 ? 'conversation' : 'conversations'} started, {c.messages}{' '}
                {c.messages === 1 ? 'message' : 'messages'} written.
              </p>
              {actions(c)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
