import { NavLink, Outlet } from 'react-router-dom';
import { canManageMembers, useSignedIn } from '../../session/session-context';
import { GUARDRAIL_SETTINGS_PAGES } from '../guardrails/guardrail-settings-routes';
import { INBOX_SETTINGS_PAGES } from '../inbox/inbox-routes';

/** Settings has its own list of pages; the page you are on is marked with aria-current. */
export function SettingsLayout() {
  const { organisation } = useSignedIn();
  const pages = [
    { to: '/settings/members', label: 'Members' },
    ...(canManageMembers(organisation) ? [{ to: '/settings/invitations', label: 'Invitations' }] : []),
    { to: '/settings/approval-policy', label: 'Approval' },
    ...INBOX_SETTINGS_PAGES,
    ...GUARDRAIL_SETTINGS_PAGES,
    { to: '/settings/api-tokens', label: 'API tokens' },
    { to: '/settings/audit-log', label: 'Audit log' },
  ];
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings__nav">
        <p className="settings__nav-title" aria-hidden="true">
          Settings
        </p>
        <ul>
          {pages.map((p) => (
            <li key={p.to}>
              <NavLink to={p.to} className="settings__link">
                {p.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__content">
        <Outlet />
      </div>
    </div>
  );
}
