import { useEffect, useRef } from 'react';
import type { CreatedInvitation } from '../../api/types';
import { CopySecret } from '../../components/copy-secret';
import { roleWithArticle } from '../../components/format';

interface InvitationLinkProps {
  created: CreatedInvitation;
  expires: string;
  organisationName: string;
}

/** The new link, shown once. Focus moves here so the person knows it appeared and can copy it at once. */
export function InvitationLink({ created, expires, organisationName }: InvitationLinkProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [created]);
  const { invitation, link } = created;
  return (
    <section className="notice notice--success" aria-labelledby="link-heading" tabIndex={-1} ref={ref}>
      <h2 id="link-heading">Invitation link for {invitation.email}</h2>
      <p>
        Send this link to {invitation.email}. It lets them join {organisationName} as{' '}
        {roleWithArticle(invitation.role)}. It works once and expires on {expires}.
      </p>
      <p>
        <strong>Copy it now: you will not be able to see it again.</strong> If you lose it, withdraw this
        invitation and create a new one.
      </p>
      <CopySecret label="Invitation link" value={link} />
    </section>
  );
}
