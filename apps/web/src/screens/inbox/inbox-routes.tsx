import type { RouteObject } from 'react-router-dom';
import { CannedRepliesScreen } from './canned-replies-screen';
import { InboxScreen } from './inbox-screen';
import { InboxSettingsScreen } from './inbox-settings-screen';
import './inbox.css';

/** The inbox (issue 6), in the frame: the list alone, or with one conversation open beside it. */
// One route with an optional segment, so opening a conversation keeps the list (and its loaded pages) mounted.
// The canned replies page is a fixed segment, which the router ranks above the optional conversation id.
export const INBOX_ROUTES: RouteObject[] = [
  { path: 'inbox/canned-replies', element: <CannedRepliesScreen /> },
  { path: 'inbox/:conversationId?', element: <InboxScreen /> },
];

/** Settings → Inbox: reply approval and round-robin. */
export const INBOX_SETTINGS_ROUTES: RouteObject[] = [{ path: 'inbox', element: <InboxSettingsScreen /> }];
export const INBOX_SETTINGS_PAGES = [{ to: '/settings/inbox', label: 'Inbox' }];
