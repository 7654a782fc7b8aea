import { useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { organisationApi } from '../../api/endpoints';
import type { Member } from '../../api/types';
import { formatDate, roleWithArticle } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { RoleGuide } from '../../components/role-guide';
import { StatusMessage } from '../../components/status-message';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { useOrganisationDetails } from '../../session/organisation-context';
import { canManageMembers, useSignedIn } from '../../session/session-context';
import { MemberRow } from './member-row';

export function MembersScreen() {
  const { session, organisation } = useSignedIn();
  const { timeZone } = useOrganisationDetails();
  const orgId = organisation.organisationId;
  const members = useApiData(() => organisationApi.members(orgId), orgId);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const welcome = (useLocation().state as { welcome?: boolean } | null)?.welcome === true;
  const manage = canManageMembers(organisation);

  async function changed(message: string, moveFocus: boolean) {
    setStatus(message);
    await members.reload();
    if (moveFocus) statusRef.current?.focus();
  }

  return (
    <>
      <PageHeading title="Members">
        <p>The people in {organisation.organisationName} and the role each one has.</p>
      </PageHeading>
      {welcome && (
        <div className="notice">
          <p>
            {organisation.organisationName} is set up, and you are its owner. Next,{' '}
            <Link to="/settings/invitations">invite your colleagues</Link>.
          </p>
        </div>
      )}
      {manage && !welcome && (
        <p>
          <Link to="/settings/invitations">Invite someone to join</Link>
        </p>
      )}
      <RoleGuide />
      <div ref={statusRef} tabIndex={-1} className="focus-target">
        <StatusMessage>{status}</StatusMessage>
      </div>
      {members.error !== null && members.data === undefined && (
        <LoadFailure what="the members" error={members.error} retry={() => void members.reload()} />
      )}
      {members.data === undefined && members.loading && <Loading what="members" />}
      {members.data && (
        <TableScroller label="Members">
          <table className="table">
            <caption className="visually-hidden">
              Members of {organisation.organisationName}, {members.data.items.length} in all
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manage && <th scope="col">Remove</th>}
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((m: Member) => (
                <MemberRow
                  key={m.userId}
                  member={m}
                  isSelf={m.userId === session.user.id}
                  myRole={organisation.role}
                  manage={manage}
                  orgId={orgId}
                  organisationName={organisation.organisationName}
                  joined={formatDate(m.joinedAt, timeZone)}
                  onRoleChanged={(updated) =>
                    void changed(`${updated.name} is now ${roleWithArticle(updated.role)}.`, false)
                  }
                  onRemoved={() =>
                    void changed(`${m.name} has been removed from ${organisation.organisationName}.`, true)
                  }
                />
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}
