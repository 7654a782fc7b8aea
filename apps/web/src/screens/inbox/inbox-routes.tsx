import type { RouteObject } from 'react-router-dom';
import { InboxScreen } from './inbox-screen';
import './inbox.css';

/** The inbox (issue 6), in the frame: the list alone, or with one conversation open beside it. */
// One route with an optional segment, so opening a conversation keeps the list (and its loaded pages) mounted.
export const INBOX_ROUTES: RouteObject[] = [{ path: 'inbox/:conversationId?', element: <InboxScreen /> }];
