import { useState } from 'react';
import { auditApi } from '../../api/endpoints';
import type { AuditVerification } from '../../api/types';
import { messageOf } from '../../components/error-summary';

/** Checks the hash chain on demand and reports the outcome in a sentence, never as a bare tick or cross. */
export function VerifyPanel({ orgId }: { orgId: string }) {
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setFailure('');
    setResult(null);
    try {
      setResult(await auditApi.verify(orgId));
    } catch (err) {
      setFailure(`We could not check the log. ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Check the log is intact</h2>
      <p>
        This checks every event in the log against the chain, and tells you if any was changed or deleted.
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => void verify()}
      >
        {busy ? 'Checking…' : 'Verify integrity'}
      </button>
      <div role="status" className="verify-result">
        {result?.ok && (
          <p className="status status--success">
            <span aria-hidden="true">✓ </span>
            {result.message}
          </p>
        )}
      </div>
      <div role="alert">
        {result && !result.ok && (
          <div className="notice notice--problem">
            <p>
              <span aria-hidden="true">⚠ </span>
              <strong>Some events do not match the chain.</strong> {result.message}
            </p>
            {result.problems.length > 0 && (
              <ul>
                {result.problems.map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    Event {p.seq}: {p.problem}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {failure && <p className="notice notice--problem">{failure}</p>}
      </div>
    </section>
  );
}
