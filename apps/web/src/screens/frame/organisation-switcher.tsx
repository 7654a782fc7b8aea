import { useState } from 'react';
import { authApi } from '../../api/endpoints';
import { useAnnounce } from '../../components/announcer';
import { Disclosure } from '../../components/disclosure';
import { messageOf } from '../../components/error-summary';
import { ROLE_LABELS } from '../../components/format';
import { useSignedIn } from '../../session/session-context';

/** Shows which organisation you are working in; when you belong to several, lets you switch. */
export function OrganisationSwitcher() {
  const { session, organisation, setSession } = useSignedIn();
  const announce = useAnnounce();
  const [problem, setProblem] = useState('');
  const others = session.memberships.filter((m) => m.organisationId !== organisation.organisationId);

  if (others.length === 0) {
    return (
      <p className="top-bar__organisation">
        <span className="visually-hidden">Organisation: </span>
        {organisation.organisationName}
      </p>
    );
  }

  async function switchTo(organisationId: string, name: string, close: () => void) {
    setProblem('');
    try {
      setSession(await authApi.switchOrganisation(organisationId));
      close();
      announce(`You are now working in ${name}.`);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  return (
    <Disclosure
      className="top-bar__organisation"
      buttonContent={
        <>
          <span className="visually-hidden">Organisation: </span>
          {organisation.organisationName}
          <span className="visually-hidden">. Switch organisation</span>
        </>
      }
    >
      {(close) => (
        <div className="panel">
          <p className="panel__title">Switch organisation</p>
          <ul className="plain-list">
            {others.map((m) => (
              <li key={m.organisationId}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void switchTo(m.organisationId, m.organisationName, close)}
                >
                  {m.organisationName}
                  <span className="muted"> ({ROLE_LABELS[m.role]})</span>
                </button>
              </li>
            ))}
          </ul>
          {problem && <p role="alert">{problem}</p>}
        </div>
      )}
    </Disclosure>
  );
}
