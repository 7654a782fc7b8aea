import type { Role } from '@outside-in/database';

/**
 * What the approval policy means for the people an organisation has.
 *
 * Authors never approve their own posts, so an organisation whose only reviewer is its owner (every new
 * organisation) could never publish under the safe default. The rule here: when nobody else could give an
 * owner's or admin's post the approvals the policy asks for, owners and admins publish directly, and each
 * such post is recorded in the audit log with that reason. This gives them nothing they could not already
 * do, because owners and admins may change the policy themselves. Editors and approvers gain nothing: their
 * posts wait, and `notice` tells everyone (composer and Settings) what would unblock them. A quiet period
 * still requires approval whatever this says.
 */
export interface WhoCanApprove {
  /** Members who may approve (owner, admin, approver). */
  count: number;
  /** Roles the policy names that publish directly because nobody else could approve their posts. */
  publishDirectly: Role[];
  /** Roles whose posts cannot get enough approvals from the members there are. */
  stuck: Role[];
  /** The situation in words, with the way out; null when every role's posts can be approved. */
  notice: string | null;
}

const MAY_CHANGE_POLICY: Role[] = ['owner', 'admin'];
const REVIEWING: Role[] = ['owner', 'admin', 'approver'];

export function whoCanApprove(
  policy: { rolesRequiringApproval: Role[]; approvalsRequired: number },
  members: Partial<Record<Role, number>>,
): WhoCanApprove {
  const count = REVIEWING.reduce((sum, role) => sum + (members[role] ?? 0), 0);
  const publishDirectly: Role[] = [];
  const stuck: Role[] = [];
  for (const role of policy.rolesRequiringApproval) {
    // A reviewer cannot count themselves; an editor's post may be approved by every reviewer.
    const others = REVIEWING.includes(role) ? count - 1 : count;
    if (others >= policy.approvalsRequired) continue;
    if (MAY_CHANGE_POLICY.includes(role)) publishDirectly.push(role);
    // Only worth saying for a role someone has.
    else if (members[role]) stuck.push(role);
  }
  const sentences: string[] = [];
  const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
  if (publishDirectly.length) {
    sentences.push(
      `${count <= 1 ? 'Nobody else here can approve posts' : `Only ${people(count)} can approve posts`}, and authors never approve their own, so posts by ${rolesText(publishDirectly)} go out without approval (each one is recorded in the audit log).`,
    );
  }
  if (stuck.length) {
    sentences.push(
      `Posts by ${rolesText(stuck)} need ${policy.approvalsRequired === 1 ? '1 approval' : `${policy.approvalsRequired} approvals`} but only ${people(count)} can approve them, so they wait.`,
    );
  }
  if (sentences.length) {
    sentences.push(
      'To have a second pair of eyes, invite someone as an approver (Settings, Invitations), or change the number of approvals.',
    );
  }
  return { count, publishDirectly, stuck, notice: sentences.length ? sentences.join(' ') : null };
}

function rolesText(roles: Role[]): string {
  const names = roles.map((r) => `${r}s`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}
