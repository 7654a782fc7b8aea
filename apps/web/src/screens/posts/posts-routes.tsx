import type { RouteObject } from 'react-router-dom';
import { ApprovalsScreen } from './approvals-screen';
import { CalendarScreen } from './calendar-screen';
import { ComposerScreen } from './composer-screen';
import { NotificationsScreen } from './notifications-screen';
import { PostScreen } from './post-screen';
import './posts.css';

/** The publishing screens (issue 5), in the frame. */
export const POSTS_ROUTES: RouteObject[] = [
  { path: 'calendar', element: <CalendarScreen /> },
  { path: 'approvals', element: <ApprovalsScreen /> },
  { path: 'posts/new', element: <ComposerScreen /> },
  { path: 'posts/:postId/edit', element: <ComposerScreen /> },
  { path: 'posts/:postId', element: <PostScreen /> },
  { path: 'notifications', element: <NotificationsScreen /> },
];
