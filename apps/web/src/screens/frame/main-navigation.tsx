import { NavLink } from 'react-router-dom';
import { InboxNavCount } from '../inbox/inbox-nav-count';
import { ApprovalsNavCount } from '../posts/approvals-nav-count';

const SECTIONS = [
  { to: '/calendar', label: 'Calendar' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/approvals', label: 'Approvals' },
  { to: '/channels', label: 'Channels' },
  { to: '/reports', label: 'Reports' },
  { to: '/records', label: 'Records' },
  { to: '/settings', label: 'Settings' },
];

/** The left navigation; NavLink marks the current section with aria-current="page". */
export function MainNavigation() {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} className="main-nav__link">
              {s.label}
              {s.to === '/inbox' && <InboxNavCount />}
              {s.to === '/approvals' && <ApprovalsNavCount />}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
