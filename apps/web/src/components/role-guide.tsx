import { ROLES } from '../api/types';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from './format';

/** What each role can do, in a native details element so it is keyboard-operable without script. */
export function RoleGuide() {
  return (
    <details className="details">
      <summary>What each role can do</summary>
      <dl className="role-guide">
        {ROLES.map((r) => (
          <div key={r}>
            <dt>{ROLE_LABELS[r]}</dt>
            <dd>{ROLE_DESCRIPTIONS[r]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
