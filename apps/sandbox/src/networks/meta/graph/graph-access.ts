import { GraphError, pageTokenRequired, permissionError, unsupportedRequest } from './graph-error';
import type { GraphCaller } from '../services/meta-auth.service';
import type { MetaPage } from '../store/meta-accounts.repository';

/**
 * Reading a page's content: its own page token, or a user token of its admin. Anyone else gets Graph's
 * deliberately vague "does not exist ... missing permissions" answer.
 */
export function assertCanRead(caller: GraphCaller, page: MetaPage, method: string, id: string): void {
  if (caller.kind === 'page' && caller.pageId === page.id) return;
  if (caller.kind === 'user' && caller.userId === page.admin_user_id) return;
  throw unsupportedRequest(method, id);
}

/**
 * Acting as a page (posting, commenting, hiding, messaging) needs that page's token. A user token of the
 * page's admin is refused with the permission error Graph gives since 2018; the `pageToken` flavour is the
 * (#190) Graph returns for Messenger endpoints.
 */
export function assertActsAsPage(
  caller: GraphCaller,
  page: MetaPage,
  method: string,
  id: string,
  refusal: 'permission' | 'pageToken' = 'permission',
): void {
  if (caller.kind === 'page' && caller.pageId === page.id) return;
  if (caller.kind === 'user' && caller.userId === page.admin_user_id) {
    throw refusal === 'pageToken'
      ? pageTokenRequired()
      : permissionError(
          'If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with ' +
            'sufficient administrative permission',
        );
  }
  throw unsupportedRequest(method, id);
}

/** Instagram Graph calls through Facebook Login: the linked page's token or its admin's user token. */
export function assertCanUseInstagram(caller: GraphCaller, page: MetaPage, method: string, id: string): void {
  if (caller.kind === 'page' && caller.pageId === page.id) return;
  if (caller.kind === 'user' && caller.userId === page.admin_user_id) return;
  throw unsupportedRequest(method, id);
}

export function assertAppToken(caller: GraphCaller, appId: string): void {
  if (caller.kind === 'app' && caller.appId === appId) return;
  throw new GraphError(15, '(#15) This method must be called with an app access_token.');
}
