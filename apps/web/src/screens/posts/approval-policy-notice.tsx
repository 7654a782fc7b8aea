import { Link } from 'react-router-dom';
import type { ApprovalPolicy } from '../../api/approval-policy';
import { canManageMembers, useSignedIn } from '../../session/session-context';

/**
 * Said where people meet the approval policy (the composer, Settings): when nobody else could approve some
 * posts, what happens instead and the way out. Nothing when everyone's posts can be approved.
 */
export function ApprovalPolicyNotice({
  policy,
  onSettings,
}: {
  policy: ApprovalPolicy;
  onSettings?: boolean;
}) {
  const { organisation } = useSignedIn();
  if (!policy.notice) return null;
  const manager = canManageMembers(organisation);
  return (
    <div className="notice" data-testid="approval-policy-notice">
      <p>{policy.notice}</p>
      {manager && (
        <p className="button-row">
          <Link to="/settings/invitations">Invite an approver</Link>
          {!onSettings && <Link to="/settings/approval-policy">Change the approval policy</Link>}
        </p>
      )}
      {!manager && <p>Only owners and admins can invite people or change the policy: ask one of them.</p>}
    </div>
  );
}
