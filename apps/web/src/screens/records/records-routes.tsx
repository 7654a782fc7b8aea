import { Navigate, NavLink, Outlet, type RouteObject } from 'react-router-dom';
import type { Role } from '../../api/types';
import { useSignedIn } from '../../session/session-context';
import { ExportsScreen } from './exports-screen';
import { FoiRequestsScreen } from './foi-requests-screen';
import { LegalHoldsScreen } from './legal-holds-screen';

/** Who answers FOI and subject-access requests: they see holds and take exports (the API says the same). */
export function canHandleRecords(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'approver';
}

/** Placing and releasing a legal hold is a decision about the organisation's records. */
export function canPlaceHolds(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Everyone who works the inbox can mark a message as an FOI request. */
export function canMarkFoi(role: Role): boolean {
  return role !== 'viewer';
}

/**
 * Records is its own section of the main navigation, not a Settings page: FOI deadlines and legal holds are
 * daily work with a clock, not configuration. How long messages are kept stays in Settings, Retention.
 */
function RecordsLayout() {
  const { organisation } = useSignedIn();
  const pages = [
    { to: '/records/foi-requests', label: 'FOI requests' },
    ...(canHandleRecords(organisation.role)
      ? [
          { to: '/records/legal-holds', label: 'Legal holds' },
          { to: '/records/exports', label: 'Exports' },
        ]
      : []),
  ];
  return (
    <div className="settings">
      <nav aria-label="Records" className="settings__nav">
        <p className="settings__nav-title" aria-hidden="true">
          Records
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

export const RECORDS_ROUTE: RouteObject = {
  path: 'records',
  element: <RecordsLayout />,
  children: [
    { index: true, element: <Navigate to="/records/foi-requests" replace /> },
    { path: 'foi-requests', element: <FoiRequestsScreen /> },
    { path: 'legal-holds', element: <LegalHoldsScreen /> },
    { path: 'exports', element: <ExportsScreen /> },
  ],
};
