import { Link } from 'react-router-dom';
import type { QuietPeriod } from '../../api/guardrails';
import { useSignedIn } from '../../session/session-context';
import { composerStart } from '../posts/composer-start';

const COMPOSING_ROLES = ['owner', 'admin', 'approver', 'editor'];

/**
 * "Write the explainer post": opens the composer with the period's "why we are quieter" text filled in,
 * for the people who may write posts. It is an ordinary draft from there: adapted, approved, scheduled.
 */
export function ExplainerPostLink({ period }: { period: Pick<QuietPeriod, 'name' | 'explainerTemplate'> }) {
  const { organisation } = useSignedIn();
  if (!COMPOSING_ROLES.includes(organisation.role)) return null;
  return (
    <p>
      <Link
        to="/posts/new"
        state={composerStart(`Why we are quieter: ${period.name}`, period.explainerTemplate)}
        className="button button--secondary"
      >
        Write the explainer post for {period.name}
      </Link>
    </p>
  );
}
