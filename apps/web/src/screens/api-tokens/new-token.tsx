import { useEffect, useRef } from 'react';
import type { CreatedApiToken } from '../../api/types';
import { CopySecret } from '../../components/copy-secret';

/** The token itself, shown this once; focus moves here so it is not missed. */
export function NewToken({ created }: { created: CreatedApiToken }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [created]);
  return (
    <section className="notice notice--success" aria-labelledby="new-token-heading" tabIndex={-1} ref={ref}>
      <h2 id="new-token-heading">Your new token “{created.apiToken.name}”</h2>
      <p>
        <strong>Copy it now: you will not be able to see it again.</strong> Send it with each request in the
        header <code>Authorization: Bearer</code> followed by the token; the{' '}
        <a href="/api/docs">API documentation</a> has the rest.
      </p>
      <CopySecret label="API token" value={created.token} />
    </section>
  );
}
