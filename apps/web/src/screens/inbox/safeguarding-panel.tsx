import { formatDateTime } from '../../components/format';
import type { SafeguardingFlag } from '../../api/inbox';
import './safeguarding-panel.css';

function setNames(flag: SafeguardingFlag): string {
  const names = flag.sets.map((set) => `“${set.name}”`);
  if (names.length <= 1) return names[0] ?? 'a safeguarding phrase set';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Shown at the top of a conversation that matched the organisation's safeguarding phrases: what matched, that
 * nothing was sent automatically, and the organisation's runbook, open to read first (a native details element,
 * so it folds away by keyboard too). Words and an icon say it is urgent, never colour alone.
 */
export function SafeguardingPanel({ flag }: { flag: SafeguardingFlag | null | undefined }) {
  if (!flag) return null;
  return (
    <section className="safeguarding-panel" aria-labelledby="safeguarding-heading" data-testid="safeguarding">
      <h3 id="safeguarding-heading">
        <span aria-hidden="true">⚠ </span>Safeguarding: read this before you reply
      </h3>
      <p>
        A message here matched {setNames(flag)} on {formatDateTime(flag.flaggedAt)}. The conversation is
        marked urgent. Nothing has been sent automatically, and nothing will be.
      </p>
      <details open className="safeguarding-panel__runbook">
        <summary>Your organisation’s runbook</summary>
        {/* A long runbook scrolls inside the panel; the box takes focus so a keyboard can scroll it. */}
        <div className="safeguarding-panel__text" role="region" aria-label="Runbook" tabIndex={0}>
          {flag.runbook}
        </div>
      </details>
    </section>
  );
}
