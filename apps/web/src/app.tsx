import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { AnnouncerProvider } from './components/announcer';
import { RouteFocus } from './components/route-focus';
import { AcceptInvitationScreen } from './screens/accept-invitation/accept-invitation-screen';
import { ApiTokensScreen } from './screens/api-tokens/api-tokens-screen';
import { AuditLogScreen } from './screens/audit-log/audit-log-screen';
import { ChannelsScreen } from './screens/channels/channels-screen';
import { AppFrame } from './screens/frame/app-frame';
import { GUARDRAIL_SETTINGS_ROUTES } from './screens/guardrails/guardrail-settings-routes';
import { INBOX_ROUTES, INBOX_SETTINGS_ROUTES } from './screens/inbox/inbox-routes';
import { InvitationsScreen } from './screens/invitations/invitations-screen';
import { MembersScreen } from './screens/members/members-screen';
import { NotFoundScreen } from './screens/not-found/not-found-screen';
import { PLACEHOLDERS, PlaceholderScreen } from './screens/placeholders/placeholder-screen';
import { POSTS_ROUTES } from './screens/posts/posts-routes';
import { RECORDS_ROUTE } from './screens/records/records-routes';
import { REPORTS_ROUTE } from './screens/reports/reports-screen';
import { SettingsLayout } from './screens/settings/settings-layout';
import { ApprovalPolicyScreen } from './screens/posts/approval-policy-screen';
import { SignInScreen } from './screens/sign-in/sign-in-screen';
import { SignUpScreen } from './screens/sign-up/sign-up-screen';
import { RequireSession } from './session/require-session';
import { SessionProvider } from './session/session-context';

function Root() {
  return (
    <>
      <RouteFocus />
      <Outlet />
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/sign-in', element: <SignInScreen /> },
      { path: '/sign-up', element: <SignUpScreen /> },
      { path: '/invitations/:token', element: <AcceptInvitationScreen /> },
      {
        path: '/',
        element: (
          <RequireSession>
            <AppFrame />
          </RequireSession>
        ),
        children: [
          { index: true, element: <Navigate to="/calendar" replace /> },
          ...Object.entries(PLACEHOLDERS).map(([path, p]) => ({
            path,
            element: <PlaceholderScreen title={p.title} sentence={p.sentence} />,
          })),
          { path: 'channels', element: <ChannelsScreen /> },
          ...INBOX_ROUTES,
          ...POSTS_ROUTES,
          RECORDS_ROUTE,
          REPORTS_ROUTE,
          {
            path: 'settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="/settings/members" replace /> },
              { path: 'members', element: <MembersScreen /> },
              { path: 'invitations', element: <InvitationsScreen /> },
              { path: 'api-tokens', element: <ApiTokensScreen /> },
              { path: 'audit-log', element: <AuditLogScreen /> },
              { path: 'approval-policy', element: <ApprovalPolicyScreen /> },
              ...GUARDRAIL_SETTINGS_ROUTES,
              ...INBOX_SETTINGS_ROUTES,
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
]);

export function App() {
  return (
    <AnnouncerProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </AnnouncerProvider>
  );
}
