import { useState } from 'react';
import { Link } from 'react-router-dom';
import { organisationApi } from '../../api/endpoints';
import type { CreatedInvitation, Invitation } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { formatDate, formatDateTime, ROLE_LABELS } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { VisuallyHidden } from '../../components/visually-hidden';
import { useOrganisationDetails } from '../../session/organisation-context';
import { canManageMembers, useSignedIn } from '../../session/session-context';
import { InviteForm } from './invite-form';
import { InvitationLink } from './invitation-link';

export function InvitationsScreen() {
  const { organisation } = useSignedIn();
  if (!canManageMembers(organisation)) {
    return (
      <>
        <PageHeading title="Invitations" />
        <p>
          Only owners and admins can invite people to {organisation.organisationName}. Ask one of them; you
          can see who they are on the <Link to="/settings/members">Members</Link> page.
        </p>
      </>
    );
  }
  return <ManageInvitations />;
}

function ManageInvitations() {
  const { organisation } = useSignedIn();
  const { timeZone } = useOrganisationDetails();
  const orgId = organisation.organisationId;
  const pending = useApiData(() => organisationApi.invitations(orgId), orgId);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [status, setStatus] = useState('');
  const [rowProblem, setRowProblem] = useState('');

  async function withdraw(invitation: Invitation) {
    setRowProblem('');
    try {
      await organisationApi.revokeInvitation(orgId, invitation.id);
      if (created?.invitation.id === invitation.id) setCreated(null);
      setStatus(`The invitation for ${invitation.email} has been withdrawn. Its link no longer works.`);
      await pending.reload();
    } catch (err) {
      setRowProblem(messageOf(err));
    }
  }

  return (
    <>
      <PageHeading title="Invitations">
        <p>
          Invite a colleague to {organisation.organisationName}. You get a link to send them yourself, by
          email or chat. It works once.
        </p>
      </PageHeading>

      <InviteForm
        orgId={orgId}
        myRole={organisation.role}
        onCreated={(result) => {
          setCreated(result);
          setStatus('');
          void pending.reload();
        }}
      />
      {created && (
        <InvitationLink
          created={created}
          expires={formatDateTime(created.invitation.expiresAt, timeZone)}
          organisationName={organisation.organisationName}
        />
      )}

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting to be accepted</h2>
        <StatusMessage>{status}</StatusMessage>
        {rowProblem && (
          <p className="notice notice--problem" role="alert">
            {rowProblem}
          </p>
        )}
        {pending.error !== null && pending.data === undefined && (
          <LoadFailure what="the invitations" error={pending.error} retry={() => void pending.reload()} />
        )}
        {pending.data === undefined && pending.loading && <Loading what="invitations" />}
        {pending.data && pending.data.items.length === 0 && <p>No invitations are waiting to be accepted.</p>}
        {pending.data && pending.data.items.length > 0 && (
          <TableScroller label="Invitations waiting to be accepted">
            <table className="table">
              <caption className="visually-hidden">Invitations waiting to be accepted</caption>
              <thead>
                <tr>
                  <th scope="col">Email address</th>
                  <th scope="col">Role</th>
                  <th scope="col">Invited by</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Withdraw</th>
                </tr>
              </thead>
              <tbody>
                {pending.data.items.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row" className="break-anywhere">
                      {inv.email}
                    </th>
                    <td>{ROLE_LABELS[inv.role] ?? inv.role}</td>
                    <td>{inv.invitedBy ?? 'Someone who has since left'}</td>
                    <td>{formatDate(inv.expiresAt, timeZone)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--warning button--compact"
                        onClick={() => void withdraw(inv)}
                      >
                        Withdraw<VisuallyHidden> the invitation for {inv.email}</VisuallyHidden>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
      <p className="muted">
        Once someone accepts, they appear on the <Link to="/settings/members">Members</Link> page with the
        role you chose.
      </p>
    </>
  );
}
