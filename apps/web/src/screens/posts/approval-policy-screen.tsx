import { useState } from 'react';
import { approvalPolicyApi, type ApprovalPolicy } from '../../api/approval-policy';
import type { Role } from '../../api/types';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/field';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { CheckboxField, ReadOnlyNotice, useCanEditSettings, useSave } from '../guardrails/settings-controls';
import { ApprovalPolicyNotice } from './approval-policy-notice';

const COMPOSING_ROLES: { role: Role; label: string }[] = [
  { role: 'editor', label: 'Editors' },
  { role: 'approver', label: 'Approvers' },
  { role: 'admin', label: 'Admins' },
  { role: 'owner', label: 'Owners' },
];

/** Settings → Approval: whose posts need approval, how many approvals, whether approvers may edit. */
export function ApprovalPolicyScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const policy = useApiData(() => approvalPolicyApi.get(orgId), orgId);
  return (
    <>
      <PageHeading title="Approval">
        <p>
          Whose posts need a second pair of eyes before they go out. Authors never approve their own posts.
        </p>
      </PageHeading>
      {policy.error !== null && policy.data === undefined && (
        <LoadFailure what="the approval policy" error={policy.error} retry={() => void policy.reload()} />
      )}
      {policy.data === undefined && policy.loading && <Loading what="the approval policy" />}
      {policy.data && <ApprovalPolicyForm orgId={orgId} initial={policy.data} />}
    </>
  );
}

function ApprovalPolicyForm({ orgId, initial }: { orgId: string; initial: ApprovalPolicy }) {
  const canEdit = useCanEditSettings();
  const [current, setCurrent] = useState(initial);
  const [roles, setRoles] = useState<Role[]>(initial.rolesRequiringApproval);
  const [approvals, setApprovals] = useState(String(initial.approvalsRequired));
  const [mayEdit, setMayEdit] = useState(initial.approversMayEdit);
  const save = useSave(
    () =>
      approvalPolicyApi.save(orgId, {
        rolesRequiringApproval: roles,
        approvalsRequired: Number(approvals),
        approversMayEdit: mayEdit,
      }),
    'Approval policy saved.',
    setCurrent,
  );
  return (
    <>
      <p className="lead">
        {current.reviewerCount === 1
          ? '1 person here can approve posts.'
          : `${current.reviewerCount} people here can approve posts.`}
        {!current.saved && ' Nobody has changed the policy yet, so the safe default applies.'}
      </p>
      <ApprovalPolicyNotice policy={current} onSettings />
      {!canEdit && <ReadOnlyNotice what="the approval policy" />}
      <ErrorSummary error={save.error} />
      <form className="gr-form" noValidate onSubmit={(e) => void save.submit(e)}>
        <fieldset className="gr-fieldset">
          <legend>Posts that need approval</legend>
          {COMPOSING_ROLES.map(({ role, label }) => (
            <CheckboxField
              key={role}
              id={`approval-role-${role}`}
              label={`${label}’ posts`}
              checked={roles.includes(role)}
              disabled={!canEdit}
              onChange={(on) => setRoles((list) => (on ? [...list, role] : list.filter((r) => r !== role)))}
            />
          ))}
        </fieldset>
        <SelectField
          id="approvals-required"
          label="Approvals each post needs"
          value={approvals}
          options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }))}
          onChange={setApprovals}
          hint="From different people, none of them the author."
        />
        <CheckboxField
          id="approvers-may-edit"
          label="Approvers may change a post while approving it"
          hint="The change is shown to the author as a difference."
          checked={mayEdit}
          disabled={!canEdit}
          onChange={setMayEdit}
        />
        <StatusMessage>{save.status}</StatusMessage>
        {canEdit && (
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save the approval policy'}
          </button>
        )}
      </form>
    </>
  );
}
